"""Renderers: Catalog -> Markdown. ``MACROS`` is what pages can call.

The renderer modules (and the schema they use) are imported the first time ``MACROS`` is
read, not with this package: a build whose pages the helper process renders
(``ahead.py``) never needs them in the build process itself.
"""
from __future__ import annotations

#: Every function a page may call, by name, and the module here that defines it.
NAMES = {
    **dict.fromkeys(
        (
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
        ),
        "pages",
    ),
    **dict.fromkeys(("params_vs_tokens", "score_vs_compute", "release_timeline", "lineage"), "charts"),
    **dict.fromkeys(("model_table", "compare"), "explore"),
}


def macros() -> dict:
    """Every function a page may call, by name (``MACROS``). Each takes a ``pages.Ctx`` first."""
    found = globals().get("MACROS")
    if found is None:
        from importlib import import_module

        found = {macro: getattr(import_module(f"{__name__}.{module}"), macro) for macro, module in NAMES.items()}
        globals()["MACROS"] = found
    return found


def __getattr__(name: str):
    if name == "MACROS":  # imported on first use (PEP 562)
        return macros()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    return {name: partial(fn, ctx) for name, fn in macros().items()}
