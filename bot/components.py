"""Menus and buttons under cards, as discord.py DynamicItems: each carries its card's state in
its custom_id (bot/state.py), so it answers after a restart and without a time limit, and the bot
keeps nothing per card.

    f{q,w,o}:OWNER:STATE   quant / workload / mode menu of a fit card: edits the card
    fa:OWNER:STATE         a /quants list's menu: opens the card at that quant
    f{g,x,r}:OWNER:STATE   buttons: go to a nearby setup (next steps), run commands, compare
                           with my rig
    l{m,h}:OWNER:STATE     a list's menu: opens a row's card
    p{m,h}:OWNER:STATE     a list's page buttons

OWNER is the person whose card it is (base 36). A click by the owner edits the card in place; a
click by anyone else opens the same change as their own private copy, whose components are theirs.
"Run it", "Compare with my rig" and a list row always answer privately, whoever clicks.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

import discord
from discord.ui import Button, DynamicItem, Select

from . import cards, render
from .engine import mode_labels
from .respond import send_card, send_private_text, within_deadline
from .rigs import describe, rig_for
from .state import (
    CUSTOM_ID_MAX,
    Card,
    FitState,
    HardwareList,
    ModelList,
    from_base36,
    to_base36,
)
from .text import fmt_ttft

if TYPE_CHECKING:
    from .bot import CanIRunBot

log = logging.getLogger(__name__)

OWNER = r"(?P<owner>[0-9a-z]{1,13})"
STATE = r"(?P<state>.*)"

NO_RIG = (
    "You have no rig saved yet: `/rig set hardware:<your GPU or Mac> ram:<GB>` saves it once, "
    "then every command and “Compare with my rig” use it."
)


def card_view() -> discord.ui.View:
    """An empty set of components for a card, finished before it is sent: discord.py keeps a
    view it is given (an ephemeral one for 15 minutes) unless it is finished, and these need no
    keeping: every item is a DynamicItem the client dispatches from its custom_id. (Kept views
    were the bot's memory growth, ~19 KB per answered request; bench/soak.py.)"""
    view = discord.ui.View(timeout=None)
    view.stop()
    return view


def _bot(interaction: discord.Interaction) -> CanIRunBot:
    return interaction.client  # type: ignore[return-value]


async def _guarded(interaction: discord.Interaction, work: Callable[[], Awaitable[None]]) -> None:
    """Run a component's callback; any error goes to the one error handler (discord.py only
    logs a DynamicItem's errors)."""
    try:
        await work()
    except Exception as exc:
        await interaction.client.tree.on_error(interaction, exc)  # type: ignore[attr-defined]


def _custom_id(prefix: str, owner: int, state: Any, catalog: Any, without: str | None = None):
    head = f"{prefix}:{to_base36(owner)}:"
    return head + state.pack(catalog, room=CUSTOM_ID_MAX - len(head), without=without)


async def show_fit(
    interaction: discord.Interaction, state: FitState, *, update: bool, **card_kw: Any
) -> None:
    """The card for `state`: replacing the clicked message (update), or privately to the clicker
    with components they own."""
    bot = _bot(interaction)
    work = render.fit(bot, state, interaction.user.id, **card_kw)
    embeds, view = await within_deadline(interaction, work, ephemeral=not update, update=update)
    await send_card(interaction, embeds, view, ephemeral=not update, update=update)


# --------------------------------------------------------------------------- fit cards

MENU_FIELDS = {"q": "quant", "w": "workload", "o": "mode", "a": "quant"}


class FitMenu(DynamicItem[Select], template=rf"f(?P<field>[qwoa]):{OWNER}:{STATE}"):
    """A fit card's quant, workload or mode menu (the pick comes with the click), or the menu
    of a /quants list that opens a quant's card."""

    def __init__(self, select: Select, field: str, owner: int, state: str):
        self.field, self.owner, self.packed = field, owner, state
        super().__init__(select)

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str], /):  # type: ignore[override]
        return cls(item, match["field"], from_base36(match["owner"]), match["state"])

    async def callback(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        async def work() -> None:
            values = self.item.values
            if not values:
                await interaction.response.defer()
                return
            catalog = _bot(interaction).engine.catalog
            state = FitState.unpack(self.packed, catalog, **{MENU_FIELDS[self.field]: values[0]})
            mine = interaction.user.id == self.owner and self.field != "a"
            await show_fit(interaction, state, update=mine)

        await _guarded(interaction, work)


class FitButton(DynamicItem[Button], template=rf"f(?P<action>[gxr]):{OWNER}:{STATE}"):
    """g: go to the state on the button (a next step); x: the run commands; r: compare the card
    with the clicker's rig."""

    def __init__(self, button: Button, action: str, owner: int, state: str):
        self.action, self.owner, self.packed = action, owner, state
        super().__init__(button)

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str], /):  # type: ignore[override]
        return cls(item, match["action"], from_base36(match["owner"]), match["state"])

    async def callback(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        async def work() -> None:
            bot = _bot(interaction)
            state = FitState.unpack(self.packed, bot.engine.catalog)
            if self.action == "g":
                await show_fit(interaction, state, update=interaction.user.id == self.owner)
            elif self.action == "x":
                report = await bot.engine.analyze_state(state)
                await send_private_text(interaction, cards.commands_text(report))
            else:
                await compare_with_rig(interaction, state)

        await _guarded(interaction, work)


async def compare_with_rig(interaction: discord.Interaction, state: FitState) -> None:
    """The card's model on the card's setup and on the clicker's saved rig, side by side."""
    bot = _bot(interaction)
    found = await rig_for(bot, interaction.user.id)
    if found is None:
        await send_private_text(interaction, NO_RIG)
        return
    name, spec = found
    mine = FitState(
        model=state.model,
        context=state.context,
        workload=state.workload,
        mode=state.mode,
        **spec.fit_fields(),
    )

    async def work() -> render.Rendered:
        theirs = await bot.engine.analyze_state(state)
        ours = await bot.engine.analyze_state(mine)
        labels = ["This card", f"Your rig “{cards.user_text(name, 40)}”"]
        embed = cards.compare_card([theirs, ours], labels=labels)
        view = card_view()
        label = cards.clip(f"Open on my rig ({describe(spec, bot.engine.catalog)})", 80)
        button = Button(label=label, style=discord.ButtonStyle.primary)
        try:
            button.custom_id = _custom_id("fg", interaction.user.id, mine, bot.engine.catalog)
            view.add_item(FitButton(button, "g", interaction.user.id, ""))
        except ValueError:
            pass
        return [embed], view

    embeds, view = await within_deadline(interaction, work(), ephemeral=True)
    await send_card(interaction, embeds, view, ephemeral=True)


def fit_view(owner: int, state: FitState, report: Any, catalog: Any) -> discord.ui.View:
    """The components of a fit card: quant, workload and mode menus; "Run it" and "Compare with
    my rig"; one button per next step (the nearest setups that run)."""
    view = card_view()
    menus = (
        ("q", "Quantization", quant_options(report)),
        ("w", "Workload", workload_options(report)),
        ("o", "Mode (how workloads weigh in the grade)", mode_options(report)),
    )
    for row, (field, placeholder, options) in enumerate(menus):
        if not options:
            continue
        _add(
            view,
            lambda cid, f=field, p=placeholder, o=options, r=row: FitMenu(
                Select(custom_id=cid, placeholder=p, options=o, row=r), f, owner, ""
            ),
            f"f{field}",
            owner,
            state,
            catalog,
            without=field,
        )
    run_label = "Run it" if report.fit != "wont_fit" else "What runs instead"
    for action, label, style in (
        ("x", run_label, discord.ButtonStyle.primary),
        ("r", "Compare with my rig", discord.ButtonStyle.secondary),
    ):
        _add(
            view,
            lambda cid, a=action, lb=label, s=style: FitButton(
                Button(custom_id=cid, label=lb, style=s, row=3), a, owner, ""
            ),
            f"f{action}",
            owner,
            state,
            catalog,
        )
    seen: set[str] = set()
    for step in report.next_steps:
        target = step_state(state, step, report)
        if target is None or target == state:
            continue
        label = cards.clip(step_label(step, catalog), cards.BUTTON_LABEL_MAX)
        before = len(view.children)
        _add(
            view,
            lambda cid, lb=label: FitButton(
                Button(custom_id=cid, label=lb, style=discord.ButtonStyle.success, row=4),
                "g",
                owner,
                "",
            ),
            "fg",
            owner,
            target,
            catalog,
            seen=seen,
        )
        if len(view.children) > before and sum(1 for c in view.children if c.row == 4) >= 5:
            break
    return view


def _add(
    view: discord.ui.View,
    make: Callable[[str], DynamicItem[Any]],
    prefix: str,
    owner: int,
    state: Any,
    catalog: Any,
    *,
    without: str | None = None,
    seen: set[str] | None = None,
) -> None:
    """Add a component whose custom_id carries `state`; a state too long for a custom_id leaves
    the component out (the card still shows)."""
    try:
        cid = _custom_id(prefix, owner, state, catalog, without=without)
    except ValueError:
        log.info("a %s component was left out: its state does not fit a custom_id", prefix)
        return
    if seen is not None:
        if cid in seen:
            return
        seen.add(cid)
    view.add_item(make(cid))


def quant_options(report: Any) -> list[discord.SelectOption]:
    """At most 25 quants: the current and recommended ones always, then the rest in order."""
    rows = list(report.quants)
    if not rows:
        return []
    keep = {report.quant, report.recommended_quant}
    if len(rows) > cards.SELECT_OPTIONS_MAX:
        pinned = [r for r in rows if r.quant in keep]
        others = [r for r in rows if r.quant not in keep]
        chosen = {id(r) for r in pinned + others[: cards.SELECT_OPTIONS_MAX - len(pinned)]}
        rows = [r for r in rows if id(r) in chosen]
    options = []
    for q in rows:
        mark = f" {cards.RECOMMENDED}" if q.quant == report.recommended_quant else ""
        label = f"{q.quant}{mark} · {cards.fmt_gb(q.memory_gb)}"
        speed = f"{cards.fmt_tok_s(q.decode_tok_s)} tok/s" if q.decode_tok_s else "won't run"
        description = f"{q.fit_label or cards.fit_label(q.fit)} · {speed} · quality {q.label}"
        if getattr(q, "available", True) is False:
            description += " · no known GGUF"
        options.append(
            discord.SelectOption(
                label=cards.clip(label, cards.OPTION_LABEL_MAX),
                value=q.quant[:100],
                description=cards.clip(description, cards.OPTION_DESCRIPTION_MAX),
                emoji=cards.FIT_ICONS.get(q.fit),
                default=q.quant == report.quant,
            )
        )
    return options


def workload_options(report: Any) -> list[discord.SelectOption]:
    selected = getattr(report, "workload", None)
    options = []
    for w in list(report.workloads)[: cards.SELECT_OPTIONS_MAX]:
        ttft = fmt_ttft(w.ttft_ms, getattr(w, "prompt_tokens", None), getattr(w, "depth", None))
        description = (
            f"grade {w.grade or '–'} · {cards.fmt_tok_s(w.decode_tok_s)} tok/s · first token {ttft}"
        )
        options.append(
            discord.SelectOption(
                label=cards.clip(w.name, cards.OPTION_LABEL_MAX),
                value=w.id[:100],
                description=cards.clip(description, cards.OPTION_DESCRIPTION_MAX),
                default=w.id == selected,
            )
        )
    return options


MODE_NOTES = {
    "interactive": "favours fast answers for one person",
    "balanced": "neutral between personal use and serving",
    "light_api": "leans towards serving a few users",
    "scale_out": "serving many: parallel requests",
}


def mode_options(report: Any) -> list[discord.SelectOption]:
    return [
        discord.SelectOption(
            label=label,
            value=mode,
            description=MODE_NOTES.get(mode),
            default=mode == report.mode,
        )
        for mode, label in mode_labels()
    ][: cards.SELECT_OPTIONS_MAX]


def step_state(state: FitState, step: Any, report: Any) -> FitState | None:
    """The setup a next step proposes, as a card's state; None when it is not one setup."""
    common = {"quant": step.quant, "kv_type": step.kv_type}
    kind = step.kind
    if kind in ("smaller_quant", "kv_type") and step.quant:
        return state.replace(**common)
    if kind == "more_ram" and step.ram_gb:
        return state.replace(ram_gb=step.ram_gb, **common)
    if kind == "more_gpus" and step.gpus and len(state.cards) == 1:
        card = state.cards[0]
        return state.replace(cards=(Card(card.id, step.gpus, card.vram_gb),), **common)
    if kind in ("smaller_sibling", "newer_release", "other_model") and step.model_id:
        return state.replace(model=step.model_id, **common)
    if kind == "shorter_context" and step.context:
        return state.replace(context=step.context, **common)
    return None


def step_label(step: Any, catalog: Any) -> str:
    kind = step.kind
    if kind == "smaller_quant":
        return f"Try {step.quant}"
    if kind == "kv_type":
        return f"{step.quant} with a {step.kv_type} KV cache"
    if kind == "more_ram":
        return f"With {step.ram_gb:g} GB RAM"
    if kind == "more_gpus":
        return f"With {step.gpus} GPUs"
    if kind in ("smaller_sibling", "newer_release", "other_model"):
        entry = catalog.models.get(step.model_id)
        return f"Try {entry.name if entry is not None else step.model_id}"
    if kind == "shorter_context":
        return f"At {cards.fmt_tokens(step.context)} context"
    return "Try this"


# --------------------------------------------------------------------------- /quants


def quants_view(owner: int, state: FitState, report: Any, catalog: Any) -> discord.ui.View:
    view = card_view()
    options = quant_options(report)
    for o in options:
        o.default = False
    if options:
        _add(
            view,
            lambda cid: FitMenu(
                Select(custom_id=cid, placeholder="Open a quant's card", options=options),
                "a",
                owner,
                "",
            ),
            "fa",
            owner,
            state,
            catalog,
            without="q",
        )
    return view


# --------------------------------------------------------------------------- lists

LIST_STATES: dict[str, type[ModelList] | type[HardwareList]] = {
    "m": ModelList,
    "h": HardwareList,
}


class ListMenu(DynamicItem[Select], template=rf"l(?P<kind>[mh]):{OWNER}:{STATE}"):
    """A list's "open a row's card" menu; the card opens privately for whoever picks."""

    def __init__(self, select: Select, kind: str, owner: int, state: str):
        self.kind, self.owner, self.packed = kind, owner, state
        super().__init__(select)

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str], /):  # type: ignore[override]
        return cls(item, match["kind"], from_base36(match["owner"]), match["state"])

    async def callback(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        async def work() -> None:
            values = self.item.values
            if not values:
                await interaction.response.defer()
                return
            catalog = _bot(interaction).engine.catalog
            if self.kind == "m":
                models = ModelList.unpack(self.packed, catalog)
                state = models.fit_state(FitState.unpack("", catalog, model=values[0]).model)
            else:
                setups = HardwareList.unpack(self.packed, catalog)
                row = FitState.unpack(values[0], catalog, model=setups.model)
                state = row.replace(
                    quant=setups.quant, context=setups.context, workload=setups.workload
                )
            await show_fit(interaction, state, update=False)

        await _guarded(interaction, work)


class PageButton(DynamicItem[Button], template=rf"p(?P<kind>[mh]):{OWNER}:{STATE}"):
    """A list's previous / next page button."""

    def __init__(self, button: Button, kind: str, owner: int, state: str):
        self.kind, self.owner, self.packed = kind, owner, state
        super().__init__(button)

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str], /):  # type: ignore[override]
        return cls(item, match["kind"], from_base36(match["owner"]), match["state"])

    async def callback(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        async def work() -> None:
            bot = _bot(interaction)
            state = LIST_STATES[self.kind].unpack(self.packed, bot.engine.catalog)
            mine = interaction.user.id == self.owner
            show = render.model_list if self.kind == "m" else render.hardware_list
            work = show(bot, state, interaction.user.id)  # type: ignore[arg-type]
            embeds, view = await within_deadline(interaction, work, ephemeral=not mine, update=mine)
            await send_card(interaction, embeds, view, ephemeral=not mine, update=mine)

        await _guarded(interaction, work)


def list_view(
    kind: str,
    owner: int,
    state: Any,
    rows: Sequence[tuple[str, str, str]],
    pages: int,
    catalog: Any,
) -> discord.ui.View:
    """A list's components: a menu to open a row's card (label, description, value), and
    previous / next page buttons."""
    view = card_view()
    options = [
        discord.SelectOption(
            label=cards.clip(label, cards.OPTION_LABEL_MAX),
            description=cards.clip(note, cards.OPTION_DESCRIPTION_MAX),
            value=value,
        )
        for label, note, value in rows[: cards.SELECT_OPTIONS_MAX]
        if len(value) <= 100
    ]
    if options:
        placeholder = "Open a model's card" if kind == "m" else "Open a setup's card"
        _add(
            view,
            lambda cid: ListMenu(
                Select(custom_id=cid, placeholder=placeholder, options=options, row=0),
                kind,
                owner,
                "",
            ),
            f"l{kind}",
            owner,
            state,
            catalog,
        )
    if pages > 1:
        for page, label in ((state.page - 1, "◀ Previous"), (state.page + 1, "Next ▶")):
            if 0 <= page < pages:
                _add(
                    view,
                    lambda cid, lb=label: PageButton(
                        Button(custom_id=cid, label=lb, style=discord.ButtonStyle.secondary, row=1),
                        kind,
                        owner,
                        "",
                    ),
                    f"p{kind}",
                    owner,
                    state.replace(page=page),
                    catalog,
                )
    return view


DYNAMIC_ITEMS = (FitMenu, FitButton, ListMenu, PageButton)


def register(bot: discord.Client) -> None:
    """Listen for every card's components, whenever they were sent."""
    bot.add_dynamic_items(*DYNAMIC_ITEMS)
