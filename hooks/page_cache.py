"""MkDocs hook: under `mkdocs serve`, a rebuild converts and renders only the pages whose text
changed; every other page is written again as the previous build wrote it.

A page's HTML is a function of its Markdown after the macros (with the HTML blocks they
emitted, atlas/htmlblocks.py), of its front matter, of the navigation, the configuration and
the theme. The last four come from files outside data/: while those files are unchanged
(``_environment``), a page whose macro output is unchanged gets its previous content, table of
contents, anchors and output back instead of Markdown and the theme's templates. A data edit
changes the macro output of exactly the pages that show it, so those are rebuilt. The catalog,
the exports and the search index are still made whole by every build.

`mkdocs build` never uses it (``on_startup`` says which command runs);
tests/site/test_page_cache.py checks that a rebuild equals a full build, byte for byte.

Python is loaded once per `mkdocs serve`: after an edit of the atlas's code (atlas/, hooks/,
macros.py) the server would go on running the old code, so the rebuild fails with a warning
that says to restart it.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from atlas import htmlblocks  # noqa: E402

log = logging.getLogger("mkdocs.plugins.atlas")

#: A template that renders nothing: a page taken from the cache gets its output in on_post_page.
CACHED_TEMPLATE = "atlas-page-cache.html"


@dataclass
class Entry:
    key: str
    content: str
    toc: object
    title: str | None
    anchors: set
    links: dict
    output: str = ""


# MkDocs loads a hook once per process, so this outlives the configuration of each rebuild.
_state: dict = {"serving": False, "environment": None, "pages": {}, "rendered": [], "code": None}


def on_startup(command, dirty):
    _state["serving"] = command == "serve"
    _state["pages"].clear()
    _state["code"] = None


def _code(config) -> dict[str, str]:
    """The atlas's Python files and a hash of each (an edit undone is no change)."""
    project = Path(config.config_file_path).parent
    files = [project / "macros.py", *(project / "hooks").glob("*.py")]
    files += (project / "atlas").rglob("*.py")
    return {
        f.relative_to(project).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in files
        if f.is_file()
    }


def _environment(config) -> str:
    """What a page's HTML depends on apart from data/ (which reaches it through the macros):
    the project's folder, and the size and time of each file of the configuration, docs/, the
    theme's custom_dir and every other folder `mkdocs serve` watches."""
    project = Path(config.config_file_path).parent
    roots = [Path(config.config_file_path), Path(config.docs_dir)]
    roots += [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    roots += [Path(w) for w in config.watch if Path(w).resolve() != (project / "data").resolve()]
    files = [p for root in roots for p in (sorted(root.rglob("*")) if root.is_dir() else [root])]
    stats = [(str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file()]
    return hashlib.sha256(repr([str(project), stats]).encode()).hexdigest()


def on_config(config):
    if _state["serving"]:
        code = _code(config)
        started = _state["code"] = _state["code"] or code
        changed = sorted(f for f in code.keys() | started.keys() if code.get(f) != started.get(f))
        if changed:
            log.warning(
                f"{', '.join(changed)} changed: mkdocs serve keeps the Python it started with;"
                " stop it and run ./run serve again to use the new code"
            )
        environment = _environment(config)
        if environment != _state["environment"]:
            _state["pages"].clear()
            _state["environment"] = environment
    _state["rendered"] = []
    return config


def on_env(env, config, files):
    if _state["serving"]:
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({CACHED_TEMPLATE: ""}), env.loader])
    return env


@event_priority(-100)  # after the macros plugin has rendered the page
def on_page_markdown(markdown, page, config, files):
    if not _state["serving"]:
        return markdown
    blocks = htmlblocks.held(page.file.src_uri)
    page.atlas_key = hashlib.sha256("\0".join([markdown, *blocks]).encode()).hexdigest()
    entry = _state["pages"].get(page.file.src_uri)
    if entry is not None and entry.key == page.atlas_key:
        page.render = types.MethodType(
            lambda self, config, files: _restore(self, entry, files), page
        )
        page.meta["template"] = CACHED_TEMPLATE
        page.atlas_entry, page.atlas_from_cache = entry, True
    else:
        _state["rendered"].append(page.file.src_uri)
    return markdown


def _restore(page, entry: Entry, files) -> None:
    """What Page.render would have set, from the previous build."""
    page.content, page.toc, page._title_from_render = entry.content, entry.toc, entry.title
    page.present_anchor_ids = set(entry.anchors)
    page.links_to_anchors = {
        target: dict(links)
        for uri, links in entry.links.items()
        if (target := files.get_file_from_path(uri)) is not None
    }


@event_priority(-100)  # after every other hook has changed the content
def on_page_content(html, page, config, files):
    if _state["serving"] and not getattr(page, "atlas_from_cache", False):
        page.atlas_entry = Entry(
            key=page.atlas_key,
            content=html,
            toc=page.toc,
            title=page._title_from_render,
            anchors=set(page.present_anchor_ids or ()),
            links={f.src_uri: dict(v) for f, v in (page.links_to_anchors or {}).items()},
        )
    return html


@event_priority(-100)  # the page's final output
def on_post_page(output, page, config):
    entry = getattr(page, "atlas_entry", None)
    if not _state["serving"] or entry is None:
        return output
    if getattr(page, "atlas_from_cache", False):
        return entry.output
    entry.output = output
    _state["pages"][page.file.src_uri] = entry
    return output
