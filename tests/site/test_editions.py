"""The Chinese edition of the real site: every page in both languages, the switch between
them, the lang attribute, and no English interface string left on a Chinese page."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

import pytest

from atlas.render.strings import ZH

HAN = re.compile(r"[\u4e00-\u9fff]")


def pages(site: Path) -> tuple[set[str], set[str]]:
    every = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    zh = {p[len("zh/") :] for p in every if p.startswith("zh/")}
    return {p for p in every if not p.startswith("zh/")}, zh


def test_every_page_has_its_counterpart_and_the_reverse(real_site):
    en, zh = pages(real_site)
    assert len(en) > 300
    assert en == zh, (sorted(en - zh)[:5], sorted(zh - en)[:5])


def _switch(raw: str) -> dict[str, str]:
    return dict(
        (lang, href)
        for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" class="md-select__link"', raw)
    )


def test_lang_attribute_and_switch_on_every_page(real_site):
    en, _ = pages(real_site)
    for page in sorted(en):
        for lang, path in (("en", page), ("zh", "zh/" + page)):
            raw = (real_site / path).read_text(encoding="utf-8")
            assert re.search(rf'<html lang="{lang}"', raw), path
            switch = _switch(raw)
            assert set(switch) == {"en", "zh"}, path
            for other, target in (("en", page), ("zh", "zh/" + page)):
                here = posixpath.dirname(path)
                landed = posixpath.normpath(posixpath.join(here, switch[other]))
                assert landed == posixpath.normpath(posixpath.dirname(target)), (path, other)


INTERFACE = re.compile(
    r"<(h[1-6]|th|label|summary|button|figcaption|caption|dt|option|output|title)\b[^>]*>(.*?)</\1>",
    re.S,
)
#: English keys that are also names in the data or the same in Chinese ("MMLU 5-shot").
NAMES = {k for k, v in ZH.items() if k == v} | {"LoRA", "QLoRA", "d_model", "Code", "Paper"}


def _texts(raw: str) -> list[str]:
    body = raw[raw.index("<body") :]
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inner)).split())
        for _, inner in INTERFACE.findall(body)
    ]


def test_no_english_interface_string_on_a_chinese_page(real_site):
    """Headings, table headers, labels and the like: none is an English string of the table,
    and no sentence of the table's English side appears anywhere on a Chinese page."""
    english = {k.format_map(_Blank()) for k in ZH if k not in NAMES}
    sentences = [k for k in english if len(k.split()) >= 5 and "{" not in k]
    found = []
    for page in sorted((real_site / "zh").rglob("index.html")):
        raw = page.read_text(encoding="utf-8")
        for t in _texts(raw):
            if t in english:
                found.append((page.relative_to(real_site).as_posix(), t))
        article = raw[raw.index("<article") : raw.index("</article>")]
        article = re.sub(r"<script\b.*?</script>", "", article, flags=re.S)  # data, not text
        # the script's lookup table: English keys, Chinese values (tests/unit/test_strings.py)
        article = re.sub(r'\sdata-strings="[^"]*"', "", article)
        for s in sentences:
            if html.escape(s, quote=False) in article or s in article:
                found.append((page.relative_to(real_site).as_posix(), s))
    assert not found, found[:10]


class _Blank(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def test_chinese_pages_lead_with_chinese(real_site):
    raw = (real_site / "zh/models/llama/index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2[^>]* id="variants"', raw) and "各版本" in raw  # the English anchor, Chinese text
    first = raw.index('class="atlas-summary"')
    assert 'lang="zh-Hans"' in raw[first - 40 : first + 60]
    assert "发布于 2023年2月" in raw  # dates as a Chinese reader writes them
    assert 'href="../../datasets/' in raw and "../../../datasets/" not in raw  # links stay in zh/
    lora = (real_site / "zh/methods/lora/index.html").read_text(encoding="utf-8")
    assert "低秩" in lora and "1.2 TB" in lora and "350 GB" in lora and "10,000" in lora


@pytest.mark.parametrize("page", ["index.html", "models/llama/index.html"])
def test_material_speaks_chinese_on_chinese_pages(real_site, page):
    raw = (real_site / "zh" / page).read_text(encoding="utf-8")
    assert 'placeholder="搜索"' in raw
    assert "基础模型图谱" in raw and "Switch to dark mode" not in raw
    assert 'placeholder="Search"' in (real_site / page).read_text(encoding="utf-8")
