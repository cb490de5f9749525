"""Step 3 of the load: every id a file names exists, and every sourced fact has a citation.

One check per kind of entry (``CHECKS``); each reports with the file, line and path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import schema as S
from ..errors import DataError, format_path
from ..kinds import RESERVED_IDS, kind
from ..yamlio import Located
from .catalog import Collector, Parsed
from .files import suggest


class Checker:
    """Reports references that point nowhere, at the place they are written."""

    def __init__(self, parsed: Parsed, errors: list[DataError]):
        self.parsed = parsed
        self.errors = errors
        self.targets = {
            "source": parsed.sources,
            "organization": parsed.lists["organizations.yaml"],
            "licence": parsed.lists["licenses.yaml"],
            "setting": parsed.lists["settings.yaml"],
            "model variant": parsed.variants,
            **{kind(name).label: c for name, c in parsed.entities.items()},
        }

    def error(self, file: str, located: Located, path: tuple, message: str) -> None:
        self.errors.append(DataError(file, located.line_of(path), format_path(path), message))

    def ref(self, value: str | None, label: str, file: str, located: Located, path: tuple) -> None:
        """``value`` must be the id of a ``label`` (an id in a file that failed counts as known)."""
        target: Collector = self.targets[label]
        if value and value not in target.items and value not in target.unverified:
            self.error(
                file, located, path, f'unknown {label} "{value}"{suggest(value, target.items)}'
            )

    def refs(self, values: list[str], label: str, file: str, located: Located, path: tuple) -> None:
        for i, value in enumerate(values):
            self.ref(value, label, file, located, path + (i,))

    def setting_refs(
        self, r: Any, benchmark: str, file: str, located: Located, base: tuple
    ) -> None:
        """The split, subset, protocol and harness of a result (or a primary setting) are words
        of data/settings.yaml, of the right kind, and a subset belongs to the benchmark."""
        vocabulary = self.targets["setting"].items
        named = [("split", r.split), ("subset", r.subset), ("harness", getattr(r, "harness", None))]
        named += [(("protocol", i), p) for i, p in enumerate(r.protocol)]
        for where, value in named:
            if not value:
                continue
            kind = where[0] if isinstance(where, tuple) else where
            path = base + (where if isinstance(where, tuple) else (where,))
            setting = vocabulary.get(value)
            if setting is None:
                if value not in self.targets["setting"].unverified:
                    words = [i for i, s in vocabulary.items() if s.kind == kind]
                    self.error(
                        file,
                        located,
                        path,
                        f'unknown {kind} "{value}"{suggest(value, words)}; the {kind}s are listed in data/settings.yaml',
                    )
            elif setting.kind != kind:
                self.error(
                    file,
                    located,
                    path,
                    f'"{value}" is a {setting.kind} in data/settings.yaml, not a {kind}',
                )
            elif setting.benchmarks and benchmark not in setting.benchmarks:
                self.error(
                    file,
                    located,
                    path,
                    f'{kind} "{value}" belongs to {", ".join(setting.benchmarks)}, not to {benchmark}',
                )

    def citations(self, obj: Any, file: str, located: Located, base: tuple) -> None:
        """Every sourced field with a value has a citation; cited sources exist; also_reported fits."""
        fields = S.SOURCED_FIELDS[type(obj)]
        for name in ("default", *fields):
            c = getattr(obj.cite, name)
            if c is not None:
                self.ref(c.source, "source", file, located, base + ("cite", name, "source"))
        for name in fields:
            if (
                getattr(obj, name) in (None, [], ())
                or getattr(obj.cite, name) is not None
                or obj.cite.default is not None
            ):
                continue
            how = f'add cite.{name} or cite.default (a source id and a locator such as "Table 2")'
            self.error(file, located, base + (name,), f"has no source: {how}")
        for i, alt in enumerate(getattr(obj, "also_reported", [])):
            p = base + ("also_reported", i)
            if alt.field not in fields:
                self.error(
                    file,
                    located,
                    p + ("field",),
                    f'"{alt.field}" is not a sourced field here; use one of {", ".join(fields)}',
                )
            elif getattr(obj, alt.field) in (None, [], ()):
                self.error(
                    file,
                    located,
                    p + ("field",),
                    f'also_reported names "{alt.field}", which has no main value; set {alt.field} first',
                )
            self.ref(alt.source, "source", file, located, p + ("source",))


def _family(c: Checker, f: S.Family, file: str, loc: Located) -> None:
    c.refs(f.organizations, "organization", file, loc, ("organizations",))
    c.refs(f.training_data, "dataset", file, loc, ("training_data",))
    c.refs(f.derived_from, "model family", file, loc, ("derived_from",))
    for i, parent in enumerate(f.derived_from):
        if parent == f.id:
            c.error(file, loc, ("derived_from", i), "a family cannot derive from itself")
    c.ref(f.paper, "source", file, loc, ("paper",))
    c.ref(f.license, "licence", file, loc, ("license",))
    c.ref(f.code_license, "licence", file, loc, ("code_license",))
    c.citations(f, file, loc, ())
    for i, v in enumerate(f.variants):
        base = ("variants", i)
        c.ref(v.license, "licence", file, loc, base + ("license",))
        c.citations(v, file, loc, base)
        if v.active_parameters and v.parameters and v.active_parameters > v.parameters:
            c.error(file, loc, base + ("active_parameters",), "is larger than parameters")


def _dataset(c: Checker, d: S.Dataset, file: str, loc: Located) -> None:
    c.refs(d.creators, "organization", file, loc, ("creators",))
    c.refs(d.derived_from, "dataset", file, loc, ("derived_from",))
    c.ref(d.paper, "source", file, loc, ("paper",))
    c.ref(d.license, "licence", file, loc, ("license",))
    c.citations(d, file, loc, ())


def _benchmark(c: Checker, b: S.Benchmark, file: str, loc: Located) -> None:
    c.ref(b.part_of, "benchmark", file, loc, ("part_of",))
    if b.part_of == b.id:
        c.error(file, loc, ("part_of",), "a benchmark cannot be part of itself")
    c.ref(b.paper, "source", file, loc, ("paper",))
    metric_ids = [m.id for m in b.metrics]
    for i, m in enumerate(metric_ids):
        if m in metric_ids[:i]:
            c.error(file, loc, ("metrics", i, "id"), f'duplicate metric id "{m}"')
    if b.primary_setting:
        if b.primary_setting.metric not in metric_ids:
            c.error(
                file,
                loc,
                ("primary_setting", "metric"),
                f'benchmark "{b.id}" has no metric "{b.primary_setting.metric}"; its metrics are {", ".join(metric_ids)}',
            )
        c.setting_refs(b.primary_setting, b.id, file, loc, ("primary_setting",))
    c.citations(b, file, loc, ())


def _method(c: Checker, m: S.Method, file: str, loc: Located) -> None:
    c.ref(m.paper, "source", file, loc, ("paper",))
    c.refs(m.related, "method", file, loc, ("related",))
    for i, rep in enumerate(m.reported):
        c.ref(rep.source, "source", file, loc, ("reported", i, "source"))


CHECKS: dict[str, Callable[[Checker, Any, str, Located], None]] = {
    "family": _family,
    "dataset": _dataset,
    "benchmark": _benchmark,
    "method": _method,
}


def check_references(parsed: Parsed, errors: list[DataError]) -> None:
    c = Checker(parsed, errors)
    for name, collector in parsed.entities.items():
        for eid, obj in collector.items.items():
            file, loc, _ = collector.where[eid]
            if eid in RESERVED_IDS:
                c.error(
                    file,
                    loc,
                    ("id",),
                    f'"{eid}" is the name of the site\'s own {kind(name).page_dir} index page; choose another id',
                )
            CHECKS[name](c, obj, file, loc)
    for src_id, src in parsed.sources.items.items():
        file, loc, base = parsed.sources.where[src_id]
        c.refs(src.organizations, "organization", file, loc, base + ("organizations",))
    names: dict[tuple, str] = {}
    for set_id, setting in parsed.lists["settings.yaml"].items.items():
        file, loc, base = parsed.lists["settings.yaml"].where[set_id]
        c.refs(setting.benchmarks, "benchmark", file, loc, base + ("benchmarks",))
        # Two words of one kind never share a name: a label names one setting. (Subsets of
        # different benchmarks may: "main" of GPQA is not "main" of another benchmark.)
        for scope in setting.benchmarks or [""]:
            key = (setting.kind, scope, setting.name.casefold())
            if key in names:
                c.error(
                    file,
                    loc,
                    base + ("name",),
                    f'"{setting.name}" is already the name of {setting.kind} "{names[key]}"; a name labels one setting',
                )
            names.setdefault(key, set_id)
    for src_id in parsed.results_files.items:
        file, loc, _ = parsed.results_files.where[src_id]
        c.ref(src_id, "source", file, loc, ("source",))
    _results(c, parsed)


def _results(c: Checker, parsed: Parsed) -> None:
    benchmarks = parsed.entities["benchmark"].items
    seen: dict[tuple, tuple[Located, tuple]] = {}
    for file, path, rec in parsed.results:
        loc, r = parsed.located[file], rec.result
        c.ref(r.model, "model variant", file, loc, path + ("model",))
        c.ref(r.benchmark, "benchmark", file, loc, path + ("benchmark",))
        c.setting_refs(r, r.benchmark, file, loc, path)
        if r.shots_note is not None and r.shots is not None:
            c.error(
                file,
                loc,
                path + ("shots_note",),
                f"shots is {r.shots}; shots_note says why there is no count, so it goes only with shots: null",
            )
        if r.benchmark in benchmarks:
            metric_ids = [m.id for m in benchmarks[r.benchmark].metrics]
            if r.metric not in metric_ids:
                c.error(
                    file,
                    loc,
                    path + ("metric",),
                    f'benchmark "{r.benchmark}" has no metric "{r.metric}"; its metrics are {", ".join(metric_ids)}',
                )
        # One document may print two values for the same thing in two places (abstract and
        # table): both are kept. The same place twice is a mistake.
        key = (rec.source, r.model, r.benchmark, rec.setting, r.harness, r.locator)
        if key in seen:
            first_loc, first_path = seen[key]
            c.error(
                file,
                loc,
                path,
                f"the same result (model, benchmark, setting, locator) is already given on line {first_loc.line_of(first_path)}",
            )
        else:
            seen[key] = (loc, path)
    _primary_settings_have_results(c, parsed)


def _primary_settings_have_results(c: Checker, parsed: Parsed) -> None:
    from .catalog import setting_key

    if parsed.unread_results:
        return  # the results that would have this setting may be in a file that did not validate
    keys: dict[str, set] = {}
    for _, _, rec in parsed.results:
        keys.setdefault(rec.result.benchmark, set()).add(rec.setting)
    benchmarks = parsed.entities["benchmark"]
    for bid, b in benchmarks.items.items():
        if b.primary_setting and setting_key(b.primary_setting) not in keys.get(bid, set()):
            file, loc, _ = benchmarks.where[bid]
            have = len(keys.get(bid, ()))
            c.error(
                file,
                loc,
                ("primary_setting",),
                f"no result of {bid} has this setting ({have} settings have results); name one that has",
            )
