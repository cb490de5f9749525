"""The built site in a real headless Chromium (Debian's chromium + chromium-driver), served on localhost."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
from urllib.parse import urlparse

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


def search(browser, base, query, home="/"):
    browser.get(base + home)
    box = WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "input.md-search__input")
    )
    browser.execute_script("arguments[0].focus()", box)
    box.send_keys(query)
    WebDriverWait(browser, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item a")
    )
    return [
        urlparse(a.get_attribute("href")).path
        for a in browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item > a")
    ]


def pages_of(results):
    """Result links -> the distinct pages, in the order shown."""
    return list(dict.fromkeys(r.split("#")[0] for r in results))


def test_search_finds_llama(browser, server):
    # Ten families are named after LLaMA (Llama 2, Code Llama, ...). The atlas index normalises by
    # field length, so the page whose title is the whole query comes first (Material's own
    # worker, b = 0, put it eighth): this also shows the atlas worker answered.
    assert pages_of(search(browser, server, "llama"))[0] == "/models/llama/"
    assert pages_of(search(browser, server, "gopher"))[0] == "/models/gopher/"


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
    # Results of the query typed so far may show first; wait for the answer to the whole word.
    marked = WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item h1 mark")
    )
    assert (
        marked[0].get_attribute("textContent").lower() == "chinchilla"
    )  # .text is empty while the list fades in


def test_a_match_written_with_a_character_reference_is_marked(browser, server):
    # The page's text says "Q&amp;A"; the index holds the decoded word "q&a".
    assert "/benchmarks/gpqa/" in pages_of(search(browser, server, "q&a"))

    def marks(driver):
        return [
            m.get_attribute("textContent")
            for m in driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item mark")
        ]

    WebDriverWait(browser, 10).until(
        lambda d: "Q&A" in marks(d), f"no mark around Q&A; marks: {marks(browser)}"
    )


def test_search_still_works_without_the_prebuilt_index(browser, real_site, tmp_path):
    """A builder that does not run hooks/search_index.py: the worker builds the index itself."""
    site = tmp_path / "site"
    shutil.copytree(real_site, site)
    (site / "search/atlas-index.js").unlink()
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        assert (
            pages_of(search(browser, f"http://127.0.0.1:{httpd.server_address[1]}", "gopher"))[0]
            == "/models/gopher/"
        )
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


@pytest.mark.parametrize(
    "query, page", [("指令微调", "/methods/instruction-tuning/"), ("微调", "/methods/lora/")]
)
def test_chinese_search_finds_pages(browser, server, query, page):
    assert page in search(browser, server, query)


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


def test_downloaded_chinese_edition_works_from_disk(browser, offline_site):
    home = offline_site.as_uri()
    browser.get(home + "/zh/models/llama.html")
    assert "各版本" in browser.find_element(By.CSS_SELECTOR, "article").text
    link = browser.find_element(By.CSS_SELECTOR, 'a.md-select__link[hreflang="en"]')
    assert link.get_attribute("href").endswith("/models/llama.html")
    assert "/zh/" not in link.get_attribute("href")
    results = pages_of(search(browser, home, "指令微调", home="/zh/index.html"))
    assert any(r.endswith("/zh/methods/instruction-tuning.html") for r in results), results[:3]
