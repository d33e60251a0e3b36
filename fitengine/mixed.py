"""Machines with mixed cards ("4090 + 3090", "a6000 with a 3060"): the one door through which the
question parser's answers, the CLI and batch hand a list of cards to the engine.

The engine's call is `analyze(model, hardware, setup=[(hardware id, count, memory GB or None),
...])`. Until engine.analyze takes `setup`, the largest card answers alone and the report says so
in its warnings; once it does, analyze_setup passes the cards through unchanged.
"""

from __future__ import annotations

import inspect
from typing import Any

from .catalog import Catalog, default_catalog
from .engine import analyze
from .report import Report

# hardware id, how many of it, memory of one card in GB as stated (None: the catalog's)
Card = tuple[str, int, float | None]


def engine_takes_setup() -> bool:
    return "setup" in inspect.signature(analyze).parameters


def largest(cards: list[Card], catalog: Catalog) -> Card:
    """The card with the most memory (the first named on a tie): the one that answers alone."""
    return max(cards, key=lambda c: c[2] or catalog.hardware[c[0]].memory_gb)


def analyze_setup(model: str, cards: list[Card], **kw: Any) -> Report:
    """One model on a machine with these cards. One kind of card is an ordinary analyze()."""
    cat = kw.get("catalog") or default_catalog()
    if len(cards) == 1:
        hw, count, vram = cards[0]
        return analyze(model, hw, gpus=count or 1, **({"vram_gb": vram} if vram else {}), **kw)
    if engine_takes_setup():
        return analyze(model, cards[0][0], setup=cards, **kw)
    hw, count, vram = largest(cards, cat)
    report = analyze(model, hw, gpus=count or 1, **({"vram_gb": vram} if vram else {}), **kw)
    names = " + ".join(_label(c, cat) for c in cards)
    note = (
        f"Mixed cards ({names}): this answer is for the {_label((hw, count, vram), cat)} alone; "
        "llama.cpp also splits layers over the other cards (--tensor-split), which adds their "
        "memory but not this estimate yet."
    )
    return report.model_copy(update={"warnings": [note, *report.warnings]})


def _label(card: Card, cat: Catalog) -> str:
    hw, count, vram = card
    name = cat.hardware[hw].name
    mem = f" {vram:g} GB" if vram else ""
    return f"{count}× {name}{mem}" if count and count > 1 else f"{name}{mem}"


__all__ = ["Card", "analyze_setup", "engine_takes_setup", "largest"]
