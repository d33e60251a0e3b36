"""Speculative decoding with a separate draft model: which catalogued draft a target has, how
often its tokens are accepted on the workload's prompts (published runs, catalog/draft_models.yaml),
what the draft takes in memory, and whether that fits beside the target.

The speed side (a draft step against a target step, the batched check of a draft) comes from the
engine's speed model and the speed-up from fitengine.speculative; nothing here is a speed figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import Catalog, DraftAcceptance, DraftPair, Model, QuantType
from .memory import Device, Placement, compute_buffer, kv_bytes, memo_by_identity, weights
from .speculative import acceptance_from_rate

# Placements that leave the draft a place of its own: the target all on its GPU(s), in unified
# memory, or all in a CPU system's RAM. A target that already spills layers or experts to RAM
# has filled the GPU; the draft would push more of it out, which is not modelled, so it is not
# offered there.
ROOM_FOR_A_DRAFT = ("gpu", "multi_gpu", "unified", "cpu")


@dataclass(frozen=True)
class Candidate:
    """A catalogued draft of the target with the published run that stands for the workload."""

    pair: DraftPair
    model: Model
    quant: QuantType
    run: DraftAcceptance
    alpha: float  # acceptance of one drafted token, derived from the run


@dataclass(frozen=True)
class Footprint:
    """What the draft adds to llama-server's memory, in bytes."""

    weights: float  # the draft GGUF
    kv: float  # its own KV cache, as long as the target's context
    compute: float  # its compute buffer
    accelerator: float  # the part on the GPU(s): all of it but the token embeddings (CPU: all)
    host: float  # the token embeddings, which llama.cpp keeps in host memory (CPU: 0)

    @property
    def total(self) -> float:
        return self.weights + self.kv + self.compute


@memo_by_identity
def alpha(run: DraftAcceptance) -> float:
    """The per-token acceptance behind the run's accepted / drafted share."""
    return acceptance_from_rate(run.rate, run.draft_tokens)


def acceptance_for(pair: DraftPair, workload: str) -> DraftAcceptance | None:
    """The run that stands for the workload: one on its kind of prompts, else one on prompts of
    several kinds; of several, the least favourable (an estimate should not promise the best
    case). None when the pair was only measured on other kinds of prompts: code drafts far
    better than prose, so a coding figure says nothing about chat."""
    own = [r for r in pair.acceptance if workload in r.workloads]
    pool = own or [r for r in pair.acceptance if not r.workloads]
    return min(pool, key=alpha) if pool else None


def candidates(cat: Catalog, target: Model, workload: str, n_ctx: int) -> list[Candidate]:
    """The target's catalogued drafts with a run that stands for the workload, and whose own
    context holds the target's (past it a draft drafts from positions it was never trained on)."""
    out = []
    for pair in cat.draft_pairs.get(target.id, ()):
        run = acceptance_for(pair, workload)
        model = cat.models[pair.draft]
        if run is not None and n_ctx <= model.context:
            out.append(Candidate(pair, model, cat.quants[pair.quant], run, alpha(run)))
    return out


def footprint(
    model: Model, quant: QuantType, n_ctx: int, kv_type: str, flash_attn: bool, cpu: bool
) -> Footprint:
    """The draft's weights, its KV cache (llama-server gives the draft context the target's
    size, in the type --spec-draft-type-k/-v set; the commands pass the target's) and its
    compute buffer, split as llama.cpp places a model whose layers are all offloaded."""
    w = weights(model, quant)
    kv = kv_bytes(model, n_ctx, kv_type)
    compute = compute_buffer(model, n_ctx, flash_attn)
    if cpu:
        return Footprint(w.total, kv, compute, w.total + kv + compute, 0.0)
    on_gpu = w.layers(model.layers) + w.output
    return Footprint(w.total, kv, compute, on_gpu + kv + compute, w.embed)


def room_left(fp: Footprint, p: Placement, dev: Device) -> float | None:
    """The accelerator memory left (bytes, summed over the GPUs) once the draft is loaded beside
    the target; None when it does not fit. Over several GPUs llama.cpp splits the draft's layers
    by free memory, so their free memory counts together."""
    if p.kind not in ROOM_FOR_A_DRAFT or not p.devices:
        return None
    left = sum(d.free for d in p.devices) - fp.accelerator
    if left < 0 or (p.kind != "cpu" and p.host.total + fp.host > dev.ram):
        return None
    return left
