"""My rig: a person's saved hardware, used by every command and by chat when they name none.

The rigs live in the bot's storage (bot/storage: table rigs, Storage.rigs / rig / save_rig /
set_default_rig / delete_rig / forget_user), per user (not per server), several named ones per
user, and all of a user's data goes with `/rig clear all`. This module holds what a rig is
(RigSpec, saved as the JSON `spec` of a stored rig) and turns a rig into what the engine takes: a
card's setup, or the hardware of a question in words.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .state import Card

log = logging.getLogger(__name__)

RIG_DEFAULT_NAME = "main"
# "/rig clear all": every rig and everything else stored about the person
CLEAR_ALL = "all"
# what people type in a hardware option to mean their saved rig
RIG_PREFIX = "rig:"
SPEC_VERSION = 1


class RigCard(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    count: int = Field(1, ge=1, le=64)
    vram_gb: float | None = Field(None, gt=0, le=4096)


class RigSpec(BaseModel):
    """A saved rig: its devices (one kind, or several for a mixed rig; none and `vram_gb` for a
    GPU the catalog does not know, by its memory), system RAM and backend. Sizes are GB as sold."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    v: int = SPEC_VERSION
    cards: tuple[RigCard, ...] = ()
    vram_gb: float | None = Field(None, gt=0, le=4096)
    ram_gb: float | None = Field(None, ge=0, le=8192)
    backend: str | None = None

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any]) -> RigSpec:
        return cls.model_validate(dict(spec))

    def to_spec(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)

    def state_cards(self) -> tuple[Card, ...]:
        return tuple(Card(c.id, c.count, c.vram_gb) for c in self.cards)

    def fit_fields(self) -> dict[str, Any]:
        """The setup fields of a card's FitState (bot/state.py)."""
        return {
            "cards": self.state_cards(),
            "vram_gb": None if self.cards else self.vram_gb,
            "ram_gb": self.ram_gb,
            "backend": self.backend,
        }


# --------------------------------------------------------------------------- words


def describe(spec: RigSpec, catalog: Any) -> str:
    """ "2× NVIDIA GeForce RTX 3090 + 64 GB RAM (cuda)"."""
    from fitengine.request import GENERIC_GPU_ID

    parts = []
    for c in spec.cards:
        entry = catalog.hardware.get(c.id)
        name = entry.name if entry is not None else c.id
        if c.id == GENERIC_GPU_ID and c.vram_gb is not None:
            name = f"a GPU with {c.vram_gb:g} GB"
        elif c.vram_gb is not None and entry is not None and c.vram_gb != entry.memory_gb:
            name += f" {c.vram_gb:g}GB"
        parts.append(f"{c.count}× {name}" if c.count > 1 else name)
    text = " + ".join(parts) or (f"a GPU with {spec.vram_gb:g} GB" if spec.vram_gb else "?")
    if spec.ram_gb is not None:
        text += f", {spec.ram_gb:g} GB RAM"
    if spec.backend:
        text += f" ({spec.backend})"
    return text


def spec_from_hardware(
    hardware: Any, catalog: Any, ram_gb: float | None, backend: str | None
) -> RigSpec:
    """The rig from a report's hardware: what the person typed, as the engine read it (names
    resolved to catalog ids)."""
    from .state import setup_of

    setup = setup_of(hardware, catalog)
    cards = tuple(
        RigCard(id=c.id, count=c.count, vram_gb=c.vram_gb) for c in setup.get("cards", ())
    )
    return RigSpec(cards=cards, vram_gb=setup.get("vram_gb"), ram_gb=ram_gb, backend=backend)


@functools.cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    from fitengine.language import default_language
    from fitengine.nlq import patterns

    lang = default_language()

    def rx(phrases: list[str]) -> re.Pattern[str]:
        return re.compile(patterns.words(phrases) if phrases else r"(?!x)x")

    return rx(lang.own_hardware), rx(lang.hardware_wanted), rx(lang.model_wanted)


def means_own_rig(text: str, query: Any) -> bool:
    """Does a question that names no hardware mean the asker's own machine? Yes when it says so
    ("my rig", "can I run"), when it asks about a model without asking which hardware to get
    ("will qwen3 32b run?", not "what gpu for qwen3 32b"), or when it asks which model to run."""
    if query.hardware is not None or query.setup or query.vram_gb is not None or query.cpu_only:
        return False
    if query.intent == "best_hw":
        return False  # "what gpu should I buy for the best model": hardware to get, not the rig had
    low = " ".join(text.lower().split())
    own, hardware_wanted, model_wanted = _cues()
    if own.search(low):
        return True
    if query.model is not None or query.model_size_b is not None:
        return query.intent in ("fit", "best_hw_for_model") and not hardware_wanted.search(low)
    wish = bool(query.workload or query.tags or query.task or query.order)
    return bool(model_wanted.search(low)) or (wish and query.intent in ("help", "unclear"))


def on_rig(query: Any, spec: RigSpec, catalog: Any) -> Any:
    """The query with the rig as its hardware, asking a fit for a named model and the best models
    otherwise."""
    from fitengine.nlq.query import HardwareRef, SetupRef

    def ref(c: RigCard) -> dict[str, Any]:
        entry = catalog.hardware.get(c.id)
        return {"id": c.id, "name": entry.name if entry is not None else c.id}

    update: dict[str, Any] = {"ram_gb": query.ram_gb if query.ram_gb is not None else spec.ram_gb}
    if len(spec.cards) >= 2:
        largest = max(
            spec.cards,
            key=lambda c: c.vram_gb or getattr(catalog.hardware.get(c.id), "memory_gb", 0),
        )
        update["setup"] = [SetupRef(**ref(c), gpus=c.count, vram_gb=c.vram_gb) for c in spec.cards]
        update |= {"hardware": HardwareRef(**ref(largest)), "gpus": largest.count}
        update["vram_gb"] = largest.vram_gb
    elif spec.cards:
        card = spec.cards[0]
        update |= {
            "hardware": HardwareRef(**ref(card)),
            "gpus": card.count,
            "vram_gb": card.vram_gb,
        }
    else:
        update["vram_gb"] = spec.vram_gb
    if query.model is not None:
        update["intent"] = "fit"
    elif query.model_size_b is None:
        update["intent"] = "best_model_for_hw"
    return query.model_copy(update=update)


def ask_on_rig(
    text: str, spec: RigSpec, catalog: Any, models: Mapping[str, Any] | None = None
) -> Any:
    """fitengine.ask, answered on the asker's rig when the question means it (runs in a worker
    thread). `models`: Hugging Face repos the question names, read (as ask() takes them)."""
    from fitengine import answer_query, parse

    query = parse(text or "", catalog)
    if means_own_rig(text or "", query):
        query = on_rig(query, spec, catalog)
    return answer_query(query, catalog, models)


async def rig_for(bot: Any, user_id: int, name: str | None = None) -> tuple[str, RigSpec] | None:
    """(name, spec) of a user's rig by name, or their default rig; None when they have none. A
    stored spec this version cannot read counts as none."""
    rig = await bot.store.rig(user_id, name)
    if rig is None:
        return None
    try:
        return rig.name, RigSpec.from_spec(rig.spec)
    except ValueError:
        log.warning("user %s has a rig this version cannot read", user_id)
        return None
