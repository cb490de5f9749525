"""The site's search: its documents, its Chinese segmentation and its lunr index, built once.

Material for MkDocs builds a lunr index in the browser on every page load from the HTML of
every page. Here (run by ``hooks/search_index.py`` after Material's search plugin):

- **Documents.** An entity page (model family, dataset, benchmark, method or guide) is one
  document made from the catalog, not from its HTML: its name (field ``title``), its aliases,
  variant names and full name (``names``), its summary in both languages (``text``) and the
  facts people search for (``terms``: makers, architecture, objective, tokenizer, training
  datasets; a benchmark's format, what it measures and its metrics). Leaderboards, result
  grids, source lists and long tables are not in it. The hook keeps Material from parsing the
  family, dataset and benchmark pages at all; method and guide pages are prose, and Material's
  sections of them stay (their page-level document is replaced by the catalog's). Other pages
  are Material's documents; a section page (Models, Datasets, ...) also answers to its name in
  the other language.
- **Ranking.** lunr's BM25 with field boosts: a name (1000) or alias (500) above a fact that
  belongs to the page (10) above a word of a summary or of prose (1). Length normalisation
  ``b = 0.75`` (Material uses 0): the page whose whole name is the query ranks first (``llama``
  -> LLaMA, not Llama 2).
- **Chinese.** jieba's dictionary and algorithm (maximum-probability route through the word
  graph, no HMM) with the atlas's user dictionary of model and ML terms. The index gets each
  word and, like jieba's search mode, the dictionary words of two and three characters inside a
  longer word (旋转位置编码 -> 旋转, 位置编码; 大语言模型 -> ... 语言, 模型 ...), so a reader's
  shorter word finds it too. The worker must cut what the reader types the same way: the index
  ships the costs of the words the corpus uses (``Segmenter``), and the worker runs the same
  route search over them. Restricting jieba's 350,000 words to those the corpus uses changes
  no cut of the corpus (the best route only uses used words, and every other route costs at
  least as much), and integer costs make Python and JavaScript add exactly the same numbers;
  tests check both against jieba and against each other. Character n-grams were the other way
  (no dictionary in the worker), but would make every pair of characters a term (about three
  times as many Chinese terms) and rank by pairs rather than words.
- **Packed.** lunr.py writes lunr.js's serialized index; ``pack`` halves it and lets the worker
  read postings and vectors only when a query needs them (see ``pack``).

One index serves both editions (English at the root, Chinese under ``zh/``): ``site_documents``
returns each entity's document once per edition, in that edition's language and under its
folder, and the worker returns only the pages of the edition it was opened from.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
from collections.abc import Iterable
from pathlib import Path

from lunr import get_default_builder
from lunr.stop_word_filter import WORDS as STOP_WORDS

from . import kinds
from .render.strings import EDITIONS
from .render.strings import text as t

INDEX_FILE = "atlas-index.js"
_TAG = re.compile(r"<[^>]*>")

# lunr's default k1; b = 0.75 normalises by field length (Material uses b = 0), so a query
# that is a model's whole name ranks that model above longer names that contain it.
LENGTH_NORMALISATION = 0.75
FIELDS = {"title": 1000.0, "names": 500.0, "terms": 10.0, "text": 1.0}

# Han characters, the same ranges in Python and (shipped in the index) in the worker.
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
HAN = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _HAN_RANGES) + "]+")
HAN_JS = "[" + "".join(f"\\u{{{a:x}}}-\\u{{{b:x}}}" for a, b in _HAN_RANGES) + "]+"
COST_SCALE = 10_000  # costs are -log(probability) x COST_SCALE, rounded: integer sums


# ---------------------------------------------------------------------------
# Chinese segmentation
# ---------------------------------------------------------------------------


class Segmenter:
    """jieba's cut without HMM over a word list: ``words`` maps a word to its integer cost,
    ``unknown`` is the cost of a character jieba does not know. The worker has the same code."""

    def __init__(self, words: dict[str, int], unknown: int):
        self.words, self.unknown = words, unknown
        self.longest = max(map(len, words), default=1)

    @classmethod
    def from_jieba(cls, texts: Iterable[str], user_dict: str | None = None) -> Segmenter:
        """The words (with jieba's frequencies) that cutting ``texts`` uses, and their parts."""
        import jieba

        jieba.setLogLevel(60)
        jieba.dt.check_initialized()
        freq = jieba.dt.FREQ
        if user_dict and not _loaded(freq, user_dict):
            jieba.load_userdict(user_dict)  # the search plugin has usually loaded it already
        # jieba adds to its total each time a word is added (Material's plugin adds the user
        # dictionary on every build of `mkdocs serve`); the sum of the frequencies does not move.
        log_total = math.log(sum(freq.values()))
        unknown = round(log_total * COST_SCALE)

        def cost(word: str) -> int | None:
            f = freq.get(word)
            return round((log_total - math.log(f)) * COST_SCALE) if f else None

        full = _Costs(cost)
        everything = cls(full, unknown)
        everything.longest = max(map(len, freq), default=1)
        used: dict[str, int] = {}
        for value in texts:
            for run in HAN.findall(value):
                for word in everything.cut(run):
                    for part in [word, *_parts(word, full)]:
                        c = cost(part)
                        if c is not None:
                            used[part] = c
        return cls(dict(sorted(used.items())), unknown)

    def cut(self, run: str) -> list[str]:
        """A run of Han characters as words: the route of least total cost (jieba's calc; on a
        tie the longer first word)."""
        words, n = self.words, len(run)
        route, end = [0] * (n + 1), [0] * (n + 1)
        for i in range(n - 1, -1, -1):
            best, stop = words.get(run[i], self.unknown) + route[i + 1], i + 1
            for j in range(i + 2, min(n, i + self.longest) + 1):
                c = words.get(run[i:j])
                if c is not None and c + route[j] <= best:
                    best, stop = c + route[j], j
            route[i], end[i] = best, stop
        out, i = [], 0
        while i < n:
            out.append(run[i : end[i]])
            i = end[i]
        return out

    def index_words(self, run: str) -> list[str]:
        """What the index holds for a run: its words and their dictionary parts (search mode)."""
        return [w for word in self.cut(run) for w in (*_parts(word, self.words), word)]

    def segmented(self, value: str) -> str:
        """``value`` with a zero-width space around each Chinese word (what Material shows and
        the worker's highlighter splits on)."""
        return HAN.sub(lambda m: "\u200b" + "\u200b".join(self.cut(m.group(0))) + "\u200b", value)

    def to_json(self) -> dict:
        return {"han": HAN_JS, "unknown": self.unknown, "words": self.words}


def _loaded(freq: dict, user_dict: str) -> bool:
    lines = Path(user_dict).read_text(encoding="utf-8").splitlines()
    entries = [line.split() for line in lines if line.strip()]
    return all(len(e) > 1 and freq.get(e[0]) == int(e[1]) for e in entries)


class _Costs(dict):
    """Every word jieba knows, priced on demand."""

    def __init__(self, cost):
        super().__init__()
        self._cost = cost

    def get(self, word, default=None):
        c = self._cost(word)
        return default if c is None else c

    def __contains__(self, word):
        return self._cost(word) is not None


def _parts(word: str, words) -> list[str]:
    """The dictionary words of two and three characters inside a longer word (jieba's
    cut_for_search)."""
    parts = []
    for size in (2, 3):
        if len(word) > size:
            parts += [word[i : i + size] for i in range(len(word) - size + 1)]
    return [p for p in parts if p in words]


def tokens(value: str, separator: re.Pattern, segmenter: Segmenter | None = None) -> list[str]:
    """Index terms of an HTML string: tags dropped, entities decoded, lower case, split on the
    search separator, Chinese cut into words (and their parts), English stop words left out."""
    text = html.unescape(_TAG.sub(" ", value or "")).replace("\u200b", " ").lower()
    out = []
    for token in separator.split(text):
        if not token or token in STOP_WORDS:
            continue
        if segmenter is None or not HAN.search(token):
            out.append(token)
            continue
        at = 0
        for m in HAN.finditer(token):
            out += [token[at : m.start()]] if m.start() > at else []
            out += segmenter.index_words(m.group(0))
            at = m.end()
        out += [token[at:]] if at < len(token) else []
    return out


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------

#: Section pages: the kind whose index they are, and their names (English key of strings.py).
SECTIONS = {"family": "Models", "dataset": "Datasets", "benchmark": "Benchmarks"}
SECTIONS["method"] = "Methods & guides"
#: The kind shown beside a result (Material shows a document's tags).
KIND_LABELS = {"family": "Model", "dataset": "Dataset", "benchmark": "Benchmark"}


Rows = list[tuple[str, list[str]]]  # (label, values): names, or facts


def _other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


def _paragraphs(*parts: str) -> str:
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in parts if p)


