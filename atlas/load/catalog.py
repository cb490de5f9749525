"""The Catalog, and the load in named steps: read, validate each file, check references, index."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .. import schema as S
from ..errors import CatalogError, DataError, format_path
from ..kinds import BY_DATA_DIR, BY_NAME, KINDS, LIST_FILES, RESULTS_DIR, kind
from ..yamlio import Located
from .files import (
    TODO_MESSAGE,
    DataFile,
    file_model,
    read_files,
    validate_list,
    validate_mapping,
)


@dataclass(frozen=True)
class ResultRecord:
    """A result together with the document that reports it."""

    source: str
    result: S.Result
    own: bool = False  # reported by the model's makers (set when the catalog is built)

    @property
    def setting(self) -> SettingKey:
        """Results are only ranked against results with the same setting."""
        return setting_key(self.result)


#: (shots, chain-of-thought, split id, subset id, metric id, protocol ids)
SettingKey = tuple


def setting_key(r: S.Result | S.PrimarySetting) -> SettingKey:
    return (r.shots, r.cot, r.split or "", r.subset or "", r.metric, tuple(sorted(r.protocol)))


@dataclass(frozen=True)
class Catalog:
    """Everything in data/, validated. Built once per build; never mutated."""

    root: Path
    sources: Mapping[str, S.Source]
    organizations: Mapping[str, S.Organization]
    licenses: Mapping[str, S.License]
    settings: Mapping[str, S.Setting]
    families: Mapping[str, S.Family]
    variants: Mapping[str, S.Variant]
    variant_family: Mapping[str, str]
    datasets: Mapping[str, S.Dataset]
    benchmarks: Mapping[str, S.Benchmark]
    methods: Mapping[str, S.Method]
    results: tuple[ResultRecord, ...]
    files: Mapping[tuple[str, str], str] = field(
        default_factory=dict
    )  # (kind name, id) -> data file
    source_labels: Mapping[str, str] = field(
        default_factory=dict
    )  # source id -> "Touvron et al. 2023a"

    # Derived indexes (computed once, in build_catalog)
    results_by_benchmark: Mapping[str, tuple[ResultRecord, ...]] = field(default_factory=dict)
    results_by_variant: Mapping[str, tuple[ResultRecord, ...]] = field(default_factory=dict)
    dataset_users: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    benchmark_parts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    family_children: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def store(self, kind_name: str) -> Mapping[str, Any]:
        """The entities of one kind, by id."""
        return getattr(self, kind(kind_name).field)

    def setting_label(self, key: SettingKey) -> str:
        """A setting in words: "5-shot, chain-of-thought, diamond, thinking mode"."""
        shots, cot, split, subset, _, protocols = key
        parts = [f"{shots}-shot" if shots is not None else "shots not stated"]
        if cot:
            parts.append("chain-of-thought")
        if split:
            parts.append(f"{self.settings[split].name} split")
        parts += [self.settings[i].name for i in (subset, *protocols) if i]
        return ", ".join(parts)

    def family_of(self, variant_id: str) -> S.Family:
        return self.families[self.variant_family[variant_id]]

    def family_results(self, family_id: str) -> tuple[ResultRecord, ...]:
        out: list[ResultRecord] = []
        for v in self.families[family_id].variants:
            out.extend(self.results_by_variant.get(v.id, ()))
        return tuple(out)


class Collector:
    """Objects by id with the place each came from; a second object with the same id is an error.

    A place is (file, located data, path of the line to cite); the line itself is looked up
    only for an error: finding lines means reading the file's YAML a second time.
    """

    def __init__(self, label: str):
        self.label = label
        self.items: dict[str, Any] = {}
        self.where: dict[str, tuple[str, Located, tuple]] = {}
        self.unverified: set[str] = set()  # ids in entries that did not validate: not "unknown"

    def add(
        self,
        obj_id: str,
        obj: Any,
        file: str,
        located: Located,
        line_path: tuple,
        errors: list[DataError],
    ) -> None:
        if obj_id in self.items:
            first_file, first_located, first_line_path = self.where[obj_id]
            path = line_path if line_path[-1:] == ("id",) else line_path + ("id",)
            first = f"{first_file}:{first_located.line_of(first_line_path)}"
            errors.append(
                DataError(
                    file,
                    located.line_of(line_path),
                    format_path(path),
                    f'duplicate {self.label} id "{obj_id}" (already defined at {first})',
                )
            )
            return
        self.items[obj_id] = obj
        self.where[obj_id] = (file, located, line_path)

    def remember(self, raw: Any) -> None:
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            self.unverified.add(raw["id"])


@dataclass
class Parsed:
    """Step 2's output: every valid object, by id, with its place."""

    lists: dict[str, Collector]  # "sources.yaml" -> sources
    entities: dict[str, Collector]  # kind name -> entities of that kind
    variants: Collector
    variant_family: dict[str, str]
    results: list[tuple[str, tuple, ResultRecord]]  # (file, path in it, record)
    results_files: Collector
    located: dict[str, Located]
    unread_results: int = 0  # results files that did not validate: what they hold is unknown

    @property
    def sources(self) -> Collector:
        return self.lists["sources.yaml"]


