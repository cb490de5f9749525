"""The page being rendered, and every URL and link helper.

A renderer gets a :class:`Ctx`: the catalog, the page's source path and URL (so that links are
relative to it, in either of MkDocs' URL styles) and facts about the site.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown.extensions.toc import slugify

from .. import kinds
from ..load import Catalog
from ..load.files import suggest
from .md import link
from .strings import EDITIONS, format_date, text

# Pages link to the same few hundred pages over and over; relpath itself is slow.
_relpath = functools.lru_cache(maxsize=1 << 16)(posixpath.relpath)

UNKNOWN_TIP = "not reported in the cited sources"
UNKNOWN = f'<span class="atlas-unknown" title="{UNKNOWN_TIP}">–</span>'


class MacroError(LookupError):
    """A page asked for something the catalog does not have; the message says what."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Site:
    """Facts about the site and its repository, gathered once per build."""

    repo_url: str = ""  # e.g. https://github.com/owner/atlas; no edit links without it
    branch: str = "main"
    site_url: str = ""
    changed: Mapping[str, str] = field(default_factory=dict)  # repo path -> date of last commit

    @classmethod
    def from_config(cls, conf: Mapping[str, Any], root: Path) -> Site:
        """From MkDocs' configuration (site_url, extra.repo_url, extra.edit_branch) and git."""
        from ..gitdates import last_changed

        extra = conf.get("extra") or {}
        return cls(
            repo_url=extra.get("repo_url") or "",
            branch=extra.get("edit_branch") or "main",
            site_url=conf.get("site_url") or "",
            changed=last_changed(root),
        )


def directory_url(src_uri: str) -> str:
    """The URL MkDocs gives the page ``src_uri`` with directory URLs ("" for the home page)."""
    if src_uri == "index.md":
        return ""
    if src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    return src_uri[: -len(".md")] + "/"


@dataclass(frozen=True)
class Ctx:
    catalog: Catalog
    page: str = "index.md"  # source path of the page being rendered, relative to docs/ (its
    # English source: "models/llama.md" on the Chinese page zh/models/llama.md too)
    url: str | None = (
        None  # its URL from the site root: "models/llama/" (default) or "models/llama.html"
    )
    site: Site = Site()
    lang: str = "en"

    def t(self, key: str, **values) -> str:
        """An interface string in this page's language (atlas/render/strings.py), not escaped."""
        return text(self.lang, key, **values)

    @property
    def unknown(self) -> str:
        """The mark of a value the cited sources do not report (a dash with a tooltip)."""
        return UNKNOWN.replace(UNKNOWN_TIP, self.t(UNKNOWN_TIP))

    def heading(self, key: str, search: bool = False) -> str:
        """A section heading in this page's language with the English heading's anchor, so a
        link such as #variants works in both editions (Chinese text has no slug of its own).
        ``search``: the section is indexed (most sections are tables, left out of search)."""
        attrs = f"#{slugify(key, '-')}" + ("" if search else " data-search-exclude")
        return f"## {self.t(key)} {{ {attrs} }}\n"

    @property
    def root(self) -> str:
        """Where this page's edition lives from the site root: "" (English) or "zh/"."""
        return EDITIONS[self.lang]

    def date(self, value: str | None) -> str:
        """An ISO date as a reader of this page's language writes it (not escaped):
        2023-02-24 / 2023-02 / 2023, or 2023年2月24日 / 2023年2月 / 2023年."""
        return format_date(self.lang, value)

    def __post_init__(self):
        if self.url is None:
            object.__setattr__(self, "url", directory_url(self.page))

    def entity(self, kind_name: str, entity_id: str) -> Any:
        """The entity a page names; a clear error (with a suggestion) for an unknown id."""
        try:
            store = self.catalog.store(kind_name)
        except LookupError as exc:
            raise MacroError(str(exc)) from None
        if entity_id not in store:
            label = kinds.kind(kind_name).label
            raise MacroError(
                f'no {label} with id "{entity_id}" in the catalog{suggest(str(entity_id), store)}'
            )
        return store[entity_id]

    def link(self, kind_name: str, entity_id: str, label: str | None = None) -> str:
        entity = self.entity(kind_name, entity_id)
        return link(label or entity.name, self.href(kind_name, entity_id))

    def href(self, kind_name: str, entity_id: str, anchor: str = "") -> str:
        """A relative URL from this page to an entity page, in this build's URL style (not escaped)."""
        files = self.url.endswith(".html")
        target = self.root + kinds.page_url(kind_name, entity_id, directory_urls=not files)
        base = posixpath.dirname(self.url) if files else self.url.rstrip("/")
        rel = _relpath(target, base or ".") + ("" if files else "/")
        return rel + (f"#{anchor}" if anchor else "")

    def doc_href(self, src_uri: str) -> str:
        """A relative URL from this page to another page of docs/ (``compare.md``)."""
        files = self.url.endswith(".html")
        src_uri = self.root + src_uri
        target = src_uri[: -len(".md")] + ".html" if files else directory_url(src_uri)
        base = posixpath.dirname(self.url) if files else self.url.rstrip("/")
        rel = _relpath(target or ".", base or ".")
        return rel + ("/" if not files and not rel.endswith("/") and target else "")

    def site_href(self, path: str) -> str:
        """A relative URL from this page to a file of the built site (``api/catalog.json``),
        which both editions share."""
        base = self.url if self.url.endswith("/") else posixpath.dirname(self.url)
        return _relpath(path, base.rstrip("/") or ".")
