"""Which hardware to buy when no model is named ("best gpu under $1000"): the catalog's priced
devices, each with the best model it runs at a usable speed whole in its own memory
(fitengine.advise.best_models, own_memory), ranked by what that model is worth there.

How a practitioner answers it: memory first (it decides the model), then bandwidth (it decides
the speed), and among cards that run the same thing, the cheaper one. A card is weighed by what
it holds itself: a MoE with its experts in system RAM runs on any card, a 4 GB one too, at a
speed the RAM sets more than the card, so that route ranks none of them above another; it is
said beside the list (ram_route) as what any of them adds with the RAM. The price is the catalog's:
the launch price (MSRP), or the used street price where that is lower and catalogued (with the
month it was read).
"""

from __future__ import annotations

from dataclasses import dataclass

from .advise import DECENT_SHARE, _cache_per_catalog, best_models, worth_here
from .catalog import Catalog, Hardware
from .report import Report

# the forms of a desktop GPU one buys for a PC (workstation cards too: a $499 24 GB Arc Pro B60
# goes in the same tower); a laptop or a Mac is asked for by name ("which mac", "which laptop")
PC_FORMS = ("desktop", "workstation")
# An open "what should I buy for $2,500" (no card, Mac or laptop word) weighs every route a person
# would: a card, two of one consumer card in the PC (the used-3090 pair), a Mac, a unified-memory
# box (Strix Halo, DGX Spark). Pairs only of cards big enough to be worth doubling: two 8 GB cards
# are not advice anyone gives for a budget (design choice).
MACHINE_KINDS = ("apple", "unified")
PAIR_MIN_GB = 16
SHOWN = 5  # rows of the answer: a Discord card and a terminal paragraph stay readable
# two worths closer than this are the same answer (the same model at a near quant and speed):
# the cheaper card comes first
WORTH_TIE = 0.5
# The foot of the ladder a "cheapest" question reads: the cheapest card whose best model is worth
# at least this share of what the best card runs (design choice: a 12 GB card's 9B at Q8_0 beside
# a 32 GB card's 27B is the entry people name, an 8 GB card's 9B at Q5 is not). With squeezed
# 2-bit picks out of the lists (configs.worth_running) the 12 GB cards no longer reach
# DECENT_SHARE by a 27B at UD-Q2_K_XL; the "best card" answer keeps DECENT_SHARE, its foot being
# the cheapest step worth showing under the best.
CHEAPEST_SHARE = 0.5


@dataclass(frozen=True)
class Offer:
    """One device at one memory size and price, with the best model it runs."""

    hardware: Hardware
    memory_gb: float
    price_usd: float
    used: bool  # the price is the catalogued used street price, not the launch price
    report: Report
    worth: float
    count: int = 1  # cards of the offer (two used 3090s); memory_gb and price_usd are the total


def _offers(hw: Hardware) -> list[tuple[float, float, bool]]:
    """(memory GB, price, used) for each configuration of the device with a known price."""
    if hw.memory_prices_usd:
        return [(gb, p, False) for gb, p in sorted(hw.memory_prices_usd.items())]
    price = hw.price_for()
    if price is None:
        return []
    return [(hw.memory_gb, price, price == hw.used_price_usd and price != hw.launch_price_usd)]


def _candidates(
    cat: Catalog,
    budget: float | None,
    kind: str | None,
    form: str | None,
    consumer_only: bool,
    vendor: str | None = None,
    machines: bool = False,
    among: tuple[str, ...] = (),
    macs: bool = False,
) -> list[tuple[Hardware, float, float, bool, int]]:
    """The priced devices asked about, within the budget, cut to a handful before any model is
    weighed (each costs a best_models call, tens of ms cold): per memory size, only the cards
    no cheaper card of that size matches in bandwidth (what decides the speed once the memory
    decides the model). `machines`: every route (MACHINE_KINDS and pairs of consumer cards
    beside the cards), for a budget asked with no kind of device; `among` / `macs`: only the
    devices named as the options (and every Mac when a Mac word was said)."""
    out = []
    for hw in cat.hardware.values():
        if hw.inferred:
            continue
        if (among or macs) and not (hw.id in among or (macs and hw.kind == "apple")):
            continue
        pc_card = hw.kind == "gpu" and hw.form in PC_FORMS
        if kind is not None or form is not None:
            if (kind and hw.kind != kind) or (form and hw.form != form):
                continue
        elif not (pc_card or (machines and hw.kind in MACHINE_KINDS)):
            continue
        if consumer_only and hw.form in ("workstation", "datacenter", "server"):
            continue
        if vendor is not None and hw.vendor != vendor:
            continue
        for gb, price, used in _offers(hw):
            if budget is None or price <= budget:
                out.append((hw, gb, price, used, 1))
            pair = machines and hw.form == "desktop" and hw.kind == "gpu" and gb >= PAIR_MIN_GB
            if pair and budget is not None and 2 * price <= budget:
                out.append((hw, 2 * gb, 2 * price, used, 2))
    by_size: dict[float, list] = {}
    for c in out:
        by_size.setdefault(c[1], []).append(c)
    kept = []
    for group in by_size.values():
        group.sort(key=lambda c: (c[2], -c[0].bandwidth_gbps))
        best_bw = 0.0
        for c in group:  # cheapest first: kept when faster than every cheaper one
            if c[0].bandwidth_gbps > best_bw:
                kept.append(c)
                best_bw = c[0].bandwidth_gbps
    return kept


