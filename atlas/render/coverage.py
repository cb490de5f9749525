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
        out.append(f"\n### {esc(ctx.t(kind.capitalize()))} ({count})\n")
        out.append(
            table(
                [ctx.t("Field"), ctx.t("Filled"), ctx.t("Share")],
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
    out.append(f"\n### {ctx.t('Results per benchmark')}\n")
    out.append(
        table(
            [ctx.t("Benchmark"), ctx.t("Results"), ctx.t("Settings")],
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
    summary = ctx.t(
        "Values marked as estimates: {estimates}. Values without a source: {unsourced}. Entities "
        "whose facts have not been checked for {days} days: {stale}.",
        estimates=a.estimates,
        unsourced=len(a.unsourced),
        days=STALE_AFTER_DAYS,
        stale=len(a.stale),
    )
    out.append(f"\n{esc(summary)}\n")
    return "".join(out)
