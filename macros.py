"""mkdocs-macros adapter: registers the atlas renderers and writes the exports.

The catalog is loaded and validated once per build (``define_env`` runs once
per build); the renderers are pure functions in ``atlas.render``. Three build-speed
measures live here because they touch mkdocs-macros itself: pages made only of macro
calls skip Jinja (``on_pre_page_macros``), a helper process renders those pages and the
exports on the second core while MkDocs converts Markdown (``atlas/render/ahead.py``),
and the catalog is kept out of the garbage collector's way while the pages are rendered.
"""
import gc
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # mkdocs-macros does not put the project on the import path
    sys.path.insert(0, str(ROOT))

from atlas.export import write_exports  # noqa: E402
from atlas.load import load_catalog  # noqa: E402
from atlas.pages import check_pages  # noqa: E402
from atlas.render import MACROS, ahead  # noqa: E402
from atlas.render.direct import DirectTemplate, plan  # noqa: E402
from atlas.gitdates import last_changed  # noqa: E402
from atlas.render.pages import Ctx, Site  # noqa: E402

log = logging.getLogger("mkdocs.plugins.atlas")


def define_env(env):
    _stop_helper(env)
    catalog = load_catalog(ROOT)
    check_pages(catalog, Path(env.conf["docs_dir"]))
    # Not in env.variables: mkdocs-macros serializes every variable to JSON for its debug log
    # at each build, which for the whole catalog cost seconds (python -m atlas bench profile).
    env.atlas_catalog = catalog
    site = Site(
        repo_url=env.conf["extra"].get("repo_url") or "",
        branch=env.conf["extra"].get("edit_branch") or "main",
        site_url=env.conf.get("site_url") or "",
        changed=last_changed(ROOT),
    )

    def register(name, fn):
        def macro(*args):
            return fn(Ctx(catalog, env.page.file.src_uri, env.page.url, site), *args)

        macro.__name__, macro.__doc__ = name, fn.__doc__
        env.macro(macro, name)
        env.atlas_macros[name] = macro

    env.atlas_macros = {}
    for name, fn in MACROS.items():
        register(name, fn)
    # The catalog lives for the whole build: keep the garbage collector from walking it again at
    # every full collection while MkDocs renders pages (one 1,000-family build: 65.7 s without,
    # 60.5 s with; single runs on a noisy machine). Unfrozen after the build, so that
    # `mkdocs serve` can free the catalog of the previous build.
    gc.freeze()
    env.atlas_ahead = ahead.start(env.conf, catalog, site)


def _stop_helper(env):
    helper = getattr(env, "atlas_ahead", None)
    if helper is not None:  # `mkdocs serve` is building again, or the last build failed
        helper.close()
        env.atlas_ahead = None


def on_pre_page_macros(env):
    """Pages made only of text and atlas macro calls skip Jinja's compile (atlas/render/direct.py).

    Installed here because mkdocs-macros creates its Jinja environment after define_env.
    """
    jinja = env.env
    if getattr(jinja, "atlas_direct", False) or jinja.variable_start_string != "{{":
        return
    compile_template = jinja.from_string

    def from_string(source, *args, **kwargs):
        helper, page = getattr(env, "atlas_ahead", None), getattr(env, "page", None)
        if helper is not None and page is not None and isinstance(source, str):
            text = helper.take(page.file.src_uri, page.url, source)
            if text is not None:
                return ahead.Rendered(text)
        parts = plan(source, env.atlas_macros) if isinstance(source, str) else None
        return compile_template(source, *args, **kwargs) if parts is None else DirectTemplate(parts, env.atlas_macros)

    jinja.from_string = from_string
    jinja.atlas_direct = True


def on_post_build(env):
    helper, site_dir = getattr(env, "atlas_ahead", None), Path(env.conf["site_dir"])
    env.atlas_ahead = None
    exported = helper is not None and helper.finish(site_dir)
    if helper is not None:
        log.info("atlas: the helper process rendered %d pages%s", helper.taken, " and the exports" if exported else "")
    if not exported:
        write_exports(env.atlas_catalog, site_dir, env.conf["use_directory_urls"])
    gc.unfreeze()
