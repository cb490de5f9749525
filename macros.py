"""mkdocs-macros adapter: registers the atlas renderers and writes the exports.

The catalog is loaded and validated once per build, and only where it is needed; the
renderers are pure functions in ``atlas.render``. Three build-speed measures live here
because they touch mkdocs-macros itself: a helper process forked at configuration time
loads the catalog and renders the pages and the exports on the second core while MkDocs
works (``atlas/render/ahead.py``), so the build process loads the catalog only if it has
something to render itself; pages made only of macro calls skip Jinja
(``on_pre_page_macros``); and a catalog loaded here is kept out of the garbage collector's
way while the pages are rendered.
"""
import gc
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # mkdocs-macros does not put the project on the import path
    sys.path.insert(0, str(ROOT))

from atlas import render  # noqa: E402  (imports the renderers and the schema on first use only)
from atlas.render import ahead  # noqa: E402
from atlas.render.direct import DirectTemplate, plan  # noqa: E402

log = logging.getLogger("mkdocs.plugins.atlas")


class Build:
    """One build's catalog and site settings, loaded and checked on first use (in the helper
    process, and in the build process only if it must), and its helper process."""

    def __init__(self, conf):
        self.conf = conf
        self._loaded = None
        self.helper = None

    @property
    def loaded(self) -> bool:
        return self._loaded is not None

    def load(self) -> tuple:
        """The catalog and the ``pages.Site``; raises the data's errors."""
        if self._loaded is None:
            from atlas.gitdates import last_changed
            from atlas.load import load_catalog
            from atlas.pages import check_pages
            from atlas.render.pages import Site

            catalog = load_catalog(ROOT)
            check_pages(catalog, Path(self.conf["docs_dir"]))
            extra = self.conf["extra"]
            site = Site(
                repo_url=extra.get("repo_url") or "",
                branch=extra.get("edit_branch") or "main",
                site_url=self.conf.get("site_url") or "",
                changed=last_changed(ROOT),
            )
            self._loaded = (catalog, site)
            # The catalog lives for the whole build: keep the garbage collector from walking it
            # again at every full collection while MkDocs renders pages (one 1,000-family build:
            # 65.7 s without, 60.5 s with; single runs on a noisy machine). Unfrozen after the
            # build, so that `mkdocs serve` can free the catalog of the previous build.
            gc.freeze()
        return self._loaded

    def ready(self) -> None:
        """Raises the data's errors unless the catalog has loaded (in the helper or here). Runs
        before any page is read (hooks/atlas_data.py), so an error names a data file, not a page."""
        if not self.loaded and not (self.helper is not None and self.helper.ready()):
            self.load()

    def close(self) -> None:
        if self.helper is not None:
            self.helper.close()
            self.helper = None


def define_env(env):
    previous = getattr(env, "atlas_build", None)
    if previous is not None:  # `mkdocs serve` is building again, or the last build failed
        previous.close()
    # Not in env.variables: mkdocs-macros serializes every variable to JSON for its debug log
    # at each build, which for the whole catalog cost seconds (a cProfile of a bench build).
    env.atlas_build = build = Build(env.conf)

    def register(name):
        def macro(*args):
            from atlas.render.pages import Ctx

            catalog, site = build.load()
            return render.macros()[name](Ctx(catalog, env.page.file.src_uri, env.page.url, site), *args)

        macro.__name__ = name
        env.macro(macro, name)
        env.atlas_macros[name] = macro

    env.atlas_macros = {}
    for name in render.NAMES:
        register(name)
    build.helper = ahead.start(env.conf, build.load)
    if build.helper is None:
        build.load()  # without a helper, the data's errors are raised here, at configuration time


def on_pre_page_macros(env):
    """Pages made only of text and atlas macro calls skip Jinja's compile (atlas/render/direct.py).

    Installed here because mkdocs-macros creates its Jinja environment after define_env.
    """
    env.atlas_build.ready()  # already done by hooks/atlas_data.py, unless a configuration lacks it
    jinja = env.env
    if getattr(jinja, "atlas_direct", False) or jinja.variable_start_string != "{{":
        return
    compile_template = jinja.from_string

    def from_string(source, *args, **kwargs):
        helper, page = env.atlas_build.helper, getattr(env, "page", None)
        if helper is not None and page is not None and isinstance(source, str):
            text = helper.take(page.file.src_uri, page.url, source)
            if text is not None:
                return ahead.Rendered(text)
        parts = plan(source, env.atlas_macros) if isinstance(source, str) else None
        return compile_template(source, *args, **kwargs) if parts is None else DirectTemplate(parts, env.atlas_macros)

    jinja.from_string = from_string
    jinja.atlas_direct = True


def on_post_build(env):
    build, site_dir = env.atlas_build, Path(env.conf["site_dir"])
    helper, build.helper = build.helper, None
    exported = helper is not None and helper.finish(site_dir)
    if not exported:
        from atlas.export import write_exports

        write_exports(build.load()[0], site_dir, env.conf["use_directory_urls"])
    if helper is not None:
        log.info(
            "atlas: the helper process rendered %d pages%s; the build process %s the catalog",
            helper.taken,
            " and the exports" if exported else "",
            "loaded" if build.loaded else "did not load",
        )
    gc.unfreeze()
