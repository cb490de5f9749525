"""Derived figures: computed from stored facts, never stored, always labelled with their formula.

Each formula names where it comes from (a document in data/sources.yaml), so the methods
page can cite it:

* training compute C ≈ 6·N·D FLOPs (N parameters, D training tokens): Kaplan et al. 2020, Section 2.1;
* tokens per parameter D/N, against Chinchilla's compute-optimal ≈ 20: Hoffmann et al. 2022, Table 3;
* memory to hold the weights: N × bits / 8 bytes (16, 8 and 4 bits per weight);
* full fine-tuning with Adam in mixed precision: 16 bytes per parameter (fp16 weights and
  gradients, fp32 master weights and two Adam moments): Rajbhandari et al. 2020, Section 3.1;
* LoRA: the frozen base in 16 bits, 2 bytes per parameter (adapter and activations excluded): Hu et al. 2021;
* QLoRA: the frozen base in 4-bit NormalFloat, about 0.5 bytes per parameter (adapter,
  quantization constants and activations excluded): Dettmers et al. 2023.

Memory figures are lower bounds for the weights and optimizer state only; activations, the
KV cache and framework overhead come on top.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import schema as S

CHINCHILLA_TOKENS_PER_PARAMETER = 20
FULL_FT_BYTES_PER_PARAM = 16
LORA_BYTES_PER_PARAM = 2
QLORA_BYTES_PER_PARAM = 0.5


@dataclass(frozen=True)
class Figure:
    label: str
    value: float
    unit: str
    formula: str
    source: str | None  # source id of the formula


def training_compute(v: S.Variant) -> float | None:
    """≈ 6 N D FLOPs (dense: N = all parameters; mixture of experts: N = active parameters)."""
    n = v.active_parameters or v.parameters
    if not n or not v.training_tokens:
        return None
    return 6 * n * v.training_tokens


def tokens_per_parameter(v: S.Variant) -> float | None:
    if not v.parameters or not v.training_tokens:
        return None
    return v.training_tokens / v.parameters


def weight_memory(v: S.Variant, bits: int) -> float | None:
    return v.parameters * bits / 8 if v.parameters else None


def figures(v: S.Variant) -> list[Figure]:  # long: one formula per figure, read top to bottom
    """Every derived figure that the variant's stored facts allow."""
    out: list[Figure] = []
    compute = training_compute(v)
    if compute:
        n = "active parameters" if v.active_parameters else "parameters"
        out.append(
            Figure(
                "Training compute",
                compute,
                "FLOPs",
                f"6 × {n} × training tokens",
                "kaplan2020scaling",
            )
        )
    ratio = tokens_per_parameter(v)
    if ratio:
        out.append(
            Figure(
                "Training tokens per parameter",
                ratio,
                f"(Chinchilla-optimal ≈ {CHINCHILLA_TOKENS_PER_PARAMETER})",
                "training tokens ÷ parameters",
                "hoffmann2022chinchilla",
            )
        )
    if v.parameters:
        for bits in (16, 8, 4):
            out.append(
                Figure(
                    f"Weights in memory at {bits} bits",
                    v.parameters * bits / 8,
                    "bytes",
                    f"parameters × {bits} ÷ 8",
                    None,
                )
            )
        out.append(
            Figure(
                "Full fine-tuning (Adam, mixed precision)",
                v.parameters * FULL_FT_BYTES_PER_PARAM,
                "bytes",
                f"parameters × {FULL_FT_BYTES_PER_PARAM} bytes, activations excluded",
                "rajbhandari2020zero",
            )
        )
        out.append(
            Figure(
                "LoRA fine-tuning (16-bit frozen base)",
                v.parameters * LORA_BYTES_PER_PARAM,
                "bytes",
                f"parameters × {LORA_BYTES_PER_PARAM} bytes, adapters and activations excluded",
                "hu2021lora",
            )
        )
        out.append(
            Figure(
                "QLoRA fine-tuning (4-bit frozen base)",
                v.parameters * QLORA_BYTES_PER_PARAM,
                "bytes",
                f"parameters × {QLORA_BYTES_PER_PARAM} bytes, adapters, quantization constants and activations excluded",
                "dettmers2023qlora",
            )
        )
    return out
