"""How people build the machines a "what hardware" answer offers (catalog/setups.yaml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from .catalog import Catalog, catalog_dir

FILE = "setups.yaml"


class SetupRules(BaseModel):
    """catalog/setups.yaml: see the comments there for what each rule means."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hybrid_cards: tuple[str, ...] = Field(min_length=1)
    small_hybrid_cards: tuple[str, ...] = ()
    desktop_ram_gb: tuple[float, ...] = Field(min_length=1)
    desktop_ram_source: str = Field(pattern=r"^https?://")
    desk_cards: int = Field(ge=1)

    @field_validator("desktop_ram_gb")
    @classmethod
    def _ascending(cls, sizes: tuple[float, ...]) -> tuple[float, ...]:
        if list(sizes) != sorted(set(sizes)) or sizes[0] <= 0:
            raise ValueError("desktop_ram_gb must be positive sizes in ascending order")
        return sizes


@cache
def _load(path: Path) -> SetupRules:
    return SetupRules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def setup_rules(cat: Catalog) -> SetupRules:
    """The rules of the catalog's directory, or the default catalog's when it has none of its own
    (a catalog built in memory). A card the catalog lacks is skipped where it is used."""
    root = cat.root if cat.root is not None and (cat.root / FILE).exists() else catalog_dir()
    return _load(root / FILE)
