"""The data contract of the atlas: the one definition of every data file.

The loader validates with these models, and the JSON Schema files that editors
use (``python -m atlas schema``) are generated from them, so the two cannot
drift apart. Field descriptions here become the hover text in editors.

Conventions:

* every model forbids unknown keys and is strict (``"65B"`` is not an integer);
* counts are plain positive integers (``65200000000``, not ``"65.2B"``);
* dates are text, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, real and not in the future;
* URLs are http(s) only;
* every sourced fact is covered by a citation: ``cite.<field>`` or ``cite.default``.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, create_model
from pydantic_core import PydanticCustomError

SCHEMA_VERSION = 2

ID_PATTERN = r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"
FULL_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
URL_PATTERN = r"^https?://[^\s\x00-\x1f\x7f/?#]+[^\s\x00-\x1f\x7f]*$"
ARXIV_PATTERN = r"^\d{4}\.\d{4,5}$"

#: Human wording for the patterns above, used in error messages.
PATTERN_HELP = {
    ID_PATTERN: "an id uses lowercase letters and digits, with single '-' or '.' between them (e.g. llama-65b)",
    DATE_PATTERN: 'a date is written "YYYY-MM-DD", "YYYY-MM" or "YYYY"',
    FULL_DATE_PATTERN: 'this date is written "YYYY-MM-DD"',
    URL_PATTERN: "a URL starts with https:// or http:// and has no spaces",
    ARXIV_PATTERN: 'an arXiv id looks like "2302.13971" (no "arXiv:" prefix, no version)',
}

# Upper bounds that no real value reaches: they catch typos and hostile input.
MAX_COUNT = 10**16
MAX_TEXT = 500
MAX_LONG_TEXT = 4000

_BIDI_CONTROLS = "\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u200b-\u200d\u2060\ufeff"
# Text: not blank, no control, zero-width or text-direction characters (a newline is allowed in long text).
# Patterns (not only Python checks) so that the JSON Schema for editors says the same as the loader.
TEXT_PATTERN = "^(?=[\\s\\S]*\\S)[^\\x00-\\x1f\\x7f" + _INVISIBLE + _BIDI_CONTROLS + "]*$"
LONG_TEXT_PATTERN = (
    "^(?=[\\s\\S]*\\S)[^\\x00-\\x09\\x0b-\\x1f\\x7f" + _INVISIBLE + _BIDI_CONTROLS + "]*$"
)
ZH_TEXT_PATTERN = "^(?=[\\s\\S]*[\\u3400-\\u9fff])" + LONG_TEXT_PATTERN[1:]


def today() -> _dt.date:
    """The build date (a function so that tests can pin it)."""
    return _dt.date.today()


def text_problem(value: str, multiline: bool) -> str:
    """Why a text value breaks TEXT_PATTERN / LONG_TEXT_PATTERN, in words."""
    if not value.strip():
        return "must not be empty"
    for ch in value:
        code = f"U+{ord(ch):04X}"
        if re.match("[" + _BIDI_CONTROLS + "]", ch):
            return f"contains an invisible text-direction control character ({code}); remove it"
        if re.match("[" + _INVISIBLE + "]", ch):
            return f"contains an invisible zero-width character ({code}); remove it"
        if unicodedata.category(ch) == "Cc" and not (multiline and ch == "\n"):
            return f"contains a control character ({code})" + (
                "" if multiline else "; this field is a single line"
            )
    return "is not valid text"


def _strip(value: str) -> str:
    return value.strip()


def _date(value: str) -> str:
    parts = [int(p) for p in value.split("-")]
    try:
        start = _dt.date(
            parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1
        )
    except ValueError:
        raise PydanticCustomError(
            "atlas_date", '"{value}" is not a date that exists', {"value": value}
        ) from None
    if start > today():
        raise PydanticCustomError("atlas_date", '"{value}" lies in the future', {"value": value})
    if start.year < 1900:
        raise PydanticCustomError("atlas_date", '"{value}" is before 1900', {"value": value})
    return value


def _finite(value: float) -> float:
    if math.isnan(value) or math.isinf(value):
        raise PydanticCustomError(
            "atlas_number", "must be a finite number, got {value}", {"value": str(value)}
        )
    return value


Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[str, Field(pattern=TEXT_PATTERN, max_length=MAX_TEXT), AfterValidator(_strip)]
LongText = Annotated[
    str, Field(pattern=LONG_TEXT_PATTERN, max_length=MAX_LONG_TEXT), AfterValidator(_strip)
]
ChineseText = Annotated[
    str, Field(pattern=ZH_TEXT_PATTERN, max_length=MAX_LONG_TEXT), AfterValidator(_strip)
]
Url = Annotated[str, Field(pattern=URL_PATTERN, max_length=2000)]
PartialDate = Annotated[str, Field(pattern=DATE_PATTERN), AfterValidator(_date)]
FullDate = Annotated[str, Field(pattern=FULL_DATE_PATTERN), AfterValidator(_date)]
Count = Annotated[int, Field(gt=0, le=MAX_COUNT)]
Number = Annotated[float, Field(ge=-1e12, le=1e12, allow_inf_nan=False)]
Quantity = Annotated[
    float, Field(ge=-1e16, le=1e16, allow_inf_nan=False)
]  # a reported figure: a score, a count, a cost


class Strict(BaseModel):
    """Base: unknown keys are errors, types are not coerced, models are immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, regex_engine="python-re")


