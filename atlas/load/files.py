"""Steps 1 and 2 of the load: find and read every data file, then validate each one alone."""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .. import schema as S
from ..errors import EXPLAINS, UNREADABLE, DataError, format_path, shown
from ..kinds import DATA_DIRS, LIST_FILES, RESULTS_DIR
from ..yamlio import Located, read_yaml_fast

TODO_MESSAGE = (
    "replace the TODO placeholder with the real value (or remove the key if no source gives it)"
)


@dataclass
class DataFile:
    """One data file: its path relative to the project root, and its data with lines."""

    file: str
    folder: str  # "models", "results", ... or "" for the list files at the top of data/
    located: Located | None  # None: the file could not be read


def suggest(name: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(options), n=1, cutoff=0.7)
    return f' (did you mean "{close[0]}"?)' if close else ""


def describe(value: Any) -> str:
    """A value as a contributor typed it, short, with invisible characters shown escaped."""
    if isinstance(value, str):
        return f'"{shown(value, 40)}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return repr(value)
    return "a value that is not text, a number, a list or a mapping"


def _not_plain(path: Path) -> str | None:
    """Why ``path`` is not a plain file (None if it is), from the entry itself: never followed."""
    mode = path.lstat().st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "is a symbolic link"
    if stat.S_ISDIR(mode):
        return "is a folder"
    return "is not a regular file (a pipe, socket or device)"


def _entries(data_dir: Path, errors: list[DataError], unread: list[DataFile]) -> list:
    """The data files to read, as (path, folder); anything else under data/ is an error. Only
    data/ and its kind folders are listed: nothing is followed or read that is not a plain file
    (an entry that should be one and is not is added to ``unread``)."""
    found: list[tuple[Path, str]] = []
    for path in sorted(data_dir.iterdir()):
        rel = f"data/{path.name}"
        if path.name.startswith(".") or path.name == "README.md":
            continue
        why = _not_plain(path)
        if path.name in DATA_DIRS and why == "is a folder":
            found += [
                (child, path.name)
                for child in sorted(path.iterdir())
                if not child.name.startswith(".") and child.name != "README.md"
            ]
        elif path.name in DATA_DIRS:
            message = f"{why}; {rel} must be a plain folder in the repository (it was not read)"
            errors.append(DataError(rel, 0, "", message, UNREADABLE))
            unread.append(DataFile(rel + "/", path.name, None))
        elif path.name in LIST_FILES:
            found.append((path, ""))
        else:
            kinds, lists = ", ".join(DATA_DIRS), ", ".join(LIST_FILES)
            errors.append(
                DataError(rel, 0, "", f"unexpected entry; data/ holds {kinds} and {lists}")
            )
    return found


def read_files(root: Path, errors: list[DataError]) -> list[DataFile]:
    """Every data file under root/data, read and parsed; stray and unreadable files are errors.

    A file that cannot be read is returned with ``located`` None, so that references to what
    it would define are counted, not reported one by one."""
    data_dir = root / "data"
    if not data_dir.is_dir():
        errors.append(DataError("data", 0, "", "the data folder does not exist"))
        return []
    out: list[DataFile] = []
    for path, folder in _entries(data_dir, errors, out):
        rel = path.relative_to(root).as_posix()
        if folder and path.suffix != ".yaml":
            errors.append(
                DataError(
                    rel,
                    0,
                    "",
                    "unexpected file; data files are data/<kind>/<id>.yaml (with the .yaml extension)",
                )
            )
            continue
        why = _not_plain(path)
        if why is not None:
            message = f"{why}; a data file must be a plain file in the repository (it was not read)"
            errors.append(DataError(rel, 0, "", message, UNREADABLE))
            out.append(DataFile(rel, folder, None))
            continue
        located, errs = _parse(path.read_bytes(), rel)
        errors.extend(errs)
        out.append(DataFile(rel, folder, located))
    for name in LIST_FILES:
        if not os.path.lexists(data_dir / name):
            errors.append(DataError(f"data/{name}", 0, "", "required file is missing"))
    return out


#: Each file's last parse, by its bytes: `mkdocs serve` loads the catalog again after every
#: save, and a save changes one file. Nothing downstream changes what a parse returns.
_parses: dict[str, tuple[bytes, Located | None, list[DataError]]] = {}


def _parse(raw: bytes, rel: str) -> tuple[Located | None, list[DataError]]:
    last = _parses.get(rel)
    if last is not None and last[0] == raw:
        return last[1], last[2]
    located, errs = read_yaml_fast(raw, rel)
    if located is not None:
        errs = [*errs, *_placeholders(located, rel)]
    _parses[rel] = (raw, located, errs)
    return located, errs


def _placeholders(located: Located, file: str) -> list[DataError]:
    """Text still holding a TODO from a skeleton of `python -m atlas new`."""
    found: list[DataError] = []

    def walk(value: Any, path: tuple) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))
        elif isinstance(value, str) and re.search(r"TODO|(?:^|-)todo(?:-|$)", value):
            found.append(
                DataError(file, located.line_of(path), format_path(path), TODO_MESSAGE, EXPLAINS)
            )

    walk(located.data, ())
    return found


# ---------------------------------------------------------------------------
# Validating one file against its model
# ---------------------------------------------------------------------------

_ADAPTERS: dict[Any, TypeAdapter] = {}


