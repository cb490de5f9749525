"""Pages whose only template syntax is macro calls with literal arguments, rendered by calling
the macros directly.

mkdocs-macros compiles every page into a Jinja template before rendering it: about 3 ms a
page, the largest single cost of the data layer in a profile of a 1,000-family build
(``python -m atlas bench``). Entity pages written from the standard template contain nothing
but text and calls such as ``{{ variants_table("llama") }}``, for which a compiled template
does no more than join the text with the calls' results. ``plan`` recognises exactly those
pages; for anything else (a variable, a filter, a block, a comment, an argument that is not
a plain literal, a name that is not an atlas macro) it returns None and Jinja renders the
page as before. The output is the same as Jinja's: newlines normalised to ``\\n`` and one
trailing newline dropped, as Jinja's defaults do. tests check that on every page of the site.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Collection, Mapping

_LITERAL = r"""(?:"[^"\\\n]*"|'[^'\\\n]*'|-?(?:0|[1-9]\d*)(?:\.\d+)?)"""
_CALL = re.compile(
    r"\{\{[ \t]*([A-Za-z_]\w*)\([ \t]*("
    + _LITERAL
    + r"(?:[ \t]*,[ \t]*"
    + _LITERAL
    + r")*)?[ \t]*\)[ \t]*\}\}"
)
_ARG = re.compile(_LITERAL)
_NEWLINE = re.compile(r"(\r\n|\r|\n)")


class CallError(Exception):
    """A macro call on a page failed: which call, on which line (1-based, in the page's text)."""

    def __init__(self, line: int, call: str, error: Exception):
        super().__init__(f"line {line}: {call}: {error}")
        self.line, self.call, self.error = line, call, error


def plan(source: str, names: Collection[str]) -> list | None:
    """The page as text and (macro name, arguments, line) parts, or None if Jinja must render it."""
    if "{%" in source or "{#" in source:
        return None
    lines = _NEWLINE.split(source)[
        ::2
    ]  # as Jinja's lexer: \r\n and \r become \n, one final \n goes
    if lines[-1] == "":
        del lines[-1]
    text = "\n".join(lines)
    parts: list = []
    position = 0
    for call in _CALL.finditer(text):
        name = call.group(1)
        if name not in names:
            return None
        parts.append(text[position : call.start()])
        arguments = tuple(ast.literal_eval(a) for a in _ARG.findall(call.group(2) or ""))
        parts.append((name, arguments, text.count("\n", 0, call.start()) + 1))
        position = call.end()
    parts.append(text[position:])
    if any("{{" in part for part in parts if isinstance(part, str)):
        return None  # some other expression
    return parts


class DirectTemplate:
    """Quacks like the jinja2.Template that mkdocs-macros renders: ``render(**variables)``."""

    def __init__(self, parts: list, macros: Mapping[str, Callable[..., str]]):
        self.parts = parts
        self.macros = macros

    def render(self, *args, **variables) -> str:
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            name, arguments, line = part
            try:
                out.append(str(self.macros[name](*arguments)))
            except Exception as exc:
                call = f"{name}({', '.join(json.dumps(a, ensure_ascii=False) for a in arguments)})"
                raise CallError(line, call, exc) from exc
        return "".join(out)
