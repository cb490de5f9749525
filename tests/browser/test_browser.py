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
from selenium.common.exceptions import (  # noqa: E402
    StaleElementReferenceException,
    TimeoutException,
)
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
    the whole query is the one whose terms add up to every character typed. A list replaced
    while it is read (the next answer arriving) is read again."""
    try:
        links = _links(driver)
        if not links:
            return None
        matched = parse_qs(urlparse(links[0]).query).get("h", [""])[0].split()
        missing = [
            d.get_attribute("textContent")
            for d in driver.find_elements(
                By.CSS_SELECTOR, ".md-search-result__item:first-child del"
            )
        ]
    except StaleElementReferenceException:
        return None
    typed = sum(1 for ch in query if ch.isalnum())
    return links if sum(len(t) for t in matched + missing) >= typed else None


def _links(driver):
    return [
        a.get_attribute("href")
        for a in driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item > a")
    ]


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
        links = WebDriverWait(
            browser, 5, ignored_exceptions=(StaleElementReferenceException,)
        ).until(_links)
    return [urlparse(href).path for href in links]


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
    not run hooks/search_index.py (mkdocs.yml without that hook)."""

    from conftest import make_project, mkdocs_build

    sites = {}
    for name in ("with-hook", "without-hook"):
        project = make_project(tmp_path_factory.mktemp(name) / "project")
        if name == "without-hook":
            config = project / "mkdocs.yml"
            text = config.read_text(encoding="utf-8").replace("  - hooks/search_index.py\n", "")
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
    browser.get(home + "/all-models.html?name=gopher")  # its data script names .html pages
    link = WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#atlas-models tbody th a")
    )
    assert "/models/gopher.html#" in link.get_attribute("href")
    assert browser.find_element(By.ID, "atlas-models").get_attribute("data-compare") == (
        "compare.html"
    )


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


