"""Coverage of the catalog: which fields are filled, results per setting, stale and unsourced
facts, and the field rules of CONTRIBUTING.md ("Field rules"), each checked by one function here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import schema as S
from .errors import format_path
from .load import Catalog
from .yamlio import read_yaml

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
    violations: list[Violation] = field(default_factory=list)

    @property
    def broken(self) -> list[str]:
        """Every value that breaks a rule of the data (the audit's exit status)."""
        return self.unsourced + [str(v) for v in self.violations]


# ---------------------------------------------------------------------------
# Field rules: one function per rule of CONTRIBUTING.md's "Field rules" section
# ---------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Violation:
    """A value that breaks a field rule, with its place: ``file:line: path: message [rule]``."""

    file: str
    line: int
    path: str
    message: str
    rule: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path}: {self.message} [{self.rule}]"


#: A place before its line is known: (data file, path in it), and what is wrong there.
Finding = tuple[str, tuple, str]
RULES: dict[str, Callable[[Catalog], Iterator[Finding]]] = {}


def rule(rule_id: str):
    """Register a check under the id CONTRIBUTING.md's "Field rules" section gives it."""

    def register(check: Callable[[Catalog], Iterator[Finding]]):
        RULES[rule_id] = check
        return check

    return register


def _variants(c: Catalog) -> Iterator[tuple[str, S.Family, int, S.Variant]]:
    for fid, fam in c.families.items():
        for i, v in enumerate(fam.variants):
            yield c.files[("family", fid)], fam, i, v


def _cite(v: S.Variant, name: str) -> S.Citation | None:
    return getattr(v.cite, name) or v.cite.default


def _results(c: Catalog) -> Iterator[tuple[str, tuple, S.Result]]:
    index: Counter = Counter()
    for rec in c.results:
        i = index[rec.source]
        index[rec.source] += 1
        yield f"data/results/{rec.source}.yaml", ("results", i), rec.result


@rule("training-tokens-seen")
def _training_tokens_seen(c: Catalog) -> Iterator[Finding]:
    for file, fam, i, v in _variants(c):
        sizes = {d: c.datasets[d].tokens for d in fam.training_data if c.datasets[d].tokens}
        same = [d for d, n in sizes.items() if n == v.training_tokens]
        note = (_cite(v, "training_tokens") or S.Citation(source="x", locator="x")).note or ""
        if same and not re.search(r"\b(seen|epochs?)\b", note, re.I):
            yield (
                file,
                ("variants", i, "training_tokens"),
                f"equals the size of the training dataset {same[0]}; training_tokens counts the "
                "tokens seen in training: check the source, and if they are the same say so in "
                "the citation's note (e.g. 'one epoch: tokens seen equal the corpus size')",
            )


@rule("parameters-total")
def _parameters_total(c: Catalog) -> Iterator[Finding]:
    for file, _, i, v in _variants(c):
        for name in ("non_embedding_parameters", "active_parameters"):
            part = getattr(v, name)
            if part and v.parameters and part >= v.parameters:
                yield (
                    file,
                    ("variants", i, name),
                    f"{part} is not below parameters ({v.parameters}); parameters is the total "
                    "count, with embeddings and every expert",
                )
        note = (_cite(v, "parameters") or S.Citation(source="x", locator="x")).note or ""
        if v.parameters and re.search(r"non-embedding", note, re.I):
            yield (
                file,
                ("variants", i, "parameters"),
                "its citation speaks of a non-embedding count: that goes in "
                "non_embedding_parameters; parameters is the total count",
            )


def _power_of_two(n: int) -> bool:
    return n & (n - 1) == 0


@rule("context-length-exact")
def _context_length_exact(c: Catalog) -> Iterator[Finding]:
    for file, _, i, v in _variants(c):
        n = v.context_length
        own = v.cite.context_length
        default = "" if own or not v.cite.default else v.cite.default.note or ""
        noted = (own and own.note) or re.search(r"context|window", default, re.I)
        if n and not _power_of_two(n) and not noted:
            yield (
                file,
                ("variants", i, "context_length"),
                f"{n} is not a power of two: store the exact figure of the config or report "
                "(131072, not 128000, where the config says 131072) and cite it, or say in the "
                "citation's note that the source states the context length so",
            )


_COMPUTED = re.compile(r"\b(computed|calculated|summed|sum of|read off|interpolated)\b", re.I)
_FIGURE = re.compile(r"^\s*(fig\.|figure)", re.I)


