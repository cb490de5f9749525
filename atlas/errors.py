"""Errors a contributor sees: each one says where it is (file, line, path)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in one data file, located as precisely as we can."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class CatalogError(Exception):
    """Raised when the data does not load; carries every error found in one run."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors))
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
