"""The page of a model family: the card, variants, results (its makers' and others'), derived
figures, training data, facts and sources. One call, ``family_page``, renders it all, so that
the page's citations are numbered once (notes.py)."""

from __future__ import annotations

from collections import defaultdict

from .. import schema as S
from ..load import ResultRecord
from .context import Ctx
from .facts import (
    access_text,
    facts_table,
    license_text,
    metric_of,
    org_names,
    result_cell,
    result_value,
    setting_columns,
    source_link,
    text_list,
)
from .furniture import cite_block, headline_settings, lede, page_meta, summary
from .md import count_html, esc, ext_link, fmt_count, fmt_exact, link, table
from .notes import Notes

REASONING = {
    "none": "no",
    "always": "always reasons before answering",
    "optional": "can be switched on or off",
}


def family_page(ctx: Ctx, family_id: str) -> str:
    """The whole page of a family, after its title."""
    f: S.Family = ctx.entity("family", family_id)
    notes = Notes(ctx.catalog, ctx.t)
    own = [r for r in ctx.catalog.family_results(family_id) if r.own]
    others = [r for r in ctx.catalog.family_results(family_id) if not r.own]
    sections = [
        lede(ctx, "family", family_id),
        card(ctx, f, own),
        ctx.heading("Summary", search=True),
        summary(ctx, "family", family_id),
        ctx.heading("Variants"),
        variants_table(ctx, f, notes),
        ctx.heading("Results reported by its makers"),
        results_grid(ctx, f, own, notes, "Its makers report no results that are in the atlas yet."),
        ctx.heading("Results reported by others"),
        results_grid(
            ctx, f, others, notes, "No one else's results for this family are in the atlas yet."
        ),
        ctx.heading("Derived figures"),
        derived_figures(ctx, family_id),
        ctx.heading("Training data"),
        training_data(ctx, f, notes),
        ctx.heading("Facts"),
        page_meta(ctx, "family", family_id),
        family_facts(ctx, f, notes),
        ctx.heading("Sources"),
        notes.block(),
        cite_block(ctx, "family", family_id),
    ]
    return "\n".join(sections)


def _span(values: list[int]) -> str:
    lo, hi = min(values), max(values)
    return fmt_count(hi) if lo == hi else f"{fmt_count(lo)}–{fmt_count(hi)}"


def card(ctx: Ctx, f: S.Family, own: list[ResultRecord]) -> str:
    """The first screen: what it is, how big, how good, and where to go next."""
    sizes = [v.parameters for v in f.variants if v.parameters]
    tokens = [v.training_tokens for v in f.variants if v.training_tokens]
    contexts = [v.context_length for v in f.variants if v.context_length]
    n = len(f.variants)
    items = [
        ("Made by", org_names(ctx, f.organizations)),
        ("Released", esc(ctx.date(f.release_date))),
        (
            "Sizes",
            (esc(ctx.t("{value} parameters", value=_span(sizes))) + " · " if sizes else "")
            + esc(ctx.t("{n} variants", n=n) if n != 1 else ctx.t("1 variant")),
        ),
        ("Trained on", esc(ctx.t("{value} tokens", value=_span(tokens))) if tokens else ""),
        (
            "Context",
            esc(ctx.t("{value} tokens", value=fmt_exact(max(contexts)))) if contexts else "",
        ),
        (
            "Architecture",
            esc(ctx.t(f.architecture) if f.architecture else "")
            + (" (MoE)" if f.mixture_of_experts else ""),
        ),
        (
            "License and access",
            " · ".join(
                x
                for x in (
                    license_text(ctx, f.license, short=True),
                    access_text(ctx, f.access, f.gated, short=True),
                )
                if x
            ),
        ),
        (
            "Input → output",
            esc(_modalities(ctx, f.modalities)) if f.modalities else "",
        ),
        ("Reasoning", esc(ctx.t(REASONING[f.reasoning])) if f.reasoning else ""),
    ]
    dl = "".join(f"<div><dt>{esc(ctx.t(k))}</dt><dd>{v}</dd></div>" for k, v in items if v)
    return f'\n<div class="atlas-card">\n<dl>{dl}</dl>\n{_headlines(ctx, own)}{_card_links(ctx, f)}</div>\n'


