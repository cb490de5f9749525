"""The built site in a real headless Chromium (Debian's chromium + chromium-driver), served on localhost."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
from urllib.parse import parse_qs, urlparse

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
INSTALL_HINT = "install Debian's browser: apt-get install chromium chromium-driver (./run test does it when run as root)"

if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
    if os.environ.get("CI"):
        pytest.fail(
            f"browser tests must run in CI, but Chromium is missing: {INSTALL_HINT}", pytrace=False
        )
    pytest.skip(f"Chromium not found; {INSTALL_HINT}", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def server(real_site):
    handler = functools.partial(_Quiet, directory=str(real_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = Options()
    options.binary_location = CHROMIUM
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
        f"--user-data-dir={tmp_path_factory.mktemp('chrome')}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _answered(driver, query):
    """The result links once they answer the whole query, else None. Material sends a query
    on every key press and shows each answer as it comes, so the list may first show the
    results of "lla" for "llama". Each result's link names the query's terms that it matched
    (?h=, search.highlight) and the result lists the others as missing (<del>); the answer to
    the whole query is the one whose terms add up to every character typed."""
    links = driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item > a")
    if not links:
        return None
    matched = parse_qs(urlparse(links[0].get_attribute("href")).query).get("h", [""])[0].split()
    missing = [
        d.get_attribute("textContent")
        for d in driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item:first-child del")
    ]
    typed = sum(1 for ch in query if ch.isalnum())
    return links if sum(len(t) for t in matched + missing) >= typed else None


def _more(browser, shown):
    """Scroll to the end of the result list; whether more results appeared. Material shows
    more when the list's end comes into view, so the list is first scrolled a little back."""
    browser.execute_script(
        "var w = document.querySelector('.md-search__scrollwrap');"
        "w.scrollTop = w.scrollHeight - w.clientHeight - 200;"
        "requestAnimationFrame(function () { w.scrollTop = w.scrollHeight; });"
    )
    try:
        WebDriverWait(browser, 1.5, poll_frequency=0.1).until(
            lambda d: len(d.find_elements(By.CSS_SELECTOR, ".md-search-result__item > a")) > shown
        )
        return True
    except TimeoutException:
        return False


def search(browser, base, query, home="/", everything=False):
    """Type ``query`` into the search box of ``home``; the result links of the whole query
    (with ``everything``, after scrolling the list until every result is shown)."""
    browser.get(base + home)
    box = WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "input.md-search__input")
    )
    browser.execute_script("arguments[0].focus()", box)
    box.send_keys(query)
    links = WebDriverWait(browser, 15).until(
        lambda d: _answered(d, query), f"no results for the whole query {query!r}"
    )
    while everything and _more(browser, len(links)):
        links = browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item > a")
    return [urlparse(a.get_attribute("href")).path for a in links]


def pages_of(results):
    """Result links -> the distinct pages, in the order shown."""
    return list(dict.fromkeys(r.split("#")[0] for r in results))


def _page(path):
    """/models/llama/ and .../models/llama.html (the offline build) as models/llama."""
    path = path.split("#")[0].removesuffix(".html").removesuffix("/index").strip("/")
    return path.split("/site/", 1)[-1] if "/site/" in path else path


# What a reader types, the page it must find, and where: "top" = among the first three
# results, "all" = among the results (words that are on many pages). Every word comes from the
# page's text as the reader sees it: its summary (English or Chinese), its facts or its name.
QUERIES = [
    ("llama", "models/llama", 1),  # the page whose whole name is the query first
    ("SwiGLU", "models/llama", "all"),  # on eleven model pages
    ("RMSNorm", "models/llama", "top"),
    ("rotary", "models/llama", "all"),
    ("blank infilling", "models/glm", "top"),  # GLM's training objective, a fact
    ("blank infilling", "models/glm-130b", "top"),
    ("mesh tensorflow", "models/gpt-neo", 1),
    ("多语言", "models/bloom", "all"),  # a word of BLOOM's Chinese summary, on many pages
    ("清华", "models/chatglm", "all"),
    ("清华", "models/glm-130b", "all"),
    ("旋转位置编码", "models/llama", "all"),  # typed without spaces: 旋转 + 位置编码
    ("词元", "models/llama", "all"),
    ("基准", "benchmarks", "top"),  # a section page by its Chinese name
    ("数据集", "datasets", "top"),
    ("chinchil", "models/chinchilla", 1),  # a word being typed
    ("gpt-ne", "models/gpt-neo", 1),
    ("为什么大模型都是decoder", "methods/decoder-only", "top"),  # mixed scripts
    ("通义千问", "models/qwen", "top"),  # a Chinese alias
    ("q&a", "benchmarks/gpqa", "top"),  # in its full name, written "Q&amp;A" in HTML
    ("低秩", "methods/lora", "top"),  # part of a longer word (低秩适配) in the index
    ("sentencepiece", "models/llama", "all"),  # the tokenizer, a fact
]


