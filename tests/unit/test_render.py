"""Renderers: pure functions Catalog -> Markdown, tested without MkDocs."""

from __future__ import annotations

import re
from html import unescape

import markdown
import pytest
from conftest import FIXTURES

from atlas.load import load_catalog
from atlas.render import MACROS
from atlas.render.benchmark import boards
from atlas.render.context import Ctx, MacroError
from atlas.render.furniture import sources_list
from atlas.render.indexes import models_index
from atlas.render.md import esc, fmt_count, fmt_exact, fmt_score, table


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(FIXTURES / "valid")


def to_html(md: str) -> str:
    """Render like the site does (same extensions)."""
    return markdown.markdown(md, extensions=["tables", "attr_list", "toc"])


def cells(html: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    return [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S) for r in rows]


@pytest.mark.parametrize(
    "value, expected",
    [
        (65200000000, "65.2B"),
        (6700000000, "6.7B"),
        (176247271424, "176B"),
        (1400000000000, "1.4T"),
        (125000000, "125M"),
        (540350000000, "540B"),
        (999, "999"),
        (None, ""),
    ],
)
def test_fmt_count(value, expected):
    assert fmt_count(value) == expected


def test_fmt_score_keeps_one_decimal():
    assert [fmt_score(v) for v in (73.0, 63.4, 30.266, 25)] == ["73.0", "63.4", "30.266", "25.0"]


@pytest.mark.parametrize(
    "hostile",
    [
        "a|b",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '"><svg onload=alert(1)>',
        "[x](javascript:alert(1))",
        "*bold* _it_ `code`",
        "{{ 7*7 }} {% if %}",
        "line\nbreak",
        "&amp; &lt;",
    ],
)
def test_escaped_value_stays_one_inert_cell(hostile):
    md = table(["A", "B"], [[esc(hostile), "ok"]])
    html = to_html(md)
    rows = cells(html)
    assert len(rows) == 2 and all(len(r) == 2 for r in rows), html  # the table keeps its shape
    assert rows[1][1] == "ok"
    for tag in ("<script", "<img", "<svg", "<a ", "<em>", "<strong>", "<code>"):
        assert tag not in html
    assert "{{" not in html and "{%" not in html


@pytest.mark.parametrize(
    "page, url, kind, entity, href",
    [
        ("models/llama.md", "models/llama/", "dataset", "c4", "../../datasets/c4/"),
        ("index.md", "", "family", "llama", "models/llama/"),
        ("models/llama.md", "models/llama.html", "dataset", "c4", "../datasets/c4.html"),
        ("index.md", "index.html", "family", "llama", "models/llama.html"),
        ("models/index.md", "models/", "family", "llama", "llama/"),
    ],
)
def test_links_are_relative_to_the_page_in_either_url_style(catalog, page, url, kind, entity, href):
    assert Ctx(catalog, page, url).href(kind, entity) == href


def test_table_rejects_ragged_rows():
    with pytest.raises(ValueError):
        table(["A", "B"], [["only one"]])


def page(catalog, src_uri: str, macro: str, entity: str) -> str:
    return MACROS[macro](Ctx(catalog, src_uri), entity)