def _headlines(ctx: Ctx, own: list[ResultRecord]) -> str:
    """The makers' best value on up to four of the atlas's headline settings."""
    shown = []
    for bench, key in headline_settings(ctx.catalog):
        recs = [r for r in own if r.result.benchmark == bench and r.setting == key]
        if not recs:
            continue
        m = metric_of(ctx, recs[0])
        best = sorted(
            recs, key=lambda r: -r.result.value if m.higher_is_better else r.result.value
        )[0]
        label = f"{ctx.catalog.benchmarks[bench].name} <span>{esc(ctx.catalog.setting_label(key))}</span>"
        value = f"<strong>{result_value(ctx, best)}</strong> {esc(ctx.catalog.variants[best.result.model].name)}"
        shown.append(f'<li><a href="#results-reported-by-its-makers">{label}</a> {value}</li>')
        if len(shown) == 4:
            break
    if not shown:
        return ""
    title = esc(ctx.t("Headline results (its makers' own)"))
    return f'<p class="atlas-card-title">{title}</p><ul class="atlas-headlines">{"".join(shown)}</ul>\n'


def _card_links(ctx: Ctx, f: S.Family) -> str:
    links = []
    if f.paper:
        links.append(ext_link(ctx.t("Paper"), ctx.catalog.sources[f.paper].url))
    if f.code:
        links.append(ext_link(ctx.t("Code"), f.code))
    if f.weights:
        links.append(ext_link(ctx.t("Weights"), f.weights))
    ids = "&".join(f"m={v.id}" for v in f.variants[:4])
    links.append(link(ctx.t("Compare these models"), ctx.doc_href("compare.md") + f"?{ids}"))
    return '<p class="atlas-card-links">' + " · ".join(links) + "</p>\n"


def variants_table(ctx: Ctx, f: S.Family, notes: Notes) -> str:
    moe = any(v.active_parameters for v in f.variants)
    own_license = any(v.license and v.license != f.license for v in f.variants)
    hf = any(v.hf_repo for v in f.variants)
    columns = [("parameters", "Parameters", True)] + (
        [("active_parameters", "Active parameters", True)] if moe else []
    )
    columns += [
        ("training_tokens", "Training tokens", True),
        ("context_length", "Context length", False),
        ("layers", "Layers", False),
        ("d_model", "d_model", False),
        ("attention_heads", "Attention heads", False),
    ]
    headers = [ctx.t("Variant")] + [ctx.t(label) for _, label, _ in columns]
    headers += ([ctx.t("License")] if own_license else []) + (
        [ctx.t("Weights on Hugging Face")] if hf else []
    )
    rows = []
    compare = ctx.doc_href("compare.md")
    for v in f.variants:
        row = [
            f'<span id="{esc(v.id)}">{esc(v.name)}</span>'
            + ("<sup>*</sup>" if v.note else "")
            + f' <a class="atlas-row-compare" href="{esc(compare)}?m={esc(v.id)}">'
            + f"{esc(ctx.t('compare'))}</a>"
        ]
        for name, label, short in columns:
            value = getattr(v, name)
            if value is None:
                row.append(ctx.unknown)
                continue
            shown = count_html(value, ctx.t(label).lower()) if short else esc(fmt_exact(value))
            fmt = (lambda x: esc(fmt_count(int(x)))) if short else (lambda x: esc(fmt_exact(x)))
            row.append(notes.value(v, name, shown, fmt))
        if own_license:
            row.append(
                (license_text(ctx, v.license, short=True) + notes.field(v, "license"))
                if v.license
                else license_text(ctx, f.license, short=True)
            )
        if hf:
            row.append(
                ext_link(v.hf_repo, f"https://huggingface.co/{v.hf_repo}") if v.hf_repo else ""
            )
        rows.append(row)
    notes_list = "".join(
        f"<li><sup>*</sup> {esc(v.name)}: {esc(v.note)}</li>" for v in f.variants if v.note
    )
    below = f'<ul class="atlas-variant-notes">{notes_list}</ul>\n' if notes_list else ""
    return table(headers, rows, numeric=range(1, len(columns) + 1), sticky=True) + below


