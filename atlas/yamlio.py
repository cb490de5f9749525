"""Line-aware YAML reading.

PyYAML turns a document into plain Python values and forgets where each value
came from; it also keeps the last of two duplicate keys without a word. This
module composes the node tree first, so that it can (1) record the line of every
key and item, (2) refuse duplicate keys, and then (3) construct the values from
the same nodes, parsing each file once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import EXPLAINS, UNREADABLE, DataError, format_path

try:  # libyaml is several times faster; fall back to pure Python where it is missing
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that leaves dates as text (the schema checks them, with a clear message) and
    marks plain values that YAML 1.1 reads as something other than what they look like."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and implicit[0]:
            return _resolve_plain(value)
        return super().resolve(kind, value, implicit)


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_PLAIN = (None, "")  # the style of a plain scalar (libyaml says "", PyYAML None)
#: A plain value that YAML 1.1 reads as a number or a boolean it does not look like
#: (no -> false, 010 -> 8, 1:20 -> 80, 0x20 -> 32, 1_000 -> 1000). It is kept as the text
#: typed, and refused with the reason: other tools (YAML 1.2, editors) read it differently.
_TYPED = "tag:atlas,2025:typed"
_WILDCARD = _Loader.yaml_implicit_resolvers.get(None, [])
_RESOLVERS = {
    first: resolvers + _WILDCARD
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}
#: The spellings every YAML reader reads the same way, and as they look.
_AS_TYPED = {
    "tag:yaml.org,2002:bool": re.compile(r"true|True|TRUE|false|False|FALSE"),
    "tag:yaml.org,2002:int": re.compile(r"[-+]?(?:0|[1-9][0-9]*)"),
    "tag:yaml.org,2002:float": re.compile(
        r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    ),
    "tag:yaml.org,2002:null": re.compile(r"~|null|Null|NULL|"),
    _MERGE: re.compile("<<"),
}
MAX_DEPTH = 50  # data files need about six levels; deeper nesting is refused, never recursed


def _resolve_plain(value: str) -> str:
    """The tag of a plain (unquoted) scalar: YAML 1.1's, or _TYPED where that misleads."""
    for tag, regexp in _RESOLVERS.get(value[:1], _WILDCARD):
        if regexp.match(value):
            plain = _AS_TYPED.get(tag)
            if plain is None:  # "=" (a YAML 1.1 'value' key) and the like: text, as typed
                return _STR
            return tag if plain.fullmatch(value) else _TYPED
    return _STR


def _typed_message(value: str) -> str:
    """Why a plain value is refused, showing it as typed: "010 is read by YAML as 8 ..."."""
    read = yaml.load(value, Loader=yaml.SafeLoader)
    if isinstance(read, bool):
        return (
            f"{value} is read by YAML as {str(read).lower()}; write true or false, "
            f'or quote it ("{value}") if it is text'
        )
    digits = value.lstrip("+-")
    why = (
        "a number in base 60"
        if ":" in value
        else "a number in base 16"
        if digits[:2] in ("0x", "0X")
        else "a number in base 2"
        if digits[:2] in ("0b", "0B")
        else "digits grouped with _"
        if "_" in value
        else "a number in base 8"
    )
    return (
        f"{value} is read by YAML as {read} ({why}); write the plain number, "
        f'or quote it ("{value}") if it is text'
    )