def viewport(browser, width, height):
    """The page's own width and height (Chromium's window also counts its frame)."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500},
    )


@pytest.fixture
def desktop(browser):
    viewport(browser, 1366, 900)
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def model_rows(browser):
    """The all-models table once drawn: [(model id, [cell texts])]."""
    WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#atlas-models table.atlas-grid")
    )
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('#atlas-models tbody tr'), tr =>"
        " [tr.querySelector('input').value, Array.from(tr.children, c => c.innerText.trim())])"
    )


def column(browser, label):
    heads = browser.execute_script(
        "return Array.from(document.querySelectorAll('#atlas-models thead th'),"
        " th => th.innerText.replace(/[▲▼]/g, '').trim().split('\\n')[0])"
    )
    return heads.index(label)


def expected(browser, script):
    """Model ids the data says match, computed from ATLAS_DATA by ``script`` (m => bool)."""
    return browser.execute_script(
        "const D = self.ATLAS_DATA; return D.models.map(r => Object.fromEntries(D.fields.map("
        "(f, i) => [f, r[i]]))).filter(" + script + ").map(m => m.id)"
    )


def test_model_table_filters_and_keeps_them_in_the_url(desktop, server):
    from selenium.webdriver.support.ui import Select

    browser = desktop
    browser.get(server + "/all-models/")
    total = len(model_rows(browser))
    form = browser.find_element(By.CSS_SELECTOR, "form.atlas-filters")
    assert form.find_element(By.TAG_NAME, "output").text == f"{total} of {total} models"
    Select(form.find_element(By.NAME, "org")).select_by_value("meta-ai")
    Select(form.find_element(By.NAME, "pmin")).select_by_value(str(10**10))
    want = expected(browser, "m => m.orgs.includes('meta-ai') && m.params >= 1e10")
    shown = [i for i, _ in model_rows(browser)]
    assert 0 < len(shown) < total and sorted(shown) == sorted(want)
    assert "org=meta-ai" in browser.current_url and f"pmin={10**10}" in browser.current_url
    # Llama and its relatives are open weights (gated): the open-weights filter keeps them
    Select(form.find_element(By.NAME, "access")).select_by_value("open-weights")
    Select(form.find_element(By.NAME, "bench")).select_by_value("mmlu")
    shown = [i for i, _ in model_rows(browser)]
    assert shown and "llama-65b" in shown
    browser.refresh()  # the state survives a reload through the URL
    assert [i for i, _ in model_rows(browser)] == shown
    assert Select(browser.find_element(By.NAME, "org")).first_selected_option.text == "Meta AI"
    Select(browser.find_element(By.NAME, "lclass")).select_by_value("restricted")
    want = expected(
        browser,
        "m => m.orgs.includes('meta-ai') && m.params >= 1e10 && m.access == 'open-weights' &&"
        " m.benchmarks.includes('mmlu') && D.licenses[m.license][1] == 'restricted'",
    )
    assert sorted(i for i, _ in model_rows(browser)) == sorted(want) and want


def test_an_empty_table_names_the_filter_that_emptied_it(desktop, server):
    browser = desktop
    browser.get(server + "/all-models/?org=meta-ai&name=chinchilla")
    assert model_rows(browser) == []
    empty = browser.find_element(By.CSS_SELECTOR, "#atlas-models .atlas-empty")
    meta = len(expected(browser, "m => m.orgs.includes('meta-ai')"))
    named = len(expected(browser, "m => m.name.toLowerCase().includes('chinchilla')"))
    assert f"Without “Name: chinchilla”: {meta} models." in empty.text, empty.text
    many = f"{named} models" if named > 1 else "1 model"
    assert f"Without “Organization: Meta AI”: {many}." in empty.text, empty.text
    empty.find_element(By.XPATH, ".//button[contains(., 'Clear “Name: chinchilla”')]").click()
    assert len(model_rows(browser)) == meta
    assert "name=" not in browser.current_url and "org=meta-ai" in browser.current_url


@pytest.mark.parametrize("label", ["Parameters", "MMLU"])
def test_sorting_puts_known_values_first_both_ways_and_survives_a_reload(desktop, server, label):
    browser = desktop
    browser.get(server + "/all-models/")
    col = column(browser, label)
    firsts = []
    for direction in ("descending", "ascending"):
        button = browser.find_elements(By.CSS_SELECTOR, "#atlas-models thead th button")[col]
        button.click()
        rows = model_rows(browser)
        th = browser.find_elements(By.CSS_SELECTOR, "#atlas-models thead th")[col]
        assert th.get_attribute("aria-sort") == direction
        texts = [cells[col] for _, cells in rows]
        known = [t for t in texts if t != "–"]
        assert texts[0] != "–" and texts[: len(known)] == known, texts[:5]  # unknowns last
        firsts.append(rows[0][0])
    assert firsts[0] != firsts[1]
    assert "dir=asc" in browser.current_url
    before = model_rows(browser)
    browser.refresh()
    assert model_rows(browser) == before
    th = browser.find_elements(By.CSS_SELECTOR, "#atlas-models thead th")[col]
    assert th.get_attribute("aria-sort") == "ascending"


@pytest.mark.parametrize("size", [(1366, 900), (390, 844)])
def test_every_all_models_header_is_reachable_without_the_page_scrolling_sideways(
    browser, server, size
):
    viewport(browser, *size)
    try:
        browser.get(server + "/all-models/")
        model_rows(browser)
        seen = browser.execute_script(
            """const box = document.querySelector('#atlas-models .atlas-scroll');
            const doc = document.documentElement, out = [];
            box.scrollIntoView();
            for (const th of box.querySelectorAll('thead th')) {
              th.scrollIntoView({block: 'nearest', inline: 'nearest'});
              const r = th.getBoundingClientRect(), b = box.getBoundingClientRect();
              out.push({text: th.innerText, inView: r.left >= b.left - 1 && r.right <= b.right + 1
                && r.left >= 0 && r.right <= innerWidth});
            }
            box.scrollTop = 3000;  // the header sticks while the rows scroll under it
            const head = box.querySelector('thead th').getBoundingClientRect().top;
            return {out, page: [doc.scrollWidth, doc.clientWidth], stuck: Math.abs(head -
              box.getBoundingClientRect().top) < 2, bottom: box.getBoundingClientRect().bottom,
              fits: box.scrollWidth <= box.clientWidth};"""
        )
        assert seen["page"][0] <= seen["page"][1], "the page scrolls sideways"
        assert len(seen["out"]) >= 14 and all(h["inView"] for h in seen["out"]), seen["out"]
        assert seen["stuck"] and seen["bottom"] <= size[1]  # its scrollbar is in the window
        if size[0] == 1366:
            assert seen["fits"], "at 1366 px every column fits without scrolling"
        labels = " ".join(h["text"] for h in seen["out"])
        assert "Training compute\nderived" in labels and "MMLU\n5-shot" in labels
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_compare_selected_opens_compare_with_the_chosen_models(desktop, server):
    browser = desktop
    browser.get(server + "/all-models/?name=llama-65b")
    model_rows(browser)
    browser.find_element(By.CSS_SELECTOR, "#atlas-models input[value='llama-65b']").click()
    search = browser.find_element(By.NAME, "name")
    search.clear()
    search.send_keys("chinchilla")
    model_rows(browser)
    browser.find_element(By.CSS_SELECTOR, "#atlas-models input[value='chinchilla-70b']").click()
    button = browser.find_element(By.CSS_SELECTOR, ".atlas-compare-selected")
    assert button.text == "Compare selected (2)"
    button.click()
    WebDriverWait(browser, 10).until(lambda d: "/compare/" in d.current_url)
    assert browser.current_url.endswith("/compare/?m=llama-65b&m=chinchilla-70b")
    out = WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.ID, "atlas-compare-out").find_elements(By.TAG_NAME, "table")
    )
    heads = [th.text for th in out[0].find_elements(By.CSS_SELECTOR, "thead th")]
    assert heads[1:] == ["LLaMA-65B", "Chinchilla 70B"]


def test_compare_page_shows_each_value_with_its_source_and_marks_the_best(desktop, server):
    from selenium.webdriver.common.keys import Keys

    browser = desktop
    browser.get(server + "/compare/?m=llama-65b&m=chinchilla-70b")
    out = WebDriverWait(browser, 10).until(
        lambda d: (
            d.find_element(By.ID, "atlas-compare-out")
            if "Shared results" in d.find_element(By.ID, "atlas-compare-out").text
            else None
        )
    )
    mmlu = out.find_element(
        By.XPATH, ".//tr[th[normalize-space()='MMLU · 5-shot · Accuracy']]"
    ).find_elements(By.TAG_NAME, "td")
    # each value with its source beside it, no hover needed; the best value of the row marked
    assert "63.4 Touvron et al. 2023a, Table 9" in mmlu[0].text
    assert "67.6 best Hoffmann et al. 2022, Table 6" in mmlu[1].text
    assert "67.5 Hoffmann et al. 2022" in mmlu[1].text  # the other sources' values, kept
    assert not mmlu[0].find_elements(By.CSS_SELECTOR, ".atlas-best")
    # the third picker: typing filters the names (and aliases), the keyboard picks one
    third = browser.find_elements(By.CSS_SELECTOR, "form.atlas-compare input")[2]
    third.send_keys("palm 54")
    options = browser.find_elements(By.CSS_SELECTOR, "ul.atlas-options:not([hidden]) li")
    assert options and all("palm54" in o.text.lower().replace(" ", "") for o in options)
    assert third.get_attribute("aria-expanded") == "true"
    first = options[0].text.split("\n")[0]  # its name; the family below
    third.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    assert third.get_attribute("value") == first == "PaLM 540B"
    assert "m=palm-540b" in browser.current_url
    assert "PaLM 540B" in browser.find_element(By.ID, "atlas-compare-out").text
    fourth = browser.find_elements(By.CSS_SELECTOR, "form.atlas-compare input")[3]
    fourth.send_keys("LLaMA-1")  # a family alias: its variants are offered
    names = [o.text for o in browser.find_elements(By.CSS_SELECTOR, "ul.atlas-options li")]
    assert any(n.startswith("LLaMA-7B") for n in names), names
    browser.refresh()  # the choice is in the address
    values = [i.get_attribute("value") for i in browser.find_elements(By.NAME, "m")]
    assert values[:3] == ["LLaMA-65B", "Chinchilla 70B", "PaLM 540B"]


def test_ids_from_the_address_cannot_break_the_pages(desktop, server):
    """Data keyed by ids sits in Maps: __proto__ or constructor in the address are just unknown."""
    browser = desktop
    browser.get_log("browser")
    browser.get(server + "/compare/?m=__proto__&m=constructor&m=llama-65b")
    out = WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "atlas-compare-out"))
    assert "Choose one more model" in out.text
    browser.get(server + "/all-models/?sort=__proto__&m=constructor&org=__proto__")
    assert model_rows(browser)
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


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
  for (const el of svg.querySelectorAll("text, .atlas-mark, .atlas-edge, .atlas-line-chinchilla, .atlas-line-compute, .atlas-line-chance")) {
    const style = getComputedStyle(el), isText = el.tagName === "text";
    // a point is its fill; a lineage box (its fill is the page's) and a line are their stroke
    const filled = isText || el.classList.contains("atlas-mark");
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
    # axes, labels, the four access classes' points, lineage, the 20:1 line
    assert {"text", "atlas-edge", "atlas-line-chinchilla"} <= kinds, kinds
    assert {
        f"atlas-mark atlas-acc-{a}" for a in ("open-weights", "api-only", "closed", "unknown")
    } <= kinds
    weak = [m for m in measured if m["ratio"] < (4.5 if m["what"] == "text" else 3.0)]
    assert not weak, (
        f"{len(weak)} of {len(measured)} chart elements below WCAG contrast in {scheme}: {weak[:5]}"
    )


def _charts_at(browser, server, width, height=900):
    browser.set_window_size(width, height)
    browser.get(server + "/charts/")
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "svg.atlas-chart"))


# Text of the charts as the reader sees it: font size in user units times the drawing's scale.
_SHOWN_TEXT_JS = """
const out = [];
for (const t of document.querySelectorAll("svg.atlas-chart text")) {
  const r = t.getBoundingClientRect(), s = getComputedStyle(t);
  if (!r.width || s.visibility !== "visible") continue;
  out.push({text: t.textContent.slice(0, 40), px: parseFloat(s.fontSize) * Math.hypot(t.getScreenCTM().a, t.getScreenCTM().b),
            box: [r.left, r.top, r.right, r.bottom],
            shown: t.classList.contains("atlas-annotation") || (t.classList.contains("atlas-pt-label") && t.parentNode.classList.contains("atlas-labelled")),
            chart: [...document.querySelectorAll("svg.atlas-chart")].indexOf(t.ownerSVGElement)});
}
return out;
"""


@pytest.mark.parametrize("width", [1366, 390])
def test_chart_text_is_12px_or_more_and_labels_do_not_overlap(browser, server, width):
    _charts_at(browser, server, width)
    texts = browser.execute_script(_SHOWN_TEXT_JS)
    assert len({t["chart"] for t in texts}) == 4  # one drawing of each chart is shown
    small = [
        (t["text"], round(t["px"], 1)) for t in texts if t["px"] < (12 if width > 1000 else 11.5)
    ]
    assert not small, f"{len(small)} of {len(texts)} chart texts below 12 px: {small[:5]}"
    shown = [t for t in texts if t["shown"]]
    assert len(shown) > 30
    clash = [
        (a["text"], b["text"])
        for i, a in enumerate(shown)
        for b in shown[i + 1 :]
        if a["chart"] == b["chart"]
        and a["box"][0] < b["box"][2]
        and b["box"][0] < a["box"][2]
        and a["box"][1] < b["box"][3]
        and b["box"][1] < a["box"][3]
    ]
    assert not clash, clash[:5]
    if width > 1000:  # the wide drawings are shown at the size they were drawn for
        scales = browser.execute_script(
            "return [...document.querySelectorAll('svg.atlas-chart-wide')].map(s => s.getScreenCTM().a)"
        )
        assert all(abs(s - 1) < 0.01 for s in scales), scales


def test_every_chart_point_links_to_an_anchor_that_exists(browser, server):
    _charts_at(browser, server, 1366)
    missing = browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        const links = [...document.querySelectorAll("svg.atlas-chart a")].map(a => a.href.baseVal ? new URL(a.href.baseVal, location.href).href : a.href);
        const pages = {};
        for (const l of links) { const [page, id] = l.split("#"); (pages[page] = pages[page] || []).push(id); }
        Promise.all(Object.entries(pages).map(([page, ids]) => fetch(page).then(r => r.ok ? r.text() : "").then(html => {
          const doc = new DOMParser().parseFromString(html, "text/html");
          return ids.filter(id => !(doc.querySelector("article") && (!id || doc.getElementById(id)))).map(id => page + "#" + id);
        }))).then(r => done({n: links.length, anchored: links.filter(l => l.includes("#")).length, missing: r.flat()}));
        """
    )
    assert missing["n"] > 400 and missing["anchored"] > 250, missing["n"]
    assert not missing["missing"], missing["missing"][:5]


