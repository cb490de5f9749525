"""Derived figures match their formulas on known cases."""

import pytest
from conftest import ROOT

from atlas import schema as S
from atlas.derive import figures, tokens_per_parameter, training_compute, weight_memory
from atlas.load import load_catalog
from atlas.render.context import Ctx
from atlas.render.family import derived_figures, fmt_bytes, fmt_flops


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT)


def test_llama_65b(catalog):
    v = catalog.variants["llama-65b"]
    assert v.parameters == 65_200_000_000 and v.training_tokens == 1_400_000_000_000
    assert (
        training_compute(v)
        == 6 * 65_200_000_000 * 1_400_000_000_000
        == pytest.approx(5.4768e23, rel=1e-12)
    )
    assert tokens_per_parameter(v) == pytest.approx(1.4e12 / 65.2e9)
    assert weight_memory(v, 16) == 130.4e9 and weight_memory(v, 4) == 32.6e9
    by_label = {f.label: f.value for f in figures(v)}
    assert by_label["Full fine-tuning (Adam, mixed precision)"] == 16 * 65.2e9
    assert by_label["QLoRA fine-tuning (4-bit frozen base)"] == 0.5 * 65.2e9


def test_mixture_of_experts_uses_active_parameters():
    v = S.Variant(
        id="moe",
        name="MoE",
        parameters=46_700_000_000,
        active_parameters=12_900_000_000,
        training_tokens=1_000_000_000_000,
    )
    assert training_compute(v) == 6 * 12_900_000_000 * 1_000_000_000_000


def test_nothing_is_derived_from_missing_facts():
    v = S.Variant(id="x", name="X", parameters=7_000_000_000)
    assert training_compute(v) is None and tokens_per_parameter(v) is None
    assert {f.label for f in figures(v)} == {
        "Weights in memory at 16 bits",
        "Weights in memory at 8 bits",
        "Weights in memory at 4 bits",
        "Full fine-tuning (Adam, mixed precision)",
        "LoRA fine-tuning (16-bit frozen base)",
        "QLoRA fine-tuning (4-bit frozen base)",
    }
    assert figures(S.Variant(id="y", name="Y")) == []


def test_formats():
    assert fmt_flops(5.4768e23) == "5.5 × 10²³"
    assert fmt_bytes(130.4e9) == "130 GB" and fmt_bytes(1.0432e12) == "1.04 TB"


def test_family_page_table_is_labelled_derived(catalog):
    md = derived_figures(Ctx(catalog, "models/llama.md"), "llama")
    assert "Derived, not reported" in md and 'href="../../methods/derived-figures/"' in md
    assert "5.5 × 10²³" in md and "21.5" in md
