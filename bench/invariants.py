"""What every report must satisfy, whatever it is asked (issue 13), as checks that return the
broken rules (an empty list when all hold). tests/test_engine_properties.py runs them on inputs
hypothesis draws; bench/fuzz.py on a hundred thousand more.

    memory_adds_up             weights + KV cache + overhead = total; no device over its total
    speeds_are_positive        every speed or time shown is positive and finite
    label_agrees_with_grade    fit_label is verdict_label(fit, grade): no "Runs well" graded D;
                               slow too below the workload's minimum decode
    bits_order_sizes           the bits per weight shown are the file's, and more bits never
                               need less memory
    more_context_costs_more    more context never needs less memory and never fits better
    safe_context_fits          the safe context, asked for, fits where the card says it does
    more_gpus_keep_context     one more GPU never lowers the safe context unless the card says
                               why (another quant, KV cache type or place for the context)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from fitengine import EngineError, analyze
from fitengine.catalog import Catalog
from fitengine.memory import file_size
from fitengine.report import Report, verdict_label

FIT_RANK = {"runs_well": 0, "tight": 1, "offload": 2, "wont_fit": 3}
GB_SLACK = 0.015  # GB: the report rounds to 0.01


@dataclass(frozen=True)
class Question:
    """One analyze() call: a model, a hardware id and the options."""

    model: str
    hardware: str
    kw: dict[str, Any] = field(default_factory=dict)

    def ask(self, **more: Any) -> Report:
        return analyze(self.model, self.hardware, **{**self.kw, **more})

    def __repr__(self) -> str:
        opts = "".join(f", {k}={v!r}" for k, v in self.kw.items() if v is not None)
        return f"analyze({self.model!r}, {self.hardware!r}{opts})"


def _positive(x: float | None) -> bool:
    return x is None or (x > 0 and math.isfinite(x))


def memory_adds_up(r: Report) -> list[str]:
    m = r.memory
    out = []
    if abs(m.weights_gb + m.kv_cache_gb + m.overhead_gb - m.total_gb) > 2 * GB_SLACK:
        out.append(
            f"memory parts {m.weights_gb} + {m.kv_cache_gb} + {m.overhead_gb} != {m.total_gb}"
        )
    for d in r.placement.devices:
        if d.weights_gb + d.kv_gb > d.total_gb + GB_SLACK:
            out.append(f"{d.name}: weights + KV {d.weights_gb + d.kv_gb:.2f} > {d.total_gb}")
    return out


def speeds_are_positive(r: Report) -> list[str]:
    shown = [
        ("decode", r.decode_tok_s),
        ("prefill", r.prefill_tok_s),
        ("ttft", r.ttft_ms),
        ("aggregate", r.aggregate_tok_s),
    ]
    shown += [(f"{w.id} decode", w.decode_tok_s) for w in r.workloads]
    shown += [(f"{w.id} ttft", w.ttft_ms) for w in r.workloads]
    shown += [(f"{w.id} answer", w.answer_s) for w in r.workloads]
    shown += [(f"{q.quant} decode", q.decode_tok_s) for q in r.quants]
    shown += [(f"step {s.kind} decode", s.decode_tok_s) for s in r.next_steps]
    if r.speculative is not None:
        shown.append(("mtp decode", r.speculative.decode_tok_s))
    if r.speculative_draft is not None:
        shown.append(("draft decode", r.speculative_draft.decode_tok_s))
    if r.decode_band is not None:
        shown += [("band low", r.decode_band.low), ("band high", r.decode_band.high)]
    out = [f"{name} {v!r}" for name, v in shown if not _positive(v)]
    if r.fit != "wont_fit" and r.decode_tok_s is None:
        out.append(f"fit {r.fit} without a decode speed")
    return out


def speculation_is_an_option(r: Report) -> list[str]:
    """Speculative decoding is offered only when it is faster than the plain decode, which stays
    the headline; a draft model only beside a target that runs where the draft would."""
    out = []
    for name, sp in (("mtp", r.speculative), ("draft", r.speculative_draft)):
        if sp is None:
            continue
        if r.decode_tok_s is None or sp.speedup < 1 or sp.decode_tok_s < r.decode_tok_s:
            out.append(f"{name} decode {sp.decode_tok_s} (x{sp.speedup}) vs {r.decode_tok_s}")
    d = r.speculative_draft
    if d is not None and r.placement.kind in ("partial_offload", "moe_offload"):
        out.append(f"a draft model beside a {r.placement.kind} placement")
    if d is not None and (r.parallel > 1 or d.fit not in ("runs_well", "tight")):
        out.append(f"a draft model with {r.parallel} slots, verdict {d.fit}")
    return out


def label_agrees_with_grade(r: Report, catalog: Catalog | None = None) -> list[str]:
    want = verdict_label(r.fit, r.grade, r.placement.kind)
    wl = catalog.workloads.get(r.workload) if catalog is not None else None
    if wl is not None and r.decode_tok_s is not None and r.decode_tok_s < wl.min_decode_tok_s:
        # below the workload's minimum the label says slow whatever the grade weighs (the quant
        # rows follow the same floor, so no faster row is called slow beside it)
        want = verdict_label(r.fit, "D", r.placement.kind)
    if r.fit_label != want:
        return [f"label {r.fit_label!r} for fit {r.fit} grade {r.grade}: want {want!r}"]
    if r.grade in ("D", "F") and r.fit_label in ("Runs well", "Tight fit"):
        return [f"label {r.fit_label!r} with grade {r.grade}"]
    return []


def bits_order_sizes(r: Report, catalog: Catalog) -> list[str]:
    out = []
    m = catalog.models[r.model.id]
    for q in r.quants:
        size, _exact = file_size(m, catalog.quants[q.quant])
        bpw = round(size * 8 / (m.params_b * 1e9), 2)
        if abs(q.bpw - bpw) > 0.011:
            out.append(f"{q.quant} shows {q.bpw} bpw, its file has {bpw}")
    # a smaller file may need more memory only to run faster: its smaller layers fit on a GPU
    # the larger ones could not use, and each GPU that holds a layer keeps a compute buffer
    # (Aya Expanse 8B on 3x GTX 750: Q2_K puts a layer on each card, Q3_K_M none)
    for a in r.quants:
        for b in r.quants:
            faster = (a.decode_tok_s or 0.0) > (b.decode_tok_s or 0.0)
            if a.bpw < b.bpw and a.memory_gb > b.memory_gb + GB_SLACK and not faster:
                out.append(
                    f"{a.quant} {a.bpw} bpw needs {a.memory_gb} GB, {b.quant} {b.bpw}: {b.memory_gb}"
                )
    return out


def _gpu_buffers(r: Report) -> int:
    """GPUs that hold layers (each keeps a compute buffer)."""
    return sum(1 for d in r.placement.devices if d.name != "RAM" and d.weights_gb > 0)


def more_context_costs_more(q: Question, r: Report, more: int) -> list[str]:
    """Asked again with `more` tokens of context (same quant and KV cache type)."""
    if more <= r.context:
        return []
    try:
        # like with like: both asked with the quant named, which differs from the quant chosen (a
        # Mac raises its wired limit for a dense 2-bit file only when that file is asked for)
        r = q.ask(context=r.context, quant=r.quant, kv_type=r.kv_type)
        r2 = q.ask(context=more, quant=r.quant, kv_type=r.kv_type)
    except EngineError:
        return []
    out = []
    # weights and cache never shrink; compute buffers may, when the longer context pushes every
    # layer off GPUs that then keep no buffer of their own (llama.cpp allocates none there)
    needed = r.memory.weights_gb + r.memory.kv_cache_gb
    needed2 = r2.memory.weights_gb + r2.memory.kv_cache_gb
    fewer_buffers = _gpu_buffers(r2) < _gpu_buffers(r)
    if needed2 < needed - GB_SLACK or (
        r2.memory.total_gb < r.memory.total_gb - GB_SLACK and not fewer_buffers
    ):
        out.append(
            f"{r2.context} tokens need {r2.memory.total_gb} GB < {r.memory.total_gb} at {r.context}"
        )
    if FIT_RANK[r2.fit] < FIT_RANK[r.fit]:
        out.append(f"{r2.context} tokens fit {r2.fit}, {r.context} only {r.fit}")
    return out


def safe_context_fits(q: Question, r: Report) -> list[str]:
    if not r.safe_context:
        return []
    try:
        r2 = q.ask(context=r.safe_context, quant=r.quant, kv_type=r.kv_type)
    except EngineError as exc:
        return [f"safe context {r.safe_context} refused: {exc}"]
    if r2.fit == "wont_fit":
        return [f"safe context {r.safe_context} ({r.safe_context_on}) does not fit"]
    if r.safe_context_on in ("gpu", "cpu") and r2.fit not in ("runs_well", "tight"):
        return [f"safe context {r.safe_context} is said to fit {r.safe_context_on}, is {r2.fit}"]
    return []


def more_gpus_keep_context(q: Question, r: Report, catalog: Catalog) -> list[str]:
    hw = catalog.hardware[q.hardware]
    gpus = q.kw.get("gpus") or 1
    if hw.kind != "gpu" or gpus >= 16:
        return []
    try:
        r2 = q.ask(gpus=gpus + 1)
    except EngineError:
        return []
    # a run on some of the cards (the fewest that hold it, the rest left free: engine
    # _fewest_cards) holds the context of those cards, not of the rig
    fewer = len(r2.placement.devices) < len(r.placement.devices)
    same_basis = not fewer and (r2.quant, r2.kv_type, r2.safe_context_on) == (
        r.quant,
        r.kv_type,
        r.safe_context_on,
    )
    out = []
    if r2.safe_context < r.safe_context and same_basis:
        out.append(f"{gpus + 1} GPUs hold {r2.safe_context} tokens < {r.safe_context} with {gpus}")
    # at the same quant and KV cache type the context can only grow where it is held
    try:
        r3 = q.ask(gpus=gpus + 1, quant=r.quant, kv_type=r.kv_type)
    except EngineError:
        return out
    fewer = len(r3.placement.devices) < len(r.placement.devices)
    if r3.safe_context < r.safe_context and r3.safe_context_on == r.safe_context_on and not fewer:
        out.append(
            f"{gpus + 1} GPUs hold {r3.safe_context} tokens < {r.safe_context} with {gpus} "
            f"at {r.quant} / {r.kv_type}, {r.safe_context_on}"
        )
    return out


def report_checks(r: Report, catalog: Catalog) -> list[str]:
    """The checks that read one report."""
    return [
        *memory_adds_up(r),
        *speeds_are_positive(r),
        *speculation_is_an_option(r),
        *label_agrees_with_grade(r, catalog),
        *bits_order_sizes(r, catalog),
    ]
