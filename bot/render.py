"""From a card's state to what is sent: the engine call, the card, and its components. Shared by
the slash commands, chat answers and clicks on components (bot/components.py), so a card looks
the same however it was reached."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

from . import cards
from .rigs import RigSpec
from .state import FitState, HardwareList, ModelList, setup_of
from .text import fmt_usd

if TYPE_CHECKING:
    from .bot import CanIRunBot

log = logging.getLogger(__name__)

Rendered = tuple[list[discord.Embed], discord.ui.View | None]

# lists: rows per page (a phone screen), and how many rows a list has at most
PAGE_SIZE = 5
LIST_MAX = 20


def named_model(bot: CanIRunBot, state: FitState, report: Any) -> tuple[FitState, Any]:
    """The state with its model as the card's components name it: a catalog model by its id, a
    Hugging Face repo by its repo id (and the file's quant when the link named one), and what
    was read from the Hub (None for a catalog model)."""
    source = bot.engine.source_of(state.model)
    if source is None:
        return state.replace(model=report.model.id), None
    quant = state.quant or (report.quant if source.quant else None)
    return state.replace(model=source.ref.repo_id, quant=quant), source


async def fit(bot: CanIRunBot, state: FitState, owner: int, **card_kw: Any) -> Rendered:
    """The /fit card for `state`, its menus owned by `owner`."""
    report = await bot.engine.analyze_state(state)
    return await fit_report(bot, report, state, owner, **card_kw)


async def fit_report(bot: CanIRunBot, report: Any, state: FitState, owner: int, **card_kw: Any):
    """The card for a report already computed (a chat answer, /fit on a typed hardware)."""
    from .components import fit_view

    state, source = named_model(bot, state, report)
    view = fit_view(owner, state, report, bot.engine.catalog)
    card_kw.setdefault("source", source)
    return [cards.report_card(report, **card_kw)], view


async def quants(bot: CanIRunBot, state: FitState, owner: int) -> Rendered:
    """/quants: every quant on one line, with the grade at that quant, and a menu to open one."""
    from .components import quants_view

    report = await bot.engine.analyze_state(state)
    state, _ = named_model(bot, state, report)
    grades = await bot.engine.quant_grades(state, [q.quant for q in report.quants])
    return [cards.quants_card(report, grades)], quants_view(
        owner, state, report, bot.engine.catalog
    )


def _page(rows: Sequence[Any], page: int) -> tuple[list[Any], int, int]:
    pages = max(1, math.ceil(len(rows) / PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    return list(rows[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]), page, pages


async def model_list(
    bot: CanIRunBot, state: ModelList, owner: int, *, lead: str | None = None
) -> Rendered:
    from .components import list_view

    reports = await bot.engine.model_list(state, LIST_MAX)
    rows, page, pages = _page(reports, state.page)
    state = state.replace(page=page)
    name = setup_name(state, bot)
    if len(state.cards) >= 2 and reports:  # best_models takes one kind of card: say which
        name += f" (ranked on the {cards.hardware_label(reports[0].hardware)})"
    embed = cards.best_models_card(
        name,
        rows,
        workload=state.workload,
        start=page * PAGE_SIZE,
        page=page,
        pages=pages,
        order=state.order,
        lead=lead,
    )
    options = [(r.model.name, _row_note(r), r.model.id) for r in rows]
    return [embed], list_view("m", owner, state, options, pages, bot.engine.catalog)


async def hardware_list(
    bot: CanIRunBot, state: HardwareList, owner: int, *, lead: str | None = None
) -> Rendered:
    from .components import list_view

    catalog = bot.engine.catalog
    reports = await bot.engine.hardware_list(state, LIST_MAX)
    rows, page, pages = _page(reports, state.page)
    state = state.replace(page=page)
    name = reports[0].model.name if reports else state.model
    embed = cards.best_hardware_card(
        name,
        rows,
        prices=[price_of(r, catalog) for r in rows],
        start=page * PAGE_SIZE,
        page=page,
        pages=pages,
        order=state.order,
        consumer_only=state.consumer_only,
        lead=lead,
    )
    options = []
    for r in rows:
        setup = FitState(
            model=r.model.id, **setup_of(r.hardware, catalog), ram_gb=ram_of(r, catalog)
        )
        try:
            value = setup.pack(catalog, without="m")
        except ValueError:
            continue
        options.append((cards.hardware_label(r.hardware), _row_note(r), value))
    return [embed], list_view("h", owner, state, options, pages, catalog)


def _row_note(r: Any) -> str:
    grade = f" · {r.workload} grade {r.list_grade}" if r.list_grade else ""
    return f"{r.fit_label} · {r.quant} · {cards.fmt_tok_s(r.decode_tok_s)} tok/s{grade}"


def setup_name(state: Any, bot: CanIRunBot) -> str:
    """A list's setup as people name it ("2× NVIDIA GeForce RTX 3090", "a GPU with 24 GB")."""
    from .rigs import describe

    spec = RigSpec(
        cards=[{"id": c.id, "count": c.count, "vram_gb": c.vram_gb} for c in state.cards],
        vram_gb=state.vram_gb,
    )
    return describe(spec, bot.engine.catalog)


def price_of(report: Any, catalog: Any) -> float | None:
    """Launch price of a list row's devices where the catalog has every one of them."""
    hw = report.hardware
    parts = hw.parts or [hw]
    total = 0.0
    for part in parts:
        entry = catalog.hardware.get(part.id)
        if entry is None:
            return None
        price = entry.price_for(None if entry.kind == "gpu" else part.memory_gb)
        if price is None:
            return None
        total += price * (part.count or 1)
    return total


def price_label(report: Any, catalog: Any) -> str:
    """A list row's price as bought: "$750 used" where the catalogued used street price is
    what price_of took, "$429 new" for a launch price; "" when unknown."""
    price = price_of(report, catalog)
    if price is None:
        return ""
    entry = catalog.hardware.get(report.hardware.id)
    used = entry is not None and entry.used_price_usd == price != entry.launch_price_usd
    return f"{fmt_usd(price)} {'used' if used else 'new'}"


def ram_of(report: Any, catalog: Any) -> float | None:
    """The system RAM a list row was computed with (a GPU with its MoE experts in RAM), as sold:
    the size among those desktops are built with whose usable part is what the report used."""
    from fitengine.memory import host_ram
    from fitengine.setups import setup_rules

    p = report.placement
    entry = catalog.hardware.get(report.hardware.id)
    if entry is None or entry.kind != "gpu" or p.kind not in ("moe_offload", "partial_offload"):
        return None
    for size in setup_rules(catalog).desktop_ram_gb:
        if abs(host_ram(entry, entry.memory_gb, size, 0.0) / 1e9 - p.ram_available_gb) < 0.05:
            return float(size)
    return None


async def answer(bot: CanIRunBot, ans: Any, owner: int, sources: Sequence[Any] = ()) -> Rendered:
    """A question in words, answered (fitengine.Answer): the fit card with its components, or
    the list with a menu to open a row's card, or the clarification. `sources`: the Hugging Face
    repos the question named, as read."""
    from .components import list_view

    catalog = bot.engine.catalog
    reports = list(ans.reports or [])
    q = ans.query
    if ans.intent == "fit" and reports:
        report = reports[0]
        pinned = {
            "quant": q.quant if q.quant and len(set(q.quants)) <= 1 else None,
            "context": q.context,
            "kv_type": q.kv_type,
            "workload": q.workload,
            "ram_gb": q.ram_gb,
        }
        state = FitState.from_report(report, catalog, **pinned)
        source = next((s for s in sources if s.model.id == report.model.id), None)
        if source is not None:  # a Hugging Face repo: the card's menus name it by its repo
            quant = pinned["quant"] or (report.quant if source.quant else None)
            state = state.replace(model=source.ref.repo_id, quant=quant)
        note = cards.reading_note(ans)
        return await fit_report(
            bot, report, state, owner, lead=note, assumed=ans.assumed, source=source
        )
    if ans.intent == "best_hw" and reports:
        embed = cards.shopping_card(
            reports,
            prices=[price_label(r, catalog) for r in reports],
            budget=q.budget_usd,
            lead=ans.message or None,
        )
        return [embed], None
    embeds = cards.answer_cards(ans, sources)
    if ans.intent == "best_model_for_hw" and reports:
        state = ModelList(
            **setup_of(reports[0].hardware, catalog),
            ram_gb=q.ram_gb,
            workload=q.workload,
            context=q.context,
        )
        options = [(r.model.name, _row_note(r), r.model.id) for r in reports]
        return embeds, list_view("m", owner, state, options, 1, catalog)
    if ans.intent == "best_hw_for_model" and reports:
        state = HardwareList(
            model=reports[0].model.id, quant=q.quant, context=q.context, workload=q.workload
        )
        options = []
        for r in reports:
            setup = FitState(
                model=r.model.id, **setup_of(r.hardware, catalog), ram_gb=ram_of(r, catalog)
            )
            try:
                options.append(
                    (
                        cards.hardware_label(r.hardware),
                        _row_note(r),
                        setup.pack(catalog, without="m"),
                    )
                )
            except ValueError:
                continue
        return embeds, list_view("h", owner, state, options, 1, catalog)
    return embeds, None
