"""Charts: one mark per model with the data it plots, none for models without; labels that
never overlap, a legend, and every point a link to its variant's row on its family page."""

import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT

from atlas.derive import training_compute
from atlas.load import load_catalog
from atlas.render import svg as S
from atlas.render.charts import (
    lineage,
    params_vs_tokens,
    release_timeline,
    score_points,
    score_vs_compute,
)
from atlas.render.context import Ctx

NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT)


@pytest.fixture(scope="module")
def ctx(catalog):
    return Ctx(catalog, "charts.md", "charts/")


def svgs(html: str) -> dict[str, ET.Element]:
    """The chart's drawings by frame ("wide", "narrow"), parsed as XML (so also well-formed)."""
    out = {}
    for text in re.findall(r"<svg .*?</svg>", html, re.S):
        root = ET.fromstring(text)
        out[root.get("class").split("atlas-chart-")[1]] = root
    return out


def marks(html: str, frame: str = "wide") -> list[str]:
    return [a.get("data-id") for a in svgs(html)[frame].iter(NS + "a")]


def shown_boxes(root: ET.Element) -> list[tuple[str, S.Box]]:
    """Estimated boxes of the text always shown over the plot: point labels and line labels."""
    out = []
    for a in root.iter(NS + "a"):
        if "atlas-labelled" in a.get("class"):
            out.append(a.find(NS + "text"))
    out += [t for t in root.iter(NS + "text") if t.get("class") == "atlas-annotation"]
    return [
        (
            t.text,
            S.text_box(
                float(t.get("x")),
                float(t.get("y")),
                t.text,
                float(t.get("font-size")),
                t.get("text-anchor", "start"),
            ),
        )
        for t in out
    ]


def test_params_tokens_has_one_mark_per_variant_with_both(catalog, ctx):
    html = params_vs_tokens(ctx)
    expected = {
        v.id
        for f in catalog.families.values()
        for v in f.variants
        if v.parameters and v.training_tokens
    }
    for frame in ("wide", "narrow"):
        assert sorted(marks(html, frame)) == sorted(expected) and len(expected) > 50
    without = next(v.id for v in catalog.variants.values() if not v.training_tokens)
    assert without not in marks(html)
    assert "atlas-line-chinchilla" in html and "atlas-line-compute" in html
    assert "The data of this chart" in html


@pytest.mark.parametrize("chart", ["params", "score", "timeline", "lineage"])
def test_shown_labels_never_overlap_and_stay_in_the_drawing(ctx, chart):
    html = {
        "params": params_vs_tokens,
        "score": lambda c: score_vs_compute(c, "mmlu", 5),
        "timeline": release_timeline,
        "lineage": lineage,
    }[chart](ctx)
    for frame, root in svgs(html).items():
        boxes = shown_boxes(root)
        assert len(boxes) >= (6 if frame == "narrow" else 20), (frame, len(boxes))
        clash = [
            (a, b) for (a, p), (b, q) in itertools.combinations(boxes, 2) if S.overlap(p, q, 0)
        ]
        assert not clash, (frame, clash[:5])
        w, h = (float(v) for v in root.get("viewBox").split()[2:])
        outside = [t for t, b in boxes if b[0] < 0 or b[1] < 0 or b[2] > w or b[3] > h]
        assert not outside, (frame, outside)


def test_the_chinchilla_and_compute_labels_are_apart(ctx):
    boxes = dict(shown_boxes(svgs(params_vs_tokens(ctx))["wide"]))
    chinchilla = boxes["20 tokens per parameter (Chinchilla)"]
    compute = boxes["6ND = 10²⁴ FLOPs"]
    assert not S.overlap(chinchilla, compute, 0)


def test_the_placer_refuses_an_overlap():
    layout = S.Layout((0, 0, 100, 100))
    first = S.text_box(10, 20, "GPT-3 175B")
    assert layout.place([(first, "a")]) == "a"
    assert layout.place([(first, "b")]) is None  # the same place is taken
    assert layout.place([(first, "b"), (S.text_box(10, 60, "PaLM"), "c")]) == "c"
    assert layout.place([(S.text_box(90, 90, "too wide for the plot"), "d")]) is None


def test_every_point_links_to_its_variants_row(catalog, ctx):
    for html in (params_vs_tokens(ctx), score_vs_compute(ctx, "mmlu", 5)):
        for root in svgs(html).values():
            links = [(a.get("href"), a.get("data-id")) for a in root.iter(NS + "a")]
            assert links
            for href, vid in links:
                family = catalog.variant_family[vid]
                assert href == f"../models/{family}/#{vid}", href
                assert (ROOT / "docs" / "models" / f"{family}.md").exists()
                # the variants table gives each variant an anchor with its id
                assert any(v.id == vid for v in catalog.families[family].variants)
    files = Ctx(catalog, "charts.md", "charts.html")
    root = svgs(params_vs_tokens(files))["wide"]
    hrefs = {a.get("data-id"): a.get("href") for a in root.iter(NS + "a")}
    assert hrefs["llama-65b"] == "models/llama.html#llama-65b"


def test_each_drawing_has_a_legend_of_access_classes(catalog, ctx):
    html = params_vs_tokens(ctx)
    for root in svgs(html).values():
        legend = next(g for g in root.iter(NS + "g") if g.get("class") == "atlas-legend")
        texts = [t.text for t in legend.iter(NS + "text")]
        assert [t.split(" (")[0] for t in texts] == [
            "open weights",
            "API only",
            "closed",
            "access not stated",
        ]
        shapes = [m.get("class") for m in legend if m.tag != NS + "text"]
        assert shapes == [f"atlas-mark atlas-acc-{a}" for a in S.ACCESS]
    # a point's colour class is its family's access
    root = svgs(html)["wide"]
    for a in root.iter(NS + "a"):
        access = catalog.families[catalog.variant_family[a.get("data-id")]].access or "unknown"
        assert a[1].get("class") == f"atlas-mark atlas-acc-{access}"


def test_charts_speak_chinese(catalog):
    html = params_vs_tokens(Ctx(catalog, "charts.md", "charts/", lang="zh"))
    assert "开放权重" in html and "参数量（对数刻度）" in html and "本图数据" in html


def test_score_chart_plots_one_setting_and_only_models_with_compute(catalog, ctx):
    pairs = score_points(catalog, "mmlu", 5)
    assert pairs
    for point, rec in pairs:
        assert rec.result.shots == 5 and rec.result.metric == "accuracy" and not rec.result.cot
        assert training_compute(catalog.variants[point.id]) == point.x
    html = score_vs_compute(ctx, "mmlu", 5)
    assert sorted(marks(html)) == sorted(p.id for p, _ in pairs)
    # one mark per model, even where sources disagree
    assert len(set(marks(html))) == len(marks(html))
    chinchilla = dict((p.id, rec) for p, rec in pairs)["chinchilla-70b"]
    assert chinchilla.source == "hoffmann2022chinchilla"  # the model's own paper wins


def test_timeline_and_lineage(catalog, ctx):
    assert sorted(marks(release_timeline(ctx))) == sorted(catalog.families)
    html = lineage(ctx)
    for root in svgs(html).values():
        edges = {(p.get("data-from"), p.get("data-to")) for p in root.iter(NS + "path")}
        assert edges == {(p, f.id) for f in catalog.families.values() for p in f.derived_from}
    assert ("llama", "alpaca") in edges and ("bloom", "bloomz") in edges and ("t5", "t0") in edges
    assert 'href="../models/llama/"' in html
    assert 'href="models/llama.html"' in lineage(Ctx(catalog, "charts.md", "charts.html"))