_LABEL_JS = """
const a = arguments[0], t = a.querySelector("text");
return {visible: getComputedStyle(t).visibility === "visible", width: t.getBoundingClientRect().width,
        focused: document.activeElement === a};
"""


def test_chart_point_label_shows_on_focus_or_a_tap(browser, server):
    _charts_at(browser, server, 1366)
    point = browser.find_element(
        By.CSS_SELECTOR, "svg.atlas-chart-wide a.atlas-pt:not(.atlas-labelled)"
    )
    assert not browser.execute_script(_LABEL_JS, point)["visible"]
    # keyboard: Tab from the element before reaches the point, and its label shows
    browser.execute_script(
        "const p = arguments[0], b = document.createElement('button'); b.id = 'atlas-before';"
        "p.closest('figure').before(b); b.focus();"
        "[...document.querySelectorAll('svg.atlas-chart-wide a.atlas-pt')].forEach(a => { if (a !== p) a.setAttribute('tabindex', '-1'); });",
        point,
    )
    from selenium.webdriver.common.keys import Keys

    browser.switch_to.active_element.send_keys(Keys.TAB)
    label = browser.execute_script(_LABEL_JS, point)
    assert label["focused"] and label["visible"] and label["width"] > 20, label
    # a touch screen: the first tap shows the label and stays on the page, the second opens it
    _charts_at(browser, server, 390, 844)
    point = browser.find_element(
        By.CSS_SELECTOR, "svg.atlas-chart-narrow a.atlas-pt:not(.atlas-labelled)"
    )
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", point)
    box = point.find_element(By.CSS_SELECTOR, ".atlas-mark").rect
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    offset = browser.execute_script("return [scrollX, scrollY]")
    at = {"x": x - offset[0], "y": y - offset[1]}
    browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})
    try:

        def tap():
            for kind, touches in (("touchStart", [at]), ("touchEnd", [])):
                browser.execute_cdp_cmd(
                    "Input.dispatchTouchEvent", {"type": kind, "touchPoints": touches}
                )

        tap()
        WebDriverWait(browser, 5).until(lambda d: d.execute_script(_LABEL_JS, point)["visible"])
        assert browser.current_url.endswith("/charts/")
        variant = point.get_attribute("data-id")
        tap()
        WebDriverWait(browser, 5).until(lambda d: "#" in d.current_url)
        assert browser.current_url.split("#")[1] == variant
        assert browser.find_element(By.ID, variant)
    finally:
        browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})
        browser.set_window_size(1366, 900)


