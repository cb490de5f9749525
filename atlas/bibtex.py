"""BibTeX of the documents the atlas cites (api/sources.bib and the cite block of each page)."""

from __future__ import annotations

import re

from . import schema as S

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _tex(value: str) -> str:
    return "".join(_SPECIAL.get(ch, ch) for ch in " ".join(value.split()))


def _authors(authors: str) -> str:
    """'A, B, et al.' -> 'A and B and others'."""
    names = [n.strip() for n in re.split(r",| and ", authors) if n.strip()]
    out = []
    for name in names:
        if re.fullmatch(r"(et al\.?|others)", name, re.I):
            out.append("others")
        else:
            out.append(_tex(re.sub(r"\s+et al\.?$", "", name)))
            if re.search(r"\s+et al\.?$", name):
                out.append("others")
    return " and ".join(dict.fromkeys(out))


def entry(src: S.Source) -> str:
    """One BibTeX entry, keyed by the source id."""
    kind = {
        "paper": "article" if src.venue and not src.arxiv else "misc",
        "technical-report": "techreport",
    }.get(src.kind, "misc")
    fields = [("title", "{" + _tex(src.title) + "}")]
    if src.authors:
        fields.append(("author", _authors(src.authors)))
    fields.append(("year", str(src.year)))
    if src.venue and kind == "article":
        fields.append(("journal", _tex(src.venue)))
    if kind == "techreport":
        fields.append(("institution", _tex(src.venue or src.authors or src.title)))
    if src.arxiv:
        fields += [("eprint", src.arxiv), ("archivePrefix", "arXiv")]
    fields.append(("url", src.url.replace("{", "%7B").replace("}", "%7D")))
    if kind == "misc" and src.kind not in ("paper",):
        fields.append(("note", _tex(src.kind.replace("-", " "))))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@{kind}{{{src.id},\n{body}\n}}\n"


def bibliography(sources) -> str:
    return "\n".join(entry(s) for s in sources)


def page_entry(kind: str, entity, url: str) -> str:
    """How to cite an atlas page."""
    what = {
        "family": "model family",
        "dataset": "dataset",
        "benchmark": "benchmark",
        "method": "method",
    }[kind]
    return (
        f"@misc{{atlas-{kind}-{entity.id},\n"
        f"  title = {{{{{_tex(entity.name)}}}: {what} page of the Foundation Model Atlas}},\n"
        f"  howpublished = {{{_tex(url)}}},\n"
        f"  note = {{Facts checked {entity.checked}}},\n"
        f"  year = {{{entity.checked[:4]}}}\n"
        "}\n"
    )
