"""Page templates: the Markdown page of an entity, calling the macros that render its data."""
from __future__ import annotations

from .render.pages import PAGE_DIRS

_DATA = {"family": "data/models/{id}.yaml; results from data/results/*.yaml", "dataset": "data/datasets/{id}.yaml", "benchmark": "data/benchmarks/{id}.yaml; results from data/results/*.yaml", "method": "data/methods/{id}.yaml"}

_SECTIONS = {
    "family": [
        ("Facts", 'family_facts("{id}")'),
        ("Summary", 'summary("family", "{id}")'),
        ("Variants", 'variants_table("{id}")'),
        ("Derived figures", 'derived_figures("{id}")'),
        ("Training data", 'training_data("{id}")'),
        ("Benchmark results", 'family_results("{id}")'),
        ("Sources", 'sources_list("family", "{id}")'),
        (None, 'cite_block("family", "{id}")'),
    ],
    "dataset": [
        ("Facts", 'dataset_facts("{id}")'),
        ("Summary", 'summary("dataset", "{id}")'),
        ("Models trained on it", 'dataset_users("{id}")'),
        ("Sources", 'sources_list("dataset", "{id}")'),
        (None, 'cite_block("dataset", "{id}")'),
    ],
    "benchmark": [
        ("Facts", 'benchmark_facts("{id}")'),
        ("Summary", 'summary("benchmark", "{id}")'),
        ("Leaderboard", 'leaderboard("{id}")'),
        ("Sources", 'sources_list("benchmark", "{id}")'),
        (None, 'cite_block("benchmark", "{id}")'),
    ],
    "method": [
        ("Facts", 'method_facts("{id}")'),
        ("Summary", 'summary("method", "{id}")'),
        ("Reported figures", 'reported_figures("{id}")'),
        ("Sources", 'sources_list("method", "{id}")'),
        (None, 'cite_block("method", "{id}")'),
    ],
}


# Sections left out of the search index: long tables whose every row is also on another page
# (a leaderboard row is on the model's page; a source's title is in the facts box). This keeps
# the index small as the catalog grows, without losing what people search for.
# The index keeps, for each entity page, its title and its lede (organization, date, kind,
# aliases, variant names): what people type. Every section below is left out, which keeps
# the index about 0.3 KB per entity however large its tables grow.
_NOT_SEARCHED = {"Facts", "Summary", "Variants", "Derived figures", "Training data", "Benchmark results", "Leaderboard",
                 "Models trained on it", "Reported figures", "Sources"}


def page_text(kind: str, entity_id: str, name: str) -> str:
    """The standard page of an entity (``docs/<folder>/<id>.md``)."""
    if kind not in _SECTIONS:
        raise ValueError(f"unknown kind {kind!r}")
    lines = [f"# {name}", "", f"<!-- The tables on this page are rendered from {_DATA[kind].format(id=entity_id)} -->", "",
             '{{ lede("%s", "%s") }}' % (kind, entity_id), ""]
    for heading, call in _SECTIONS[kind]:
        if heading:
            lines += [f"## {heading}" + (" { data-search-exclude }" if heading in _NOT_SEARCHED else ""), ""]
        if heading == "Facts":
            lines += ['{{ page_meta("%s", "%s") }}' % (kind, entity_id), ""]
        lines += ["{{ " + call.format(id=entity_id) + " }}", ""]
    return "\n".join(lines)


def page_path(kind: str, entity_id: str) -> str:
    return f"docs/{PAGE_DIRS[kind]}/{entity_id}.md"


# ---------------------------------------------------------------------------
# YAML skeletons for `python -m atlas new`
# ---------------------------------------------------------------------------

_SKELETONS = {
    "family": """{header}
# A model family and its variants. Replace every TODO; `python -m atlas validate` lists what is left.
# Every key is explained in CONTRIBUTING.md ("A model family").
id: {id}
name: {name}
organizations: [TODO-organization-id]       # ids from data/organizations.yaml
release_date: "TODO"                        # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
paper: TODO-source-id                       # id of the main paper or report in data/sources.yaml
architecture: decoder-only                  # decoder-only | encoder-decoder | prefix-lm | encoder-only
# access: open-weights                      # open-weights | api-only | closed; leave out when no source says
# gated: true                               # downloading needs an accepted licence or an approved request
# license: apache-2.0                       # licence id from data/licenses.yaml
training_data: []                           # dataset ids from data/datasets/
summary:
  en: "TODO: two to four sentences in your own words."
  zh: "TODO：用自己的话写两到四句中文摘要。"
checked: "{today}"                          # the day you checked these facts against their sources
cite:
  default: {{source: TODO-source-id, locator: "TODO: the table or section"}}
variants:
""",
    "variant": """  - id: {id}
    name: {name}
    parameters: 0                           # TODO: an integer, e.g. 65200000000 for 65.2B
    # training_tokens: 1400000000000
    # context_length: 2048
    # layers: 80
    # d_model: 8192
    # attention_heads: 64
    cite:
      default: {{source: TODO-source-id, locator: "TODO: the table that lists these numbers"}}
""",
    "dataset": """{header}
# A dataset. Replace every TODO; `python -m atlas validate` lists what is left.
id: {id}
name: {name}
kind: pretraining                           # pretraining | instruction | dialogue | preference | evaluation
# tokens: 0                                 # integer; also documents, examples, disk_size: {{value: 825, unit: GiB}}
languages: [en]
# license: apache-2.0                       # licence id from data/licenses.yaml
creators: [TODO-organization-id]
# paper: source-id
# homepage: "https://..."
summary:
  en: "TODO: two to four sentences in your own words."
  zh: "TODO：用自己的话写两到四句中文摘要。"
checked: "{today}"
cite:
  default: {{source: TODO-source-id, locator: "TODO: the table or section"}}
""",
    "benchmark": """{header}
# A benchmark. Replace every TODO; `python -m atlas validate` lists what is left.
id: {id}
name: {name}
# full_name: "..."
# paper: source-id
task_format: "TODO: e.g. 4-way multiple choice"
measures: "TODO: one sentence on the ability it tests"
metrics:
  - {{id: accuracy, name: Accuracy, higher_is_better: true, unit: "%"}}
# tasks: 57
# splits: [{{name: test, examples: 1000}}]
# random_baseline: 25.0
# human_baselines: [{{label: "...", value: 90.0}}]
summary:
  en: "TODO: two to four sentences in your own words."
  zh: "TODO：用自己的话写两到四句中文摘要。"
checked: "{today}"
cite:
  default: {{source: TODO-source-id, locator: "TODO: the table or section"}}
""",
}


def skeleton(kind: str, entity_id: str, name: str, today: str) -> str:
    """The YAML a contributor starts from (a family comes with one variant)."""
    from .schema import schema_header

    folder = {"family": "models", "dataset": "datasets", "benchmark": "benchmarks"}.get(kind)
    header = schema_header(f"{folder}/{entity_id}.yaml") if folder else ""
    text = _SKELETONS[kind].format(id=entity_id, name=name, today=today, header=header)
    if kind == "family":
        text += _SKELETONS["variant"].format(id=f"{entity_id}-todo", name=f"{name} (TODO size)")
    return text


def variant_skeleton(entity_id: str, name: str) -> str:
    return _SKELETONS["variant"].format(id=entity_id, name=name)
