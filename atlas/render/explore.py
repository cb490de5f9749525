"""The views people compare with: the table of every model (sortable, filterable) and the compare page.

Both are rendered at build time as HTML; a small vendored-free script (docs/assets/javascripts/
atlas.js) filters rows and fills the comparison from data embedded in the page, so they work
served or opened from disk, and load nothing from another host.
"""

from __future__ import annotations

import json

from ..load import Catalog
from .charts import score_points
from .context import Ctx
from .facts import LICENSE_CLASSES, access_text
from .md import esc, fmt_count

PARAM_STEPS = [(10**8, "100M"), (10**9, "1B"), (10**10, "10B"), (10**11, "100B"), (10**12, "1T")]


def _year(date: str) -> str:
    return date[:4]


def headline(catalog: Catalog) -> dict[str, tuple[float, str]]:
    """Variant -> its MMLU 5-shot score and where it comes from (own paper preferred)."""
    return (
        {
            p.id: (rec.result.value, f"{catalog.source_labels[rec.source]}, {rec.result.locator}")
            for p, rec in score_points(catalog, "mmlu", 5)
        }
        if "mmlu" in catalog.benchmarks
        else {}
    )


def _options(ctx: Ctx, name: str, label: str, values: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in values)
    anyone = esc(ctx.t("any"))
    return f'<label>{esc(ctx.t(label))} <select name="{name}"><option value="">{anyone}</option>{opts}</select></label>'


def model_table(
    ctx: Ctx,
) -> str:  # long: the filter form and every cell of a row, kept side by side
    """Every variant, with filters whose state lives in the URL (?org=...&access=...)."""
    cat = ctx.catalog
    scores = headline(cat)
    unknown, no_score = ctx.t("not reported"), ctx.t("no 5-shot MMLU result in the atlas")
    rows = []
    orgs, years, licenses, archs, benches = set(), set(), set(), set(), set()
    for f in sorted(cat.families.values(), key=lambda f: (f.release_date, f.name.lower())):
        org_names = ", ".join(cat.organizations[o].name for o in f.organizations)
        for v in f.variants:
            date = v.release_date or f.release_date
            results = {rec.result.benchmark for rec in cat.results_by_variant.get(v.id, ())}
            orgs.update(f.organizations)
            years.add(_year(date))
            lic_id = v.license or f.license
            lic = cat.licenses[lic_id] if lic_id else None
            gated = f.gated if v.gated is None else v.gated
            licenses.add(lic_id or "")
            archs.add(f.architecture or "")
            benches.update(results)
            params = fmt_count(v.parameters) if v.parameters else "–"
            if v.active_parameters:
                params += ctx.t(" ({value} active)", value=fmt_count(v.active_parameters))
            score = scores.get(v.id)
            attrs = {
                "data-org": " ".join(f.organizations),
                "data-year": _year(date),
                "data-access": f.access or "unknown",
                "data-license": lic_id or "",
                "data-lclass": lic.license_class if lic else "",
                "data-arch": f.architecture or "",
                "data-params": str(v.parameters or ""),
                "data-bench": " ".join(sorted(results)),
            }
            cells = [
                f'<td><a href="{esc(ctx.href("family", f.id))}">{esc(v.name)}</a></td>',
                f"<td>{esc(f.name)}</td>",
                f"<td>{esc(org_names)}</td>",
                f'<td data-sort="{esc(date)}">{esc(ctx.date(date))}</td>',
                f'<td data-sort="{v.active_parameters or v.parameters or 0}" title="{esc(f"{v.parameters:,}" if v.parameters else unknown)}">{esc(params)}</td>',
                f'<td data-sort="{v.training_tokens or 0}">{esc(fmt_count(v.training_tokens) if v.training_tokens else "–")}</td>',
                f'<td data-sort="{v.context_length or 0}">{esc(f"{v.context_length:,}" if v.context_length else "–")}</td>',
                f'<td title="{esc(lic.name) if lic else unknown}">{esc(lic.name if lic else "–")}</td>',
                f"<td>{access_text(ctx, f.access, False) or '–'}{esc(ctx.t(' (gated)')) if gated and f.access == 'open-weights' else ''}</td>",
                f"<td>{esc(ctx.t(f.architecture) if f.architecture else '–')}{' (MoE)' if f.mixture_of_experts or v.active_parameters else ''}</td>",
                f'<td data-sort="{score[0] if score else -1}" title="{esc(score[1]) if score else no_score}">{esc(f"{score[0]:g}") if score else "–"}</td>',
            ]
            rows.append(
                "<tr "
                + " ".join(f'{k}="{esc(val)}"' for k, val in attrs.items())
                + ">"
                + "".join(cells)
                + "</tr>"
            )
    form = (
        '<form class="atlas-filters" data-table="atlas-models" onsubmit="return false">'
        + _options(
            ctx,
            "org",
            "Organization",
            sorted(((o, cat.organizations[o].name) for o in orgs), key=lambda x: x[1].lower()),
        )
        + _options(ctx, "year", "Released in", [(y, y) for y in sorted(years)])
        + _options(
            ctx,
            "access",
            "Access",
            [
                (a, ctx.t(a.replace("-", " ")))
                for a in ("open-weights", "api-only", "closed", "unknown")
            ],
        )
        + _options(
            ctx, "lclass", "License class", [(k, ctx.t(t)) for k, t in LICENSE_CLASSES.items()]
        )
        + _options(
            ctx,
            "license",
            "License",
            sorted(
                ((lic, cat.licenses[lic].name) for lic in licenses if lic),
                key=lambda x: x[1].lower(),
            ),
        )
        + _options(ctx, "arch", "Architecture", [(a, ctx.t(a)) for a in sorted(archs) if a])
        + _options(ctx, "pmin", "Parameters at least", [(str(n), t) for n, t in PARAM_STEPS])
        + _options(ctx, "pmax", "at most", [(str(n), t) for n, t in PARAM_STEPS])
        + _options(
            ctx,
            "bench",
            "Has results on",
            sorted(((b, cat.benchmarks[b].name) for b in benches), key=lambda x: x[1].lower()),
        )
        + f'<button type="reset">{esc(ctx.t("Clear filters"))}</button> '
        + f'<output aria-live="polite" data-template="{esc(ctx.t("{shown} of {total} models"))}"></output></form>'
    )
    head = "".join(
        f"<th>{esc(ctx.t(h))}</th>"
        for h in (
            "Model",
            "Family",
            "Organization",
            "Released",
            "Parameters",
            "Training tokens",
            "Context length",
            "License",
            "Access",
            "Architecture",
            "MMLU 5-shot",
        )
    )
    return (
        f'\n{form}\n\n<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table id="atlas-models"><thead><tr>{head}</tr></thead><tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table></div></div>\n"
    )


