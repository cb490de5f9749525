"""The data layer on the second core: loading the catalog, rendering pages and the exports, in
a forked helper.

MkDocs builds on one thread. Nothing the data layer does (importing and checking the
catalog, calling the renderers for each page, writing api/ and llms.txt) depends on MkDocs,
so a process forked from the build at configuration time does it while MkDocs loads its
search dictionaries and converts Markdown, which is most of a build (``python -m atlas
bench``). The build process takes each page's Markdown from the helper instead of calling
the renderers itself, and loads the catalog only if it has to render something itself.

Nothing changes in what is built, and nothing fails more quietly:

* If the helper cannot load the catalog, it says so first, and the build loads the catalog
  itself, which raises the real error (``ready()``, called before any page is read).
* The helper renders only the pages ``direct.plan`` accepts, from the same source MkDocs
  reads, and the build takes a page from it only if the page's source (hashed) and URL are
  the ones the helper used. Otherwise the build renders the page itself, as before.
* A page whose macros raise in the helper is rendered again by the build, so the error is
  raised (and reported by mkdocs-macros) exactly where it would be without the helper.
* Exports go to a temporary folder and are moved into the site after the build; if the
  helper could not write them, the build writes them itself (raising the real error).
* If the helper dies or goes silent, every remaining page is rendered by the build.

``Build`` is one build's side of all this: the catalog, loaded on first use, and the
helper. The helper runs when ``atlas.parallel.enabled()`` (``ATLAS_PARALLEL=0`` turns it
off; so do one CPU and systems that do not start processes by fork).
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from .. import parallel
from . import NAMES
from .direct import DirectTemplate, plan

#: How long the build waits for the helper's next message before rendering by itself.
PATIENCE_S = 120.0


def _digest(source: str) -> bytes:
    return hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def doc_pages(docs_dir: Path) -> list[str]:
    """Markdown files under docs_dir as src_uris, in the order MkDocs lists them (folders
    sorted, index.md and README.md first in each): the order the build asks for pages."""
    out = []
    for folder, dirnames, filenames in os.walk(docs_dir, followlinks=True):
        dirnames.sort()
        rel = Path(folder).relative_to(docs_dir).as_posix()
        prefix = "" if rel == "." else rel + "/"
        for name in sorted(filenames, key=lambda n: (n not in ("index.md", "README.md"), n)):
            if name.endswith(".md"):
                out.append(prefix + name)
    return out


def page_source(path: Path) -> str:
    """A page's Markdown as mkdocs-macros receives it: read as MkDocs reads it, front matter off."""
    from mkdocs.utils import meta  # imported by start() before the fork; the library itself needs no MkDocs

    with open(path, encoding="utf-8-sig", errors="strict") as f:
        return meta.get_data(f.read())[0]


#: What the helper needs once the catalog is loaded: the macros bound to a page (src_uri, url),
#: and a function writing the exports into a folder.
Prepared = tuple[Callable[[str, str], Mapping], Callable[[Path], None]]


def _work(conn, builds_end, docs_dir: Path, page_url: Callable[[str], str], prepare: Callable[[], Prepared], names, out: Path) -> None:
    builds_end.close()  # so that a send fails, rather than waits forever, once the build is gone
    gc.disable()  # a short-lived process making strings: nothing for the collector to find
    # So that the catalog's load may fork its second half (parallel.in_halves). multiprocessing
    # refuses children to a daemon process so that none outlives it; in_halves joins its own,
    # and one whose parent was stopped ends when it finds nobody to send its half to.
    multiprocessing.current_process().daemon = False
    try:
        try:
            bind, export = prepare()
        except Exception:  # the build loads the catalog itself and raises the error there
            conn.send(("data", False))
            return
        conn.send(("data", True))
        pages = doc_pages(docs_dir)
        conn.send(("pages", pages))
        for src_uri in pages:
            try:
                source = page_source(docs_dir / src_uri)
                parts = plan(source, names)
                url = page_url(src_uri)
                text = None if parts is None else DirectTemplate(parts, bind(src_uri, url)).render()
                conn.send(("page", src_uri, url, _digest(source), text))
            except Exception:  # the build renders this page itself and raises the error there
                conn.send(("page", src_uri, None, None, None))
        try:
            export(out)
            conn.send(("exports", True))
        except Exception:  # the build writes the exports itself and raises the error there
            conn.send(("exports", False))
    except (BrokenPipeError, EOFError, OSError):
        pass  # the build has ended or given up on us
    finally:
        conn.close()