class Citation(Strict):
    """Where a fact comes from: a document of ``data/sources.yaml`` and the place in it."""

    source: Id = Field(description="id of a document in data/sources.yaml")
    locator: Text = Field(
        description='the place in the document: "Table 2", "Section 4.1", "model card, Model details"'
    )
    note: Text | None = Field(None, description="anything a reader should know about this value")
    estimate: Text | None = Field(None, description="set only for an estimate: how it was made")


def _cite_model(name: str, fields: tuple[str, ...]) -> type[Strict]:
    """A ``cite:`` mapping: ``default`` plus one optional citation per sourced field."""
    spec = {
        f: (
            Citation | None,
            Field(None, description=f"source of `{f}` (overrides cite.default)"),
        )
        for f in ("default", *fields)
    }
    return create_model(
        name, __base__=Strict, __doc__=f"Citations of the facts of a {name[:-4].lower()}.", **spec
    )


class AlsoReported(Strict):
    """A value another source reports for the same fact (disagreement is data)."""

    field: str = Field(description="the field this value is for, e.g. parameters")
    value: Quantity
    unit: Text | None = None
    source: Id
    locator: Text
    note: Text | None = None


class Summary(Strict):
    en: LongText = Field(description="2-4 sentences in English, in your own words")
    zh: ChineseText = Field(description="2-4 sentences in Chinese, in your own words")


# ---------------------------------------------------------------------------
# Sources and organizations
# ---------------------------------------------------------------------------


class Source(Strict):
    """A document cited by the atlas: paper, report, model card, repository."""

    id: Id
    kind: Literal[
        "paper", "technical-report", "model-card", "dataset-card", "repository", "blog", "website"
    ]
    title: Text
    authors: Text | None = Field(None, description='"First Author, Second Author, et al."')
    short: Text | None = Field(
        None,
        description='label used in tables; default "<first author> et al. <year>" or the title',
    )
    year: int = Field(ge=1900, le=2100)
    date: PartialDate | None = None
    organizations: list[Id] = Field(
        [],
        description="organizations that published the document (its makers' own results are told apart from others')",
    )
    arxiv: Annotated[str, Field(pattern=ARXIV_PATTERN)] | None = None
    venue: Text | None = None
    url: Url


class Organization(Strict):
    id: Id
    name: Text
    url: Url | None = None


LicenseClass = Literal["permissive", "restricted", "non-commercial", "proprietary"]


class License(Strict):
    """A licence that weights or data are released under (``data/licenses.yaml``)."""

    id: Id = Field(
        description="lowercase; the SPDX id in lowercase where one exists (apache-2.0, cc-by-nc-4.0)"
    )
    name: Text = Field(description='as its authors name it: "Llama 2 Community License Agreement"')
    spdx: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9.+-]*$", max_length=80)] | None = (
        Field(None, description="the exact SPDX identifier, where one exists (Apache-2.0)")
    )
    url: Url
    license_class: LicenseClass = Field(
        alias="class",
        description=(
            "permissive: use, modification and redistribution for any purpose (Apache-2.0, MIT); "
            "restricted: open weights with use restrictions or conditions (acceptable-use policies, user caps, RAIL); "
            "non-commercial: research or non-commercial use only; proprietary: no licence to the weights"
        ),
    )
    note: Text | None = None


# ---------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------

Modality = Literal["text", "image", "audio", "video"]


class Modalities(Strict):
    """What a model takes in and puts out."""

    input: list[Modality] = Field(min_length=1)
    output: list[Modality] = Field(min_length=1)


