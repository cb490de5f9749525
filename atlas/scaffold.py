"""Page templates: the Markdown page of an entity, calling the macros that render its data."""
from __future__ import annotations

from .render.pages import PAGE_DIRS

_DATA = {"family": "data/models/{id}.yaml; results from data/results/*.yaml", "dataset": "data/datasets/{id}.yaml", "benchmark": "data/benchmarks/{id}.yaml; results from data/results/*.yaml", "method": "data/methods/{id}.yaml"}

_SECTIONS = {
    "family": [
        (None, 'family_facts("{id}")'),
        ("Summary", 'summary("family", "{id}")'),
        ("Variants", 'variants_table("{id}")'),
        ("Training data", 'training_data("{id}")'),
        ("Benchmark results", 'family_results("{id}")'),
        ("Sources", 'sources_list("family", "{id}")'),
    ],
    "dataset": [
        (None, 'dataset_facts("{id}")'),
        ("Summary", 'summary("dataset", "{id}")'),
        ("Models trained on it", 'dataset_users("{id}")'),
        ("Sources", 'sources_list("dataset", "{id}")'),
    ],
    "benchmark": [
        (None, 'benchmark_facts("{id}")'),
        ("Summary", 'summary("benchmark", "{id}")'),
        ("Leaderboard", 'leaderboard("{id}")'),
        ("Sources", 'sources_list("benchmark", "{id}")'),
    ],
    "method": [
        (None, 'method_facts("{id}")'),
        ("Summary", 'summary("method", "{id}")'),
        ("Reported figures", 'reported_figures("{id}")'),
        ("Sources", 'sources_list("method", "{id}")'),
    ],
}


def page_text(kind: str, entity_id: str, name: str) -> str:
    """The standard page of an entity (``docs/<folder>/<id>.md``)."""
    if kind not in _SECTIONS:
        raise ValueError(f"unknown kind {kind!r}")
    lines = [f"# {name}", "", f"<!-- The tables on this page are rendered from {_DATA[kind].format(id=entity_id)} -->", ""]
    for heading, call in _SECTIONS[kind]:
        if heading:
            lines += [f"## {heading}", ""]
        lines += ["{{ " + call.format(id=entity_id) + " }}", ""]
    return "\n".join(lines)


def page_path(kind: str, entity_id: str) -> str:
    return f"docs/{PAGE_DIRS[kind]}/{entity_id}.md"
