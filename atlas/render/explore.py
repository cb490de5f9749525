"""The views people compare with: the table of every model and the compare page.

Their data is one script, ``assets/atlas-data.js``, written once per build (``page_data``) and
cached by the browser; the pages hold only their controls. A script file, not JSON fetched by
the page, so both work opened from disk (file://). docs/assets/javascripts/atlas.js draws them.
"""

from __future__ import annotations

import hashlib
import json

from .. import derive
from ..kinds import page_url
from ..load import Catalog
from .benchmark import boards
from .context import Ctx
from .facts import LICENSE_CLASSES
from .furniture import headline_settings
from .md import esc

#: The headline settings shown as columns of the model table.
COLUMNS = 5
DATA_FILE = "assets/atlas-data.js"
PARAM_STEPS = [(10**8, "100M"), (10**9, "1B"), (10**10, "10B"), (10**11, "100B"), (10**12, "1T")]
ACCESS = {"open-weights": "open weights", "api-only": "API only", "closed": "closed"}
_cache: dict[tuple, tuple] = {}


def _columns(catalog: Catalog) -> list[dict]:
    """The headline settings, each with every model's value there (as its leaderboard row shows it)."""
    out = []
    for bench, key in headline_settings(catalog)[:COLUMNS]:
        board = next((b for b in boards(catalog, bench) if b.setting == key), None)
        if board is None:
            continue
        b = catalog.benchmarks[bench]
        metric = next(m for m in b.metrics if m.id == key[4])
        values = {}
        for row in board.rows:
            r = row.results[0]
            values[row.model] = [
                r.result.value,
                f"{catalog.source_labels[r.source]}, {r.result.locator}",
            ]
        out.append(
            {
                "name": b.name,
                "setting": catalog.setting_label(key),
                "bench": bench,
                "higher": metric.higher_is_better,
                "values": values,
            }
        )
    return out


def _model(catalog: Catalog, f, v, du: bool) -> list:
    """One model as the table and the compare page read it (positions named in MODEL_FIELDS)."""
    lic = v.license or f.license
    gated = f.gated if v.gated is None else v.gated
    return [
        v.id,
        v.name,
        f.id,
        f.name,
        page_url("family", f.id, du) + "#" + v.id,
        list(f.organizations),
        v.release_date or f.release_date,
        v.parameters,
        v.active_parameters,
        v.training_tokens,
        v.context_length,
        derive.training_compute(v),
        lic,
        f.access,
        bool(gated),
        f.architecture,
        f.mixture_of_experts or bool(v.active_parameters),
        v.layers,
        v.d_model,
        v.attention_heads,
        list(v.aliases) + list(f.aliases),
        sorted({r.result.benchmark for r in catalog.results_by_variant.get(v.id, ())}),
    ]


MODEL_FIELDS = [
    "id",
    "name",
    "family",
    "familyName",
    "url",
    "orgs",
    "released",
    "params",
    "active",
    "tokens",
    "context",
    "compute",
    "license",
    "access",
    "gated",
    "arch",
    "moe",
    "layers",
    "dModel",
    "heads",
    "aliases",
    "benchmarks",
]


def _results(catalog: Catalog) -> dict:
    """Every result, with the labels it names stored once (the compare page)."""
    labels: dict[str, int] = {}

    def index(text: str) -> int:
        return labels.setdefault(text, len(labels))

    rows = []
    for rec in catalog.results:
        r = rec.result
        b = catalog.benchmarks[r.benchmark]
        metric = next(m for m in b.metrics if m.id == r.metric)
        setting = index(f"{b.name} · {catalog.setting_label(rec.setting)} · {metric.name}")
        rows.append(
            [
                r.model,
                setting,
                r.value,
                index(catalog.source_labels[rec.source]),
                index(r.locator),
                1 if metric.higher_is_better else 0,
            ]
        )
    return {"labels": list(labels), "rows": rows}


