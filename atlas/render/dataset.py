"""The page of a dataset: facts and the families trained on it."""
from __future__ import annotations

from .. import schema as S
from .cite import citation_md
from .context import UNKNOWN, Ctx
from .facts import (
    facts_table,
    field_cite,
    license_md,
    org_names,
    source_link,
    text_list,
    with_alternatives,
)
from .md import esc, ext_link, fmt_count, fmt_count_html, fmt_number, table


def dataset_facts(ctx: Ctx, dataset_id: str) -> str:
    d: S.Dataset = ctx.entity("dataset", dataset_id)

    def count(field: str, unit: str) -> str:
        value = getattr(d, field)
        if value is None:
            return ""
        return with_alternatives(ctx, d, field, fmt_count_html(value, unit), lambda x: esc(fmt_count(int(x))))

    disk = ""
    if d.disk_size:
        disk = with_alternatives(ctx, d, "disk_size", esc(f"{fmt_number(d.disk_size.value)} {d.disk_size.unit}"), lambda x: esc(fmt_number(x)))
    rows = [
        ("Kind", esc(d.kind)),
        ("Tokens", count("tokens", "tokens")),
        ("Documents", count("documents", "documents")),
        ("Examples", count("examples", "examples")),
        ("Size on disk", disk),
        ("Languages", (text_list(d.languages) + field_cite(ctx, d, "languages")) if d.languages else ""),
        ("License", (license_md(ctx, d.license) + field_cite(ctx, d, "license")) if d.license else UNKNOWN),
        ("Created by", (org_names(ctx, d.creators) + field_cite(ctx, d, "creators")) if d.creators else ""),
        ("Released", (esc(d.release_date) + field_cite(ctx, d, "release_date")) if d.release_date else ""),
        ("Paper", source_link(ctx, d.paper)),
        ("Homepage", ext_link(d.homepage, d.homepage) if d.homepage else ""),
        ("Built from", ", ".join(ctx.link("dataset", p) for p in d.derived_from)),
        ("Also known as", text_list(d.aliases)),
        ("Source of these facts", citation_md(ctx.catalog, d.cite.default)),
        ("Facts last checked", esc(d.checked)),
    ]
    return facts_table(rows)

def dataset_users(ctx: Ctx, dataset_id: str) -> str:
    ctx.entity("dataset", dataset_id)
    users = ctx.catalog.dataset_users.get(dataset_id, ())
    if not users:
        return "\n*No model family in the atlas names this dataset as training data yet.*\n"
    rows = []
    for fid in sorted(users, key=lambda x: ctx.catalog.families[x].name.lower()):
        f = ctx.catalog.families[fid]
        rows.append([ctx.link("family", fid), org_names(ctx, f.organizations), esc(f.release_date)])
    return table(["Model family", "Organization", "Released"], rows)
