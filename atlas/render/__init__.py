"""Renderers: Catalog -> Markdown. ``MACROS`` is what pages can call."""
from __future__ import annotations

from . import charts, explore, pages

#: Every function a page may call, by name. Each takes a ``pages.Ctx`` first.
MACROS = {
    name: getattr(pages, name)
    for name in (
        "family_facts",
        "variants_table",
        "training_data",
        "family_results",
        "summary",
        "sources_list",
        "dataset_facts",
        "dataset_users",
        "benchmark_facts",
        "leaderboard",
        "method_facts",
        "reported_figures",
        "models_index",
        "datasets_index",
        "benchmarks_index",
        "methods_index",
        "catalog_stats",
        "download_link",
        "page_meta",
        "cite_block",
        "coverage_report",
        "derived_figures",
        "lede",
    )
}
MACROS.update({name: getattr(charts, name) for name in ("params_vs_tokens", "score_vs_compute", "release_timeline", "lineage")})
MACROS.update({name: getattr(explore, name) for name in ("model_table", "compare")})


def directory_url(src_uri: str) -> str:
    """The URL MkDocs gives the page ``src_uri`` with directory URLs ("" for the home page)."""
    if src_uri == "index.md":
        return ""
    if src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    return src_uri[: -len(".md")] + "/"


def bound_macros(catalog, src_uri: str, url: str | None = None, site=None) -> dict:
    """Every macro bound to the page ``src_uri`` at ``url`` (by default its directory URL),
    the way the site's pages call them: for rendering pages outside MkDocs's own rendering
    (the helper process, the bench, tests)."""
    from functools import partial

    from .pages import Ctx, Site

    ctx = Ctx(catalog, src_uri, directory_url(src_uri) if url is None else url, site if site is not None else Site())
    return {name: partial(fn, ctx) for name, fn in MACROS.items()}
