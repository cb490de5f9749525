"""Shared fixtures: the repository root, a copy of a small valid catalog, site builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(ROOT / "tools"))  # the build benchmark (tools/bench.py)
MKDOCS = [sys.executable, "-m", "mkdocs"]


def _commit_time() -> str:
    done = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else "1767225600"


def build_env() -> dict:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    # MkDocs dates the sitemap with the build day; a fixed date keeps two builds identical
    # even when midnight falls between them.
    env.setdefault("SOURCE_DATE_EPOCH", _commit_time())
    return env


def mkdocs_build(
    project: Path, site_dir: Path, *extra: str, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` on a project folder (``env``: extra variables)."""
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site_dir), *extra],
        cwd=project,
        env={**build_env(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )


def edit(project: Path, file: str, old: str, new: str) -> None:
    """Replace the first ``old`` in a project's file; a scenario whose text is gone fails."""
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"scenario does not apply: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_project(dest: Path, data: Path = FIXTURES / "valid" / "data") -> Path:
    """A complete site project (config, macros, library, static pages) around ``data``.

    Entity pages are written from the standard template, as `python -m atlas pages` would.
    """
    from atlas.load import load_catalog
    from atlas.scaffold import page_path, page_text

    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "macros.py"):
        shutil.copy(ROOT / name, dest / name)
    for folder in ("atlas", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(data, dest / "data")
    docs = dest / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    static = [p.name for p in (ROOT / "docs").glob("*.md")] + [
        f"{k}/index.md" for k in ("models", "datasets", "benchmarks", "methods")
    ]
    for page in static:
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "docs" / page, docs / page)
    # the charts page names the real catalog's MMLU; the small catalog has ToyBench instead
    for charts in (docs / "charts.md", docs / "charts.zh.md"):  # both editions' charts pages
        charts.write_text(
            charts.read_text(encoding="utf-8").replace(
                'score_vs_compute("mmlu", 5)', 'score_vs_compute("toybench", 5)'
            ),
            encoding="utf-8",
        )
    catalog = load_catalog(dest)
    for kind, store in (
        ("family", catalog.families),
        ("dataset", catalog.datasets),
        ("benchmark", catalog.benchmarks),
        ("method", catalog.methods),
    ):
        for entity_id, entity in store.items():
            (dest / page_path(kind, entity_id)).write_text(
                page_text(kind, entity_id, entity.name), encoding="utf-8"
            )
    return dest


@pytest.fixture
def valid_copy(tmp_path: Path) -> Path:
    """A writable copy of the small valid catalog (tests/fixtures/valid)."""
    dest = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid", dest)
    return dest


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, (
        f"the real site does not build:\n{result.stdout}\n{result.stderr}"
    )
    (site.parent / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return site


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The downloadable build (`./run build-offline`): plain .html URLs, search without a server."""
    site = tmp_path_factory.mktemp("offline") / "site"
    env = build_env()
    env["ATLAS_OFFLINE"] = "true"
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, (
        f"the offline site does not build:\n{result.stdout}\n{result.stderr}"
    )
    return site
