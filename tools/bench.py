"""Build performance at catalog scale: ``python -m atlas bench`` (or ``python tools/bench.py``).

For each size it generates, in a temporary folder, a synthetic catalog of N model families
(three variants each, results on four benchmarks, the usual entity pages), valid against the
schema. It then builds it twice with the real configuration:

* **atlas**: the data layer as the site uses it (YAML -> validated catalog -> macros);
* **baseline**: the same pages written out as plain Markdown (tables already filled in by
  the same renderers), built without the macros plugin and without data/.

The ratio of the two is the cost of the data layer. Each build runs in its own process;
wall time and peak memory (max RSS) are measured around it.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
BENCHMARKS = ("alpha", "beta", "gamma", "delta")
ORGS = 50
DATASETS = 20
VARIANTS = 3
_SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ra",
    "te",
    "zu",
    "no",
    "vi",
    "sa",
    "du",
    "pe",
    "go",
    "ri",
    "ma",
    "ne",
    "to",
    "bu",
    "le",
    "ho",
    "fi",
)


def family_name(i: int) -> str:
    """A distinct made-up name per family. Real model names differ; "Family 1", "Family 2", ...
    would make a search for one name match every page."""
    letters = ""
    for _ in range(4):
        i, digit = divmod(i, len(_SYLLABLES))
        letters += _SYLLABLES[digit]
    return letters.capitalize()


@dataclass
class Row:
    families: int
    pages: int
    atlas_seconds: float
    baseline_seconds: float
    ratio: float  # median over the pairs of builds
    ratio_low: float
    ratio_high: float
    builds: int  # pairs of builds (atlas, baseline)
    seconds_per_family: float
    atlas_peak_mb: float
    baseline_peak_mb: float
    atlas_cpu_seconds: float  # user + system time of the build and the processes it forked
    baseline_cpu_seconds: float
    site_mb: float
    entity_page_kb: float
    search_index_mb: float
    first_search_ms: float | None = None
    broad_search_ms: float | None = None


# ---------------------------------------------------------------------------
# Synthetic catalog
# ---------------------------------------------------------------------------


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(project: Path, families: int) -> None:
    """Write data/ and docs/ of a synthetic catalog with ``families`` families."""
    from atlas.scaffold import page_text

    data = project / "data"
    sources = []
    for i in range(families):
        sources.append(
            f'- {{id: src-{i:05d}, kind: paper, title: "Synthetic paper {i}", authors: "A. Author, B. Author", year: 2023, url: "https://example.org/{i}"}}'
        )
    _write(data / "sources.yaml", "\n".join(sources) + "\n")
    _write(
        data / "organizations.yaml",
        "".join(f'- {{id: org-{k}, name: "Organization {k}"}}\n' for k in range(ORGS)),
    )
    _write(
        data / "licenses.yaml",
        "".join(
            f'- {{id: lic-{k}, name: "Synthetic license {k}", url: "https://example.org/license/{k}", class: {("permissive", "restricted", "non-commercial", "proprietary")[k % 4]}}}\n'
            for k in range(5)
        ),
    )
    _write(
        data / "settings.yaml",
        '- {id: test, kind: split, name: test, description: "the test split"}\n',
    )
    for d in range(DATASETS):
        _write(
            data / "datasets" / f"corpus-{d}.yaml",
            f"""id: corpus-{d}
name: Corpus {d}
kind: pretraining
tokens: {(d + 1) * 10**11}
languages: [en]
license: lic-0
creators: [org-{d % ORGS}]
summary: {{en: "Synthetic corpus {d} of web text.", zh: "合成语料库 {d}。"}}
checked: "2026-11-01"
cite: {{default: {{source: src-00000, locator: "Table 1"}}}}
""",
        )
    for b in BENCHMARKS:
        _write(
            data / "benchmarks" / f"{b}.yaml",
            f"""id: {b}
