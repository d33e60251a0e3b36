"""/rig: a person's saved hardware ("my rig"), per user, in every server and in DMs.

    /rig set hardware [ram] [gpus] [vram] [backend] [name] [default]
    /rig show
    /rig use name          make a saved rig the default
    /rig clear [name]      one rig (default: the default one); name "all": everything stored
                           about you

Every answer is private. The hardware is read as /fit reads it (counts, memory sizes, mixed cards:
"4090 + 2x 3090") and saved as catalog ids, so a rig never needs reading again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from .. import cards
from ..errors import Friendly
from ..respond import answer
from ..rigs import CLEAR_ALL, RIG_DEFAULT_NAME, RigSpec, describe, spec_from_hardware
from ..storage import Storage

if TYPE_CHECKING:
    from ..bot import CanIRunBot

BACKENDS = ("cuda", "rocm", "vulkan", "metal", "sycl", "cpu")


def rig_embed(title: str, lines: list[str]) -> discord.Embed:
    return cards.card(title, "\n".join(lines), footer=f"Only you see this · {cards.UNITS}")


@app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
@app_commands.allowed_installs(guilds=True, users=True)
class Rig(commands.GroupCog, group_name="rig", group_description="Your saved hardware (my rig)"):
    def __init__(self, bot: CanIRunBot):
        self.bot = bot
        super().__init__()

    def store(self) -> Storage:
        return self.bot.store

    async def _names(self, interaction: discord.Interaction, current: str, *, everything: bool):
        try:
            saved = await self.store().rigs(interaction.user.id)
        except Exception:  # autocomplete is best effort
            return []
        typed = current.strip().lower()
        out = [
            app_commands.Choice(name=cards.clip(r.name, 100), value=r.name)
            for r in saved
            if r.name.lower().startswith(typed)
        ]
        if everything and CLEAR_ALL.startswith(typed):
            out.append(
                app_commands.Choice(name="all (every rig and all data about me)", value=CLEAR_ALL)
            )
        return out[:25]

    async def _name_autocomplete(self, interaction: discord.Interaction, current: str):
        return await self._names(interaction, current, everything=False)

    async def _clear_autocomplete(self, interaction: discord.Interaction, current: str):
        return await self._names(interaction, current, everything=True)

    async def _hardware_autocomplete(self, interaction: discord.Interaction, current: str):
        return self.bot.engine.hardware_choices(current)

    async def _private(self, interaction: discord.Interaction, embed: discord.Embed) -> None:
        if interaction.app_permissions.embed_links:
            await interaction.response.send_message(embed=embed, ephemeral=True)
        else:
            await interaction.response.send_message(cards.as_text([embed]), ephemeral=True)

    @app_commands.command(name="set", description="Save your hardware; commands use it by default")
    @app_commands.describe(
        hardware="Your GPU(s), Mac or CPU: rtx 3090, 2x 3090, 4090 + 3090, M2 Max 64GB",
        ram="System RAM in GB",
        gpus="How many of that GPU (if the hardware text does not say)",
        vram="Memory of one GPU in GB (a card sold in several sizes, or one I don't know)",
        backend="The llama.cpp backend you use",
        name="A name for it, to keep several (default: your current one, or “main”)",
        default="Make it the rig used when you name none",
    )
    @app_commands.autocomplete(hardware=_hardware_autocomplete, name=_name_autocomplete)
    @app_commands.choices(backend=[app_commands.Choice(name=b, value=b) for b in BACKENDS])
    async def set(
        self,
        interaction: discord.Interaction,
        hardware: app_commands.Range[str, 1, 200],
        ram: app_commands.Range[float, 1.0, 8192.0] | None = None,
        gpus: app_commands.Range[int, 1, 64] | None = None,
        vram: app_commands.Range[float, 0.5, 2048.0] | None = None,
        backend: app_commands.Choice[str] | None = None,
        name: app_commands.Range[str, 1, 32] | None = None,
        default: bool | None = None,
    ) -> None:
        store = self.store()
        user = interaction.user.id
        catalog = self.bot.engine.catalog

        async def run(params: dict) -> tuple[list[discord.Embed], None]:
            hw = await self.bot.engine.read_setup(
                params["hardware"],
                gpus=gpus,
                vram_gb=vram,
                ram_gb=ram,
                backend=backend.value if backend else None,
            )
            spec = spec_from_hardware(hw, catalog, ram, backend.value if backend else None)
            rig_name = name
            if rig_name is None:
                current = await store.rig(user)
                rig_name = current.name if current is not None else RIG_DEFAULT_NAME
            if rig_name.strip().lower() == CLEAR_ALL:
                raise Friendly("“all” is kept for `/rig clear all`; pick another name.")
            saved = await store.save_rig(user, rig_name, spec.to_spec(), default=default)
            lines = [
                f"**{cards.user_text(saved.name, 40)}**: {describe(spec, catalog)}"
                + (" (your default)" if saved.is_default else ""),
                "Leave `hardware` out of `/fit`, `/quants`, `/bestmodel` (or pick "
                "`rig:NAME`) and it is used; in chat, say “my rig” or just name a model.",
            ]
            if spec.ram_gb is None:
                lines.append("Tip: add `ram:` so offloading is judged on your RAM, not 32 GB.")
            return [rig_embed("Rig saved", lines)], None

        await answer(interaction, {"hardware": hardware}, run, ephemeral=True)

    @app_commands.command(name="show", description="Your saved rigs")
    async def show(self, interaction: discord.Interaction) -> None:
        store = self.store()
        saved = await store.rigs(interaction.user.id)
        catalog = self.bot.engine.catalog
        if not saved:
            lines = ["You have no rig saved. `/rig set hardware:rtx 3090 ram:64` saves one."]
        else:
            lines = []
            for rig in saved:
                try:
                    what = describe(RigSpec.from_spec(rig.spec), catalog)
                except ValueError:
                    what = "(saved by a newer version; set it again)"
                mark = " · default" if rig.is_default else ""
                lines.append(f"**{cards.user_text(rig.name, 40)}**{mark}: {what}")
            lines.append("")
            lines.append(
                "`/rig use` picks the default · `/rig clear` deletes one, `all` everything"
            )
        await self._private(interaction, rig_embed("Your rigs", lines))

    @app_commands.command(name="use", description="Make a saved rig the default")
    @app_commands.describe(name="The rig")
    @app_commands.autocomplete(name=_name_autocomplete)
    async def use(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 32]):
        rig = await self.store().set_default_rig(interaction.user.id, name)
        if rig is None:
            raise Friendly(f"You have no rig named “{cards.user_text(name, 40)}”.")
        await self._private(
            interaction,
            rig_embed("Default rig", [f"**{cards.user_text(rig.name, 40)}** is your default now."]),
        )

    @app_commands.command(name="clear", description="Delete a saved rig, or everything about you")
    @app_commands.describe(name="The rig (default: your default rig); “all” deletes all your data")
    @app_commands.autocomplete(name=_clear_autocomplete)
    async def clear(
        self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 32] | None = None
    ) -> None:
        store = self.store()
        user = interaction.user.id
        if name is not None and name.strip().lower() == CLEAR_ALL:
            removed = await store.forget_user(user)
            lines = [
                f"Deleted everything stored about you ({removed} saved "
                f"{'item' if removed == 1 else 'items'}). Nothing about you is kept."
            ]
            await self._private(interaction, rig_embed("All your data is deleted", lines))
            return
        if name is None:
            current = await store.rig(user)
            if current is None:
                raise Friendly("You have no rig saved.")
            name = current.name
        if not await store.delete_rig(user, name):
            raise Friendly(f"You have no rig named “{cards.user_text(name, 40)}”.")
        left = await store.rigs(user)
        lines = [f"Deleted **{cards.user_text(name, 40)}**."]
        if left:
            default = next((r.name for r in left if r.is_default), left[0].name)
            lines.append(f"Your default is now **{cards.user_text(default, 40)}**.")
        await self._private(interaction, rig_embed("Rig deleted", lines))


async def setup(bot: CanIRunBot) -> None:
    await bot.add_cog(Rig(bot))