@rule("estimate-marked")
def _estimate_marked(c: Catalog) -> Iterator[Finding]:
    for file, _, i, v in _variants(c):
        for name in type(v.cite).model_fields:
            ct = getattr(v.cite, name)
            if ct and not ct.estimate and _COMPUTED.search(ct.note or ""):
                yield (
                    file,
                    ("variants", i, "cite", name, "note"),
                    "says the value was computed or read off: mark it with estimate: 'how'",
                )
    for file, path, r in _results(c):
        text = f"{r.note or ''}"
        from_figure = _FIGURE.match(r.locator) and not re.search(r"\b(print|label)", text, re.I)
        if not r.estimate and (from_figure or _COMPUTED.search(text)):
            yield (
                file,
                path + ("estimate",),
                "a value read off a figure or computed is an estimate: say how in estimate "
                "(or, for a figure that prints the number, say so in the note)",
            )


@rule("shots-stated")
def _shots_stated(c: Catalog) -> Iterator[Finding]:
    for file, path, r in _results(c):
        if r.shots is None and r.shots_note is None:
            yield (
                file,
                path + ("shots",),
                "no shot count: give the source's count, or shots_note: 'not stated' or "
                "'not applicable'",
            )


@rule("inherited-differs")
def _inherited_differs(c: Catalog) -> Iterator[Finding]:
    for file, fam, i, v in _variants(c):
        for name in S.INHERITED:
            if getattr(v, name) is not None and getattr(v, name) == getattr(fam, name):
                yield (
                    file,
                    ("variants", i, name),
                    f"the same as the family's {name}: a variant states it only where it differs",
                )


@rule("dates-in-order")
def _dates_in_order(c: Catalog) -> Iterator[Finding]:
    for fid, fam in c.families.items():
        file = c.files[("family", fid)]
        if _after(fam.knowledge_cutoff, fam.release_date):
            yield file, ("knowledge_cutoff",), _order("knowledge_cutoff", "release date")
    for file, fam, i, v in _variants(c):
        released = v.release_date or fam.release_date
        cutoff = v.knowledge_cutoff or fam.knowledge_cutoff
        if (v.release_date or v.knowledge_cutoff) and _after(cutoff, released):
            name = "knowledge_cutoff" if v.knowledge_cutoff else "release_date"
            yield file, ("variants", i, name), _order("knowledge_cutoff", "release date")
        for name, early, what in (
            ("deprecated", released, "release date"),
            ("retired", released, "release date"),
            ("retired", v.deprecated, "deprecation date"),
        ):
            if _after(early, getattr(v, name)):
                when = "deprecation date" if name == "deprecated" else "retirement date"
                yield file, ("variants", i, name), _order(what, when)


def _after(early: str | None, late: str | None) -> bool:
    """Whether partial date ``early`` lies after ``late`` (compared to the coarser of the two)."""
    if not early or not late:
        return False
    width = min(len(early), len(late))
    return early[:width] > late[:width]


def _order(first: str, then: str) -> str:
    return f"the {first} lies after the {then}; check both dates against their sources"


@rule("hf-repo-open-weights")
def _hf_repo_open_weights(c: Catalog) -> Iterator[Finding]:
    for file, fam, i, v in _variants(c):
        if v.hf_repo and fam.access != "open-weights":
            yield (
                file,
                ("variants", i, "hf_repo"),
                f"the family's access is {fam.access or 'not given'}: hf_repo names the "
                "downloadable weights of an open-weights variant",
            )


def field_rules(c: Catalog) -> list[Violation]:
    """Every value that breaks a field rule, with its file and line."""
    found = [(rid, *f) for rid, check in RULES.items() for f in check(c)]
    located = {}
    for file in {f[1] for f in found}:
        loc, _ = read_yaml((Path(c.root) / file).read_bytes(), file)
        located[file] = loc
    return sorted(
        Violation(
            file,
            located[file].line_of(path) if located[file] else 0,
            format_path(path),
            msg,
            rid,
        )
        for rid, file, path, msg in found
    )


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
    out.violations = field_rules(catalog)
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
    lines += ["", f"## field rules broken: {len(a.violations)} (CONTRIBUTING.md, Field rules)"]
    lines += [f"  {v}" for v in a.violations]
    return "\n".join(lines) + "\n"