name: Bench {b.capitalize()}
task_format: "multiple choice"
measures: "synthetic ability {b}"
tasks: 10
splits: [{{name: test, examples: 1000}}]
metrics: [{{id: accuracy, name: Accuracy, higher_is_better: true, unit: "%", range: [0, 100]}}]
random_baseline: 25.0
summary: {{en: "Synthetic benchmark {b}.", zh: "合成基准 {b}。"}}
checked: "2026-11-01"
cite: {{default: {{source: src-00000, locator: "Section 3"}}}}
""",
        )
    _write(
        data / "methods" / "tuning.yaml",
        """id: tuning
name: Tuning
kind: method
summary: {en: "Synthetic method.", zh: "合成方法。"}
checked: "2026-11-01"
reported: [{label: "Fewer trainable parameters", value: 100, unit: "x", source: src-00000, locator: "Abstract"}]
""",
    )
    for i in range(families):
        fid = f"fam-{i:05d}"
        year = 2018 + i % 8
        variants = []
        results = []
        for k in range(VARIANTS):
            params = (k + 1) * 7 * 10**9 + i
            variants.append(f"""  - id: {fid}-{k}
    name: {family_name(i)} v{k}
    parameters: {params}
    training_tokens: {(k + 1) * 10**12}
    context_length: {2048 * (k + 1)}
    layers: {32 + 8 * k}
    d_model: {4096 + 1024 * k}
    attention_heads: {32 + 8 * k}
    cite: {{default: {{source: src-{i:05d}, locator: "Table 2"}}}}
""")
            for j, b in enumerate(BENCHMARKS):
                results.append(
                    f'  - {{model: {fid}-{k}, benchmark: {b}, shots: {(i + j) % 2 * 5}, metric: accuracy, value: {30 + (i * 7 + k * 13 + j * 3) % 60}.{(i + k) % 10}, locator: "Table {3 + j}"}}'
                )
        _write(
            data / "models" / f"{fid}.yaml",
            f"""id: {fid}
name: {family_name(i)}
aliases: [F{i}]
organizations: [org-{i % ORGS}]
release_date: "{year}-{1 + i % 12:02d}"
paper: src-{i:05d}
license: lic-{i % 5}
access: {("open-weights", "open-weights", "api-only", "closed")[i % 4]}
gated: {"true" if i % 4 == 1 else "false"}
architecture: decoder-only
objective: "next-token prediction"
languages: [en]
training_data: [corpus-{i % DATASETS}, corpus-{(i + 1) % DATASETS}]
summary:
  en: "{family_name(i)} is a synthetic model family used to measure build time. It has three sizes."
  zh: "第 {i} 号模型族是用于测量构建时间的合成数据，共有三种规模。"
checked: "2026-11-01"
cite: {{default: {{source: src-{i:05d}, locator: "Section 2"}}}}
variants:
"""
            + "".join(variants),
        )
        _write(
            data / "results" / f"src-{i:05d}.yaml",
            f"source: src-{i:05d}\nresults:\n" + "\n".join(results) + "\n",
        )

    docs = project / "docs"
    for kind, folder, ids, names in (
        (
            "family",
            "models",
            [f"fam-{i:05d}" for i in range(families)],
            [family_name(i) for i in range(families)],
        ),
        (
            "dataset",
            "datasets",
            [f"corpus-{d}" for d in range(DATASETS)],
            [f"Corpus {d}" for d in range(DATASETS)],
        ),
        (
            "benchmark",
            "benchmarks",
            list(BENCHMARKS),
            [f"Bench {b.capitalize()}" for b in BENCHMARKS],
        ),
        ("method", "methods", ["tuning"], ["Tuning"]),
    ):
        for entity_id, name in zip(ids, names):
            _write(docs / folder / f"{entity_id}.md", page_text(kind, entity_id, name))
    _write(docs / "index.md", "# Synthetic atlas\n\n{{ catalog_stats() }}.\n")
    for folder, macro in (
        ("models", "models_index"),
        ("datasets", "datasets_index"),
        ("benchmarks", "benchmarks_index"),
        ("methods", "methods_index"),
    ):
        _write(
            docs / folder / "index.md",
            f"# {folder.capitalize()}\n\n## All {folder} {{ data-search-exclude }}\n\n{{{{ {macro}() }}}}\n",
        )
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")


def config(macros: bool) -> str:
    """The real mkdocs.yml with the synthetic nav (and, for the baseline, without the macros plugin)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(
        r"^nav:\n(?:  - .*\n)+",
        "nav:\n  - Home: index.md\n  - Models: models/index.md\n  - Datasets: datasets/index.md\n  - Benchmarks: benchmarks/index.md\n  - Methods: methods/index.md\n",
        text,
        flags=re.M,
    )
    text = text.replace(
        "docs/assets/search/jieba-user.txt", str(ROOT / "docs/assets/search/jieba-user.txt")
    )
    if not macros:
        text = re.sub(r"^  - macros:\n(?:      .*\n)+", "", text, flags=re.M)
        text = re.sub(r"^watch:\n(?:  - .*\n)+", "", text, flags=re.M)
    return text


