"""Errors a contributor sees: each one says where it is (file, line, path)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

#: How an error ranks in the list a contributor reads (lower first).
UNREADABLE = 0  # a file that could not be read: everything else may follow from it
UNCHECKED = 1  # how many references a file that could not be read left unchecked
EXPLAINS = 2  # explains a field fully: other complaints about the same field are noise
ORDINARY = 3

MAX_SHOWN = 300  # a message or path longer than this is cut (a 5 MB value is not echoed)


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _unsafe(ch: str) -> bool:
    # Controls (C0, DEL, C1: ESC and CSI rewrite a terminal), line and paragraph separators,
    # format characters (zero-width, text direction, tags) and unassigned code points.
    # Spaces other than the plain one (no-break, ideographic) are shown too: they look alike.
    category = unicodedata.category(ch)
    return (category in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn") and ch != "\n") or (
        category == "Zs" and ch != " "
    )


def shown(text: str, limit: int = MAX_SHOWN) -> str:
    """Text safe to print on one terminal line: unsafe characters escaped, long text cut."""
    text = "".join(_escape_char(ch) if _unsafe(ch) else ch for ch in text[: 2 * limit])
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in one data file, located as precisely as we can."""

    file: str
    line: int
    path: str
    message: str
    rank: int = field(default=ORDINARY, compare=False)

    def __str__(self) -> str:
        where = f"{shown(self.file)}:{self.line}" if self.line else shown(self.file)
        path, message = shown(self.path, 120), shown(self.message, 2 * MAX_SHOWN)
        return f"{where}: {path}: {message}" if path else f"{where}: {message}"


class CatalogError(Exception):
    """Raised when the data does not load; carries every error found in one run.

    Files that could not be read come first: errors after them may follow from them.
    """

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors), key=lambda e: (min(e.rank, UNCHECKED + 1), e))
        count = len(self.errors)
        head = f"the atlas data has {count} error{'s' if count != 1 else ''}:"
        super().__init__("\n".join([head, *(f"  {e}" for e in self.errors)]))


def format_path(path: tuple) -> str:
    """('variants', 2, 'parameters') -> 'variants[2].parameters'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
