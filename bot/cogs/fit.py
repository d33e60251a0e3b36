"""Slash commands over the engine: /fit, /quants, /bestmodel, /besthardware, /compare, /model,
/hardware. Thin: read the options (a hardware left out, or "rig:NAME", is the person's saved rig),
build the card's state, hand it to bot/render.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from fitengine import units

from .. import cards, render
from ..engine import mode_choices
from ..errors import Friendly
from ..respond import Rendered, answer
from ..rigs import RIG_PREFIX, RigSpec, describe, rig_for
from ..state import FitState, HardwareList, ModelList, setup_of
from ..views import SuggestionView

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

NO_HARDWARE = (
    "Which hardware? Name it (`hardware:rtx 3090`, `2x 3090`, `M2 Max 64GB`), or save yours "
    "once with `/rig set` and leave it out from then on."
)
# a hardware option that means the person's default rig
MY_RIG_WORDS = frozenset({"my rig", "rig", "mine", "my pc", "my setup", "my machine"})

SORT_CHOICES = [
    app_commands.Choice(name="Smallest setup of each kind first", value="route"),
    app_commands.Choice(name="Cheapest first (launch price)", value="price"),
]


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
        """The person's saved rigs first (when the text could mean one), then devices."""
        devices = self.engine.hardware_choices(current)
        rigs = await self._rig_choices(interaction.user.id, current)
        return (rigs + devices)[:25]

    async def _rig_choices(self, user_id: int, current: str) -> list[app_commands.Choice[str]]:
        typed = current.strip().lower().removeprefix(RIG_PREFIX).strip()
        try:
            saved = await self.bot.store.rigs(user_id)
        except Exception:  # autocomplete is best effort; the command reports storage problems
            return []
        out = []
        for rig in saved:
            if typed and not (
                rig.name.lower().startswith(typed)
                or "rig".startswith(typed)
                or "my".startswith(typed)
            ):
                continue
            try:
                what = describe(RigSpec.from_spec(rig.spec), self.engine.catalog)
            except ValueError:
                continue
            label = f"🖥 Your rig “{rig.name}”: {what}"
            out.append(
                app_commands.Choice(
                    name=cards.clip(label, cards.CHOICE_NAME_MAX), value=f"{RIG_PREFIX}{rig.name}"
                )
            )
        return out[:5]

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

    async def saved_rig(self, user_id: int, hardware: str | None) -> tuple[str, RigSpec] | None:
        """The rig a hardware option means: left out or "my rig" is the default rig, "rig:NAME"
        a named one; None for any other text (a device to read). Friendly when there is none."""
        text = (hardware or "").strip()
        if text.lower().startswith(RIG_PREFIX):
            name = text[len(RIG_PREFIX) :].strip()
            found = await rig_for(self.bot, user_id, name)
            if found is None:
                raise Friendly(
                    f"You have no rig named “{cards.user_text(name, 40)}”: `/rig show` lists yours."
                )
            return found
        if text and text.lower() not in MY_RIG_WORDS:
            return None
        found = await rig_for(self.bot, user_id)
        if found is None:
            raise Friendly(NO_HARDWARE)
        return found

    async def fit_state(
        self, user_id: int, params: dict[str, Any], pinned: dict[str, Any]
    ) -> tuple[FitState, Any, str | None]:
        """The card's state for /fit and /quants: on the person's rig, or read from the hardware
        text (then the report is already there). (state, report or None, rig name or None)."""
        pinned = {k: v for k, v in pinned.items() if v is not None}
        found = await self.saved_rig(user_id, params.get("hardware"))
        if found is not None:
            name, spec = found
            fields = spec.fit_fields() | pinned
            gpus = params.get("gpus")
            if gpus and gpus > 1 and len(fields["cards"]) == 1:
                card = fields["cards"][0]
                fields["cards"] = (type(card)(card.id, gpus, card.vram_gb),)
            return FitState(model=params["model"], **fields), None, name
        report = await self.engine.analyze(**params)
        state = FitState.from_report(report, self.engine.catalog, **pinned)
        return state.replace(model=params["model"]), report, None

    async def defer_for_hub(self, interaction: discord.Interaction, model: str) -> None:
        """A Hugging Face repo not read yet takes the Hub's time (a listing, a GGUF header):
        acknowledge at once ("thinking..."), the card then replaces the placeholder."""
        if self.engine.needs_hub(model) and not interaction.response.is_done():
            await interaction.response.defer(thinking=True)

    # ------------------------------------------------------------------ commands

    @app_commands.command(name="fit", description="Will a model run on your hardware, how fast?")
    @app_commands.describe(
        model="The model, e.g. qwen3-32b, or a Hugging Face repo or link (hf.co/OWNER/REPO:QUANT)",
        hardware="Your GPU, Mac or CPU, e.g. rtx-3090 (default: your saved rig, /rig set)",
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
        hardware: app_commands.Range[str, 1, 200] | None = None,
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
        owner = interaction.user.id

        async def run(params: dict[str, Any]) -> Rendered:
            pinned = {k: params.get(k) for k in ("quant", "context", "workload", "mode", "ram_gb")}
            state, report, rig = await self.fit_state(owner, params, pinned)
            lead = f"On your rig “{cards.user_text(rig, 40)}”." if rig else None
            if report is None:
                return await render.fit(self.bot, state, owner, lead=lead)
            return await render.fit_report(self.bot, report, state, owner)

        await answer(interaction, _drop_none(params), run)

    @app_commands.command(name="quants", description="Every quantization of a model, one line each")
    @app_commands.describe(
        model="The model",
        hardware="Your GPU, Mac or CPU (default: your saved rig)",
        context="Context length, e.g. 32k",
        gpus="How many of that device (default 1)",
    )
    @app_commands.autocomplete(model=model_autocomplete, hardware=hardware_autocomplete)
    @fit_cooldown
    async def quants(
        self,
        interaction: discord.Interaction,
        model: app_commands.Range[str, 1, 200],
        hardware: app_commands.Range[str, 1, 200] | None = None,
        context: app_commands.Transform[int, ContextTokens] | None = None,
        gpus: app_commands.Range[int, 1, 64] = 1,
    ) -> None:
        default_workload, default_mode = self.defaults(interaction)
        owner = interaction.user.id
        await self.defer_for_hub(interaction, model)

        async def run(params: dict[str, Any]) -> Rendered:
            pinned = {k: params.get(k) for k in ("context", "workload", "mode")}
            state, _, _ = await self.fit_state(owner, params, pinned)
            return await render.quants(self.bot, state, owner)

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
        hardware="Your GPU, Mac or CPU (default: your saved rig)",
        workload="What you do with it",
        gpus="How many of that device (default 1)",
        ram="System RAM in GB (MoE models can keep experts there)",
    )
    @app_commands.autocomplete(hardware=hardware_autocomplete, workload=workload_autocomplete)
    @heavy_cooldown
    async def bestmodel(
        self,
        interaction: discord.Interaction,
        hardware: app_commands.Range[str, 1, 200] | None = None,
        workload: app_commands.Range[str, 1, 100] | None = None,
        gpus: app_commands.Range[int, 1, 64] = 1,
        ram: app_commands.Range[float, 1, 4096] | None = None,
    ) -> None:
        default_workload, _ = self.defaults(interaction)
        owner = interaction.user.id

        async def run(params: dict[str, Any]) -> Rendered:
            found = await self.saved_rig(owner, params.get("hardware"))
            if found is not None:
                fields = found[1].fit_fields()
                setup = {"cards": fields["cards"], "vram_gb": fields["vram_gb"]}
                ram_gb = params.get("ram_gb") or fields["ram_gb"]
            else:
                hw = await self.engine.read_setup(
                    params["hardware"], gpus=params.get("gpus"), ram_gb=params.get("ram_gb")
                )
                setup, ram_gb = setup_of(hw, self.engine.catalog), params.get("ram_gb")
            state = ModelList(**setup, ram_gb=ram_gb, workload=params.get("workload"))
            return await render.model_list(self.bot, state, owner)

        params = {"hardware": hardware, "workload": workload or default_workload, "gpus": gpus}
        params["ram_gb"] = ram
        await answer(interaction, _drop_none(params), run)

    @app_commands.command(
        name="besthardware", description="What hardware runs a model well (consumer-only, cheapest)"
    )
    @app_commands.describe(
        model="The model",
        quant="Quantization (default: the best that fits)",
        context="e.g. 32k",
        consumer_only="Only consumer parts: gaming GPUs, Macs, mini PCs (no datacenter cards)",
        sort="Smallest setups of each kind, or the cheapest first",
    )
    @app_commands.autocomplete(model=model_autocomplete, quant=quant_autocomplete)
    @app_commands.choices(sort=SORT_CHOICES)
    @heavy_cooldown
    async def besthardware(
        self,
        interaction: discord.Interaction,
        model: app_commands.Range[str, 1, 200],
        quant: app_commands.Range[str, 1, 50] | None = None,
        context: app_commands.Transform[int, ContextTokens] | None = None,
        consumer_only: bool = False,
        sort: app_commands.Choice[str] | None = None,
    ) -> None:
        default_workload, _ = self.defaults(interaction)
        owner = interaction.user.id

        async def run(params: dict[str, Any]) -> Rendered:
            state = HardwareList(
                model=params["model"],
                quant=params.get("quant"),
                context=params.get("context"),
                workload=default_workload,
                order=params.get("order"),
                consumer_only=consumer_only,
            )
            return await render.hardware_list(self.bot, state, owner)

        params = {
            "model": model,
            "quant": quant,
            "context": context,
            "order": sort.value if sort and sort.value != "route" else None,
        }
        await answer(interaction, _drop_none(params), run)

    @app_commands.command(name="compare", description="One model on two setups, side by side")
    @app_commands.describe(
        model="The model",
        hardware_a="First device",
        hardware_b="Second device (default: your saved rig)",
    )
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
        hardware_b: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        default_workload, default_mode = self.defaults(interaction)
        owner = interaction.user.id

        async def run(params: dict[str, Any]) -> Rendered:
            extra = {k: v for k, v in params.items() if k in ("workload", "mode")}
            sides = []
            labels = []
            for key in ("hardware_a", "hardware_b"):
                found = await self.saved_rig(owner, params.get(key))
                if found is None:
                    sides.append(await self.engine.analyze(params["model"], params[key], **extra))
                    labels.append("")
                else:
                    name, spec = found
                    state = FitState(model=params["model"], **spec.fit_fields(), **extra)
                    sides.append(await self.engine.analyze_state(state))
                    labels.append(f"Your rig “{cards.user_text(name, 40)}”")
            return [cards.compare_card(sides, labels=labels)], None

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
            render_entry = cards.model_card
        else:
            resolution = self.engine.resolve_hardware(name)
            render_entry = cards.hardware_card
        if resolution.entry is not None:
            embed = render_entry(resolution.entry)
            if interaction.app_permissions.embed_links:
                await interaction.response.send_message(embed=embed)
            else:
                await interaction.response.send_message(cards.as_text([embed]))
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
