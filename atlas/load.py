"""YAML under data/ -> one validated, cross-referenced, immutable Catalog.

One pass over the files; every error is collected and reported at once, each
beginning with ``file:line: path:``. Call :func:`load_catalog` once per build.
"""
from __future__ import annotations

import difflib
import gc
import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from pydantic import TypeAdapter, ValidationError

from . import parallel, schema as S
from .errors import CatalogError, DataError, format_path
from .yamlio import Located, read_yaml_fast


@dataclass(frozen=True)
class ResultRecord:
    """A result together with the document that reports it."""

    source: str
    result: S.Result

    @property
    def setting(self) -> tuple:
        """Results are only ranked against results with the same setting."""
        r = self.result
        return (r.shots, r.cot, r.split or "", r.subset or "", r.metric)


@dataclass(frozen=True)
class Catalog:
    """Everything in data/, validated. Built once per build; never mutated."""

    root: Path
    sources: Mapping[str, S.Source]
    organizations: Mapping[str, S.Organization]
    licenses: Mapping[str, S.License]
    families: Mapping[str, S.Family]
    variants: Mapping[str, S.Variant]
    variant_family: Mapping[str, str]
    datasets: Mapping[str, S.Dataset]
    benchmarks: Mapping[str, S.Benchmark]
    methods: Mapping[str, S.Method]
    results: tuple[ResultRecord, ...]
    files: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> data file

    # Derived indexes (computed once in load_catalog)
    results_by_benchmark: Mapping[str, tuple[ResultRecord, ...]] = field(default_factory=dict)
    results_by_variant: Mapping[str, tuple[ResultRecord, ...]] = field(default_factory=dict)
    dataset_users: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    benchmark_parts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    family_children: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def family_of(self, variant_id: str) -> S.Family:
        return self.families[self.variant_family[variant_id]]

    def family_results(self, family_id: str) -> tuple[ResultRecord, ...]:
        out: list[ResultRecord] = []
        for v in self.families[family_id].variants:
            out.extend(self.results_by_variant.get(v.id, ()))
        return tuple(out)


KINDS = ("models", "datasets", "benchmarks", "methods", "results")


def _suggest(name: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(options), n=1, cutoff=0.7)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _describe(value: Any) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _message(err: dict, model: type) -> str:
    """Pydantic's error, in words a contributor understands."""
    kind, got, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    loc = err["loc"]
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        return "unknown key" + _suggest(str(loc[-1]), _allowed_keys(model, loc[:-1]))
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected an integer, got {_describe(got)}"
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, got {_describe(got)}"
    if kind == "string_type":
        return f"expected text, got {_describe(got)}"
    if kind == "bool_type":
        return f"expected true or false, got {_describe(got)}"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list, got {_describe(got)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping, got {_describe(got)}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected', '')}, got {_describe(got)}"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        if pattern == S.ZH_TEXT_PATTERN and not re.search("[\u3400-\u9fff]", str(got)):
            return "the Chinese summary contains no Chinese characters"
        if pattern in (S.TEXT_PATTERN, S.LONG_TEXT_PATTERN, S.ZH_TEXT_PATTERN):
            return S.text_problem(str(got), multiline=pattern != S.TEXT_PATTERN)
        return f"{_describe(got)} is not valid: {S.PATTERN_HELP.get(pattern, 'must match ' + str(pattern))}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = {"greater_than": "greater than {gt}", "greater_than_equal": "at least {ge}", "less_than": "less than {lt}", "less_than_equal": "at most {le}"}[kind]
        return f"must be {bound.format(**ctx)}, got {_describe(got)}"
    if kind == "too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is {len(got)} characters long; the limit is {ctx.get('max_length')}"
    if kind == "finite_number":
        return f"must be a finite number, got {_describe(got)}"
    return err["msg"]


def _allowed_keys(model: type, loc: tuple) -> list[str]:
    """The keys allowed at ``loc`` inside ``model`` (for 'did you mean')."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, S.Strict):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


_ADAPTERS: dict[Any, TypeAdapter] = {}


def _adapter(tp: Any) -> TypeAdapter:
    if tp not in _ADAPTERS:
        _ADAPTERS[tp] = TypeAdapter(tp)
    return _ADAPTERS[tp]


def validate(located: Located, tp: Any, file: str, model: type) -> tuple[Any, list[DataError]]:
    """Validate one file's data against ``tp``; errors carry file, line and path."""
    try:
        return _adapter(tp).validate_python(located.data), []
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
            errors.append(DataError(file, located.line_of(loc), format_path(loc), _message({**err, "loc": loc}, model)))
        return None, errors


#: Fewer data files than this are read in one process (forking costs more than it saves).
PARALLEL_FROM = 200

TODO_MESSAGE = "replace the TODO placeholder with the real value (or remove the key if no source gives it)"


def _placeholders(located: Located, file: str) -> list[DataError]:
    """Text still holding a TODO from a skeleton of `python -m atlas new`."""
    found: list[DataError] = []

    def walk(value: Any, path: tuple) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))
        elif isinstance(value, str) and "TODO" in value:
            found.append(DataError(file, located.line_of(path), format_path(path), TODO_MESSAGE))

    walk(located.data, ())
    return found


