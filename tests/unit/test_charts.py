"""Charts: one mark per model with the data it plots, none for models without."""

import re

import pytest
from conftest import ROOT

from atlas.derive import training_compute
from atlas.load import load_catalog
from atlas.render.charts import (
    lineage,
    params_vs_tokens,
    release_timeline,
    score_points,
    score_vs_compute,
)
from atlas.render.context import Ctx


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT)


def marks(svg: str) -> list[str]:
    return re.findall(r'class="atlas-mark[^"]*" data-id="([^"]+)"', svg)


def test_params_tokens_has_one_mark_per_variant_with_both(catalog):
    svg = params_vs_tokens(Ctx(catalog, "charts.md", "charts/"))
    expected = [
        v.id
        for f in catalog.families.values()
        for v in f.variants
        if v.parameters and v.training_tokens
    ]
    assert marks(svg) == expected and len(expected) > 50
    without = next(v.id for v in catalog.variants.values() if not v.training_tokens)
    assert without not in marks(svg)
    assert "atlas-line-chinchilla" in svg and "atlas-line-compute" in svg
    assert "The data of this chart" in svg


def test_score_chart_plots_one_setting_and_only_models_with_compute(catalog):
    pairs = score_points(catalog, "mmlu", 5)
    assert pairs
    for point, rec in pairs:
        assert rec.result.shots == 5 and rec.result.metric == "accuracy" and not rec.result.cot
        assert training_compute(catalog.variants[point.id]) == point.x
    svg = score_vs_compute(Ctx(catalog, "charts.md", "charts/"), "mmlu", 5)
    assert sorted(marks(svg)) == sorted(p.id for p, _ in pairs)
    assert len(set(marks(svg))) == len(
        marks(svg)
    )  # one mark per model, even where sources disagree
    chinchilla = dict((p.id, rec) for p, rec in pairs)["chinchilla-70b"]
    assert chinchilla.source == "hoffmann2022chinchilla"  # the model's own paper wins


def test_timeline_and_lineage(catalog):
    ctx = Ctx(catalog, "charts.md", "charts/")
    assert sorted(marks(release_timeline(ctx))) == sorted(catalog.families)
    svg = lineage(ctx)
    edges = set(re.findall(r'data-from="([^"]+)" data-to="([^"]+)"', svg))
    assert edges == {(p, f.id) for f in catalog.families.values() for p in f.derived_from}
    assert ("llama", "alpaca") in edges and ("bloom", "bloomz") in edges and ("t5", "t0") in edges
    assert 'href="../models/llama/"' in svg
    assert 'href="models/llama.html"' in lineage(Ctx(catalog, "charts.md", "charts.html"))