Reasoning = Literal["none", "always", "optional"]
HF_REPO_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$"
PATTERN_HELP[HF_REPO_PATTERN] = (
    'a Hugging Face repository is written "owner/name" (e.g. meta-llama/Llama-2-7b-hf)'
)
HfRepo = Annotated[str, Field(pattern=HF_REPO_PATTERN, max_length=200)]

#: Facts a variant may state for itself and otherwise takes from its family.
INHERITED = ("release_date", "license", "gated", "modalities", "knowledge_cutoff", "reasoning")

VARIANT_SOURCED = (
    "parameters",
    "active_parameters",
    "non_embedding_parameters",
    "training_tokens",
    "context_length",
    "layers",
    "d_model",
    "attention_heads",
    "release_date",
    "license",
    "gated",
    "modalities",
    "knowledge_cutoff",
    "reasoning",
    "deprecated",
    "retired",
)
VariantCite = _cite_model("VariantCite", VARIANT_SOURCED)


class Variant(Strict):
    """One model of a family (a size or a tuned version), inside its family's file."""

    id: Id = Field(description="globally unique, e.g. llama-65b")
    name: Text
    aliases: list[Text] = []
    parameters: Count | None = Field(
        None,
        description="total parameters; exact where published, else as stated (65.2B -> 65200000000)",
    )
    active_parameters: Count | None = Field(
        None, description="parameters active per token (mixture-of-experts only)"
    )
    non_embedding_parameters: Count | None = Field(
        None,
        description="parameters without the embedding and output matrices, where a source gives that count",
    )
    training_tokens: Count | None = Field(None, description="tokens seen in pre-training")
    context_length: Annotated[int, Field(gt=0, le=100000000)] | None = Field(
        None, description="tokens"
    )
    layers: Annotated[int, Field(gt=0, le=100000)] | None = None
    d_model: Annotated[int, Field(gt=0, le=10000000)] | None = None
    attention_heads: Annotated[int, Field(gt=0, le=100000)] | None = None
    release_date: PartialDate | None = Field(
        None, description="only where it differs from the family's"
    )
    license: Id | None = Field(
        None, description="licence id (data/licenses.yaml), only where it differs from the family's"
    )
    gated: bool | None = Field(None, description="only where it differs from the family's")
    modalities: Modalities | None = Field(
        None, description="only where they differ from the family's"
    )
    knowledge_cutoff: PartialDate | None = Field(
        None, description="only where it differs from the family's"
    )
    reasoning: Reasoning | None = Field(None, description="only where it differs from the family's")
    hf_repo: HfRepo | None = Field(
        None, description="the Hugging Face repository of the weights, owner/name"
    )
    deprecated: PartialDate | None = Field(
        None, description="API models: when the maker announced or began the deprecation"
    )
    retired: PartialDate | None = Field(
        None, description="API models: when the maker switched it off"
    )
    note: Text | None = None
    cite: VariantCite = Field(default_factory=VariantCite)  # type: ignore[valid-type]
    also_reported: list[AlsoReported] = []


FAMILY_SOURCED = (
    "release_date",
    "organizations",
    "code",
    "weights",
    "license",
    "code_license",
    "access",
    "gated",
    "architecture",
    "objective",
    "tokenizer",
    "languages",
    "modalities",
    "knowledge_cutoff",
    "reasoning",
    "training_data",
    "derived_from",
    "summary",
)
FamilyCite = _cite_model("FamilyCite", FAMILY_SOURCED)

Access = Literal["open-weights", "api-only", "closed"]
Architecture = Literal["decoder-only", "encoder-decoder", "prefix-lm", "encoder-only"]


class Family(Strict):
    """A model family: one file ``data/models/<id>.yaml``, one page ``docs/models/<id>.md``."""

    id: Id
    name: Text
    aliases: list[Text] = []
    organizations: list[Id] = Field(min_length=1, description="ids from data/organizations.yaml")
    release_date: PartialDate
    paper: Id | None = Field(
        None, description="id of the main paper or report in data/sources.yaml"
    )
    code: Url | None = None
    weights: Url | None = None
    license: Id | None = Field(None, description="licence id of the weights (data/licenses.yaml)")
    code_license: Id | None = Field(None, description="licence id of the code, where it differs")
    access: Access | None = Field(
        None,
        description="how the weights can be had: open-weights (downloadable), api-only, closed; leave out when no source says",
    )
    gated: bool = Field(
        False,
        description="downloading the weights needs an accepted licence or an approved request",
    )
    architecture: Architecture | None = Field(
        None, description="leave out when the makers do not disclose it"
    )
    mixture_of_experts: bool = False
    objective: Text | None = None
    tokenizer: Text | None = None
    languages: list[Text] = []
    modalities: Modalities | None = None
    knowledge_cutoff: PartialDate | None = Field(
        None, description="the latest date of the training data, as the makers state it"
    )
    reasoning: Reasoning | None = Field(
        None,
        description="none | always (a reasoning model) | optional (a thinking mode that can be switched)",
    )
    training_data: list[Id] = Field([], description="dataset ids")
    derived_from: list[Id] = Field([], description="family ids this family was trained from")
    summary: Summary
    checked: FullDate = Field(
        description="when these facts were last checked against their sources"
    )
    cite: FamilyCite  # type: ignore[valid-type]
    variants: list[Variant] = Field(min_length=1)