def page_data(catalog: Catalog, directory_urls: bool = True) -> tuple[str, str]:
    """The text of assets/atlas-data.js and its version (a hash of it). Computed once per build."""
    key = (id(catalog), directory_urls)
    cached = _cache.get(key)
    if cached is None or cached[0] is not catalog:
        models = [
            _model(catalog, f, v, directory_urls)
            for f in sorted(
                catalog.families.values(), key=lambda f: (f.release_date, f.name.lower())
            )
            for v in f.variants
        ]
        data = {
            "fields": MODEL_FIELDS,
            "models": models,
            "columns": _columns(catalog),
            "orgs": {oid: o.name for oid, o in catalog.organizations.items()},
            "licenses": {
                lid: [lic.name, lic.license_class] for lid, lic in catalog.licenses.items()
            },
            "licenseClasses": LICENSE_CLASSES,
            "benchmarks": {bid: b.name for bid, b in catalog.benchmarks.items()},
            "results": _results(catalog),
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
        body = f"self.ATLAS_DATA=JSON.parse({json.dumps(text, ensure_ascii=False)});\n".replace(
            "\u2028", "\\u2028"
        ).replace("\u2029", "\\u2029")
        cached = (catalog, body, hashlib.sha256(body.encode("utf-8")).hexdigest()[:12])
        _cache.clear()
        _cache[key] = cached
    return cached[1], cached[2]


#: Interface strings the script writes (docs/assets/javascripts/atlas.js), passed to it in this
#: page's language; "{n}"-style fields are filled in by the script.
JS_STRINGS = [
    "Model",
    "Organization",
    "Released",
    "Parameters",
    "Active parameters",
    "Training tokens",
    "Context length",
    "Training compute",
    "derived",
    "derived: 6 × parameters × tokens",
    "Sort by {column}",
    "License",
    "Access",
    "Architecture",
    "Family",
    "Layers",
    "d_model",
    "Attention heads",
    "{n} active",
    "gated",
    "open weights",
    "API only",
    "closed",
    "{shown} of {total} models",
    "No model matches all these filters.",
    "Without “{filter}”: {n} models.",
    "Without “{filter}”: 1 model.",
    "Clear “{filter}”",
    "Clear all filters",
    "Compare selected ({n})",
    "Select {name} to compare",
    "Up to four models can be compared.",
    "Facts",
    "Shared results",
    "Benchmark · setting · metric",
    "best",
    "These models share no benchmark result with the same setting.",
    "Choose two to four models above.",
    "Choose one more model to see the results they share.",
    "No model is called “{q}”.",
    "not reported",
]


def _script(ctx: Ctx) -> str:
    _, version = page_data(ctx.catalog, not ctx.url.endswith(".html"))
    return f'<script src="{esc(ctx.site_href(DATA_FILE))}?v={version}"></script>'


def _strings(ctx: Ctx) -> str:
    """The script's interface strings, as an attribute value."""
    return esc(json.dumps({k: ctx.t(k) for k in JS_STRINGS}, ensure_ascii=False))


def _options(ctx: Ctx, name: str, label: str, values: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in values)
    return (
        f'<label>{esc(ctx.t(label))} <select name="{name}">'
        f'<option value="">{esc(ctx.t("any"))}</option>{opts}</select></label>'
    )


def model_table(ctx: Ctx) -> str:
    """Every variant: filters, sorting and the selection live in the page's address."""
    cat = ctx.catalog
    orgs = sorted(
        {o for f in cat.families.values() for o in f.organizations},
        key=lambda o: cat.organizations[o].name.lower(),
    )
    years = sorted(
        {(v.release_date or f.release_date)[:4] for f in cat.families.values() for v in f.variants}
    )
    used = sorted(
        {lic for f in cat.families.values() for v in f.variants if (lic := v.license or f.license)},
        key=lambda x: cat.licenses[x].name.lower(),
    )
    archs = sorted({f.architecture for f in cat.families.values() if f.architecture})
    benches = sorted(
        {r.result.benchmark for r in cat.results}, key=lambda b: cat.benchmarks[b].name.lower()
    )
    access = [(a, ctx.t(t)) for a, t in ACCESS.items()]
    classes = [(k, ctx.t(t)) for k, t in LICENSE_CLASSES.items()]
    search = esc(ctx.t("name or alias"))
    form = (
        f'<details class="atlas-filters-box" open><summary>{esc(ctx.t("Filters"))}</summary>'
        '<form class="atlas-filters" onsubmit="return false">'
        f'<label>{esc(ctx.t("Name"))} <input type="search" name="name" placeholder="{search}"'
        ' autocomplete="off"></label>'
        + _options(ctx, "org", "Organization", [(o, cat.organizations[o].name) for o in orgs])
        + _options(ctx, "year", "Released in", [(y, y) for y in years])
        + _options(ctx, "access", "Access", access + [("unknown", ctx.t("not reported"))])
        + _options(ctx, "lclass", "License class", classes)
        + _options(ctx, "license", "License", [(lic, cat.licenses[lic].name) for lic in used])
        + _options(ctx, "arch", "Architecture", [(a, a) for a in archs])
        + _options(ctx, "pmin", "Parameters at least", [(str(n), t) for n, t in PARAM_STEPS])
        + _options(ctx, "pmax", "at most", [(str(n), t) for n, t in PARAM_STEPS])
        + _options(ctx, "bench", "Has results on", [(b, cat.benchmarks[b].name) for b in benches])
        + f'<button type="reset">{esc(ctx.t("Clear filters"))}</button>'
        + '<output aria-live="polite"></output>'
        + '<button type="button" class="atlas-compare-selected md-button" disabled>'
        + f"{esc(ctx.t('Compare selected ({n})', n=0))}</button></form></details>"
    )
    csv = esc(ctx.site_href("api/models.csv"))
    return (
        f"\n{_script(ctx)}\n\n{form}\n\n"
        f'<div class="atlas-explore atlas-wide" id="atlas-models"'
        f' data-compare="{esc(ctx.doc_href("compare.md"))}" data-strings="{_strings(ctx)}">'
        f"<noscript>{esc(ctx.t('This table needs JavaScript; the same data is in'))}"
        f' <a href="{csv}">models.csv</a>.</noscript></div>\n'
    )


def compare(ctx: Ctx) -> str:
    """Two to four models: their facts and the results they share (same benchmark and setting).

    Each picker is a text box whose list of matching names the script draws as you type."""
    pickers = "".join(
        f'<label>{esc(ctx.t("Model {i}", i=i))} <input type="text" name="m" role="combobox"'
        ' aria-autocomplete="list" aria-expanded="false" autocomplete="off" spellcheck="false"'
        f' placeholder="{esc(ctx.t("type a name or alias"))}"></label>'
        for i in range(1, 5)
    )
    return (
        f"\n{_script(ctx)}\n\n"
        f'<form class="atlas-compare" onsubmit="return false">{pickers}</form>\n\n'
        f'<div id="atlas-compare-out" class="atlas-wide" aria-live="polite"'
        f' data-strings="{_strings(ctx)}"><p>{esc(ctx.t("Choose two to four models above."))}</p>'
        "</div>\n"
    )
