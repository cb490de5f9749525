"""The page of a model family: facts, variants, derived figures, training data, results."""
from __future__ import annotations

from .. import schema as S
from .cite import citation_md, cited_sources
from .context import UNKNOWN, Ctx
from .facts import (
    access_md,
    dataset_size,
    facts_table,
    field_cite,
    license_md,
    metric_of,
    org_names,
    result_source,
    result_value,
    setting_sort,
    size_citation,
    source_link,
    text_list,
    variant_licenses,
    with_alternatives,
)
from .md import esc, ext_link, fmt_count, fmt_count_html, table


def family_facts(ctx: Ctx, family_id: str) -> str:
    f: S.Family = ctx.entity("family", family_id)
    cat = ctx.catalog
    arch = (esc(f.architecture) if f.architecture else UNKNOWN) + (" (mixture of experts)" if f.mixture_of_experts else "")
    children = cat.family_children.get(family_id, ())
    rows = [
        ("Organization", org_names(ctx, f.organizations)),
        ("Released", esc(f.release_date) + field_cite(ctx, f, "release_date")),
        ("Paper", source_link(ctx, f.paper)),
        ("Code", ext_link(f.code, f.code) if f.code else ""),
        ("Weights", ext_link(f.weights, f.weights) if f.weights else ""),
        ("License of the weights", (license_md(ctx, f.license) + field_cite(ctx, f, "license")) if f.license else ("" if any(v.license for v in f.variants) else UNKNOWN)),
        ("Variants with their own licence or access", variant_licenses(ctx, f)),
        ("License of the code", (license_md(ctx, f.code_license) + field_cite(ctx, f, "code_license")) if f.code_license else ""),
        ("Access", (access_md(f.access, f.gated) + field_cite(ctx, f, "access") + (field_cite(ctx, f, "gated") if f.gated else "")) if f.access else UNKNOWN),
        ("Input and output", (esc(", ".join(f.modalities.input) + " → " + ", ".join(f.modalities.output)) + field_cite(ctx, f, "modalities")) if f.modalities else ""),
        ("Knowledge cutoff", (esc(f.knowledge_cutoff) + field_cite(ctx, f, "knowledge_cutoff")) if f.knowledge_cutoff else ""),
        ("Reasoning mode", (esc({"none": "no", "always": "always reasons before answering", "optional": "can be switched on or off"}[f.reasoning]) + field_cite(ctx, f, "reasoning")) if f.reasoning else ""),
        ("Architecture", arch + field_cite(ctx, f, "architecture")),
        ("Training objective", (esc(f.objective) + field_cite(ctx, f, "objective")) if f.objective else ""),
        ("Tokenizer", (esc(f.tokenizer) + field_cite(ctx, f, "tokenizer")) if f.tokenizer else ""),
        ("Languages", (text_list(f.languages) + field_cite(ctx, f, "languages")) if f.languages else ""),
        ("Derived from", ", ".join(ctx.link("family", p) for p in f.derived_from)),
        ("Models derived from it", ", ".join(ctx.link("family", c) for c in children)),
        ("Also known as", text_list(f.aliases)),
        ("Source of these facts", citation_md(cat, f.cite.default)),
        ("Facts last checked", esc(f.checked)),
    ]
    return facts_table(rows)

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
            return with_alternatives(ctx, v, field, main, (lambda x: esc(fmt_count(int(x)))) if count else (lambda x: esc(f"{x:,}")))

        name = esc(v.name) + (f' <span class="atlas-note">({esc(v.note)})</span>' if v.note else "")
        row = [name, cell("parameters", "parameters")]
        if moe:
            row.append(cell("active_parameters", "parameters"))
        row += [cell("training_tokens", "tokens"), cell("context_length", count=False), cell("layers", count=False), cell("d_model", count=False), cell("attention_heads", count=False), citation_md(ctx.catalog, v.cite.default)]
        rows.append(row)
    return table(headers, rows, numeric=range(1, len(headers) - 1))

def training_data(ctx: Ctx, family_id: str) -> str:
    f: S.Family = ctx.entity("family", family_id)
    if not f.training_data:
        return "\n*The cited sources do not name the training data.*\n"
    rows = []
    for did in f.training_data:
        d = ctx.catalog.datasets[did]
        size_cite = citation_md(ctx.catalog, size_citation(d))
        rows.append([ctx.link("dataset", did), esc(d.kind), dataset_size(d), text_list(d.languages), size_cite])
    cite = f.cite.training_data or f.cite.default
    return table(["Dataset", "Kind", "Size (whole dataset)", "Languages", "Source of the size"], rows) + f"\nSource of this list: {citation_md(ctx.catalog, cite)}.\n"

def family_results(ctx: Ctx, family_id: str) -> str:
    f: S.Family = ctx.entity("family", family_id)
    recs = ctx.catalog.family_results(family_id)
    if not recs:
        return "\n*No benchmark results for this family are in the atlas yet.*\n"
    order = {v.id: i for i, v in enumerate(f.variants)}
    bench_name = {b: ctx.catalog.benchmarks[b].name for b in ctx.catalog.benchmarks}
    recs = sorted(recs, key=lambda rec: (bench_name[rec.result.benchmark].lower(), rec.result.metric, setting_sort(rec), order[rec.result.model], rec.source))
    rows = []
    for rec in recs:
        r = rec.result
        m = metric_of(ctx, rec)
        rows.append([
            ctx.link("benchmark", r.benchmark),
            esc(ctx.catalog.variants[r.model].name),
            esc(ctx.catalog.setting_label(rec.setting)),
            esc(m.name + (f" ({m.unit})" if m.unit else "")),
            result_value(ctx, rec),
            result_source(ctx, rec),
        ])
    return table(["Benchmark", "Variant", "Setting", "Metric", "Value", "Source"], rows, numeric=(4,))

def family_sources(ctx: Ctx, family_id: str) -> list[tuple[str, str]]:
    f: S.Family = ctx.entity("family", family_id)
    pairs = cited_sources(f)
    for v in f.variants:
        pairs += cited_sources(v)
    pairs += [(rec.source, rec.result.locator) for rec in ctx.catalog.family_results(family_id)]
    for did in f.training_data:  # the sizes shown in the training-data table
        d = ctx.catalog.datasets[did]
        c = size_citation(d)
        if c is not None:
            pairs.append((c.source, c.locator))
    return pairs

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
