"""Page sections, rendered from the Catalog: pure functions returning Markdown.

Each function takes a :class:`Ctx` (the catalog and the source path of the page
being rendered, so that links are relative to it) and ids, and returns a
string. None of them reads files or knows about MkDocs.
"""
from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping
from urllib.parse import quote

from .. import schema as S
from ..load import Catalog, ResultRecord
from .cite import citation_md, cite_md, cited_sources, sources_block
from .md import esc, esc_block, ext_link, fmt_count, fmt_count_html, fmt_number, fmt_score, page_link, table

#: Where the page of each kind of entity lives, under docs/.
PAGE_DIRS = {"family": "models", "dataset": "datasets", "benchmark": "benchmarks", "method": "methods"}
UNKNOWN = '<span class="atlas-unknown" title="not reported in the cited sources">–</span>'


@dataclass(frozen=True)
class Site:
    """Facts about the site and its repository, gathered once per build."""

    repo_url: str = ""  # e.g. https://github.com/owner/atlas; no edit links without it
    branch: str = "main"
    site_url: str = ""
    changed: Mapping[str, str] = field(default_factory=dict)  # repo path -> date of last commit


@dataclass(frozen=True)
class Ctx:
    catalog: Catalog
    page: str = "index.md"  # source path of the page being rendered, relative to docs/
    url: str = ""  # URL of that page from the site root ("models/llama/" or "models/llama.html")
    site: Site = Site()

    def link(self, kind: str, entity_id: str, label: str | None = None) -> str:
        entity = self.entity(kind, entity_id)
        return page_link(label or entity.name, f"{PAGE_DIRS[kind]}/{entity_id}.md", self.page)

    def entity(self, kind: str, entity_id: str) -> Any:
        store = {"family": self.catalog.families, "dataset": self.catalog.datasets, "benchmark": self.catalog.benchmarks, "method": self.catalog.methods}[kind]
        if entity_id not in store:
            raise KeyError(f'no {kind} with id "{entity_id}" in the catalog (page {self.page})')
        return store[entity_id]


def page_path(kind: str, entity_id: str) -> str:
    return f"{PAGE_DIRS[kind]}/{entity_id}.md"


# ---------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------


def _org_names(ctx: Ctx, ids: list[str]) -> str:
    out = []
    for oid in ids:
        org = ctx.catalog.organizations[oid]
        out.append(ext_link(org.name, org.url) if org.url else esc(org.name))
    return ", ".join(out)


def _source_link(ctx: Ctx, source_id: str | None) -> str:
    if not source_id:
        return ""
    src = ctx.catalog.sources[source_id]
    return ext_link(src.title, src.url)


def _facts_table(rows: list[tuple[str, str]]) -> str:
    return table(["Fact", "Value"], [(esc(k), v) for k, v in rows if v])


def _field_cite(ctx: Ctx, obj: Any, field: str) -> str:
    """A superscript citation for a field whose source differs from the default."""
    c = getattr(obj.cite, field, None)
    return f" <sup>{citation_md(ctx.catalog, c)}</sup>" if c is not None else ""


def _with_alternatives(ctx: Ctx, obj: Any, field: str, main: str, fmt: Callable[[Any], str]) -> str:
    """The main value, then every value another source reports, each with its source."""
    if not main:
        return UNKNOWN
    alts = [a for a in getattr(obj, "also_reported", []) if a.field == field]
    if not alts:
        return main + _field_cite(ctx, obj, field)
    cite = getattr(obj.cite, field, None) or obj.cite.default
    parts = [f"{main} ({citation_md(ctx.catalog, cite)})"]
    for a in alts:
        value = fmt(int(a.value) if float(a.value).is_integer() else a.value)
        if a.unit:
            value += f" {esc(a.unit)}"
        parts.append(f"{value} ({cite_md(ctx.catalog, a.source, a.locator, note=a.note)})")
    return '<span class="atlas-disputed">' + " · ".join(parts) + "</span>"


LICENSE_CLASSES = {
    "permissive": "permissive",
    "restricted": "open weights with use restrictions",
    "non-commercial": "non-commercial",
    "proprietary": "proprietary",
}


