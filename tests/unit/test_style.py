"""Style the tools enforce: ruff's lint and format, and short functions in the library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 60


def _ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_ruff_lint_passes():
    run = _ruff("check", ".")
    assert run.returncode == 0, run.stdout + run.stderr


def test_ruff_format_passes():
    run = _ruff("format", "--check", ".")
    assert run.returncode == 0, run.stdout + run.stderr


def long_functions(root: Path) -> list[str]:
    """Functions longer than MAX_LINES whose signature has no ``# long:`` comment saying why."""
    out = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                header = "\n".join(lines[node.lineno - 1 : node.body[0].lineno - 1])
                if length > MAX_LINES and "# long:" not in header:
                    out.append(
                        f"{path.relative_to(ROOT)}:{node.lineno}: {node.name} ({length} lines)"
                    )
    return out


def test_library_functions_are_short():
    assert long_functions(ROOT / "atlas") == []


def test_long_function_check_can_fail(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_LINES + 1))
    (tmp_path / "m.py").write_text(f"def f():\n{body}\n", encoding="utf-8")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert long_functions(tmp_path) == [f"m.py:1: f ({MAX_LINES + 2} lines)"]
    finally:
        ROOT = saved
