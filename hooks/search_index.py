"""MkDocs hook: after Material's search plugin has written its index, build the lunr index
once (atlas/searchindex.py) so the browser loads it instead of building it on every page.

A hook rather than part of macros.py: the search index is not the data layer, and the plain
Markdown baseline of ``python -m atlas bench`` gets the same search. Builders that do not run
hooks (Zensical) use their own search and never load the atlas worker's index.
"""

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from atlas.searchindex import write_index  # noqa: E402


@event_priority(
    -50
)  # after the search plugin (0), before the offline plugin inlines the index (-100)
def on_post_build(config, **kwargs):
    write_index(Path(config["site_dir"]))