def results_grid(ctx: Ctx, f: S.Family, recs: list[ResultRecord], notes: Notes, empty: str) -> str:
    """Variants × benchmark settings; a cell's other documents open from its ≠ or = marker.

    The longer side runs down the page: a family with more settings than variants (OPT's
    makers report 145 settings for 9 variants) gets a row per setting and a column per variant,
    so the grid grows downwards instead of thousands of pixels to the right."""
    if not recs:
        return f"\n*{esc(ctx.t(empty))}*\n"
    order = {v.id: i for i, v in enumerate(f.variants)}
    columns = setting_columns(ctx, recs)
    cells: dict[tuple, list[ResultRecord]] = defaultdict(list)
    for r in recs:
        cells[(r.result.model, r.result.benchmark, r.setting)].append(r)
    variants = sorted({r.result.model for r in recs}, key=order.__getitem__)
    names = [link(ctx.catalog.variants[vid].name, f"#{vid}") for vid in variants]

    def cell(vid: str, bench: str, key: tuple) -> str:
        found = cells.get((vid, bench, key))
        return result_cell(ctx, found, notes) if found else ""

    if len(columns) > len(variants):
        headers = [ctx.t("Benchmark")] + names
        rows = [[head] + [cell(vid, b, k) for vid in variants] for b, k, head in columns]
    else:
        headers = [ctx.t("Variant")] + [head for _, _, head in columns]
        rows = [
            [name] + [cell(vid, b, k) for b, k, _ in columns] for vid, name in zip(variants, names)
        ]
    return table(headers, rows, numeric=range(1, len(headers)), sticky=True)


def training_data(ctx: Ctx, f: S.Family, notes: Notes) -> str:
    if not f.training_data:
        return f"\n*{esc(ctx.t('The cited sources do not name the training data.'))}*\n"
    from .dataset import dataset_size

    rows = []
    for did in f.training_data:
        d = ctx.catalog.datasets[did]
        rows.append(
            [
                ctx.link("dataset", did),
                esc(ctx.t(d.kind)),
                dataset_size(ctx, d, notes),
                text_list(d.languages),
            ]
        )
    headers = [ctx.t("Dataset"), ctx.t("Kind"), ctx.t("Size (whole dataset)"), ctx.t("Languages")]
    return (
        table(headers, rows)
        + f"\n{esc(ctx.t('Source of this list'))}: {notes.field(f, 'training_data')}\n"
    )


