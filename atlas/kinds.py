"""The one table of entity kinds: where each kind's data, page and catalog field live.

The loader, the renderers, the page check, the scaffold, the audit and the export all read
this table, so adding a kind (or moving a folder) is one edit here.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import schema as S


@dataclass(frozen=True)
class Kind:
    name: str  # what pages and macros call it: family_facts("llama"), sources_list("family", ...)
    label: str  # in messages: 'unknown model family "x"'
    data_dir: str  # data/<data_dir>/<id>.yaml
    page_dir: str  # docs/<page_dir>/<id>.md, served at /<page_dir>/<id>/
    field: str  # the Catalog attribute that maps ids to entities
    schema: str  # schema/<schema>.schema.json
    model: type


KINDS: tuple[Kind, ...] = (
    Kind("family", "model family", "models", "models", "families", "family", S.Family),
    Kind("dataset", "dataset", "datasets", "datasets", "datasets", "dataset", S.Dataset),
    Kind(
        "benchmark", "benchmark", "benchmarks", "benchmarks", "benchmarks", "benchmark", S.Benchmark
    ),
    Kind("method", "method", "methods", "methods", "methods", "method", S.Method),
)
BY_NAME = {k.name: k for k in KINDS}
BY_DATA_DIR = {k.data_dir: k for k in KINDS}

#: Folders of data/ with one file per entry: the entity kinds, and results (one file per source).
RESULTS_DIR = "results"
DATA_DIRS = (*BY_DATA_DIR, RESULTS_DIR)

#: Files of data/ that hold a list of entries, and the model of one entry.
LIST_FILES: dict[str, type] = {
    "sources.yaml": S.Source,
    "organizations.yaml": S.Organization,
    "licenses.yaml": S.License,
    "settings.yaml": S.Setting,
}

#: The JSON Schema (schema/<name>.schema.json) of each data file, by folder or list file.
SCHEMA_OF = {
    **{k.data_dir: k.schema for k in KINDS},
    RESULTS_DIR: "results",
    **{name: name.removesuffix(".yaml") for name in LIST_FILES},
}


def schema_header(relative_file: str) -> str:
    """The yaml-language-server line of a data file (its path relative to data/), for editors."""
    folder, _, name = relative_file.rpartition("/")
    if folder:
        return f"# yaml-language-server: $schema=../../schema/{SCHEMA_OF[folder]}.schema.json"
    return f"# yaml-language-server: $schema=../schema/{SCHEMA_OF[name]}.schema.json"


#: Ids an entity may not take: its page would be the index page of its folder.
RESERVED_IDS = frozenset({"index"})


def kind(name: str) -> Kind:
    """The kind called ``name``; a clear error for any other name."""
    if name not in BY_NAME:
        raise LookupError(f'unknown kind "{name}"; use one of {", ".join(BY_NAME)}')
    return BY_NAME[name]


def page_path(kind_name: str, entity_id: str) -> str:
    """The Markdown source of an entity's page, relative to docs/."""
    return f"{kind(kind_name).page_dir}/{entity_id}.md"


def data_path(kind_name: str, entity_id: str) -> str:
    """The data file of an entity, relative to the project root."""
    return f"data/{kind(kind_name).data_dir}/{entity_id}.yaml"


def page_url(kind_name: str, entity_id: str, directory_urls: bool = True) -> str:
    """An entity page's URL from the site root, in either of MkDocs' URL styles."""
    base = f"{kind(kind_name).page_dir}/{entity_id}"
    return f"{base}/" if directory_urls else f"{base}.html"
