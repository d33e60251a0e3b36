"""What a card's menus and buttons need to answer a click, packed into the component's custom_id.

Discord gives a component at most 100 characters of custom_id, and the bot keeps nothing else: a
click after a restart, a week later, or by someone who never used the bot is answered from the
custom_id alone (see bot/components.py). So the state of a card is small and typed here:

    FitState    one model on one setup, as /fit and the chat answer it
    ModelList   /bestmodel's question and page
    HardwareList /besthardware's question and page

and packed as `key value` pairs joined by ";" (`mqwen3-32b;hrtx-3090*2;q Q4_K_M` ...). Catalog ids
are written as they are; when that is too long, each model and device id becomes `~` and a short
hash of it (`~k3x9p`), looked up in the catalog when the click comes. A state that cannot be read
(an id the catalog no longer has, a card from an older format) raises StateError, which the click
answers with "run the command again".
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

CUSTOM_ID_MAX = 100
SEP = ";"
CARD_SEP = "+"
HASH_LEN = 5
# every value is catalog text or a number: these characters never occur in one
_VALUE = re.compile(r"^[A-Za-z0-9._\-~*@+ ,/!]*$")


# a Hugging Face repo id
_REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]*/[A-Za-z0-9][A-Za-z0-9._\-]*$")


class StateError(ValueError):
    """A custom_id this version cannot read."""


# --------------------------------------------------------------------------- ids and numbers


def to_base36(n: int) -> str:
    if n < 0:
        raise ValueError("negative")
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def from_base36(text: str) -> int:
    try:
        return int(text, 36)
    except ValueError:
        raise StateError(f"not a number: {text!r}") from None


def short_hash(entry_id: str) -> str:
    digest = hashlib.blake2s(entry_id.encode(), digest_size=8).digest()
    return to_base36(int.from_bytes(digest, "big"))[:HASH_LEN].rjust(HASH_LEN, "0")


_codes: dict[int, tuple[Any, dict[str, str]]] = {}


def hash_codes(catalog: Any) -> dict[str, str]:
    """short hash -> id, for the catalog's models and devices (built once per catalog). A hash
    two entries share is left out: those entries are then always written by id."""
    cached = _codes.get(id(catalog))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    seen: dict[str, str | None] = {}
    for entry_id in (*catalog.models, *catalog.hardware):
        code = short_hash(entry_id)
        seen[code] = None if code in seen else entry_id
    codes = {code: entry_id for code, entry_id in seen.items() if entry_id is not None}
    if len(_codes) > 4:  # a process holds one catalog; tests a few
        _codes.clear()
    _codes[id(catalog)] = (catalog, codes)
    return codes


def write_ref(entry_id: str, compact: bool, catalog: Any) -> str:
    if compact:
        code = short_hash(entry_id)
        if hash_codes(catalog).get(code) == entry_id:
            return "~" + code
    return entry_id


def read_ref(text: str, catalog: Any, kind: str) -> str:
    if text.startswith("~"):
        entry_id = hash_codes(catalog).get(text[1:])
        if entry_id is None:
            raise StateError(f"unknown {kind} code {text!r}")
        return entry_id
    return text


def choices(kind: str, catalog: Any) -> tuple[str, ...]:
    """Every value a choice field can take: written compactly as its shortest unambiguous prefix
    among them ("interactive" -> "i"), and read back from a prefix only when one value has it."""
    if kind == "workload":
        return tuple(catalog.workloads)
    if kind == "mode":
        from fitengine.grade import MODES

        return tuple(MODES)
    if kind == "kv":
        return tuple(catalog.kv_types)
    from fitengine.speed import BACKENDS

    return tuple(BACKENDS)


def write_choice(value: str, compact: bool, universe: tuple[str, ...]) -> str:
    if not compact or value not in universe:
        return value
    for n in range(1, len(value)):
        prefix = value[:n]
        if sum(1 for v in universe if v.startswith(prefix)) == 1:
            return "!" + prefix
    return value


def read_choice(text: str, universe: tuple[str, ...]) -> str:
    if not text.startswith("!"):
        return text
    found = [v for v in universe if v.startswith(text[1:])]
    if len(found) != 1:
        raise StateError(f"{text!r} no longer names one value")
    return found[0]


def fmt_num(value: float) -> str:
    return f"{value:g}"


def read_num(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise StateError(f"not a number: {text!r}") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise StateError("not a finite number")
    return value


def fmt_tokens(n: int) -> str:
    return f"{n // 1024}k" if n % 1024 == 0 and n else str(n)


def read_tokens(text: str) -> int:
    try:
        return int(text[:-1]) * 1024 if text.endswith("k") else int(text)
    except ValueError:
        raise StateError(f"not a token count: {text!r}") from None


def pack(fields: Iterable[tuple[str, str]]) -> str:
    parts = []
    for key, value in fields:
        if len(key) != 1 or SEP in value or not _VALUE.match(value):
            raise ValueError(f"cannot pack {key}={value!r}")
        parts.append(key + value)
    return SEP.join(parts)


def unpack(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in text.split(SEP) if text else []:
        if not part:
            raise StateError("empty field")
        out[part[0]] = part[1:]
    return out


# --------------------------------------------------------------------------- a setup


@dataclasses.dataclass(frozen=True)
class Card:
    """Devices of one kind in a setup: `count` of them, each with `vram_gb` of memory (as sold;
    None: the catalog's default size)."""

    id: str
    count: int = 1
    vram_gb: float | None = None

    def write(self, compact: bool, catalog: Any) -> str:
        text = write_ref(self.id, compact, catalog)
        if self.count != 1:
            text += f"*{self.count}"
        if self.vram_gb is not None:
            text += f"@{fmt_num(self.vram_gb)}"
        return text

    @classmethod
    def read(cls, text: str, catalog: Any) -> Card:
        m = re.fullmatch(r"([^*@]+)(?:\*(\d{1,3}))?(?:@([0-9.]+))?", text)
        if not m:
            raise StateError(f"not a device: {text!r}")
        entry_id = read_ref(m.group(1), catalog, "hardware")
        if entry_id not in catalog.hardware:
            raise StateError(f"unknown hardware {entry_id!r}")
        count = int(m.group(2)) if m.group(2) else 1
        vram = read_num(m.group(3)) if m.group(3) else None
        if count < 1:
            raise StateError("a count below 1")
        return cls(entry_id, count, vram)


def write_cards(cards: Iterable[Card], compact: bool, catalog: Any) -> str:
    return CARD_SEP.join(c.write(compact, catalog) for c in cards)


def read_cards(text: str, catalog: Any) -> tuple[Card, ...]:
    return tuple(Card.read(part, catalog) for part in text.split(CARD_SEP) if part)


# --------------------------------------------------------------------------- states


class _State:
    """Shared packing: subclasses list (key, attribute, kind) in KEYS."""

    KEYS: ClassVar[tuple[tuple[str, str, str], ...]] = ()

    def fields(self, compact: bool, catalog: Any) -> list[tuple[str, str]]:
        out = []
        for key, attr, kind in self.KEYS:
            value = getattr(self, attr)
            if value is None or value == () or value is False:
                continue
            if kind == "model":
                out.append((key, write_ref(value, compact, catalog)))
            elif kind == "cards":
                out.append((key, write_cards(value, compact, catalog)))
            elif kind == "num":
                out.append((key, fmt_num(value)))
            elif kind == "tokens":
                out.append((key, fmt_tokens(value)))
            elif kind == "int":
                out.append((key, str(value)))
            elif kind == "flag":
                out.append((key, ""))
            elif kind == "list":
                out.append((key, ",".join(value)))
            elif kind in CHOICE_KINDS:
                out.append((key, write_choice(value, compact, choices(kind, catalog))))
            else:
                out.append((key, str(value)))
        return out

    def pack(self, catalog: Any, room: int = CUSTOM_ID_MAX, without: str | None = None) -> str:
        """The packed state, within `room` characters: ids as written when they fit, else as
        short hashes. ValueError when even that is too long. `without` leaves out one key (a
        menu's own value comes with the click)."""
        for compact in (False, True):
            fields = [f for f in self.fields(compact, catalog) if f[0] != without]
            text = pack(fields)
            if len(text) <= room:
                return text
        raise ValueError(f"state too long for a custom_id ({len(text)} > {room})")

    @classmethod
    def unpack(cls, text: str, catalog: Any, **extra: str) -> Any:
        """The state a custom_id carries; `extra` adds fields by attribute name (a menu's pick)."""
        raw = unpack(text)
        values: dict[str, Any] = {}
        keys = {key: (attr, kind) for key, attr, kind in cls.KEYS}
        by_attr = {attr: key for key, attr, _ in cls.KEYS}
        for attr, value in extra.items():
            raw[by_attr[attr]] = value
        for key, value in raw.items():
            if key not in keys:
                raise StateError(f"unknown field {key!r}")
            attr, kind = keys[key]
            values[attr] = _read(kind, value, catalog)
        try:
            return cls(**values)
        except TypeError as exc:
            raise StateError(str(exc)) from None


def _read(kind: str, value: str, catalog: Any) -> Any:
    if kind == "model":
        entry_id = read_ref(value, catalog, "model")
        if entry_id not in catalog.models and not _REPO.match(entry_id):
            raise StateError(f"unknown model {entry_id!r}")
        return entry_id  # a catalog id, or a Hugging Face repo (owner/name) the engine reads
    if kind == "cards":
        return read_cards(value, catalog)
    if kind == "num":
        return read_num(value)
    if kind == "tokens":
        return read_tokens(value)
    if kind == "int":
        try:
            return int(value)
        except ValueError:
            raise StateError(f"not a whole number: {value!r}") from None
    if kind == "flag":
        return True
    if kind == "list":
        return tuple(v for v in value.split(",") if v)
    if kind in CHOICE_KINDS:
        return read_choice(value, choices(kind, catalog))
    return value


CHOICE_KINDS = ("workload", "mode", "kv", "backend")


@dataclasses.dataclass(frozen=True)
class FitState(_State):
    """One model on one setup: what analyze() is called with. `cards` empty and `vram_gb` set is
    "a GPU with that much memory"; several cards are a mixed rig."""

    model: str
    cards: tuple[Card, ...] = ()
    vram_gb: float | None = None
    ram_gb: float | None = None
    quant: str | None = None
    context: int | None = None
    kv_type: str | None = None
    workload: str | None = None
    mode: str | None = None
    backend: str | None = None

    KEYS: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("m", "model", "model"),
        ("h", "cards", "cards"),
        ("v", "vram_gb", "num"),
        ("r", "ram_gb", "num"),
        ("q", "quant", "text"),
        ("c", "context", "tokens"),
        ("k", "kv_type", "kv"),
        ("w", "workload", "workload"),
        ("o", "mode", "mode"),
        ("b", "backend", "backend"),
    )

    def replace(self, **changes: Any) -> FitState:
        return dataclasses.replace(self, **changes)

    def analyze_args(self) -> tuple[str, str | None, dict[str, Any]]:
        """(model, hardware, keyword arguments) for fitengine.analyze."""
        kw: dict[str, Any] = {
            "ram_gb": self.ram_gb,
            "quant": self.quant,
            "context": self.context,
            "kv_type": self.kv_type,
            "workload": self.workload,
            "mode": self.mode,
            "backend": self.backend,
        }
        hardware: str | None = None
        if len(self.cards) >= 2:
            kw["setup"] = [(c.id, c.count, c.vram_gb) for c in self.cards]
        elif self.cards:
            card = self.cards[0]
            hardware = card.id
            kw["gpus"] = card.count
            kw["vram_gb"] = card.vram_gb
        else:
            kw["vram_gb"] = self.vram_gb
        return self.model, hardware, {k: v for k, v in kw.items() if v is not None}

    @classmethod
    def from_report(cls, report: Any, catalog: Any, **pinned: Any) -> FitState:
        """The state that reproduces `report`: its model and setup, and what the person pinned
        (quant, context, workload, mode, ram_gb, kv_type, backend: None leaves it to the engine)."""
        said = not any(a.what == "memory" for a in getattr(report, "assumed", ()))
        setup = setup_of(report.hardware, catalog, memory_said=said)
        return cls(model=report.model.id, **setup, **pinned)