def test_charts_page_has_no_console_error(browser, server):
    browser.get_log("browser")
    _charts_at(browser, server, 1366)
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert not errors, errors[:5]


# Pages a reader can read (issue 14): a desktop and a phone, as a reader holds them.
SCREENS = {"desktop": (1366, 900), "phone": (390, 844)}


@pytest.fixture(params=sorted(SCREENS))
def screen(request, browser, server):
    """The browser with its viewport (not its window) at the screen's size; restored after."""
    before = browser.get_window_size()
    width, height = SCREENS[request.param]
    browser.get(server + "/")
    window = [width, height]
    for _ in range(3):  # the window's frame differs between Chromium versions: measure, adjust
        browser.set_window_size(*window)
        inner = browser.execute_script("return [innerWidth, innerHeight]")
        if inner == [width, height]:
            break
        window = [window[0] + width - inner[0], window[1] + height - inner[1]]
    assert inner == [width, height], (window, inner)
    browser.get_log("browser")  # drop what earlier tests left
    yield request.param
    severe = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    browser.set_window_size(before["width"], before["height"])
    assert not severe, severe  # no console error on any page the test opened


def rect(browser, element):
    return browser.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height}",
        element,
    )


def test_the_family_card_is_on_the_first_screen(browser, server, screen):
    browser.get(server + "/models/llama/")
    card = browser.find_element(By.CSS_SELECTOR, "article .atlas-card")
    box, height = rect(browser, card), browser.execute_script("return innerHeight")
    assert 0 <= box["top"] and box["bottom"] <= height, (screen, box, height)
    text = card.text
    for expected in ("Meta AI", "2023-02", "6.7B–65.2B parameters · 5 variants", "1T–1.4T tokens"):
        assert expected in text, (expected, text)
    assert "MMLU" in text and "5-shot" in text  # its makers' headline result


