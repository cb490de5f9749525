"""The public export: api/catalog.json and CSV files, written from the Catalog.

This is a contract (DESIGN.md section 4): other people's scripts read it. Keys
may be added; the documented ones stay. Counts are plain integers.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from . import schema as S
from .kinds import page_url
from .load import Catalog, ResultRecord, gc_paused


def _citations(obj: Any) -> dict[str, dict]:
    return {
        name: c.model_dump(exclude_none=True)
        for name in type(obj.cite).model_fields
        if (c := getattr(obj.cite, name)) is not None
    }


def _family(c: Catalog, f: S.Family, du: bool) -> dict:
    paper = c.sources.get(f.paper) if f.paper else None
    return {
        "id": f.id,
        "name": f.name,
        "url": page_url("family", f.id, du),
        "organization": ", ".join(c.organizations[o].name for o in f.organizations),
        "organizations": list(f.organizations),
        "arxiv_id": paper.arxiv if paper else None,
        "paper": f.paper,
        "release_date": f.release_date,
        "architecture": f.architecture,
        "mixture_of_experts": f.mixture_of_experts,
        "license": f.license,
        "license_name": c.licenses[f.license].name if f.license else None,
        "license_class": c.licenses[f.license].license_class if f.license else None,
        "code_license": f.code_license,
        "access": f.access,
        "gated": f.gated,
        "modalities": f.modalities.model_dump() if f.modalities else None,
        "knowledge_cutoff": f.knowledge_cutoff,
        "reasoning": f.reasoning,
        "objective": f.objective,
        "tokenizer": f.tokenizer,
        "languages": list(f.languages),
        "code": f.code,
        "weights": f.weights,
        "aliases": list(f.aliases),
        "training_data": list(f.training_data),
        "derived_from": list(f.derived_from),
        "variants": [v.id for v in f.variants],
        "summary": f.summary.model_dump(),
        "checked": f.checked,
        "citations": _citations(f),
    }


def _model(c: Catalog, f: S.Family, v: S.Variant) -> dict:
    license_id = v.license or f.license
    modalities = v.modalities or f.modalities
    return {
        "id": v.id,
        "family": f.id,
        "name": v.name,
        "aliases": list(v.aliases),
        "organization": ", ".join(c.organizations[o].name for o in f.organizations),
        "architecture": f.architecture,
        "license": license_id,
        "license_class": c.licenses[license_id].license_class if license_id else None,
        "access": f.access,
        "gated": f.gated if v.gated is None else v.gated,
        "modalities": modalities.model_dump() if modalities else None,
        "knowledge_cutoff": v.knowledge_cutoff or f.knowledge_cutoff,
        "reasoning": v.reasoning or f.reasoning,
        "hf_repo": v.hf_repo,
        "deprecated": v.deprecated,
        "retired": v.retired,
        "parameters": v.parameters,
        "active_parameters": v.active_parameters,
        "non_embedding_parameters": v.non_embedding_parameters,
        "training_tokens": v.training_tokens,
        "context_length": v.context_length,
        "layers": v.layers,
        "d_model": v.d_model,
        "attention_heads": v.attention_heads,
        "release_date": v.release_date or f.release_date,
        "note": v.note,
        "citations": _citations(v),
        "also_reported": [a.model_dump(exclude_none=True) for a in v.also_reported],
    }


def _dataset(c: Catalog, d: S.Dataset, du: bool) -> dict:
    out = d.model_dump(exclude={"cite", "summary", "also_reported"})
    out["url"] = page_url("dataset", d.id, du)
    out["used_by"] = list(c.dataset_users.get(d.id, ()))
    out["summary"] = d.summary.model_dump()
    out["citations"] = _citations(d)
    out["also_reported"] = [a.model_dump(exclude_none=True) for a in d.also_reported]
    return _ordered(out, ("id", "name", "url", "kind"))


def _benchmark(c: Catalog, b: S.Benchmark, du: bool) -> dict:
    out = b.model_dump(exclude={"cite", "summary", "also_reported"})
    out["url"] = page_url("benchmark", b.id, du)
    out["metric"] = b.metrics[0].id
    out["parts"] = list(c.benchmark_parts.get(b.id, ()))
    out["summary"] = b.summary.model_dump()
    out["citations"] = _citations(b)
    return _ordered(out, ("id", "name", "url", "aliases", "metric"))


def _method(m: S.Method, du: bool) -> dict:
    out = m.model_dump()
    out["url"] = page_url("method", m.id, du)
    return _ordered(out, ("id", "name", "url"))


def _ordered(d: dict, first: tuple[str, ...]) -> dict:
    return {**{k: d[k] for k in first}, **{k: v for k, v in d.items() if k not in first}}


def _result(c: Catalog, rec: ResultRecord) -> dict:
    r, src = rec.result, c.sources[rec.source]
    return {
        "model": r.model,
        "family": c.variant_family[r.model],
        "benchmark": r.benchmark,
        "shots": r.shots,
        "shots_note": r.shots_note,
        "setting": c.setting_label(rec.setting),
        "cot": r.cot,
        "split": r.split,
        "subset": r.subset,
        "protocol": list(r.protocol),
        "harness": r.harness,
        "metric": r.metric,
        "value": r.value,
        "note": r.note,
        "estimate": r.estimate,
        "source": {"id": src.id, "title": src.title, "url": src.url, "locator": r.locator},
    }


def catalog_dict(c: Catalog, directory_urls: bool = True) -> dict:
    return {
        "schema_version": S.SCHEMA_VERSION,
        "families": [_family(c, f, directory_urls) for f in c.families.values()],
        "models": [_model(c, f, v) for f in c.families.values() for v in f.variants],
        "datasets": [_dataset(c, d, directory_urls) for d in c.datasets.values()],
        "benchmarks": [_benchmark(c, b, directory_urls) for b in c.benchmarks.values()],
        "methods": [_method(m, directory_urls) for m in c.methods.values()],
        "results": [_result(c, rec) for rec in c.results],
        "sources": [s.model_dump(exclude_none=True) for s in c.sources.values()],
        "organizations": [o.model_dump(exclude_none=True) for o in c.organizations.values()],
        "licenses": [
            lic.model_dump(exclude_none=True, by_alias=True) for lic in c.licenses.values()
        ],
    }


MODEL_COLUMNS = (
    "id",
    "family",
    "name",
    "organization",
    "parameters",
    "active_parameters",
    "training_tokens",
    "context_length",
    "layers",
    "d_model",
    "attention_heads",
    "release_date",
    "architecture",
    "license",
    "license_class",
    "access",
    "gated",
    "knowledge_cutoff",
    "reasoning",
    "hf_repo",
)
RESULT_COLUMNS = (
    "model",
    "family",
    "benchmark",
    "shots",
    "shots_note",
    "setting",
    "cot",
    "split",
    "subset",
    "protocol",
    "harness",
    "metric",
    "value",
    "source_id",
    "source_title",
    "source_url",
    "locator",
)


def _csv(columns: tuple[str, ...], rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in columns})
    return buf.getvalue()


def schema_files() -> dict[str, str]:
    """``schema/<name>.schema.json`` -> content, generated from atlas/schema.py."""
    return {
        f"schema/{name}.schema.json": json.dumps(
            schema, ensure_ascii=False, indent=1, sort_keys=True
        )
        + "\n"
        for name, schema in S.json_schemas().items()
    }


def llms_txt(c: Catalog, directory_urls: bool = True) -> str:
    """The site's pages for language-model readers (https://llmstxt.org format)."""

    def first_sentence(text: str) -> str:
        text = " ".join(text.split())
        end = text.find(". ")
        return text if end < 0 else text[: end + 1]

    lines = [
        "# Foundation Model Atlas",
        "",
        "> A reference on foundation models: what each model is, what it was trained on, how it scores on benchmarks, and the source (document and table) of every number.",
        "",
    ]
    lines += [
        "Data: [catalog.json](api/catalog.json), [models.csv](api/models.csv), [results.csv](api/results.csv), [sources.bib](api/sources.bib), JSON Schema under api/schema/.",
        "",
    ]
    for title, kind, store in (
        ("Model families", "family", c.families),
        ("Datasets", "dataset", c.datasets),
        ("Benchmarks", "benchmark", c.benchmarks),
        ("Methods and guides", "method", c.methods),
    ):
        lines += [f"## {title}", ""]
        for entity in sorted(store.values(), key=lambda e: e.name.lower()):
            lines.append(
                f"- [{entity.name}]({page_url(kind, entity.id, directory_urls)}): {first_sentence(entity.summary.en)}"
            )
        lines.append("")
    return "\n".join(lines)


