"""mkdocs-macros adapter: the atlas's data layer in a build, in order, in this one process.

- ``define_env`` (MkDocs' configuration step, before the site folder is touched): load and
  validate data/ once; a data error stops the build with its file:line and no traceback, and
  leaves the previous site folder as it was. Then register every renderer as a macro bound to
  the page being rendered.
- ``on_pre_page_macros``: pages made only of text and macro calls skip Jinja's compile
  (atlas/templating.py); a page whose macros fail is logged with its file and line, and
  shows the error instead of its content.
- ``on_post_build``: fail the build if a macro failed; write the exports and the data of the
  all-models and compare pages (assets/atlas-data.js) from the same catalog.

Macro errors do not stop the build at once: mkdocs-macros would call exit() (ending
``mkdocs serve``) and print a traceback. They are reported here, every time (MkDocs' own log
drops a message it has printed before), and fail the build at its end.
"""

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # mkdocs-macros does not put the project on the import path
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from atlas import htmlblocks  # noqa: E402
from atlas.checks import check_pages  # noqa: E402
from atlas.errors import CatalogError  # noqa: E402
from atlas.export import write_exports  # noqa: E402
from atlas.load import load_catalog  # noqa: E402
from atlas.render import MACROS  # noqa: E402
from atlas.render.context import Ctx, Site  # noqa: E402
from atlas.render.explore import DATA_FILE, page_data  # noqa: E402
from atlas.render.md import esc  # noqa: E402
from atlas.render.strings import edition_of  # noqa: E402
from atlas.templating import CallError, DirectTemplate, plan  # noqa: E402

log = logging.getLogger("mkdocs.plugins.atlas")


def define_env(env):
    project = Path(env.conf.config_file_path or ROOT / "mkdocs.yml").parent
    try:
        catalog = load_catalog(project)
        check_pages(catalog, Path(env.conf["docs_dir"]))
    except CatalogError as exc:
        log.error(str(exc))
        raise PluginError(
            f"the atlas data has {len(exc.errors)} error(s), listed above; nothing was built"
        ) from None
    env.atlas_catalog = catalog
    env.atlas_site = Site.from_config(env.conf, project)
    env.atlas_errors = []

    def register(name, fn):
        def macro(*args):
            page = env.page
            lang, src_uri = edition_of(page.file.src_uri)
            return fn(Ctx(catalog, src_uri, page.url, env.atlas_site, lang), *args)

        macro.__name__, macro.__doc__ = name, fn.__doc__
        env.macro(macro, name)

    for name, fn in MACROS.items():
        register(name, fn)


def on_pre_page_macros(env):
    """Installed here because mkdocs-macros creates its Jinja environment after define_env."""
    jinja = env.env
    if getattr(jinja, "atlas_direct", False):
        return
    compile_template = jinja.from_string

    def from_string(source, *args, **kwargs):
        parts = plan(source, env.macros) if isinstance(source, str) else None
        template = (
            compile_template(source, *args, **kwargs)
            if parts is None
            else DirectTemplate(parts, env.macros)
        )
        return Recorded(template, env, source)

    jinja.from_string = from_string
    jinja.atlas_direct = True


class Recorded:
    """A page template whose errors are logged with the page's file and line, and remembered.

    The page then says what failed instead of its content (`mkdocs serve` shows it), and
    on_post_build fails the build.
    """

    def __init__(self, template, env, source):
        self.template, self.env, self.source = template, env, source

    def render(self, *args, **variables):
        try:
            text = self.template.render(*args, **variables)
            return htmlblocks.hold(self.env.page.file.src_uri, text)
        except Exception as exc:
            page = self.env.page
            where = f"docs/{_source_of(page, self.env)}:{_page_line(page, self.source, exc)}"
            what = (
                f"{exc.call}: {exc.error}"
                if isinstance(exc, CallError)
                else f"{type(exc).__name__}: {exc}"
            )
            if f"{where}: {what}" not in self.env.atlas_errors:  # once, not once per edition
                log.error(f"{where}: {what}")
                self.env.atlas_errors.append(f"{where}: {what}")
            return f'# {esc(page.title or page.file.src_uri)}\n\n!!! failure "This page could not be built"\n\n    {esc(where)}: {esc(what)}\n'


def _source_of(page, env) -> str:
    """The file of docs/ a page is built from: a Chinese page without a text of its own
    (zh/models/llama.md) is built from the English one (models/llama.md)."""
    try:
        return Path(page.file.abs_src_path).relative_to(Path(env.conf["docs_dir"])).as_posix()
    except (TypeError, ValueError):
        return page.file.src_uri


def _page_line(page, source: str, exc: Exception) -> int:
    """The line in the page's file: the template's line plus the front matter's."""
    line = exc.line if isinstance(exc, CallError) else _template_line(exc)
    try:
        text = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
        offset = text[: len(text) - len(source)].count("\n") if text.endswith(source) else 0
    except (OSError, TypeError):
        offset = 0
    return line + offset


def _template_line(exc: Exception) -> int:
    """Jinja puts the template's line into the traceback of an error raised while rendering."""
    tb, line = exc.__traceback__, getattr(exc, "lineno", None) or 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def on_post_build(env):
    if env.atlas_errors:
        count = len(env.atlas_errors)
        raise PluginError(f"{count} macro call{'s' if count != 1 else ''} failed, listed above")
    site, directory_urls = Path(env.conf["site_dir"]), env.conf["use_directory_urls"]
    write_exports(env.atlas_catalog, site, directory_urls=directory_urls)
    text, _ = page_data(env.atlas_catalog, directory_urls)
    (site / DATA_FILE).parent.mkdir(parents=True, exist_ok=True)
    (site / DATA_FILE).write_text(text, encoding="utf-8")
