"""The search index built at build time (atlas/searchindex.py), read back with lunr.py."""

from __future__ import annotations

import json
import re

import jieba
import pytest
from lunr.index import Index

from atlas.load import load_catalog
from atlas.searchindex import (
    HAN,
    INDEX_FILE,
    Segmenter,
    build_index,
    entity_documents,
    pack,
    segmenter_for,
    site_documents,
    tokens,
    unpack,
    write_index,
)
from conftest import FIXTURES, ROOT

SEPARATOR = r'[\s\u200b\u3000\-、。，．？！；,;:!?()\[\]"（）：“”‘’《》【】·…—]+|\.(?!\d)'
USER_DICT = str(ROOT / "docs/assets/search/jieba-user.txt")
MATERIAL_FIELDS = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}}


def material_index(docs):
    config = {"lang": ["en", "zh"], "separator": SEPARATOR, "pipeline": ["stopWordFilter"]}
    return {"config": {**config, "fields": MATERIAL_FIELDS}, "docs": docs}


# What Material's search plugin writes: an entity page's own document, and its sections.
MATERIAL_DOCS = [
    {"location": "", "title": "Foundation Model Atlas", "text": "<p>Where numbers come from.</p>"},
    {"location": "models/", "title": "Models", "text": "<p>Every model family.</p>"},
    {"location": "methods/toy-tuning/", "title": "Toy tuning", "text": "<p>lede</p>"},
    {
        "location": "methods/toy-tuning/#how",
        "title": "How",
        "text": "<p>Adapters \u200b在\u200b冻结\u200b的\u200b权重\u200b旁\u200b</p>",
    },
]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(FIXTURES / "valid")


@pytest.fixture(scope="module")
def docs(catalog):
    return site_documents(catalog, MATERIAL_DOCS)


@pytest.fixture(scope="module")
def segmenter(docs):
    return segmenter_for(docs, USER_DICT)


def search(docs, segmenter, query: str, edition: str = "") -> list[str]:
    """The pages of one edition that answer ``query``, as the worker keeps them."""
    serialized = build_index(docs, SEPARATOR, segmenter)
    hits = [docs[int(hit["ref"])]["location"] for hit in Index.load(serialized).search(query)]
    return [h for h in hits if h.startswith(edition) and (edition or not h.startswith("zh/"))]


def test_tokens_are_words_without_markup_case_or_stop_words():
    separator = re.compile(SEPARATOR)
    assert tokens(
        "<p>The <strong>LLaMA</strong>-65B model, (with LoRA) &amp; more</p>", separator
    ) == ["llama", "65b", "model", "lora", "&", "more"]
    assert tokens("", separator) == []
    # Chinese: the words, and the dictionary words inside a longer word (jieba's search mode)
    segmenter = Segmenter.from_jieba(["LoRA（低秩适配）"], USER_DICT)
    assert tokens("LoRA（低秩适配）", separator, segmenter) == ["lora", "低秩", "适配", "低秩适配"]
    assert tokens("Family. Version 1.3B", separator) == ["family", "version", "1.3b"]


def test_an_entity_is_found_by_its_summary_aliases_variants_and_facts(docs, segmenter):
    assert search(docs, segmenter, "small")[0] == "models/toy/"  # English summary
    assert search(docs, segmenter, "测试")[0] in {"models/toy/", "benchmarks/toybench/"}
    assert "models/toy/" in search(docs, segmenter, "测试")  # Chinese summary
    assert search(docs, segmenter, "玩具")[0] == "models/toy/"  # a Chinese alias
    assert search(docs, segmenter, "65b")[0] == "models/toy/"  # a variant's name
    assert set(search(docs, segmenter, "friends")) == {"models/toy/", "datasets/toy-corpus/"}
    assert search(docs, segmenter, "prediction") == ["models/toy/"]  # its objective
    assert search(docs, segmenter, "perplexity") == ["benchmarks/toybench/"]  # a metric


def test_leaderboards_and_sources_stay_out(docs, segmenter):
    serialized = build_index(docs, SEPARATOR, segmenter)
    terms = {term for term, _ in serialized["invertedIndex"]}
    # a result of Toy-65B on ToyBench (60.1, Table 3) and its source's title are on the pages
    assert {"60.1", "63.4", "table", "doe"}.isdisjoint(terms)
    assert "small" in terms and "玩具" in terms


def test_a_name_ranks_above_a_mention_and_the_whole_name_first(docs, segmenter):
    # "ToyBench" is one benchmark's name, part of another's ("ToyBench Lite") and in the
    # summary of that other ("A smaller ToyBench."): the benchmark named so comes first.
    assert search(docs, segmenter, "toybench")[:2] == [
        "benchmarks/toybench/",
        "benchmarks/toybench-lite/",
    ]
    # the dataset's name ranks above the model that names it as training data
    assert search(docs, segmenter, "corpus")[0] == "datasets/toy-corpus/"
    assert "models/toy/" in search(docs, segmenter, "corpus")


def test_entity_pages_get_the_catalog_document_and_keep_their_prose_sections(docs):
    by_location = {doc["location"]: doc for doc in docs}
    assert by_location["methods/toy-tuning/"]["text"].startswith("<p>Tune toys.</p>")
    assert by_location["methods/toy-tuning/#how"]["text"] == "<p>Adapters 在冻结的权重旁</p>"
    assert by_location["models/"]["names"] == ["模型"]  # a section page's name in Chinese
    toy = by_location["models/toy/"]
    assert toy["tags"] == ["Model"] and toy["title"] == "Toy"
    assert "Made by: Toy Lab &amp; Friends" in toy["text"]  # escaped, as HTML
    assert len([d for d in docs if d["location"] == "methods/toy-tuning/"]) == 1


