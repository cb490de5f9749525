"""Renderers: pure functions Catalog -> Markdown, tested without MkDocs."""
from __future__ import annotations

import re

import markdown
import pytest

from atlas.load import load_catalog
from atlas.render import MACROS
from atlas.render.md import esc, fmt_count, fmt_score, table
from atlas.render.benchmark import leaderboard, leaderboard_groups
from atlas.render.context import Ctx, MacroError
from atlas.render.family import variants_table
from atlas.render.furniture import sources_list
from atlas.render.indexes import models_index

from conftest import FIXTURES


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(FIXTURES / "valid")


def to_html(md: str) -> str:
    """Render like the site does (same extensions)."""
    return markdown.markdown(md, extensions=["tables", "attr_list", "md_in_html"])


def cells(html: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    return [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S) for r in rows]


@pytest.mark.parametrize(
    "value, expected",
    [(65200000000, "65.2B"), (6700000000, "6.7B"), (176247271424, "176.25B"), (1400000000000, "1.4T"), (125000000, "125M"), (540350000000, "540.35B"), (999, "999"), (None, "")],
)
def test_fmt_count(value, expected):
    assert fmt_count(value) == expected


def test_fmt_score_keeps_one_decimal():
    assert [fmt_score(v) for v in (73.0, 63.4, 30.266, 25)] == ["73.0", "63.4", "30.266", "25.0"]


@pytest.mark.parametrize(
    "hostile",
    ["a|b", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "[x](javascript:alert(1))", "*bold* _it_ `code`", "{{ 7*7 }} {% if %}", "line\nbreak", "&amp; &lt;"],
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


@pytest.mark.parametrize("page, url, kind, entity, href", [
    ("models/llama.md", "models/llama/", "dataset", "c4", "../../datasets/c4/"),
    ("index.md", "", "family", "llama", "models/llama/"),
    ("models/llama.md", "models/llama.html", "dataset", "c4", "../datasets/c4.html"),
    ("index.md", "index.html", "family", "llama", "models/llama.html"),
    ("models/index.md", "models/", "family", "llama", "llama/"),
])
def test_links_are_relative_to_the_page_in_either_url_style(catalog, page, url, kind, entity, href):
    assert Ctx(catalog, page, url).href(kind, entity) == href


def test_table_rejects_ragged_rows():
    with pytest.raises(ValueError):
        table(["A", "B"], [["only one"]])


def test_variants_table_shows_values_sources_and_disagreements(catalog):
    md = variants_table(Ctx(catalog, "models/toy.md"), "toy")
    rows = cells(to_html(md))
    assert [r[0] for r in rows] == ["Variant", "Toy-7B", "Toy-65B"]
    toy7 = rows[1]
    # both values of a disputed count are visible, each with its source
    assert "6.7B" in toy7[1] and "7B" in toy7[1] and "#src-doe2023toy" in toy7[1] and "#src-toy-model-card" in toy7[1]
    assert 'title="65,200,000,000 parameters"' in rows[2][1]
    assert "not reported" in rows[2][3]  # unknown context length stays empty
    assert "Table 2" in rows[2][-1]


def test_license_with_html_and_pipe_is_escaped(catalog):
    html = to_html(MACROS["family_facts"](Ctx(catalog, "models/toy.md"), "toy"))
    assert "Toy &#124; license &#60;b&#62;" in html
    assert "<b>" not in html


def test_leaderboard_never_mixes_settings(catalog):
    groups = leaderboard_groups(catalog, "toybench")
    # 0-shot, 0-shot on the hard subset in thinking mode, and 5-shot are separate rankings
    assert [(g[0][0], g[0][3], g[0][5]) for g in groups] == [(0, "", ()), (0, "toy-hard", ("thinking",)), (5, "", ())]
    for setting, recs in groups:
        assert {r.setting for r in recs} == {setting}
        values = [r.result.value for r in recs]
        assert values == sorted(values, reverse=True)  # accuracy: highest first
    five_shot = groups[2][1]
    assert [(r.result.value, r.source) for r in five_shot] == [(63.5, "toy-model-card"), (63.4, "doe2023toy")]


def test_leaderboard_markdown_has_one_table_per_setting(catalog):
    html = to_html(leaderboard(Ctx(catalog, "benchmarks/toybench.md"), "toybench"))
    assert html.count("<table>") == 3
    assert "0-shot · Accuracy (%)" in html and "5-shot · Accuracy (%)" in html
    assert html.index("60.1") < html.index("40.5")


def test_lower_is_better_ranks_ascending(catalog):
    from atlas.load import ResultRecord
    from atlas import schema as S

    recs = [ResultRecord("doe2023toy", S.Result(model=m, benchmark="toybench", shots=0, metric="perplexity", value=v, locator="T")) for m, v in (("toy-7b", 9.0), ("toy-65b", 3.0))]
    from dataclasses import replace

    c2 = replace(catalog, results_by_benchmark={"toybench": tuple(recs)})
    (setting, ranked), = leaderboard_groups(c2, "toybench")
    assert [r.result.value for r in ranked] == [3.0, 9.0]


def test_sources_list_names_every_cited_document(catalog):
    html = sources_list(Ctx(catalog, "models/toy.md"), "family", "toy")
    assert html.count("<li ") == 2
    assert 'id="src-doe2023toy"' in html and 'id="src-toy-model-card"' in html
    assert "Table 2" in html and "Table 9" in html  # the places cited are listed


def test_models_index_links_every_family(catalog):
    md = models_index(Ctx(catalog, "models/index.md"))
    assert '<a href="toy/">Toy</a>' in md


def test_every_macro_rejects_an_unknown_id(catalog):
    ctx = Ctx(catalog, "index.md")
    for name in ("family_facts", "variants_table", "training_data", "family_results", "dataset_facts", "dataset_users", "benchmark_facts", "leaderboard", "method_facts", "reported_figures"):
        with pytest.raises(MacroError, match='no .* with id "no-such-id" in the catalog'):
            MACROS[name](ctx, "no-such-id")