def license_md(ctx: Ctx, license_id: str | None) -> str:
    """A licence by name, linked to its text, with its class."""
    if not license_id:
        return ""
    lic = ctx.catalog.licenses[license_id]
    return f"{ext_link(lic.name, lic.url)} ({esc(LICENSE_CLASSES[lic.license_class])})"


def _variant_licenses(ctx: Ctx, f: S.Family) -> str:
    """Variants whose licence or gating differs from the family's."""
    out = []
    for v in f.variants:
        bits = []
        if v.license and v.license != f.license:
            bits.append(license_md(ctx, v.license) + _field_cite(ctx, v, "license"))
        if v.gated is not None and v.gated != f.gated:
            bits.append(("download gated" if v.gated else "download not gated") + _field_cite(ctx, v, "gated"))
        if bits:
            out.append(f"{esc(v.name)}: " + ", ".join(bits))
    return "; ".join(out)


def access_md(access: str | None, gated: bool | None) -> str:
    if not access:
        return ""
    text = access.replace("-", " ")
    return esc(text + (" (download needs an accepted licence or approved request)" if gated and access == "open-weights" else ""))


def _list(values: list[str]) -> str:
    return ", ".join(esc(v) for v in values)


def summary(ctx: Ctx, kind: str, entity_id: str) -> str:
    """The English and Chinese summaries of an entity."""
    s = ctx.entity(kind, entity_id).summary
    return (
        f'\n<div class="atlas-summary" lang="en">{esc_block(s.en)}</div>\n\n'
        f'<div class="atlas-summary" lang="zh-Hans"><p class="atlas-summary-label">中文</p>{esc_block(s.zh)}</div>\n'
    )


# ---------------------------------------------------------------------------
# Model families
# ---------------------------------------------------------------------------


def family_facts(ctx: Ctx, family_id: str) -> str:
    f: S.Family = ctx.entity("family", family_id)
    cat = ctx.catalog
    arch = (esc(f.architecture) if f.architecture else UNKNOWN) + (" (mixture of experts)" if f.mixture_of_experts else "")
    children = cat.family_children.get(family_id, ())
    rows = [
        ("Organization", _org_names(ctx, f.organizations)),
        ("Released", esc(f.release_date) + _field_cite(ctx, f, "release_date")),
        ("Paper", _source_link(ctx, f.paper)),
        ("Code", ext_link(f.code, f.code) if f.code else ""),
        ("Weights", ext_link(f.weights, f.weights) if f.weights else ""),
        ("License of the weights", (license_md(ctx, f.license) + _field_cite(ctx, f, "license")) if f.license else ("" if any(v.license for v in f.variants) else UNKNOWN)),
        ("Variants with their own licence or access", _variant_licenses(ctx, f)),
        ("License of the code", (license_md(ctx, f.code_license) + _field_cite(ctx, f, "code_license")) if f.code_license else ""),
        ("Access", (access_md(f.access, f.gated) + _field_cite(ctx, f, "access") + (_field_cite(ctx, f, "gated") if f.gated else "")) if f.access else UNKNOWN),
        ("Input and output", (esc(", ".join(f.modalities.input) + " → " + ", ".join(f.modalities.output)) + _field_cite(ctx, f, "modalities")) if f.modalities else ""),
        ("Knowledge cutoff", (esc(f.knowledge_cutoff) + _field_cite(ctx, f, "knowledge_cutoff")) if f.knowledge_cutoff else ""),
        ("Reasoning mode", (esc({"none": "no", "always": "always reasons before answering", "optional": "can be switched on or off"}[f.reasoning]) + _field_cite(ctx, f, "reasoning")) if f.reasoning else ""),
        ("Architecture", arch + _field_cite(ctx, f, "architecture")),
        ("Training objective", (esc(f.objective) + _field_cite(ctx, f, "objective")) if f.objective else ""),
        ("Tokenizer", (esc(f.tokenizer) + _field_cite(ctx, f, "tokenizer")) if f.tokenizer else ""),
        ("Languages", (_list(f.languages) + _field_cite(ctx, f, "languages")) if f.languages else ""),
        ("Derived from", ", ".join(ctx.link("family", p) for p in f.derived_from)),
        ("Models derived from it", ", ".join(ctx.link("family", c) for c in children)),
        ("Also known as", _list(f.aliases)),
        ("Source of these facts", citation_md(cat, f.cite.default)),
        ("Facts last checked", esc(f.checked)),
    ]
    return _facts_table(rows)


