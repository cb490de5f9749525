"""MkDocs hook: put the HTML blocks that macros.py held out of Markdown back into each page
(atlas/htmlblocks.py), before the search plugin and the theme read the page."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from atlas import htmlblocks  # noqa: E402


def on_page_content(html, page, **kwargs):
    return htmlblocks.restore(page.file.src_uri, html)