def _adapter(tp: Any) -> TypeAdapter:
    if tp not in _ADAPTERS:
        _ADAPTERS[tp] = TypeAdapter(tp)
    return _ADAPTERS[tp]


def validate(located: Located, tp: Any, file: str, model: type) -> tuple[Any, list[DataError]]:
    """Validate one file's data against ``tp``; errors carry file, line and path."""
    try:
        return _adapter(tp).validate_python(located.data), []
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            loc = data_path(located.data, err["loc"], err["type"] == "missing")
            errors.append(
                DataError(file, located.line_of(loc), format_path(loc), message(err, loc, model))
            )
        return None, errors


def data_path(data: Any, loc: tuple, missing: bool = False) -> tuple:
    """Pydantic's location of an error as a path in the data: the parts it adds for its own
    validators and union members ("function-after[...]", "list[str]") are left out by looking
    at the data itself, never by their spelling (a key may hold brackets)."""
    out: list = []
    current = data
    for i, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        elif missing and i == len(loc) - 1:
            current = None  # the key that is missing
        else:
            continue
        out.append(part)
    return tuple(out)


def validate_list(f: DataFile, model: type, errors: list[DataError]) -> list[tuple[int, Any]]:
    """The valid entries of a list file, with their positions; one bad entry hides no other."""
    if not isinstance(f.located.data, list):
        errors.append(
            DataError(
                f.file,
                1,
                "",
                f"expected a list of {model.__name__.lower()}s, got {describe(f.located.data)}",
            )
        )
        return []
    items, errs = validate(f.located, list[model], f.file, list)
    if not errs:
        return list(enumerate(items))
    errors.extend(errs)
    valid = []
    for i, raw in enumerate(f.located.data):
        lines = {k[1:]: v for k, v in f.located.lines.items() if k[:1] == (i,)}
        one, _ = validate(Located(raw, lines), model, f.file, model)
        if one is not None:
            valid.append((i, one))
    return valid


def validate_mapping(f: DataFile, model: type, errors: list[DataError]) -> Any:
    """A file holding one mapping, validated; None (and errors) if it does not validate."""
    if not isinstance(f.located.data, dict):
        errors.append(
            DataError(
                f.file,
                1,
                "",
                f"expected a mapping (key: value lines), got {describe(f.located.data)}",
            )
        )
        return None
    obj, errs = validate(f.located, model, f.file, model)
    errors.extend(errs)
    return obj


def file_model(folder: str) -> type:
    from ..kinds import BY_DATA_DIR

    return S.ResultsFile if folder == RESULTS_DIR else BY_DATA_DIR[folder].model


# ---------------------------------------------------------------------------
# Pydantic's errors in a contributor's words
# ---------------------------------------------------------------------------

_BOUNDS = {
    "greater_than": "greater than {gt}",
    "greater_than_equal": "at least {ge}",
    "less_than": "less than {lt}",
    "less_than_equal": "at most {le}",
}
_EXPECTED = {
    ("int_type", "int_parsing", "int_from_float"): "an integer",
    ("float_type", "float_parsing"): "a number",
    ("string_type",): "text",
    ("bool_type",): "true or false",
    ("list_type", "tuple_type"): "a list",
    ("model_type", "dict_type", "model_attributes_type"): "a mapping",
}


def message(err: dict, loc: tuple, model: type) -> str:
    kind, got, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        return "unknown key" + suggest(str(loc[-1]), _allowed_keys(model, loc[:-1]))
    for kinds, expected in _EXPECTED.items():
        if kind in kinds:
            return f"expected {expected}, got {describe(got)}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected', '')}, got {describe(got)}"
    if kind == "string_pattern_mismatch":
        return _pattern_message(str(got), ctx.get("pattern"))
    if kind in _BOUNDS:
        return f"must be {_BOUNDS[kind].format(**ctx)}, got {describe(got)}"
    if kind == "too_short":
        wanted = ctx.get("min_length", 1)
        return "must not be empty" if wanted == 1 else f"needs {wanted} entries, got {len(got)}"
    if kind == "too_long":
        return f"takes at most {ctx.get('max_length')} entries, got {len(got)}"
    if kind == "string_too_long":
        return f"is {len(got)} characters long; the limit is {ctx.get('max_length')}"
    if kind == "finite_number":
        return f"must be a finite number, got {describe(got)}"
    return err["msg"]


def _pattern_message(got: str, pattern: str | None) -> str:
    if pattern == S.ZH_TEXT_PATTERN and not re.search("[\u3400-\u9fff]", got):
        return "the Chinese summary contains no Chinese characters"
    if pattern in (S.TEXT_PATTERN, S.LONG_TEXT_PATTERN, S.ZH_TEXT_PATTERN):
        return S.text_problem(got, multiline=pattern != S.TEXT_PATTERN)
    if pattern == S.URL_PATTERN:
        return f"{describe(got)} is not valid: {S.url_problem(got)}"
    return (
        f"{describe(got)} is not valid: {S.PATTERN_HELP.get(pattern, 'must match ' + str(pattern))}"
    )


def _allowed_keys(model: type, loc: tuple) -> list[str]:
    """The keys allowed at ``loc`` inside ``model`` (for 'did you mean')."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return [info.alias or name for name, info in getattr(current, "model_fields", {}).items()]


def _inner_model(annotation: Any) -> Any:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, S.Strict):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