@pytest.mark.parametrize("family", ["llama", "opt", "glm-130b"])
def test_no_cell_of_the_variants_table_is_taller_than_a_few_lines(browser, server, screen, family):
    browser.get(f"{server}/models/{family}/")
    heights = browser.execute_script(
        """
        const table = document.getElementById("variants").nextElementSibling.querySelector("table")
          || document.querySelector("#variants ~ .md-typeset__scrollwrap table");
        return [...table.querySelectorAll("tbody td")].map(td => {
          const s = getComputedStyle(td);
          const inner = td.getBoundingClientRect().height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
          return [td.textContent.trim().slice(0, 40), inner / parseFloat(s.lineHeight)];
        });
        """
    )
    assert len(heights) >= 5
    tall = [(text, round(lines, 1)) for text, lines in heights if lines > 3.1]
    assert not tall, (screen, tall)  # a value, its marker and one ≠ marker: at most 3 lines


def test_the_mmlu_page_leads_with_its_5_shot_board(browser, server, screen):
    browser.get(server + "/benchmarks/mmlu/")
    title = browser.find_element(By.CSS_SELECTOR, "article .atlas-board-title")
    assert title.text.startswith("5-shot"), title.text
    boards = browser.find_elements(By.CSS_SELECTOR, "article table")
    first = boards[0]
    assert rect(browser, first)["top"] > rect(browser, title)["top"]
    models = [a.text for a in first.find_elements(By.CSS_SELECTOR, "tbody td:nth-child(2) a")]
    assert len(models) == len(set(models)) > 100  # one row per model
    assert not browser.find_element(By.CSS_SELECTOR, "details.atlas-board").get_attribute("open")