def write_baseline(atlas_project: Path, baseline: Path) -> None:
    """The same pages as plain Markdown: every macro call replaced by what it renders."""
    import jinja2

    from atlas.load import load_catalog
    from atlas.render import bound_macros

    catalog = load_catalog(atlas_project)
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    docs_in, docs_out = atlas_project / "docs", baseline / "docs"
    for page in docs_in.rglob("*.md"):
        rel = page.relative_to(docs_in).as_posix()
        _write(
            docs_out / rel,
            env.from_string(page.read_text(encoding="utf-8")).render(**bound_macros(catalog, rel)),
        )
    shutil.copytree(docs_in / "assets", docs_out / "assets")


# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------

_RUNNER = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
elapsed = time.perf_counter() - start
if done.returncode:
    sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
    sys.exit(done.returncode)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""


def timed_build(project: Path, site: Path) -> tuple[float, float, float]:
    """(wall seconds, peak MB, CPU seconds) of `mkdocs build --strict` in its own process.

    The peak is that of the largest single process (the build, or a process it forked); CPU
    time adds up all of them."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            _RUNNER,
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--site-dir",
            str(site),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    if run.returncode:
        raise RuntimeError(f"build failed in {project}:\n{run.stderr}")
    seconds, kb, cpu = run.stdout.split()
    return float(seconds), int(kb) / 1024, float(cpu)


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# Recorded in the page itself: when the first search result appears, counted from the start of
# navigation (performance.now()), so WebDriver's own round trips do not count.
_RESULT_CLOCK = """
new MutationObserver(function () {
  if (!window.__firstResult && document.querySelector(".md-search-result__item")) window.__firstResult = performance.now();
}).observe(document, {subtree: true, childList: true});
"""


def first_search_ms(site: Path, queries: list[str], timeout_s: float = 60) -> list[float] | None:
    """For each query: milliseconds from opening the home page (browser cache off) to the first
    search result, in headless Chromium; inf when none came within ``timeout_s``."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        return None
    if not (Path("/usr/bin/chromium").exists() and Path("/usr/bin/chromedriver").exists()):
        return None
    import functools
    import http.server
    import threading

    from selenium.common.exceptions import TimeoutException

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    times = []
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _RESULT_CLOCK})
        driver.get(
            f"http://127.0.0.1:{httpd.server_address[1]}/"
        )  # not counted: the browser's own first start
        for query in queries:
            driver.get(f"http://127.0.0.1:{httpd.server_address[1]}/")
            box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
            driver.execute_script("arguments[0].focus()", box)
            box.send_keys(query)
            try:
                times.append(
                    WebDriverWait(driver, timeout_s, poll_frequency=0.05).until(
                        lambda d: d.execute_script("return window.__firstResult")
                    )
                )
            except TimeoutException:
                times.append(float("inf"))
    finally:
        driver.quit()
        httpd.shutdown()
    return times


