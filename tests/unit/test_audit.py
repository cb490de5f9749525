"""python -m atlas audit: coverage, results per setting, stale and unsourced facts, field rules."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import replace
from types import MappingProxyType

import pytest
from conftest import FIXTURES, ROOT

from atlas.audit import audit, report
from atlas.load import load_catalog


def test_fixture_coverage_and_settings():
    a = audit(load_catalog(FIXTURES / "valid"), today=dt.date(2026, 11, 28))
    count, fields = a.coverage["variants"]
    assert count == 2 and dict(fields)["parameters"] == 2 and dict(fields)["layers"] == 1
    assert ("toybench", "5-shot · accuracy", 4) in a.results_by_setting
    assert a.unsourced == [] and a.stale == []


def test_stale_facts_are_listed():
    a = audit(load_catalog(FIXTURES / "valid"), today=dt.date(2028, 1, 1))
    assert ("family", "toy", "2026-11-01") in a.stale


def test_a_value_without_a_source_is_reported():
    c = load_catalog(FIXTURES / "valid")
    fam = c.families["toy"]
    bare = fam.variants[1].model_copy(update={"cite": type(fam.variants[1].cite)()})
    c2 = replace(
        c,
        families=MappingProxyType(
            {"toy": fam.model_copy(update={"variants": [fam.variants[0], bare]})}
        ),
    )
    a = audit(c2)
    assert a.unsourced == ["variant toy-65b: parameters", "variant toy-65b: training_tokens"]
    assert "## values without a source: 2" in report(a)


def test_cli_on_the_real_catalog_finds_no_unsourced_value():
    run = subprocess.run(
        [sys.executable, "-m", "atlas", "audit"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr
    assert "## values without a source: 0" in run.stdout
    assert "## field rules broken: 0 " in run.stdout
    assert "## families: " in run.stdout and "## results per benchmark and setting" in run.stdout


# ---------------------------------------------------------------------------
# Field rules: CONTRIBUTING.md states each once, atlas/audit.py checks each, each check can fail
# ---------------------------------------------------------------------------

TOY = "data/models/toy.yaml"
#: The fixture with the one note it lacks (its 65B model saw exactly its corpus, 1.4T tokens).
CLEAN = [
    (
        TOY,
        '    training_tokens: 1400000000000\n    cite:\n      default: {source: doe2023toy, locator: "Table 2"}',
        '    training_tokens: 1400000000000\n    cite:\n      default: {source: doe2023toy, locator: "Table 2"}'
        '\n      training_tokens: {source: doe2023toy, locator: "Table 2", note: "tokens seen: one epoch"}',
    ),
]
RESULTS = "data/results/doe2023toy.yaml"
FIRST = '{model: toy-7b, benchmark: toybench, shots: 0, metric: accuracy, value: 40.5, locator: "Table 3"}'

#: rule id -> edits of the clean fixture that break it, and the text of the line it reports.
BREAK = {
    "training-tokens-seen": (
        [(TOY, ', note: "tokens seen: one epoch"', "")],
        "    training_tokens: 1400000000000",
    ),
    "parameters-total": (
        [
            (
                TOY,
                "    parameters: 6700000000\n",
                "    parameters: 6700000000\n    non_embedding_parameters: 6700000000\n",
            )
        ],
        "    non_embedding_parameters: 6700000000",
    ),
    "context-length-exact": (
        [(TOY, "    context_length: 2048", "    context_length: 2000")],
        "    context_length: 2000",
    ),
    "estimate-marked": (
        [(RESULTS, FIRST, FIRST.replace('"Table 3"', '"Figure 3"'))],
        FIRST.replace('"Table 3"', '"Figure 3"'),
    ),
    "shots-stated": (
        [(RESULTS, FIRST, FIRST.replace("shots: 0", "shots: null"))],
        FIRST.replace("shots: 0", "shots: null"),
    ),
    "inherited-differs": (
        [(TOY, "    name: Toy-7B\n", '    name: Toy-7B\n    release_date: "2023-01-02"\n')],
        '    release_date: "2023-01-02"',
    ),
    "dates-in-order": (
        [
            (
                TOY,
                'release_date: "2023-01-02"\n',
                'release_date: "2023-01-02"\nknowledge_cutoff: "2023-06"\n',
            )
        ],
        'knowledge_cutoff: "2023-06"',
    ),
    "hf-repo-open-weights": (
        [
            (TOY, "access: open-weights", "access: api-only"),
            (TOY, "    name: Toy-7B\n", '    name: Toy-7B\n    hf_repo: "toy/toy-7b"\n'),
        ],
        '    hf_repo: "toy/toy-7b"',
    ),
}


def _fixture(tmp_path, edits):
    import shutil

    root = tmp_path / "cat"
    shutil.copytree(FIXTURES / "valid", root)
    for file, old, new in edits:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def _rules_in_contributing() -> list[str]:
    import re

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("\n## Field rules\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^- \*\*`([a-z0-9-]+)`\*\*:", section, re.M)


def test_contributing_states_each_rule_once_and_the_audit_checks_each():
    from atlas.audit import RULES

    stated = _rules_in_contributing()
    assert len(stated) == len(set(stated)), stated
    assert sorted(stated) == sorted(RULES)
    assert sorted(BREAK) == sorted(RULES)  # every check has fixture data that breaks it


def test_the_clean_fixture_breaks_no_rule(tmp_path):
    a = audit(load_catalog(_fixture(tmp_path, CLEAN)), today=dt.date(2026, 11, 28))
    assert a.violations == [] and a.broken == []


@pytest.mark.parametrize("rule_id", sorted(BREAK))
def test_each_check_can_fail_with_file_line_and_field(tmp_path, rule_id):
    edits, line_text = BREAK[rule_id]
    root = _fixture(tmp_path, CLEAN + edits)
    a = audit(load_catalog(root), today=dt.date(2026, 11, 28))
    assert [v.rule for v in a.violations] == [rule_id], [str(v) for v in a.violations]
    v = a.violations[0]
    lines = (root / v.file).read_text(encoding="utf-8").splitlines()
    assert line_text.strip() in lines[v.line - 1], (str(v), lines[v.line - 1])
    assert str(v).startswith(f"{v.file}:{v.line}: {v.path}: ") and str(v).endswith(f"[{rule_id}]")
    assert "## field rules broken: 1 " in report(a) and str(v) in report(a)


def test_cli_exits_non_zero_on_a_broken_rule(tmp_path):
    root = _fixture(tmp_path, CLEAN + BREAK["context-length-exact"][0])
    pages = [sys.executable, "-m", "atlas", "--root", str(root), "pages"]
    subprocess.run(pages, cwd=ROOT, capture_output=True, check=True, timeout=120)
    run = subprocess.run(
        [sys.executable, "-m", "atlas", "--root", str(root), "audit"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stdout[-2000:] + run.stderr
    assert "data/models/toy.yaml:" in run.stdout and "[context-length-exact]" in run.stdout