def _tag_name(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


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


class _TooDeep(Exception):
    def __init__(self, line: int):
        self.line = line


TOO_DEEP = (
    f"values are nested more than {MAX_DEPTH} levels deep; a data file needs a few levels "
    "(check for unclosed or repeated [ and {)"
)


def _walk(
    node: yaml.Node, path: tuple, lines: dict, problems: list, seen: set | None = None, depth=0
) -> None:
    """Record the line of every key and item; collect what the file may not hold (duplicate
    keys, merge keys, keys that are not names, YAML tags, values YAML reads as something else)
    in ``problems`` as (line, path, message, fatal), retagging each node so that constructing
    it gives the text as typed."""
    # An alias (*name) makes the composer hand back the same node twice. Data files have
    # no need for them, and nested aliases can expand exponentially ("billion laughs").
    seen = set() if seen is None else seen
    if depth > MAX_DEPTH:
        raise _TooDeep(node.start_mark.line + 1)
    if id(node) in seen:
        raise _AliasFound(lines.get(path, node.start_mark.line + 1))
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        _check_scalar(node, path, problems)
        return
    default = _MAP if isinstance(node, yaml.MappingNode) else _SEQ
    if node.tag != default:
        problems.append((node.start_mark.line + 1, path, _tag_message(node.tag), False))
        node.tag = default
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            _walk(item, path + (index,), lines, problems, seen, depth + 1)
        return
    seen_keys: dict = {}
    for key_node, value_node in list(node.value):
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append((line, path, "a key is a name, not a list or a mapping", False))
            node.value.remove((key_node, value_node))
            continue
        key = key_node.value
        if key_node.tag != _STR:
            problems.append((line, path + (key,), _key_message(key_node), False))
            key_node.tag = _STR
        if key in seen_keys:
            first = seen_keys[key]
            why = (
                f"duplicate key (first defined on line {first}); a key may appear once per mapping"
            )
            problems.append((line, path + (key,), why, True))
            continue
        seen_keys[key] = line
        lines[path + (key,)] = line
        _walk(value_node, path + (key,), lines, problems, seen, depth + 1)


def _tag_message(tag: str) -> str:
    return (
        f"the YAML tag {_tag_name(tag)} is not allowed in data files; write the value without "
        "it, as text, a number, true or false, a list or a mapping"
    )


def _key_message(key_node: yaml.ScalarNode) -> str:
    if key_node.tag == _MERGE:
        return (
            "<< is a YAML merge key: it adds and overrides keys without a trace, "
            "and data files do not allow it; write the keys out"
        )
    if key_node.style not in _PLAIN or _resolve_plain(key_node.value) not in (key_node.tag, _TYPED):
        return _tag_message(key_node.tag)
    read = yaml.load(key_node.value or "~", Loader=yaml.SafeLoader)
    what = (
        "nothing (null)"
        if read is None
        else "true or false"
        if isinstance(read, bool)
        else "a number"
        if isinstance(read, (int, float))
        else "something else"
    )
    return f"the key {key_node.value or '(empty)'} is read by YAML as {what}, not a name; use a key the schema names"


def _check_scalar(node: yaml.ScalarNode, path: tuple, problems: list) -> None:
    if node.tag == _STR:
        return
    line = node.start_mark.line + 1
    if node.tag == _TYPED:
        problems.append((line, path, _typed_message(node.value), False))
        node.tag = _STR
    elif node.style not in _PLAIN or _resolve_plain(node.value) != node.tag:
        problems.append((line, path, _tag_message(node.tag), False))
        node.tag = _STR


class _NeedFullRead(Exception):
    """The fast path met a duplicate key or an alias: the full read reports it with its line."""


class _FastLoader(_Loader):  # type: ignore[misc, valid-type]
    """The fast path: plain values from the node tree without PyYAML's general constructor.

    Profiled on the synthetic 1,000-family catalog, PyYAML's construct_object machinery (a
    generator per mapping, state for recursion and aliases) and its resolver took most of the
    load. Data files need none of it: no aliases (text with & or * goes to the full read),
    no merge keys, no custom tags. Scalars with a tag other than str still go through
    PyYAML's own constructor for that tag, so values are the same as the full read's.
    """

    def build(self, node, depth=0):
        kind = type(node)
        if kind is yaml.ScalarNode:
            if node.tag == _STR:
                return node.value
            if node.tag == _TYPED or node.style not in _PLAIN:
                raise _NeedFullRead  # a value YAML misreads, or a tag on a quoted value
            return self.construct_object(node)
        if depth > MAX_DEPTH:
            raise _NeedFullRead
        if kind is yaml.MappingNode and node.tag == _MAP:
            mapping = {}
            for key_node, value_node in node.value:
                if type(key_node) is not yaml.ScalarNode or key_node.tag != _STR:
                    raise _NeedFullRead  # merge keys (<<), numbers or collections as keys
                key = key_node.value
                if key in mapping:
                    raise _NeedFullRead  # a duplicate key: the full read reports it with its line
                mapping[key] = self.build(value_node, depth + 1)
            return mapping
        if kind is yaml.SequenceNode and node.tag == _SEQ:
            return [self.build(item, depth + 1) for item in node.value]
        raise _NeedFullRead  # a tagged collection (!!set, !!omap, ...)


_MAYBE_TAG = re.compile(r"(?:^|[\s\[{,])!", re.M)  # where a tag (!!set, !x) can begin


#: Characters YAML reads as line breaks (NEL, LS, PS) or that no data file needs (C1
#: controls): refused in the file itself, before YAML folds them away silently.
_RAW_CONTROL = re.compile("[\x80-\x9f\u2028\u2029]")


def read_yaml_fast(text: bytes, file: str) -> tuple[Located | None, list[DataError]]:
    """Like read_yaml, in one pass: line numbers are worked out only when an error needs one."""
    if text.startswith(b"\xef\xbb\xbf"):
        return read_yaml(text, file)
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError:
        return read_yaml(text, file)
    if (
        "&" in decoded
        or "*" in decoded
        or _MAYBE_TAG.search(decoded)
        or _RAW_CONTROL.search(decoded)
    ):
        # Could be an anchor, an alias or a tag (refused, with its line, by the full read).
        # Testing the text is cheaper than checking every node while constructing.
        return read_yaml(text, file)
    if _nesting_line(decoded) is not None:
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


def _unreadable(file: str, line: int, message: str) -> tuple[None, list[DataError]]:
    return None, [DataError(file, line, "", message, UNREADABLE)]


def _decode(text: bytes, file: str) -> str | tuple[None, list[DataError]]:
    if text.startswith(b"\xef\xbb\xbf"):
        return _unreadable(file, 1, BOM)
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _unreadable(
            file,
            text[: exc.start].count(b"\n") + 1,
            f"the file is not valid UTF-8 (byte 0x{text[exc.start]:02x} at offset {exc.start})",
        )


BOM = "the file starts with a byte order mark (BOM); save it as UTF-8 without BOM"
ALIASES = (
    "YAML anchors and aliases (&name, *name) are not allowed in data files; write the value out"
)


def _nesting_line(text: str) -> int | None:
    """The line where nesting passes MAX_DEPTH, for text that could nest deep enough to crash
    libyaml's composer (it recurses in C: about 30,000 levels end the process). Each level
    needs an indicator of its own ([, {, "- ", "? ", or a deeper indentation), so text with
    few of them is left to the depth checks that run while walking the nodes."""
    if sum(text.count(c) for c in ("[", "{", "- ", "-\n", "? ", "?\n")) < 5000:
        return None
    loader = _Loader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # the full read reports it
    finally:
        loader.dispose()
    return None


def read_yaml(text: str | bytes, file: str) -> tuple[Located | None, list[DataError]]:
    """Parse one YAML file. Returns the located data (None if the file cannot be read) and the
    errors: a value refused while the rest of the file reads is reported with the data."""
    if isinstance(text, bytes):
        decoded = _decode(text, file)
        if not isinstance(decoded, str):
            return decoded
        text = decoded
    if text.startswith("\ufeff"):
        return _unreadable(file, 1, BOM)
    if all(not line.strip() or line.strip().startswith("#") for line in text.splitlines()):
        return _unreadable(file, 1, "the file is empty")
    raw = _RAW_CONTROL.search(text)
    if raw:
        line = text[: raw.start()].count("\n") + 1
        return _unreadable(
            file,
            line,
            f"the file holds an invisible control or line-break character (U+{ord(raw[0]):04X}); "
            "remove it (YAML would read it as a line break or keep it unseen)",
        )
    deep = _nesting_line(text)
    if deep is not None:
        return _unreadable(file, deep, TOO_DEEP)
    loader = _Loader(text)
    try:
        return _compose(loader, text, file)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or "invalid YAML"
        context, start = exc.context or "", exc.context_mark
        if context.startswith("while parsing a ") and start and start.line + 1 != line:
            problem += f" ({context[len('while parsing ') :]} that starts on line {start.line + 1})"
        if "expected a single document" in str(exc):
            problem = "the file holds more than one YAML document (remove the extra '---')"
        elif "\t" in (text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""):
            problem = "a tab character is not allowed for indentation in YAML; indent with spaces"
        return _unreadable(file, line, f"invalid YAML: {problem}")
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow anywhere
        line = text[: exc.position].count("\n") + 1
        return _unreadable(
            file, line, f"the file holds a control character (U+{exc.character:04X}); remove it"
        )
    except (yaml.YAMLError, ValueError) as exc:
        return _unreadable(file, 1, "invalid YAML: " + " ".join(str(exc).split()))
    finally:
        loader.dispose()


def _compose(loader: _Loader, text: str, file: str) -> tuple[Located | None, list[DataError]]:
    node = loader.get_single_node()
    if node is None:
        return _unreadable(file, 1, "the file is empty")
    lines: dict[tuple, int] = {(): node.start_mark.line + 1}
    problems: list = []
    try:
        _walk(node, (), lines, problems)
    except _AliasFound as found:
        return _unreadable(file, found.line, ALIASES)
    except _TooDeep as deep:
        return _unreadable(file, deep.line, TOO_DEEP)
    if any(fatal for *_, fatal in problems):
        return None, [
            DataError(file, line, format_path(path), why, UNREADABLE)
            for line, path, why, fatal in problems
            if fatal
        ]
    errors = [
        DataError(file, line, format_path(path), why, EXPLAINS) for line, path, why, _ in problems
    ]
    return Located(loader.construct_document(node), lines), errors
