"""Charts drawn at build time as inline SVG: no chart script, nothing from another host.

Each chart is drawn twice (svg.WIDE for a desktop's content width, svg.NARROW for a phone) and
atlas.css shows the one that fits, at no more than the size it was drawn for. Every point is a
link (``<a class="atlas-pt">``) to its variant's row on its family page, coloured and shaped by
the family's access class; its label is always shown for the notable points that have room
(a greedy placement that checks boxes, so labels never overlap) and otherwise on hover, tap or
keyboard focus. Every chart has a caption and a table of its data with sources.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .. import derive
from ..load import Catalog, ResultRecord
from . import svg as S
from .cite import label as source_label
from .context import Ctx
from .family import fmt_flops
from .md import esc, fmt_count, link, table


@dataclass(frozen=True)
class Point:
    id: str
    label: str
    x: float
    y: float
    tip: str
    access: str = "unknown"
    href: str = ""
    family: str = ""


def _access(catalog: Catalog, family_id: str) -> str:
    return catalog.families[family_id].access or "unknown"


def _priority(points: list[Point]) -> list[Point]:
    """The largest variant of each family first (largest first), then the others."""
    best: dict[str, Point] = {}
    for p in points:
        if p.family not in best or p.x > best[p.family].x:
            best[p.family] = p
    heads = set(id(p) for p in best.values())
    return sorted(points, key=lambda p: (id(p) not in heads, -p.x, p.id))


def _obstacles(points: list[Point], sx, sy, frame: S.Frame) -> S.Layout:
    """The plot area with every point's mark taken: labels are placed around them."""
    layout = S.Layout(frame.plot)
    for p in points:
        x, y = sx(p.x), sy(p.y)
        layout.marks.append((x - 6, y - 6, x + 6, y + 6))
    return layout


def _points(frame: S.Frame, points: list[Point], sx, sy, layout: S.Layout) -> list[str]:
    """Every point as a link with its label; labels that are always shown never overlap
    each other, the marks or the lines' labels (``layout`` holds those)."""
    at = {p.id: (sx(p.x), sy(p.y)) for p in points}
    shown: dict[str, tuple] = {}
    for p in _priority(points):
        if len(shown) == frame.labels:
            break
        spot = layout.place(S.label_spots(*at[p.id], p.label))
        if spot:
            shown[p.id] = spot
    out = ['<g class="atlas-marks">']
    for p in sorted(points, key=lambda p: (p.x, p.y, p.id)):
        spots = S.label_spots(*at[p.id], p.label)
        spot = shown.get(p.id) or next(
            (v for b, v in spots if layout.fits(b)),
            next((v for b, v in spots if S.Layout(layout.bounds).fits(b)), spots[0][1]),
        )
        cls = "atlas-pt atlas-labelled" if p.id in shown else "atlas-pt"
        tx, ty, anchor = spot
        out.append(
            f'<a class="{cls}" href="{esc(p.href)}" data-id="{esc(p.id)}"><title>{esc(p.tip)}</title>'
            + S.mark(p.access, *at[p.id])
            + f'<text class="atlas-pt-label" x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}" '
            f'font-size="{S.LABEL}">{esc(p.label)}</text></a>'
        )
    out.append("</g>")
    return out


def _annotate(layout: S.Layout, pts: list[tuple[float, float]], *texts: str, crowd=True) -> str:
    """A line's label: horizontal, beside the line, where it overlaps no other label and, if it
    can (``crowd`` False: must), no point; the first of ``texts`` that fits."""
    for text in texts:
        cands = []
        for f in (0.92, 0.8, 0.68, 0.56, 0.44, 0.32, 0.2, 0.08):
            x, y = pts[round(f * (len(pts) - 1))]
            for tx, ty, a in (
                (x - 4, y - 7, "end"),
                (x + 6, y + 16, "start"),
                (x + 8, y + 34, "start"),
            ):
                cands.append((S.text_box(tx, ty, text, S.FONT, a), (tx, ty, a)))
        spot = layout.place(cands) or (crowd and layout.place(cands, over_marks=True))
        if spot:
            break
    else:  # on a phone a line may have no room for its label; the caption names it
        return ""
    tx, ty, a = spot
    return (
        f'<text class="atlas-annotation" x="{tx:.1f}" y="{ty:.1f}" text-anchor="{a}" '
        f'font-size="{S.FONT}">{esc(text)}</text>'
    )


