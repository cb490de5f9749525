"""Page templates: the Markdown page of an entity, calling the macros that render its data."""

from __future__ import annotations

from . import kinds

_DATA = {
    "family": "data/models/{id}.yaml; results from data/results/*.yaml",
    "dataset": "data/datasets/{id}.yaml",
    "benchmark": "data/benchmarks/{id}.yaml; results from data/results/*.yaml",
    "method": "data/methods/{id}.yaml",
}

_METHOD_SECTIONS = [
    ("Facts { data-search-exclude }", ['page_meta("method", "{id}")', 'method_facts("{id}")']),
    ("What it is", []),
    ("Reported figures { data-search-exclude }", ['reported_figures("{id}")']),
    (
        "Sources { data-search-exclude }",
        ['sources_list("method", "{id}")', 'cite_block("method", "{id}")'],
    ),
]


def page_text(kind: str, entity_id: str, name: str) -> str:
    """The standard page of an entity (``docs/<folder>/<id>.md``): its title and one macro
    call that renders everything from the data (a method page also has prose of its own)."""
    kinds.kind(kind)
    lines = [f"# {name}", "", f"<!-- Rendered from {_DATA[kind].format(id=entity_id)} -->", ""]
    if kind != "method":
        return "\n".join(
            lines
            + ['{{ %s_page("%s") }}' % ("family" if kind == "family" else kind, entity_id), ""]
        )
    lines += ['{{ lede("method", "%s") }}' % entity_id, ""]
    for heading, calls in _METHOD_SECTIONS:
        lines += [f"## {heading}", ""]
        for call in calls or ["TODO: what the method is and how it works, in your own words."]:
            lines += ["{{ " + call.format(id=entity_id) + " }}" if calls else call, ""]
    return "\n".join(lines)


def page_path(kind: str, entity_id: str) -> str:
    return f"docs/{kinds.page_path(kind, entity_id)}"


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

    header = kinds.schema_header(kinds.data_path(kind, entity_id).removeprefix("data/"))
    text = _SKELETONS[kind].format(id=entity_id, name=name, today=today, header=header)
    if kind == "family":
        text += _SKELETONS["variant"].format(id=f"{entity_id}-todo", name=f"{name} (TODO size)")
    return text


def variant_skeleton(entity_id: str, name: str) -> str:
    return _SKELETONS["variant"].format(id=entity_id, name=name)


def results_skeleton(source_id: str) -> str:
    """A results file for the document ``source_id`` (which data/sources.yaml must list)."""
    return f"""{kinds.schema_header("results/x.yaml")}
# The results one document reports. Replace every TODO; `python -m atlas validate` lists what is left.
# Every key is explained in CONTRIBUTING.md ("Results").
source: {source_id}                       # the id of the document in data/sources.yaml
results:
  - model: TODO-variant-id                # a variant id from data/models/
    benchmark: TODO-benchmark-id          # a benchmark id from data/benchmarks/
    shots: TODO                           # in-context examples (0 for zero-shot); null with shots_note when not stated
    metric: accuracy                      # one of the benchmark's metric ids
    value: TODO                           # as printed by the source
    locator: "TODO: the table or section"
"""
