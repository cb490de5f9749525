"""Pages rendered by calling the macros directly equal what Jinja renders (atlas/render/direct.py)."""

from __future__ import annotations

import jinja2
import pytest
from conftest import ROOT

from atlas.load import load_catalog
from atlas.render import bound_macros
from atlas.templating import DirectTemplate, plan


def jinja_render(source: str, functions: dict) -> str:
    # the settings mkdocs-macros uses, with on_undefined: strict
    return (
        jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(source).render(**functions)
    )


def echo(*args):
    return "<" + "|".join(f"{type(a).__name__}:{a}" for a in args) + ">"


FUNCTIONS = {"f": echo, "g": echo}


@pytest.mark.parametrize(
    "source",
    [
        "plain text, no template\n",
        '# Title\n\n{{ f("llama") }}\n\n## Facts { data-search-exclude }\n\n{{ g(\'a\', "b") }}\n',
        "{{f()}}{{ f( 'x' , 5 , -2 , 0.5 ) }}",
        'windows\r\nline ends\r\n{{ f("a") }}\r\n',
        "old mac\rline ends\r",
        "two final newlines\n\n",
        '{{ f("a, 5") }} {{ f(\'it"s\') }} {{ f("}}") }}',
        "",
    ],
)
def test_direct_rendering_equals_jinja(source):
    parts = plan(source, FUNCTIONS)
    assert parts is not None
    assert DirectTemplate(parts, FUNCTIONS).render(page=object()) == jinja_render(source, FUNCTIONS)


@pytest.mark.parametrize(
    "source",
    [
        "{{ title }}",  # a variable
        "{{ f('a') | upper }}",  # a filter
        "{% if x %}y{% endif %}",  # a block
        "{# a comment #}",  # a comment
        "{{ f(x) }}",  # an argument that is a name
        "{{ f('a\\nb') }}",  # an escape in a string
        "{{ f(007) }}",  # a number Python and Jinja read differently
        "{{ f(1e3) }}",
        "{{ h('a') }}",  # not an atlas macro
        "{{- f('a') -}}",  # whitespace control
        "{{ f('a') }} and {{ config.site_name }}",
        "{{ f('a')}",  # not closed
    ],
)
def test_anything_else_is_left_to_jinja(source):
    assert plan(source, FUNCTIONS) is None


def test_every_page_of_the_site_renders_the_same_either_way():
    catalog = load_catalog(ROOT)
    docs = ROOT / "docs"
    direct = 0
    for page in sorted(docs.rglob("*.md")):
        functions = bound_macros(catalog, page.relative_to(docs).as_posix())
        source = page.read_text(encoding="utf-8")
        parts = plan(source, functions)
        if parts is not None:
            direct += 1
            assert DirectTemplate(parts, functions).render() == jinja_render(source, functions), (
                page
            )
    entity_pages = (
        len(catalog.families)
        + len(catalog.datasets)
        + len(catalog.benchmarks)
        + len(catalog.methods)
    )
    assert direct >= entity_pages  # every entity page takes the direct path
