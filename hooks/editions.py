"""MkDocs hook: the Chinese edition. Every page of docs/ is built a second time under zh/, in
the same build, from the same catalog.

- ``on_files``: ``docs/X.zh.md`` is the Chinese text of ``docs/X.md`` and becomes the page
  ``zh/X.md``; a page without one (entity pages: a title and a macro call) is built under
  ``zh/`` from its English source, and its macros render in Chinese (macros.py gives the page's
  ``Ctx`` the language of its path). Adding a page to docs/ adds it to both editions.
- ``on_nav``: the Chinese edition's navigation, the same as the English one with the titles
  of atlas/render/strings.py and the zh/ pages.
- ``on_page_context`` / ``on_post_page``: while a zh/ page is rendered, Material's language
  (its own interface strings and ``<html lang>``), the site's name, footer and palette labels
  are the Chinese ones, and the language switch (``extra.edition_links``, read by
  overrides/partials/alternate.html) links to the same page in the other edition; they are
  put back after each page.

Measured against mkdocs-static-i18n 1.3.1 (which runs a whole second build per language) on
the real catalog: as fast, but see README.md, "Chinese edition", for why not the plugin. The ``X.zh.md`` naming is that plugin's,
so a site could move to it (or to zensical-i18n) without renaming files.
"""

import sys
from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from atlas.render.strings import (  # noqa: E402
    EDITION_CONFIG,
    EDITIONS,
    LANGUAGE_NAMES,
    edition_of,
    text,
    translated_source,
)

_state = {"nav": {}, "original": {}}


def on_config(config):
    """The editions' folders, for the search worker's address (overrides/main.html)."""
    config.extra["editions"] = dict(EDITIONS)
    return config


def on_files(files, config):
    pages = list(files.documentation_pages())
    sources = {f.src_uri: f for f in pages}
    for f in pages:
        if translated_source(f.src_uri) is not None:
            files.remove(f)
    for f in pages:
        if translated_source(f.src_uri) is not None:
            continue
        for lang, prefix in EDITIONS.items():
            if not prefix:
                continue
            own = sources.get(f.src_uri[: -len(".md")] + f".{lang}.md", f)
            files.append(
                File.generated(
                    config,
                    prefix + f.src_uri,
                    abs_src_path=own.abs_src_path,
                    inclusion=InclusionLevel.NOT_IN_NAV,
                )
            )
    return files


def _mirror(items, lang, prefix, files, config):
    out = []
    for item in items:
        if isinstance(item, Page):
            page = Page(
                text(lang, item.title), files.get_file_from_path(prefix + item.file.src_uri), config
            )
            out.append(page)
        elif isinstance(item, Section):
            section = Section(
                text(lang, item.title), _mirror(item.children, lang, prefix, files, config)
            )
            for child in section.children:
                child.parent = section
            out.append(section)
        else:
            out.append(Link(item.title, item.url))
    return out


def _pages(items) -> list:
    out = []
    for item in items:
        if isinstance(item, Page):
            out.append(item)
        elif isinstance(item, Section):
            out += _pages(item.children)
    return out


def on_nav(nav, config, files):
    _state["nav"] = {"en": nav}
    for lang, prefix in EDITIONS.items():
        if prefix:
            items = _mirror(nav.items, lang, prefix, files, config)
            pages = _pages(items)
            edition = Navigation(items, pages)
            home = prefix + "index.md"
            edition.homepage = next((p for p in pages if p.file.src_uri == home), None)
            _state["nav"][lang] = edition
    return nav


def on_page_context(context, page, config, nav):
    lang, src = edition_of(page.file.src_uri)
    _state["original"] = {
        **{key: config[key] for key in EDITION_CONFIG},
        "language": config.theme["language"],
        "toggles": [dict(p.get("toggle") or {}) for p in config.theme["palette"]],
        "alternate": config.extra.get("alternate"),
    }
    config.extra["alternate"] = True  # shows the switch (overrides/partials/alternate.html)
    config.extra["edition_links"] = [
        {"name": LANGUAGE_NAMES[other], "lang": other, "link": _url(config, prefix + src)}
        for other, prefix in EDITIONS.items()
    ]
    if lang != "en":
        for key in EDITION_CONFIG:
            config[key] = text(lang, config[key])
        config.theme["language"] = lang
        for p in config.theme["palette"]:
            if "toggle" in p:
                p["toggle"]["name"] = text(lang, p["toggle"]["name"])
        context["nav"] = _state["nav"].get(lang, nav)
    return context


def _url(config, src_uri: str) -> str:
    """The URL of a page from the site root, in this build's URL style ("" for the home page)."""
    directory = config.use_directory_urls
    if src_uri == "index.md" or src_uri.endswith("/index.md"):
        base = src_uri[: -len("index.md")]
        return base or "./" if directory else src_uri[: -len(".md")] + ".html"
    return src_uri[: -len(".md")] + ("/" if directory else ".html")


def on_post_page(output, page, config):
    original = _state["original"]
    if original:
        for key in EDITION_CONFIG:
            config[key] = original[key]
        config.theme["language"] = original["language"]
        for p, toggle in zip(config.theme["palette"], original["toggles"]):
            if toggle:
                p["toggle"] = toggle
        if original["alternate"] is None:
            config.extra.pop("alternate", None)
        else:
            config.extra["alternate"] = original["alternate"]
    return output