def family_facts(ctx: Ctx, f: S.Family, notes: Notes) -> str:
    children = ctx.catalog.family_children.get(f.id, ())

    def fact(name: str, shown: str) -> str:
        return shown + notes.field(f, name) if shown else ""

    rows = [
        ("Organization", fact("organizations", org_names(ctx, f.organizations))),
        ("Released", fact("release_date", esc(ctx.date(f.release_date)))),
        ("Paper", source_link(ctx, f.paper)),
        ("Code", fact("code", ext_link(f.code, f.code)) if f.code else ""),
        ("Weights", fact("weights", ext_link(f.weights, f.weights)) if f.weights else ""),
        ("License of the weights", fact("license", license_text(ctx, f.license))),
        (
            "License of the code",
            fact("code_license", license_text(ctx, f.code_license)) if f.code_license else "",
        ),
        (
            "Access",
            fact("access", access_text(ctx, f.access, f.gated)) if f.access else ctx.unknown,
        ),
        (
            "Input and output",
            fact(
                "modalities",
                esc(_modalities(ctx, f.modalities)),
            )
            if f.modalities
            else "",
        ),
        ("Knowledge cutoff", fact("knowledge_cutoff", esc(f.knowledge_cutoff or ""))),
        (
            "Reasoning mode",
            fact("reasoning", esc(ctx.t(REASONING[f.reasoning]))) if f.reasoning else "",
        ),
        (
            "Architecture",
            fact(
                "architecture",
                esc(
                    ctx.t(f.architecture)
                    + (ctx.t(" (mixture of experts)") if f.mixture_of_experts else "")
                ),
            )
            if f.architecture
            else ctx.unknown,
        ),
        ("Training objective", fact("objective", esc(f.objective or ""))),
        ("Tokenizer", fact("tokenizer", esc(f.tokenizer or ""))),
        ("Languages", fact("languages", text_list(f.languages))),
        (
            "Derived from",
            fact("derived_from", ", ".join(ctx.link("family", p) for p in f.derived_from)),
        ),
        ("Models derived from it", ", ".join(ctx.link("family", c) for c in children)),
        ("Also known as", text_list(f.aliases)),
        ("Facts last checked", esc(ctx.date(f.checked))),
    ]
    return facts_table(ctx, rows)


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


DERIVED = (
    ("Training compute", "Compute (FLOPs)"),
    ("Training tokens per parameter", "Tokens per parameter"),
    ("Weights in memory at 16 bits", "Weights 16-bit"),
    ("Weights in memory at 4 bits", "Weights 4-bit"),
    ("Full fine-tuning (Adam, mixed precision)", "Full fine-tuning"),
    ("LoRA fine-tuning (16-bit frozen base)", "LoRA"),
    ("QLoRA fine-tuning (4-bit frozen base)", "QLoRA"),
)


DERIVED_NOTE = (
    "Derived, not reported: computed from the parameters and training tokens above with the "
    "formulas of {guide} (compute ≈ 6 × parameters × tokens, active parameters for "
    "mixture-of-experts; Chinchilla's compute-optimal ratio is about 20 tokens per parameter; "
    "memory for weights and optimizer state only)."
)


def _modalities(ctx: Ctx, m: S.Modalities) -> str:
    return ", ".join(ctx.t(x) for x in m.input) + " → " + ", ".join(ctx.t(x) for x in m.output)


def derived_figures(ctx: Ctx, family_id: str) -> str:
    """Compute, tokens per parameter and memory, derived from each variant's stored facts."""
    from ..derive import figures

    f: S.Family = ctx.entity("family", family_id)
    rows = []
    for v in f.variants:
        figs = {fig.label: fig for fig in figures(v)}
        if not figs:
            continue
        row = [link(v.name, f"#{v.id}")]
        for label, _ in DERIVED:
            fig = figs.get(label)
            if fig is None:
                row.append(ctx.unknown)
            elif fig.unit == "FLOPs":
                row.append(esc(fmt_flops(fig.value)))
            elif fig.unit == "bytes":
                row.append(esc(fmt_bytes(fig.value)))
            else:
                row.append(esc(f"{fig.value:.1f}"))
        rows.append(row)
    if not rows:
        return f"\n*{esc(ctx.t('No variant has the parameter count these figures need.'))}*\n"
    guide = (
        ctx.link("method", "derived-figures")
        if "derived-figures" in ctx.catalog.methods
        else esc(ctx.t("the Derived figures guide"))
    )
    before, _, after = ctx.t(DERIVED_NOTE).partition("{guide}")
    note = "\n*" + esc(before) + guide + esc(after) + "*\n"
    return note + table(
        [ctx.t("Variant")] + [ctx.t(short) for _, short in DERIVED],
        rows,
        numeric=range(1, len(DERIVED) + 1),
        sticky=True,
    )