@pytest.mark.parametrize("bench", ["mmlu", "lambada", "winogrande"])
def test_a_leaderboards_top_score_is_in_view_next_to_its_model(browser, server, screen, bench):
    browser.get(f"{server}/benchmarks/{bench}/")
    row = browser.find_element(By.CSS_SELECTOR, "article table tbody tr")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    model, score = row.find_elements(By.TAG_NAME, "td")[1:3]
    width = browser.execute_script("return innerWidth")
    for cell in (model, score):
        box = rect(browser, cell)
        assert 0 <= box["left"] and box["right"] <= width, (screen, cell.text, box, width)
    assert score.text[0].isdigit() and score.is_displayed()
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("family", ["llama", "opt"])
def test_a_familys_first_results_are_in_view_on_a_phone(browser, server, screen, family):
    browser.get(f"{server}/models/{family}/")
    table = browser.find_element(
        By.CSS_SELECTOR, "#results-reported-by-its-makers ~ .md-typeset__scrollwrap table"
    )
    row = table.find_element(By.CSS_SELECTOR, "tbody tr")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    name, value = row.find_elements(By.TAG_NAME, "td")[:2]
    width = browser.execute_script("return innerWidth")
    assert rect(browser, value)["right"] <= width, (screen, name.text, value.text)
    assert rect(browser, table)["right"] <= width or screen == "phone"