def _figure(ctx: Ctx, svgs: list[str], caption: str, headers, rows, **kw) -> str:
    data = table(headers, rows, **kw)
    return (
        f'\n<figure class="atlas-figure">\n{"".join(svgs)}\n<figcaption>{esc(caption)}</figcaption>'
        f'\n</figure>\n\n<details class="atlas-chart-data">\n<summary>'
        f"{esc(ctx.t('The data of this chart'))}</summary>\n{data}\n</details>\n"
    )


def _legend(ctx: Ctx, frame: S.Frame, points) -> tuple[list[str], S.Frame]:
    """The legend, and the frame with its plot moved down below the legend."""
    items, box = S.legend(frame, Counter(p.access for p in points), ctx.t)
    return items, frame.sized(top=max(frame.top, int(box[3]) + 20))


def _cited(ctx: Ctx, v, *fields: str) -> str:
    """Where a variant's fields come from: 'Touvron et al. 2023a, Table 2'."""
    seen = []
    for name in fields:
        c = getattr(v.cite, name, None) or v.cite.default
        if c is not None:
            text = source_label(ctx.catalog, c.source) + (f", {c.locator}" if c.locator else "")
            if text not in seen:
                seen.append(text)
    return esc("; ".join(seen))


# ---------------------------------------------------------------------------
# Parameters against training tokens
# ---------------------------------------------------------------------------


def params_tokens_points(catalog: Catalog, ctx: Ctx | None = None) -> list[Point]:
    points = []
    for f in catalog.families.values():
        for v in f.variants:
            if v.parameters and v.training_tokens:
                params, tokens = fmt_count(v.parameters), fmt_count(v.training_tokens)
                tip = f"{v.name}: {params} parameters, {tokens} tokens"
                if ctx:
                    tip = ctx.t(
                        "{name}: {parameters} parameters, {tokens} tokens",
                        name=v.name,
                        parameters=params,
                        tokens=tokens,
                    )
                href = ctx.href("family", f.id, v.id) if ctx else ""
                access = f.access or "unknown"
                points.append(
                    Point(v.id, v.name, v.parameters, v.training_tokens, tip, access, href, f.id)
                )
    return points


def _params_tokens_svg(ctx: Ctx, frame: S.Frame, points: list[Point]) -> str:
    x_lo, x_hi = S.log_range([p.x for p in points])
    y_lo, y_hi = S.log_range([p.y for p in points])
    legend, frame = _legend(ctx, frame, points)
    x0, y0, x1, y1 = frame.plot
    sx, sy = S.scale(x_lo, x_hi, x0, x1, True), S.scale(y_lo, y_hi, y1, y0, True)
    inner = S.axes(
        frame,
        S.power_ticks(S.log_ticks(x_lo, x_hi), sx, 40),
        S.power_ticks(S.log_ticks(y_lo, y_hi), sy, 22),
        ctx.t("Parameters (log scale)"),
        ctx.t("Training tokens (log scale)"),
    )
    inner += legend
    layout = _obstacles(points, sx, sy, frame)
    ratio = derive.CHINCHILLA_TOKENS_PER_PARAMETER
    lines = [
        (
            lambda n: ratio * n,
            "atlas-line-chinchilla",
            ctx.t("{n} tokens per parameter (Chinchilla)", n=ratio),
            ctx.t("{n} tokens per parameter", n=ratio),
        )
    ]
    for exp in range(18, 28, 2):
        c = 10.0**exp
        label = ctx.t("6ND = {value} FLOPs", value=f"10{S.sup(exp)}")
        lines.append((lambda n, c=c: c / (6 * n), "atlas-line-compute", label))
    for fn, cls, label, *short in lines:
        xs = [x_lo * (x_hi / x_lo) ** (i / 80) for i in range(81)]
        pts = [(sx(x), sy(fn(x))) for x in xs if y_lo <= fn(x) <= y_hi]
        if len(pts) >= 2:
            coords = " ".join(f"{a:.1f},{b:.1f}" for a, b in pts)
            inner.append(
                f'<polyline class="{cls}" fill="none" points="{coords}"><title>{esc(label)}</title></polyline>'
            )
            inner.append(
                _annotate(layout, pts, label, *short, crowd=frame.name == "wide" or bool(short))
            )
    inner += _points(frame, points, sx, sy, layout)
    desc = ctx.t(
        "{n} model variants; diagonal lines mark {ratio} tokens per parameter and equal training compute",
        n=len(points),
        ratio=ratio,
    )
    return S.svg(frame, inner, ctx.t("Parameters against training tokens"), desc)