def variants_table(ctx: Ctx, family_id: str) -> str:
    f: S.Family = ctx.entity("family", family_id)
    moe = any(v.active_parameters for v in f.variants)
    headers = ["Variant", "Parameters"] + (["Active parameters"] if moe else []) + ["Training tokens", "Context length", "Layers", "d_model", "Attention heads", "Source"]
    rows = []
    for v in f.variants:
        def cell(field: str, unit: str = "", count: bool = True) -> str:
            value = getattr(v, field)
            if value is None:
                return UNKNOWN
            main = fmt_count_html(value, unit) if count else esc(f"{value:,}")
            return _with_alternatives(ctx, v, field, main, (lambda x: esc(fmt_count(int(x)))) if count else (lambda x: esc(f"{x:,}")))

        name = esc(v.name) + (f' <span class="atlas-note">({esc(v.note)})</span>' if v.note else "")
        row = [name, cell("parameters", "parameters")]
        if moe:
            row.append(cell("active_parameters", "parameters"))
        row += [cell("training_tokens", "tokens"), cell("context_length", count=False), cell("layers", count=False), cell("d_model", count=False), cell("attention_heads", count=False), citation_md(ctx.catalog, v.cite.default)]
        rows.append(row)
    return table(headers, rows, numeric=range(1, len(headers) - 1))


def _dataset_size(d: S.Dataset) -> str:
    parts = []
    if d.tokens:
        parts.append(fmt_count_html(d.tokens, "tokens") + " tokens")
    if d.documents:
        parts.append(fmt_count_html(d.documents, "documents") + " documents")
    if d.examples:
        parts.append(fmt_count_html(d.examples, "examples") + " examples")
    if d.disk_size:
        parts.append(esc(f"{fmt_number(d.disk_size.value)} {d.disk_size.unit}"))
    return "; ".join(parts) or UNKNOWN


def _size_citation(d: S.Dataset) -> S.Citation | None:
    """The citation of the first size shown for a dataset (tokens, documents, examples, disk)."""
    sized = next((field for field in ("tokens", "documents", "examples", "disk_size") if getattr(d, field)), None)
    return (getattr(d.cite, sized) or d.cite.default) if sized else None


def training_data(ctx: Ctx, family_id: str) -> str:
    f: S.Family = ctx.entity("family", family_id)
    if not f.training_data:
        return "\n*The cited sources do not name the training data.*\n"
    rows = []
    for did in f.training_data:
        d = ctx.catalog.datasets[did]
        size_cite = citation_md(ctx.catalog, _size_citation(d))
        rows.append([ctx.link("dataset", did), esc(d.kind), _dataset_size(d), _list(d.languages), size_cite])
    cite = f.cite.training_data or f.cite.default
    return table(["Dataset", "Kind", "Size (whole dataset)", "Languages", "Source of the size"], rows) + f"\nSource of this list: {citation_md(ctx.catalog, cite)}.\n"


def setting_label(rec: ResultRecord) -> str:
    r = rec.result
    parts = [f"{r.shots}-shot" if r.shots is not None else "shots n/a"]
    if r.cot:
        parts.append("chain-of-thought")
    if r.split:
        parts.append(f"{r.split} split")
    if r.subset:
        parts.append(r.subset)
    return ", ".join(parts)


def _result_value(ctx: Ctx, rec: ResultRecord) -> str:
    r = rec.result
    unit = _metric(ctx, rec).unit or ""
    text = esc(fmt_score(r.value) + ("" if unit in ("", "%") else f" {unit}"))
    if r.estimate:
        text += f' <span class="atlas-estimate" title="{esc(r.estimate)}">(estimate)</span>'
    return text


