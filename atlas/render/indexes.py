"""The index pages: one sortable table per kind of entity."""

from __future__ import annotations

from typing import Any

from .context import Ctx
from .dataset import size_text
from .facts import access_text, org_names, source_link, text_list
from .md import count_html, esc, table


def _by_name(store: Any) -> list:
    return sorted(store.values(), key=lambda e: e.name.lower())


def models_index(ctx: Ctx) -> str:
    rows = []
    unit = ctx.t("parameters")
    for f in _by_name(ctx.catalog.families):
        sizes = [v.parameters for v in f.variants if v.parameters]
        size = ""
        if sizes:
            lo, hi = min(sizes), max(sizes)
            size = (
                count_html(hi, unit)
                if lo == hi
                else f"{count_html(lo, unit)} – {count_html(hi, unit)}"
            )
        rows.append(
            [
                ctx.link("family", f.id),
                org_names(ctx, f.organizations),
                esc(ctx.date(f.release_date)),
                (esc(ctx.t(f.architecture)) if f.architecture else ctx.unknown)
                + (" (MoE)" if f.mixture_of_experts else ""),
                access_text(ctx, f.access, f.gated) if f.access else ctx.unknown,
                size or ctx.unknown,
                str(len(f.variants)),
                str(len(ctx.catalog.family_results(f.id))),
            ]
        )
    headers = (
        "Family",
        "Organization",
        "Released",
        "Architecture",
        "Access",
        "Parameters",
        "Variants",
        "Results",
    )
    return table(
        [ctx.t(h) for h in headers],
        rows,
        numeric=(5, 6, 7),
    )


def datasets_index(ctx: Ctx) -> str:
    rows = []
    for d in _by_name(ctx.catalog.datasets):
        rows.append(
            [
                ctx.link("dataset", d.id),
                esc(ctx.t(d.kind)),
                size_text(ctx, d),
                text_list(d.languages),
                esc(ctx.catalog.licenses[d.license].name) if d.license else ctx.unknown,
                str(len(ctx.catalog.dataset_users.get(d.id, ()))),
            ]
        )
    return table(
        [
            ctx.t(h)
            for h in ("Dataset", "Kind", "Size", "Languages", "License", "Used by (families)")
        ],
        rows,
        numeric=(5,),
    )


def benchmarks_index(ctx: Ctx) -> str:
    rows = []
    for b in _by_name(ctx.catalog.benchmarks):
        rows.append(
            [
                ctx.link("benchmark", b.id),
                esc(b.task_format),
                ", ".join(esc(m.name) for m in b.metrics),
                esc(f"{b.tasks:,}") if b.tasks else ctx.unknown,
                ctx.link("benchmark", b.part_of) if b.part_of else "",
                str(len(ctx.catalog.results_by_benchmark.get(b.id, ()))),
            ]
        )
    return table(
        [ctx.t(h) for h in ("Benchmark", "Format", "Metrics", "Tasks", "Part of", "Results")],
        rows,
        numeric=(3, 5),
    )


def methods_index(ctx: Ctx) -> str:
    rows = [
        [
            ctx.link("method", m.id),
            esc(ctx.t(m.kind)),
            esc(m.full_name or ""),
            source_link(ctx, m.paper),
        ]
        for m in _by_name(ctx.catalog.methods)
    ]
    return table([ctx.t(h) for h in ("Method or guide", "Kind", "Full name", "Paper")], rows)


def catalog_stats(ctx: Ctx) -> str:
    c = ctx.catalog
    return ctx.t(
        "{families} model families with {variants} variants, {datasets} datasets, {benchmarks} "
        "benchmarks, {methods} methods and guides, and {results} results from {sources} cited "
        "documents",
        families=len(c.families),
        variants=len(c.variants),
        datasets=len(c.datasets),
        benchmarks=len(c.benchmarks),
        methods=len(c.methods),
        results=len(c.results),
        sources=len(c.sources),
    )
