"""The link between entities and their pages: one page per entity, one entity per page."""

from __future__ import annotations

from pathlib import Path

from .errors import CatalogError, DataError
from .kinds import KINDS, data_path
from .load import Catalog
from .render.strings import translated_source


def check_pages(catalog: Catalog, docs_dir: Path) -> None:
    """Raise CatalogError unless every entity has its page and every entity page names an entity."""
    errors: list[DataError] = []
    for k in KINDS:
        ids = set(catalog.store(k.name))
        pages = {
            p.stem
            for p in (docs_dir / k.page_dir).glob("*.md")
            if p.name != "index.md" and translated_source(p.name) is None  # lora.zh.md
        }
        for missing in sorted(ids - pages):
            file = catalog.files.get((k.name, missing), data_path(k.name, missing))
            how = "`python -m atlas pages` writes the standard one"
            errors.append(
                DataError(
                    file,
                    1,
                    "id",
                    f'{k.label} "{missing}" has no page: create docs/{k.page_dir}/{missing}.md ({how})',
                )
            )
        for extra in sorted(pages - ids):
            errors.append(
                DataError(
                    f"docs/{k.page_dir}/{extra}.md",
                    0,
                    "",
                    f"this page names no {k.label}: there is no {data_path(k.name, extra)}",
                )
            )
    if errors:
        raise CatalogError(errors)
