"""How people build the machines a "what hardware" answer offers (catalog/setups.yaml)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .catalog import Catalog, rules_file

FILE = "setups.yaml"


class AssumedHost(BaseModel):
    """One row of catalog/setups.yaml's assumed_hosts: cards launched up to `until_year` (None:
    any later one) sit in a box with the `host` system (a catalog/hardware CPU id)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    until_year: int | None = None
    host: str


class SetupRules(BaseModel):
    """catalog/setups.yaml: see the comments there for what each rule means."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hybrid_cards: tuple[str, ...] = Field(min_length=1)
    small_hybrid_cards: tuple[str, ...] = ()
    # cards sold in one market only: never offered to buy (catalog/setups.yaml)
    regional_cards: frozenset[str] = frozenset()
    regional_cards_source: str | None = Field(default=None, pattern=r"^https?://")
    desktop_ram_gb: tuple[float, ...] = Field(min_length=1)
    desktop_ram_source: str = Field(pattern=r"^https?://")
    desk_cards: int = Field(ge=1)
    assumed_hosts: tuple[AssumedHost, ...] = ()
    assumed_hosts_source: str | None = Field(default=None, pattern=r"^https?://")
    server_host: str | None = None
    # a server's RAM sizes, tried where the RAM is said to be no limit (catalog/setups.yaml)
    server_ram_gb: tuple[float, ...] = ()
    server_ram_source: str | None = Field(default=None, pattern=r"^https?://")
    # a server's RAM over its cards' VRAM, where the cards hold more than a desktop's RAM
    server_ram_per_vram: float | None = Field(default=None, gt=0)
    server_ram_per_vram_sources: tuple[str, ...] = ()
    # a GPU box's RAM nobody said is at least its cards' VRAM (catalog/setups.yaml)
    cards_ram_at_least_vram: bool = False
    cards_ram_source: str | None = Field(default=None, pattern=r"^https?://")
    server_host_source: str | None = Field(default=None, pattern=r"^https?://")
    # said when most of a MoE's experts are read from system RAM (see catalog/setups.yaml)
    experts_in_ram_runtimes: str = ""
    experts_in_ram_runtimes_sources: tuple[str, ...] = ()
    experts_in_ram_min_channels: int = Field(default=4, ge=1)
    # datacenter cards are served in 8- or 16-bit formats (catalog/setups.yaml)
    server_weights_min_bpw: float | None = Field(default=None, gt=0)
    # ... and the formats a server loads from the model's own repo (catalog/setups.yaml)
    server_weight_formats: tuple[str, ...] = ()
    server_weights_sources: tuple[str, ...] = ()

    @field_validator("desktop_ram_gb")
    @classmethod
    def _ascending(cls, sizes: tuple[float, ...]) -> tuple[float, ...]:
        if list(sizes) != sorted(set(sizes)) or sizes[0] <= 0:
            raise ValueError("desktop_ram_gb must be positive sizes in ascending order")
        return sizes

    @field_validator("assumed_hosts")
    @classmethod
    def _last_takes_the_rest(cls, rows: tuple[AssumedHost, ...]) -> tuple[AssumedHost, ...]:
        years = [r.until_year for r in rows]
        if rows and (
            years[-1] is not None or None in years[:-1] or years[:-1] != sorted(years[:-1])
        ):
            raise ValueError("assumed_hosts: ascending until_year, the last rule without one")
        return rows


def cards_ram_gb(cat: Catalog, vram_gb: float, default_gb: float) -> float | None:
    """The system RAM a GPU box with this much VRAM over its cards is assumed to have when nobody
    said (catalog/setups.yaml cards_ram_at_least_vram): the smallest desktop size that holds the
    VRAM; past the largest desktop size a server's, the smallest server size that holds
    server_ram_per_vram times the VRAM (the largest beyond it); None where the default assumed RAM
    already does."""
    if vram_gb <= default_gb:
        return None
    rules = setup_rules(cat)
    if not rules.cards_ram_at_least_vram:
        return None
    desk = rules.desktop_ram_gb
    if vram_gb > desk[-1] and rules.server_ram_gb and rules.server_ram_per_vram:
        need = rules.server_ram_per_vram * vram_gb
        return next((x for x in rules.server_ram_gb if x >= need), rules.server_ram_gb[-1])
    return next((x for x in desk if x >= vram_gb), desk[-1])


def setup_rules(cat: Catalog) -> SetupRules:
    """The rules of the catalog's directory, or the default catalog's when it has none of its own
    (a catalog built in memory). A card the catalog lacks is skipped where it is used."""
    return rules_file(cat, FILE, SetupRules)
