"""Markdown building blocks: escaping, links, tables, number formats.

Everything that comes from data/ goes through :func:`esc` (for Markdown/HTML
text) or :func:`url` (for link targets) before it reaches a page. Escaping
uses numeric character references, which Markdown leaves alone and browsers
show as the original character: a value can never open a tag, a link, an
emphasis, a table cell or a template expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote

# Characters that mean something to HTML, to Markdown (inline and tables) or to
# Jinja. Each becomes a numeric character reference.
_SPECIAL = "&<>\"'|\\`*_[]{}#!~^=$"
_TABLE = str.maketrans({c: f"&#{ord(c)};" for c in _SPECIAL})
_ANY_SPECIAL = re.compile(f"[{re.escape(_SPECIAL)}]")  # most values have none: skip translate


def esc(value: object) -> str:
    """Escape a value for Markdown or HTML text, on one line."""
    text = "" if value is None else str(value)
    done = _escaped.get(text)
    if done is None:
        done = " ".join(text.split())  # newlines and runs of spaces would break tables
        done = done.translate(_TABLE) if _ANY_SPECIAL.search(done) else done
        if len(_escaped) < 1 << 18:  # the same names and numbers, on page after page
            _escaped[text] = done
    return done


_escaped: dict[str, str] = {}


def esc_block(value: object) -> str:
    """Escape a multi-line value into HTML paragraphs (blank lines separate them)."""
    text = "" if value is None else str(value)
    paras = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "".join(f"<p>{esc(p)}</p>" for p in paras)


def url(value: str) -> str:
    """A validated http(s) URL, made safe inside a Markdown link or an HTML attribute."""
    if not re.match(r"^https?://", value):
        raise ValueError(f"refusing a non-http(s) URL: {value!r}")
    return quote(value, safe="/:?#&=%+,;@~.-_!*$")


def link(label: str, href: str) -> str:
    """An HTML link; ``href`` is a URL the renderer computed (relative, or #anchor)."""
    return f'<a href="{esc(href)}">{esc(label)}</a>'


def ext_link(label: str, href: str) -> str:
    """An HTML link to another site (a validated http(s) URL)."""
    return f'<a href="{url(href)}">{esc(label)}</a>'


# numeric columns are right-aligned ("n"); secondary columns hide on phones ("s"): atlas.css
_CLASS = {
    (False, False): ">",
    (True, False): ' class="n">',
    (False, True): ' class="s">',
    (True, True): ' class="n s">',
}


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: Sequence[int] = (),
    *,
    sticky: bool = False,
    secondary: Sequence[int] = (),
) -> str:
    """An HTML table as a raw block, which Python-Markdown passes through without parsing
    every cell (most of a build's time went there). Cells must already be escaped HTML.

    ``sticky``: the first column stays in view while the table scrolls sideways (a phone);
    ``secondary``: columns that phones leave out, so the values stay next to the names.
    """
    cells = [_CLASS[(i in numeric, i in secondary)] for i in range(len(headers))]
    out = ["", "<table data-atlas-sticky>" if sticky else "<table>", "<thead>", "<tr>"]
    out += [f"<th{a}{h}</th>" for a, h in zip(cells, headers)]
    out += ["</tr>", "</thead>", "<tbody>"]
    for row in rows:
        if len(row) != len(headers):
            raise ValueError(f"row has {len(row)} cells, table has {len(headers)} columns")
        out.append("<tr>" + "".join(f"<td{a}{c}</td>" for a, c in zip(cells, row)) + "</tr>")
    out += ["</tbody>", "</table>", ""]
    return "\n".join(out) + "\n"


def fmt_number(value: float) -> str:
    """A reported number as printed: 63.4, 25, 0.5."""
    if isinstance(value, int) or (
        isinstance(value, float) and value.is_integer() and abs(value) < 1e15
    ):
        return f"{int(value):,}"
    return f"{value:g}" if abs(value) >= 1e-4 else f"{value:.3g}"


def fmt_score(value: float) -> str:
    """A score as sources print them: 73.0, 63.4, 30.266 (one decimal at least)."""
    return f"{value:.1f}" if float(value).is_integer() else f"{value:g}"


_SUFFIXES = ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K"))


def fmt_count(value: int | None) -> str:
    """65200000000 -> '65.2B', 1011800000 -> '1.01B', 175000000000 -> '175B': at most three
    significant digits (the exact count goes into a tooltip and the downloads)."""
    if value is None:
        return ""
    for i, (size, suffix) in enumerate(_SUFFIXES):
        if value >= size:
            text = f"{value / size:.3g}"
            if float(text) >= 1000:  # 999.6B rounds up to 1T; above 999T, write the thousands
                if not i:
                    return f"{value / size:,.0f}{suffix}"
                size, suffix = _SUFFIXES[i - 1]
                text = f"{value / size:.3g}"
            return text + suffix
    return str(value)


def fmt_exact(value: int | float | None) -> str:
    """2048 -> '2,048': exact counts (context lengths, layers, dataset sizes)."""
    return "" if value is None else f"{value:,}"


def count_html(value: int | None, unit: str = "") -> str:
    """A short count with the exact number as a tooltip."""
    if value is None:
        return ""
    exact = f"{value:,}" + (f" {unit}" if unit else "")
    return f'<span title="{esc(exact)}">{esc(fmt_count(value))}</span>'