def _check(results, page, where):
    pages = [_page(p) for p in pages_of(results)]
    if where == 1:
        assert pages[:1] == [page], pages[:5]
    elif where == "top":
        assert page in pages[:3], pages[:5]
    else:
        assert page in pages, pages[:10]


@pytest.mark.parametrize("query, page, where", QUERIES)
def test_search_finds_the_page_served(browser, server, query, page, where):
    _check(search(browser, server, query, everything=where == "all"), page, where)


@pytest.mark.parametrize("query, page, where", QUERIES)
def test_search_finds_the_page_from_disk(browser, offline_site, query, page, where):
    results = search(
        browser, offline_site.as_uri(), query, home="/index.html", everything=where == "all"
    )
    _check(results, page, where)


def test_search_runs_in_the_atlas_worker_and_marks_matches(browser, server):
    browser.get_log("performance")
    search(browser, server, "chinchilla")
    requested = [
        json.loads(e["message"])["message"]["params"]["request"]["url"]
        for e in browser.get_log("performance")
        if json.loads(e["message"])["message"]["method"] == "Network.requestWillBeSent"
    ]
    assert "/assets/javascripts/search-worker.js" in {urlparse(u).path for u in requested}, [
        u for u in requested if "search" in u
    ]
    assert not any(
        "/workers/search." in u for u in requested
    )  # Material's worker (builds its index in the page) is not used
    marked = browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item h1 mark")
    assert marked[0].get_attribute("textContent").lower() == "chinchilla"


def test_a_result_shows_its_kind_and_the_matched_words(browser, server):
    search(browser, server, "旋转位置编码")
    first = browser.find_element(By.CSS_SELECTOR, ".md-search-result__item")
    kinds = {
        t.get_attribute("textContent") for t in first.find_elements(By.CSS_SELECTOR, ".md-tag")
    }
    assert kinds <= {"Model", "Dataset", "Benchmark", "Method", "Guide"} and kinds, kinds
    marks = [m.get_attribute("textContent") for m in first.find_elements(By.CSS_SELECTOR, "mark")]
    assert {"旋转", "位置编码"} <= set(marks), marks  # in the Chinese summary, shown
    search(browser, server, "blank infilling")
    first = browser.find_element(By.CSS_SELECTOR, ".md-search-result__item")
    text = first.get_attribute("textContent")
    assert "Training objective" in text  # the facts line where the words are, not the summary


def test_a_match_written_with_a_character_reference_is_marked(browser, server):
    # The page's text says "Q&amp;A"; the index holds the decoded word "q&a".
    assert "/benchmarks/gpqa/" in pages_of(search(browser, server, "q&a"))
    marks = [
        m.get_attribute("textContent")
        for m in browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item mark")
    ]
    assert "Q&A" in marks, marks


def test_the_worker_cuts_chinese_as_the_index_was_cut(browser, server, real_site):
    """The worker's Segmenter and atlas/searchindex.py's, over every Chinese run of the data
    and a few queries: the same words."""
    import re

    from conftest import ROOT

    from atlas.searchindex import HAN, Segmenter

    script = (real_site / "search/atlas-index.js").read_text(encoding="utf-8")
    data = json.loads(json.loads(script[script.index("JSON.parse(") + 11 : script.rindex(")")]))
    python = Segmenter(data["segmenter"]["words"], data["segmenter"]["unknown"])
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "data").rglob("*.yaml")]
    runs = sorted({r for t in texts for r in HAN.findall(t)})
    runs += ["为什么大模型都是", "位置编", "\U00020000羊驼", "的的的的"]
    browser.get(server + "/")
    cuts = browser.execute_async_script(
        """
        const [runs, done] = arguments;
        const load = src => new Promise((ok, fail) => { const s = document.createElement("script"); s.src = src; s.onload = ok; s.onerror = fail; document.head.append(s); });
        (async () => {
          for (const src of ["search/atlas-index.js", "assets/javascripts/search-worker.js"]) await load(src);
          const segmenter = new Segmenter(self.atlasSearchIndex.segmenter);
          done(runs.map(run => segmenter.cut(run)));
        })().catch(e => done(String(e)));
    """,
        runs,
    )
    assert isinstance(cuts, list), cuts
    assert len(runs) > 1000 and re.fullmatch(r"\[.*\]\+", data["segmenter"]["han"])
    differ = [(run, js) for run, js in zip(runs, cuts) if js != python.cut(run)]
    assert not differ, differ[:5]