def _metric(ctx: Ctx, rec: ResultRecord) -> S.Metric:
    bm = ctx.catalog.benchmarks[rec.result.benchmark]
    return next(m for m in bm.metrics if m.id == rec.result.metric)


def _result_source(ctx: Ctx, rec: ResultRecord) -> str:
    r = rec.result
    extra = "; ".join(x for x in (r.protocol, r.note, f"estimate: {r.estimate}" if r.estimate else None) if x)
    return cite_md(ctx.catalog, rec.source, r.locator, note=extra or None)


def family_results(ctx: Ctx, family_id: str) -> str:
    f: S.Family = ctx.entity("family", family_id)
    recs = ctx.catalog.family_results(family_id)
    if not recs:
        return "\n*No benchmark results for this family are in the atlas yet.*\n"
    order = {v.id: i for i, v in enumerate(f.variants)}
    bench_name = {b: ctx.catalog.benchmarks[b].name for b in ctx.catalog.benchmarks}
    recs = sorted(recs, key=lambda rec: (bench_name[rec.result.benchmark].lower(), rec.result.metric, _setting_sort(rec), order[rec.result.model], rec.source))
    rows = []
    for rec in recs:
        r = rec.result
        m = _metric(ctx, rec)
        rows.append([
            ctx.link("benchmark", r.benchmark),
            esc(ctx.catalog.variants[r.model].name),
            esc(setting_label(rec)),
            esc(m.name + (f" ({m.unit})" if m.unit else "")),
            _result_value(ctx, rec),
            _result_source(ctx, rec),
        ])
    return table(["Benchmark", "Variant", "Setting", "Metric", "Value", "Source"], rows, numeric=(4,))


def _setting_sort(rec: ResultRecord) -> tuple:
    r = rec.result
    return (r.shots is None, r.shots or 0, r.cot, r.split or "", r.subset or "")


def family_sources(ctx: Ctx, family_id: str) -> list[tuple[str, str]]:
    f: S.Family = ctx.entity("family", family_id)
    pairs = cited_sources(f)
    for v in f.variants:
        pairs += cited_sources(v)
    pairs += [(rec.source, rec.result.locator) for rec in ctx.catalog.family_results(family_id)]
    for did in f.training_data:  # the sizes shown in the training-data table
        d = ctx.catalog.datasets[did]
        c = _size_citation(d)
        if c is not None:
            pairs.append((c.source, c.locator))
    return pairs


# ---------------------------------------------------------------------------
# Datasets
# ---------------------------------------------------------------------------


def dataset_facts(ctx: Ctx, dataset_id: str) -> str:
    d: S.Dataset = ctx.entity("dataset", dataset_id)

    def count(field: str, unit: str) -> str:
        value = getattr(d, field)
        if value is None:
            return ""
        return _with_alternatives(ctx, d, field, fmt_count_html(value, unit), lambda x: esc(fmt_count(int(x))))

    disk = ""
    if d.disk_size:
        disk = _with_alternatives(ctx, d, "disk_size", esc(f"{fmt_number(d.disk_size.value)} {d.disk_size.unit}"), lambda x: esc(fmt_number(x)))
    rows = [
        ("Kind", esc(d.kind)),
        ("Tokens", count("tokens", "tokens")),
        ("Documents", count("documents", "documents")),
        ("Examples", count("examples", "examples")),
        ("Size on disk", disk),
        ("Languages", (_list(d.languages) + _field_cite(ctx, d, "languages")) if d.languages else ""),
        ("License", (license_md(ctx, d.license) + _field_cite(ctx, d, "license")) if d.license else UNKNOWN),
        ("Created by", (_org_names(ctx, d.creators) + _field_cite(ctx, d, "creators")) if d.creators else ""),
        ("Released", (esc(d.release_date) + _field_cite(ctx, d, "release_date")) if d.release_date else ""),
        ("Paper", _source_link(ctx, d.paper)),
        ("Homepage", ext_link(d.homepage, d.homepage) if d.homepage else ""),
        ("Built from", ", ".join(ctx.link("dataset", p) for p in d.derived_from)),
        ("Also known as", _list(d.aliases)),
        ("Source of these facts", citation_md(ctx.catalog, d.cite.default)),
        ("Facts last checked", esc(d.checked)),
    ]
    return _facts_table(rows)


