"""The page of a method or guide: facts and reported figures."""

from __future__ import annotations

from .. import schema as S
from .cite import cite_md
from .context import Ctx
from .facts import facts_table, source_link, text_list
from .md import esc, ext_link, fmt_number, table


def method_facts(ctx: Ctx, method_id: str) -> str:
    m: S.Method = ctx.entity("method", method_id)
    rows = [
        ("Full name", esc(m.full_name) if m.full_name else ""),
        ("Kind", esc(ctx.t(m.kind))),
        ("Paper", source_link(ctx, m.paper)),
        ("Code", ext_link(m.code, m.code) if m.code else ""),
        ("Related", ", ".join(ctx.link("method", r) for r in m.related)),
        ("Also known as", text_list(m.aliases)),
        ("Facts last checked", esc(ctx.date(m.checked))),
    ]
    return facts_table(ctx, rows)


def reported_figures(ctx: Ctx, method_id: str) -> str:
    m: S.Method = ctx.entity("method", method_id)
    if not m.reported:
        return f"\n*{esc(ctx.t('No figures recorded yet.'))}*\n"
    rows = [
        [
            esc(r.label),
            esc(fmt_number(r.value) + (f" {r.unit}" if r.unit else "")),
            cite_md(ctx.catalog, r.source, r.locator, note=r.note, t=ctx.t),
        ]
        for r in m.reported
    ]
    return table([ctx.t("Figure"), ctx.t("Value"), ctx.t("Source")], rows, numeric=(1,))
