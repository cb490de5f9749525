"""The page of a benchmark: facts and leaderboards (one per setting)."""
from __future__ import annotations

from collections import defaultdict

from .. import schema as S
from ..load import Catalog, ResultRecord
from .cite import citation_md, cited_sources
from .context import Ctx
from .facts import (
    facts_table,
    field_cite,
    metric_of,
    result_source,
    result_value,
    source_link,
    text_list,
)
from .md import esc, ext_link, fmt_score, table


def benchmark_facts(ctx: Ctx, benchmark_id: str) -> str:
    b: S.Benchmark = ctx.entity("benchmark", benchmark_id)
    cat = ctx.catalog
    first_unit = b.metrics[0].unit or ""
    splits = "; ".join(f"{esc(s.name)}: {esc(f'{s.examples:,}')}" for s in b.splits)
    metrics = "; ".join(esc(f"{m.name} ({'higher' if m.higher_is_better else 'lower'} is better)") for m in b.metrics)
    humans = "; ".join(esc(f"{h.label}: {fmt_score(h.value)}{first_unit if first_unit == '%' else ''}") for h in b.human_baselines)
    parts = cat.benchmark_parts.get(benchmark_id, ())
    rows = [
        ("Full name", esc(b.full_name) if b.full_name else ""),
        ("Part of", ctx.link("benchmark", b.part_of) if b.part_of else ""),
        ("Parts", ", ".join(ctx.link("benchmark", p) for p in parts)),
        ("What it measures", esc(b.measures)),
        ("Format", esc(b.task_format) + field_cite(ctx, b, "task_format")),
        ("Tasks or subjects", (esc(f"{b.tasks:,}") + field_cite(ctx, b, "tasks")) if b.tasks else ""),
        ("Examples per split", (splits + field_cite(ctx, b, "splits")) if splits else ""),
        ("Metrics", metrics + field_cite(ctx, b, "metrics")),
        ("Random-chance baseline", (esc(fmt_score(b.random_baseline) + (first_unit if first_unit == "%" else "")) + field_cite(ctx, b, "random_baseline")) if b.random_baseline is not None else ""),
        ("Human baselines", (humans + field_cite(ctx, b, "human_baselines")) if humans else ""),
        ("Languages", (text_list(b.languages) + field_cite(ctx, b, "languages")) if b.languages else ""),
        ("Released", (esc(b.release_date) + field_cite(ctx, b, "release_date")) if b.release_date else ""),
        ("Paper", source_link(ctx, b.paper)),
        ("Homepage", ext_link(b.homepage, b.homepage) if b.homepage else ""),
        ("Also known as", text_list(b.aliases)),
        ("Source of these facts", citation_md(cat, b.cite.default)),
        ("Facts last checked", esc(b.checked)),
    ]
    return facts_table(rows)

def leaderboard_groups(catalog: Catalog, benchmark_id: str) -> list[tuple[tuple, list[ResultRecord]]]:
    """Results of a benchmark grouped by setting, each group ranked best first.

    A group holds only results with the same shots, chain-of-thought, split,
    subset and metric: results of different settings are never ranked together.
    """
    bench = catalog.benchmarks[benchmark_id]
    better = {m.id: m.higher_is_better for m in bench.metrics}
    groups: dict[tuple, list[ResultRecord]] = defaultdict(list)
    for rec in catalog.results_by_benchmark.get(benchmark_id, ()):
        groups[rec.setting].append(rec)
    metric_order = {m.id: i for i, m in enumerate(bench.metrics)}
    out = []
    for setting in sorted(groups, key=lambda s: (metric_order[s[4]], s[0] is None, s[0] or 0, s[1], s[2], s[3])):
        sign = -1 if better[setting[4]] else 1
        ranked = sorted(groups[setting], key=lambda rec: (sign * rec.result.value, catalog.variants[rec.result.model].name.lower(), rec.source))
        out.append((setting, ranked))
    return out

def leaderboard(ctx: Ctx, benchmark_id: str) -> str:
    ctx.entity("benchmark", benchmark_id)  # fails clearly on an unknown id
    groups = leaderboard_groups(ctx.catalog, benchmark_id)
    if not groups:
        return "\n*No results on this benchmark are in the atlas yet.*\n"
    out = []
    for setting, recs in groups:
        m = metric_of(ctx, recs[0])
        title = f"{ctx.catalog.setting_label(recs[0].setting)} · {m.name}" + (f" ({m.unit})" if m.unit else "")
        direction = "higher is better" if m.higher_is_better else "lower is better"
        rows = []
        rank = 0
        previous = None
        for i, rec in enumerate(recs, start=1):
            if rec.result.value != previous:
                rank, previous = i, rec.result.value
            fam_id = ctx.catalog.variant_family[rec.result.model]
            rows.append([
                str(rank),
                esc(ctx.catalog.variants[rec.result.model].name),
                ctx.link("family", fam_id),
                result_value(ctx, rec),
                result_source(ctx, rec),
            ])
        # Each setting is its own section; like the Leaderboard section around it, it stays out of
        # the search index (its rows would make one search document the size of the whole table).
        out.append(f"\n### {esc(title)} {{ data-search-exclude }}\n\n*{len(recs)} result{'s' if len(recs) != 1 else ''}, {direction}. Only results with this exact setting are ranked together.*\n")
        out.append(table(["Rank", "Model", "Family", "Value", "Source"], rows, numeric=(0, 3)))
    return "\n".join(out)

def benchmark_sources(ctx: Ctx, benchmark_id: str) -> list[tuple[str, str]]:
    b = ctx.entity("benchmark", benchmark_id)
    return cited_sources(b) + [(rec.source, rec.result.locator) for rec in ctx.catalog.results_by_benchmark.get(benchmark_id, ())]
