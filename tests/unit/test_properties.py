"""Property-based tests of the renderers: any text in any field stays inert text in its cell."""
from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser
from types import MappingProxyType

import markdown
from hypothesis import HealthCheck, given, settings, strategies as st

from atlas.load import ResultRecord, load_catalog
from atlas.render.benchmark import leaderboard
from atlas.render.context import Ctx
from atlas.render.family import family_facts, family_results, variants_table

from conftest import FIXTURES

CATALOG = load_catalog(FIXTURES / "valid")
# What the renderers themselves produce; anything else in the output came from the data.
ALLOWED_TAGS = {"table", "thead", "tbody", "tr", "th", "td", "a", "span", "sup", "p", "em", "h3"}
ALLOWED_ATTRS = {"href", "title", "class", "style", "id"}


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


def check_inert(page: Page, value: str, columns: int, rows: int) -> None:
    assert set(page.tags) <= ALLOWED_TAGS, set(page.tags) - ALLOWED_TAGS
    for name, attr_value in page.attrs:
        assert name in ALLOWED_ATTRS, name
        if name == "href":
            assert attr_value.startswith(("#src-", "https://", "http://", "../", "toy")), attr_value
    assert len(page.rows) == rows and all(len(r) == columns for r in page.rows), page.rows
    folded = " ".join(value.split())
    if folded:
        assert any(folded in cell for row in page.rows for cell in row), (folded, page.rows)


# Any text the schema accepts: no control, zero-width or text-direction characters (the
# loader refuses those with a message; see test_load.py).
FORBIDDEN = set("\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=FORBIDDEN), min_size=1, max_size=60).filter(lambda t: t.strip())
hostile = st.sampled_from(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "a | b", "[x](javascript:alert(1))",
                           "{{ 7*7 }}", "{% for x in y %}", "`code`", "*em* __strong__", "line\nbreak", "&lt;&amp;", "<!-- c -->", "---", "\\|"])
values = st.one_of(texts, hostile, st.lists(st.one_of(texts, hostile), min_size=1, max_size=3).map(" ".join))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(values)
def test_variant_name_and_note(value):
    fam = CATALOG.families["toy"]
    variants = [fam.variants[0].model_copy(update={"name": value, "note": value}), fam.variants[1]]
    cat = replace(CATALOG, families=MappingProxyType({"toy": fam.model_copy(update={"variants": variants})}))
    page = render(variants_table(Ctx(cat, "models/toy.md"), "toy"))
    check_inert(page, value, columns=8, rows=3)


@SETTINGS
@given(values)
def test_family_license_objective_and_organization(value):
    fam = CATALOG.families["toy"].model_copy(update={"objective": value})
    org = CATALOG.organizations["toy-lab"].model_copy(update={"name": value})
    lic = CATALOG.licenses["toy-license"].model_copy(update={"name": value})
    cat = replace(CATALOG, families=MappingProxyType({"toy": fam}), organizations=MappingProxyType({"toy-lab": org}),
                  licenses=MappingProxyType({"toy-license": lic}))
    page = render(family_facts(Ctx(cat, "models/toy.md"), "toy"))
    assert set(page.tags) <= ALLOWED_TAGS and all(len(r) == 2 for r in page.rows)
    folded = " ".join(value.split())
    cells = [r[1] for r in page.rows]
    assert sum(folded in c for c in cells) >= 2  # shown as text, never dropped


@SETTINGS
@given(values, values)
def test_result_note_and_source_title(protocol, title):
    recs = []
    for rec in CATALOG.results:
        recs.append(ResultRecord(rec.source, rec.result.model_copy(update={"note": protocol})))
    src = CATALOG.sources["doe2023toy"].model_copy(update={"title": title, "short": title})
    by_variant: dict = {}
    by_bench: dict = {}
    for rec in recs:
        by_variant.setdefault(rec.result.model, []).append(rec)
        by_bench.setdefault(rec.result.benchmark, []).append(rec)
    cat = replace(CATALOG, results=tuple(recs), results_by_variant=MappingProxyType({k: tuple(v) for k, v in by_variant.items()}),
                  results_by_benchmark=MappingProxyType({k: tuple(v) for k, v in by_bench.items()}),
                  sources=MappingProxyType({**CATALOG.sources, "doe2023toy": src}))
    page = render(family_results(Ctx(cat, "models/toy.md"), "toy"))
    check_inert(page, protocol, columns=6, rows=1 + len(recs))
    board = render(leaderboard(Ctx(cat, "benchmarks/toybench.md"), "toybench"))
    assert set(board.tags) <= ALLOWED_TAGS
    assert " ".join(title.split()) in " ".join("".join(board.text).split())
