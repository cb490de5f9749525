"""When each file last changed, from git history: one `git log` per build.

A checkout without history (a shallow clone, a downloaded archive, no git at
all) yields no dates rather than wrong ones; pages then omit the date.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def last_changed(root: Path, folders: tuple[str, ...] = ("data", "docs")) -> dict[str, str]:
    """Path (relative to the repository root) -> ISO date of the last commit that touched it."""
    try:
        shallow = subprocess.run(
            ["git", "rev-parse", "--is-shallow-repository"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
        )
        if shallow.returncode != 0 or shallow.stdout.strip() != "false":
            return {}
        top = subprocess.run(
            ["git", "rev-parse", "--show-prefix"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--", *folders],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if log.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in log.stdout.splitlines():
        if line.startswith("\0"):
            current = line[1:]
        elif line and current:
            path = line[len(top) :] if top and line.startswith(top) else line
            dates.setdefault(path, current)  # newest first: keep the first seen
    return dates
