"""The contributor's path: scaffold, validate with exact messages, build, see the data; and the downloads."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import bibtexparser

from atlas.export import cited_sources, export_files, llms_txt
from atlas.load import load_catalog

from conftest import ROOT, make_project, mkdocs_build


def atlas_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "atlas", "--root", str(project), *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_scaffold_round_trip_builds_and_shows_the_data(tmp_path):
    project = make_project(tmp_path / "p")
    made = atlas_cli(project, "new", "family", "newlm", "--name", "NewLM")
    assert made.returncode == 0, made.stderr
    assert (project / "data/models/newlm.yaml").exists() and (project / "docs/models/newlm.md").exists()

    # A fresh skeleton is refused until its TODOs are replaced, each named with file and line.
    check = atlas_cli(project, "validate")
    assert check.returncode == 1
    assert "data/models/newlm.yaml:6: organizations[0]: replace the TODO placeholder with the real value (or remove the key if no source gives it)" in check.stderr
    assert "data/models/newlm.yaml:21: variants[0].id: replace the TODO placeholder" in check.stderr  # the skeleton's "newlm-todo"

    path = project / "data/models/newlm.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in {
        "TODO-organization-id": "toy-lab", '"TODO"': '"2024-05"', "TODO-source-id": "doe2023toy",
        "TODO: two to four sentences in your own words.": "NewLM is a test model.", "TODO：用自己的话写两到四句中文摘要。": "测试模型。",
        "TODO: the table or section": "Section 1", "TODO: the table that lists these numbers": "Table 1",
        "newlm-todo": "newlm-3b", "NewLM (TODO size)": "NewLM-3B", "parameters: 0  ": "parameters: 3100000000  ",
    }.items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    assert atlas_cli(project, "new", "variant", "newlm-7b", "--family", "newlm", "--name", "NewLM-7B").returncode == 0
    path.write_text(path.read_text(encoding="utf-8").replace("parameters: 0  ", "parameters: 7000000000  ").replace("TODO: the table that lists these numbers", "Table 1").replace("TODO-source-id", "doe2023toy"), encoding="utf-8")

    check = atlas_cli(project, "validate")
    assert check.returncode == 0, check.stderr
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site/models/newlm/index.html").read_text(encoding="utf-8")
    assert "NewLM-3B" in page and "3.1B" in page and "NewLM-7B" in page and "7B" in page
    assert "Doe et al. 2023" in page


def test_validate_reports_every_error_with_file_and_line(tmp_path):
    project = make_project(tmp_path / "p")
    path = project / "data/models/toy.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("layers: 32", 'layers: "32"').replace("access: open-weights", "access: public"), encoding="utf-8")
    check = atlas_cli(project, "validate")
    assert check.returncode == 1
    assert check.stderr.splitlines() == [
        "the atlas data has 2 errors:",
        "  data/models/toy.yaml:9: access: expected one of 'open-weights', 'api-only' or 'closed', got \"public\"",
        '  data/models/toy.yaml:27: variants[0].layers: expected an integer, got "32"',
    ]


def test_new_refuses_a_bad_id_and_an_existing_file(tmp_path):
    project = make_project(tmp_path / "p")
    bad = atlas_cli(project, "new", "family", "New_LM")
    assert bad.returncode == 2 and 'is not a valid id' in bad.stderr
    again = atlas_cli(project, "new", "family", "toy")
    assert again.returncode == 2 and "exists already" in again.stderr


def test_bibtex_has_one_entry_per_cited_source():
    catalog = load_catalog(ROOT)
    bib = export_files(catalog)["sources.bib"]
    db = bibtexparser.loads(bib)
    assert [e["ID"] for e in db.entries] == cited_sources(catalog)
    llama = next(e for e in db.entries if e["ID"] == "touvron2023llama")
    assert llama["eprint"] == "2302.13971" and "LLaMA" in llama["title"]


def test_llms_txt_lists_every_entity_page():
    catalog = load_catalog(ROOT)
    text = llms_txt(catalog)
    assert text.startswith("# Foundation Model Atlas\n")
    for folder, store in (("models", catalog.families), ("datasets", catalog.datasets), ("benchmarks", catalog.benchmarks), ("methods", catalog.methods)):
        for entity_id, entity in store.items():
            assert f"]({folder}/{entity_id}/)" in text, entity_id


def test_downloads_are_in_the_built_site(real_site):
    for name in ("api/catalog.json", "api/models.csv", "api/results.csv", "api/sources.bib", "llms.txt", "api/schema/family.schema.json"):
        assert (real_site / name).exists(), name
    schema = json.loads((real_site / "api/schema/family.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Foundation Model Atlas: family"


def test_pages_carry_edit_links_and_dates(tmp_path):
    project = make_project(tmp_path / "p")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A"], cwd=project, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x", "--date=2024-01-02T00:00:00"], cwd=project, check=True,
                   env={"GIT_COMMITTER_DATE": "2024-01-03T00:00:00", "PATH": "/usr/bin:/bin"})
    import os

    env = dict(os.environ, ATLAS_REPO_URL="https://github.com/example/atlas", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site/models/toy/index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/example/atlas/edit/main/docs/models/toy.md"' in page
    assert 'href="https://github.com/example/atlas/edit/main/data/models/toy.yaml"' in page
    assert "issues/new?template=wrong-number.yml" in page
    assert "Data last changed 2024-01-03" in page


def test_a_checkout_without_history_still_builds(tmp_path):
    project = make_project(tmp_path / "p")  # not a git repository at all
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site/models/toy/index.html").read_text(encoding="utf-8")
    assert "Data last changed" not in page and "Facts checked 2026-11-01" in page


def test_results_scaffold_round_trips_through_validate_and_a_build(tmp_path):
    project = make_project(tmp_path / "p")
    sources = project / "data/sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + '- {id: roe2024eval, kind: paper, title: "An evaluation", year: 2024, url: "https://example.org/eval"}\n', encoding="utf-8")
    made = atlas_cli(project, "new", "result", "roe2024eval")
    assert made.returncode == 0, made.stderr
    path = project / "data/results/roe2024eval.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/results.schema.json\n")
    check = atlas_cli(project, "validate")
    assert check.returncode == 1 and "data/results/roe2024eval.yaml:6: results[0].model: replace the TODO placeholder" in check.stderr, check.stderr
    for old, new in {"TODO-variant-id": "toy-7b", "TODO-benchmark-id": "toybench", "shots: TODO": "shots: 3", "value: TODO": "value: 41.7", "TODO: the table or section": "Table 4"}.items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    check = atlas_cli(project, "validate")
    assert check.returncode == 0, check.stderr
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    page = (tmp_path / "site/benchmarks/toybench/index.html").read_text(encoding="utf-8")
    assert "41.7" in page and "3-shot" in page
    assert atlas_cli(project, "new", "result", "roe2024eval").returncode == 2  # never overwrites


def test_the_pre_commit_hooks_load_and_validate_the_data():
    import shlex

    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert set(hooks) == {"atlas-validate", "atlas-schema"} and all(isinstance(h["name"], str) for h in hooks.values())
    entry = shlex.split(hooks["atlas-validate"]["entry"])
    assert entry[:3] == [".venv/bin/python", "-m", "atlas"]
    done = subprocess.run([sys.executable, *entry[1:]], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.startswith("ok: "), done.stdout + done.stderr


def test_run_without_a_known_command_prints_its_usage_only():
    done = subprocess.run([str(ROOT / "run"), "nosuch"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0] == "unknown command: nosuch"
    assert any(line.strip().startswith("./run test") for line in lines)
    assert not any("set -" in line or "cd " in line for line in lines), lines
