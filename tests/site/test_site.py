"""The real site: built with `mkdocs build --strict`, then its HTML and exports are read."""
from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import pytest

from atlas.export import catalog_dict
from atlas.load import load_catalog
from atlas.checks import check_pages
from atlas.render.md import fmt_count, fmt_score

from conftest import ROOT, make_project, mkdocs_build


def text_of(page: Path) -> str:
    """The visible text of a page's article, entities decoded, whitespace folded."""
    raw = page.read_text(encoding="utf-8")
    article = raw[raw.index("<article"): raw.index("</article>")]
    article = re.sub(r"<[^>]+>", " ", article)
    return " ".join(html.unescape(article).split())


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT)


def test_every_entity_has_its_page_and_every_page_its_entity(catalog, real_site):
    check_pages(catalog, ROOT / "docs")  # raises on a missing or orphan page
    for folder, store in (("models", catalog.families), ("datasets", catalog.datasets), ("benchmarks", catalog.benchmarks), ("methods", catalog.methods)):
        for entity_id, entity in store.items():
            page = real_site / folder / entity_id / "index.html"
            assert page.exists(), page
            assert entity.name in text_of(page)


def test_family_page_shows_variant_sizes_and_sources(catalog, real_site):
    text = text_of(real_site / "models/llama/index.html")
    llama = catalog.families["llama"]
    for v in llama.variants:
        assert v.name in text
        assert fmt_count(v.parameters) in text
    assert "LLaMA: Open and Efficient Foundation Language Models" in text  # the sources list
    assert "Table 2" in text
    raw = (real_site / "models/llama/index.html").read_text(encoding="utf-8")
    assert 'title="65,200,000,000 parameters"' in raw


def test_benchmark_leaderboard_shows_results_from_the_data(catalog, real_site):
    recs = catalog.results_by_benchmark["mmlu"]
    assert recs, "the seed data must have MMLU results"
    text = text_of(real_site / "benchmarks/mmlu/index.html")
    for rec in recs:
        assert catalog.variants[rec.result.model].name in text
        assert fmt_score(rec.result.value) in text
    assert "5-shot · Accuracy" in text


def test_chinchilla_mmlu_disagreement_is_visible(real_site):
    text = text_of(real_site / "benchmarks/mmlu/index.html")
    assert "67.6" in text and "67.5" in text


def test_catalog_json_equals_the_data(catalog, real_site):
    exported = json.loads((real_site / "api/catalog.json").read_text(encoding="utf-8"))
    assert exported == catalog_dict(catalog)
    assert exported["schema_version"] == 2
    assert {f["id"] for f in exported["families"]} == set(catalog.families)
    assert len(exported["models"]) == len(catalog.variants)
    assert len(exported["results"]) == len(catalog.results)
    llama65 = next(m for m in exported["models"] if m["id"] == "llama-65b")
    assert llama65["parameters"] == 65200000000 and isinstance(llama65["parameters"], int)
    fam = next(f for f in exported["families"] if f["id"] == "llama")
    assert fam["url"] == "models/llama/" and (real_site / fam["url"] / "index.html").exists()
    for key in ("id", "name", "url", "organization", "arxiv_id", "release_date", "architecture", "license", "access", "variants"):
        assert key in fam
    r = exported["results"][0]
    for key in ("model", "benchmark", "shots", "setting", "metric", "value", "source"):
        assert key in r
    assert set(r["source"]) >= {"title", "url", "locator"}


def test_csv_files_hold_every_model_and_result(catalog, real_site):
    with open(real_site / "api/models.csv", newline="", encoding="utf-8") as fh:
        models = list(csv.DictReader(fh))
    assert [m["id"] for m in models] == [v.id for f in catalog.families.values() for v in f.variants]
    with open(real_site / "api/results.csv", newline="", encoding="utf-8") as fh:
        results = list(csv.DictReader(fh))
    assert len(results) == len(catalog.results)
    assert {(r["model"], r["benchmark"], float(r["value"])) for r in results} == {(x.result.model, x.result.benchmark, x.result.value) for x in catalog.results}


def test_chinese_search_terms_are_indexed(real_site):
    index = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    pages_with = {}
    for doc in index["docs"]:
        for token in separator.split(doc["title"] + " " + doc["text"]):
            pages_with.setdefault(token, set()).add(doc["location"].split("#")[0])
    assert "methods/instruction-tuning/" in pages_with.get("指令微调", set())
    assert pages_with.get("大模型"), "no page is found for 大模型"
    assert "models/llama/" in pages_with.get("llama", set()) | pages_with.get("LLaMA", set())


