"""Upgrade questions answered: the machine had and each option of adding to it, side by side.

"I have a 3090: add a 5060 Ti or a 5090?" is answered on three whole machines (the 3090, the 3090
with a 5060 Ti, the 3090 with a 5090), for the model named at one quant, or for the best models each
runs when none is named; then which option to pick and why, with the added cards' prices where the
catalog has them. The parser reads the options (fitengine/nlq/upgrade.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from .advise import FASTER, best_models, compare_rigs, size_range, size_words
from .catalog import Catalog
from .nlq import Query
from .nlq.query import Rig
from .report import Report, approx_tok_s

# the models listed for each machine when the question names none
LISTED = 3
ON_GPU = ("gpu", "multi_gpu", "unified")


@dataclass(frozen=True)
class Side:
    """One machine of the answer: its label, the price of what it adds, its reports."""

    label: str  # "now", "+ NVIDIA GeForce RTX 5090", "+ 64 GB RAM"
    memory: str  # "56 GB VRAM, 64 GB RAM"
    price: tuple[float, bool] | None  # USD, and whether that is a used price
    reports: list[Report]
    slow: bool = False  # nothing runs well there: the reports are how the others' best runs


def answer_upgrade(q: Query, cat: Catalog, engine_kw: dict) -> tuple[list[Report], str]:
    """The reports (the machine had first when there is one, then each option) and the
    one-paragraph answer."""
    owned = q.owned
    empty = Rig()
    rigs = [owned, *q.options] if owned is not None else list(q.options)
    if owned is not None:
        labels = ["now", *(o.change or f"option {i}" for i, o in enumerate(q.options, 1))]
    else:
        labels = [_cards_name(o) for o in q.options]
    prices = [None] if owned is not None else []
    prices += [_added_price(owned or empty, o, cat) for o in q.options]
    memories = [_memory(r, cat) for r in rigs]
    if q.model is not None:
        rs = compare_rigs(q.model.id, [_rig(r) for r in rigs], catalog=cat, **engine_kw)
        sides = [
            Side(lb, m, p, [r]) for lb, m, p, r in zip(labels, memories, prices, rs, strict=True)
        ]
        return rs, _model_message(q, sides, owned is not None)
    sides = []
    sized = sizes = None
    if q.model_size_b is not None:  # "is a second 3090 worth it for 70b models?"
        sized = size_words(
            q.model_size_b, q.model_size_bound, q.model_size_active, q.model_size_to_b
        )
        sizes = size_range(q.model_size_b, q.model_size_bound, q.model_size_to_b)
    for label, memory, price, rig in zip(labels, memories, prices, rigs, strict=True):
        cards = tuple((s.id, s.gpus or 1, s.vram_gb) for s in rig.setup)
        one = len(cards) == 1
        rs = best_models(
            cards[0][0] if one else None,
            gpus=cards[0][1] if one else 1,
            vram_gb=cards[0][2] if one else None,
            ram_gb=rig.ram_gb,
            setup=None if one else cards,
            workload=q.workload,
            context=q.context,
            kv_type=q.kv_type,
            task=q.task,
            tags=tuple(q.tags),
            order=q.order or "quality",
            params_b=sizes,
            limit=LISTED,
            catalog=cat,
        )
        sides.append(Side(label, memory, price, rs))
    sides = _slow_where_none(sides, rigs, cat, engine_kw)
    return [r for s in sides for r in s.reports], _best_message(sides, owned is not None, sized)


def _slow_where_none(sides: list[Side], rigs: list[Rig], cat: Catalog, kw: dict) -> list[Side]:
    """A machine where nothing asked runs well still has its answer: how the best model of the
    other machines runs there (a 70B on one 4090, its layers in RAM, ~4 tok/s, against two 4090s),
    not "nothing", so the machine had stays in the comparison."""
    top = next((s.reports[0] for s in sides if s.reports), None)
    if top is None or all(s.reports for s in sides):
        return sides
    out = []
    for s, rig in zip(sides, rigs, strict=True):
        if not s.reports:
            (r,) = compare_rigs(top.model.id, [_rig(rig)], catalog=cat, **kw)
            s = Side(s.label, s.memory, s.price, [r], slow=True)
        out.append(s)
    return out


def _cards_name(rig: Rig) -> str:
    """A whole build by its cards: "NVIDIA GeForce RTX 3090 + NVIDIA GeForce RTX 3060"."""
    return " + ".join(f"{s.gpus}× {s.name}" if (s.gpus or 1) > 1 else s.name for s in rig.setup)


def _rig(r: Rig) -> tuple:
    return tuple((s.id, s.gpus or 1, s.vram_gb) for s in r.setup), r.ram_gb


def _memory(rig: Rig, cat: Catalog) -> str:
    """The machine's GPU memory in all, and its RAM when said: what decides what it holds."""
    vram = sum((s.gpus or 1) * (s.vram_gb or cat.hardware[s.id].memory_gb) for s in rig.setup)
    ram = f", {rig.ram_gb:g} GB RAM" if rig.ram_gb else ""
    return f"{vram:g} GB VRAM{ram}"


