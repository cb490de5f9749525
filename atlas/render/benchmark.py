"""The page of a benchmark: its leaderboard in the primary setting (one row per model), the
other settings folded below, then summary, facts and sources."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .. import schema as S
from ..load import Catalog, ResultRecord
from .context import Ctx
from .facts import facts_table, metric_of, org_names, result_cell, source_link, text_list
from .furniture import cite_block, lede, page_meta, summary
from .md import esc, ext_link, fmt_exact, fmt_score, table
from .notes import Notes

#: Which kind of document is preferred when a model's makers report no value themselves.
EXPLAIN = "{n} models, {direction}. One row per model: its makers' value where they report one; other sources' values open from the ≠ marker."
KIND_RANK = {
    "paper": 0,
    "technical-report": 0,
    "model-card": 1,
    "repository": 2,
    "blog": 3,
    "website": 4,
    "dataset-card": 5,
}


@dataclass(frozen=True)
class Row:
    rank: int
    model: str
    results: tuple[ResultRecord, ...]  # the value shown first, then the other documents'


@dataclass(frozen=True)
class Board:
    setting: tuple
    rows: tuple[Row, ...]


def _primary_key(p: S.PrimarySetting) -> tuple:
    from .furniture import _primary_key

    return _primary_key(p)


def boards(catalog: Catalog, benchmark_id: str) -> list[Board]:
    """One board per setting, one row per model; the primary setting's board first.

    A model's row shows its makers' value where they report one, else the value of the most
    authoritative document (the benchmark's own makers, then papers before cards, repositories
    and web pages, newer first); every other document's value stays in the row. Equal values
    share a rank. Results of different settings are never ranked together.
    """
    bench = catalog.benchmarks[benchmark_id]
    groups: dict[tuple, dict[str, list[ResultRecord]]] = defaultdict(lambda: defaultdict(list))
    for rec in catalog.results_by_benchmark.get(benchmark_id, ()):
        groups[rec.setting][rec.result.model].append(rec)
    makers = set(catalog.sources[bench.paper].organizations) if bench.paper else set()
    better = {m.id: m.higher_is_better for m in bench.metrics}

    def authority(rec: ResultRecord) -> tuple:
        src = catalog.sources[rec.source]
        benchmark_makers = rec.source == bench.paper or bool(makers & set(src.organizations))
        return (
            not rec.own,
            not benchmark_makers,
            KIND_RANK[src.kind],
            -src.year,
            rec.source,
            rec.result.locator,
        )

    out = []
    for key, by_model in groups.items():
        sign = -1 if better[key[4]] else 1
        chosen = sorted(
            ((tuple(sorted(recs, key=authority)), m) for m, recs in by_model.items()),
            key=lambda t: (sign * t[0][0].result.value, catalog.variants[t[1]].name.lower()),
        )
        rows, rank, previous = [], 0, None
        for i, (recs, model) in enumerate(chosen, start=1):
            if recs[0].result.value != previous:
                rank, previous = i, recs[0].result.value
            rows.append(Row(rank, model, recs))
        out.append(Board(key, tuple(rows)))
    primary = _primary_key(bench.primary_setting) if bench.primary_setting else None
    metric_order = {m.id: i for i, m in enumerate(bench.metrics)}
    out.sort(
        key=lambda b: (
            b.setting != primary,
            -len(b.rows) if primary is None else 0,
            metric_order[b.setting[4]],
            b.setting[0] is None,
            b.setting[0] or 0,
            b.setting[1:4],
            b.setting[5:],
        )
    )
    return out


def board_table(ctx: Ctx, board: Board, notes: Notes) -> str:
    rows = []
    for row in board.rows:
        fam = ctx.catalog.family_of(row.model)
        first = row.results[0]
        rows.append(
            [
                str(row.rank),
                f'<a href="{esc(ctx.href("family", fam.id, row.model))}">{esc(ctx.catalog.variants[row.model].name)}</a>',
                result_cell(ctx, list(row.results), notes),
                org_names(ctx, fam.organizations),
                esc(ctx.t("makers") if first.own else ctx.t("others")),
            ]
        )
    headers = [
        ctx.t("Rank"),
        ctx.t("Model"),
        ctx.t("Score"),
        ctx.t("Organization"),
        ctx.t("Reported by"),
    ]
    return table(headers, rows, numeric=(0, 2), secondary=(3, 4))


def _title(ctx: Ctx, board: Board) -> str:
    m = next(
        m
        for m in ctx.catalog.benchmarks[board.rows[0].results[0].result.benchmark].metrics
        if m.id == board.setting[4]
    )
    return f"{ctx.catalog.setting_label(board.setting)} · {m.name}" + (
        f" ({m.unit})" if m.unit else ""
    )


def leaderboards(ctx: Ctx, benchmark_id: str, notes: Notes) -> str:
    found = boards(ctx.catalog, benchmark_id)
    if not found:
        return f"\n*{esc(ctx.t('No results on this benchmark are in the atlas yet.'))}*\n"
    first, rest = found[0], found[1:]
    m = metric_of(ctx, first.rows[0].results[0])
    direction = ctx.t("higher is better" if m.higher_is_better else "lower is better")
    out = [
        f'\n<p class="atlas-board-title"><strong>{esc(_title(ctx, first))}</strong></p>\n',
        "*" + esc(ctx.t(EXPLAIN, n=len(first.rows), direction=direction)) + "*\n",
        board_table(ctx, first, notes),
    ]
    if rest:
        out.append(
            "\n"
            + ctx.heading("Other settings")
            + f"\n*{esc(ctx.t('Only results with exactly this setting are ranked together.'))}*\n"
        )
        for board in rest:
            n = len(board.rows)
            count = ctx.t("1 result") if n == 1 else ctx.t("{n} results", n=n)
            out.append(
                f'\n<details class="atlas-board">\n<summary>{esc(_title(ctx, board))} · {esc(count)}</summary>\n'
                + board_table(ctx, board, notes)
                + "</details>\n"
            )
    return "\n".join(out)


def benchmark_page(ctx: Ctx, benchmark_id: str) -> str:
    """The whole page of a benchmark, after its title."""
    ctx.entity("benchmark", benchmark_id)
    notes = Notes(ctx.catalog, ctx.t)
    return "\n".join(
        [
            lede(ctx, "benchmark", benchmark_id),
            ctx.heading("Leaderboard"),
            leaderboards(ctx, benchmark_id, notes),
            ctx.heading("Summary", search=True),
            summary(ctx, "benchmark", benchmark_id),
            ctx.heading("Facts"),
            page_meta(ctx, "benchmark", benchmark_id),
            benchmark_facts(ctx, benchmark_id, notes),
            ctx.heading("Sources"),
            notes.block(),
            cite_block(ctx, "benchmark", benchmark_id),
        ]
    )


def benchmark_facts(ctx: Ctx, benchmark_id: str, notes: Notes) -> str:
    b: S.Benchmark = ctx.entity("benchmark", benchmark_id)
    unit = "%" if (b.metrics[0].unit or "") == "%" else ""
    splits = "; ".join(f"{esc(s.name)}: {esc(fmt_exact(s.examples))}" for s in b.splits)
    metrics = "; ".join(
        esc(f"{m.name} ({ctx.t('higher is better' if m.higher_is_better else 'lower is better')})")
        for m in b.metrics
    )
    humans = "; ".join(esc(f"{h.label}: {fmt_score(h.value)}{unit}") for h in b.human_baselines)
    parts = ctx.catalog.benchmark_parts.get(benchmark_id, ())

    def fact(name: str, shown: str) -> str:
        return shown + notes.field(b, name) if shown else ""

    rows = [
        ("Full name", esc(b.full_name or "")),
        ("Part of", ctx.link("benchmark", b.part_of) if b.part_of else ""),
        ("Parts", ", ".join(ctx.link("benchmark", p) for p in parts)),
        ("What it measures", esc(b.measures)),
        ("Format", fact("task_format", esc(b.task_format))),
        ("Tasks or subjects", fact("tasks", esc(fmt_exact(b.tasks)))),
        ("Examples per split", fact("splits", splits)),
        ("Metrics", fact("metrics", metrics)),
        (
            "Random-chance baseline",
            fact("random_baseline", esc(fmt_score(b.random_baseline) + unit))
            if b.random_baseline is not None
            else "",
        ),
        ("Human baselines", fact("human_baselines", humans)),
        ("Languages", fact("languages", text_list(b.languages))),
        ("Released", fact("release_date", esc(ctx.date(b.release_date)))),
        ("Paper", source_link(ctx, b.paper)),
        ("Homepage", fact("homepage", ext_link(b.homepage, b.homepage)) if b.homepage else ""),
        ("Also known as", text_list(b.aliases)),
        ("Facts last checked", esc(ctx.date(b.checked))),
    ]
    return facts_table(ctx, rows)