def dataset_users(ctx: Ctx, dataset_id: str) -> str:
    ctx.entity("dataset", dataset_id)
    users = ctx.catalog.dataset_users.get(dataset_id, ())
    if not users:
        return "\n*No model family in the atlas names this dataset as training data yet.*\n"
    rows = []
    for fid in sorted(users, key=lambda x: ctx.catalog.families[x].name.lower()):
        f = ctx.catalog.families[fid]
        rows.append([ctx.link("family", fid), _org_names(ctx, f.organizations), esc(f.release_date)])
    return table(["Model family", "Organization", "Released"], rows)


# ---------------------------------------------------------------------------
# Benchmarks
# ---------------------------------------------------------------------------


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
        ("Format", esc(b.task_format) + _field_cite(ctx, b, "task_format")),
        ("Tasks or subjects", (esc(f"{b.tasks:,}") + _field_cite(ctx, b, "tasks")) if b.tasks else ""),
        ("Examples per split", (splits + _field_cite(ctx, b, "splits")) if splits else ""),
        ("Metrics", metrics + _field_cite(ctx, b, "metrics")),
        ("Random-chance baseline", (esc(fmt_score(b.random_baseline) + (first_unit if first_unit == "%" else "")) + _field_cite(ctx, b, "random_baseline")) if b.random_baseline is not None else ""),
        ("Human baselines", (humans + _field_cite(ctx, b, "human_baselines")) if humans else ""),
        ("Languages", (_list(b.languages) + _field_cite(ctx, b, "languages")) if b.languages else ""),
        ("Released", (esc(b.release_date) + _field_cite(ctx, b, "release_date")) if b.release_date else ""),
        ("Paper", _source_link(ctx, b.paper)),
        ("Homepage", ext_link(b.homepage, b.homepage) if b.homepage else ""),
        ("Also known as", _list(b.aliases)),
        ("Source of these facts", citation_md(cat, b.cite.default)),
        ("Facts last checked", esc(b.checked)),
    ]
    return _facts_table(rows)


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
        m = _metric(ctx, recs[0])
        title = f"{setting_label(recs[0])} · {m.name}" + (f" ({m.unit})" if m.unit else "")
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
                _result_value(ctx, rec),
                _result_source(ctx, rec),
            ])
        # Each setting is its own section; like the Leaderboard section around it, it stays out of
        # the search index (its rows would make one search document the size of the whole table).
        out.append(f"\n### {esc(title)} {{ data-search-exclude }}\n\n*{len(recs)} result{'s' if len(recs) != 1 else ''}, {direction}. Only results with this exact setting are ranked together.*\n")
        out.append(table(["Rank", "Model", "Family", "Value", "Source"], rows, numeric=(0, 3)))
    return "\n".join(out)


def benchmark_sources(ctx: Ctx, benchmark_id: str) -> list[tuple[str, str]]:
    b = ctx.entity("benchmark", benchmark_id)
    return cited_sources(b) + [(rec.source, rec.result.locator) for rec in ctx.catalog.results_by_benchmark.get(benchmark_id, ())]


# ---------------------------------------------------------------------------
# Methods and guides
# ---------------------------------------------------------------------------


def method_facts(ctx: Ctx, method_id: str) -> str:
    m: S.Method = ctx.entity("method", method_id)
    rows = [
        ("Full name", esc(m.full_name) if m.full_name else ""),
        ("Kind", esc(m.kind)),
        ("Paper", _source_link(ctx, m.paper)),
        ("Code", ext_link(m.code, m.code) if m.code else ""),
        ("Related", ", ".join(ctx.link("method", r) for r in m.related)),
        ("Also known as", _list(m.aliases)),
        ("Facts last checked", esc(m.checked)),
    ]
    return _facts_table(rows)


