"""A search index built once at build time, so the browser only loads it.

Material for MkDocs builds its lunr index in the browser on every page load. Measured with
``python -m atlas bench``: that costs about 140 µs per search document even when a document
is only a title, so at 10,000 families the first result came seconds after the page loaded.
Here the same documents (``search/search_index.json``, written by Material's search plugin,
with Chinese already split into words by jieba) are indexed with lunr.py, which writes
lunr.js's own serialized format, and stored as ``search/atlas-index.js``. The worker in
``docs/assets/javascripts/search-worker.js`` turns it into a ``lunr.Index``.

Tokens are what Material's worker would make: HTML tags dropped, entities decoded, lower
case, split on the configured ``separator``; English stop words are left out (the search
plugin's ``pipeline`` keeps only ``stopWordFilter``; no stemming, no trimming). Refs are the
documents' positions in ``docs`` (short, and the worker already has the documents).

The file holds the index in a packed form (``pack``), about half the size of lunr's own
serialization, which the worker reads without building every object up front: at 10,000
families, parsing and loading lunr's format was most of the time to the first result.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

from lunr import get_default_builder
from lunr.stop_word_filter import WORDS as STOP_WORDS

INDEX_FILE = "atlas-index.js"
_TAG = re.compile(r"<[^>]*>")

# lunr's default k1; b = 0.75 normalises by field length (Material uses b = 0), so a query
# that is a model's whole name ranks that model above longer names that contain it.
LENGTH_NORMALISATION = 0.75


def tokens(value: str, separator: re.Pattern) -> list[str]:
    text = html.unescape(_TAG.sub(" ", value or "")).lower()
    return [t for t in separator.split(text) if t and t not in STOP_WORDS]


def build_index(search_index: dict) -> dict:
    """lunr.js-compatible serialized index of ``search_index`` (Material's JSON)."""
    config = search_index["config"]
    separator = re.compile(config["separator"])
    builder = get_default_builder()
    builder.pipeline.reset()  # tokens arrive finished; see the module docstring
    builder.search_pipeline.reset()
    builder.metadata_whitelist = []
    builder.b(LENGTH_NORMALISATION)
    builder.ref("ref")
    docs = search_index["docs"]
    # A field no document has (tags, on this site) would only add an empty entry to every term.
    names = [name for name in config["fields"] if any(doc.get(name) for doc in docs)]
    for name in names:
        builder.field(name, boost=config["fields"][name].get("boost", 1))
    for position, doc in enumerate(docs):
        fields = {"ref": str(position)}
        for name in names:
            value = doc.get(name) or ""
            fields[name] = (
                [t for v in value for t in tokens(v, separator)]
                if isinstance(value, list)
                else tokens(value, separator)
            )
        builder.add(fields, {"boost": doc["boost"]} if "boost" in doc else None)
    return builder.build().serialize()


PACKED_FORMAT = "atlas-lunr-1"


def _utf16(term: str) -> bytes:
    return term.encode("utf-16-be", "surrogatepass")


def pack(serialized: dict) -> dict:
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


def write_index(site_dir: Path) -> Path | None:
    """Write ``search/atlas-index.js`` beside Material's index; None when search is off.

    The index's hash is written into both files: into the ``config`` of Material's index (the
    worker receives that config) and into ``atlas-index.js``. The worker loads the index as
    soon as it starts and, when a cache gave it another version, asks for
    ``atlas-index.js?v=<hash>``: a browser never pairs a cached index with newer documents.
    """
    source = Path(site_dir) / "search" / "search_index.json"
    if not source.is_file():
        return None
    search_index = json.loads(source.read_text(encoding="utf-8"))
    text = json.dumps(pack(build_index(search_index)), ensure_ascii=False, separators=(",", ":"))
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
    search_index["config"]["atlas_index"] = version
    source.write_text(
        json.dumps(search_index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return target