def params_vs_tokens(ctx: Ctx) -> str:
    """Log-log scatter of parameters against training tokens, with the Chinchilla line and equal-compute lines."""
    points = params_tokens_points(ctx.catalog, ctx)
    if not points:
        return f"\n*{esc(ctx.t('No variant has both a parameter count and a token count yet.'))}*\n"
    rows = []
    for p in sorted(points, key=lambda p: p.x):
        v = ctx.catalog.variants[p.id]
        rows.append(
            [
                link(p.label, p.href),
                esc(fmt_count(int(p.x))),
                esc(fmt_count(int(p.y))),
                esc(f"{p.y / p.x:.1f}"),
                _cited(ctx, v, "parameters", "training_tokens"),
            ]
        )
    caption = ctx.t(
        "Parameters against training tokens for the {n} variants whose sources give both, on log scales. "
        "The solid line is {ratio} tokens per parameter (Chinchilla's compute-optimal ratio); dashed lines "
        "join models of equal training compute (≈ 6 × parameters × tokens). Mixture-of-experts models are "
        "plotted at their total parameters.",
        n=len(points),
        ratio=derive.CHINCHILLA_TOKENS_PER_PARAMETER,
    )
    headers = [
        ctx.t(h)
        for h in ("Variant", "Parameters", "Training tokens", "Tokens per parameter", "Source")
    ]
    svgs = [_params_tokens_svg(ctx, frame, points) for frame in S.FRAMES]
    return _figure(ctx, svgs, caption, headers, rows, numeric=(1, 2, 3), secondary=(3,))


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
    catalog: Catalog, benchmark: str = "mmlu", shots: int = 5, metric: str = "accuracy", ctx=None
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
        v, fam = catalog.variants[variant_id], catalog.variant_family[variant_id]
        compute = derive.training_compute(v)
        if compute:
            source = source_label(catalog, rec.source)
            tip = (ctx.t if ctx else S.english)(
                "{name}: {value} ({source}, {locator}); compute ≈ {flops} FLOPs",
                name=v.name,
                value=f"{rec.result.value:g}",
                source=source,
                locator=rec.result.locator,
                flops=fmt_flops(compute),
            )
            href = ctx.href("family", fam, v.id) if ctx else ""
            point = Point(
                v.id, v.name, compute, rec.result.value, tip, _access(catalog, fam), href, fam
            )
            out.append((point, rec))
    return out


