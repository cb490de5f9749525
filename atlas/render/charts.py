"""Charts drawn at build time as inline SVG: no chart script, nothing from another host.

Marks and text use ``currentColor`` and Material's colour variables, so a chart follows
the light or dark palette. Every mark carries ``data-id`` (the variant or family it
plots) and a ``<title>`` tooltip; every chart has a caption and a table of its data.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from .. import derive
from ..load import Catalog, ResultRecord
from .context import Ctx
from .family import fmt_flops
from .md import esc, fmt_count, table
from .strings import text as _text

W, H = 760, 460
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 50


@dataclass(frozen=True)
class Point:
    id: str
    label: str
    x: float
    y: float
    tip: str


def _log_ticks(lo: float, hi: float) -> list[float]:
    return [10.0**e for e in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)]


def _log_range(values: list[float]) -> tuple[float, float]:
    """The powers of ten around the values (at least one decade wide)."""
    ticks = _log_ticks(min(values), max(values))
    return ticks[0], ticks[-1] if ticks[-1] > ticks[0] else ticks[0] * 10


def _scale(lo: float, hi: float, a: float, b: float, log: bool):
    if log:
        lo, hi = math.log10(lo), math.log10(hi)
        return lambda v: a + (math.log10(v) - lo) / (hi - lo) * (b - a)
    return lambda v: a + (v - lo) / (hi - lo) * (b - a)


def _sup(exp: int) -> str:
    return str(exp).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _svg(inner: list[str], title: str, desc: str, height: int = H) -> str:
    return (
        f'<svg class="atlas-chart" viewBox="0 0 {W} {height}" role="img" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{esc(title)}</title><desc>{esc(desc)}</desc>" + "".join(inner) + "</svg>"
    )


def _axes(
    x_ticks: Iterable[tuple[float, str]],
    y_ticks: Iterable[tuple[float, str]],
    x_label: str,
    y_label: str,
    height: int = H,
) -> list[str]:
    out = ['<g class="atlas-axis" fill="currentColor" font-size="11">']
    out.append(
        f'<line x1="{LEFT}" y1="{height - BOTTOM}" x2="{W - RIGHT}" y2="{height - BOTTOM}" stroke="currentColor"/>'
    )
    out.append(
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{height - BOTTOM}" stroke="currentColor"/>'
    )
    for px, text in x_ticks:
        out.append(
            f'<line x1="{px:.1f}" y1="{height - BOTTOM}" x2="{px:.1f}" y2="{TOP}" class="atlas-grid"/>'
        )
        out.append(
            f'<text x="{px:.1f}" y="{height - BOTTOM + 16}" text-anchor="middle">{esc(text)}</text>'
        )
    for py, text in y_ticks:
        out.append(
            f'<line x1="{LEFT}" y1="{py:.1f}" x2="{W - RIGHT}" y2="{py:.1f}" class="atlas-grid"/>'
        )
        out.append(f'<text x="{LEFT - 6}" y="{py + 4:.1f}" text-anchor="end">{esc(text)}</text>')
    out.append(
        f'<text x="{(LEFT + W - RIGHT) / 2}" y="{height - 10}" text-anchor="middle" font-size="12">{esc(x_label)}</text>'
    )
    out.append(
        f'<text x="14" y="{(TOP + height - BOTTOM) / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 14 {(TOP + height - BOTTOM) / 2})">{esc(y_label)}</text>'
    )
    out.append("</g>")
    return out


def _marks(points: list[Point], sx, sy) -> list[str]:
    out = ['<g class="atlas-marks">']
    for p in points:
        out.append(
            f'<circle class="atlas-mark" data-id="{esc(p.id)}" cx="{sx(p.x):.1f}" cy="{sy(p.y):.1f}" r="4"><title>{esc(p.tip)}</title></circle>'
        )
    out.append("</g>")
    return out


def _figure(ctx: Ctx, svg: str, caption: str, headers: list[str], rows: list[list[str]]) -> str:
    data = table([ctx.t(h) for h in headers], rows)
    summary = esc(ctx.t("The data of this chart"))
    return (
        f'\n<figure class="atlas-figure">\n{svg}\n<figcaption>{esc(caption)}</figcaption>\n</figure>\n\n'
        f'<details class="atlas-chart-data" markdown="1">\n<summary>{summary}</summary>\n{data}\n</details>\n'
    )


# ---------------------------------------------------------------------------
# Parameters against training tokens
# ---------------------------------------------------------------------------


def params_tokens_points(catalog: Catalog, t=None) -> list[Point]:
    t = t or (lambda key, **values: _text("en", key, **values))
    points = []
    for f in catalog.families.values():
        for v in f.variants:
            if v.parameters and v.training_tokens:
                tip = t(
                    "{name}: {parameters} parameters, {tokens} tokens",
                    name=v.name,
                    parameters=fmt_count(v.parameters),
                    tokens=fmt_count(v.training_tokens),
                )
                points.append(Point(v.id, v.name, v.parameters, v.training_tokens, tip))
    return points


PARAMS_CAPTION = (
    "Parameters against training tokens for the {n} variants whose sources give both, on log "
    "scales. The solid line is {ratio} tokens per parameter (Chinchilla's compute-optimal "
    "ratio); dashed lines join models of equal training compute (≈ 6 × parameters × tokens). "
    "Mixture-of-experts models are plotted at their total parameters."
)


def params_vs_tokens(ctx: Ctx) -> str:
    """Log-log scatter of parameters against training tokens, with the Chinchilla line and equal-compute lines."""
    points = params_tokens_points(ctx.catalog, ctx.t)
    if not points:
        return "\n*No variant has both a parameter count and a token count yet.*\n"
    x_lo, x_hi = _log_range([p.x for p in points])
    y_lo, y_hi = _log_range([p.y for p in points])
    sx = _scale(x_lo, x_hi, LEFT, W - RIGHT, True)
    sy = _scale(y_lo, y_hi, H - BOTTOM, TOP, True)
    inner = _axes(
        [(sx(t), f"10{_sup(round(math.log10(t)))}") for t in _log_ticks(x_lo, x_hi)],
        [(sy(t), f"10{_sup(round(math.log10(t)))}") for t in _log_ticks(y_lo, y_hi)],
        ctx.t("Parameters (log scale)"),
        ctx.t("Training tokens (log scale)"),
    )

    def line(fn, cls: str, label: str) -> None:
        xs = [x_lo * (x_hi / x_lo) ** (i / 60) for i in range(61)]
        pts = [(sx(x), sy(fn(x))) for x in xs if y_lo <= fn(x) <= y_hi]
        if len(pts) >= 2:
            inner.append(
                f'<polyline class="{cls}" fill="none" points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in pts)}"><title>{esc(label)}</title></polyline>'
            )
            ax, ay = pts[-1]
            inner.append(
                f'<text class="{cls}-label" x="{ax - 4:.1f}" y="{ay - 6:.1f}" text-anchor="end" font-size="11" fill="currentColor">{esc(label)}</text>'
            )

    line(
        lambda n: derive.CHINCHILLA_TOKENS_PER_PARAMETER * n,
        "atlas-line-chinchilla",
        ctx.t("{n} tokens per parameter (Chinchilla)", n=derive.CHINCHILLA_TOKENS_PER_PARAMETER),
    )
    for exp in range(18, 28, 2):
        c = 10.0**exp
        line(lambda n, c=c: c / (6 * n), "atlas-line-compute", f"6ND = 10{_sup(exp)} FLOPs")
    inner += _marks(points, sx, sy)
    svg = _svg(
        inner,
        ctx.t("Parameters against training tokens"),
        ctx.t(
            "{n} model variants; diagonal lines mark 20 tokens per parameter and equal training compute",
            n=len(points),
        ),
    )
    rows = [
        [esc(p.label), esc(fmt_count(int(p.x))), esc(fmt_count(int(p.y))), esc(f"{p.y / p.x:.1f}")]
        for p in sorted(points, key=lambda p: p.x)
    ]
    caption = ctx.t(PARAMS_CAPTION, n=len(points), ratio=derive.CHINCHILLA_TOKENS_PER_PARAMETER)
    return _figure(
        ctx,
        svg,
        caption,
        ["Variant", "Parameters", "Training tokens", "Tokens per parameter"],
        rows,
    )


# ---------------------------------------------------------------------------
# MMLU against training compute
# ---------------------------------------------------------------------------


def _own_sources(catalog: Catalog, family_id: str) -> set[str]:
    f = catalog.families[family_id]
    own = {f.paper} if f.paper else set()
    own |= {
        getattr(f.cite, n).source
        for n in type(f.cite).model_fields
        if getattr(f.cite, n) is not None
    }
    return own


def score_points(
    catalog: Catalog, benchmark: str = "mmlu", shots: int = 5, metric: str = "accuracy"
) -> list[tuple[Point, ResultRecord]]:
    """One mark per variant with a known training compute and a score in this exact setting.

    Where several sources report the variant, the value from its own family's paper or card is
    plotted; otherwise the first source in file order. Chain-of-thought results are left out.
    """
    chosen: dict[str, ResultRecord] = {}
    own: dict[str, set[str]] = {}
    for rec in catalog.results_by_benchmark.get(benchmark, ()):
        r = rec.result
        if r.shots != shots or r.metric != metric or r.cot or r.subset:
            continue
        fam = catalog.variant_family[r.model]
        if fam not in own:
            own[fam] = _own_sources(catalog, fam)
        if r.model not in chosen or (
            rec.source in own[fam] and chosen[r.model].source not in own[fam]
        ):
            chosen[r.model] = rec
    out = []
    for variant_id, rec in chosen.items():
        v = catalog.variants[variant_id]
        compute = derive.training_compute(v)
        if compute:
            tip = f"{v.name}: {rec.result.value:g} ({catalog.sources[rec.source].title}, {rec.result.locator}); compute ≈ {fmt_flops(compute)} FLOPs"
            out.append((Point(v.id, v.name, compute, rec.result.value, tip), rec))
    return out


def score_vs_compute(ctx: Ctx, benchmark: str = "mmlu", shots: int = 5) -> str:
    """Benchmark score (one setting) against training compute ≈ 6ND, log x."""
    bench = ctx.catalog.benchmarks[benchmark]
    pairs = score_points(ctx.catalog, benchmark, shots)
    if not pairs:
        return f"\n*No variant has both a {esc(bench.name)} {shots}-shot score and a training compute yet.*\n"
    points = [p for p, _ in pairs]
    x_lo, x_hi = _log_range([p.x for p in points])
    sx = _scale(x_lo, x_hi, LEFT, W - RIGHT, True)
    sy = _scale(0, 100, H - BOTTOM, TOP, False)
    inner = _axes(
        [(sx(t), f"10{_sup(round(math.log10(t)))}") for t in _log_ticks(x_lo, x_hi)],
        [(sy(v), str(v)) for v in range(0, 101, 20)],
        ctx.t("Training compute ≈ 6 × parameters × tokens (FLOPs, log scale)"),
        ctx.t("{benchmark} {shots}-shot accuracy (%)", benchmark=bench.name, shots=shots),
    )
    if bench.random_baseline is not None:
        y = sy(bench.random_baseline)
        inner.append(
            f'<line class="atlas-line-chance" x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"><title>{esc(ctx.t("random chance"))}</title></line>'
        )
        inner.append(
            f'<text x="{W - RIGHT - 4}" y="{y - 5:.1f}" text-anchor="end" font-size="11" fill="currentColor">{esc(ctx.t("random chance"))} ({bench.random_baseline:g}%)</text>'
        )
    inner += _marks(points, sx, sy)
    svg = _svg(
        inner,
        ctx.t("{benchmark} score against training compute", benchmark=bench.name),
        ctx.t("{n} model variants", n=len(points)),
    )
    rows = [
        [
            esc(p.label),
            esc(fmt_flops(p.x)),
            esc(f"{rec.result.value:g}"),
            f"{esc(ctx.catalog.sources[rec.source].title)}, {esc(rec.result.locator)}",
        ]
        for p, rec in sorted(pairs, key=lambda pr: pr[0].x)
    ]
    caption = ctx.t(
        "{benchmark} {shots}-shot accuracy against training compute for the {n} variants with "
        "both. Compute is derived (≈ 6 × parameters × training tokens; active parameters for "
        "mixture-of-experts). Where sources disagree, the model's own paper or card is plotted; "
        "every value is in the table below with its source.",
        benchmark=bench.name,
        shots=shots,
        n=len(points),
    )
    return _figure(
        ctx, svg, caption, ["Variant", "Training compute (FLOPs)", "Score", "Source"], rows
    )


# ---------------------------------------------------------------------------
# Release timeline and lineage
# ---------------------------------------------------------------------------


def _year(date: str) -> float:
    parts = [int(p) for p in date.split("-")]
    year, month, day = (
        parts[0],
        parts[1] if len(parts) > 1 else 7,
        parts[2] if len(parts) > 2 else 15,
    )
    return year + (month - 1) / 12 + (day - 1) / 365


def release_timeline(ctx: Ctx) -> str:
    fams = sorted(
        ctx.catalog.families.values(), key=lambda f: (_year(f.release_date), f.name.lower())
    )
    if not fams:
        return "\n*No model family yet.*\n"
    row = 16
    height = TOP + BOTTOM + row * len(fams)
    lo, hi = (
        math.floor(min(_year(f.release_date) for f in fams)),
        math.ceil(max(_year(f.release_date) for f in fams) + 0.01),
    )
    left = 190
    sx = _scale(lo, hi, left, W - RIGHT, False)
    inner = ['<g class="atlas-axis" fill="currentColor" font-size="11">']
    for y in range(lo, hi + 1):
        inner.append(
            f'<line class="atlas-grid" x1="{sx(y):.1f}" x2="{sx(y):.1f}" y1="{TOP}" y2="{height - BOTTOM}"/>'
        )
        inner.append(
            f'<text x="{sx(y):.1f}" y="{height - BOTTOM + 16}" text-anchor="middle">{y}</text>'
        )
    inner.append("</g>")
    for i, f in enumerate(fams):
        y = TOP + row * i + row / 2
        inner.append(
            f'<a href="{esc(ctx.href("family", f.id))}"><text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="currentColor">{esc(f.name)}</text></a>'
        )
        inner.append(
            f'<circle class="atlas-mark" data-id="{esc(f.id)}" cx="{sx(_year(f.release_date)):.1f}" cy="{y:.1f}" r="4"><title>{esc(f.name)}: {esc(ctx.t("released {date}", date=ctx.date(f.release_date)))}</title></circle>'
        )
    svg = _svg(
        inner,
        ctx.t("Release timeline"),
        ctx.t("{n} model families by first release date", n=len(fams)),
        height,
    )
    rows = [
        [
            esc(f.name),
            esc(ctx.date(f.release_date)),
            esc(", ".join(ctx.catalog.organizations[o].name for o in f.organizations)),
        ]
        for f in fams
    ]
    return _figure(
        ctx,
        svg,
        ctx.t(
            "First public release of the {n} model families, oldest first (a date given only to "
            "the month or year is placed in its middle).",
            n=len(fams),
        ),
        ["Family", "Released", "Organization"],
        rows,
    )


LINEAGE_CAPTION = (
    "Which families were trained from which: an arrow runs from a base model to a family "
    "fine-tuned or otherwise derived from it (the derived_from field of each family)."
)


def lineage(ctx: Ctx) -> str:
    """Base models and the families derived from them (derived_from), as a left-to-right graph."""
    cat = ctx.catalog
    linked = {f.id for f in cat.families.values() if f.derived_from} | {
        p for f in cat.families.values() for p in f.derived_from
    }
    if not linked:
        return "\n*No family in the atlas is derived from another yet.*\n"
    depth: dict[str, int] = {}

    def level(fid: str, seen: tuple = ()) -> int:
        if fid in depth:
            return depth[fid]
        parents = [p for p in cat.families[fid].derived_from if p not in seen]
        depth[fid] = 0 if not parents else 1 + max(level(p, seen + (fid,)) for p in parents)
        return depth[fid]

    for fid in linked:
        level(fid)
    columns: dict[int, list[str]] = {}
    for fid in sorted(
        linked, key=lambda x: (_year(cat.families[x].release_date), cat.families[x].name.lower())
    ):
        columns.setdefault(depth[fid], []).append(fid)
    col_w, row_h, box_w, box_h = 190, 30, 150, 20
    height = TOP + BOTTOM + row_h * max(len(c) for c in columns.values())
    pos = {
        fid: (LEFT + col_w * d, TOP + row_h * i)
        for d, ids in columns.items()
        for i, fid in enumerate(ids)
    }
    inner = [
        '<defs><marker id="atlas-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="currentColor"/></marker></defs>'
    ]
    for f in cat.families.values():
        for parent in f.derived_from:
            (x1, y1), (x2, y2) = pos[parent], pos[f.id]
            inner.append(
                f'<line class="atlas-edge" data-from="{esc(parent)}" data-to="{esc(f.id)}" x1="{x1 + box_w}" y1="{y1 + box_h / 2}" x2="{x2}" y2="{y2 + box_h / 2}" stroke="currentColor" marker-end="url(#atlas-arrow)"/>'
            )
    for fid, (x, y) in pos.items():
        name = cat.families[fid].name
        inner.append(
            f'<a href="{esc(ctx.href("family", fid))}"><rect class="atlas-node atlas-mark" data-id="{esc(fid)}" x="{x}" y="{y}" width="{box_w}" height="{box_h}" rx="4"><title>{esc(name)}</title></rect>'
            f'<text x="{x + box_w / 2}" y="{y + 14}" text-anchor="middle" font-size="11" fill="currentColor">{esc(name)}</text></a>'
        )
    desc = ctx.t("Model families and the families they were derived from")
    svg = _svg(inner, ctx.t("Lineage"), desc, height)
    rows = [
        [esc(cat.families[p].name), esc(f.name)]
        for f in sorted(cat.families.values(), key=lambda x: x.name.lower())
        for p in f.derived_from
    ]
    headers = ["Base family", "Derived family"]
    return _figure(ctx, svg, ctx.t(LINEAGE_CAPTION), headers, rows)