def section(html: str, heading_id: str) -> str:
    """The HTML of one section of a rendered page (from its heading to the next h2)."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2", start)
    return html[start:] if end < 0 else html[start:end]


def test_variants_table_shows_values_markers_and_disagreements(catalog):
    html = to_html(page(catalog, "models/toy.md", "family_page", "toy"))
    rows = cells(section(html, "variants"))
    assert [re.sub("<[^>]+>", "", r[0]) for r in rows] == [
        "Variant",
        "Toy-7B compare",
        "Toy-65B compare",
    ]
    # each row opens the compare page with its variant; the card, with the family's variants
    hrefs = {a: unescape(h) for h, a in re.findall(r'<a[^>]* href="([^"]*)">([^<]*)</a>', html)}
    assert 'class="atlas-row-compare"' in rows[1][0]
    assert unescape(rows[1][0]).count('href="../../compare/?m=toy-7b"') == 1
    assert hrefs["Compare these models"] == "../../compare/?m=toy-7b&m=toy-65b"
    toy7 = rows[1]
    # the paper's value with its marker, and the model card's other value one tap away
    assert re.search(
        r'6\.7B</span><a class="fn" href="#n\d+">\d+</a><details class="atlas-alt"><summary[^>]*>≠ 7B</summary>',
        toy7[1],
    ), toy7[1]
    assert 'title="65,200,000,000 parameters"' in rows[2][1]
    assert "not reported" in rows[2][3]  # unknown context length stays empty
    notes = section(html, "sources")
    assert re.search(
        r'<li id="n\d+" value="\d+"><a href="#src-doe2023toy">Doe et al. 2023a</a>, Table 2</li>',
        notes,
    ), notes
    assert 'id="toy-7b"' in html and 'id="toy-65b"' in html  # every variant has its anchor


def test_no_cell_holds_citation_text(catalog):
    html = to_html(page(catalog, "models/toy.md", "family_page", "toy"))
    for row in (
        cells(section(html, "variants"))
        + cells(section(html, "results-reported-by-its-makers"))[1:]
    ):
        for cell in row[1:]:  # the values (the first column names the variant or setting)
            text = re.sub(r"<details.*?</details>|<[^>]+>", "", cell)
            assert "Table" not in text and "Doe" not in text and len(text) < 40, cell


def test_family_card_answers_what_how_big_how_good(catalog):
    html = to_html(page(catalog, "models/toy.md", "family_page", "toy"))
    start = html.index('class="atlas-card"')
    card = html[start : html.index("</p>", html.index("atlas-card-links", start))]
    for expected in (
        "Toy Lab",
        "2023-01-02",
        "6.7B–65.2B parameters · 2 variants",
        "1T–1.4T tokens",
        "2,048 tokens",
        "decoder-only",
        "Compare these models",
    ):
        assert expected in html_text(card), (expected, html_text(card))
    # its makers' best value in the primary setting of the headline benchmark
    assert "ToyBench 5-shot 63.5 Toy-65B" in html_text(card)


def html_text(html: str) -> str:
    import html as h

    return " ".join(h.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_makers_results_and_others_are_separate_grids(catalog):
    html = to_html(page(catalog, "models/toy.md", "family_page", "toy"))
    own, others = (
        section(html, "results-reported-by-its-makers"),
        section(html, "results-reported-by-others"),
    )
    assert "Doe et al. 2023b" not in own and "63.5" in own and "40.5" in own
    rows = cells(others)
    assert "5-shot" in html_text(rows[0][1]) and "63.4" in rows[1][1] and "61.0" in rows[2][1]


def test_a_grid_with_more_settings_than_variants_runs_down_the_page(catalog):
    """Its makers report 3 settings of 2 variants: a row per setting, a column per variant."""
    html = to_html(page(catalog, "models/toy.md", "family_page", "toy"))
    rows = cells(section(html, "results-reported-by-its-makers"))
    assert [html_text(c) for c in rows[0]] == ["Benchmark", "Toy-7B", "Toy-65B"]
    labels = [html_text(r[0]) for r in rows[1:]]
    assert labels[0] == "ToyBench 5-shot" and len(labels) == 3, labels  # headline setting first
    five = rows[1]
    assert five[1] == "" and five[2].startswith("63.4")  # Toy-7B: only others report 5-shot
    # others report one setting for two variants: a row per variant
    rows = cells(section(html, "results-reported-by-others"))
    assert [html_text(r[0]) for r in rows] == ["Variant", "Toy-7B", "Toy-65B"]


def test_a_leaderboard_has_one_row_per_model_and_keeps_every_source(catalog):
    found = boards(catalog, "toybench")
    assert [(b.setting[0], b.setting[3], b.setting[5]) for b in found] == [
        (5, "", ()),
        (0, "", ()),
        (0, "toy-hard", ("thinking",)),
    ]  # the primary setting (5-shot) first; a subset and a protocol rank apart
    five = found[0]
    assert [r.model for r in five.rows] == ["toy-65b", "toy-7b"] or [
        r.model for r in five.rows
    ] == ["toy-7b", "toy-65b"]
    by_model = {r.model: r for r in five.rows}
    # toy-65b: its makers report 63.4 (paper) and 63.5 (card); the paper comes first; the other
    # document's 61.0 stays in the row
    assert [(x.source, x.result.value) for x in by_model["toy-65b"].results] == [
        ("doe2023toy", 63.4),
        ("toy-model-card", 63.5),
        ("doe2023toyb", 61.0),
    ]
    # toy-7b has only others' value, 63.4: equal values share a rank
    assert [r.rank for r in five.rows] == [1, 1]
    for board in found:
        assert len({r.model for r in board.rows}) == len(board.rows)
        assert all(x.setting == board.setting for r in board.rows for x in r.results)


def test_ranks_follow_the_metric_and_ties_share_a_rank(catalog):
    from dataclasses import replace

    from atlas import schema as S
    from atlas.load import ResultRecord

    values = (("toy-7b", 9.0), ("toy-65b", 3.0), ("toy-7b", 9.0))
    recs = [
        ResultRecord(
            f"doe2023toy{'b' if i else ''}",
            S.Result(
                model=m,
                benchmark="toybench",
                shots=0,
                metric="perplexity",
                value=v,
                locator=f"T{i}",
            ),
        )
        for i, (m, v) in enumerate(values)
    ]
    c2 = replace(catalog, results_by_benchmark={"toybench": tuple(recs)})
    (board,) = boards(c2, "toybench")
    assert [(r.model, r.rank, r.results[0].result.value) for r in board.rows] == [
        ("toy-65b", 1, 3.0),
        ("toy-7b", 2, 9.0),
    ]  # lower is better


def test_benchmark_page_puts_the_primary_board_first_and_folds_the_others(catalog):
    html = to_html(page(catalog, "benchmarks/toybench.md", "benchmark_page", "toybench"))
    first = html.index("5-shot · Accuracy (%)")
    assert first < html.index("Summary") and first < html.index('<details class="atlas-board">')
    folded = html[html.index('<details class="atlas-board">') :]
    assert "0-shot · Accuracy (%) · 2 results" in html_text(folded)
    assert html.count('<details class="atlas-board">') == 2


def test_two_documents_with_the_same_authors_and_year_get_a_and_b(catalog):
    assert catalog.source_labels["doe2023toy"] == "Doe et al. 2023a"
    assert catalog.source_labels["doe2023toyb"] == "Doe et al. 2023b"
    assert catalog.source_labels["toy-model-card"] == "Toy model card"


def test_numbers_people_read(catalog):
    assert [
        fmt_count(v) for v in (175000000000, 1011800000, 65200000000, 176247271424, 999600000000)
    ] == ["175B", "1.01B", "65.2B", "176B", "1T"]
    html = to_html(page(catalog, "datasets/toy-corpus.md", "dataset_page", "toy-corpus"))
    assert "11,038 documents" in html and "1,400,000,000,000 tokens" in html


def test_license_with_html_and_pipe_is_escaped(catalog):
    html = to_html(page(catalog, "models/toy.md", "family_page", "toy"))
    assert "Toy &#124; license &#60;b&#62;" in html
    assert "<b>" not in html


def test_sources_list_of_a_method_names_every_cited_document(catalog):
    html = sources_list(Ctx(catalog, "methods/toy-tuning.md"), "method", "toy-tuning")
    assert html.count("<li ") >= 1 and 'id="src-' in html


def test_models_index_links_every_family(catalog):
    md = models_index(Ctx(catalog, "models/index.md"))
    assert '<a href="toy/">Toy</a>' in md


def test_every_macro_rejects_an_unknown_id(catalog):
    ctx = Ctx(catalog, "index.md")
    for name in (
        "family_page",
        "dataset_page",
        "benchmark_page",
        "method_facts",
        "reported_figures",
    ):
        with pytest.raises(MacroError, match='no .* with id "no-such-id" in the catalog'):
            MACROS[name](ctx, "no-such-id")


def test_the_about_page_states_the_rule_the_renderers_follow():
    """The examples of the About page's one number rule are what the formatters write."""
    about = (FIXTURES.parents[1] / "docs/about.md").read_text(encoding="utf-8")
    rule = about[about.index("## How numbers are written") :].split("\n## ")[0]
    written = {
        "175B": fmt_count(175_000_000_000),
        "65.2B": fmt_count(65_200_000_000),
        "1.01B": fmt_count(1_011_800_000),
        "1.4T": fmt_count(1_400_000_000_000),
        "11,038 documents": fmt_exact(11038) + " documents",
        "1,400,000,000,000 tokens": fmt_exact(1_400_000_000_000) + " tokens",
        "2,048 tokens": fmt_exact(2048) + " tokens",
        "73.0": fmt_score(73),
        "87.81": fmt_score(87.81),
    }
    for example, output in written.items():
        assert example == output and example in rule, (example, output)


