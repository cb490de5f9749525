"""Line-aware YAML reading.

PyYAML turns a document into plain Python values and forgets where each value
came from; it also keeps the last of two duplicate keys without a word. This
module composes the node tree first, so that it can (1) record the line of every
key and item, (2) refuse duplicate keys, and then (3) construct the values from
the same nodes, parsing each file once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import DataError

try:  # libyaml is several times faster; fall back to pure Python where it is missing
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that leaves dates as text: the schema checks them, with a clear message."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }


@dataclass
class Located:
    """The data of one file and the line (1-based) of every path in it.

    Lines are only needed to report an error, so a file read on the fast path keeps its
    text and composes its node tree again the first time a line is asked for.
    """

    data: Any
    _lines: dict[tuple, int] | None = None
    _text: str | None = field(default=None, repr=False)

    @property
    def lines(self) -> dict[tuple, int]:
        if self._lines is None:
            loader = _Loader(self._text or "")
            try:
                node = loader.get_single_node()
                self._lines = {(): node.start_mark.line + 1} if node is not None else {}
                if node is not None:
                    _walk(node, (), self._lines, [])
            finally:
                loader.dispose()
        return self._lines

    def line_of(self, path: tuple) -> int:
        """The line of the longest prefix of ``path`` that we know (1 if none)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class _AliasFound(Exception):
    def __init__(self, line: int):
        self.line = line


def _walk(node: yaml.Node, path: tuple, lines: dict, dups: list, seen: set | None = None) -> None:
    # An alias (*name) makes the composer hand back the same node twice. Data files have
    # no need for them, and nested aliases can expand exponentially ("billion laughs").
    seen = set() if seen is None else seen
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in seen:
            raise _AliasFound(lines.get(path, node.start_mark.line + 1))
        seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen_keys: dict = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            line = key_node.start_mark.line + 1
            if key is None:
                continue  # complex keys are rejected later by the schema
            if key in seen_keys:
                dups.append((path + (key,), line, seen_keys[key]))
                continue
            seen_keys[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), lines, dups, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            _walk(item, path + (index,), lines, dups, seen)


class _NeedFullRead(Exception):
    """The fast path met a duplicate key or an alias: the full read reports it with its line."""


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_WILDCARD = _Loader.yaml_implicit_resolvers.get(None, [])
_RESOLVERS = {
    first: resolvers + _WILDCARD
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}


class _FastLoader(_Loader):  # type: ignore[misc, valid-type]
    """The fast path: plain values from the node tree without PyYAML's general constructor.

    Profiled on the synthetic 1,000-family catalog, PyYAML's construct_object machinery (a
    generator per mapping, state for recursion and aliases) and its resolver took most of the
    load. Data files need none of it: no aliases (text with & or * goes to the full read),
    no merge keys, no custom tags. Scalars with a tag other than str still go through
    PyYAML's own constructor for that tag, so values are the same as the full read's.
    """

    def resolve(self, kind, value, implicit):
        # Called by libyaml for every node; PyYAML's version concatenates two lists of
        # resolvers per scalar. With no path resolvers (data files have none) this is the same.
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _RESOLVERS.get(value[:1], _WILDCARD):
                    if regexp.match(value):
                        return tag
            return _STR
        return super().resolve(kind, value, implicit)

    def build(self, node):
        kind = type(node)
        if kind is yaml.ScalarNode:
            if node.tag == _STR:
                return node.value
            return self.construct_object(node)
        if kind is yaml.MappingNode and node.tag == _MAP:
            mapping = {}
            for key_node, value_node in node.value:
                if type(key_node) is not yaml.ScalarNode or key_node.tag != _STR:
                    raise _NeedFullRead  # merge keys (<<), numbers or collections as keys
                key = key_node.value
                if key in mapping:
                    raise _NeedFullRead  # a duplicate key: the full read reports it with its line
                mapping[key] = self.build(value_node)
            return mapping
        if kind is yaml.SequenceNode and node.tag == _SEQ:
            return [self.build(item) for item in node.value]
        raise _NeedFullRead  # a tagged collection (!!set, !!omap, ...)


def read_yaml_fast(text: bytes, file: str) -> tuple[Located | None, list[DataError]]:
    """Like read_yaml, in one pass: line numbers are worked out only when an error needs one."""
    if text.startswith(b"\xef\xbb\xbf"):
        return read_yaml(text, file)
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError:
        return read_yaml(text, file)
    if "&" in decoded or "*" in decoded:
        # Could be an anchor or an alias (refused, with its line, by the full read). Testing
        # the text is cheaper than checking every node for reuse while constructing.
        return read_yaml(text, file)
    loader = _FastLoader(decoded)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _NeedFullRead
        data = loader.build(node)
    except (_NeedFullRead, yaml.YAMLError, ValueError, TypeError):
        return read_yaml(text, file)
    finally:
        loader.dispose()
    if not isinstance(data, (dict, list)):
        return read_yaml(text, file)
    return Located(data, None, decoded), []


def read_yaml(
    text: str | bytes, file: str
) -> tuple[Located | None, list[DataError]]:  # long: the checks run in the order a file is read
    """Parse one YAML file. Returns the located data, or None and the errors."""
    from .errors import format_path

    if isinstance(text, bytes):
        if text.startswith(b"\xef\xbb\xbf"):
            return None, [
                DataError(
                    file,
                    1,
                    "",
                    "the file starts with a byte order mark (BOM); save it as UTF-8 without BOM",
                )
            ]
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = text[: exc.start].count(b"\n") + 1
            return None, [
                DataError(
                    file,
                    line,
                    "",
                    f"the file is not valid UTF-8 (byte 0x{text[exc.start]:02x} at offset {exc.start})",
                )
            ]
    if text.startswith("\ufeff"):
        return None, [
            DataError(
                file,
                1,
                "",
                "the file starts with a byte order mark (BOM); save it as UTF-8 without BOM",
            )
        ]
    if not text.strip() or all(
        line.strip().startswith("#") or not line.strip() for line in text.splitlines()
    ):
        return None, [DataError(file, 1, "", "the file is empty")]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [DataError(file, 1, "", "the file is empty")]
        lines: dict[tuple, int] = {(): node.start_mark.line + 1}
        dups: list = []
        try:
            _walk(node, (), lines, dups)
        except _AliasFound as found:
            return None, [
                DataError(
                    file,
                    found.line,
                    "",
                    "YAML anchors and aliases (&name, *name) are not allowed in data files; write the value out",
                )
            ]
        if dups:
            return None, [
                DataError(
                    file,
                    line,
                    format_path(path),
                    f"duplicate key (first defined on line {first}); a key may appear once per mapping",
                )
                for path, line, first in dups
            ]
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or "invalid YAML"
        if "expected a single document" in str(exc):
            problem = "the file holds more than one YAML document (remove the extra '---')"
        elif "\t" in (text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""):
            problem = "a tab character is not allowed for indentation in YAML; indent with spaces"
        return None, [DataError(file, line, "", f"invalid YAML: {problem}")]
    except (yaml.YAMLError, ValueError) as exc:  # reader errors (control characters, ...)
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return None, [DataError(file, line, "", "invalid YAML: " + " ".join(str(exc).split()))]
    finally:
        loader.dispose()
    return Located(data, lines), []
