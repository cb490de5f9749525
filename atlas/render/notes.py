"""Citations as footnote markers: a cell holds a value, its source is one tap away.

One ``Notes`` per page numbers each place cited (document, locator, note, estimate) once, in
the order of first use. A value carries ``<a class="fn" href="#n3">3</a>``; the numbered
list at the bottom says which document and where, and links to the document itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import schema as S
from ..load import Catalog
from .cite import anchor
from .md import esc, url
from .strings import text


def text_en(key: str, **values) -> str:
    return text("en", key, **values)


class Notes:
    def __init__(self, catalog: Catalog, t: Callable[..., str] = text_en):
        self.catalog = catalog
        self.t = t  # the page's interface strings (Ctx.t)
        self.numbers: dict[tuple, int] = {}

    def mark(
        self, source: str, locator: str | None, note: str | None = None, estimate: str | None = None
    ) -> str:
        """The marker of one place cited, numbered on first use."""
        key = (source, locator or "", note or "", estimate or "")
        number = self.numbers.setdefault(key, len(self.numbers) + 1)
        return f'<a class="fn" href="#n{number}">{number}</a>'

    def cite(self, c: S.Citation | None) -> str:
        return self.mark(c.source, c.locator, c.note, c.estimate) if c is not None else ""

    def field(self, obj: Any, name: str) -> str:
        """The marker of a sourced field: its own citation, else the entity's default one."""
        return self.cite(getattr(obj.cite, name, None) or obj.cite.default)

    def value(self, obj: Any, name: str, shown: str, fmt: Callable[[Any], str]) -> str:
        """A sourced value with its marker and, where other sources disagree, a marker that
        opens their values (a <details>: a tap, not a hover)."""
        out = shown + self.field(obj, name)
        alts = [a for a in getattr(obj, "also_reported", []) if a.field == name]
        if alts:
            values = [
                fmt(int(a.value) if float(a.value).is_integer() else a.value)
                + (f" {esc(a.unit)}" if a.unit else "")
                for a in alts
            ]
            items = "".join(
                f"<li>{v}{self.mark(a.source, a.locator, a.note)}</li>"
                for v, a in zip(values, alts)
            )
            out += alternatives(
                self,
                values[0] if len(values) == 1 else self.t("{n} values", n=len(values)),
                items,
                differ=True,
            )
        return out

    def block(self) -> str:
        """The numbered notes, then the documents they name."""
        if not self.numbers:
            return f"\n*{esc(self.t('This page cites no sources.'))}*\n"
        notes, documents = [], {}
        for (source, locator, note, estimate), number in self.numbers.items():
            documents.setdefault(source, None)
            text = f'<a href="#{anchor(source)}">{esc(self.catalog.source_labels[source])}</a>'
            text += "".join(f", {esc(x)}" for x in (locator,) if x)
            if note:
                text += f' <span class="atlas-note">({esc(note)})</span>'
            if estimate:
                shown = self.t("(estimate: {value})", value=estimate)
                text += f' <span class="atlas-estimate">{esc(shown)}</span>'
            notes.append(f'<li id="n{number}" value="{number}">{text}</li>')
        docs = [_document(self, sid) for sid in documents]
        return (
            '\n<ol class="atlas-notes">\n' + "\n".join(notes) + "\n</ol>\n\n"
            '<ul class="atlas-sources">\n' + "\n".join(docs) + "\n</ul>\n"
        )


def alternatives(page: Any, summary: str, items: str, differ: bool) -> str:
    """A marker that opens other documents' values: "≠ 7B" (they differ) or "+1" (they agree).
    ``page``: anything with the page's ``t`` (a Ctx or a Notes)."""
    mark = f"≠ {summary}" if differ else f"+{summary}"
    tip = esc(
        page.t(
            "other sources report other values" if differ else "other sources report the same value"
        )
    )
    return f'<details class="atlas-alt"><summary title="{tip}">{mark}</summary><ul>{items}</ul></details>'


def _document(notes: Notes, source_id: str) -> str:
    catalog = notes.catalog
    src = catalog.sources[source_id]
    parts = [
        f"<strong>{esc(catalog.source_labels[source_id])}</strong>",
        f'<a href="{esc(url(src.url))}">{esc(src.title)}</a>',
    ]
    if src.authors:
        parts.append(esc(src.authors))
    meta = (
        [esc(notes.t(src.kind.replace("-", " ")))]
        + ([esc(src.venue)] if src.venue else [])
        + [str(src.year)]
    )
    if src.arxiv:
        meta.append(f"arXiv:{esc(src.arxiv)}")
    parts.append(", ".join(meta))
    return f'<li id="{anchor(source_id)}">' + ". ".join(p.rstrip(".") for p in parts) + ".</li>"
