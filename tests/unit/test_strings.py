"""The one table of interface strings (atlas/render/strings.py): both languages for every
string, every string the code asks for is in the table, and the edition helpers."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from atlas.render.strings import ZH, edition_of, format_date, text, translated_source

ROOT = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u4e00-\u9fff]")
#: Chinese values that are the same words as the English (names of a benchmark setting).
SAME_IN_BOTH = {"MMLU 5-shot", "6ND = {value} FLOPs", "LoRA", "QLoRA"}  # formulas and names


def _fields(s: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(s) if name}


@pytest.mark.parametrize("key", sorted(ZH))
def test_every_string_has_both_languages(key):
    value = ZH[key]
    assert value.strip(), key
    assert HAN.search(value) or key in SAME_IN_BOTH, f"not Chinese: {key!r} -> {value!r}"
    assert _fields(value) == _fields(key), f"placeholders differ: {key!r} -> {value!r}"


def _asked_for() -> set[str]:
    """Every literal the code passes to t(...), ctx.t(...) or ctx.heading(...) (adjacent
    literals joined, as Python joins them)."""
    call = re.compile(r"""(?:\bt|\.heading)\(\s*((?:"[^"\n]*"\s*)+|'[^'\n]*')""")
    keys = set()
    for path in (ROOT / "atlas").rglob("*.py"):
        for m in call.finditer(path.read_text(encoding="utf-8")):
            parts = re.findall(r""""([^"]*)"|'([^']*)'""", m.group(1))
            keys.add("".join(a or b for a, b in parts))
    return {k for k in keys if k}


def test_every_string_the_code_asks_for_is_in_the_table():
    missing = sorted(k for k in _asked_for() if k not in ZH)
    assert not missing


def test_a_missing_string_fails_loudly():
    with pytest.raises(KeyError):
        text("zh", "A string nobody translated")
    assert text("en", "{n} results", n=3) == "3 results"
    assert text("zh", "{n} results", n=3) == "3 个结果"


def test_dates_read_naturally_in_chinese():
    assert format_date("zh", "2023-02") == "2023年2月"
    assert format_date("zh", "2023-02-24") == "2023年2月24日"
    assert format_date("zh", "2023") == "2023年"
    assert format_date("en", "2023-02") == "2023-02"
    assert format_date("zh", None) == ""


def test_editions_are_told_apart_by_path():
    assert edition_of("zh/models/llama.md") == ("zh", "models/llama.md")
    assert edition_of("models/llama.md") == ("en", "models/llama.md")
    assert translated_source("methods/lora.zh.md") == "zh"
    assert translated_source("methods/lora.md") is None
    assert translated_source("models/gpt-3.5.md") is None