def test_a_link_to_a_variant_lands_on_its_row(browser, server, screen):
    """LLaMA-65B in the MMLU board opens the LLaMA page at its row of the variants table.
    (The all-models table links its family, not the variant, until it is rebuilt.)"""
    browser.get(server + "/benchmarks/mmlu/")
    link = browser.find_element(By.CSS_SELECTOR, 'article table a[href$="models/llama/#llama-65b"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith("/models/llama/#llama-65b"))
    target = browser.find_element(By.ID, "llama-65b")
    assert target.text == "LLaMA-65B" and target.find_element(By.XPATH, "ancestor::table")
    header = browser.find_element(By.CSS_SELECTOR, "header.md-header")
    box, height = rect(browser, target), browser.execute_script("return innerHeight")
    assert rect(browser, header)["bottom"] <= box["top"] and box["bottom"] <= height, box


def test_chinese_edition_speaks_chinese_and_switches_to_the_same_page(browser, server):
    browser.get(server + "/zh/models/llama/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh"
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "article h2")]
    assert "各版本" in headings and "Variants" not in headings
    link = browser.find_element(By.CSS_SELECTOR, 'a.md-select__link[hreflang="en"]')
    browser.get(link.get_attribute("href"))
    assert urlparse(browser.current_url).path == "/models/llama/"
    link = browser.find_element(By.CSS_SELECTOR, 'a.md-select__link[hreflang="zh"]')
    browser.get(link.get_attribute("href"))
    assert urlparse(browser.current_url).path == "/zh/models/llama/"


@pytest.mark.parametrize(
    "query, page",
    [
        ("指令微调", "/zh/methods/instruction-tuning/"),
        ("低秩", "/zh/methods/lora/"),
        ("前置归一化", "/zh/models/llama/"),  # words from the middle of its Chinese summary
    ],
)
def test_chinese_search_in_the_chinese_edition_lands_on_chinese_pages(browser, server, query, page):
    found = pages_of(search(browser, server, query, home="/zh/"))
    assert page in found, found[:5]
    assert all(p.startswith("/zh/") for p in found), found[:5]


def test_english_search_stays_in_the_english_edition(browser, server):
    found = pages_of(search(browser, server, "llama"))
    assert found and not any(p.startswith("/zh/") for p in found), found[:5]


def test_english_search_from_disk_stays_in_the_english_edition(browser, offline_site):
    """The offline build's worker shim adds to the worker's address; the edition still holds."""
    found = pages_of(search(browser, offline_site.as_uri(), "qwen", home="/index.html"))
    assert found and not any("/zh/" in p for p in found), found[:5]


def test_downloaded_chinese_edition_works_from_disk(browser, offline_site):
    home = offline_site.as_uri()
    browser.get(home + "/zh/models/llama.html")
    assert "各版本" in browser.find_element(By.CSS_SELECTOR, "article").text
    link = browser.find_element(By.CSS_SELECTOR, 'a.md-select__link[hreflang="en"]')
    assert link.get_attribute("href").endswith("/models/llama.html")
    assert "/zh/" not in link.get_attribute("href")
    results = pages_of(search(browser, home, "指令微调", home="/zh/index.html"))
    assert any(r.endswith("/zh/methods/instruction-tuning.html") for r in results), results[:3]


# Each header of an index table on one line (the sort icon once wrapped to a second), and
# its counts right-aligned, so digits line up.
_INDEX_TABLE_JS = """
const table = document.querySelector("article table");
const lines = [...table.querySelectorAll("thead th")].map(th => {
  const s = getComputedStyle(th);
  const inner = th.getBoundingClientRect().height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
  return Math.round(inner / parseFloat(s.lineHeight));
});
const aligns = [...table.querySelectorAll("tbody td.n")].map(td => getComputedStyle(td).textAlign);
return {lines, aligns: [...new Set(aligns)], numeric: aligns.length};
"""


@pytest.mark.parametrize("index", ["models", "datasets", "benchmarks"])
def test_index_tables_have_one_line_headers_and_right_aligned_counts(
    browser, server, screen, index
):
    browser.get(f"{server}/{index}/")
    shown = browser.execute_script(_INDEX_TABLE_JS)
    assert set(shown["lines"]) == {1}, shown["lines"]
    assert shown["numeric"] > 0 and shown["aligns"] == ["right"], shown