# ---------------------------------------------------------------------------
# Datasets, benchmarks, methods
# ---------------------------------------------------------------------------


class DiskSize(Strict):
    value: Annotated[float, Field(gt=0, le=1e9, allow_inf_nan=False)]
    unit: Literal["MB", "GB", "TB", "MiB", "GiB", "TiB"]


DATASET_SOURCED = (
    "tokens",
    "documents",
    "examples",
    "disk_size",
    "languages",
    "license",
    "creators",
    "release_date",
    "homepage",
    "derived_from",
    "summary",
)
DatasetCite = _cite_model("DatasetCite", DATASET_SOURCED)


class Dataset(Strict):
    id: Id
    name: Text
    aliases: list[Text] = []
    kind: Literal["pretraining", "instruction", "dialogue", "preference", "evaluation"]
    tokens: Count | None = None
    documents: Count | None = None
    examples: Count | None = None
    disk_size: DiskSize | None = None
    languages: list[Text] = []
    license: Id | None = Field(None, description="licence id (data/licenses.yaml)")
    creators: list[Id] = Field([], description="organization ids")
    release_date: PartialDate | None = None
    paper: Id | None = None
    homepage: Url | None = None
    derived_from: list[Id] = Field([], description="dataset ids")
    summary: Summary
    checked: FullDate
    cite: DatasetCite  # type: ignore[valid-type]
    also_reported: list[AlsoReported] = []


class Metric(Strict):
    id: Id
    name: Text
    higher_is_better: bool
    unit: Text | None = None


class Split(Strict):
    name: Text
    examples: Count


def _one_or_many(value):
    return [value] if isinstance(value, str) else value


#: One protocol id or a list of them (``protocol: thinking`` or ``protocol: [thinking, with-tools]``).
Protocols = Annotated[list[Id], BeforeValidator(_one_or_many, json_schema_input_type=Id | list[Id])]

SettingKind = Literal["protocol", "harness", "split", "subset"]


class Setting(Strict):
    """One word of the settings vocabulary (``data/settings.yaml``): results name it by id."""

    id: Id
    kind: SettingKind = Field(
        description=(
            "subset: which part of a benchmark; split: which split; protocol: how it was run, changing the score "
            "(results with different protocols are ranked apart); harness: the evaluation code, shown beside a value"
        )
    )
    name: Text = Field(
        description='short, as shown in a leaderboard\'s title: "diamond", "thinking mode", "maj@8"'
    )
    description: Text = Field(description="what it means, in a sentence")
    benchmarks: list[Id] = Field(
        [], description="the benchmarks it applies to (subsets); empty: any"
    )


class PrimarySetting(Strict):
    """The setting a benchmark is usually reported in; its leaderboard comes first."""

    shots: Annotated[int, Field(ge=0, le=10000)] | None = None
    metric: Id
    cot: bool = False
    split: Id | None = None
    subset: Id | None = None
    protocol: Protocols = []


class HumanBaseline(Strict):
    label: Text
    value: Number


BENCHMARK_SOURCED = (
    "tasks",
    "splits",
    "random_baseline",
    "human_baselines",
    "task_format",
    "languages",
    "metrics",
    "release_date",
    "homepage",
    "summary",
)
BenchmarkCite = _cite_model("BenchmarkCite", BENCHMARK_SOURCED)


