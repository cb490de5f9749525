"""python -m atlas audit: coverage, results per setting, stale and unsourced facts."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import replace
from types import MappingProxyType

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
    assert "## families: " in run.stdout and "## results per benchmark and setting" in run.stdout
