"""Grades: S/A/B/C/D/F with a 0-100 score, per workload and overall, and a reason people read.

The score follows the breakdown it summarises: decode against what the workload needs, time to
first token against what it tolerates, context against what it uses, the fit, and what the quant
keeps of the model. A quant that fits with headroom is never F; an offload that makes decode
crawl is never A; a 2-bit quant is never an A.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import Workload

GRADE_FLOORS = (("S", 90), ("A", 80), ("B", 65), ("C", 50), ("D", 35), ("F", 0))

# Lenses: how much each workload counts in the overall grade, per mode.
MODE_WEIGHTS: dict[str, dict[str, float]] = {
    "interactive": {"chat": 3, "coding": 2, "reasoning": 1, "agentic": 1, "rag": 1},
    "balanced": {"chat": 1, "coding": 1, "reasoning": 1, "agentic": 1, "rag": 1},
    "light_api": {"chat": 1, "coding": 1, "reasoning": 1, "agentic": 2, "rag": 2},
    "scale_out": {"chat": 1, "coding": 1, "reasoning": 1, "agentic": 2, "rag": 2},
}
MODES = tuple(MODE_WEIGHTS)
MODE_LABELS = {
    "interactive": "Interactive",
    "balanced": "Balanced",
    "light_api": "Light API",
    "scale_out": "Scale-out",
}


def letter(score: float) -> str:
    for g, floor in GRADE_FLOORS:
        if score >= floor:
            return g
    return "F"


@dataclass(frozen=True)
class Graded:
    score: int
    grade: str
    reason: str


def _ramp(value: float, bad: float, good: float) -> float:
    """0 at `bad` or worse, 1 at `good` or better, linear between."""
    if good == bad:
        return 1.0 if value >= good else 0.0
    x = (value - bad) / (good - bad)
    return max(0.0, min(1.0, x))


def grade_workload(
    w: Workload,
    *,
    fit: str,
    decode: float | None,
    ttft_s: float | None,
    context: int,
    expert_offload: bool = False,
    quant_quality: float = 100.0,
    quant: str = "",
    window: int | None = None,
    scaled_window: int | None = None,
) -> Graded:
    """`window`: the model's own context window when it, not the memory, sets `context` (Llama
    2's 4K fits a 64 GB Mac twice over): the reason then blames the model, not the memory, and
    says what its rope scaling reaches (`scaled_window`) when that is more."""
    if fit == "wont_fit" or decode is None or ttft_s is None:
        return Graded(0, "F", "does not fit in memory")
    # decode: below the minimum the score falls fast; between minimum and good it climbs to 100
    if decode >= w.min_decode_tok_s:
        s_dec = 70 + 30 * _ramp(decode, w.min_decode_tok_s, w.good_decode_tok_s)
    else:
        s_dec = 70 * (decode / w.min_decode_tok_s) ** 1.5
    # time to first token: full marks within a third of the tolerance, zero at 4x it
    s_ttft = 100 * _ramp(-ttft_s, -4 * w.max_ttft_s, -w.max_ttft_s / 3)
    s_ctx = 100 * min(1.0, context / w.min_context)
    score = 0.6 * s_dec + 0.25 * s_ttft + 0.15 * s_ctx
    name = w.name.lower()
    # the weakest part (the first of equals); its sentence is written only when it is the reason
    worst, why = s_dec / 100, "decode"
    if s_ttft / 100 < worst:
        worst, why = s_ttft / 100, "ttft"
    if s_ctx / 100 < worst:
        worst, why = s_ctx / 100, "context"
    # below an A the reason names what holds the grade back, never a compliment (written at
    # the end, when nothing below took its place)
    reason = None
    if worst < 0.7 or score < GRADE_FLOORS[1][1]:
        reason = _why(w, name, why, decode, ttft_s, context, window, scaled_window)
    if fit == "tight":
        score -= 5
        if worst >= 0.7:
            reason = "fits with little memory to spare"
    if fit == "offload" and expert_offload:
        # --n-cpu-moe keeps attention and the KV cache on the GPU: the speed figures already say
        # what the experts in RAM cost, so no cap
        if worst >= 0.7 and score < GRADE_FLOORS[1][1]:
            reason = "routed experts of some layers run from system RAM"
    elif fit == "offload":
        score = min(score, 79)  # layers in system RAM: never an A
        if worst >= 0.7:
            reason = "part of the model runs from system RAM"
    # the grade is for running the model: a quant that has lost much of it caps the grade
    # between a C (nothing left) and the top (lossless), by its quality figure
    # (catalog/quants.yaml): Q4_K_M can still be an S, Q3_K_M an A at best, Q2_K a B
    floor = GRADE_FLOORS[3][1]
    cap = floor + (100 - floor) * max(0.0, min(quant_quality, 100.0)) / 100
    if score > cap:
        lowered = letter(cap) != letter(score)
        score = cap
        if lowered and worst >= 0.7:
            much = "much" if quant_quality < floor else "some"
            reason = f"the {quant or 'chosen'} quant loses {much} of the model's quality"
    if fit == "runs_well":
        score = max(score, GRADE_FLOORS[4][1])  # fits with headroom: never an F
    score = round(max(0.0, min(100.0, score)))
    if reason is None:
        reason = f"decode {decode:.0f} tok/s and first token in {_wait(ttft_s)} ({_prompt(w)}) "
        reason += f"suit {name}"
    return Graded(score, letter(score), reason)


def _wait(s: float) -> str:
    """A first-token time as said: "1.4 s", and under a twentieth of a second in ms ("49 ms", not
    "0.0 s")."""
    return f"{s:.1f} s" if s >= 0.05 else f"{s * 1000:.0f} ms"


def _prompt(w: Workload) -> str:
    """A first-token time is never quoted without the prompt and depth it is for."""
    prompt = f"{max(w.prompt_tokens - w.cached_prefix, 1):,}-token prompt at depth "
    return prompt + f"{w.depth + w.cached_prefix:,}"


def _why(
    w: Workload,
    name: str,
    part: str,
    decode: float,
    ttft_s: float,
    context: int,
    window: int | None = None,
    scaled_window: int | None = None,
) -> str:
    """What holds a grade back: the decode, the first token or the context (the model's own
    window when that is what ends it)."""
    if part == "decode":
        if decode < w.min_decode_tok_s:
            # (9.6 said as "10" would read as not below the ~10 needed: a tenth where they meet)
            said = f"{decode:.0f}" if round(decode) < w.min_decode_tok_s else f"{decode:.1f}"
            return f"decode {said} tok/s is below the ~{w.min_decode_tok_s:.0f} tok/s {name} needs"
        return (
            f"decode {decode:.0f} tok/s is usable, short of the ~{w.good_decode_tok_s:.0f} tok/s "
            f"that feels fast for {name}"
        )
    if part == "ttft":
        if ttft_s > w.max_ttft_s:
            return (
                f"first token takes {ttft_s:.1f} s ({_prompt(w)}), over the ~{w.max_ttft_s:.0f} s "
                f"{name} tolerates"
            )
        return f"first token takes {ttft_s:.1f} s ({_prompt(w)}), slow for {name}"
    if window is not None and context >= window:
        more = ""
        if scaled_window is not None and scaled_window > window:
            more = f" ({scaled_window // 1024}K with rope scaling)"
        return (
            f"the model's own window is {context // 1024}K{more}, {name} wants "
            f"{w.min_context // 1024}K"
        )
    return f"only {context // 1024}K context fits, {name} wants {w.min_context // 1024}K"


def overall(scores: dict[str, int], mode: str) -> int:
    weights = MODE_WEIGHTS.get(mode, MODE_WEIGHTS["balanced"])
    total = sum(weights.get(k, 1) for k in scores)
    return round(sum(s * weights.get(k, 1) for k, s in scores.items()) / total)
