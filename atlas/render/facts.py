"""Cells shared by the entity pages: facts, organizations, licences, access and results."""

from __future__ import annotations

from collections import defaultdict

from .. import schema as S
from ..load import ResultRecord
from .context import Ctx
from .md import esc, ext_link, fmt_score, table
from .notes import Notes, alternatives

LICENSE_CLASSES = {
    "permissive": "permissive",
    "restricted": "open weights with use restrictions",
    "non-commercial": "non-commercial",
    "proprietary": "proprietary",
}


def org_names(ctx: Ctx, ids: list[str]) -> str:
    out = []
    for oid in ids:
        org = ctx.catalog.organizations[oid]
        out.append(ext_link(org.name, org.url) if org.url else esc(org.name))
    return ", ".join(out)


def source_link(ctx: Ctx, source_id: str | None) -> str:
    if not source_id:
        return ""
    src = ctx.catalog.sources[source_id]
    return ext_link(src.title, src.url)


def facts_table(ctx: Ctx, rows: list[tuple[str, str]]) -> str:
    return table([ctx.t("Fact"), ctx.t("Value")], [(esc(ctx.t(k)), v) for k, v in rows if v])


def license_text(ctx: Ctx, license_id: str | None, short: bool = False) -> str:
    """A licence by name, linked to its text, with its class (``short``: the class only as a tooltip)."""
    if not license_id:
        return ""
    lic = ctx.catalog.licenses[license_id]
    kind = ctx.t(LICENSE_CLASSES[lic.license_class])
    if short:
        return f'<a href="{esc(lic.url)}" title="{esc(kind)}">{esc(lic.name)}</a>'
    return f"{ext_link(lic.name, lic.url)} ({esc(kind)})"


def access_text(ctx: Ctx, access: str | None, gated: bool | None, short: bool = False) -> str:
    if not access:
        return ""
    text = ctx.t(access.replace("-", " "))
    if gated and access == "open-weights":
        text += ctx.t(
            " (gated)" if short else " (download needs an accepted license or approved request)"
        )
    return esc(text)


def text_list(values: list[str]) -> str:
    return ", ".join(esc(v) for v in values)


def metric_of(ctx: Ctx, rec: ResultRecord) -> S.Metric:
    bm = ctx.catalog.benchmarks[rec.result.benchmark]
    return next(m for m in bm.metrics if m.id == rec.result.metric)


def result_value(ctx: Ctx, rec: ResultRecord) -> str:
    """A score as its source printed it, with its unit where that is not a percentage."""
    r = rec.result
    unit = metric_of(ctx, rec).unit or ""
    text = esc(fmt_score(r.value) + ("" if unit in ("", "%") else f" {unit}"))
    if r.estimate:
        text += f' <span class="atlas-estimate" title="{esc(r.estimate)}">{esc(ctx.t("(estimate)"))}</span>'
    return text


def note_of(ctx: Ctx, rec: ResultRecord) -> str | None:
    """What the footnote of a result says besides its document and place."""
    r = rec.result
    parts = [ctx.catalog.settings[r.harness].name if r.harness else None, r.note]
    return "; ".join(p for p in parts if p) or None


def result_cell(ctx: Ctx, recs: list[ResultRecord], notes: Notes) -> str:
    """One value (the first document's) with its marker; other documents' values behind ≠."""
    first, rest = recs[0], recs[1:]
    out = result_value(ctx, first) + notes.mark(
        first.source, first.result.locator, note_of(ctx, first), first.result.estimate
    )
    if rest:
        items = "".join(
            f"<li>{result_value(ctx, r)}{notes.mark(r.source, r.result.locator, note_of(ctx, r), r.result.estimate)}</li>"
            for r in rest
        )
        values = sorted({r.result.value for r in rest if r.result.value != first.result.value})
        if not values:
            out += alternatives(ctx, str(len(rest)), items, differ=False)
        else:
            out += alternatives(
                ctx,
                result_value(ctx, next(r for r in rest if r.result.value == values[0]))
                if len(values) == 1
                else ctx.t("{n} values", n=len(values)),
                items,
                differ=True,
            )
    return out


def setting_columns(ctx: Ctx, recs: list[ResultRecord]) -> list[tuple[str, tuple, str]]:
    """The (benchmark, setting) columns of a results grid with their headers: the atlas's
    headline settings first, then by benchmark name and setting."""
    from .furniture import headline_settings

    first = {key: i for i, key in enumerate(headline_settings(ctx.catalog))}
    seen = {(r.result.benchmark, r.setting) for r in recs}
    metrics = defaultdict(set)
    for bench, key in seen:
        metrics[bench].add(key[4])

    def order(col: tuple) -> tuple:
        bench, key = col
        b = ctx.catalog.benchmarks[bench]
        metric = [m.id for m in b.metrics].index(key[4])
        return (
            first.get(col, len(first)),
            b.name.lower(),
            ctx.catalog.setting_label(key),
            metric,
            repr(key),
        )

    out = []
    for bench, key in sorted(seen, key=order):
        b = ctx.catalog.benchmarks[bench]
        label = ctx.catalog.setting_label(key)
        if len(metrics[bench]) > 1:
            label += " · " + next(m.name for m in b.metrics if m.id == key[4])
        head = f'<a href="{esc(ctx.href("benchmark", bench))}">{esc(b.name)}</a><br><span class="atlas-setting">{esc(label)}</span>'
        out.append((bench, key, head))
    return out