def reported_figures(ctx: Ctx, method_id: str) -> str:
    m: S.Method = ctx.entity("method", method_id)
    if not m.reported:
        return "\n*No figures recorded yet.*\n"
    rows = [[esc(r.label), esc(fmt_number(r.value) + (f" {r.unit}" if r.unit else "")), cite_md(ctx.catalog, r.source, r.locator, note=r.note)] for r in m.reported]
    return table(["Figure", "Value", "Source"], rows, numeric=(1,))


# ---------------------------------------------------------------------------
# Sources of a page
# ---------------------------------------------------------------------------


def sources_list(ctx: Ctx, kind: str, entity_id: str) -> str:
    """Every document the page of this entity cites, with the places cited."""
    if kind == "family":
        pairs = family_sources(ctx, entity_id)
    elif kind == "benchmark":
        pairs = benchmark_sources(ctx, entity_id)
    elif kind in ("dataset", "method"):
        pairs = cited_sources(ctx.entity(kind, entity_id))
    else:
        raise ValueError(f'unknown kind "{kind}"; use family, dataset, benchmark or method')
    return sources_block(ctx.catalog, pairs)


# ---------------------------------------------------------------------------
# Index pages
# ---------------------------------------------------------------------------


def _by_name(store: Any) -> list:
    return sorted(store.values(), key=lambda e: e.name.lower())


def models_index(ctx: Ctx) -> str:
    rows = []
    for f in _by_name(ctx.catalog.families):
        sizes = [v.parameters for v in f.variants if v.parameters]
        size = ""
        if sizes:
            lo, hi = min(sizes), max(sizes)
            size = fmt_count_html(hi, "parameters") if lo == hi else f"{fmt_count_html(lo, 'parameters')} – {fmt_count_html(hi, 'parameters')}"
        rows.append([
            ctx.link("family", f.id),
            _org_names(ctx, f.organizations),
            esc(f.release_date),
            (esc(f.architecture) if f.architecture else UNKNOWN) + (" (MoE)" if f.mixture_of_experts else ""),
            access_md(f.access, f.gated) if f.access else UNKNOWN,
            size or UNKNOWN,
            str(len(f.variants)),
            str(len(ctx.catalog.family_results(f.id))),
        ])
    return table(["Family", "Organization", "Released", "Architecture", "Access", "Parameters", "Variants", "Results"], rows, numeric=(5, 6, 7))


def datasets_index(ctx: Ctx) -> str:
    rows = []
    for d in _by_name(ctx.catalog.datasets):
        rows.append([ctx.link("dataset", d.id), esc(d.kind), _dataset_size(d), _list(d.languages), esc(ctx.catalog.licenses[d.license].name) if d.license else UNKNOWN, str(len(ctx.catalog.dataset_users.get(d.id, ())))])
    return table(["Dataset", "Kind", "Size", "Languages", "License", "Used by (families)"], rows, numeric=(5,))


def benchmarks_index(ctx: Ctx) -> str:
    rows = []
    for b in _by_name(ctx.catalog.benchmarks):
        rows.append([
            ctx.link("benchmark", b.id),
            esc(b.task_format),
            ", ".join(esc(m.name) for m in b.metrics),
            esc(f"{b.tasks:,}") if b.tasks else UNKNOWN,
            ctx.link("benchmark", b.part_of) if b.part_of else "",
            str(len(ctx.catalog.results_by_benchmark.get(b.id, ()))),
        ])
    return table(["Benchmark", "Format", "Metrics", "Tasks", "Part of", "Results"], rows, numeric=(3, 5))


def methods_index(ctx: Ctx) -> str:
    rows = [[ctx.link("method", m.id), esc(m.kind), esc(m.full_name or ""), _source_link(ctx, m.paper)] for m in _by_name(ctx.catalog.methods)]
    return table(["Method or guide", "Kind", "Full name", "Paper"], rows)


def downloads() -> tuple[str, ...]:
    """Every file the build writes besides the pages, by path from the site root."""
    from ..schema import SCHEMA_FILES

    return ("api/catalog.json", "api/models.csv", "api/results.csv", "api/sources.bib", "llms.txt", *(f"api/schema/{n}.schema.json" for n in SCHEMA_FILES))


