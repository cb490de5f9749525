"""`mkdocs serve`'s rebuild (hooks/page_cache.py) renders only the pages whose text changed, and
what it writes equals a full build of the same files, byte for byte."""

from __future__ import annotations

import filecmp
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build_env, make_project, mkdocs_build

RESULTS = "data/results/doe2023toy.yaml"

# What `mkdocs serve` does, without the server: one configuration per build, the first one
# told the command is serve; between the two builds the edits are saved.
SERVE_TWICE = """
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

site, edits = sys.argv[1], json.loads(sys.argv[2])
config = load_config("mkdocs.yml", site_dir=site, strict=True)
config.plugins.on_startup(command="serve", dirty=False)
build(config)
for path, old, new in edits:
    text = Path(path).read_text(encoding="utf-8")
    assert old in text, (path, old)
    Path(path).write_text(text.replace(old, new, 1), encoding="utf-8")
build(load_config("mkdocs.yml", site_dir=site, strict=True))
state = sys.modules["hooks/page_cache.py"]._state
print(json.dumps({"rendered": state["rendered"], "pages": sorted(state["pages"])}))
"""


def serve_twice(project: Path, site: Path, edits: list[tuple[str, str, str]]) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", SERVE_TWICE, str(site), json.dumps(edits)],
        cwd=project,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def differing(a: Path, b: Path) -> list[str]:
    """Files that are not the same in both trees, or in only one of them."""
    out = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        out.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(prefix + n for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return out


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "project")


def test_a_data_edit_renders_only_the_pages_that_show_it_and_equals_a_full_build(
    project, tmp_path
):
    served = serve_twice(project, tmp_path / "served", [(RESULTS, "value: 40.5", "value: 42.5")])
    rendered, pages = set(served["rendered"]), set(served["pages"])
    assert {"models/toy.md", "zh/models/toy.md"} <= rendered  # the number is on them
    assert "about.md" not in rendered and "zh/about.md" not in rendered
    assert len(rendered) < len(pages) / 2, sorted(rendered)
    full = mkdocs_build(project, tmp_path / "full")
    assert full.returncode == 0, full.stderr[-3000:]
    assert "42.5" in (tmp_path / "full" / "models/toy/index.html").read_text(encoding="utf-8")
    assert differing(tmp_path / "served", tmp_path / "full") == []


def test_an_edit_outside_data_renders_every_page_again(project, tmp_path):
    edit = ("docs/about.md", "\n", "\nA new line.\n")
    served = serve_twice(project, tmp_path / "served", [edit])
    assert sorted(served["rendered"]) == served["pages"]
    full = mkdocs_build(project, tmp_path / "full")
    assert full.returncode == 0, full.stderr[-3000:]
    assert differing(tmp_path / "served", tmp_path / "full") == []