def compare_data(catalog: Catalog, ctx: Ctx) -> dict:
    variants = {}
    for f in catalog.families.values():
        for v in f.variants:
            variants[v.id] = {
                "name": v.name,
                "family": f.name,
                "url": ctx.href("family", f.id),
                "organization": ", ".join(catalog.organizations[o].name for o in f.organizations),
                "released": ctx.date(v.release_date or f.release_date),
                "parameters": v.parameters,
                "active_parameters": v.active_parameters,
                "training_tokens": v.training_tokens,
                "context_length": v.context_length,
                "layers": v.layers,
                "d_model": v.d_model,
                "attention_heads": v.attention_heads,
                "license": catalog.licenses[v.license or f.license].name
                if (v.license or f.license)
                else None,
                "access": ctx.t(f.access.replace("-", " ")) if f.access else None,
                "architecture": ctx.t(f.architecture) if f.architecture else None,
            }
    results = []
    for rec in catalog.results:
        r = rec.result
        metric = next(m for m in catalog.benchmarks[r.benchmark].metrics if m.id == r.metric)
        results.append(
            [
                r.model,
                catalog.benchmarks[r.benchmark].name,
                catalog.setting_label(rec.setting),
                metric.name,
                r.value,
                f"{catalog.source_labels[rec.source]}, {r.locator}",
            ]
        )
    return {"variants": variants, "results": results}


def compare(ctx: Ctx) -> str:
    """Pick two to four models; their facts and the results they share (same benchmark and setting)."""
    data = json.dumps(compare_data(ctx.catalog, ctx), ensure_ascii=False, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    pickers = "".join(
        f'<label>{esc(ctx.t("Model {i}", i=i))} <select name="m"><option value="">–</option></select></label>'
        for i in range(1, 5)
    )
    words = json.dumps({k: ctx.t(k) for k in COMPARE_STRINGS}, ensure_ascii=False)
    words = words.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    choose = esc(ctx.t("Choose two to four models above."))
    return (
        f'\n<script type="application/json" id="atlas-compare-data">{data}</script>\n\n'
        f'<script type="application/json" id="atlas-strings">{words}</script>\n\n'
        f'<form class="atlas-compare" onsubmit="return false">{pickers}</form>\n\n'
        f'<div id="atlas-compare-out" aria-live="polite"><p>{choose}</p></div>\n'
    )


#: The words atlas.js writes on the compare page, in the page's language (atlas-strings).
COMPARE_STRINGS = (
    "Choose two to four models above.",
    "Family",
    "Organization",
    "Released",
    "Parameters",
    "Active parameters",
    "Training tokens",
    "Context length",
    "Layers",
    "d_model",
    "Attention heads",
    "License",
    "Access",
    "Architecture",
    "Facts",
    "Shared results",
    "These models share no benchmark result with the same setting.",
    "Benchmark · setting · metric",
    "Hover a value for its source and the place in it. Values from different sources are separated by a slash.",
)