def _facts(lang: str, rows: Rows) -> tuple[str, list[str]]:
    """(the line shown in a result, the values indexed)."""
    rows = [(label, [v for v in values if v]) for label, values in rows]
    rows = [(label, values) for label, values in rows if values]
    line = " · ".join(f"{t(lang, label)}: {', '.join(values)}" for label, values in rows)
    return line, [v for _, values in rows for v in values]


def _family_fields(catalog, f) -> tuple[Rows, Rows]:
    variants = [n for v in f.variants for n in (v.name, *v.aliases)]
    architecture = [f.architecture or "", "mixture of experts" if f.mixture_of_experts else ""]
    return [("Also known as", list(f.aliases)), ("Variants", variants)], [
        ("Made by", [catalog.organizations[o].name for o in f.organizations]),
        ("Architecture", architecture),
        ("Training objective", [f.objective or ""]),
        ("Tokenizer", [f.tokenizer or ""]),
        ("Training data", [catalog.datasets[d].name for d in f.training_data]),
    ]


def _dataset_fields(catalog, d) -> tuple[Rows, Rows]:
    return [("Also known as", list(d.aliases))], [
        ("Created by", [catalog.organizations[o].name for o in d.creators]),
        ("Kind", [d.kind]),
    ]


def _benchmark_fields(catalog, b) -> tuple[Rows, Rows]:
    return [("Also known as", [b.full_name or "", *b.aliases])], [
        ("What it measures", [b.measures]),
        ("Format", [b.task_format]),
        ("Metrics", [m.name for m in b.metrics]),
    ]