def download_link(ctx: Ctx, name: str) -> str:
    """A link to a file of the public export (written after the pages, so MkDocs cannot link it)."""
    if name not in downloads():
        raise KeyError(f'no download named "{name}"; the downloads are {", ".join(downloads())}')
    base = ctx.url if ctx.url.endswith("/") else posixpath.dirname(ctx.url)
    href = posixpath.relpath(name, base.rstrip("/") or ".")
    return f'<a href="{esc(href)}" download><code>{esc(name)}</code></a>'


def catalog_stats(ctx: Ctx) -> str:
    c = ctx.catalog
    return (
        f"{len(c.families)} model families with {len(c.variants)} variants, {len(c.datasets)} datasets, "
        f"{len(c.benchmarks)} benchmarks, {len(c.methods)} methods and guides, and {len(c.results)} results "
        f"from {len(c.sources)} cited documents"
    )


# ---------------------------------------------------------------------------
# Page furniture: edit links, last change, citation
# ---------------------------------------------------------------------------


def _data_files(ctx: Ctx, kind: str, entity_id: str) -> list[str]:
    """The data files whose content the page of this entity shows."""
    folder = "models" if kind == "family" else PAGE_DIRS[kind]
    files = [ctx.catalog.files.get((folder, entity_id), f"data/{folder}/{entity_id}.yaml")]
    if kind == "family":
        files += sorted({f"data/results/{rec.source}.yaml" for rec in ctx.catalog.family_results(entity_id)})
    elif kind == "benchmark":
        files += sorted({f"data/results/{rec.source}.yaml" for rec in ctx.catalog.results_by_benchmark.get(entity_id, ())})
    return files


def page_meta(ctx: Ctx, kind: str, entity_id: str) -> str:
    """Edit this page, edit the data, report a wrong number, and when the data last changed."""
    entity = ctx.entity(kind, entity_id)
    files = _data_files(ctx, kind, entity_id)
    parts = []
    repo = ctx.site.repo_url.rstrip("/")
    if repo:
        base = f"{repo}/edit/{quote(ctx.site.branch)}"
        parts.append(f'<a href="{esc(base)}/docs/{esc(page_path(kind, entity_id))}">Edit this page</a>')
        parts.append(f'<a href="{esc(base)}/{esc(files[0])}">Edit the data</a>')
        title = quote(f"Wrong number on {entity.name} ({page_path(kind, entity_id)})")
        parts.append(f'<a href="{esc(repo)}/issues/new?template=wrong-number.yml&amp;title={esc(title)}">Report a wrong number</a>')
    dates = [ctx.site.changed[f] for f in files if f in ctx.site.changed]
    if dates:
        parts.append(f"Data last changed {esc(max(dates))}")
    parts.append(f"Facts checked {esc(entity.checked)}")
    return '\n<p class="atlas-page-meta">' + " · ".join(parts) + "</p>\n"


def cite_block(ctx: Ctx, kind: str, entity_id: str) -> str:
    """BibTeX for this page and for the entity's main document."""
    from ..bibtex import entry, page_entry

    entity = ctx.entity(kind, entity_id)
    text = page_entry(kind, entity, ctx.site.site_url + ctx.url)
    paper = getattr(entity, "paper", None)
    if paper:
        text += "\n" + entry(ctx.catalog.sources[paper])
    return f'\n<details class="atlas-cite"><summary>Cite</summary><pre><code>{esc_pre(text)}</code></pre></details>\n'


def esc_pre(text: str) -> str:
    """Escape preformatted text for a raw HTML block (spaces and newlines kept)."""
    import html

    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def coverage_report(ctx: Ctx) -> str:
    """The audit as tables: how complete the catalog is, field by field."""
    from ..audit import STALE_AFTER_DAYS, audit

    a = audit(ctx.catalog)
    out = []
    for kind, (count, fields) in a.coverage.items():
        out.append(f"\n### {esc(kind.capitalize())} ({count})\n")
        out.append(table(["Field", "Filled", "Share"], [[f"<code>{esc(name)}</code>", str(filled), f"{100 * filled / count:.0f}%" if count else "–"] for name, filled in fields], numeric=(1, 2)))
    out.append("\n### Results per benchmark\n")
    out.append(table(["Benchmark", "Results", "Settings"], [[ctx.link("benchmark", b), str(n), str(sum(1 for bb, _, _ in a.results_by_setting if bb == b))] for b, n in a.results_by_benchmark], numeric=(1, 2)))
    out.append(f"\nValues marked as estimates: {a.estimates}. Values without a source: {len(a.unsourced)}. "
               f"Entities whose facts have not been checked for {STALE_AFTER_DAYS} days: {len(a.stale)}.\n")
    return "".join(out)