def run(
    sizes: list[int],
    out: Path | None = None,
    browser: bool = True,
    workdir: Path | None = None,
    repeats: int = 5,
) -> dict:
    rows = []
    base = Path(tempfile.mkdtemp(prefix="atlas-bench-", dir=workdir))
    try:
        for n in sizes:
            atlas, plain = base / f"atlas-{n}", base / f"baseline-{n}"
            generate(atlas, n)
            shutil.copy(ROOT / "macros.py", atlas / "macros.py")
            write_baseline(atlas, plain)
            # Both builds have the same theme overrides and the same search (the hook that builds
            # the search index needs the atlas package, not the data layer).
            for project in (atlas, plain):
                for folder in ("atlas", "hooks", "overrides"):
                    shutil.copytree(
                        ROOT / folder,
                        project / folder,
                        ignore=shutil.ignore_patterns("__pycache__"),
                    )
            _write(atlas / "mkdocs.yml", config(macros=True))
            _write(plain / "mkdocs.yml", config(macros=False))
            # This machine is noisy: the same build can take 10% more or less from one run to the
            # next. Below 10,000 families each size is built `repeats` times, atlas and baseline
            # back to back, and the ratio is the median of the pairs' ratios (a pair shares the
            # machine's mood of the moment); times are medians, peak memory the highest seen.
            runs = [
                (timed_build(atlas, atlas / "site"), timed_build(plain, plain / "site"))
                for _ in range(repeats if n < 10_000 else 1)
            ]
            ratios = [a[0] / b[0] for a, b in runs]
            a_seconds, b_seconds = (statistics.median(r[side][0] for r in runs) for side in (0, 1))
            a_mb, b_mb = (max(r[side][1] for r in runs) for side in (0, 1))
            a_cpu, b_cpu = (statistics.median(r[side][2] for r in runs) for side in (0, 1))
            site = atlas / "site"
            pages = sum(1 for _ in site.rglob("index.html"))
            entity = statistics.median(
                p.stat().st_size for p in (site / "models").glob("fam-*/index.html")
            )
            row = Row(
                families=n,
                pages=pages,
                atlas_seconds=round(a_seconds, 2),
                baseline_seconds=round(b_seconds, 2),
                ratio=round(statistics.median(ratios), 3),
                ratio_low=round(min(ratios), 3),
                ratio_high=round(max(ratios), 3),
                builds=len(runs),
                seconds_per_family=round(a_seconds / n, 5),
                atlas_peak_mb=round(a_mb, 1),
                baseline_peak_mb=round(b_mb, 1),
                atlas_cpu_seconds=round(a_cpu, 2),
                baseline_cpu_seconds=round(b_cpu, 2),
                site_mb=round(_size(site) / 1e6, 2),
                entity_page_kb=round(entity / 1e3, 1),
                search_index_mb=round(
                    sum(f.stat().st_size for f in (site / "search").glob("*")) / 1e6, 2
                ),
            )
            print(f"built {n}: " + format_table([row]).splitlines()[1], flush=True)
            if browser:
                # a model's name (what people search for) and a word on every model's page
                times = first_search_ms(site, [family_name(n // 2), "organization"])
                if times is not None:
                    row.first_search_ms, row.broad_search_ms = (
                        round(t) if t != float("inf") else -1 for t in times
                    )  # -1: none within 60 s
            rows.append(row)
            print(format_table(rows[-1:]), flush=True)
            shutil.rmtree(plain / "site", ignore_errors=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    report = {
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "processor": platform.machine(),
        },
        "repeats_below_10000": repeats,
        "variants_per_family": VARIANTS,
        "benchmarks": len(BENCHMARKS),
        "results_per_family": VARIANTS * len(BENCHMARKS),
        "rows": [asdict(r) for r in rows],
    }
    if out:
        out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return report


COLUMNS = (
    "families",
    "pages",
    "builds",
    "atlas_seconds",
    "baseline_seconds",
    "ratio",
    "ratio_low",
    "ratio_high",
    "seconds_per_family",
    "atlas_peak_mb",
    "baseline_peak_mb",
    "atlas_cpu_seconds",
    "baseline_cpu_seconds",
    "site_mb",
    "entity_page_kb",
    "search_index_mb",
    "first_search_ms",
    "broad_search_ms",
)


def format_table(rows: list[Row]) -> str:
    lines = [" | ".join(COLUMNS)]
    for r in rows:
        lines.append(" | ".join(str(getattr(r, c)) for c in COLUMNS))
    return "\n".join(lines)


def _ms(value: float | None) -> str:
    if value is None:
        return "not measured"
    return "none within 60 s" if value < 0 else f"{value:,.0f}"


def markdown_table(report: dict) -> str:
    """The report as the Markdown table of the Performance page (tests check the page shows it)."""
    head = (
        "Families",
        "Pages",
        "Builds",
        "Atlas build (s)",
        "Plain Markdown build (s)",
        "Ratio (range)",
        "Seconds per family",
        "Peak memory atlas / plain (MB)",
        "CPU time atlas / plain (s)",
        "Site (MB)",
        "Family page HTML (KB)",
        "Search files (MB)",
        "First result, a name (ms)",
        "First result, a word on every page (ms)",
    )
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---:" for _ in head) + " |"]
    for r in report["rows"]:
        ratio = (
            f"{r['ratio']:.2f}"
            if r["builds"] == 1
            else f"{r['ratio']:.2f} ({r['ratio_low']:.2f}–{r['ratio_high']:.2f})"
        )
        cells = (
            f"{r['families']:,}",
            f"{r['pages']:,}",
            str(r["builds"]),
            f"{r['atlas_seconds']:.1f}",
            f"{r['baseline_seconds']:.1f}",
            ratio,
            f"{r['seconds_per_family']:.4f}",
            f"{r['atlas_peak_mb']:.0f} / {r['baseline_peak_mb']:.0f}",
            f"{r['atlas_cpu_seconds']:.1f} / {r['baseline_cpu_seconds']:.1f}",
            f"{r['site_mb']:.1f}",
            f"{r['entity_page_kb']:.1f}",
            f"{r['search_index_mb']:.2f}",
            _ms(r.get("first_search_ms")),
            _ms(r.get("broad_search_ms")),
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _catalog_size(project: Path) -> str:
    data = project / "data"
    families = len(list((data / "models").glob("*.yaml")))
    # a result is one `model:` key, in block style or flow style
    results = sum(
        f.read_text(encoding="utf-8").count("model:") for f in (data / "results").glob("*.yaml")
    )
    # docs/X.zh.md is the Chinese text of docs/X.md, not a page of its own
    pages = sum(1 for p in (project / "docs").rglob("*.md") if not p.name.endswith(".zh.md"))
    editions = " in each edition" if (project / "hooks" / "editions.py").exists() else ""
    return f"{families} families, {results:,} results, {pages} pages{editions}"


def against(commit: str, repeats: int = 3) -> str:
    """Strict builds of the real site at ``commit`` and of this checkout, alternating.

    Each side builds its own code, data and pages as they are (the catalog has grown since),
    in a temporary git worktree for ``commit``; returns a Markdown table of the medians."""
    old = Path(tempfile.mkdtemp(prefix="atlas-against-")) / "tree"
    subprocess.run(
        ["git", "worktree", "add", "--detach", "-q", str(old), commit], cwd=ROOT, check=True
    )
    here = "this checkout"
    times: dict[str, list[tuple[float, float, float]]] = {commit: [], here: []}
    try:
        with tempfile.TemporaryDirectory(prefix="atlas-against-site-") as out:
            for i in range(repeats):
                for name, project in ((commit, old), (here, ROOT)):
                    times[name].append(timed_build(project, Path(out) / f"{project.name}-{i}"))
                    print(name, *(round(x, 2) for x in times[name][-1]), file=sys.stderr)
        sizes = {commit: _catalog_size(old), here: _catalog_size(ROOT)}
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=False)
    med = {k: [statistics.median(run[j] for run in v) for j in range(3)] for k, v in times.items()}
    lines = [
        "| Build | Catalog | Wall (s), median | CPU (s), median | Peak memory (MB) | Runs |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    for name in (commit, here):
        runs = ", ".join(f"{w:.1f}" for w, _, _ in times[name])
        wall, mb, cpu = med[name]
        lines.append(f"| {name} | {sizes[name]} | {wall:.1f} | {cpu:.1f} | {mb:.0f} | {runs} |")
    ratio_wall = med[here][0] / med[commit][0]
    ratio_cpu = med[here][2] / med[commit][2]
    lines.append("")
    lines.append(
        f"{here} / {commit}: wall {ratio_wall:.2f}, CPU {ratio_cpu:.2f} ({repeats} alternating pairs)."
    )
    return "\n".join(lines)


SERVE_FILE = "data/results/touvron2023llama.yaml"
SERVE_VALUE = "value: 68.9"  # LLaMA-I 65B on MMLU, shown on the LLaMA page


def serve_loop(saves: int = 5) -> list[float]:
    """Seconds from saving a one-number change in a data file of this checkout to the LLaMA
    page served by `./run serve` showing it, for each of ``saves`` saves; the file is put
    back afterwards."""
    import socket
    import threading
    import time
    import urllib.request

    path = ROOT / SERVE_FILE
    original = path.read_text(encoding="utf-8")
    assert SERVE_VALUE in original, f"{SERVE_FILE} no longer has {SERVE_VALUE!r}"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [str(ROOT / "run"), "serve", "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(proc.stdout), daemon=True).start()
    times = []
    try:
        while not any("Serving on" in line for line in log):
            assert proc.poll() is None, "".join(log[-20:])
            time.sleep(0.2)
        for i in range(saves):
            time.sleep(2)
            new = f"68.9{i + 1}"
            start = time.monotonic()
            path.write_text(original.replace(SERVE_VALUE, f"value: {new}", 1), encoding="utf-8")
            while True:
                try:
                    url = f"http://127.0.0.1:{port}/models/llama/"
                    if f">{new}<" in urllib.request.urlopen(url, timeout=60).read().decode():
                        break
                except OSError:
                    pass
                time.sleep(0.1)
            times.append(time.monotonic() - start)
            print(f"save {i + 1}: {times[-1]:.1f} s", file=sys.stderr)
    finally:
        path.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait(timeout=30)
    return times


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m atlas bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--out", type=Path, default=Path("bench-results.json"))
    parser.add_argument(
        "--no-browser", action="store_true", help="skip the time-to-first-search-result measurement"
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=5,
        help="pairs of builds per size below 10,000 families; the ratio is their median",
    )
    parser.add_argument(
        "--against",
        metavar="COMMIT",
        help="instead: strict builds of the real site at COMMIT and here, alternating (--repeats)",
    )
    parser.add_argument(
        "--serve-loop",
        action="store_true",
        help="instead: save a one-number change under ./run serve and time it to the page (--repeats)",
    )
    args = parser.parse_args(argv)
    if args.serve_loop:
        times = serve_loop(args.repeats)
        print("save to page (s): " + ", ".join(f"{t:.1f}" for t in times))
        print(f"median {statistics.median(times):.1f} s, worst {max(times):.1f} s")
        return 0
    if args.against:
        print(against(args.against, args.repeats))
        return 0
    report = run(args.sizes, args.out, browser=not args.no_browser, repeats=args.repeats)
    print(f"wrote {args.out} ({len(report['rows'])} sizes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