def _method_fields(catalog, m) -> tuple[Rows, Rows]:
    return [("Also known as", [m.full_name or "", *m.aliases])], []


_FIELDS_OF = {
    "family": _family_fields,
    "dataset": _dataset_fields,
    "benchmark": _benchmark_fields,
    "method": _method_fields,
}


def entity_documents(catalog, lang: str, directory_urls: bool = True) -> list[dict]:
    """One document per entity page, from the catalog, in edition ``lang`` ("en" or "zh")."""
    docs, prefix = [], EDITIONS[lang]
    for kind in kinds.KINDS:
        for entity_id, entity in getattr(catalog, kind.field).items():
            name_rows, rows = _FIELDS_OF[kind.name](catalog, entity)
            known_as, names = _facts(lang, name_rows)
            line, terms = _facts(lang, rows)
            label = KIND_LABELS.get(kind.name) or ("Guide" if entity.kind == "guide" else "Method")
            summary = entity.summary.model_dump()
            docs.append(
                {
                    "location": prefix + kinds.page_url(kind.name, entity_id, directory_urls),
                    "title": html.escape(entity.name, quote=False),
                    "text": _paragraphs(summary[lang], summary[_other(lang)], known_as, line),
                    "tags": [t(lang, label)],
                    "names": names,
                    "terms": terms,
                }
            )
    return docs


