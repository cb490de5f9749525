"""The contributor's loop: a real `mkdocs serve --strict` (what `./run serve` runs) on a free
port; edit a file, poll the served page, as a contributor does."""

from __future__ import annotations

import re
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import MKDOCS, build_env, edit, make_project

RESULTS = "data/results/doe2023toy.yaml"


class Server:
    """`mkdocs serve` in a project; its log is read as it comes."""

    def __init__(self, project: Path, *extra: str):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [*MKDOCS, "serve", "--strict", *extra, "-a", f"127.0.0.1:{self.port}"],
            cwd=project,
            env=build_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_log("Serving on", 300)

    def _read(self):
        for line in self.proc.stdout:
            self.log.append(line)

    def wait_log(self, text: str, timeout: float = 120, count: int = 1) -> None:
        end = time.monotonic() + timeout
        while sum(text in line for line in self.log) < count:
            assert self.proc.poll() is None, "the server ended:\n" + "".join(self.log[-30:])
            assert time.monotonic() < end, f"no {text!r} in the log:\n" + "".join(self.log[-30:])
            time.sleep(0.2)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            html = response.read().decode("utf-8")
        # what the server itself adds: its live-reload script (the last <script> before
        # </body>, naming the build's epoch) and its address
        html = re.sub(r"<script>[^<]*livereload\([^<]*</script>(?=</body>)", "", html)
        return html.replace(f"127.0.0.1:{self.port}", "HOST")

    def wait_page(self, path: str, text: str, timeout: float = 120) -> str:
        end = time.monotonic() + timeout
        while True:
            try:
                html = self.get(path)
                if text in html:
                    return html
            except OSError:
                pass
            assert self.proc.poll() is None, "the server ended:\n" + "".join(self.log[-30:])
            assert time.monotonic() < end, f"{path} never showed {text!r}"
            time.sleep(0.3)

    def close(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "project")


def test_errors_are_shown_every_time_and_the_server_survives_them(project):
    server = Server(project)
    try:
        edit(project, RESULTS, "value: 40.5", 'value: "forty"')
        server.wait_log(f"{RESULTS}:3: results[0].value")
        (project / RESULTS).write_text((project / RESULTS).read_text(encoding="utf-8"))
        server.wait_log(f"{RESULTS}:3: results[0].value", count=2)  # saved twice, shown twice
        edit(project, RESULTS, 'value: "forty"', "value: 42.5")
        server.wait_page("/models/toy/", "42.5")
        page = project / "docs/models/toy.md"
        edit(project, "docs/models/toy.md", 'family_page("toy")', 'family_page("toyy")')
        server.wait_log('docs/models/toy.md:5: family_page("toyy")')
        time.sleep(1)
        assert server.proc.poll() is None  # MkDocs holds requests until the next good build
        page.write_text(page.read_text(encoding="utf-8").replace("toyy", "toy"), encoding="utf-8")
        server.wait_page("/models/toy/", "42.5")
        assert server.proc.poll() is None
    finally:
        server.close()


def test_a_code_edit_during_serve_says_to_restart_and_undoing_it_builds_again(project):
    server = Server(project)
    try:
        code = project / "atlas/render/family.py"
        original = code.read_text(encoding="utf-8")
        code.write_text(original + "\n# an edit\n", encoding="utf-8")
        server.wait_log("atlas/render/family.py changed: mkdocs serve keeps the Python")
        server.wait_log("Aborted with")  # strict: the served site stays as it was
        assert server.proc.poll() is None
        built = sum("Documentation built" in line for line in server.log)
        code.write_text(original, encoding="utf-8")  # the same bytes again: no change
        server.wait_log("Documentation built", count=built + 1)
        server.wait_page("/models/toy/", "40.5")
    finally:
        server.close()