def _serve(site):
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture(scope="module")
def small_sites(tmp_path_factory):
    """The small test catalog built twice: as the atlas builds it, and by a builder that does
    not run hooks/search_index.py (mkdocs.yml without its hooks)."""
    import re

    from conftest import make_project, mkdocs_build

    sites = {}
    for name in ("with-hook", "without-hook"):
        project = make_project(tmp_path_factory.mktemp(name) / "project")
        if name == "without-hook":
            config = project / "mkdocs.yml"
            text = re.sub(r"^hooks:\n(?:  .*\n|\n)*?(?=^\S)", "", config.read_text(), flags=re.M)
            assert "search_index.py" not in text
            config.write_text(text, encoding="utf-8")
        result = mkdocs_build(project, project / "site")
        assert result.returncode == 0, result.stdout + result.stderr
        sites[name] = project / "site"
    return sites


def test_search_as_you_type_in_a_small_catalog(browser, small_sites):
    httpd = _serve(small_sites["with-hook"])
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        assert pages_of(search(browser, base, "toyb"))[:2] == [
            "/benchmarks/toybench/",
            "/benchmarks/toybench-lite/",
        ]
        assert pages_of(search(browser, base, "玩具"))[0] == "/models/toy/"  # an alias
    finally:
        httpd.shutdown()


def test_without_the_hook_material_searches_with_its_own_worker(browser, small_sites):
    """The worker and the hook are one unit: a builder that skips the hook writes no atlas
    index and keeps Material's worker, which builds its index from Material's documents."""
    site = small_sites["without-hook"]
    assert not (site / "search/atlas-index.js").exists()
    assert "search-worker.js" not in (site / "index.html").read_text(encoding="utf-8")
    httpd = _serve(site)
    try:
        browser.get_log("performance")
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        assert "/models/toy/" in pages_of(search(browser, base, "toy"))
        requested = [
            json.loads(e["message"])["message"]["params"]["request"]["url"]
            for e in browser.get_log("performance")
            if json.loads(e["message"])["message"]["method"] == "Network.requestWillBeSent"
        ]
        assert any("/workers/search." in u for u in requested)
        assert not any("search-worker.js" in u for u in requested)
    finally:
        httpd.shutdown()


def test_the_packed_index_answers_every_query_as_lunr_itself(browser, server, real_site):
    """The worker's loader of the packed index (lazy postings and vectors) against lunr.js's own
    Index.load of the same index, unpacked: the same documents with the same scores."""
    from atlas.searchindex import unpack

    script = (real_site / "search/atlas-index.js").read_text(encoding="utf-8")
    serialized = unpack(
        json.loads(json.loads(script[script.index("JSON.parse(") + 11 : script.rindex(")")]))
    )
    browser.get(server + "/")
    answers = browser.execute_async_script(
        """
        const [serialized, queries, done] = arguments;
        const load = src => new Promise((ok, fail) => { const s = document.createElement("script"); s.src = src; s.onload = ok; s.onerror = fail; document.head.append(s); });
        (async () => {
          for (const src of ["assets/vendor/lunr/lunr.min.js", "search/atlas-index.js", "assets/javascripts/search-worker.js"]) await load(src);
          const packed = loadPacked(self.atlasSearchIndex).index, plain = lunr.Index.load(serialized);
          const hits = index => q => index.search(q).map(h => h.ref + " " + h.score.toFixed(9));
          done(queries.map(q => [q, hits(packed)(q), hits(plain)(q)]));
        })().catch(e => done(String(e)));
    """,
        serialized,
        [
            "llama",
            "lla*",
            "meta ai",
            "gpt neo",
            "+mmlu -llama",
            "-llama",
            "微调",
            "lora",
            "decoder only",
            "chinchila~1",
            "zzzz",
        ],
    )
    assert isinstance(answers, list), answers
    for query, packed, plain in answers:
        assert packed == plain, query
    assert all(packed for query, packed, _ in answers if query != "zzzz")