def _added_price(owned: Rig, option: Rig, cat: Catalog) -> tuple[float, bool] | None:
    """What the cards an option adds to the machine had cost (each card's cheapest known price,
    launch or used; a whole build's cards against an empty machine), None when one of them has
    no price or the option changes the RAM (the catalog prices no RAM)."""
    had = {s.id: s.gpus or 1 for s in owned.setup}
    total, used = 0.0, False
    added = False
    for s in option.setup:
        n = (s.gpus or 1) - had.get(s.id, 0)
        if n <= 0:
            continue
        hw = cat.hardware[s.id]
        price = hw.price_for()
        if price is None:
            return None
        total += n * price
        used = used or (price == hw.used_price_usd and price != hw.launch_price_usd)
        added = True
    if not added or option.ram_gb != owned.ram_gb:
        return None
    return total, used


def _name(side: Side, full: bool = False) -> str:
    """ "+ NVIDIA GeForce RTX 5090 (~$1,999)"; `full` with the machine's memory first."""
    notes = [side.memory] if full else []
    if side.price is not None:
        usd, used = side.price
        notes.append(f"~${usd:,.0f}{' used' if used else ''}")
    return f"{side.label} ({', '.join(notes)})" if notes else side.label


def _speed(r: Report) -> str:
    # as every answer says a speed (report.approx_tok_s): a crawl is "~0.05", never "~0"
    return f"~{approx_tok_s(r.decode_tok_s)} tok/s" if r.decode_tok_s else "no speed"


def _runs(r: Report) -> bool:
    return r.fit != "wont_fit" and bool(r.decode_tok_s)


def _model_message(q: Query, sides: list[Side], upgrade: bool) -> str:
    rs = [s.reports[0] for s in sides]
    quants = {r.quant for r in rs}
    at = f" at {rs[0].quant}" if len(quants) == 1 else ""
    parts = []
    for s in sides:
        r = s.reports[0]
        if not _runs(r):
            parts.append(f"{_name(s, full=True)}: won't fit")
        else:
            q_note = "" if at else f", {r.quant}"
            parts.append(f"{_name(s, full=True)}: {r.fit_label.lower()}{q_note}, {_speed(r)}")
    what = "your machine and each upgrade" if upgrade else "each build"
    head = f"{q.model.name} on {what}{at}: " + "; ".join(parts) + "."
    return head + _model_verdict(sides if upgrade else [None, *sides])


def _quant_quality(r: Report) -> float:
    return next((row.quality for row in r.quants if row.quant == r.quant), 0.0)


# a quant this much better (on the quants' 0-100 quality scale) is what an option buys, even
# at a lower speed: IQ2_XXS (~60) to Q4_K_M (~95) is; Q4_K_M to Q5_K_M (~97) is not
BETTER_QUANT = 5.0