def cards_to_add(cat: Catalog, owned: Hardware, n: int = 3) -> list[Hardware]:
    """ "Which second card should I add to my 5070 Ti?": the cheapest priced consumer card of the
    same vendor (one llama.cpp build drives both) at each memory size from the card had up, the
    `n` smallest sizes: a 5060 Ti 16GB, a used 3090, a 5090 beside a 16 GB NVIDIA card."""
    cheapest: dict[float, tuple[float, Hardware]] = {}
    for hw, gb, price, _used, _n in _candidates(cat, None, None, None, True, owned.vendor):
        if gb >= owned.memory_gb and (gb not in cheapest or price < cheapest[gb][0]):
            cheapest[gb] = (price, hw)
    return [cheapest[gb][1] for gb in sorted(cheapest)[:n]]


def offers(
    *,
    budget: float | None = None,
    kind: str | None = None,
    form: str | None = None,
    consumer_only: bool = False,
    vendor: str | None = None,
    workload: str | None = None,
    context: int | None = None,
    task: str | None = None,
    tags: tuple[str, ...] = (),
    machines: bool = False,
    order: str = "quality",
    among: tuple[str, ...] = (),
    macs: bool = False,
    catalog: Catalog,
) -> list[Offer]:
    """Every candidate with the best model it runs at a usable speed, best first (see
    _near_ties for near ties). A device that runs nothing usable is left out. `vendor`: that
    vendor's devices only ("best amd gpu"); `machines`: every route, not cards alone (see
    _candidates); `order` "biggest": each weighed by the biggest model it runs, most
    parameters first ("the biggest model I can run for $2,500")."""
    return list(
        _offers_cached(
            catalog,
            budget,
            kind,
            form,
            consumer_only,
            workload,
            context,
            task,
            tags,
            vendor,
            machines,
            order,
            among,
            macs,
        )
    )


@_cache_per_catalog
def _offers_cached(
    catalog: Catalog,
    budget: float | None,
    kind: str | None,
    form: str | None,
    consumer_only: bool,
    workload: str | None,
    context: int | None,
    task: str | None,
    tags: tuple[str, ...],
    vendor: str | None = None,
    machines: bool = False,
    order: str = "quality",
    among: tuple[str, ...] = (),
    macs: bool = False,
) -> tuple[Offer, ...]:
    # cached whole: a warm answer is a lookup, not 20 cached best_models calls and their worths
    found = []
    for hw, gb, price, used, n in _candidates(
        catalog, budget, kind, form, consumer_only, vendor, machines, among, macs
    ):
        r = _best_one(hw, gb, True, workload, context, task, tags, catalog, n, order)
        if r is not None:
            found.append(Offer(hw, gb, price, used, r, worth_here(r, catalog), n))
    found = _pairs_that_buy_more(found, order)
    if order == "biggest":
        found.sort(key=lambda o: (-o.report.model.params_b, -o.worth, o.price_usd))
        return tuple(found)
    found.sort(key=lambda o: (-o.worth, o.price_usd))
    return tuple(_near_ties(found))


def _pairs_that_buy_more(found: list[Offer], order: str) -> list[Offer]:
    """A second card is worth its price only when the pair runs more than anything cheaper does
    (a better model or quant, or for "biggest" a bigger model): two 4090s that run the 27B one
    used 4090 already runs are not a buy."""

    def gain(o: Offer) -> float:
        return o.report.model.params_b if order == "biggest" else o.worth

    tie = 0.0 if order == "biggest" else WORTH_TIE
    out = []
    for o in found:
        cheaper = [c for c in found if c is not o and c.price_usd <= o.price_usd]
        if o.count > 1 and any(gain(o) <= gain(c) + tie for c in cheaper):
            continue
        out.append(o)
    return out


