"""MkDocs hook: the atlas's search (atlas/searchindex.py), one unit with its worker.

- ``on_config``: point Material's search box at the atlas worker
  (docs/assets/javascripts/search-worker.js; overrides/main.html reads the flag). A builder
  that does not run hooks (Zensical) never sets it and keeps its own search and worker.
- ``on_page_markdown``: keep Material's search plugin from parsing the HTML of family, dataset
  and benchmark pages, in both editions (big tables, nothing to search but what the catalog
  holds); their documents come from the catalog.
- ``on_post_build``: after the search plugin has written its documents, write the documents
  of both editions and their prebuilt, packed index.

The catalog is the one the macros plugin loaded (macros.py). Without it (the plain Markdown
baseline of ``python -m atlas bench``) every page is Material's document, as parsed.
"""

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from atlas import kinds  # noqa: E402
from atlas.render.strings import edition_of  # noqa: E402
from atlas.searchindex import write_index  # noqa: E402

#: Entity kinds whose pages are one macro call: their search document is the catalog's.
FROM_CATALOG = ("family", "dataset", "benchmark")


def on_config(config, **kwargs):
    config.extra["atlas_search_worker"] = True
    return config


def _catalog(config):
    macros = config.plugins.get("macros")
    return getattr(macros, "atlas_catalog", None)


def on_page_markdown(markdown, page, config, **kwargs):
    catalog = _catalog(config)
    folder, _, name = edition_of(page.file.src_uri)[1].rpartition("/")
    for kind_name in FROM_CATALOG:
        kind = kinds.kind(kind_name)
        if catalog is not None and folder == kind.page_dir:
            if name.removesuffix(".md") in getattr(catalog, kind.field):
                page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


@event_priority(
    -50
)  # after the search plugin (0), before the offline plugin inlines the index (-100)
def on_post_build(config, **kwargs):
    search = config.plugins.get("material/search") or config.plugins.get("search")
    user_dict = getattr(search, "config", {}).get("jieba_dict_user") if search else None
    write_index(
        Path(config["site_dir"]),
        _catalog(config),
        directory_urls=config["use_directory_urls"],
        user_dict=user_dict,
    )