def _model_verdict(sides: list[Side | None]) -> str:
    """The option to pick for the model: the one that runs the best quant (within BETTER_QUANT
    of it) fastest, or a cheaper one within FASTER of its speed; none when no option runs a
    better quant than the machine had or runs it FASTER. `sides[0]` is the machine had, None
    when the options are whole builds."""
    now, options = sides[0], [s for s in sides[1:] if s is not None]
    r_now = now.reports[0] if now is not None else None
    had = r_now is not None and _runs(r_now)
    running = [s for s in options if _runs(s.reports[0])]
    if not running:
        return " None of them runs it; look at a smaller quant or a smaller model."
    top_quality = max(_quant_quality(s.reports[0]) for s in running)
    good = [s for s in running if _quant_quality(s.reports[0]) >= top_quality - BETTER_QUANT]
    best = max(good, key=lambda s: s.reports[0].decode_tok_s)
    fastest = best.reports[0].decode_tok_s
    close = [s for s in good if s.reports[0].decode_tok_s * FASTER >= fastest and s.price]
    if best.price and close:
        best = min(close, key=lambda s: s.price[0])
    r = best.reports[0]
    better_quant = had and _quant_quality(r) >= _quant_quality(r_now) + BETTER_QUANT
    if had and not better_quant and r.decode_tok_s < FASTER * r_now.decode_tok_s:
        return (
            f" Neither option makes it much faster than now ({_speed(r_now)}): it already runs"
            " on your machine; extra memory pays off for models that do not fit yet."
        )
    why = []
    if r_now is not None and not had:
        why.append("your machine cannot run it now")
    elif better_quant:
        why.append(f"{r.quant} instead of {r_now.quant} now")
    elif r_now is None and len(running) < len(options):
        why.append("the others cannot run it")
    if r.placement.kind in ON_GPU and not (had and r_now.placement.kind in ON_GPU):
        why.append("the whole model in GPU memory")
    if had and r.decode_tok_s >= FASTER * r_now.decode_tok_s:
        why.append(f"{r.decode_tok_s / r_now.decode_tok_s:.1f}× the speed of now")
    others = [s for s in running if s is not best]
    tail = ""
    if others:
        o = max(others, key=lambda s: s.reports[0].decode_tok_s)
        tail = f"; {_name(o)} gets {_speed(o.reports[0])} at {o.reports[0].quant}"
        if r_now is None and r.decode_tok_s >= FASTER * o.reports[0].decode_tok_s:
            why.append(f"{r.decode_tok_s / o.reports[0].decode_tok_s:.1f}× the speed")
    return f" Pick {_name(best)}: {', '.join(why) or 'the best of them'}{tail}."


def _best_message(sides: list[Side], upgrade: bool, sized: str | None = None) -> str:
    """`sized`: the models a size said names ("70B-class models"), the lists kept to them."""
    what = "your machine and each upgrade" if upgrade else "each build"
    parts = []
    for s in sides:
        listed = ", ".join(f"{r.model.name} ({r.quant}, {_speed(r)})" for r in s.reports)
        if s.slow:
            r = s.reports[0]
            fits = "does not fit" if r.fit == "wont_fit" else "only slowly"
            listed = f"nothing runs well ({r.model.name} {fits}: {r.quant}, {_speed(r)})"
        parts.append(f"{_name(s, full=True)}: {listed or 'nothing runs well'}")
    lead = (
        f"{sized[:1].upper()}{sized[1:]} on {what}: "
        if sized
        else f"No model named, so here is what {what} runs best: "
    )
    return (
        lead
        + "; ".join(parts)
        + "."
        + _best_verdict(sides if upgrade else [None, *sides])
        + " Name a model for a side-by-side at one quant."
    )


def _quality(r: Report) -> float:
    return r.model_quality.value if r.model_quality else 0.0


def _best_verdict(sides: list[Side | None]) -> str:
    """The option whose best model is the strongest (the faster on it when they tie), and what
    it runs that the machine had (`sides[0]`, None for whole builds) does not."""
    options = [s for s in sides[1:] if s is not None and s.reports]
    if not options:
        return ""
    best = max(options, key=lambda s: (_quality(s.reports[0]), s.reports[0].decode_tok_s or 0))
    top = best.reports[0]
    base = sides[0] if sides[0] is not None else None
    now = base.reports[0] if base is not None and base.reports else None
    had = {r.model.id for r in base.reports} if base is not None else set()
    gained = next((r for r in best.reports if r.model.id not in had), None)
    also = ""
    if gained is not None and gained.model.id != top.model.id:
        also = f", and it adds {gained.model.name} ({gained.quant}, {_speed(gained)})"
    if now is not None and now.model.id == top.model.id:
        if (top.decode_tok_s or 0) < FASTER * (now.decode_tok_s or 0) and not also:
            return (
                " Neither option runs a stronger model or the best one much faster; the"
                " upgrade pays off for bigger models or longer contexts."
            )
        if (top.decode_tok_s or 0) < (now.decode_tok_s or 0):
            # slower there (a better quant, more of it in RAM): the speed is no reason to pick it
            if top.quant != now.quant:
                return (
                    f" Pick {_name(best)}: the same best model, {top.model.name}, at {top.quant}"
                    f" instead of {now.quant}{also}."
                )
            return f" Pick {_name(best)}: it{also.removeprefix(', and it')}."
        return (
            f" Pick {_name(best)}: the same best model, {top.model.name}, at {_speed(top)}"
            f" instead of {_speed(now)}{also}."
        )
    return f" Pick {_name(best)}: it runs {top.model.name} ({top.quant}, {_speed(top)}){also}."


__all__ = ["answer_upgrade"]