class _Collector:
    """Collects objects by id with the place each came from, and reports duplicates.

    A place is (file, located data, path of the line to cite); the line itself is looked up
    only for an error: finding lines means reading the file's YAML a second time.
    """

    def __init__(self, what: str):
        self.what = what
        self.items: dict[str, Any] = {}
        self.where: dict[str, tuple[str, Located, tuple]] = {}

    def add(self, obj_id: str, obj: Any, file: str, located: Located, line_path: tuple, path: tuple, errors: list[DataError]) -> None:
        if obj_id in self.items:
            first_file, first_located, first_line_path = self.where[obj_id]
            errors.append(DataError(file, located.line_of(line_path), format_path(path + ("id",)),
                                    f'duplicate {self.what} id "{obj_id}" (already defined at {first_file}:{first_located.line_of(first_line_path)})'))
            return
        self.items[obj_id] = obj
        self.where[obj_id] = (file, located, line_path)


@contextmanager
def gc_paused():
    """No cyclic garbage collection inside: for work that only builds up objects that stay.

    Loading (and exporting) the catalog allocates millions of objects that live on. Each full
    collection walks all of them again, which made loading 10,000 families take 42 s instead
    of 28 s (python -m atlas bench). Reference counting still frees everything acyclic.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_catalog(root: str | Path) -> Catalog:
    """Load and check every file under ``root/data``. Raises CatalogError with all errors."""
    with gc_paused():
        return _load_catalog(Path(root))


def _load_catalog(root: Path) -> Catalog:
    data_dir = root / "data"
    errors: list[DataError] = []
    located_by_file: dict[str, Located] = {}
    # Ids declared in files that failed validation: references to them are not
    # reported again, so that one mistake does not cascade into many errors.
    unverified: dict[str, set[str]] = defaultdict(set)

    def remember(what: str, raw: Any) -> None:
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            unverified[what].add(raw["id"])

    def rel(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    def read_files(paths: list[Path]) -> list[tuple[Located | None, list[DataError]]]:
        out = []
        for path in paths:
            file = rel(path)
            located, errs = read_yaml_fast(path.read_bytes(), file)
            out.append((located, errs + _placeholders(located, file) if located is not None else errs))
        return out

    # Parsing YAML is most of the load, and files do not depend on each other: half of them
    # are read by a forked process at the same time (atlas/parallel.py).
    every_file = [data_dir / name for name in S.LIST_FILES if (data_dir / name).exists()]
    for kind in S.FILE_MODELS:
        every_file += sorted((data_dir / kind).glob("*.yaml"))
    ready = dict(zip(every_file, parallel.in_halves(every_file, read_files, minimum=PARALLEL_FROM)))

    def read(path: Path) -> Located | None:
        file = rel(path)
        located, errs = ready.pop(path) if path in ready else read_files([path])[0]
        errors.extend(errs)
        if located is not None:
            located_by_file[file] = located
        return located

    if not data_dir.is_dir():
        raise CatalogError([DataError(rel(data_dir), 0, "", "the data folder does not exist")])

    # Stray files are reported: a misnamed file would otherwise be silently ignored.
    for path in sorted(data_dir.rglob("*")):
        if path.is_dir():
            if path.parent == data_dir and path.name not in KINDS:
                errors.append(DataError(rel(path), 0, "", f"unexpected folder; data/ holds {', '.join(KINDS)} and {', '.join(S.LIST_FILES)}"))
            continue
        parent = path.parent.relative_to(data_dir).as_posix()
        if parent == "." and path.name in S.LIST_FILES:
            continue
        if parent in KINDS and path.suffix == ".yaml":
            continue
        if path.name.startswith(".") or path.name == "README.md":
            continue
        errors.append(DataError(rel(path), 0, "", "unexpected file; data files are data/<kind>/<id>.yaml (with the .yaml extension)"))

    sources = _Collector("source")
    orgs = _Collector("organization")
    licenses = _Collector("licence")
    for name, (collector, model) in {"sources.yaml": (sources, S.Source), "organizations.yaml": (orgs, S.Organization), "licenses.yaml": (licenses, S.License)}.items():
        path = data_dir / name
        if not path.exists():
            errors.append(DataError(rel(path), 0, "", "required file is missing"))
            continue
        located = read(path)
        if located is None:
            continue
        if not isinstance(located.data, list):
            errors.append(DataError(rel(path), 1, "", f"expected a list of {model.__name__.lower()}s, got {_describe(located.data)}"))
            continue
        items, errs = validate(located, list[model], rel(path), list)
        if errs:
            # validate item by item so that one bad entry does not hide the others
            errors.extend(errs)
            items = []
            for i, raw in enumerate(located.data):
                one, e = validate(Located(raw, {k[1:]: v for k, v in located.lines.items() if k[:1] == (i,)}), model, rel(path), model)
                if one is not None:
                    items.append((i, one))
                else:
                    remember(model.__name__.lower(), raw)
        else:
            items = list(enumerate(items))
        for i, item in items:
            collector.add(item.id, item, rel(path), located, (i,), (i,), errors)

    kinds: dict[str, _Collector] = {k: _Collector(k[:-1]) for k in ("models", "datasets", "benchmarks", "methods")}
    variants = _Collector("variant")
    variant_family: dict[str, str] = {}
    results: list[ResultRecord] = []
    result_places: list[tuple[str, tuple, ResultRecord]] = []
    files: dict[tuple[str, str], str] = {}
    results_sources: _Collector = _Collector("results file source")

    for kind, model in S.FILE_MODELS.items():
        for path in sorted((data_dir / kind).glob("*.yaml")):
            file = rel(path)
            located = read(path)
            if located is None:
                continue
            if not isinstance(located.data, dict):
                errors.append(DataError(file, 1, "", f"expected a mapping (key: value lines), got {_describe(located.data)}"))
                continue
            obj, errs = validate(located, model, file, model)
            errors.extend(errs)
            if obj is None:
                what = {"models": "model family", "datasets": "dataset", "benchmarks": "benchmark", "methods": "method"}.get(kind)
                if what:
                    remember(what, located.data)
                for raw in located.data.get("variants") or [] if kind == "models" else []:
                    remember("model variant", raw)
                continue
            obj_id = obj.source if kind == "results" else obj.id
            key = "source" if kind == "results" else "id"
            if path.stem != obj_id:
                errors.append(DataError(file, located.line_of((key,)), key, f'the file name must match: "{obj_id}" belongs in data/{kind}/{obj_id}.yaml'))
            if kind == "results":
                results_sources.add(obj.source, obj, file, located, ("source",), (), errors)
                for i, r in enumerate(obj.results):
                    rec = ResultRecord(obj.source, r)
                    results.append(rec)
                    result_places.append((file, ("results", i), rec))
                continue
            kinds[kind].add(obj.id, obj, file, located, ("id",), (), errors)
            files[(kind, obj.id)] = file
            if kind == "models":
                for i, v in enumerate(obj.variants):
                    variants.add(v.id, v, file, located, ("variants", i, "id"), ("variants", i), errors)
                    variant_family.setdefault(v.id, obj.id)

    families, datasets, benchmarks, methods = (kinds[k].items for k in ("models", "datasets", "benchmarks", "methods"))

    # ------------------------------------------------------------------
    # Cross-references: every id named must exist.
    # ------------------------------------------------------------------
    def where(collector: _Collector, obj_id: str) -> tuple[str, Located]:
        file = collector.where[obj_id][0]
        return file, located_by_file[file]

    def check_ref(value: str, target: Mapping[str, Any], what: str, file: str, located: Located, path: tuple) -> None:
        if value not in target and value not in unverified[what]:
            errors.append(DataError(file, located.line_of(path), format_path(path), f'unknown {what} "{value}"{_suggest(value, target)}'))

    def check_citations(obj: Any, file: str, located: Located, base: tuple, fields: tuple[str, ...]) -> None:
        cite = obj.cite
        for name in ("default", *fields):
            c = getattr(cite, name)
            if c is not None:
                check_ref(c.source, sources.items, "source", file, located, base + ("cite", name, "source"))
        for name in fields:
            value = getattr(obj, name)
            if value in (None, [], ()):
                continue
            if getattr(cite, name) is None and cite.default is None:
                errors.append(DataError(file, located.line_of(base + (name,)), format_path(base + (name,)), f"has no source: add cite.{name} or cite.default (a source id and a locator such as \"Table 2\")"))
        for i, alt in enumerate(getattr(obj, "also_reported", [])):
            p = base + ("also_reported", i)
            if alt.field not in fields:
                errors.append(DataError(file, located.line_of(p + ("field",)), format_path(p + ("field",)), f'"{alt.field}" is not a sourced field here; use one of {", ".join(fields)}'))
            elif getattr(obj, alt.field) in (None, [], ()):
                errors.append(DataError(file, located.line_of(p + ("field",)), format_path(p + ("field",)), f'also_reported names "{alt.field}", which has no main value; set {alt.field} first'))
            check_ref(alt.source, sources.items, "source", file, located, p + ("source",))

    for src_id, src in sources.items.items():
        file, loc, base = sources.where[src_id]
        for i, org in enumerate(src.organizations):
            check_ref(org, orgs.items, "organization", file, loc, base + ("organizations", i))

    for fid, fam in families.items():
        file, loc = where(kinds["models"], fid)
        for name in ("license", "code_license"):
            if getattr(fam, name):
                check_ref(getattr(fam, name), licenses.items, "licence", file, loc, (name,))
        for i, v in enumerate(fam.variants):
            if v.license:
                check_ref(v.license, licenses.items, "licence", file, loc, ("variants", i, "license"))
        for i, org in enumerate(fam.organizations):
            check_ref(org, orgs.items, "organization", file, loc, ("organizations", i))
        for i, ds in enumerate(fam.training_data):
            check_ref(ds, datasets, "dataset", file, loc, ("training_data", i))
        for i, parent in enumerate(fam.derived_from):
            check_ref(parent, families, "model family", file, loc, ("derived_from", i))
            if parent == fid:
                errors.append(DataError(file, loc.line_of(("derived_from", i)), f"derived_from[{i}]", "a family cannot derive from itself"))
        if fam.paper:
            check_ref(fam.paper, sources.items, "source", file, loc, ("paper",))
        check_citations(fam, file, loc, (), S.FAMILY_SOURCED)
        for i, v in enumerate(fam.variants):
            check_citations(v, file, loc, ("variants", i), S.VARIANT_SOURCED)
            if v.active_parameters and v.parameters and v.active_parameters > v.parameters:
                errors.append(DataError(file, loc.line_of(("variants", i, "active_parameters")), f"variants[{i}].active_parameters", "is larger than parameters"))

    for did, ds in datasets.items():
        file, loc = where(kinds["datasets"], did)
        for i, org in enumerate(ds.creators):
            check_ref(org, orgs.items, "organization", file, loc, ("creators", i))
        for i, parent in enumerate(ds.derived_from):
            check_ref(parent, datasets, "dataset", file, loc, ("derived_from", i))
        if ds.paper:
            check_ref(ds.paper, sources.items, "source", file, loc, ("paper",))
        if ds.license:
            check_ref(ds.license, licenses.items, "licence", file, loc, ("license",))
        check_citations(ds, file, loc, (), S.DATASET_SOURCED)

    for bid, bm in benchmarks.items():
        file, loc = where(kinds["benchmarks"], bid)
        if bm.part_of:
            check_ref(bm.part_of, benchmarks, "benchmark", file, loc, ("part_of",))
            if bm.part_of == bid:
                errors.append(DataError(file, loc.line_of(("part_of",)), "part_of", "a benchmark cannot be part of itself"))
        if bm.paper:
            check_ref(bm.paper, sources.items, "source", file, loc, ("paper",))
        metric_ids = [m.id for m in bm.metrics]
        for i, m in enumerate(metric_ids):
            if m in metric_ids[:i]:
                errors.append(DataError(file, loc.line_of(("metrics", i, "id")), f"metrics[{i}].id", f'duplicate metric id "{m}"'))
        if bm.primary_setting and bm.primary_setting.metric not in metric_ids:
            errors.append(DataError(file, loc.line_of(("primary_setting", "metric")), "primary_setting.metric",
                                    f'benchmark "{bid}" has no metric "{bm.primary_setting.metric}"; its metrics are {", ".join(metric_ids)}'))
        check_citations(bm, file, loc, (), S.BENCHMARK_SOURCED)

    for mid, m in methods.items():
        file, loc = where(kinds["methods"], mid)
        if m.paper:
            check_ref(m.paper, sources.items, "source", file, loc, ("paper",))
        for i, rel_id in enumerate(m.related):
            check_ref(rel_id, methods, "method", file, loc, ("related", i))
        for i, rep in enumerate(m.reported):
            check_ref(rep.source, sources.items, "source", file, loc, ("reported", i, "source"))

    for src_id in results_sources.items:
        file, loc = where(results_sources, src_id)
        check_ref(src_id, sources.items, "source", file, loc, ("source",))
    seen_results: dict[tuple, tuple[Located, tuple]] = {}
    for file, path, rec in result_places:
        loc = located_by_file[file]
        r = rec.result
        check_ref(r.model, variants.items, "model variant", file, loc, path + ("model",))
        if r.shots_note is not None and r.shots is not None:
            errors.append(DataError(file, loc.line_of(path + ("shots_note",)), format_path(path + ("shots_note",)), f"shots is {r.shots}; shots_note says why there is no count, so it goes only with shots: null"))
        check_ref(r.benchmark, benchmarks, "benchmark", file, loc, path + ("benchmark",))
        if r.benchmark in benchmarks:
            metric_ids = [m.id for m in benchmarks[r.benchmark].metrics]
            if r.metric not in metric_ids:
                errors.append(DataError(file, loc.line_of(path + ("metric",)), format_path(path + ("metric",)), f'benchmark "{r.benchmark}" has no metric "{r.metric}"; its metrics are {", ".join(metric_ids)}'))
        # One document may print two values for the same thing in two places
        # (abstract and table): both are kept. The same place twice is a mistake.
        key = (rec.source, r.model, r.benchmark, rec.setting, r.protocol, r.locator)
        if key in seen_results:
            first_located, first_path = seen_results[key]
            errors.append(DataError(file, loc.line_of(path), format_path(path), f"the same result (model, benchmark, setting, locator) is already given on line {first_located.line_of(first_path)}"))
        else:
            seen_results[key] = (loc, path)

    if errors:
        # A TODO placeholder explains itself; other complaints about the same field are noise.
        todo = {(e.file, e.path) for e in errors if e.message == TODO_MESSAGE}
        raise CatalogError([e for e in errors if (e.file, e.path) not in todo or e.message == TODO_MESSAGE])

    # ------------------------------------------------------------------
    # Derived indexes, computed once.
    # ------------------------------------------------------------------
    by_bench: dict[str, list[ResultRecord]] = defaultdict(list)
    by_variant: dict[str, list[ResultRecord]] = defaultdict(list)
    for rec in results:
        by_bench[rec.result.benchmark].append(rec)
        by_variant[rec.result.model].append(rec)
    users: dict[str, list[str]] = defaultdict(list)
    children: dict[str, list[str]] = defaultdict(list)
    for fam in families.values():
        for ds in fam.training_data:
            users[ds].append(fam.id)
        for parent in fam.derived_from:
            children[parent].append(fam.id)
    parts: dict[str, list[str]] = defaultdict(list)
    for bm in benchmarks.values():
        if bm.part_of:
            parts[bm.part_of].append(bm.id)

    def frozen(d: Mapping) -> Mapping:
        return MappingProxyType({k: tuple(v) if isinstance(v, list) else v for k, v in d.items()})

    return Catalog(
        root=root,
        sources=frozen(sources.items),
        organizations=frozen(orgs.items),
        licenses=frozen(licenses.items),
        families=frozen(families),
        variants=frozen(variants.items),
        variant_family=frozen(variant_family),
        datasets=frozen(datasets),
        benchmarks=frozen(benchmarks),
        methods=frozen(methods),
        results=tuple(results),
        files=frozen(files),
        results_by_benchmark=frozen(by_bench),
        results_by_variant=frozen(by_variant),
        dataset_users=frozen(users),
        benchmark_parts=frozen(parts),
        family_children=frozen(children),
    )
