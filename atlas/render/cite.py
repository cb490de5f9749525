"""Citations: how a source is named in a table, and the sources list of a page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import schema as S
from ..load import Catalog
from .md import esc, url
from .strings import text


def anchor(source_id: str) -> str:
    return f"src-{source_id}"


def label(catalog: Catalog, source_id: str) -> str:
    """Short name of a source for tables: 'Touvron et al. 2023a' (unique in the catalog)."""
    return catalog.source_labels[source_id]


def cite_md(
    catalog: Catalog,
    source_id: str,
    locator: str | None = None,
    *,
    estimate: str | None = None,
    note: str | None = None,
    t: Any = None,
) -> str:
    """``<a href="#src-touvron2023llama">Touvron et al. 2023</a>, Table 2``; estimates say so."""
    out = f'<a href="#{anchor(source_id)}">{esc(label(catalog, source_id))}</a>'
    if locator:
        out += f", {esc(locator)}"
    if estimate:
        shown = (t or _en)("(estimate: {value})", value=estimate)
        out += f' <span class="atlas-estimate" title="{esc(estimate)}">{esc(shown)}</span>'
    if note:
        out += f' <span class="atlas-note">({esc(note)})</span>'
    return out


def citation_md(catalog: Catalog, c: S.Citation | None, t: Any = None) -> str:
    if c is None:
        return ""
    return cite_md(catalog, c.source, c.locator, estimate=c.estimate, note=c.note, t=t)


def _en(key: str, **values) -> str:
    return text("en", key, **values)


def cited_sources(obj: Any) -> list[tuple[str, str]]:
    """(source id, locator) pairs an entity cites, in the order they appear."""
    out: list[tuple[str, str]] = []
    if getattr(obj, "paper", None):
        out.append((obj.paper, ""))
    cite = getattr(obj, "cite", None)
    if cite is not None:
        for name in type(cite).model_fields:
            c = getattr(cite, name)
            if c is not None:
                out.append((c.source, c.locator))
    for alt in getattr(obj, "also_reported", []):
        out.append((alt.source, alt.locator))
    for rep in getattr(obj, "reported", []):
        out.append((rep.source, rep.locator))
    return out


def sources_block(catalog: Catalog, pairs: Iterable[tuple[str, str]], t: Any = None) -> str:
    """The numbered list of documents a page cites, each with the places cited.
    ``t``: the page's interface strings (Ctx.t; English without one)."""
    t = t or _en
    order: dict[str, list[str]] = {}
    for source_id, locator in pairs:
        places = order.setdefault(source_id, [])
        if locator and locator not in places:
            places.append(locator)
    if not order:
        return f"\n*{esc(t('This page cites no sources.'))}*\n"
    items = []
    for source_id, places in order.items():
        src = catalog.sources[source_id]
        parts = [f'<a href="{esc(url(src.url))}">{esc(src.title)}</a>']
        if src.authors:
            parts.append(esc(src.authors))
        meta = [esc(t(src.kind.replace("-", " "))), str(src.year)]
        if src.venue:
            meta.insert(1, esc(src.venue))
        if src.arxiv:
            meta.append(f"arXiv:{esc(src.arxiv)}")
        parts.append(", ".join(meta))
        text = ". ".join(p.rstrip(".") for p in parts) + "."
        if places:
            cited = t("Cited for: {places}.", places="; ".join(places))
            text += f' <span class="atlas-cited-for">{esc(cited)}</span>'
        items.append(f'<li id="{anchor(source_id)}">{text}</li>')
    return '\n<ol class="atlas-sources">\n' + "\n".join(items) + "\n</ol>\n"
