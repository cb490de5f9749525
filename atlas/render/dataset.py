"""The page of a dataset: its size and licence, the families trained on it, facts and sources."""

from __future__ import annotations

from .. import schema as S
from .context import Ctx
from .facts import facts_table, license_text, org_names, source_link, text_list
from .furniture import cite_block, lede, page_meta, summary
from .md import esc, ext_link, fmt_exact, fmt_number, table
from .notes import Notes


def dataset_page(ctx: Ctx, dataset_id: str) -> str:
    """The whole page of a dataset, after its title."""
    d: S.Dataset = ctx.entity("dataset", dataset_id)
    notes = Notes(ctx.catalog, ctx.t)
    facts = dataset_facts(ctx, d, notes)  # first: the size's marker is number 1
    return "\n".join(
        [
            lede(ctx, "dataset", dataset_id),
            ctx.heading("Summary", search=True),
            summary(ctx, "dataset", dataset_id),
            ctx.heading("Facts"),
            page_meta(ctx, "dataset", dataset_id),
            facts,
            ctx.heading("Models trained on it"),
            dataset_users(ctx, d),
            ctx.heading("Sources"),
            notes.block(),
            cite_block(ctx, "dataset", dataset_id),
        ]
    )


SIZES = (
    ("tokens", "{value} tokens"),
    ("documents", "{value} documents"),
    ("examples", "{value} examples"),
)


def dataset_size(ctx: Ctx, d: S.Dataset, notes: Notes) -> str:
    """Every size a source gives, each in its unit with its marker: "11,038 documents"."""
    parts = []
    for name, unit in SIZES:
        value = getattr(d, name)
        if value:
            parts.append(
                notes.value(
                    d,
                    name,
                    esc(ctx.t(unit, value=fmt_exact(value))),
                    lambda x: esc(fmt_exact(int(x))),
                )
            )
    if d.disk_size:
        shown = esc(f"{fmt_number(d.disk_size.value)} {d.disk_size.unit}")
        parts.append(notes.value(d, "disk_size", shown, lambda x: esc(fmt_number(x))))
    return "; ".join(parts) or ctx.unknown


def size_text(ctx: Ctx, d: S.Dataset) -> str:
    """The sizes without their sources (the index page; each dataset's page cites them)."""
    parts = [
        ctx.t(unit, value=fmt_exact(getattr(d, name))) for name, unit in SIZES if getattr(d, name)
    ]
    if d.disk_size:
        parts.append(f"{fmt_number(d.disk_size.value)} {d.disk_size.unit}")
    return esc("; ".join(parts)) or ctx.unknown


def dataset_facts(ctx: Ctx, d: S.Dataset, notes: Notes) -> str:
    def fact(name: str, shown: str) -> str:
        return shown + notes.field(d, name) if shown else ""

    rows = [
        ("Kind", esc(ctx.t(d.kind))),
        ("Size", dataset_size(ctx, d, notes)),
        ("Languages", fact("languages", text_list(d.languages))),
        ("License", fact("license", license_text(ctx, d.license)) if d.license else ctx.unknown),
        ("Created by", fact("creators", org_names(ctx, d.creators))),
        ("Released", fact("release_date", esc(ctx.date(d.release_date)))),
        ("Paper", source_link(ctx, d.paper)),
        ("Homepage", fact("homepage", ext_link(d.homepage, d.homepage)) if d.homepage else ""),
        (
            "Built from",
            fact("derived_from", ", ".join(ctx.link("dataset", p) for p in d.derived_from)),
        ),
        ("Also known as", text_list(d.aliases)),
        ("Facts last checked", esc(ctx.date(d.checked))),
    ]
    return facts_table(ctx, rows)


def dataset_users(ctx: Ctx, d: S.Dataset) -> str:
    users = ctx.catalog.dataset_users.get(d.id, ())
    if not users:
        return f"\n*{esc(ctx.t('No model family in the atlas names this dataset as training data yet.'))}*\n"
    rows = []
    for fid in sorted(users, key=lambda x: ctx.catalog.families[x].name.lower()):
        f = ctx.catalog.families[fid]
        rows.append(
            [
                ctx.link("family", fid),
                org_names(ctx, f.organizations),
                esc(ctx.date(f.release_date)),
            ]
        )
    return table([ctx.t("Model family"), ctx.t("Organization"), ctx.t("Released")], rows)
