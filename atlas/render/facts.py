"""Pieces shared by the entity pages: fact tables, licences, sizes, result cells."""
from __future__ import annotations

from typing import Any, Callable

from .. import schema as S
from ..load import ResultRecord
from .cite import citation_md, cite_md
from .context import UNKNOWN, Ctx
from .md import esc, ext_link, fmt_count_html, fmt_number, fmt_score, table


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

def facts_table(rows: list[tuple[str, str]]) -> str:
    return table(["Fact", "Value"], [(esc(k), v) for k, v in rows if v])

def field_cite(ctx: Ctx, obj: Any, field: str) -> str:
    """A superscript citation for a field whose source differs from the default."""
    c = getattr(obj.cite, field, None)
    return f" <sup>{citation_md(ctx.catalog, c)}</sup>" if c is not None else ""

def with_alternatives(ctx: Ctx, obj: Any, field: str, main: str, fmt: Callable[[Any], str]) -> str:
    """The main value, then every value another source reports, each with its source."""
    if not main:
        return UNKNOWN
    alts = [a for a in getattr(obj, "also_reported", []) if a.field == field]
    if not alts:
        return main + field_cite(ctx, obj, field)
    cite = getattr(obj.cite, field, None) or obj.cite.default
    parts = [f"{main} ({citation_md(ctx.catalog, cite)})"]
    for a in alts:
        value = fmt(int(a.value) if float(a.value).is_integer() else a.value)
        if a.unit:
            value += f" {esc(a.unit)}"
        parts.append(f"{value} ({cite_md(ctx.catalog, a.source, a.locator, note=a.note)})")
    return '<span class="atlas-disputed">' + " · ".join(parts) + "</span>"

LICENSE_CLASSES = {
    "permissive": "permissive",
    "restricted": "open weights with use restrictions",
    "non-commercial": "non-commercial",
    "proprietary": "proprietary",
}

def license_md(ctx: Ctx, license_id: str | None) -> str:
    """A licence by name, linked to its text, with its class."""
    if not license_id:
        return ""
    lic = ctx.catalog.licenses[license_id]
    return f"{ext_link(lic.name, lic.url)} ({esc(LICENSE_CLASSES[lic.license_class])})"

def variant_licenses(ctx: Ctx, f: S.Family) -> str:
    """Variants whose licence or gating differs from the family's."""
    out = []
    for v in f.variants:
        bits = []
        if v.license and v.license != f.license:
            bits.append(license_md(ctx, v.license) + field_cite(ctx, v, "license"))
        if v.gated is not None and v.gated != f.gated:
            bits.append(("download gated" if v.gated else "download not gated") + field_cite(ctx, v, "gated"))
        if bits:
            out.append(f"{esc(v.name)}: " + ", ".join(bits))
    return "; ".join(out)

def access_md(access: str | None, gated: bool | None) -> str:
    if not access:
        return ""
    text = access.replace("-", " ")
    return esc(text + (" (download needs an accepted licence or approved request)" if gated and access == "open-weights" else ""))

def text_list(values: list[str]) -> str:
    return ", ".join(esc(v) for v in values)

def dataset_size(d: S.Dataset) -> str:
    parts = []
    if d.tokens:
        parts.append(fmt_count_html(d.tokens, "tokens") + " tokens")
    if d.documents:
        parts.append(fmt_count_html(d.documents, "documents") + " documents")
    if d.examples:
        parts.append(fmt_count_html(d.examples, "examples") + " examples")
    if d.disk_size:
        parts.append(esc(f"{fmt_number(d.disk_size.value)} {d.disk_size.unit}"))
    return "; ".join(parts) or UNKNOWN

def size_citation(d: S.Dataset) -> S.Citation | None:
    """The citation of the first size shown for a dataset (tokens, documents, examples, disk)."""
    sized = next((field for field in ("tokens", "documents", "examples", "disk_size") if getattr(d, field)), None)
    return (getattr(d.cite, sized) or d.cite.default) if sized else None

def result_value(ctx: Ctx, rec: ResultRecord) -> str:
    r = rec.result
    unit = metric_of(ctx, rec).unit or ""
    text = esc(fmt_score(r.value) + ("" if unit in ("", "%") else f" {unit}"))
    if r.estimate:
        text += f' <span class="atlas-estimate" title="{esc(r.estimate)}">(estimate)</span>'
    return text

def metric_of(ctx: Ctx, rec: ResultRecord) -> S.Metric:
    bm = ctx.catalog.benchmarks[rec.result.benchmark]
    return next(m for m in bm.metrics if m.id == rec.result.metric)

def result_source(ctx: Ctx, rec: ResultRecord) -> str:
    r = rec.result
    harness = ctx.catalog.settings[r.harness].name if r.harness else None
    extra = "; ".join(x for x in (harness, r.note, f"estimate: {r.estimate}" if r.estimate else None) if x)
    return cite_md(ctx.catalog, rec.source, r.locator, note=extra or None)

def setting_sort(rec: ResultRecord) -> tuple:
    r = rec.result
    return (r.shots is None, r.shots or 0, r.cot, r.split or "", r.subset or "")
