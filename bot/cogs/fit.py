"""Slash commands over the engine: /fit, /quants, /bestmodel, /besthardware, /compare, /model,
/hardware. Thin: parse, call the engine, hand the result to a card."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from fitengine import units

from .. import cards
from ..engine import mode_choices
from ..respond import Rendered, answer
from ..views import CardView, SuggestionView

if TYPE_CHECKING:
    from ..bot import CanIRunBot


class ContextTokens(app_commands.Transformer):
    """A context length: 8192, 32k, 128K, 1M."""

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.string

    @property
    def max_length(self) -> int:
        return 20

    async def transform(self, interaction: discord.Interaction, value: str) -> int:
        return parse_context(value)


def parse_context(value: str) -> int:
    """fitengine.units' reading, as the CLI and the question parser read it; its UnitError is a
    ValueError, which discord.py reports as a bad option."""
    return units.tokens(value or "", "context", minimum=1)


def per_user(interaction: discord.Interaction) -> int:
    return interaction.user.id


# Per-user budgets. Each decorator object keeps one bucket per user for all the commands it
# decorates: /fit and /quants share one, the commands that scan the catalog share a smaller one.
fit_cooldown = app_commands.checks.cooldown(6, 30.0, key=per_user)
heavy_cooldown = app_commands.checks.cooldown(3, 30.0, key=per_user)


class Fit(commands.Cog):
    def __init__(self, bot: CanIRunBot):
        self.bot = bot
        self.engine = bot.engine

    # ------------------------------------------------------------------ autocomplete

    async def model_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return self.engine.model_choices(current)

    async def hardware_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return self.engine.hardware_choices(current)

    async def quant_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        model = getattr(interaction.namespace, "model", None)
        return self.engine.quant_choices(current, model if isinstance(model, str) else None)

    async def workload_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return self.engine.workload_choices(current)

    # ------------------------------------------------------------------ helpers

    def defaults(self, interaction: discord.Interaction) -> tuple[str | None, str | None]:
        """The server's default (workload, mode), if any."""
        settings = self.bot.store.get(interaction.guild_id)
        return settings.workload, settings.mode

    async def defer_for_hub(self, interaction: discord.Interaction, model: str) -> None:
        """A Hugging Face repo not read yet takes the Hub's time (a listing, a GGUF header):
        acknowledge at once ("thinking..."), the card then replaces the placeholder."""
        if self.engine.needs_hub(model) and not interaction.response.is_done():
            await interaction.response.defer(thinking=True)

    def fit_runner(self, interaction: discord.Interaction):
        owner = interaction.user.id

        async def run(params: dict[str, Any]) -> Rendered:
            report = await self.engine.analyze(**params)
            view = CardView(owner, self.engine, report, params)
            return [view.embed()], view

        return run

    # ------------------------------------------------------------------ commands

    @app_commands.command(name="fit", description="Will a model run on your hardware, how fast?")
    @app_commands.describe(
        model="The model, e.g. qwen3-32b, or a Hugging Face repo or link (hf.co/OWNER/REPO:QUANT)",
        hardware="Your GPU, Mac or CPU, e.g. rtx-3090",
        quant="Quantization, e.g. Q4_K_M (default: the best that fits)",
        context="Context length, e.g. 32k (default: the workload's)",
        gpus="How many of that device (default 1)",
        workload="What you do with it: chat, coding, agents...",
        mode="How to weigh the workloads in the overall grade",
        ram="System RAM in GB, for offloading (default 32)",
    )
    @app_commands.autocomplete(
        model=model_autocomplete,
        hardware=hardware_autocomplete,
        quant=quant_autocomplete,
        workload=workload_autocomplete,
    )
    @app_commands.choices(mode=mode_choices())
    @fit_cooldown
    async def fit(
        self,
        interaction: discord.Interaction,
        model: app_commands.Range[str, 1, 200],
        hardware: app_commands.Range[str, 1, 200],
        quant: app_commands.Range[str, 1, 50] | None = None,
        context: app_commands.Transform[int, ContextTokens] | None = None,
        gpus: app_commands.Range[int, 1, 64] = 1,
        workload: app_commands.Range[str, 1, 100] | None = None,
        mode: app_commands.Choice[str] | None = None,
        ram: app_commands.Range[float, 1, 4096] | None = None,
    ) -> None:
        default_workload, default_mode = self.defaults(interaction)
        await self.defer_for_hub(interaction, model)
        params = {
            "model": model,
            "hardware": hardware,
            "quant": quant,
            "context": context,
            "gpus": gpus,
            "workload": workload or default_workload,
            "mode": mode.value if mode else default_mode,
            "ram_gb": ram,
        }
        await answer(interaction, _drop_none(params), self.fit_runner(interaction))

    @app_commands.command(name="quants", description="Every quantization of a model on a device")
    @app_commands.describe(
        model="The model",
        hardware="Your GPU, Mac or CPU",
        context="Context length, e.g. 32k",
        gpus="How many of that device (default 1)",
    )
    @app_commands.autocomplete(model=model_autocomplete, hardware=hardware_autocomplete)
    @fit_cooldown
    async def quants(
        self,
        interaction: discord.Interaction,
        model: app_commands.Range[str, 1, 200],
        hardware: app_commands.Range[str, 1, 200],
        context: app_commands.Transform[int, ContextTokens] | None = None,
        gpus: app_commands.Range[int, 1, 64] = 1,
    ) -> None:
        default_workload, default_mode = self.defaults(interaction)

        async def run(params: dict[str, Any]) -> Rendered:
            report = await self.engine.analyze(**params)
            return [cards.quants_card(report)], None

        await self.defer_for_hub(interaction, model)
        params = {
            "model": model,
            "hardware": hardware,
            "context": context,
            "gpus": gpus,
            "workload": default_workload,
            "mode": default_mode,
        }
        await answer(interaction, _drop_none(params), run)

    @app_commands.command(name="bestmodel", description="The best models for your hardware")
    @app_commands.describe(
        hardware="Your GPU, Mac or CPU",
        workload="What you do with it",
        gpus="How many of that device (default 1)",
    )
    @app_commands.autocomplete(hardware=hardware_autocomplete, workload=workload_autocomplete)
    @heavy_cooldown
    async def bestmodel(
        self,
        interaction: discord.Interaction,
        hardware: app_commands.Range[str, 1, 200],
        workload: app_commands.Range[str, 1, 100] | None = None,
        gpus: app_commands.Range[int, 1, 64] = 1,
    ) -> None:
        default_workload, _ = self.defaults(interaction)

        async def run(params: dict[str, Any]) -> Rendered:
            reports = await self.engine.best_models(**params)
            name = cards.hardware_label(reports[0].hardware) if reports else params["hardware"]
            return [cards.best_models_card(name, reports, workload=params.get("workload"))], None

        params = {"hardware": hardware, "workload": workload or default_workload, "gpus": gpus}
        await answer(interaction, _drop_none(params), run)

    @app_commands.command(
        name="besthardware", description="The smallest hardware that runs a model well"
    )
    @app_commands.describe(
        model="The model", quant="Quantization (default: the best that fits)", context="e.g. 32k"
    )
    @app_commands.autocomplete(model=model_autocomplete, quant=quant_autocomplete)
    @heavy_cooldown
    async def besthardware(
        self,
        interaction: discord.Interaction,
        model: app_commands.Range[str, 1, 200],
        quant: app_commands.Range[str, 1, 50] | None = None,
        context: app_commands.Transform[int, ContextTokens] | None = None,
    ) -> None:
        async def run(params: dict[str, Any]) -> Rendered:
            reports = await self.engine.best_hardware(**params)
            name = reports[0].model.name if reports else params["model"]
            return [cards.best_hardware_card(name, reports)], None

        params = {"model": model, "quant": quant, "context": context}
        await answer(interaction, _drop_none(params), run)

    @app_commands.command(name="compare", description="One model on two devices, side by side")
    @app_commands.describe(model="The model", hardware_a="First device", hardware_b="Second device")
    @app_commands.autocomplete(
        model=model_autocomplete,
        hardware_a=hardware_autocomplete,
        hardware_b=hardware_autocomplete,
    )
    @heavy_cooldown
    async def compare(
        self,
        interaction: discord.Interaction,
        model: app_commands.Range[str, 1, 200],
        hardware_a: app_commands.Range[str, 1, 200],
        hardware_b: app_commands.Range[str, 1, 200],
    ) -> None:
        default_workload, default_mode = self.defaults(interaction)

        async def run(params: dict[str, Any]) -> Rendered:
            extra = {k: v for k, v in params.items() if k in ("workload", "mode")}
            reports = await self.engine.compare_hardware(
                params["model"], params["hardware_a"], params["hardware_b"], **extra
            )
            return [cards.compare_card(reports)], None

        params = {
            "model": model,
            "hardware_a": hardware_a,
            "hardware_b": hardware_b,
            "workload": default_workload,
            "mode": default_mode,
        }
        await answer(interaction, _drop_none(params), run)

    @app_commands.command(name="model", description="What the catalog knows about a model")
    @app_commands.describe(name="The model")
    @app_commands.autocomplete(name=model_autocomplete)
    async def model(
        self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 200]
    ) -> None:
        await self._entry(interaction, name, "model")

    @app_commands.command(name="hardware", description="What the catalog knows about a device")
    @app_commands.describe(name="The GPU, Mac or CPU")
    @app_commands.autocomplete(name=hardware_autocomplete)
    async def hardware(
        self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 200]
    ) -> None:
        await self._entry(interaction, name, "hardware")

    async def _entry(self, interaction: discord.Interaction, name: str, kind: str) -> None:
        if kind == "model":
            resolution = self.engine.resolve_model(name)
            render = cards.model_card
        else:
            resolution = self.engine.resolve_hardware(name)
            render = cards.hardware_card
        if resolution.entry is not None:
            await interaction.response.send_message(embed=render(resolution.entry))
            return

        async def pick(again: discord.Interaction, value: str) -> None:
            await self._entry(again, value, kind)

        text = cards.not_found_text(kind, name, resolution.suggestions)
        view = SuggestionView(interaction.user.id, resolution.suggestions, pick)
        await interaction.response.send_message(
            text, ephemeral=True, view=view if view.children else discord.utils.MISSING
        )


def _drop_none(params: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if v is not None}


async def setup(bot: CanIRunBot) -> None:
    await bot.add_cog(Fit(bot))
