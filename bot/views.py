"""Components under cards: quant and workload menus that edit the card in place, and
"did you mean" buttons. Only the person who asked can use them."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord

from . import cards

log = logging.getLogger(__name__)

# an interaction token lives 15 minutes: stop a little earlier, so the menus can be disabled
VIEW_TIMEOUT = 14 * 60.0
NOT_YOURS = "Only the person who asked can change this card. Ask your own with `/fit`."


class OwnedView(discord.ui.View):
    """A view only its owner may use; on timeout its components are disabled."""

    def __init__(self, owner_id: int, *, timeout: float | None = VIEW_TIMEOUT):
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.message: discord.Message | discord.InteractionMessage | None = None

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(NOT_YOURS, ephemeral=True)
        return False

    async def on_timeout(self) -> None:
        if self.message is None:
            return
        for item in self.children:
            if isinstance(item, discord.ui.Select | discord.ui.Button):
                item.disabled = True
        # the message may be gone, or the interaction token expired
        with contextlib.suppress(discord.HTTPException):
            await self.message.edit(view=self)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        # one place for errors: the tree's handler knows every case
        await interaction.client.tree.on_error(interaction, error)  # type: ignore[attr-defined]


class CardView(OwnedView):
    """Menus to switch the quantization and the workload of a fit card.

    `params` are the keyword arguments of the engine's analyze(); a menu changes one of them,
    re-runs the analysis and edits the card in place."""

    def __init__(
        self,
        owner_id: int,
        engine: Any,
        report: Any,
        params: dict[str, Any],
        *,
        timeout: float | None = VIEW_TIMEOUT,
    ):
        super().__init__(owner_id, timeout=timeout)
        self.engine = engine
        self.params = dict(params)
        self.report = report
        self._build()

    def _build(self) -> None:
        self.clear_items()
        menus = (
            ("Quantization", quant_select_options(self.report), "quant"),
            ("Workload", workload_select_options(self.report), "workload"),
        )
        for row, (placeholder, options, param) in enumerate(menus):
            if options:
                select = discord.ui.Select(placeholder=placeholder, options=options, row=row)
                select.callback = self._on_select(param)  # type: ignore[method-assign]
                self.add_item(select)

    def embed(self) -> discord.Embed:
        source = self.engine.source_of(self.params.get("model"))
        return cards.report_card(self.report, source=source)

    async def _rerun(self, interaction: discord.Interaction, **change: Any) -> None:
        params = {**self.params, **change}
        report = await self.engine.analyze(**params)
        self.params, self.report = params, report
        self._build()
        await interaction.response.edit_message(embed=self.embed(), view=self)

    def _on_select(self, param: str) -> Callable[[discord.Interaction], Awaitable[None]]:
        """A menu's callback: re-run the analysis with `param` set to the picked value."""

        async def callback(interaction: discord.Interaction) -> None:
            values = (interaction.data or {}).get("values") or []
            if values:
                await self._rerun(interaction, **{param: values[0]})

        return callback


def quant_select_options(report: Any) -> list[discord.SelectOption]:
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
        mark = " (recommended)" if q.quant == report.recommended_quant else ""
        label = f"{q.quant} · {cards.fmt_gb(q.memory_gb)}{mark}"
        description = (
            f"{cards.fit_label(q.fit)} · {cards.fmt_tok_s(q.decode_tok_s)} tok/s · "
            f"quality {q.quality:.0f}/100"
        )
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


def workload_select_options(report: Any) -> list[discord.SelectOption]:
    selected = getattr(report, "workload", None)
    options = []
    for w in list(report.workloads)[: cards.SELECT_OPTIONS_MAX]:
        description = (
            f"grade {w.grade or '–'} · {cards.fmt_tok_s(w.decode_tok_s)} tok/s · "
            f"TTFT {cards.fmt_ms(w.ttft_ms)}"
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


Pick = Callable[[discord.Interaction, str], Awaitable[None]]


class SuggestionView(OwnedView):
    """'Did you mean' buttons: clicking one re-runs the request with that entry."""

    def __init__(
        self,
        owner_id: int,
        suggestions: Sequence[Any],
        on_pick: Pick,
        *,
        timeout: float | None = 5 * 60.0,
    ):
        super().__init__(owner_id, timeout=timeout)
        self.on_pick = on_pick
        for s in list(suggestions)[:5]:
            button = discord.ui.Button(
                label=cards.clip(s.name, 80),
                style=discord.ButtonStyle.secondary,
            )
            button.callback = self._make_callback(s.id)  # type: ignore[method-assign]
            self.add_item(button)

    def _make_callback(self, value: str) -> Callable[[discord.Interaction], Awaitable[None]]:
        async def callback(interaction: discord.Interaction) -> None:
            self.stop()
            await self.on_pick(interaction, value)

        return callback