def test_an_edition_in_chinese_shows_its_language_first(catalog, docs):
    toy = next(d for d in entity_documents(catalog, "zh") if d["location"] == "zh/models/toy/")
    assert toy["text"].startswith("<p>玩具模型用于测试。</p><p>Toy is")
    assert toy["tags"] == ["模型"] and "开发者: Toy Lab" in toy["text"]
    offline = entity_documents(catalog, "en", directory_urls=False)
    assert "models/toy.html" in {d["location"] for d in offline}
    # the site's documents hold each entity once per edition, each under its own folder
    assert [d["location"] for d in docs].count("zh/models/toy/") == 1
    assert [d["location"] for d in docs].count("models/toy/") == 1
    segmenter = segmenter_for(docs, USER_DICT)
    assert search(docs, segmenter, "玩具", edition="zh/")[0] == "zh/models/toy/"


def test_the_segmenter_cuts_the_catalog_as_jieba_does():
    """Restricted to the words the corpus uses, jieba's route search gives jieba's own cuts."""
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "data").rglob("*.yaml")]
    segmenter = Segmenter.from_jieba(texts, USER_DICT)
    runs = {run for text in texts for run in HAN.findall(text)}
    assert len(runs) > 1000 and len(segmenter.words) > 1000
    differ = [run for run in runs if segmenter.cut(run) != list(jieba.cut(run, HMM=False))]
    assert not differ, differ[:5]
    assert segmenter.cut("旋转位置编码") == ["旋转", "位置编码"]  # the user dictionary's word


def test_the_packed_index_reads_back_as_the_same_index(docs, segmenter):
    extra = {"location": "x/", "title": "\U00020000 \uff5a", "text": "w" + " w".join("0123456")}
    serialized = build_index([*docs, extra], SEPARATOR, segmenter)
    packed = pack(serialized, segmenter)
    assert unpack(packed) == serialized
    assert packed["segmenter"]["words"]["玩具"] > 0
    assert len(json.dumps(packed)) < len(json.dumps(serialized)) * 0.8
    # lunr.js inserts words into its TokenSet in JavaScript's string order (UTF-16 code units),
    # where a character beyond U+FFFF sorts before U+FF5A
    assert packed["terms"].index("\U00020000") < packed["terms"].index("\uff5a")


def test_an_index_with_metadata_does_not_pack(docs, segmenter):
    serialized = build_index(docs, SEPARATOR, segmenter)
    serialized["invertedIndex"][0][1]["title"] = {"0": {"position": [[0, 3]]}}
    with pytest.raises(ValueError, match="metadata"):
        pack(serialized)


def test_written_index_and_documents_carry_the_same_version(tmp_path, catalog):
    (tmp_path / "search").mkdir()
    source = tmp_path / "search" / "search_index.json"
    source.write_text(json.dumps(material_index(MATERIAL_DOCS)), encoding="utf-8")
    target = write_index(tmp_path, catalog, user_dict=USER_DICT)
    assert target == tmp_path / "search" / INDEX_FILE
    script = target.read_text(encoding="utf-8")
    version = re.match(
        r'self\.atlasSearchIndexVersion="([0-9a-f]{16})";'
        r'self\.atlasSearchIndex=JSON\.parse\((".*")\);\n$',
        script,
        re.S,
    )
    assert version, script[:200]
    written = json.loads(source.read_text(encoding="utf-8"))
    assert written["config"]["atlas_index"] == version.group(1)
    shown = {d["location"]: d for d in written["docs"]}
    assert shown["methods/toy-tuning/#how"]["text"] == "<p>Adapters \u200b在\u200b冻结\u200b的\u200b权重\u200b旁\u200b</p>"
    assert "names" not in shown["models/toy/"]  # indexed, not sent to the browser
    write_index(tmp_path, catalog, user_dict=USER_DICT)  # again, on its own output: same bytes
    assert target.read_text(encoding="utf-8") == script


def test_no_search_index_means_nothing_to_write(tmp_path):
    assert write_index(tmp_path) is None


def _real_index(real_site):
    docs = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    script = (real_site / "search" / INDEX_FILE).read_text(encoding="utf-8")
    assert f'self.atlasSearchIndexVersion="{docs["config"]["atlas_index"]}"' in script
    packed = json.loads(json.loads(script[script.index("JSON.parse(") + 11 : script.rindex(")")]))
    return docs["docs"], Index.load(unpack(packed))


def test_real_site_index_finds_summary_words_and_names_first(real_site):
    docs, index = _real_index(real_site)

    def top(query):
        return [docs[int(hit["ref"])]["location"] for hit in index.search(query)][:3]

    assert top("llama")[0] == "models/llama/"
    assert "models/llama/" in top("swiglu rmsnorm")
    assert top("glm")[0] == "models/glm/"
    locations = [d["location"] for d in docs]
    assert len(locations) == len(set(locations))  # one document per page or section
    # family pages are not parsed by Material: no section of theirs is a document
    assert not [loc for loc in locations if loc.startswith("models/llama/#")]
