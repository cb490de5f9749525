"""Holding HTML blocks out of Markdown changes nothing in the converted page."""

from __future__ import annotations

import markdown
import pytest

from atlas import htmlblocks

CASES = [
    "# T\n\n<table>\n<tr><td>1</td></tr>\n</table>\n\ntext after\n",
    "\n<div class='a'>\n<div>nested</div>\n</div>\n\n\n<p class=\"x\">para</p>\n",
    "<details><summary>Cite</summary><pre><code>a\n\nb</code></pre></details>\n\n## H\n",
    "<table><tr><td>x</td></tr></table>\ntext on the next line\n",
    "text before\n<table><tr><td>x</td></tr></table>\n\nafter\n",
    "  <div>indented</div>\n\n*emphasis* and <span>inline</span>\n",
    "<div>unclosed\n\nmore text\n",
    "- item\n\n<ul><li>raw list</li></ul>\n\n> quote\n",
    "<div>a</div> trailing text\n\n<section><p>x</p></section>",
]


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list"])


@pytest.mark.parametrize("text", CASES)
def test_holding_blocks_gives_the_same_html(text):
    held = htmlblocks.hold("page.md", text)
    assert htmlblocks.restore("page.md", convert(held)) == convert(text)


def test_blocks_are_held_and_given_back_once():
    held = htmlblocks.hold("page.md", CASES[0])
    assert "<table>" not in held and "<!--atlas-html-" in held
    html = htmlblocks.restore("page.md", convert(held))
    assert html.count("<table>") == 1
    assert htmlblocks.restore("page.md", "<p>x</p>") == "<p>x</p>"  # nothing left for the page
