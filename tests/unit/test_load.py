"""The loader: the valid catalog loads; each kind of broken input gives its exact message."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, edit
from pydantic import ValidationError

from atlas.errors import CatalogError
from atlas.load import load_catalog


def test_valid_catalog_loads():
    c = load_catalog(FIXTURES / "valid")
    assert list(c.families) == ["toy"]
    assert [v.id for v in c.families["toy"].variants] == ["toy-7b", "toy-65b"]
    assert c.variants["toy-65b"].parameters == 65200000000
    assert c.variant_family["toy-65b"] == "toy"
    assert c.dataset_users["toy-corpus"] == ("toy",)
    assert c.benchmark_parts["toybench"] == ("toybench-lite",)
    assert len(c.results_by_benchmark["toybench"]) == 7
    assert {r.source for r in c.results} == {"doe2023toy", "doe2023toyb", "toy-model-card"}
    assert (
        c.setting_label(c.results_by_benchmark["toybench"][-1].setting)
        == "0-shot, hard questions, thinking mode"
    )
    assert {r.source for r in c.results if r.own} == {
        "doe2023toy",
        "toy-model-card",
    }  # the family's paper and a document its facts cite


def test_catalog_is_immutable():
    c = load_catalog(FIXTURES / "valid")
    with pytest.raises(TypeError):
        c.families["new"] = None  # type: ignore[index]
    with pytest.raises(ValidationError):
        c.variants["toy-7b"].parameters = 1  # type: ignore[misc]


def load_errors(project: Path) -> list[str]:
    with pytest.raises(CatalogError) as info:
        load_catalog(project)
    return [str(e) for e in info.value.errors]


M = "data/models/toy.yaml"
R = "data/results/doe2023toy.yaml"

# (file, text to replace, replacement, the exact error a contributor sees)
SCENARIOS = {
    "count written as text": (
        M,
        "parameters: 65200000000",
        'parameters: "65B"',
        'data/models/toy.yaml:36: variants[1].parameters: expected an integer, got "65B"',
    ),
    "negative count": (
        M,
        "parameters: 65200000000",
        "parameters: -5",
        "data/models/toy.yaml:36: variants[1].parameters: must be greater than 0, got -5",
    ),
    "zero count": (
        M,
        "layers: 32",
        "layers: 0",
        "data/models/toy.yaml:27: variants[0].layers: must be greater than 0, got 0",
    ),
    "absurd count": (
        M,
        "parameters: 65200000000",
        "parameters: 100000000000000000000",
        "data/models/toy.yaml:36: variants[1].parameters: must be at most 10000000000000000, got 100000000000000000000",
    ),
    "float count": (
        M,
        "layers: 32",
        "layers: 32.5",
        "data/models/toy.yaml:27: variants[0].layers: expected an integer, got 32.5",
    ),
    "unknown key with a suggestion": (
        M,
        "    layers: 32",
        "    layers: 32\n    layer: 3",
        'data/models/toy.yaml:28: variants[0].layer: unknown key (did you mean "layers"?)',
    ),
    "missing required key": (
        M,
        "name: Toy\n",
        "",
        "data/models/toy.yaml:1: name: required key is missing",
    ),
    "bad enum": (
        M,
        "access: open-weights",
        "access: open",
        "data/models/toy.yaml:9: access: expected one of 'open-weights', 'api-only' or 'closed', got \"open\"",
    ),
    "date that does not exist": (
        M,
        'release_date: "2023-01-02"',
        'release_date: "2023-02-30"',
        'data/models/toy.yaml:5: release_date: "2023-02-30" is not a date that exists',
    ),
    "date in the future": (
        M,
        'release_date: "2023-01-02"',
        'release_date: "2999-01-01"',
        'data/models/toy.yaml:5: release_date: "2999-01-01" lies in the future',
    ),
    "date in another format": (
        M,
        'release_date: "2023-01-02"',
        'release_date: "02/01/2023"',
        'data/models/toy.yaml:5: release_date: "02/01/2023" is not valid: a date is written "YYYY-MM-DD", "YYYY-MM" or "YYYY"',
    ),
    "javascript url": (
        M,
        'code: "https://example.org/code"',
        'code: "javascript:alert(1)"',
        'data/models/toy.yaml:7: code: "javascript:alert(1)" is not valid: a URL starts with https:// or http://',
    ),
    "data url": (
        "data/sources.yaml",
        'url: "https://example.org/toy"',
        'url: "data:text/html,<script>alert(1)</script>"',
        'data/sources.yaml:12: [1].url: "data:text/html,<script>alert(1)</script>" is not valid: a URL starts with https:// or http://',
    ),
    "vbscript url": (
        M,
        'code: "https://example.org/code"',
        'code: "vbscript:msgbox(1)"',
        'data/models/toy.yaml:7: code: "vbscript:msgbox(1)" is not valid: a URL starts with https:// or http://',
    ),
    "protocol-relative url": (
        M,
        'code: "https://example.org/code"',
        'code: "//evil.example/x"',
        'data/models/toy.yaml:7: code: "//evil.example/x" is not valid: a URL starts with https:// or http://',
    ),
    "file that is a list": (M, "id: toy\n", "- id: toy\n", None),
    "bad id": (
        M,
        "  - id: toy-65b",
        "  - id: Toy_65B",
        "data/models/toy.yaml:34: variants[1].id: \"Toy_65B\" is not valid: an id uses lowercase letters and digits, with single '-' or '.' between them (e.g. llama-65b)",
    ),
    "fact without a source": (
        M,
        '    cite:\n      default: {source: doe2023toy, locator: "Table 2"}\n    also_reported:\n      - {field: parameters, value: 7000000000, source: toy-model-card, locator: "Model details"}\n',
        "",
        'data/models/toy.yaml:24: variants[0].parameters: has no source: add cite.parameters or cite.default (a source id and a locator such as "Table 2")',
    ),
    "citation of an unknown source": (
        M,
        "license: {source: toy-model-card",
        "license: {source: toy-card",
        'data/models/toy.yaml:20: cite.license.source: unknown source "toy-card" (did you mean "toy-model-card"?)',
    ),
    "unknown dataset": (
        M,
        "training_data: [toy-corpus]",
        "training_data: [toy-corpora]",
        'data/models/toy.yaml:13: training_data[0]: unknown dataset "toy-corpora" (did you mean "toy-corpus"?)',
    ),
    "unknown organization": (
        M,
        "organizations: [toy-lab]",
        "organizations: [nobody]",
        'data/models/toy.yaml:4: organizations[0]: unknown organization "nobody"',
    ),
    "unknown creator": (
        "data/datasets/toy-corpus.yaml",
        "creators: [toy-lab]",
        "creators: [toy-labs]",
        'data/datasets/toy-corpus.yaml:8: creators[0]: unknown organization "toy-labs" (did you mean "toy-lab"?)',
    ),
    "result for an unknown model": (
        R,
        "model: toy-7b,",
        "model: toy-8b,",
        'data/results/doe2023toy.yaml:3: results[0].model: unknown model variant "toy-8b" (did you mean "toy-7b"?)',
    ),
    "result for an unknown benchmark": (
        R,
        "model: toy-7b, benchmark: toybench,",
        "model: toy-7b, benchmark: nobench,",
        'data/results/doe2023toy.yaml:3: results[0].benchmark: unknown benchmark "nobench" (did you mean "toybench"?)',
    ),
    "result with a metric the benchmark lacks": (
        R,
        "shots: 0, metric: accuracy, value: 40.5",
        "shots: 0, metric: f1, value: 40.5",
        'data/results/doe2023toy.yaml:3: results[0].metric: benchmark "toybench" has no metric "f1"; its metrics are accuracy, perplexity',
    ),
    "result without shots": (
        R,
        "benchmark: toybench, shots: 0, metric: accuracy, value: 40.5",
        "benchmark: toybench, metric: accuracy, value: 40.5",
        "data/results/doe2023toy.yaml:3: results[0].shots: required key is missing",
    ),
    "NaN score": (
        R,
        "value: 40.5",
        "value: .nan",
        "data/results/doe2023toy.yaml:3: results[0].value: must be a finite number, got nan",
    ),
    "infinite score": (
        R,
        "value: 40.5",
        "value: .inf",
        "data/results/doe2023toy.yaml:3: results[0].value: must be a finite number, got inf",
    ),
    "same result twice": (
        R,
        'value: 60.1, locator: "Table 3"}',
        'value: 60.1, locator: "Table 3"}\n  - {model: toy-65b, benchmark: toybench, shots: 0, metric: accuracy, value: 60.2, locator: "Table 3"}',
        "data/results/doe2023toy.yaml:5: results[2]: the same result (model, benchmark, setting, locator) is already given on line 4",
    ),
    "results file named after another source": (
        R,
        "source: doe2023toy",
        "source: toy-model-card",
        'data/results/doe2023toy.yaml:1: source: the file name must match: "toy-model-card" belongs in data/results/toy-model-card.yaml',
    ),
    "also_reported for an unsourced field": (
        M,
        "      - {field: parameters, value: 7000000000",
        "      - {field: vocab, value: 7000000000",
        'data/models/toy.yaml:33: variants[0].also_reported[0].field: "vocab" is not a sourced field here; use one of parameters, active_parameters, non_embedding_parameters, training_tokens, context_length, layers, d_model, attention_heads, release_date, license, gated, modalities, knowledge_cutoff, reasoning, deprecated, retired',
    ),
    "HTML in an id": (
        M,
        "  - id: toy-65b",
        '  - id: "<script>"',
        "data/models/toy.yaml:34: variants[1].id: \"<script>\" is not valid: an id uses lowercase letters and digits, with single '-' or '.' between them (e.g. llama-65b)",
    ),
    "right-to-left override in a name": (
        M,
        "name: Toy-7B",
        'name: "Toy\u202e-7B"',
        "data/models/toy.yaml:23: variants[0].name: contains an invisible text-direction control character (U+202E); remove it",
    ),
    "zero-width space in a name": (
        M,
        "name: Toy-7B",
        'name: "Toy\u200b-7B"',
        "data/models/toy.yaml:23: variants[0].name: contains an invisible zero-width character (U+200B); remove it",
    ),
    "very long text": (
        M,
        "name: Toy-7B",
        "name: " + "x" * 600,
        "data/models/toy.yaml:23: variants[0].name: is 600 characters long; the limit is 500",
    ),
    "chinese summary without chinese": (
        M,
        'zh: "玩具模型用于测试。"',
        'zh: "toy"',
        "data/models/toy.yaml:16: summary.zh: the Chinese summary contains no Chinese characters",
    ),
    "unknown licence": (
        M,
        "license: toy-license",
        "license: toy-licence",
        'data/models/toy.yaml:8: license: unknown licence "toy-licence" (did you mean "toy-license"?)',
    ),
    "unknown licence of a variant": (
        M,
        "    name: Toy-65B\n",
        "    name: Toy-65B\n    license: apache\n",
        'data/models/toy.yaml:36: variants[1].license: unknown licence "apache"',
    ),
    "unknown licence of a dataset": (
        "data/datasets/toy-corpus.yaml",
        "license: toy-license",
        "license: cc-by",
        'data/datasets/toy-corpus.yaml:7: license: unknown licence "cc-by"',
    ),
    "licence with an unknown class": (
        "data/licenses.yaml",
        "class: permissive",
        "class: open",
        "data/licenses.yaml:1: [0].class: expected one of 'permissive', 'restricted', 'non-commercial' or 'proprietary', got \"open\"",
    ),
    "gated is not an access value any more": (
        M,
        "access: open-weights",
        "access: gated",
        "data/models/toy.yaml:9: access: expected one of 'open-weights', 'api-only' or 'closed', got \"gated\"",
    ),
    "unknown modality": (
        M,
        "languages: [en]",
        "languages: [en]\nmodalities: {input: [text, smell], output: [text]}",
        "data/models/toy.yaml:13: modalities.input[1]: expected one of 'text', 'image', 'audio' or 'video', got \"smell\"",
    ),
    "Hugging Face repository without owner": (
        M,
        "    name: Toy-65B\n",
        "    name: Toy-65B\n    hf_repo: toy-65b\n",
        'data/models/toy.yaml:36: variants[1].hf_repo: "toy-65b" is not valid: a Hugging Face repository is written "owner/name" (e.g. meta-llama/Llama-2-7b-hf)',
    ),
    "shots_note with a shot count": (
        R,
        "benchmark: toybench, shots: 0, metric: accuracy, value: 40.5",
        "benchmark: toybench, shots: 0, shots_note: not stated, metric: accuracy, value: 40.5",
        "data/results/doe2023toy.yaml:3: results[0].shots_note: shots is 0; shots_note says why there is no count, so it goes only with shots: null",
    ),
    "source published by an unknown organization": (
        "data/sources.yaml",
        'url: "https://example.org/toy"',
        'url: "https://example.org/toy"\n  organizations: [toy-labs]',
        'data/sources.yaml:13: [1].organizations[0]: unknown organization "toy-labs" (did you mean "toy-lab"?)',
    ),
    "primary setting with a metric the benchmark lacks": (
        "data/benchmarks/toybench.yaml",
        "primary_setting: {shots: 5, metric: accuracy}",
        "primary_setting: {shots: 5, metric: f1}",
        'data/benchmarks/toybench.yaml:13: primary_setting.metric: benchmark "toybench" has no metric "f1"; its metrics are accuracy, perplexity',
    ),
    "unknown subset": (
        "data/results/toy-model-card.yaml",
        "subset: toy-hard",
        "subset: toy-hrd",
        'data/results/toy-model-card.yaml:4: results[1].subset: unknown subset "toy-hrd" (did you mean "toy-hard"?); the subsets are listed in data/settings.yaml',
    ),
    "protocol written as a harness": (
        "data/results/toy-model-card.yaml",
        "harness: lm-eval-harness",
        "harness: thinking",
        'data/results/toy-model-card.yaml:3: results[0].harness: "thinking" is a protocol in data/settings.yaml, not a harness',
    ),
    "unknown protocol in a list": (
        "data/results/toy-model-card.yaml",
        "protocol: thinking",
        "protocol: [thinking, maj-at-8]",
        'data/results/toy-model-card.yaml:4: results[1].protocol[1]: unknown protocol "maj-at-8"; the protocols are listed in data/settings.yaml',
    ),
    "subset of another benchmark": (
        "data/results/toy-model-card.yaml",
        "benchmark: toybench, shots: 0, metric: accuracy, value: 30.2",
        "benchmark: toybench-lite, shots: 0, metric: accuracy, value: 30.2",
        'data/results/toy-model-card.yaml:4: results[1].subset: subset "toy-hard" belongs to toybench, not to toybench-lite',
    ),
    "setting word with an unknown kind": (
        "data/settings.yaml",
        "kind: split",
        "kind: part",
        "data/settings.yaml:1: [0].kind: expected one of 'protocol', 'harness', 'split' or 'subset', got \"part\"",
    ),
    "primary setting without results": (
        "data/benchmarks/toybench.yaml",
        "primary_setting: {shots: 5, metric: accuracy}",
        "primary_setting: {shots: 25, metric: accuracy}",
        "data/benchmarks/toybench.yaml:13: primary_setting: no result of toybench has this setting (3 settings have results); name one that has",
    ),
    "primary setting with an unknown subset id": (
        "data/benchmarks/toybench.yaml",
        "primary_setting: {shots: 5, metric: accuracy}",
        "primary_setting: {shots: 0, subset: toy-hrd, metric: accuracy}",
        'data/benchmarks/toybench.yaml:13: primary_setting.subset: unknown subset "toy-hrd" (did you mean "toy-hard"?); the subsets are listed in data/settings.yaml',
    ),
    "file name differs from id": (
        M,
        "id: toy\n",
        "id: toys\n",
        'data/models/toy.yaml:1: id: the file name must match: "toys" belongs in data/models/toys.yaml',
    ),
    "a list where a mapping is expected": (M, "summary:\n", "summary: [a]\nxsummary:\n", None),
}


@pytest.mark.parametrize("name", [n for n, s in SCENARIOS.items() if s[3]])
def test_broken_input_gives_exact_message(valid_copy, name):
    file, old, new, expected = SCENARIOS[name]
    edit(valid_copy, file, old, new)
    errs = load_errors(valid_copy)
    assert expected in errs, "\n".join(errs)


def test_duplicate_id_across_files(valid_copy):
    (valid_copy / "data/models/toy2.yaml").write_text(
        (valid_copy / "data/models/toy.yaml")
        .read_text(encoding="utf-8")
        .replace("id: toy\n", "id: toy2\n"),
        encoding="utf-8",
    )
    errs = load_errors(valid_copy)
    assert (
        'data/models/toy2.yaml:22: variants[0].id: duplicate model variant id "toy-7b" (already defined at data/models/toy.yaml:22)'
        in errs
    )
    assert (
        'data/models/toy2.yaml:34: variants[1].id: duplicate model variant id "toy-65b" (already defined at data/models/toy.yaml:34)'
        in errs
    )


def test_duplicate_source_id(valid_copy):
    path = valid_copy / "data/sources.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + path.read_text(encoding="utf-8").split("- id: toy-model-card")[0],
        encoding="utf-8",
    )
    assert (
        'data/sources.yaml:21: [3].id: duplicate source id "doe2023toy" (already defined at data/sources.yaml:1)'
        in load_errors(valid_copy)
    )


def test_stray_file_is_reported(valid_copy):
    (valid_copy / "data/models/extra.yml").write_text("id: extra\n", encoding="utf-8")
    assert (
        "data/models/extra.yml: unexpected file; data files are data/<kind>/<id>.yaml (with the .yaml extension)"
        in load_errors(valid_copy)
    )


def test_every_error_is_reported_in_one_run(valid_copy):
    for file, old, new, _ in (
        SCENARIOS["count written as text"],
        SCENARIOS["unknown creator"],
        SCENARIOS["result for an unknown benchmark"],
        SCENARIOS["data url"],
    ):
        edit(valid_copy, file, old, new)
    errs = load_errors(valid_copy)
    assert len(errs) == 4, errs
    assert [e.split(":")[0] for e in errs] == [
        "data/datasets/toy-corpus.yaml",
        "data/models/toy.yaml",
        "data/results/doe2023toy.yaml",
        "data/sources.yaml",
    ]


def test_one_broken_family_does_not_cascade(valid_copy):
    """A result that names a variant of a family that failed validation is not reported again."""
    edit(valid_copy, *SCENARIOS["count written as text"][:3])
    assert load_errors(valid_copy) == [
        'data/models/toy.yaml:36: variants[1].parameters: expected an integer, got "65B"'
    ]


def test_error_message_lists_everything(valid_copy):
    edit(valid_copy, *SCENARIOS["bad enum"][:3])
    with pytest.raises(CatalogError) as info:
        load_catalog(valid_copy)
    assert str(info.value).splitlines() == [
        "the atlas data has 1 error:",
        "  " + SCENARIOS["bad enum"][3],
    ]


def test_a_file_that_is_not_a_mapping(valid_copy):
    (valid_copy / "data/models/toy.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    assert (
        "data/models/toy.yaml:1: expected a mapping (key: value lines), got a list"
        in load_errors(valid_copy)
    )


def test_a_results_file_for_an_unknown_source(valid_copy):
    (valid_copy / "data/results/nobody2020.yaml").write_text(
        "source: nobody2020\nresults:\n  - {model: toy-7b, benchmark: toybench, shots: 0, metric: accuracy, value: 1.0, locator: T1}\n",
        encoding="utf-8",
    )
    assert load_errors(valid_copy) == [
        'data/results/nobody2020.yaml:1: source: unknown source "nobody2020"'
    ]
