"""The helper process that renders pages and exports ahead of the build (atlas/render/ahead.py)."""
from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import pytest

from atlas import parallel
from atlas.errors import CatalogError, DataError
from atlas.export import write_exports
from atlas.load import load_catalog
from atlas.render import MACROS, ahead, bound_macros, directory_url as url
from atlas.render.direct import DirectTemplate, plan
from conftest import FIXTURES, make_project

CATALOG = load_catalog(FIXTURES / "valid")
PAGES = {
    "index.md": "# Home\n\n{{ catalog_stats() }}\n",
    "models/toy.md": "---\ntitle: Toy\n---\n# Toy\n\n{{ family_facts(\"toy\") }}\n\n{{ variants_table(\"toy\") }}\n",
    "models/index.md": "# Models\n\n{{ models_index() }}\n",
    "guide.md": "# Guide\n\n{{ config.site_name }} {{ family_facts(\"toy\") }}\n",  # a variable: Jinja's
    "broken.md": "# Broken\n\n{{ family_facts(\"no-such-family\") }}\n",
}


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    for name, text in PAGES.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    return tmp_path / "docs"


def helper(docs: Path, export=None, bind=None) -> ahead.RenderAhead:
    return ahead.RenderAhead(docs, url, lambda: (bind or partial(bound_macros, CATALOG), export or partial(write_exports, CATALOG)), MACROS.keys())


def render_here(src_uri: str, source: str) -> str:
    return DirectTemplate(plan(source, MACROS), bound_macros(CATALOG, src_uri, url(src_uri))).render()


def test_pages_are_listed_in_the_order_mkdocs_builds_them(docs):
    assert ahead.doc_pages(docs) == ["index.md", "broken.md", "guide.md", "models/index.md", "models/toy.md"]


def test_the_helper_renders_what_the_build_would(docs, tmp_path):
    h = helper(docs)
    try:
        assert h.ready()
        for src_uri in ("index.md", "models/index.md", "models/toy.md"):
            source = ahead.page_source(docs / src_uri)
            assert "title: Toy" not in source  # front matter is off, as MkDocs passes it
            assert h.take(src_uri, url(src_uri), source) == render_here(src_uri, source)
        assert h.taken == 3
        # Jinja's pages, pages whose macros raise, and pages it does not know: the build renders them
        assert h.take("guide.md", "guide/", ahead.page_source(docs / "guide.md")) is None
        assert h.take("broken.md", "broken/", ahead.page_source(docs / "broken.md")) is None
        assert h.take("made-by-a-plugin.md", "made-by-a-plugin/", "# x\n") is None
        site = tmp_path / "site"
        assert h.finish(site)
    finally:
        h.close()
    here = tmp_path / "here"
    write_exports(CATALOG, here)
    written = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert written == sorted(p.relative_to(here).as_posix() for p in here.rglob("*") if p.is_file())
    assert all((site / name).read_bytes() == (here / name).read_bytes() for name in written)


def test_a_page_changed_since_the_helper_read_it_is_rendered_by_the_build(docs):
    h = helper(docs)
    try:
        source = ahead.page_source(docs / "models/toy.md")
        assert h.take("models/toy.md", url("models/toy.md"), source + "\nmore\n") is None  # another source
        assert h.take("models/index.md", "models/index.html", ahead.page_source(docs / "models/index.md")) is None  # another URL
        assert h.taken == 0
    finally:
        h.close()


def test_exports_that_fail_in_the_helper_are_left_to_the_build(docs, tmp_path):
    def failing(out):
        raise RuntimeError("disk full")

    h = helper(docs, export=failing)
    assert h.finish(tmp_path / "site") is False
    assert not (tmp_path / "site").exists()


def test_a_catalog_that_does_not_load_in_the_helper_leaves_everything_to_the_build(docs, tmp_path):
    def failing():
        raise CatalogError([DataError("data/models/toy.yaml", 3, "id", "not an id")])

    h = ahead.RenderAhead(docs, url, failing, MACROS.keys())
    try:
        assert h.ready() is False  # the build loads the catalog itself, to raise the error
        assert h.take("index.md", "", ahead.page_source(docs / "index.md")) is None
        assert h.finish(tmp_path / "site") is False
    finally:
        h.close()


def test_a_helper_that_dies_leaves_every_page_to_the_build(docs, tmp_path):
    def dying(src_uri, page_url):
        if src_uri == "models/index.md":
            os._exit(3)
        return bound_macros(CATALOG, src_uri, page_url)

    h = helper(docs, bind=dying)
    assert h.take("index.md", "", ahead.page_source(docs / "index.md")) is not None
    assert h.take("models/toy.md", "models/toy/", ahead.page_source(docs / "models/toy.md")) is None
    assert h.finish(tmp_path / "site") is False


