"""mkdocs-macros adapter: registers the atlas renderers and writes the exports.

The catalog is loaded and validated once per build, and only where it is needed
(``atlas.render.ahead.Build``); the renderers are pure functions in ``atlas.render``. Two
build-speed measures live here because they touch mkdocs-macros itself: a helper process
forked at configuration time loads the catalog and renders the pages and the exports on
the second core while MkDocs works (``atlas/render/ahead.py``), and pages made only of
macro calls skip Jinja (``on_pre_page_macros``).
"""
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


def define_env(env):
    previous = getattr(env, "atlas_build", None)
    if previous is not None:  # `mkdocs serve` is building again, or the last build failed
        previous.close()
    # Not in env.variables: mkdocs-macros serializes every variable to JSON for its debug log
    # at each build, which for the whole catalog cost seconds (a cProfile of a bench build).
    env.atlas_build = build = ahead.Build(env.conf, ROOT)

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
    with ahead.data_errors():
        build.start()  # without a helper, this loads the catalog


def on_pre_page_macros(env):
    """Pages made only of text and atlas macro calls skip Jinja's compile (atlas/render/direct.py).

    Installed here because mkdocs-macros creates its Jinja environment after define_env.
    """
    with ahead.data_errors():
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
    done = env.atlas_build.finish(Path(env.conf["site_dir"]))
    if done:
        log.info("atlas: %s", done)