class RenderAhead:
    """The build's side of the helper process."""

    def __init__(self, docs_dir: Path, page_url: Callable[[str], str], prepare: Callable[[], Prepared], names):
        context = parallel.context()
        self._conn, child = context.Pipe(duplex=False)
        self._out = Path(tempfile.mkdtemp(prefix="atlas-exports-"))
        weakref.finalize(self, shutil.rmtree, str(self._out), True)  # also if the build dies first
        self._process = context.Process(target=_work, args=(child, self._conn, Path(docs_dir), page_url, prepare, names, self._out), daemon=True, name="atlas-render-ahead")
        self._process.start()
        child.close()
        self._data: bool | None = None
        self._pages: set[str] | None = None
        self._ready: dict[str, tuple] = {}
        self._exports: tuple | None = None
        self._open = True
        self.taken = 0  # pages the build took from the helper (for tests and the bench)

    def _receive(self) -> tuple | None:
        if not self._open:
            return None
        try:
            if not self._conn.poll(PATIENCE_S):
                raise EOFError("no message from the helper")
            message = self._conn.recv()
        except (EOFError, OSError):
            self._open = False
            return None
        if message[0] == "data":
            self._data = message[1]
        elif message[0] == "pages":
            self._pages = set(message[1])
        elif message[0] == "page":
            self._ready[message[1]] = message
        else:
            self._exports = message
        return message

    def _wait(self, until: Callable[[], bool]) -> None:
        """Receive the helper's messages until ``until()`` holds or the helper has gone."""
        while not until() and self._receive() is not None:
            pass

    def ready(self) -> bool:
        """Whether the helper loaded the catalog (waiting for it to say). If not, the build must
        load it to raise the error, and render every page itself."""
        self._wait(lambda: self._data is not None)
        return bool(self._data)

    def take(self, src_uri: str, url: str, source: str) -> str | None:
        """The page's rendered Markdown, or None if the build must render it."""
        self._wait(lambda: self._pages is not None)
        if self._pages is None or src_uri not in self._pages:
            return None
        self._wait(lambda: src_uri in self._ready)
        message = self._ready.pop(src_uri, None)
        if message is None or message[4] is None or message[2] != url or message[3] != _digest(source):
            return None
        self.taken += 1
        return message[4]

    def finish(self, site_dir: Path) -> bool:
        """Move the helper's exports into the site. False if the build must write them."""
        self._wait(lambda: self._exports is not None)
        self._ready.clear()
        written = self._exports is not None and self._exports[1]
        try:
            if written:
                for path in sorted(p for p in self._out.rglob("*") if p.is_file()):
                    target = site_dir / path.relative_to(self._out)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(str(path), str(target))
        finally:
            self.close()
        return bool(written)

    def close(self) -> None:
        """Stop the helper (a build that failed, or `mkdocs serve` starting the next build)."""
        self._open = False
        self._conn.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        shutil.rmtree(self._out, ignore_errors=True)


class Rendered:
    """A page the helper has rendered, in the shape of the template mkdocs-macros renders."""

    def __init__(self, text: str):
        self.text = text

    def render(self, *args, **variables) -> str:
        return self.text


