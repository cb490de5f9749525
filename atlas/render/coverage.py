"""The Coverage page: the audit as tables."""

from __future__ import annotations

from .context import Ctx
from .md import esc, table


def coverage_report(ctx: Ctx) -> str:
    """The audit as tables: how complete the catalog is, field by field."""
    from ..audit import STALE_AFTER_DAYS, audit

    a = audit(ctx.catalog)
    out = []
    for kind, (count, fields) in a.coverage.items():
        out.append(f"\n### {esc(kind.capitalize())} ({count})\n")
        out.append(
            table(
                ["Field", "Filled", "Share"],
                [
                    [
                        f"<code>{esc(name)}</code>",
                        str(filled),
                        f"{100 * filled / count:.0f}%" if count else "–",
                    ]
                    for name, filled in fields
                ],
                numeric=(1, 2),
            )
        )
    out.append("\n### Results per benchmark\n")
    out.append(
        table(
            ["Benchmark", "Results", "Settings"],
            [
                [
                    ctx.link("benchmark", b),
                    str(n),
                    str(sum(1 for bb, _, _ in a.results_by_setting if bb == b)),
                ]
                for b, n in a.results_by_benchmark
            ],
            numeric=(1, 2),
        )
    )
    out.append(
        f"\nValues marked as estimates: {a.estimates}. Values without a source: {len(a.unsourced)}. "
        f"Entities whose facts have not been checked for {STALE_AFTER_DAYS} days: {len(a.stale)}.\n"
    )
    return "".join(out)