def site_documents(catalog, material_docs: list[dict], directory_urls: bool = True) -> list[dict]:
    """Every search document of the site, both editions: Material's documents of the pages it
    parsed (an entity page's own document replaced by the catalog's) and one document per
    entity and edition (the worker keeps each edition to its own pages)."""
    entities = (
        [d for lang in EDITIONS for d in entity_documents(catalog, lang, directory_urls)]
        if catalog is not None
        else []
    )
    replaced = {doc["location"] for doc in entities}
    sections = {
        prefix + kinds.kind(name).page_dir + ("/" if directory_urls else "/index.html"): (
            label,
            lang,
        )
        for lang, prefix in EDITIONS.items()
        for name, label in SECTIONS.items()
    }
    docs = []
    for doc in material_docs:
        if doc["location"] in replaced:
            continue
        doc = {k: v.replace("\u200b", "") if isinstance(v, str) else v for k, v in doc.items()}
        if doc["location"] in sections:
            label, lang = sections[doc["location"]]
            doc["names"] = [t(_other(lang), label)]
        docs.append(doc)
    return docs + entities


# ---------------------------------------------------------------------------
# The index
# ---------------------------------------------------------------------------


def _values(doc: dict, name: str) -> list[str]:
    value = doc.get(name) or []
    return list(value) if isinstance(value, list) else [value]


def segmenter_for(docs: list[dict], user_dict: str | None = None) -> Segmenter:
    return Segmenter.from_jieba(
        (v for doc in docs for name in FIELDS for v in _values(doc, name)), user_dict
    )


def build_index(docs: list[dict], separator: str, segmenter: Segmenter | None = None) -> dict:
    """lunr.js-compatible serialized index of ``docs``; refs are the documents' positions."""
    pattern = re.compile(separator)
    builder = get_default_builder()
    builder.pipeline.reset()  # tokens arrive finished (``tokens``): no stemming, no trimming
    builder.search_pipeline.reset()
    builder.metadata_whitelist = []
    builder.b(LENGTH_NORMALISATION)
    builder.ref("ref")
    # A field no document has would only add an empty entry to every term.
    names = [name for name in FIELDS if any(doc.get(name) for doc in docs)]
    for name in names:
        builder.field(name, boost=FIELDS[name])
    for position, doc in enumerate(docs):
        fields = {"ref": str(position)}
        for name in names:
            fields[name] = [w for v in _values(doc, name) for w in tokens(v, pattern, segmenter)]
        builder.add(fields, {"boost": doc["boost"]} if "boost" in doc else None)
    return builder.build().serialize()


def shown(doc: dict, segmenter: Segmenter) -> dict:
    """What the result list gets of a document: its place, title, text and kind, with Chinese
    words separated by zero-width spaces for the worker's highlighter."""
    out = {"location": doc["location"], "title": segmenter.segmented(doc.get("title") or "")}
    out["text"] = segmenter.segmented(doc.get("text") or "")
    for key in ("tags", "boost"):
        if key in doc:
            out[key] = doc[key]
    return out


PACKED_FORMAT = "atlas-lunr-1"


def _utf16(term: str) -> bytes:
    return term.encode("utf-16-be", "surrogatepass")


def pack(serialized: dict, segmenter: Segmenter | None = None) -> dict:
    """lunr's serialized index, packed: terms in the order lunr.js's TokenSet.Builder needs
    (UTF-16 code units), postings as gaps between document positions, and each document's
    field vector as a string the worker splits only when a query matches that document.

    Only indexes without metadata (``metadata_whitelist = []``) and with refs "0".."n-1" pack.
    """
    fields = serialized["fields"]
    terms = sorted((term for term, _ in serialized["invertedIndex"]), key=_utf16)
    inverted = dict(serialized["invertedIndex"])
    postings = []
    for term in terms:
        posting, row = inverted[term], [inverted[term]["_index"]]
        for name in fields:
            if any(posting[name].values()):
                raise ValueError(
                    f"the index keeps metadata for {term!r}; the packed form has no place for it"
                )
            previous, gaps = 0, []
            for doc in sorted(int(ref) for ref in posting[name]):
                gaps.append(doc - previous)
                previous = doc
            row.append(gaps)
        postings.append(row)
    vectors: list[list] = [[] for _ in fields]
    for field_ref, elements in serialized["fieldVectors"]:
        name, ref = field_ref.split("/", 1)
        column = vectors[fields.index(name)]
        position = int(ref)
        column.extend([None] * (position + 1 - len(column)))
        column[position] = ",".join(
            map(repr, elements)
        )  # repr: the shortest text that reads back the same
    return {
        "format": PACKED_FORMAT,
        "version": serialized["version"],
        "fields": fields,
        "pipeline": serialized["pipeline"],
        "terms": terms,
        "postings": postings,
        "vectors": vectors,
        **({"segmenter": segmenter.to_json()} if segmenter else {}),
    }