def test_pages_load_nothing_from_another_host(real_site):
    pattern = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""", re.I)
    for page in real_site.rglob("*.html"):
        found = pattern.findall(page.read_text(encoding="utf-8"))
        assert not found, f"{page} loads from another host: {found[:3]}"
    for css in real_site.rglob("*.css"):
        assert not re.search(r"@import\s+url\(\s*['\"]?https?://|fonts\.googleapis", css.read_text(encoding="utf-8")), css


def test_no_error_text_leaks_into_pages(real_site):
    for page in real_site.rglob("*.html"):
        raw = page.read_text(encoding="utf-8")
        assert "Macro Rendering Error" not in raw and "{{" not in raw, page


@pytest.mark.parametrize(
    "call, message",
    [
        ('{{ family_page("no-such-family") }}', 'family_page("no-such-family"): no model family with id "no-such-family" in the catalog'),
        ('{{ family_page("toyy") }}', 'no model family with id "toyy" in the catalog (did you mean "toy"?)'),
        ("{{ family_page() }}", "family_page()"),  # a wrong number of arguments, on the direct path
        ("{{ family_pag('toy') }}", "family_pag"),
        ("{{ undefined_variable }}", "undefined_variable"),
    ],
)
def test_a_broken_macro_call_fails_the_build_naming_page_and_line(tmp_path, call, message):
    project = make_project(tmp_path / "p")
    page = project / "docs/models/toy.md"
    text = page.read_text(encoding="utf-8") + f"\n{call}\n"
    page.write_text(text, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    line = text.splitlines().index(call) + 1
    assert re.search(rf"docs/models/toy\.md:{line}: .*{re.escape(message)}", output), output
    assert "1 macro call failed" in output, output


def test_invalid_data_fails_the_build_and_leaves_the_last_site_as_it_was(tmp_path):
    project = make_project(tmp_path / "p")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*")}
    path = project / "data/models/toy.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("layers: 32", 'layers: "32 layers"'), encoding="utf-8")
    result = mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert 'data/models/toy.yaml:27: variants[0].layers: expected an integer, got "32 layers"' in output
    assert "Traceback" not in output, output  # reported as a plugin's error: the message alone
    assert "Error reading page" not in output, output  # raised before any page is read
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*")} == before  # the previous site, untouched


def test_hostile_strings_are_inert_in_the_built_site(tmp_path):
    project = make_project(tmp_path / "p")
    path = project / "data/models/toy.yaml"
    hostile = '<script>alert(1)</script> | {{ 7*7 }} [x](javascript:alert(1))'
    path.write_text(path.read_text(encoding="utf-8").replace('objective: "next-token prediction"', f"objective: '{hostile}'"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    raw = (tmp_path / "site/models/toy/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw
    assert 'href="javascript' not in raw
    cell = re.search(r"Training objective</td>\s*<td[^>]*>(.*?)</td>", raw, re.S).group(1)
    cell = re.sub(r'<a class="fn"[^>]*>\d+</a>', "", cell)  # the source's footnote marker
    assert " ".join(html.unescape(re.sub(r"<[^>]+>", "", cell)).split()) == hostile  # shown as text: not run, not evaluated, not dropped


def test_every_internal_link_and_anchor_resolves(real_site):
    """A crawler over the output: each href to a page of the site, and each #anchor, exists."""
    problems = []
    for page in real_site.rglob("*.html"):
        raw = page.read_text(encoding="utf-8")
        ids = set(re.findall(r'\bid="([^"]+)"', raw))
        for href in re.findall(r'\bhref="([^"]+)"', raw):
            href = html.unescape(href)
            if re.match(r"^[a-z][a-z0-9+.-]*:", href):  # https:, mailto:, ...
                continue
            path, _, anchor = href.partition("#")
            path = path.partition("?")[0]  # a page's state in its address (compare?m=...)
            if not path:
                if anchor and anchor not in ids:
                    problems.append(f"{page.relative_to(real_site)}: #{anchor}")
                continue
            # 404.html links from the site root, since it is served at any path
            target = (real_site / path.lstrip("/")).resolve() if path.startswith("/") else (page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{page.relative_to(real_site)}: {href}")
            elif anchor and target.suffix == ".html" and f'id="{anchor}"' not in target.read_text(encoding="utf-8"):
                problems.append(f"{page.relative_to(real_site)}: {href} (no such anchor)")
    assert not problems, "\n".join(sorted(set(problems))[:50])


def test_two_builds_of_the_same_commit_are_identical(real_site, tmp_path):
    """Byte for byte: a build is reproducible."""
    import filecmp

    again = tmp_path / "again"
    result = mkdocs_build(ROOT, again)
    assert result.returncode == 0, result.stdout + result.stderr

    def differences(cmp: filecmp.dircmp) -> list[str]:
        out = [f"{cmp.left}/{n}" for n in cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files]
        for sub in cmp.subdirs.values():
            out += differences(sub)
        return out

    cmp = filecmp.dircmp(real_site, again, ignore=[])
    # shallow=False: compare contents, not timestamps
    mismatched = [str(p) for p in real_site.rglob("*") if p.is_file() and not filecmp.cmp(p, again / p.relative_to(real_site), shallow=False)]
    assert not differences(cmp) and not mismatched, (differences(cmp) + mismatched)[:10]


def test_the_offline_build_links_its_html_pages(offline_site):
    """The downloadable build has models/llama.html, not models/llama/: so do its exports."""
    catalog = json.loads((offline_site / "api/catalog.json").read_text(encoding="utf-8"))
    urls = [f["url"] for f in catalog["families"]]
    assert urls and all(u.endswith(".html") and (offline_site / u).is_file() for u in urls), urls[:5]
    llms = (offline_site / "llms.txt").read_text(encoding="utf-8")
    linked = re.findall(r"\]\((models/[^)]+)\)", llms)
    assert linked and all(u.endswith(".html") and (offline_site / u).is_file() for u in linked), linked[:5]
