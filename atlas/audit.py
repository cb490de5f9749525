"""Coverage of the catalog: which fields are filled, results per setting, stale and unsourced facts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from . import schema as S
from .load import Catalog

STALE_AFTER_DAYS = 365


@dataclass
class Audit:
    coverage: dict[str, tuple[int, list[tuple[str, int]]]] = field(
        default_factory=dict
    )  # kind -> (count, [(field, filled)])
    results_by_benchmark: list[tuple[str, int]] = field(default_factory=list)
    results_by_setting: list[tuple[str, str, int]] = field(default_factory=list)
    stale: list[tuple[str, str, str]] = field(default_factory=list)  # kind, id, checked
    unsourced: list[str] = field(default_factory=list)
    estimates: int = 0

    @property
    def broken(self) -> list[str]:
        """Every value that breaks a rule of the data (the audit's exit status)."""
        return self.unsourced


def _filled(value) -> bool:
    return value not in (None, [], (), "", False)


def _fields(model: type) -> list[str]:
    skip = {"id", "cite", "also_reported", "summary", "checked", "variants", "reported"}
    return [name for name in model.model_fields if name not in skip]


def audit(
    catalog: Catalog, today: dt.date | None = None
) -> Audit:  # long: one list of rules, each a few lines; splitting scatters them
    today = today or S.today()
    out = Audit()
    variants = [v for f in catalog.families.values() for v in f.variants]
    for kind, model, entities in (
        ("families", S.Family, list(catalog.families.values())),
        ("variants", S.Variant, variants),
        ("datasets", S.Dataset, list(catalog.datasets.values())),
        ("benchmarks", S.Benchmark, list(catalog.benchmarks.values())),
        ("methods", S.Method, list(catalog.methods.values())),
    ):
        out.coverage[kind] = (
            len(entities),
            [(name, sum(_filled(getattr(e, name)) for e in entities)) for name in _fields(model)],
        )

    # Every sourced value has a citation (the loader refuses data without; this re-checks the catalog).
    for kind, entities in (
        ("family", catalog.families.values()),
        ("variant", variants),
        ("dataset", catalog.datasets.values()),
        ("benchmark", catalog.benchmarks.values()),
    ):
        for e in entities:
            for name in S.SOURCED_FIELDS[type(e)]:
                if (
                    _filled(getattr(e, name))
                    and getattr(e.cite, name) is None
                    and e.cite.default is None
                ):
                    out.unsourced.append(f"{kind} {e.id}: {name}")
            for name in type(e.cite).model_fields:
                c = getattr(e.cite, name)
                if c is not None and c.estimate:
                    out.estimates += 1
    for rec in catalog.results:
        if not rec.result.locator.strip():
            out.unsourced.append(
                f"result {rec.result.model} on {rec.result.benchmark} ({rec.source}): no locator"
            )
        out.estimates += bool(rec.result.estimate)

    out.results_by_benchmark = sorted(
        ((b, len(catalog.results_by_benchmark.get(b, ()))) for b in catalog.benchmarks),
        key=lambda x: (-x[1], x[0]),
    )
    settings = Counter()

    for rec in catalog.results:
        settings[
            (rec.result.benchmark, f"{catalog.setting_label(rec.setting)} · {rec.result.metric}")
        ] += 1
    out.results_by_setting = sorted(
        ((b, s, n) for (b, s), n in settings.items()), key=lambda x: (x[0], -x[2], x[1])
    )

    limit = today - dt.timedelta(days=STALE_AFTER_DAYS)
    for kind, store in (
        ("family", catalog.families),
        ("dataset", catalog.datasets),
        ("benchmark", catalog.benchmarks),
        ("method", catalog.methods),
    ):
        for e in store.values():
            if dt.date.fromisoformat(e.checked) < limit:
                out.stale.append((kind, e.id, e.checked))
    return out


def report(a: Audit) -> str:
    lines = ["# Catalog audit", ""]
    for kind, (count, fields) in a.coverage.items():
        lines.append(f"## {kind}: {count}")
        width = max(len(f) for f, _ in fields)
        for name, filled in fields:
            share = f"{100 * filled / count:5.1f}%" if count else "    -"
            lines.append(f"  {name:<{width}}  {filled:>5} / {count:<5} {share}")
        lines.append("")
    lines.append(f"## results per benchmark ({sum(n for _, n in a.results_by_benchmark)} in all)")
    lines += [f"  {b:<20} {n:>6}" for b, n in a.results_by_benchmark]
    lines += ["", "## results per benchmark and setting"]
    lines += [f"  {b:<20} {s:<60} {n:>5}" for b, s, n in a.results_by_setting]
    lines += ["", f"## facts not checked for {STALE_AFTER_DAYS} days: {len(a.stale)}"]
    lines += [f"  {k} {i} (checked {c})" for k, i, c in a.stale]
    lines += [
        "",
        f"## values marked as estimates: {a.estimates}",
        "",
        f"## values without a source: {len(a.unsourced)}",
    ]
    lines += [f"  {u}" for u in a.unsourced]
    return "\n".join(lines) + "\n"