def test_every_interface_string_of_the_entity_pages_has_its_chinese(catalog):
    """The Chinese edition renders every entity page of the fixture catalog with ctx.t("zh"):
    a string missing from strings.py fails here (KeyError), not in a reader's build."""
    for macro, kind, page_dir in (
        ("family_page", "family", "models"),
        ("dataset_page", "dataset", "datasets"),
        ("benchmark_page", "benchmark", "benchmarks"),
        ("method_facts", "method", "methods"),
        ("reported_figures", "method", "methods"),
    ):
        for eid in catalog.store(kind):
            zh = MACROS[macro](Ctx(catalog, f"{page_dir}/{eid}.md", lang="zh"), eid)
            en = MACROS[macro](Ctx(catalog, f"{page_dir}/{eid}.md"), eid)
            assert zh != en or macro == "reported_figures", (macro, eid)
    html = MACROS["family_page"](Ctx(catalog, "models/toy.md", lang="zh"), "toy")
    for english in ("Facts last checked", "Derived, not reported", "not reported in the cited"):
        assert english not in html, english


def _atlas_data(text: str) -> dict:
    import json

    prefix, suffix = "self.ATLAS_DATA=JSON.parse(", ");\n"
    assert text.startswith(prefix) and text.endswith(suffix)
    return json.loads(json.loads(text[len(prefix) : -len(suffix)]))