@pytest.mark.parametrize("directory_urls, home, toy", [(True, "", "models/toy/"), (False, "index.html", "models/toy.html")])
def test_start_follows_the_site_configuration(docs, tmp_path, directory_urls, home, toy):
    from atlas.render.pages import Site

    conf = {"docs_dir": str(docs), "site_dir": str(tmp_path / "site"), "use_directory_urls": directory_urls}
    h = ahead.start(conf, lambda: (CATALOG, Site()))
    if not parallel.enabled():
        assert h is None
        return
    try:
        source = ahead.page_source(docs / "models/toy.md")
        expected = DirectTemplate(plan(source, MACROS), bound_macros(CATALOG, "models/toy.md", toy)).render()
        assert h.take("models/toy.md", toy, source) == expected
        assert h.take("index.md", home, ahead.page_source(docs / "index.md")) is not None  # the URL MkDocs gives the home page
    finally:
        h.close()


@pytest.mark.skipif(not parallel.enabled(), reason="needs two CPUs and fork (CI has both)")
def test_the_helper_may_load_the_catalog_in_halves(docs):
    """The catalog's load forks its second half (parallel.in_halves) from inside the helper."""

    build = os.getpid()

    def prepare():
        pids = parallel.in_halves(list(range(8)), lambda items: [os.getpid()] * len(items), minimum=2)
        macros = {"catalog_stats": lambda: f"{len(set(pids) - {build})} processes"}
        return (lambda src_uri, page_url: macros), partial(write_exports, CATALOG)

    h = ahead.RenderAhead(docs, url, prepare, MACROS.keys())
    try:
        assert h.ready()
        text = h.take("index.md", "", ahead.page_source(docs / "index.md"))
        assert text is not None and "2 processes" in text  # the helper and the one it forked
    finally:
        h.close()


def test_a_helper_whose_build_is_gone_stops(docs):
    """The helper does not wait forever on a full pipe once the build has stopped reading."""
    big = {"catalog_stats": lambda: "x" * 200_000, "models_index": lambda: "y" * 200_000}
    h = ahead.RenderAhead(docs, url, lambda: ((lambda src_uri, page_url: big), partial(write_exports, CATALOG)), MACROS.keys())
    try:
        h._conn.close()  # as when the build process has exited or been killed
        h._process.join(timeout=20)
        assert not h._process.is_alive()
    finally:
        h.close()


def build_conf(project: Path, directory_urls: bool = True) -> dict:
    return {"docs_dir": str(project / "docs"), "site_dir": str(project / "site"), "use_directory_urls": directory_urls, "site_url": "", "extra": {}}


@pytest.mark.parametrize("parallel_work", ["1", "0"], ids=["helper", "no helper"])
def test_a_build_loads_the_catalog_only_where_needed(tmp_path, monkeypatch, parallel_work):
    monkeypatch.setenv("ATLAS_PARALLEL", parallel_work)
    project = make_project(tmp_path / "p")
    build = ahead.Build(build_conf(project), project)
    build.start()
    try:
        build.ready()
        assert build.loaded is (build.helper is None)  # with a helper, it loaded the catalog
        assert (build.helper is None) is (parallel_work == "0" or not parallel.enabled())
        said = build.finish(tmp_path / "site")
        assert (tmp_path / "site" / "api" / "catalog.json").exists()
        if build.loaded:
            assert said is None or "the build process loaded the catalog" in said
        else:
            assert said is not None and "the build process did not load the catalog" in said
    finally:
        build.close()


@pytest.mark.parametrize("parallel_work", ["1", "0"], ids=["helper", "no helper"])
def test_a_build_raises_the_data_errors_with_file_and_line(tmp_path, monkeypatch, parallel_work):
    monkeypatch.setenv("ATLAS_PARALLEL", parallel_work)
    project = make_project(tmp_path / "p")
    path = project / "data/models/toy.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("layers: 32", 'layers: "32 layers"'), encoding="utf-8")
    build = ahead.Build(build_conf(project), project)
    try:
        with pytest.raises(CatalogError, match=r"data/models/toy\.yaml:27: variants\[0\]\.layers"):
            build.start()  # without a helper: here, at configuration time
            build.ready()  # with one: here, before any page is read
    finally:
        build.close()