def test_index_table_sorts_on_click(browser, server):
    browser.get(server + "/models/")
    header = WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.XPATH, "//article//table//th[normalize-space()='Released']")
    )
    column = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "article table th")].index(
        "Released"
    ) + 1

    def dates():
        return [
            td.text
            for td in browser.find_elements(
                By.CSS_SELECTOR, f"article table tbody tr td:nth-child({column})"
            )
        ]

    before = dates()
    header.click()
    first = dates()
    header.click()
    second = dates()
    assert sorted(before) in (first, second) and sorted(before, reverse=True) in (first, second)
    assert first != second


def test_every_page_loads_without_console_error_or_outside_request(browser, server, real_site):
    """Every page of the site, with every request it makes recorded."""
    browser.get_log("performance")  # drop what earlier tests left
    browser.get_log("browser")
    pages = sorted(p.relative_to(real_site).as_posix() for p in real_site.rglob("*.html"))
    hosts, errors = set(), []
    for page in pages:
        browser.get(f"{server}/{page}")
        for entry in browser.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                url = urlparse(message["params"]["request"]["url"])
                if url.scheme in ("http", "https", "ws", "wss"):
                    hosts.add(url.hostname)
        errors += [
            (page, e["message"])
            for e in browser.get_log("browser")
            if e["level"] == "SEVERE" and "404.html" not in page
        ]
    assert len(pages) > 20
    assert hosts == {"127.0.0.1"}, hosts
    assert not errors, errors[:5]


def test_downloaded_build_works_from_disk(browser, offline_site):
    """The offline build opened through file://: pages show, links are plain .html, search works."""
    home = offline_site.as_uri()
    browser.get(home + "/models/llama.html")
    assert "LLaMA" in browser.find_element(By.CSS_SELECTOR, "article h1").text
    link = browser.find_element(By.XPATH, "//article//a[normalize-space()='C4']")
    assert link.get_attribute("href").endswith("/datasets/c4.html")
    results = pages_of(search(browser, home, "gopher", home="/index.html"))
    assert results[0].endswith("/models/gopher.html"), results[:3]


def test_counts_sort_by_magnitude(browser, server):
    """6.7B sorts above 125M although "1" < "6" as text (ranges sort by their first number)."""
    import re

    scale = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}

    def magnitude(text):
        m = re.match(r"\s*([\d.,]+)\s*([KMBT]?)", text)
        return float(m.group(1).replace(",", "")) * scale.get(m.group(2), 1) if m else None

    browser.get(server + "/models/")
    header = WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.XPATH, "//article//table//th[normalize-space()='Parameters']")
    )
    column = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "article table th")].index(
        "Parameters"
    ) + 1
    header.click()
    texts = [
        td.text
        for td in browser.find_elements(
            By.CSS_SELECTOR, f"article table tbody tr td:nth-child({column})"
        )
    ]
    values = [magnitude(t) for t in texts if magnitude(t) is not None]
    assert len(values) >= 5
    assert values == sorted(values) or values == sorted(values, reverse=True), texts
    assert sorted(texts) != [t for t in texts], (
        "the order is the text order, not the magnitude order"
    )


def test_model_table_filters_and_keeps_them_in_the_url(browser, server, real_site):
    from selenium.webdriver.support.ui import Select

    browser.get(server + "/all-models/")
    form = WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "form.atlas-filters")
    )
    rows = browser.find_elements(By.CSS_SELECTOR, "#atlas-models tbody tr")
    assert form.find_element(By.TAG_NAME, "output").text == f"{len(rows)} of {len(rows)} models"
    Select(form.find_element(By.NAME, "org")).select_by_value("meta-ai")
    Select(form.find_element(By.NAME, "pmin")).select_by_value(str(10**10))
    visible = [r for r in rows if r.is_displayed()]
    assert 0 < len(visible) < len(rows)
    for r in visible:
        assert (
            "meta-ai" in r.get_attribute("data-org").split()
            and int(r.get_attribute("data-params")) >= 10**10
        )
    hidden_meta = [
        r
        for r in rows
        if not r.is_displayed()
        and "meta-ai" in r.get_attribute("data-org").split()
        and r.get_attribute("data-params")
        and int(r.get_attribute("data-params")) >= 10**10
    ]
    assert not hidden_meta
    assert "org=meta-ai" in browser.current_url and f"pmin={10**10}" in browser.current_url
    browser.refresh()  # the state survives a reload through the URL
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "form.atlas-filters output").text.startswith(
            f"{len(visible)} of"
        )
    )
    assert (
        Select(browser.find_element(By.NAME, "org")).first_selected_option.get_attribute("value")
        == "meta-ai"
    )
    Select(browser.find_element(By.NAME, "bench")).select_by_value("gsm8k")
    for r in browser.find_elements(By.CSS_SELECTOR, "#atlas-models tbody tr"):
        if r.is_displayed():
            assert "gsm8k" in r.get_attribute("data-bench").split()


