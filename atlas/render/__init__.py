"""Renderers: pure functions Catalog -> page text, one module per page kind.

``MACROS`` is what pages may call, by name. Each renderer takes a :class:`context.Ctx` (the
catalog and the page being rendered) first; ``macros.py`` binds it to the current page.
"""

from __future__ import annotations

from functools import partial

from . import (
    benchmark,
    charts,
    coverage,
    dataset,
    explore,
    family,
    furniture,
    indexes,
    method,
)
from .context import Ctx, Site

#: Every function a page may call, by name.
MACROS = {
    fn.__name__: fn
    for fn in (
        family.family_page,
        dataset.dataset_page,
        benchmark.benchmark_page,
        method.method_facts,
        method.reported_figures,
        furniture.lede,
        furniture.sources_list,
        furniture.page_meta,
        furniture.cite_block,
        furniture.download_link,
        indexes.models_index,
        indexes.datasets_index,
        indexes.benchmarks_index,
        indexes.methods_index,
        indexes.catalog_stats,
        coverage.coverage_report,
        charts.params_vs_tokens,
        charts.score_vs_compute,
        charts.release_timeline,
        charts.lineage,
        explore.model_table,
        explore.compare,
    )
}


def bound_macros(catalog, src_uri: str, url: str | None = None, site: Site | None = None) -> dict:
    """Every macro bound to the page ``src_uri`` at ``url`` (by default its directory URL), as
    the site's pages call them: for rendering pages outside MkDocs (tests, the bench)."""
    ctx = Ctx(catalog, src_uri, url, site or Site())
    return {name: partial(fn, ctx) for name, fn in MACROS.items()}
