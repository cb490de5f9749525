"""The search index built at build time (atlas/searchindex.py), read back with lunr.py."""
from __future__ import annotations

import json
import re

import pytest
from lunr.index import Index

from atlas.searchindex import INDEX_FILE, build_index, pack, tokens, unpack, write_index

SEPARATOR = r'[\s\u200b\u3000\-、。，．？！；,;:!?()\[\]"]+'
FIELDS = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}


def material_index(docs):
    return {"config": {"lang": ["en", "zh"], "separator": SEPARATOR, "pipeline": ["stopWordFilter"], "fields": FIELDS}, "docs": docs}


DOCS = [
    {"location": "", "title": "Foundation Model Atlas", "text": "<p>What each model is and where its numbers come from.</p>"},
    {"location": "models/llama-2/", "title": "Llama 2", "text": "<p>Meta · variants: Llama 2 7B, Llama 2 70B</p>"},
    {"location": "models/llama/", "title": "LLaMA", "text": "<p>Meta AI · variants: LLaMA-7B, LLaMA-65B</p>"},
    {"location": "models/gopher/", "title": "Gopher", "text": "<p>DeepMind &amp; friends · 280B</p>"},
    {"location": "methods/instruction-tuning/", "title": "Instruction tuning", "text": "<p>\u200b指令\u200b微调\u200b让\u200b模型\u200b听\u200b懂\u200b任务</p>"},
    {"location": "models/gopher/#sources", "title": "Sources", "text": "<p>Rae et al. 2021 (Table 1)</p>"},
]


def search(serialized: dict, query: str) -> list[str]:
    return [DOCS[int(hit["ref"])]["location"] for hit in Index.load(serialized).search(query)]


def test_tokens_are_words_without_markup_case_or_stop_words():
    separator = re.compile(SEPARATOR)
    assert tokens("<p>The <strong>LLaMA</strong>-65B model, (with LoRA) &amp; more</p>", separator) == ["llama", "65b", "model", "lora", "&", "more"]
    assert tokens("\u200b指令\u200b微调\u200b", separator) == ["指令", "微调"]
    assert tokens("", separator) == []


def test_index_finds_documents_by_title_text_and_chinese_word():
    serialized = build_index(material_index(DOCS))
    assert serialized["version"] == "2.3.9"  # the lunr.js version the worker loads it with
    assert serialized["fields"] == ["title", "text"]  # no document has tags: no empty tags field
    assert search(serialized, "gopher")[0] == "models/gopher/"
    assert search(serialized, "deepmind") == ["models/gopher/"]
    assert search(serialized, "微调") == ["methods/instruction-tuning/"]
    assert search(serialized, "rae") == ["models/gopher/#sources"]
    terms = {term for term, _ in serialized["invertedIndex"]}
    assert "the" not in terms and "and" not in terms  # English stop words stay out
    assert "70b" in terms and "v0," not in terms


def test_whole_name_ranks_the_model_with_that_name_first():
    # Material's own index ignores field length (b = 0), so "Llama 2" tied with "LLaMA" and
    # came first by order; here the shorter title that is the whole query wins.
    assert search(build_index(material_index(DOCS)), "llama")[:2] == ["models/llama/", "models/llama-2/"]


def test_refs_are_document_positions():
    serialized = build_index(material_index(DOCS))
    refs = {ref.split("/", 1)[1] for ref, _ in serialized["fieldVectors"]}
    assert refs == {str(i) for i in range(len(DOCS))}


def test_written_index_and_documents_carry_the_same_version(tmp_path):
    (tmp_path / "search").mkdir()
    source = tmp_path / "search" / "search_index.json"
    source.write_text(json.dumps(material_index(DOCS)), encoding="utf-8")
    target = write_index(tmp_path)
    assert target == tmp_path / "search" / INDEX_FILE
    script = target.read_text(encoding="utf-8")
    version = re.match(r'self\.atlasSearchIndexVersion="([0-9a-f]{16})";self\.atlasSearchIndex=JSON\.parse\((".*")\);\n$', script, re.S)
    assert version, script[:200]
    assert json.loads(source.read_text(encoding="utf-8"))["config"]["atlas_index"] == version.group(1)
    assert unpack(json.loads(json.loads(version.group(2)))) == build_index(material_index(DOCS))
    first = script
    write_index(tmp_path)  # again, on its own output: same bytes (reproducible builds)
    assert target.read_text(encoding="utf-8") == first


def test_the_packed_index_reads_back_as_the_same_index():
    docs = DOCS + [{"location": "x/", "title": "\U00020000 \uff5a", "text": "<p>" + " ".join(f"w{i}" for i in range(30)) + "</p>"}]
    serialized = build_index(material_index(docs))
    packed = pack(serialized)
    assert unpack(packed) == serialized
    assert len(json.dumps(packed)) < len(json.dumps(serialized)) * 0.7
    # lunr.js inserts words into its TokenSet in JavaScript's string order (UTF-16 code units),
    # where a character beyond U+FFFF sorts before U+FF5A
    assert packed["terms"].index("\U00020000") < packed["terms"].index("\uff5a")
    assert sorted(packed["terms"]) != packed["terms"]


def test_an_index_with_metadata_does_not_pack():
    serialized = build_index(material_index(DOCS))
    serialized["invertedIndex"][0][1]["title"] = {ref: {"position": [[0, 3]]} for ref in serialized["invertedIndex"][0][1]["title"]} or {"0": {"position": [[0, 3]]}}
    with pytest.raises(ValueError, match="metadata"):
        pack(serialized)


def test_no_search_index_means_nothing_to_write(tmp_path):
    assert write_index(tmp_path) is None


def test_real_site_index_covers_every_search_document(real_site):
    docs = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    script = (real_site / "search" / INDEX_FILE).read_text(encoding="utf-8")
    assert f'self.atlasSearchIndexVersion="{docs["config"]["atlas_index"]}"' in script
    serialized = unpack(json.loads(json.loads(script[script.index("JSON.parse(") + 11: script.rindex(")")])))
    refs = {ref.split("/", 1)[1] for ref, _ in serialized["fieldVectors"]}
    assert refs == {str(i) for i in range(len(docs["docs"]))}
    hits = Index.load(serialized).search("llama")
    assert docs["docs"][int(hits[0]["ref"])]["location"] == "models/llama/"