def cited_sources(c: Catalog) -> list[str]:
    """Ids of every document something in the catalog cites, in data/sources.yaml order."""
    from .render.cite import cited_sources as cited_by

    cited: set[str] = {rec.source for rec in c.results}
    for store in (c.families, c.datasets, c.benchmarks, c.methods):
        for entity in store.values():
            cited.update(source for source, _ in cited_by(entity))
    for f in c.families.values():
        for v in f.variants:
            cited.update(source for source, _ in cited_by(v))
    return [s for s in c.sources if s in cited]


def export_files(c: Catalog, directory_urls: bool = True) -> dict[str, str]:
    """Path under api/ -> content of every export file."""
    from .bibtex import bibliography

    data = catalog_dict(c, directory_urls)
    results = [
        {
            **r,
            "protocol": ";".join(r["protocol"]),
            "source_id": r["source"]["id"],
            "source_title": r["source"]["title"],
            "source_url": r["source"]["url"],
            "locator": r["source"]["locator"],
        }
        for r in data["results"]
    ]
    return {
        # compact: json's C encoder only runs without indent (10x faster at 10,000 families)
        "catalog.json": json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
        "models.csv": _csv(MODEL_COLUMNS, data["models"]),
        "results.csv": _csv(RESULT_COLUMNS, results),
        "sources.bib": bibliography(c.sources[s] for s in cited_sources(c)),
        **schema_files(),
    }


def write_exports(c: Catalog, site_dir: Path, directory_urls: bool = True) -> list[Path]:
    """Write api/* and llms.txt into a built site."""
    written = []
    with gc_paused():
        files = {
            f"api/{name}": content for name, content in export_files(c, directory_urls).items()
        }
        files["llms.txt"] = llms_txt(c, directory_urls)
    for name, content in files.items():
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