class Benchmark(Strict):
    id: Id
    name: Text
    full_name: Text | None = None
    aliases: list[Text] = []
    part_of: Id | None = Field(None, description="benchmark id this is a part of")
    paper: Id | None = None
    homepage: Url | None = None
    task_format: Text
    measures: Text
    languages: list[Text] = []
    release_date: PartialDate | None = None
    tasks: Count | None = None
    splits: list[Split] = []
    metrics: list[Metric] = Field(min_length=1)
    primary_setting: PrimarySetting | None = Field(
        None,
        description="the usual reporting setting (shots, metric, ...); its leaderboard is shown first",
    )
    random_baseline: Number | None = Field(None, description="in the unit of the first metric")
    human_baselines: list[HumanBaseline] = []
    summary: Summary
    checked: FullDate
    cite: BenchmarkCite  # type: ignore[valid-type]
    also_reported: list[AlsoReported] = []


class Reported(Strict):
    """A figure a source reports about a method, with its own citation."""

    label: Text
    value: Quantity
    unit: Text | None = None
    source: Id
    locator: Text
    note: Text | None = None


class Method(Strict):
    id: Id
    name: Text
    full_name: Text | None = None
    aliases: list[Text] = []
    kind: Literal["method", "guide"]
    paper: Id | None = None
    code: Url | None = None
    summary: Summary
    checked: FullDate
    reported: list[Reported] = []
    related: list[Id] = Field([], description="method ids")


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


class Result(Strict):
    """One reported score. The setting (shots, cot, split, subset, metric) decides which ranking it joins."""

    model: Id = Field(description="variant id")
    benchmark: Id
    shots: Annotated[int, Field(ge=0, le=10000)] | None = Field(
        description="number of in-context examples; null when the source does not state it or it does not apply (say which in shots_note)"
    )
    shots_note: Literal["not stated", "not applicable"] | None = Field(
        None, description="with shots: null, why there is no count"
    )
    metric: Id = Field(description="a metric id of the benchmark")
    value: Number
    locator: Text = Field(description="table or figure of the source")
    cot: bool = Field(False, description="chain-of-thought prompting")
    split: Id | None = Field(
        None, description="a split id from data/settings.yaml (test, validation, ...)"
    )
    subset: Id | None = Field(
        None,
        description="a subset id from data/settings.yaml: which part was averaged (diamond, race-high)",
    )
    protocol: Protocols = Field(
        [],
        description="protocol ids from data/settings.yaml that change the score: thinking mode, maj@8, tools",
    )
    harness: Id | None = Field(
        None,
        description="a harness id from data/settings.yaml: the evaluation code or framework (lm-evaluation-harness)",
    )
    note: Text | None = None
    estimate: Text | None = Field(
        None, description="set only for an estimate (e.g. read off a figure): how it was made"
    )


class ResultsFile(Strict):
    """``data/results/<source-id>.yaml``: every result one document reports."""

    source: Id = Field(description="id of the reporting document; equals the file name")
    results: list[Result] = Field(min_length=1)


SOURCED_FIELDS: dict[type, tuple[str, ...]] = {
    Family: FAMILY_SOURCED,
    Variant: VARIANT_SOURCED,
    Dataset: DATASET_SOURCED,
    Benchmark: BENCHMARK_SOURCED,
}


#: The JSON Schema file of each kind of data file, by name (``schema/<name>.schema.json``).
SCHEMA_FILES: dict[str, tuple[object, str]] = {
    "family": (Family, "data/models/<id>.yaml: one model family and its variants"),
    "dataset": (Dataset, "data/datasets/<id>.yaml: one dataset"),
    "benchmark": (Benchmark, "data/benchmarks/<id>.yaml: one benchmark"),
    "method": (Method, "data/methods/<id>.yaml: one method or guide"),
    "results": (ResultsFile, "data/results/<source-id>.yaml: the results one document reports"),
    "sources": (list[Source], "data/sources.yaml: every document the atlas cites"),
    "organizations": (list[Organization], "data/organizations.yaml: every organization"),
    "licenses": (
        list[License],
        "data/licenses.yaml: every licence that weights or data are released under",
    ),
    "settings": (
        list[Setting],
        "data/settings.yaml: the vocabulary of result settings (subsets, splits, protocols, harnesses)",
    ),
}


def json_schemas() -> dict[str, dict]:
    """JSON Schema (draft 2020-12) of every data file, generated from the models above.

    Editors use these; checks that need the whole catalog (references between
    files, citations covering facts, dates that exist) are the loader's alone.
    """
    from pydantic import TypeAdapter

    out = {}
    for name, (tp, what) in SCHEMA_FILES.items():
        schema = TypeAdapter(tp).json_schema()
        out[name] = {
            **schema,
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{name}.schema.json",
            "title": f"Foundation Model Atlas: {name}",
            "description": f"{what}. Generated from atlas/schema.py (schema version {SCHEMA_VERSION}); do not edit.",
        }
    return out
