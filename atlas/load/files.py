"""Steps 1 and 2 of the load: find and read every data file, then validate each one alone."""

from __future__ import annotations

import difflib
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .. import schema as S
from ..errors import DataError, format_path
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
    located: Located


def suggest(name: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(options), n=1, cutoff=0.7)
    return f' (did you mean "{close[0]}"?)' if close else ""


def describe(value: Any) -> str:
    """A value as a contributor typed it, short."""
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def read_files(root: Path, errors: list[DataError]) -> list[DataFile]:
    """Every data file under root/data, read and parsed; stray and unreadable files are errors."""
    data_dir = root / "data"
    if not data_dir.is_dir():
        errors.append(DataError("data", 0, "", "the data folder does not exist"))
        return []
    wanted: list[tuple[Path, str]] = []
    for path in sorted(data_dir.rglob("*")):
        rel = path.relative_to(root).as_posix()
        folder = path.parent.relative_to(data_dir).as_posix()
        if path.name.startswith(".") or path.name == "README.md":
            continue
        if path.is_dir() and not path.is_symlink():
            if folder == "." and path.name not in DATA_DIRS:
                errors.append(
                    DataError(
                        rel,
                        0,
                        "",
                        f"unexpected folder; data/ holds {', '.join(DATA_DIRS)} and {', '.join(LIST_FILES)}",
                    )
                )
            continue
        expected = (folder == "." and path.name in LIST_FILES) or (
            folder in DATA_DIRS and path.suffix == ".yaml"
        )
        if not expected:
            errors.append(
                DataError(
                    rel,
                    0,
                    "",
                    "unexpected file; data files are data/<kind>/<id>.yaml (with the .yaml extension)",
                )
            )
            continue
        mode = path.lstat().st_mode
        if not stat.S_ISREG(mode):
            what = "a symbolic link" if stat.S_ISLNK(mode) else "not a regular file"
            errors.append(
                DataError(
                    rel, 0, "", f"is {what}; a data file must be a plain file in the repository"
                )
            )
            continue
        wanted.append((path, "" if folder == "." else folder))
    for name in LIST_FILES:
        if not (data_dir / name).exists() and not (data_dir / name).is_symlink():
            errors.append(DataError(f"data/{name}", 0, "", "required file is missing"))
    out = []
    for path, folder in wanted:
        rel = path.relative_to(root).as_posix()
        located, errs = read_yaml_fast(path.read_bytes(), rel)
        errors.extend(errs)
        if located is not None:
            errors.extend(_placeholders(located, rel))
            out.append(DataFile(rel, folder, located))
    return out


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
            found.append(DataError(file, located.line_of(path), format_path(path), TODO_MESSAGE))

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
            loc = tuple(
                p
                for p in err["loc"]
                if not (isinstance(p, str) and ("[" in p or p.startswith("function-")))
            )
            errors.append(
                DataError(file, located.line_of(loc), format_path(loc), message(err, loc, model))
            )
        return None, errors


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
        return "must not be empty"
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
