"""The link between entities and their pages: one page per entity, one entity per page."""
from __future__ import annotations

from pathlib import Path

from .errors import CatalogError, DataError
from .load import Catalog
from .render.pages import PAGE_DIRS


def check_pages(catalog: Catalog, docs_dir: Path) -> None:
    """Raise CatalogError unless every entity has its page and every entity page names an entity."""
    errors: list[DataError] = []
    stores = {"family": catalog.families, "dataset": catalog.datasets, "benchmark": catalog.benchmarks, "method": catalog.methods}
    for kind, folder in PAGE_DIRS.items():
        data_kind = "models" if kind == "family" else folder
        ids = set(stores[kind])
        pages = {p.stem for p in (docs_dir / folder).glob("*.md") if p.name != "index.md"}
        for missing in sorted(ids - pages):
            errors.append(DataError(catalog.files.get((data_kind, missing), f"data/{data_kind}/{missing}.yaml"), 1, "id", f"{kind} \"{missing}\" has no page: create docs/{folder}/{missing}.md (`python -m atlas pages` writes the standard one)"))
        for extra in sorted(pages - ids):
            errors.append(DataError(f"docs/{folder}/{extra}.md", 0, "", f"this page names no {kind}: there is no data/{data_kind}/{extra}.yaml"))
    if errors:
        raise CatalogError(errors)
