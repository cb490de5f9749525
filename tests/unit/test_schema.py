"""One schema, outward: the JSON Schema files agree with the loader, and the docs' examples are valid."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT
from pydantic import TypeAdapter
from test_load import SCENARIOS, edit

from atlas import schema as S
from atlas.errors import CatalogError
from atlas.export import schema_files
from atlas.kinds import schema_header
from atlas.load import load_catalog
from atlas.yamlio import read_yaml

DATA = ROOT / "data"


def validator(name: str) -> jsonschema.protocols.Validator:
    schema = json.loads((ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def schema_name(relative: str) -> str:
    return schema_header(relative).rsplit("/", 1)[1].removesuffix(".schema.json")


def data_files(root: Path) -> list[Path]:
    return sorted((root / "data").rglob("*.yaml"))


def test_committed_schema_files_are_generated_from_atlas_schema():
    for name, content in schema_files().items():
        path = ROOT / name
        assert path.exists(), f"{name} is missing: run python -m atlas schema"
        assert path.read_text(encoding="utf-8") == content, (
            f"{name} is stale: run python -m atlas schema"
        )
    assert {p.name for p in (ROOT / "schema").glob("*.json")} == {
        Path(n).name for n in schema_files()
    }


def test_every_data_file_names_its_schema_for_editors():
    for path in data_files(ROOT):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == schema_header(path.relative_to(DATA).as_posix()), (
            f"{path}: run python -m atlas schema"
        )


def test_every_data_file_passes_the_json_schema_and_the_loader():
    load_catalog(ROOT)  # the loader accepts all of them
    for path in data_files(ROOT):
        rel = path.relative_to(DATA).as_posix()
        located, errors = read_yaml(path.read_bytes(), rel)
        assert not errors
        problems = [e.message for e in validator(schema_name(rel)).iter_errors(located.data)]
        assert not problems, f"{rel}: {problems[:3]}"


# Scenarios of test_load that concern one file's shape; the others (references between
# files, citations covering facts, dates that exist or lie ahead) only the loader can check.
SCHEMA_LEVEL = [
    "count written as text",
    "negative count",
    "zero count",
    "absurd count",
    "float count",
    "unknown key with a suggestion",
    "missing required key",
    "bad enum",
    "date in another format",
    "javascript url",
    "data url",
    "bad id",
    "infinite score",
    "result without shots",
    "HTML in an id",
    "right-to-left override in a name",
    "zero-width space in a name",
    "very long text",
    "chinese summary without chinese",
]


@pytest.mark.parametrize("name", SCHEMA_LEVEL)
def test_every_broken_fixture_fails_both(valid_copy, name):
    file, old, new, _ = SCENARIOS[name]
    edit(valid_copy, file, old, new)
    with pytest.raises(CatalogError):
        load_catalog(valid_copy)
    path = valid_copy / file
    rel = path.relative_to(valid_copy / "data").as_posix()
    located, errors = read_yaml(path.read_bytes(), rel)
    assert not errors
    assert list(validator(schema_name(rel)).iter_errors(located.data)), (
        f"the JSON Schema accepts: {name}"
    )


EXAMPLE = re.compile(r"```yaml\n# file: (?P<file>\S+)\n(?P<body>.*?)```", re.S)


def test_contributing_examples_are_valid():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    examples = list(EXAMPLE.finditer(text))
    kinds = set()
    for match in examples:
        rel = match["file"].removeprefix("data/")
        located, errors = read_yaml(match["body"], match["file"])
        assert not errors, errors
        name = schema_name(rel)
        kinds.add(name)
        model, _ = S.SCHEMA_FILES[name]
        TypeAdapter(model).validate_python(located.data)  # the loader's schema
        assert not list(validator(name).iter_errors(located.data)), match[
            "file"
        ]  # the editors' schema
        keys = set(located.data[0] if isinstance(located.data, list) else located.data)
        fields = set(
            getattr(model, "model_fields", None)
            or TypeAdapter(model).json_schema()["$defs"][re.sub("s$", "", name).title()][
                "properties"
            ]
        )
        assert keys == fields, f"{match['file']} does not show every key: missing {fields - keys}"
    assert kinds == set(S.SCHEMA_FILES), (
        f"CONTRIBUTING.md lacks an example for {set(S.SCHEMA_FILES) - kinds}"
    )