@contextmanager
def gc_paused():
    """No cyclic garbage collection inside: for work that only builds up objects that stay.

    Loading (and exporting) the catalog allocates millions of objects that live on; each full
    collection walks all of them again (at 10,000 families, 42 s instead of 28 s to load).
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
    from .references import check_references

    root = Path(root)
    errors: list[DataError] = []
    with gc_paused():
        files = read_files(root, errors)
        parsed = validate_files(files, errors)
        check_references(parsed, errors)
        if errors:
            # A TODO placeholder explains itself; other complaints about the same field are noise.
            todo = {(e.file, e.path) for e in errors if e.message == TODO_MESSAGE}
            raise CatalogError(
                [e for e in errors if (e.file, e.path) not in todo or e.message == TODO_MESSAGE]
            )
        return build_catalog(root, parsed)


def validate_files(files: list[DataFile], errors: list[DataError]) -> Parsed:
    """Step 2: each file against its model; ids collected, duplicates and misnamed files reported."""
    parsed = Parsed(
        lists={
            name: Collector(model.__name__.lower().replace("license", "licence"))
            for name, model in LIST_FILES.items()
        },
        entities={k.name: Collector(k.label) for k in KINDS},
        variants=Collector("model variant"),
        variant_family={},
        results=[],
        results_files=Collector("results file source"),
        located={f.file: f.located for f in files},
    )
    for f in files:
        if not f.folder:
            collector = parsed.lists[Path(f.file).name]
            for i, item in validate_list(f, LIST_FILES[Path(f.file).name], errors):
                collector.add(item.id, item, f.file, f.located, (i,), errors)
            if isinstance(f.located.data, list):
                for raw in f.located.data:
                    if not (isinstance(raw, dict) and raw.get("id") in collector.items):
                        collector.remember(raw)
            continue
        obj = validate_mapping(f, file_model(f.folder), errors)
        if f.folder == RESULTS_DIR:
            if obj is not None:
                _add_results(parsed, f, obj, errors)
            else:
                parsed.unread_results += 1
            continue
        entity_kind = BY_DATA_DIR[f.folder]
        collector = parsed.entities[entity_kind.name]
        if obj is None:
            collector.remember(f.located.data)
            if entity_kind.name == "family" and isinstance(f.located.data, dict):
                for raw in f.located.data.get("variants") or []:
                    parsed.variants.remember(raw)
            continue
        _check_file_name(f, obj.id, "id", errors)
        collector.add(obj.id, obj, f.file, f.located, ("id",), errors)
        if entity_kind.name == "family":
            for i, v in enumerate(obj.variants):
                parsed.variants.add(v.id, v, f.file, f.located, ("variants", i, "id"), errors)
                parsed.variant_family.setdefault(v.id, obj.id)
    return parsed


def _add_results(parsed: Parsed, f: DataFile, obj: S.ResultsFile, errors: list[DataError]) -> None:
    _check_file_name(f, obj.source, "source", errors)
    parsed.results_files.add(obj.source, obj, f.file, f.located, ("source",), errors)
    for i, r in enumerate(obj.results):
        parsed.results.append((f.file, ("results", i), ResultRecord(obj.source, r)))


def _check_file_name(f: DataFile, obj_id: str, key: str, errors: list[DataError]) -> None:
    if Path(f.file).stem != obj_id:
        errors.append(
            DataError(
                f.file,
                f.located.line_of((key,)),
                key,
                f'the file name must match: "{obj_id}" belongs in data/{f.folder}/{obj_id}.yaml',
            )
        )


def _makers_sources(parsed: Parsed) -> dict[str, set[str]]:
    """Family id -> the documents that count as its makers' own: its paper, every document its
    facts cite, and every document published by one of its organizations."""
    by_org: dict[str, set[str]] = defaultdict(set)
    for sid, src in parsed.sources.items.items():
        for org in src.organizations:
            by_org[org].add(sid)
    out = {}
    for fid, f in parsed.entities["family"].items.items():
        own = {f.paper} if f.paper else set()
        for obj in (f, *f.variants):
            own.update(
                c.source
                for name in type(obj.cite).model_fields
                if (c := getattr(obj.cite, name)) is not None
            )
        for org in f.organizations:
            own |= by_org[org]
        out[fid] = own
    return out


def source_labels(sources: Mapping[str, S.Source]) -> dict[str, str]:
    """Short labels for tables: "Touvron et al. 2023", or the title; two documents that would
    share a label get a, b, ... in the order of their dates (then ids), so labels are stable."""
    base = {}
    for sid, src in sources.items():
        if src.short:
            base[sid] = src.short
        elif src.authors and src.kind in ("paper", "technical-report"):
            first = src.authors.split(",")[0].strip()
            surname = first.split()[-1] if first.split() else first
            more = "," in src.authors or " et al" in src.authors or " and " in src.authors
            base[sid] = f"{surname}{' et al.' if more else ''} {src.year}"
        else:
            base[sid] = src.title
    groups: dict[str, list[str]] = defaultdict(list)
    for sid, label in base.items():
        groups[label].append(sid)
    labels = dict(base)
    for label, ids in groups.items():
        if len(ids) > 1 and not any(sources[i].short for i in ids) and label[-4:].isdigit():
            for letter, sid in zip(
                "abcdefghijklmnopqrstuvwxyz",
                sorted(ids, key=lambda i: (sources[i].date or str(sources[i].year), i)),
            ):
                labels[sid] = label + letter
    return labels


def build_catalog(root: Path, parsed: Parsed) -> Catalog:
    """Step 4: the immutable Catalog and its derived indexes, computed once."""
    by_bench: dict[str, list[ResultRecord]] = defaultdict(list)
    by_variant: dict[str, list[ResultRecord]] = defaultdict(list)
    makers = _makers_sources(parsed)
    records = [
        ResultRecord(
            rec.source,
            rec.result,
            rec.source in makers.get(parsed.variant_family.get(rec.result.model, ""), ()),
        )
        for _, _, rec in parsed.results
    ]
    for rec in records:
        by_bench[rec.result.benchmark].append(rec)
        by_variant[rec.result.model].append(rec)
    families = parsed.entities["family"].items
    users: dict[str, list[str]] = defaultdict(list)
    children: dict[str, list[str]] = defaultdict(list)
    for fam in families.values():
        for ds in fam.training_data:
            users[ds].append(fam.id)
        for parent in fam.derived_from:
            children[parent].append(fam.id)
    parts: dict[str, list[str]] = defaultdict(list)
    for bm in parsed.entities["benchmark"].items.values():
        if bm.part_of:
            parts[bm.part_of].append(bm.id)
    files = {
        (name, eid): where[0]
        for name, c in parsed.entities.items()
        for eid, where in c.where.items()
    }

    def frozen(d: Mapping) -> Mapping:
        return MappingProxyType({k: tuple(v) if isinstance(v, list) else v for k, v in d.items()})

    return Catalog(
        root=root,
        sources=frozen(parsed.sources.items),
        organizations=frozen(parsed.lists["organizations.yaml"].items),
        licenses=frozen(parsed.lists["licenses.yaml"].items),
        settings=frozen(parsed.lists["settings.yaml"].items),
        variants=frozen(parsed.variants.items),
        variant_family=frozen(parsed.variant_family),
        results=tuple(records),
        files=frozen(files),
        source_labels=frozen(source_labels(parsed.sources.items)),
        results_by_benchmark=frozen(by_bench),
        results_by_variant=frozen(by_variant),
        dataset_users=frozen(users),
        benchmark_parts=frozen(parts),
        family_children=frozen(children),
        **{BY_NAME[name].field: frozen(c.items) for name, c in parsed.entities.items()},
    )