def unpack(packed: dict) -> dict:
    """The lunr serialization back from ``pack`` (what lunr.py and lunr.js load)."""
    fields = packed["fields"]
    inverted = []
    for term, (index, *gaps_by_field) in zip(packed["terms"], packed["postings"]):
        posting: dict = {"_index": index}
        for name, gaps in zip(fields, gaps_by_field):
            doc, refs = 0, {}
            for gap in gaps:
                doc += gap
                refs[str(doc)] = {}
            posting[name] = refs
        inverted.append([term, posting])
    vectors = []
    for position in range(max(map(len, packed["vectors"]), default=0)):
        for name, column in zip(fields, packed["vectors"]):
            text = column[position] if position < len(column) else None
            if text is not None:
                parts = text.split(",") if text else []
                vectors.append(
                    [
                        f"{name}/{position}",
                        [int(x) if i % 2 == 0 else float(x) for i, x in enumerate(parts)],
                    ]
                )
    return {
        "version": packed["version"],
        "fields": fields,
        "fieldVectors": vectors,
        "invertedIndex": sorted(inverted),
        "pipeline": packed["pipeline"],
    }


#: The last index built: `mkdocs serve` rebuilds after every save, and most saves (a number,
#: a result) leave the searchable text as it was.
_last_index: dict[str, tuple[str, object, str]] = {}


def _index_text(docs: list[dict], separator: str, user_dict: str | None):
    """The segmenter and the packed index of ``docs``, built again only when they changed."""
    words = Path(user_dict).read_text(encoding="utf-8") if user_dict else ""
    key = json.dumps([docs, separator, words], ensure_ascii=False, sort_keys=True, default=str)
    key = hashlib.sha256(key.encode("utf-8")).hexdigest()
    last = _last_index.get("site")
    if last and last[0] == key:
        return last[1], last[2]
    segmenter = segmenter_for(docs, user_dict)
    packed = pack(build_index(docs, separator, segmenter), segmenter)
    text = json.dumps(packed, ensure_ascii=False, separators=(",", ":"))
    _last_index["site"] = (key, segmenter, text)
    return segmenter, text


def write_index(
    site_dir: Path,
    catalog=None,
    directory_urls: bool = True,
    user_dict: str | None = None,
) -> Path | None:
    """Rewrite ``search/search_index.json`` with the site's documents and write
    ``search/atlas-index.js`` beside it; None when search is off.

    The index's hash is written into both files: into the ``config`` of the documents (the
    worker receives that config) and into ``atlas-index.js``. The worker loads the index as
    soon as it starts and, when a cache gave it another version, asks for
    ``atlas-index.js?v=<hash>``: a browser never pairs a cached index with newer documents.
    """
    source = Path(site_dir) / "search" / "search_index.json"
    if not source.is_file():
        return None
    search_index = json.loads(source.read_text(encoding="utf-8"))
    config = search_index["config"]
    docs = site_documents(catalog, search_index["docs"], directory_urls)
    segmenter, text = _index_text(docs, config["separator"], user_dict)
    literal = (
        json.dumps(text, ensure_ascii=False)
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    # JSON.parse of a string literal is parsed faster than the same object as a JS literal.
    target = source.with_name(INDEX_FILE)
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    target.write_text(
        f'self.atlasSearchIndexVersion="{version}";self.atlasSearchIndex=JSON.parse({literal});\n',
        encoding="utf-8",
    )
    config["atlas_index"] = version
    config["fields"] = {name: {"boost": boost} for name, boost in FIELDS.items()}
    search_index["docs"] = [shown(doc, segmenter) for doc in docs]
    source.write_text(
        json.dumps(search_index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return target
