"""Property-based tests of the renderers: any text in any field stays inert text in its cell."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser
from types import MappingProxyType

import markdown
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas.load import ResultRecord, load_catalog
from atlas.render.benchmark import benchmark_page
from atlas.render.context import Ctx
from atlas.render.family import family_page

CATALOG = load_catalog(FIXTURES / "valid")
# What the renderers themselves produce; anything else in the output came from the data.
ALLOWED_TAGS = {
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "span",
    "sup",
    "p",
    "em",
    "h2",
    "h3",
    "div",
    "dl",
    "dt",
    "dd",
    "ul",
    "ol",
    "li",
    "details",
    "summary",
    "strong",
    "br",
    "pre",
    "code",
}
ALLOWED_ATTRS = {
    "href",
    "title",
    "class",
    "id",
    "lang",
    "value",
    "data-atlas-sticky",
    "data-search-exclude",
}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.rows, self.text = [], [], [], []
        self._cell = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        self.text.append(data)


def render(md: str) -> Page:
    page = Page()
    page.feed(markdown.markdown(md, extensions=["tables", "attr_list", "md_in_html", "toc"]))
    return page


def check_inert(page: Page, value: str) -> None:
    assert set(page.tags) <= ALLOWED_TAGS, set(page.tags) - ALLOWED_TAGS
    for name, attr_value in page.attrs:
        assert name in ALLOWED_ATTRS, name
        if name == "href":
            assert attr_value.startswith(("#", "https://", "http://", "../", "toy")), attr_value
    folded = " ".join(value.split())
    if folded:
        assert folded in " ".join("".join(page.text).split()), (
            folded
        )  # shown as text, never dropped


# Any text the schema accepts: no control, zero-width or text-direction characters (the
# loader refuses those with a message; see test_load.py).
FORBIDDEN = set(
    "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=FORBIDDEN),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip())
hostile = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '"><svg onload=alert(1)>',
        "a | b",
        "[x](javascript:alert(1))",
        "{{ 7*7 }}",
        "{% for x in y %}",
        "`code`",
        "*em* __strong__",
        "line\nbreak",
        "&lt;&amp;",
        "<!-- c -->",
        "---",
        "\\|",
    ]
)
values = st.one_of(
    texts, hostile, st.lists(st.one_of(texts, hostile), min_size=1, max_size=3).map(" ".join)
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(values)
def test_variant_name_and_note(value):
    fam = CATALOG.families["toy"]
    variants = [fam.variants[0].model_copy(update={"name": value, "note": value}), fam.variants[1]]
    cat = replace(
        CATALOG, families=MappingProxyType({"toy": fam.model_copy(update={"variants": variants})})
    )
    check_inert(render(family_page(Ctx(cat, "models/toy.md"), "toy")), value)


@SETTINGS
@given(values)
def test_family_license_objective_and_organization(value):
    fam = CATALOG.families["toy"].model_copy(update={"objective": value})
    org = CATALOG.organizations["toy-lab"].model_copy(update={"name": value})
    lic = CATALOG.licenses["toy-license"].model_copy(update={"name": value})
    cat = replace(
        CATALOG,
        families=MappingProxyType({"toy": fam}),
        organizations=MappingProxyType({**CATALOG.organizations, "toy-lab": org}),
        licenses=MappingProxyType({"toy-license": lic}),
    )
    page = render(family_page(Ctx(cat, "models/toy.md"), "toy"))
    check_inert(page, value)
    folded = " ".join(value.split())
    assert (
        sum(folded in " ".join(r) for r in page.rows) >= 2
    )  # in the facts table at least: objective and organization


@SETTINGS
@given(values, values)
def test_result_note_and_source_title(note, title):
    recs = [
        ResultRecord(rec.source, rec.result.model_copy(update={"note": note}), rec.own)
        for rec in CATALOG.results
    ]
    src = CATALOG.sources["doe2023toy"].model_copy(update={"title": title, "short": title})
    by_variant: dict = {}
    by_bench: dict = {}
    for rec in recs:
        by_variant.setdefault(rec.result.model, []).append(rec)
        by_bench.setdefault(rec.result.benchmark, []).append(rec)
    labels = {**CATALOG.source_labels, "doe2023toy": title}
    cat = replace(
        CATALOG,
        results=tuple(recs),
        results_by_variant=MappingProxyType({k: tuple(v) for k, v in by_variant.items()}),
        results_by_benchmark=MappingProxyType({k: tuple(v) for k, v in by_bench.items()}),
        sources=MappingProxyType({**CATALOG.sources, "doe2023toy": src}),
        source_labels=MappingProxyType(labels),
    )
    check_inert(render(family_page(Ctx(cat, "models/toy.md"), "toy")), note)
    board = render(benchmark_page(Ctx(cat, "benchmarks/toybench.md"), "toybench"))
    check_inert(board, title)
