"""mkdocs-macros adapter: registers the atlas renderers, nothing else.

The catalog is loaded and validated once per build (``define_env`` runs once
per build); the renderers are pure functions in ``atlas.render``.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # mkdocs-macros does not put the project on the import path
    sys.path.insert(0, str(ROOT))

from atlas.export import write_exports  # noqa: E402
from atlas.load import load_catalog  # noqa: E402
from atlas.pages import check_pages  # noqa: E402
from atlas.render import MACROS  # noqa: E402
from atlas.gitdates import last_changed  # noqa: E402
from atlas.render.pages import Ctx, Site  # noqa: E402


def define_env(env):
    catalog = load_catalog(ROOT)
    check_pages(catalog, Path(env.conf["docs_dir"]))
    env.variables["atlas_catalog"] = catalog
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

    for name, fn in MACROS.items():
        register(name, fn)


def on_post_build(env):
    write_exports(env.variables["atlas_catalog"], Path(env.conf["site_dir"]), env.conf["use_directory_urls"])