def setup_of(hw: Any, catalog: Any, *, memory_said: bool = False) -> dict[str, Any]:
    """`cards` / `vram_gb` for a report's hardware: its parts (a mixed rig), a catalog device and
    its count (with its memory when that is not the catalog's default size, or was said for a
    device sold in several sizes), or a generic GPU."""
    if hw.parts:
        return {
            "cards": tuple(
                _card(p.id, p.count, p.memory_gb, catalog, memory_said) for p in hw.parts
            )
        }
    if hw.id in catalog.hardware:
        return {"cards": (_card(hw.id, hw.count, hw.memory_gb, catalog, memory_said),)}
    return {"vram_gb": hw.memory_gb}


def _card(entry_id: str, count: int, memory_gb: float, catalog: Any, said: bool) -> Card:
    entry = catalog.hardware.get(entry_id)
    default = entry.memory_gb if entry is not None else None
    sizes = bool(entry is not None and entry.memory_options_gb)
    same = default is not None and abs(memory_gb - default) < 0.01
    return Card(entry_id, max(1, count or 1), None if same and not (said and sizes) else memory_gb)


@dataclasses.dataclass(frozen=True)
class ModelList(_State):
    """/bestmodel: the best models for a setup, one page of them."""

    cards: tuple[Card, ...] = ()
    vram_gb: float | None = None
    ram_gb: float | None = None
    workload: str | None = None
    context: int | None = None
    task: str | None = None
    order: str | None = None
    tags: tuple[str, ...] = ()
    page: int = 0

    KEYS: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("h", "cards", "cards"),
        ("v", "vram_gb", "num"),
        ("r", "ram_gb", "num"),
        ("w", "workload", "workload"),
        ("c", "context", "tokens"),
        ("s", "task", "text"),
        ("o", "order", "text"),
        ("t", "tags", "list"),
        ("p", "page", "int"),
    )

    def replace(self, **changes: Any) -> ModelList:
        return dataclasses.replace(self, **changes)

    def fit_state(self, model_id: str) -> FitState:
        return FitState(
            model=model_id,
            cards=self.cards,
            vram_gb=self.vram_gb,
            ram_gb=self.ram_gb,
            workload=self.workload,
            context=self.context,
        )


@dataclasses.dataclass(frozen=True)
class HardwareList(_State):
    """/besthardware: the setups that run a model, one page of them."""

    model: str
    quant: str | None = None
    context: int | None = None
    workload: str | None = None
    order: str | None = None  # "price": cheapest first
    consumer_only: bool = False
    page: int = 0

    KEYS: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("m", "model", "model"),
        ("q", "quant", "text"),
        ("c", "context", "tokens"),
        ("w", "workload", "workload"),
        ("o", "order", "text"),
        ("u", "consumer_only", "flag"),
        ("p", "page", "int"),
    )

    def replace(self, **changes: Any) -> HardwareList:
        return dataclasses.replace(self, **changes)


def drop_none(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}