def test_compare_page_shows_the_chosen_models_and_shared_results(browser, server):
    browser.get(server + "/compare/?m=llama-65b&m=chinchilla-70b")
    out = WebDriverWait(browser, 10).until(
        lambda d: (
            d.find_element(By.ID, "atlas-compare-out")
            if "Shared results" in d.find_element(By.ID, "atlas-compare-out").text
            else None
        )
    )
    heads = [
        th.text
        for th in out.find_elements(By.CSS_SELECTOR, "table")[0].find_elements(
            By.CSS_SELECTOR, "thead th"
        )
    ]
    assert heads[1:] == ["LLaMA-65B", "Chinchilla 70B"]
    shared = out.find_elements(By.CSS_SELECTOR, "table")[1].text
    assert "MMLU · 5-shot · Accuracy" in shared and "63.4" in shared and "67.6" in shared
    from selenium.webdriver.support.ui import Select

    Select(browser.find_elements(By.CSS_SELECTOR, "form.atlas-compare select")[2]).select_by_value(
        "palm-540b"
    )
    assert "m=palm-540b" in browser.current_url
    assert "PaLM 540B" in browser.find_element(By.ID, "atlas-compare-out").text


# WCAG 2.1 contrast: 4.5:1 for text (1.4.3), 3:1 for the marks that carry data (1.4.11).
_CONTRAST_JS = """
const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
  const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
const over = (top, alpha, under) => top.slice(0, 3).map((v, i) => v * alpha + under[i] * (1 - alpha));
const background = el => { const layers = [];
  for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
  return layers.reverse().reduce((under, c) => over(c, c[3], under), [255, 255, 255]); };
const luminance = rgb => { const [r, g, b] = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
const out = [];
for (const svg of document.querySelectorAll("svg.atlas-chart")) {
  const bg = background(svg);
  for (const el of svg.querySelectorAll("text, .atlas-mark, .atlas-node, .atlas-edge, .atlas-line-chinchilla, .atlas-line-compute, .atlas-line-chance")) {
    const style = getComputedStyle(el), isText = el.tagName === "text";
    // a point is its fill; a lineage box (its fill is the page's) and a line are their stroke
    const filled = isText || (el.classList.contains("atlas-mark") && !el.classList.contains("atlas-node"));
    const paint = parse(filled ? style.fill : style.stroke);
    if (!paint) continue;
    const alpha = paint[3] * Number(filled ? style.fillOpacity : style.strokeOpacity) * Number(style.opacity);
    out.push({what: isText ? "text" : el.getAttribute("class"), text: (el.textContent || "").slice(0, 40), ratio: contrast(over(paint, alpha, bg), bg)});
  }
}
return out;
"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_charts_are_legible_in_light_and_dark_mode(browser, server, scheme):
    browser.get(server + "/charts/")
    # as Material's palette toggle does it; data-md-color-switching turns transitions off
    browser.execute_script(
        "document.body.setAttribute('data-md-color-switching', ''); document.body.setAttribute('data-md-color-scheme', arguments[0])",
        scheme,
    )
    measured = browser.execute_script(_CONTRAST_JS)
    kinds = {m["what"] for m in measured}
    assert {"text", "atlas-mark", "atlas-node atlas-mark", "atlas-line-chinchilla"} <= kinds, (
        kinds
    )  # axes, labels, points, lineage, the 20:1 line
    weak = [m for m in measured if m["ratio"] < (4.5 if m["what"] == "text" else 3.0)]
    assert not weak, (
        f"{len(weak)} of {len(measured)} chart elements below WCAG contrast in {scheme}: {weak[:5]}"
    )