def test_the_data_of_the_model_table_and_compare_is_one_script(catalog):
    from atlas.render.explore import MODEL_FIELDS, page_data

    text, version = page_data(catalog)
    assert "</" not in text  # safe inside a <script> even if a value holds "</script>"
    data = _atlas_data(text)
    assert data["fields"] == MODEL_FIELDS
    models = [dict(zip(MODEL_FIELDS, m)) for m in data["models"]]
    assert {m["id"] for m in models} == set(catalog.variants)
    toy = next(m for m in models if m["id"] == "toy-65b")
    assert toy["url"] == "models/toy/#toy-65b" and toy["params"] == 65_200_000_000
    assert toy["tokens"] and toy["compute"] == 6 * toy["params"] * toy["tokens"]  # derived
    # every result, its labels stored once
    labels, rows = data["results"]["labels"], data["results"]["rows"]
    assert len(rows) == len(catalog.results) and len(labels) == len(set(labels))
    assert all(isinstance(labels[r[3]], str) for r in rows)
    # the offline build links .html pages; the version changes with the text
    offline, other = page_data(catalog, directory_urls=False)
    offline_models = [dict(zip(MODEL_FIELDS, m)) for m in _atlas_data(offline)["models"]]
    assert next(m for m in offline_models if m["id"] == "toy-65b")["url"] == (
        "models/toy.html#toy-65b"
    )
    assert other != version and page_data(catalog) == (text, version)


def test_model_table_and_compare_load_the_data_script_with_their_strings(catalog):
    import json

    from atlas.render.explore import JS_STRINGS, page_data

    _, version = page_data(catalog)
    html = MACROS["model_table"](Ctx(catalog, "all-models.md"))
    assert f'<script src="../assets/atlas-data.js?v={version}"></script>' in html
    assert 'data-compare="../compare/"' in html
    strings = json.loads(unescape(re.search(r'data-strings="([^"]*)"', html).group(1)))
    assert list(strings) == JS_STRINGS
    # the licence filter offers the classes and the licences by name
    assert '<select name="lclass">' in html and "open weights with use restrictions" in html
    compare = MACROS["compare"](Ctx(catalog, "compare.md"))
    assert compare.count('role="combobox"') == 4
    assert f'src="../assets/atlas-data.js?v={version}"' in compare


def test_every_interface_string_has_its_chinese(catalog):
    from atlas.render.explore import JS_STRINGS
    from atlas.render.strings import ZH

    assert [k for k in JS_STRINGS if k not in ZH] == []
    for macro, src in (("model_table", "all-models.md"), ("compare", "compare.md")):
        assert "模型" in MACROS[macro](Ctx(catalog, src, lang="zh"))