def _score_svg(ctx: Ctx, frame: S.Frame, bench, shots: int, points: list[Point]) -> str:
    x_lo, x_hi = S.log_range([p.x for p in points])
    legend, frame = _legend(ctx, frame, points)
    x0, y0, x1, y1 = frame.plot
    sx, sy = S.scale(x_lo, x_hi, x0, x1, True), S.scale(0, 100, y1, y0, False)
    inner = S.axes(
        frame,
        S.power_ticks(S.log_ticks(x_lo, x_hi), sx, 40),
        [(sy(v), str(v)) for v in range(0, 101, 20)],
        ctx.t("Training compute, FLOPs (log scale)"),
        ctx.t("{benchmark} {shots}-shot accuracy (%)", benchmark=bench.name, shots=shots),
    )
    inner += legend
    layout = _obstacles(points, sx, sy, frame)
    if bench.random_baseline is not None:
        y = sy(bench.random_baseline)
        label = ctx.t("random chance ({value}%)", value=f"{bench.random_baseline:g}")
        inner.append(
            f'<line class="atlas-line-chance" x1="{x0}" x2="{x1}" y1="{y:.1f}" y2="{y:.1f}"><title>{esc(label)}</title></line>'
        )
        inner.append(_annotate(layout, [(x0, y), (x1 - 4, y)], label))
    inner += _points(frame, points, sx, sy, layout)
    title = ctx.t("{benchmark} score against training compute", benchmark=bench.name)
    return S.svg(frame, inner, title, ctx.t("{n} model variants", n=len(points)))


def score_vs_compute(ctx: Ctx, benchmark: str = "mmlu", shots: int = 5) -> str:
    """Benchmark score (one setting) against training compute ≈ 6ND, log x."""
    bench = ctx.catalog.benchmarks[benchmark]
    pairs = score_points(ctx.catalog, benchmark, shots, ctx=ctx)
    if not pairs:
        msg = "No variant has both a {benchmark} {shots}-shot score and a training compute yet."
        return f"\n*{esc(ctx.t(msg, benchmark=bench.name, shots=shots))}*\n"
    points = [p for p, _ in pairs]
    rows = [
        [
            link(p.label, p.href),
            esc(fmt_flops(p.x)),
            esc(f"{rec.result.value:g}"),
            esc(f"{source_label(ctx.catalog, rec.source)}, {rec.result.locator}"),
        ]
        for p, rec in sorted(pairs, key=lambda pr: pr[0].x)
    ]
    caption = ctx.t(
        "{benchmark} {shots}-shot accuracy against training compute for the {n} variants with both. "
        "Compute is derived (≈ 6 × parameters × training tokens; active parameters for mixture-of-experts). "
        "Where sources disagree, the model's own paper or card is plotted; every value is in the table "
        "below with its source.",
        benchmark=bench.name,
        shots=shots,
        n=len(points),
    )
    headers = [ctx.t(h) for h in ("Variant", "Training compute (FLOPs)", "Score", "Source")]
    svgs = [_score_svg(ctx, frame, bench, shots, points) for frame in S.FRAMES]
    return _figure(ctx, svgs, caption, headers, rows, numeric=(1, 2), secondary=(1,))


# ---------------------------------------------------------------------------
# Release timeline and lineage: every family, its name always shown
# ---------------------------------------------------------------------------

ROW = 24


def _year(date: str) -> float:
    parts = [int(p) for p in date.split("-")]
    year, month, day = (
        parts[0],
        parts[1] if len(parts) > 1 else 7,
        parts[2] if len(parts) > 2 else 15,
    )
    return year + (month - 1) / 12 + (day - 1) / 365


def _family_link(ctx: Ctx, fid: str, x: float, y: float, text: str, tip: str, extra="") -> str:
    """A family as a link: its mark at (x, y) and its name beside it (text-anchor in ``extra``)."""
    access = _access(ctx.catalog, fid)
    return (
        f'<a class="atlas-pt atlas-labelled" href="{esc(ctx.href("family", fid))}" data-id="{esc(fid)}">'
        f"<title>{esc(tip)}</title>{S.mark(access, x, y)}"
        f'<text class="atlas-pt-label" y="{y + 4.5:.1f}" font-size="{S.LABEL}" {extra}>{esc(text)}</text></a>'
    )


def _fit(name: str, room: float) -> str:
    """The name, shortened with an ellipsis where it is wider than ``room``."""
    while len(name) > 4 and S.text_width(name, S.LABEL) > room:
        name = name[:-2].rstrip() + "…"
    return name


