"""Around every entity page: the lede, summaries, sources, edit links, the Cite block, downloads."""

from __future__ import annotations

from urllib.parse import quote

from ..kinds import data_path, page_path
from ..load import Catalog
from .cite import cited_sources, sources_block
from .context import Ctx, MacroError
from .md import esc, esc_block

#: How many benchmarks' primary settings count as the atlas's headline settings.
HEADLINES = 8
_headlines: dict[int, tuple] = {}


def headline_settings(catalog: Catalog) -> list[tuple[str, tuple]]:
    """The primary settings of the benchmarks with the most results in them: what a family's
    card shows and a results grid puts first. Computed once per catalog."""
    cached = _headlines.get(id(catalog))
    if cached is None or cached[0] is not catalog:
        counts = []
        for bid, b in catalog.benchmarks.items():
            if b.primary_setting:
                key = _primary_key(b.primary_setting)
                n = sum(1 for r in catalog.results_by_benchmark.get(bid, ()) if r.setting == key)
                counts.append((-n, b.name.lower(), bid, key))
        cached = (catalog, [(bid, key) for _, _, bid, key in sorted(counts)[:HEADLINES]])
        _headlines.clear()
        _headlines[id(catalog)] = cached
    return cached[1]


def _primary_key(p) -> tuple:
    from ..load.catalog import setting_key

    return setting_key(p)


def summary(ctx: Ctx, kind: str, entity_id: str) -> str:
    """The English and Chinese summaries of an entity."""
    s = ctx.entity(kind, entity_id).summary
    en = f'<div class="atlas-summary" lang="en">{{label}}{esc_block(s.en)}</div>\n'
    zh = f'<div class="atlas-summary" lang="zh-Hans">{{label}}{esc_block(s.zh)}</div>\n'
    label = '<p class="atlas-summary-label">{}</p>'
    if ctx.lang == "zh":  # the page's own language first, the other one labelled
        return "\n" + zh.format(label="") + "\n" + en.format(label=label.format("English"))
    return "\n" + en.format(label="") + "\n" + zh.format(label=label.format("中文"))


def lede(ctx: Ctx, kind: str, entity_id: str) -> str:
    """One line under the title: who made it, when, what it is, and the names it goes by.

    It is also what the search index keeps of an entity page (the sections below are left out).
    """
    e = ctx.entity(kind, entity_id)
    cat = ctx.catalog
    parts: list[str] = []
    if kind == "family":
        parts.append(", ".join(cat.organizations[o].name for o in e.organizations))
        parts.append(ctx.t("released {date}", date=ctx.date(e.release_date)))
        if e.architecture:
            moe = ctx.t(" mixture of experts") if e.mixture_of_experts else ""
            parts.append(ctx.t(e.architecture) + moe)
        parts.append(ctx.t("variants: {names}", names=", ".join(v.name for v in e.variants)))
    elif kind == "dataset":
        parts.append(ctx.t("{kind} dataset", kind=ctx.t(e.kind)))
        if e.creators:
            names = ", ".join(cat.organizations[o].name for o in e.creators)
            parts.append(ctx.t("by {names}", names=names))
    elif kind == "benchmark":
        parts.append(e.full_name or e.name)
        parts.append(e.measures)
    else:
        parts.append(e.full_name or ctx.t(e.kind))
    if e.aliases:
        aliases = e.aliases
        if ctx.lang == "zh":  # Chinese names first
            aliases = sorted(aliases, key=lambda a: not any("\u4e00" <= ch <= "\u9fff" for ch in a))
        parts.append(ctx.t("also known as {names}", names=", ".join(aliases)))
    return f'\n<p class="atlas-lede">{esc(" · ".join(p for p in parts if p))}</p>\n'


def sources_list(ctx: Ctx, kind: str, entity_id: str) -> str:
    """Every document the page of this entity cites, with the places cited."""
    if kind != "method":
        raise MacroError(
            f"sources_list is for method pages; a {kind} page lists its sources itself"
        )
    pairs = cited_sources(ctx.entity(kind, entity_id))
    return sources_block(ctx.catalog, pairs, ctx.t)


def downloads() -> tuple[str, ...]:
    """Every file the build writes besides the pages, by path from the site root."""
    from ..schema import SCHEMA_FILES

    return (
        "api/catalog.json",
        "api/models.csv",
        "api/results.csv",
        "api/sources.bib",
        "llms.txt",
        *(f"api/schema/{n}.schema.json" for n in SCHEMA_FILES),
    )


def download_link(ctx: Ctx, name: str) -> str:
    """A link to a file of the public export (written after the pages, so MkDocs cannot link it)."""
    if name not in downloads():
        raise MacroError(f'no download named "{name}"; the downloads are {", ".join(downloads())}')
    return f'<a href="{esc(ctx.site_href(name))}" download><code>{esc(name)}</code></a>'


def _data_files(ctx: Ctx, kind: str, entity_id: str) -> list[str]:
    """The data files whose content the page of this entity shows."""
    files = [ctx.catalog.files.get((kind, entity_id), data_path(kind, entity_id))]
    if kind == "family":
        files += sorted(
            {f"data/results/{rec.source}.yaml" for rec in ctx.catalog.family_results(entity_id)}
        )
    elif kind == "benchmark":
        files += sorted(
            {
                f"data/results/{rec.source}.yaml"
                for rec in ctx.catalog.results_by_benchmark.get(entity_id, ())
            }
        )
    return files


def page_meta(ctx: Ctx, kind: str, entity_id: str) -> str:
    """Edit this page, edit the data, report a wrong number, and when the data last changed."""
    entity = ctx.entity(kind, entity_id)
    files = _data_files(ctx, kind, entity_id)
    parts = []
    repo = ctx.site.repo_url.rstrip("/")
    if repo:
        base = f"{repo}/edit/{quote(ctx.site.branch)}"
        parts.append(
            f'<a href="{esc(base)}/docs/{esc(page_path(kind, entity_id))}">{esc(ctx.t("Edit this page"))}</a>'
        )
        parts.append(f'<a href="{esc(base)}/{esc(files[0])}">{esc(ctx.t("Edit the data"))}</a>')
        title = quote(f"Wrong number on {entity.name} ({page_path(kind, entity_id)})")
        parts.append(
            f'<a href="{esc(repo)}/issues/new?template=wrong-number.yml&amp;title={esc(title)}">{esc(ctx.t("Report a wrong number"))}</a>'
        )
    dates = [ctx.site.changed[f] for f in files if f in ctx.site.changed]
    if dates:
        parts.append(esc(ctx.t("Data last changed {date}", date=ctx.date(max(dates)))))
    parts.append(esc(ctx.t("Facts checked {date}", date=ctx.date(entity.checked))))
    return '\n<p class="atlas-page-meta">' + " · ".join(parts) + "</p>\n"


def cite_block(ctx: Ctx, kind: str, entity_id: str) -> str:
    """BibTeX for this page and for the entity's main document."""
    from ..bibtex import entry, page_entry

    entity = ctx.entity(kind, entity_id)
    text = page_entry(kind, entity, ctx.site.site_url + ctx.url)
    paper = getattr(entity, "paper", None)
    if paper:
        text += "\n" + entry(ctx.catalog.sources[paper])
    return f'\n<details class="atlas-cite"><summary>{esc(ctx.t("Cite"))}</summary><pre><code>{esc_pre(text)}</code></pre></details>\n'


def esc_pre(text: str) -> str:
    """Escape preformatted text for a raw HTML block (spaces and newlines kept)."""
    import html

    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")