def start(conf: Mapping, load: Callable[[], tuple]) -> RenderAhead | None:
    """The helper for one build of the site configured by ``conf`` (MkDocs' config), or None
    when parallel work is off. ``load()`` returns the catalog and the ``pages.Site`` (it is
    called in the helper)."""
    if not parallel.enabled():
        return None
    from mkdocs.structure.files import File
    from mkdocs.utils import meta  # noqa: F401  (for page_source in the helper: imported before the fork)

    docs_dir, site_dir, directory_urls = conf["docs_dir"], conf["site_dir"], conf["use_directory_urls"]

    def page_url(src_uri: str) -> str:
        url = File(src_uri, docs_dir, site_dir, directory_urls).url
        return "" if url in (".", "./") else url  # as mkdocs.structure.pages.Page.url

    def prepare() -> Prepared:
        from ..export import write_exports
        from . import bound_macros

        catalog, site = load()
        return partial(bound_macros, catalog, site=site), partial(write_exports, catalog, directory_urls=directory_urls)

    return RenderAhead(Path(docs_dir), page_url, prepare, NAMES.keys())


@contextmanager
def data_errors() -> Iterator[None]:
    """The data's errors as MkDocs reports a plugin's: the message (file:line and all), without
    a Python traceback that would bury it. For the adapters (macros.py, hooks/atlas_data.py)."""
    from ..errors import CatalogError

    try:
        yield
    except CatalogError as error:
        from mkdocs.exceptions import PluginError

        raise PluginError(str(error)) from None


class Build:
    """One build of the site: its catalog and site settings, loaded and checked on first use
    (in the helper process, and in the build process only if it must), and its helper.

    ``conf`` is MkDocs' configuration (docs_dir, site_dir, use_directory_urls, site_url and
    extra.repo_url / extra.edit_branch are read); ``root`` holds data/.
    """

    def __init__(self, conf: Mapping, root: Path):
        self.conf, self.root = conf, Path(root)
        self._loaded: tuple | None = None
        self.helper: RenderAhead | None = None

    def start(self) -> None:
        """Start the helper; without one (parallel work off), load now, so that the data's
        errors are raised at configuration time."""
        self.helper = start(self.conf, self.load)
        if self.helper is None:
            self.load()

    @property
    def loaded(self) -> bool:
        return self._loaded is not None

    def load(self) -> tuple:
        """The catalog and the ``pages.Site``; raises the data's errors."""
        if self._loaded is None:
            from ..gitdates import last_changed
            from ..load import load_catalog
            from ..pages import check_pages
            from .pages import Site

            catalog = load_catalog(self.root)
            check_pages(catalog, Path(self.conf["docs_dir"]))
            extra = self.conf["extra"]
            site = Site(
                repo_url=extra.get("repo_url") or "",
                branch=extra.get("edit_branch") or "main",
                site_url=self.conf.get("site_url") or "",
                changed=last_changed(self.root),
            )
            self._loaded = (catalog, site)
            # The catalog lives for the whole build: keep the garbage collector from walking it
            # again at every full collection while MkDocs renders pages (one 1,000-family build:
            # 65.7 s without, 60.5 s with; single runs on a noisy machine). finish() unfreezes
            # it, so that `mkdocs serve` can free the catalog of the previous build.
            gc.freeze()
        return self._loaded

    def ready(self) -> None:
        """Raises the data's errors unless the catalog has loaded (in the helper or here). Runs
        before any page is read (hooks/atlas_data.py), so an error names a data file, not a page."""
        if not self.loaded and not (self.helper is not None and self.helper.ready()):
            self.load()

    def finish(self, site_dir: Path) -> str | None:
        """Put the exports into the built site (the helper's, or written here) and stop the
        helper. Returns what the helper did, for the build's log."""
        helper, self.helper = self.helper, None
        exported = helper is not None and helper.finish(site_dir)
        if not exported:
            from ..export import write_exports

            write_exports(self.load()[0], site_dir, self.conf["use_directory_urls"])
        gc.unfreeze()
        if helper is None:
            return None
        return (f"the helper process rendered {helper.taken} pages{' and the exports' if exported else ''}; "
                f"the build process {'loaded' if self.loaded else 'did not load'} the catalog")

    def close(self) -> None:
        """Stop the helper (a build that failed, or `mkdocs serve` starting the next build)."""
        if self.helper is not None:
            self.helper.close()
            self.helper = None
        if self.loaded:
            gc.unfreeze()  # a build that failed before finish(): let its catalog go
