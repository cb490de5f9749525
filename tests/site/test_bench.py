"""The build benchmark runs at a small size and writes a well-formed report (timings are not asserted)."""
import json

from bench import COLUMNS, config, generate, run
from atlas.load import load_catalog


def test_synthetic_catalog_is_valid(tmp_path):
    generate(tmp_path, 12)
    c = load_catalog(tmp_path)
    assert len(c.families) == 12 and len(c.variants) == 36 and len(c.results) == 144


def test_baseline_config_has_no_macros_and_the_same_theme():
    with_macros, plain = config(True), config(False)
    assert "- macros:" in with_macros and "- macros:" not in plain
    assert "font: false" in plain and "- search:" in plain and "nav:\n  - Home: index.md" in plain


def test_benchmark_report_is_well_formed(tmp_path):
    out = tmp_path / "bench.json"
    report = run([3], out, browser=False, workdir=tmp_path, repeats=1)
    assert json.loads(out.read_text()) == report
    (row,) = report["rows"]
    assert set(row) == set(COLUMNS)
    assert row["families"] == 3 and row["pages"] >= 3 + 20 + 4 + 1
    assert row["atlas_seconds"] > 0 and row["baseline_seconds"] > 0
    assert row["atlas_cpu_seconds"] > 0 and row["baseline_cpu_seconds"] > 0
    assert abs(row["ratio"] - row["atlas_seconds"] / row["baseline_seconds"]) < 0.01
    assert row["entity_page_kb"] > 1 and row["search_index_mb"] > 0 and row["first_search_ms"] is None
    assert report["machine"]["cpus"] >= 1 and report["repeats_below_10000"] == 1


def test_performance_page_shows_the_committed_measurements():
    """The Performance page's table is the committed report, so the two cannot drift apart."""
    from bench import markdown_table
    from conftest import ROOT

    report = json.loads((ROOT / "docs/assets/bench-results.json").read_text(encoding="utf-8"))
    # the sizes the targets name; the 10,000 row when a run had the time for it (see the page)
    assert {100, 1000} <= {r["families"] for r in report["rows"]}
    assert markdown_table(report) in (ROOT / "docs/performance.md").read_text(encoding="utf-8")
