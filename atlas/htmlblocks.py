"""Raw HTML blocks held out of Python-Markdown's way and put back into the page's HTML.

The renderers emit their tables as finished HTML. Python-Markdown would pass such a block
through unchanged, but only after two full HTML parses of it (its own raw-HTML preprocessor
and MkDocs' anchor collector): most of the Markdown time of an entity page. ``hold`` swaps
each top-level HTML block of a macro's output for a one-line comment, which Markdown passes
through as it would the block; ``restore`` swaps the blocks back into the converted page.
Only blocks Markdown would keep verbatim are held: a paragraph (text between blank lines)
that opens with a block-level tag at the start of the line and ends with its closing tag.
"""

from __future__ import annotations

import re
import secrets

_BLOCK_TAGS = "table|div|details|figure|form|section|nav|aside|ol|ul|dl|p|svg|script|noscript"
_OPEN = re.compile(rf"(?m)^<({_BLOCK_TAGS})[\s>]")
_NONCE = secrets.token_hex(4)  # a page cannot contain a token by accident
_TOKEN = re.compile(rf"<!--atlas-html-{_NONCE}:(\d+)-->")

_held: dict[str, list[str]] = {}


def _end(text: str, tag: str, start: int) -> int | None:
    """Where the element opened at ``start`` closes (after its ``</tag>``), counting nesting."""
    depth = 0
    for m in re.finditer(rf"<(/?){tag}[\s>]", text[start:]):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return start + m.end()
    return None


def hold(page: str, markdown: str) -> str:
    """``markdown`` with each verbatim HTML block replaced by a token kept for ``page``.

    A block starts a line after a blank line (or the text's start) and its element closes
    at the end of a line followed by a blank line (or the text's end)."""
    blocks: list[str] = []
    out, done = [], 0
    for m in _OPEN.finditer(markdown):
        start = m.start()
        if start < done or (start and not markdown.endswith("\n\n", 0, start)):
            continue
        end = _end(markdown, m.group(1), start)
        if end is None or markdown[end : end + 2] not in ("", "\n\n", "\n"):
            continue
        if markdown[end : end + 2] == "\n" and end + 1 != len(markdown):
            continue
        out += [markdown[done:start], f"<!--atlas-html-{_NONCE}:{len(blocks)}-->"]
        blocks.append(markdown[start:end])
        done = end
    _held[page] = blocks
    return "".join(out) + markdown[done:]


def held(page: str) -> list[str]:
    """The blocks held for ``page`` and not yet restored."""
    return list(_held.get(page, ()))


def restore(page: str, html: str) -> str:
    """The converted page with ``page``'s held blocks back in place of their tokens."""
    blocks = _held.pop(page, None)
    if not blocks:
        return html
    return _TOKEN.sub(lambda m: blocks[int(m.group(1))], html)