def _lanes(fams, sx, x_min: float, x_max: float) -> tuple[list[tuple], int]:
    """Each family in the first row where its mark and name touch no other (dates in order)."""
    lanes: list[list[tuple[float, float]]] = []
    placed = []
    for f in fams:
        x = sx(_year(f.release_date))
        right = x + 9 + S.text_width(f.name, S.LABEL) <= x_max or x_max - x > x - x_min
        name = _fit(f.name, (x_max - x if right else x - x_min) - 9)
        w = S.text_width(name, S.LABEL)
        span = (x - 7, x + 9 + w) if right else (x - 9 - w, x + 7)
        lane = next(
            (
                i
                for i, row in enumerate(lanes)
                if all(b[1] + 10 < span[0] or span[1] + 10 < b[0] for b in row)
            ),
            None,
        )
        if lane is None:
            lanes.append([])
            lane = len(lanes) - 1
        lanes[lane].append(span)
        placed.append((f, name, x, lane, (x + 9, "start") if right else (x - 9, "end")))
    return placed, len(lanes)


def _timeline_svg(ctx: Ctx, frame: S.Frame, fams) -> str:
    years = [_year(f.release_date) for f in fams]
    lo, hi = int(min(years)), int(max(years) + 0.01) + 1
    x_a, x_b = 24, frame.w - 24
    sx = S.scale(lo, hi, x_a, x_b, False)
    placed, n_lanes = _lanes(fams, sx, x_a, x_b)
    legend, box = S.legend(frame, Counter(_access(ctx.catalog, f.id) for f in fams), ctx.t)
    top = box[3] + 40
    bottom = top + ROW * n_lanes
    frame = frame.sized(int(bottom + 36))
    step = 1 if (x_b - x_a) / (hi - lo) >= 48 else 2
    inner = [f'<g class="atlas-axis" font-size="{S.FONT}">']
    for y in range(lo, hi + 1, step):
        x = sx(y)
        inner.append(
            f'<line class="atlas-grid" x1="{x:.1f}" x2="{x:.1f}" y1="{top - 14}" y2="{bottom}"/>'
        )
        for ty in (top - 20, bottom + 20):
            inner.append(f'<text x="{x:.1f}" y="{ty:.1f}" text-anchor="middle">{y}</text>')
    inner.append("</g>")
    inner += legend
    inner.append('<g class="atlas-marks">')
    for f, name, x, lane, (tx, anchor) in placed:
        y = top + ROW * lane + ROW / 2
        tip = ctx.t("{name}: released {date}", name=f.name, date=f.release_date)
        inner.append(
            _family_link(ctx, f.id, x, y, name, tip, f'x="{tx:.1f}" text-anchor="{anchor}"')
        )
    inner.append("</g>")
    desc = ctx.t("{n} model families by first release date", n=len(fams))
    return S.svg(frame, inner, ctx.t("Release timeline"), desc)


def release_timeline(ctx: Ctx) -> str:
    fams = sorted(
        ctx.catalog.families.values(), key=lambda f: (_year(f.release_date), f.name.lower())
    )
    if not fams:
        return f"\n*{esc(ctx.t('No model family yet.'))}*\n"
    rows = [
        [
            link(f.name, ctx.href("family", f.id)),
            esc(f.release_date),
            esc(", ".join(ctx.catalog.organizations[o].name for o in f.organizations)),
        ]
        for f in fams
    ]
    caption = ctx.t(
        "First public release of the {n} model families, oldest first (a date given only to the "
        "month or year is placed in its middle).",
        n=len(fams),
    )
    headers = [ctx.t(h) for h in ("Family", "Released", "Organization")]
    svgs = [_timeline_svg(ctx, frame, fams) for frame in S.FRAMES]
    return _figure(ctx, svgs, caption, headers, rows)