# ---------------------------------------------------------------------------
# Derived figures
# ---------------------------------------------------------------------------


def fmt_flops(value: float) -> str:
    """5.4768e23 -> '5.5 × 10²³'."""
    exponent = len(f"{int(value):d}") - 1
    mantissa = value / 10**exponent
    sup = str(exponent).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mantissa:.2g} × 10{sup}"


def fmt_bytes(value: float) -> str:
    for size, unit in ((1e12, "TB"), (1e9, "GB"), (1e6, "MB")):
        if value >= size:
            return f"{value / size:.3g} {unit}"
    return f"{value:.0f} B"


def derived_figures(ctx: Ctx, family_id: str) -> str:
    """Compute, tokens per parameter and memory, derived from each variant's stored facts."""
    from ..derive import figures

    f: S.Family = ctx.entity("family", family_id)
    rows = []
    for v in f.variants:
        figs = {fig.label: fig for fig in figures(v)}
        if not figs:
            continue
        def show(label: str) -> str:
            fig = figs.get(label)
            if fig is None:
                return UNKNOWN
            if fig.unit == "FLOPs":
                return esc(fmt_flops(fig.value))
            if fig.unit == "bytes":
                return esc(fmt_bytes(fig.value))
            return esc(f"{fig.value:.1f}")
        rows.append([esc(v.name), show("Training compute"), show("Training tokens per parameter"),
                     show("Weights in memory at 16 bits"), show("Weights in memory at 8 bits"), show("Weights in memory at 4 bits"),
                     show("Full fine-tuning (Adam, mixed precision)"), show("LoRA fine-tuning (16-bit frozen base)"), show("QLoRA fine-tuning (4-bit frozen base)")])
    if not rows:
        return "\n*No variant has the parameter count these figures need.*\n"
    guide = ctx.link("method", "derived-figures") if "derived-figures" in ctx.catalog.methods else "the Derived figures guide"
    note = ("\n*Derived, not reported: computed from the parameters and training tokens above with the formulas of "
            + guide + " (compute ≈ 6 × parameters × tokens, active parameters for mixture-of-experts; memory for weights and optimizer state only).*\n")
    return note + table(["Variant", "Training compute (FLOPs)", "Tokens per parameter (Chinchilla ≈ 20)", "Weights, 16-bit", "Weights, 8-bit", "Weights, 4-bit", "Full fine-tuning", "LoRA", "QLoRA"], rows, numeric=range(1, 9))


def lede(ctx: Ctx, kind: str, entity_id: str) -> str:
    """One line under the title: who made it, when, what it is, and the names it goes by.

    It is also what the search index keeps of an entity page (the sections below are left out).
    """
    e = ctx.entity(kind, entity_id)
    cat = ctx.catalog
    parts: list[str] = []
    if kind == "family":
        parts.append(", ".join(cat.organizations[o].name for o in e.organizations))
        parts.append(f"released {e.release_date}")
        if e.architecture:
            parts.append(e.architecture + (" mixture of experts" if e.mixture_of_experts else ""))
        parts.append("variants: " + ", ".join(v.name for v in e.variants))
    elif kind == "dataset":
        parts.append(f"{e.kind} dataset")
        if e.creators:
            parts.append("by " + ", ".join(cat.organizations[o].name for o in e.creators))
    elif kind == "benchmark":
        parts.append(e.full_name or e.name)
        parts.append(e.measures)
    else:
        parts.append(e.full_name or e.kind)
    if e.aliases:
        parts.append("also known as " + ", ".join(e.aliases))
    return f'\n<p class="atlas-lede">{esc(" · ".join(p for p in parts if p))}</p>\n'
