"""What a quant type costs one model (catalog/quant_loss.yaml): the per-type loss of
catalog/quants.yaml, measured on an 8B dense model, carried over to a MoE's routed experts (which
lose less, the more of them there are), to the part of the weights the type squeezes (a UD mix
squeezes a MoE's routed experts only) and to the format the model was released in (a type with
at least its bits keeps the released values)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .catalog import Catalog, Model, QuantType, rules_file
from .quality import effective_size_b

FILE = "quant_loss.yaml"


class QualityLabel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    at_least: float = Field(ge=0, le=100)


class QuantLossRules(BaseModel):
    """catalog/quant_loss.yaml: see the comments there for how each figure was obtained."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reference_size_b: float = Field(gt=0)
    experts_exponent: float = Field(ge=0)
    experts_sources: tuple[str, ...] = Field(min_length=1)
    quality_kld_half: float = Field(gt=0)
    quality_hill: float = Field(gt=0)
    labels: tuple[QualityLabel, ...] = Field(min_length=1)
    native_label: str
    no_gain_label: str
    # quantization-aware-trained files (GGUFRepo.qat) at the types their training targeted lose
    # this share of the type's kld
    qat_types: frozenset[str] = frozenset()
    qat_kld_factor: float = Field(default=1.0, gt=0, le=1)
    qat_sources: tuple[str, ...] = ()

    @field_validator("labels")
    @classmethod
    def _best_first(cls, labels: tuple[QualityLabel, ...]) -> tuple[QualityLabel, ...]:
        floors = [x.at_least for x in labels]
        if floors != sorted(floors, reverse=True) or floors[-1] != 0:
            raise ValueError("labels: floors from the highest down to 0")
        return labels

    def label(self, quality: float) -> str:
        """The word for a quality figure: the first label whose floor it reaches."""
        return next(x.label for x in self.labels if quality >= x.at_least - 1e-9)


def loss_rules(cat: Catalog) -> QuantLossRules:
    """The rules of the catalog's directory, or the default catalog's (a catalog built in memory)."""
    return rules_file(cat, FILE, QuantLossRules)


def quality_of_kld(kld: float, rules: QuantLossRules) -> float:
    """The 0-100 quality of a mean KL divergence (the curve of catalog/quants.yaml)."""
    return 100.0 / (1.0 + (max(kld, 0.0) / rules.quality_kld_half) ** rules.quality_hill)


def experts_factor(m: Model, rules: QuantLossRules) -> float:
    """How much of the reference model's loss a MoE's routed experts have at the same type, by
    its effective size (sqrt(total x active), as fitengine/quality.py scales quality): 1 for a
    dense model, and for a MoE no bigger than the reference."""
    if not m.moe:
        return 1.0
    ratio = effective_size_b(m) / rules.reference_size_b
    return min(1.0, ratio**-rules.experts_exponent) if ratio > 0 else 1.0


def experts_read_share(m: Model) -> float:
    """The share of the weights a token reads that are routed experts (0 for a dense model)."""
    if not m.moe or not m.active_params_b:
        return 0.0
    read = m.moe.expert_params_b * m.moe.active / m.moe.experts
    return min(1.0, max(0.0, read / m.active_params_b))


def keeps_native(m: Model, q: QuantType, cat: Catalog) -> bool:
    """The type keeps the released values of the weights the release quantized: every file keeps
    them (gpt-oss's MXFP4 experts), or the type has at least the released format's bits."""
    if not m.native_quant:
        return False
    if m.native_bulk or q.id == m.native_quant:
        return True
    native = cat.quants.get(m.native_quant)
    return native is not None and q.bpw >= native.bpw


def qat_file(m: Model, q: QuantType, cat: Catalog) -> bool:
    """The model's file of this type (the first catalogued repo that has it, the one the download
    command names: commands.gguf_repo) is converted from a quantization-aware-trained checkpoint
    at the type its training targeted (Gemma 3 27B's QAT Q4_0, catalog/quant_loss.yaml qat_*)."""
    if q.id not in loss_rules(cat).qat_types:
        return False
    repo = next((r for r in m.gguf if q.id in r.quants), None)
    return repo is not None and repo.qat


def model_kld(m: Model, q: QuantType, cat: Catalog) -> float | None:
    """The type's mean KL divergence on this model against its released weights (see
    catalog/quant_loss.yaml); None for a type without a measured kld."""
    if q.kld is None:
        return None
    if m.native_quant and q.id == m.native_quant:
        return 0.0
    if qat_file(m, q, cat):
        # trained for this type: the share of its loss QAT keeps (quant_loss.yaml qat_kld_factor),
        # then as any file of it
        q = q.model_copy(update={"kld": q.kld * loss_rules(cat).qat_kld_factor})
    share = experts_read_share(m)
    rest = q.kld
    if share > 0 and q.moe_rest is not None and q.moe_rest in cat.quants:
        rest = min(rest, cat.quants[q.moe_rest].kld or rest)
    if m.native_quant and not m.moe:
        # a dense model released quantized: the type keeps all of it, or loses what it loses
        return 0.0 if keeps_native(m, q, cat) else q.kld
    experts = 0.0 if keeps_native(m, q, cat) else q.kld * experts_factor(m, loss_rules(cat))
    return share * experts + (1.0 - share) * rest


def quant_quality_on(m: Model, q: QuantType, cat: Catalog) -> float:
    """The type's quality for this model on the 0-100 scale of catalog/quants.yaml: the type's own
    figure where nothing about the model changes it (a dense model at or below the reference size
    released in 16 bits), else the curve at the model's kld."""
    if m.native_quant and q.id == m.native_quant:
        return 100.0
    rules = loss_rules(cat)
    kld = model_kld(m, q, cat)
    if kld is None:
        return q.quality
    plain = experts_read_share(m) == 0 or (experts_factor(m, rules) == 1.0 and q.moe_rest is None)
    if not m.native_quant and plain and not qat_file(m, q, cat):
        return q.quality  # nothing about the model changes it: the catalogued figure, as rounded
    return quality_of_kld(kld, rules)