def _tree(cat: Catalog) -> list[tuple[str, int, str | None]]:
    """(family, depth, parent) rows of the derived_from graph, depth first from the base models.

    A family derived from several shows under each of them (so every edge is drawn); its own
    descendants only under the first."""
    linked = {f.id for f in cat.families.values() if f.derived_from} | {
        p for f in cat.families.values() for p in f.derived_from
    }
    order = sorted(
        linked, key=lambda x: (_year(cat.families[x].release_date), cat.families[x].name.lower())
    )
    kids: dict[str, list[str]] = {}
    for fid in order:
        for p in cat.families[fid].derived_from:
            kids.setdefault(p, []).append(fid)
    rows: list[tuple[str, int, str | None]] = []
    expanded: set[str] = set()

    def walk(fid: str, depth: int, parent: str | None) -> None:
        rows.append((fid, depth, parent))
        if fid not in expanded:
            expanded.add(fid)
            for child in kids.get(fid, ()):
                walk(child, depth + 1, fid)

    for fid in order:
        if not cat.families[fid].derived_from:
            walk(fid, 0, None)
    for fid in order:  # a cycle (the validator refuses them) has no base model
        if fid not in expanded:
            walk(fid, 0, None)
    return rows


def _columns(rows: list[tuple], k: int) -> list[list[tuple]]:
    """The rows in at most ``k`` columns of about equal height, each base model's tree whole."""
    blocks: list[list[tuple]] = []
    for r in rows:
        if r[1] == 0:
            blocks.append([])
        blocks[-1].append(r)
    target = -(-len(rows) // k)
    cols: list[list[tuple]] = [[]]
    for b in blocks:
        if cols[-1] and len(cols[-1]) + len(b) > target and len(cols) < k:
            cols.append([])
        cols[-1].extend(b)
    return cols


def _lineage_svg(ctx: Ctx, frame: S.Frame, rows) -> str:
    cat = ctx.catalog
    cols = _columns(rows, 3 if frame.w > 800 else 1)
    col_w = (frame.w - 16) / len(cols)
    legend, box = S.legend(frame, Counter(_access(cat, r[0]) for r in rows), ctx.t)
    top = box[3] + 24
    frame = frame.sized(int(top + ROW * max(len(c) for c in cols) + 16))
    inner = legend + ['<g class="atlas-marks">']
    for c, col in enumerate(cols):
        at: dict[str, tuple[float, float]] = {}
        for i, (fid, depth, parent) in enumerate(col):
            x, y = 16 + c * col_w + 8 + depth * 22, top + ROW * i + ROW / 2
            if parent is not None:
                px, py = at[parent]
                inner.append(
                    f'<path class="atlas-edge" data-from="{esc(parent)}" data-to="{esc(fid)}" fill="none" '
                    f'stroke="currentColor" d="M {px:.1f} {py + 7:.1f} V {y:.1f} H {x - 8:.1f}"/>'
                )
            at.setdefault(fid, (x, y))
            name = cat.families[fid].name
            inner.append(_family_link(ctx, fid, x, y, name, name, f'x="{x + 10:.1f}"'))
    inner.append("</g>")
    desc = ctx.t("Model families and the families they were derived from")
    return S.svg(frame, inner, ctx.t("Lineage"), desc)


def lineage(ctx: Ctx) -> str:
    """Base models and the families derived from them (derived_from), as an indented tree."""
    cat = ctx.catalog
    rows = _tree(cat)
    if not rows:
        return f"\n*{esc(ctx.t('No family in the atlas is derived from another yet.'))}*\n"
    table_rows = [
        [link(cat.families[p].name, ctx.href("family", p)), link(f.name, ctx.href("family", f.id))]
        for f in sorted(cat.families.values(), key=lambda x: x.name.lower())
        for p in f.derived_from
    ]
    caption = ctx.t(
        "Which families were trained from which: each family sits under the base model it was "
        "fine-tuned or otherwise derived from (the derived_from field of each family); a family "
        "derived from several appears under each."
    )
    headers = [ctx.t("Base family"), ctx.t("Derived family")]
    svgs = [_lineage_svg(ctx, frame, rows) for frame in S.FRAMES]
    return _figure(ctx, svgs, caption, headers, table_rows)