def _near_ties(ranked: list[Offer]) -> list[Offer]:
    """Within a run of offers whose worths are within WORTH_TIE of the run's first (the same
    model at a near quant and speed), more memory first (it holds the next model, and more of
    an offloaded MoE), then the faster at it (the estimate, not the bandwidth: a 3090 decodes
    Muse Glimmer 30B faster than a 7900 XTX of more GB/s), then the cheaper: memory, then speed, as people who
    buy for this weigh cards."""
    out: list[Offer] = []
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[i].worth - ranked[j].worth < WORTH_TIE:
            j += 1
        out += sorted(
            ranked[i:j], key=lambda o: (-o.memory_gb, -(o.report.decode_tok_s or 0.0), o.price_usd)
        )
        i = j
    return out


def ladder(ranked: list[Offer], top: bool = False, share: float = DECENT_SHARE) -> list[Offer]:
    """The offers worth buying at their price, cheapest first: each better than every cheaper
    one (by more than WORTH_TIE). What to buy at each step up when no budget was said. Its foot
    is the cheapest card that holds a decent model: `share` of what the best card holds
    (best_models' own test of a decent pick; CHEAPEST_SHARE for a "cheapest" question), as a card that holds only a small model is
    not one to buy for this (an 8 GB card's 9B beside a 24 GB card's 27B). `top`: the best offer
    (ranked's first) ends it even when it only ties the step below (a 5090 that runs the 3090's
    model faster and at a better quant: the best card there is)."""
    floor = share * max((o.worth for o in ranked), default=0.0)
    steps: list[Offer] = []
    for o in sorted(ranked, key=lambda o: (o.price_usd, -o.worth)):
        if o.worth < floor:
            continue
        if not steps or o.worth > steps[-1].worth + WORTH_TIE:
            steps.append(o)
    if top and ranked and ranked[0] not in steps:
        steps = [s for s in steps if s.price_usd <= ranked[0].price_usd] + [ranked[0]]
    return steps


def spread(steps: list[Offer], n: int = SHOWN) -> list[Offer]:
    """n of the ladder's steps, its first and last kept (the cheapest entry and the best buy), and
    between them the steps that buy the most over the step below: a 16 GB card's 27B over a 12 GB
    card's 9B before another 16 GB card that runs the same 27B a little faster."""
    if len(steps) <= n:
        return steps
    inner = range(1, len(steps) - 1)
    bought = sorted(inner, key=lambda i: steps[i - 1].worth - steps[i].worth)[: n - 2]
    return [steps[0], *(steps[i] for i in sorted(bought)), steps[-1]]


def ram_route(
    o: Offer,
    *,
    workload: str | None = None,
    context: int | None = None,
    task: str | None = None,
    tags: tuple[str, ...] = (),
    catalog: Catalog,
) -> Report | None:
    """The best model the offer's card runs (asked as offers() was) with a MoE's experts in
    system RAM (DEFAULT_RAM_GIB assumed), when that beats what it holds itself: what the RAM
    adds to any card, said beside the list rather than ranking it."""
    r = _best_one(o.hardware, o.memory_gb, False, workload, context, task, tags, catalog, o.count)
    if r is None or r.placement.kind != "moe_offload" or worth_here(r, catalog) <= o.worth:
        return None
    return r


def _best_one(
    hw: Hardware,
    gb: float,
    own_memory: bool,
    workload: str | None,
    context: int | None,
    task: str | None,
    tags: tuple[str, ...],
    catalog: Catalog,
    count: int = 1,
    order: str = "quality",
) -> Report | None:
    """The best model the card (or `count` of it, `gb` their total) runs, at its memory size
    when it is sold in several; in its own memory only (`own_memory`) or with a MoE's experts in
    the assumed RAM."""
    rs = best_models(
        hw,
        gpus=count,
        vram_gb=gb / count if hw.memory_prices_usd else None,  # each card's, of `count`
        workload=workload,
        context=context,
        task=task,
        tags=tags,
        limit=1,
        order=order,
        own_memory=own_memory,
        catalog=catalog,
    )
    return rs[0] if rs else None
