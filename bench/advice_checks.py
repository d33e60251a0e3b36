"""The advice benchmark's vocabulary: the question file's schema and one small named check per
key of a question's `expect:`.

A check reads canirun's answer (`fitengine.answers.Answer`: `.intent`, `.reports`, `.message`) and
the catalog, and returns an Outcome:

- pass / fail: what a practitioner would accept, or not (the detail says what was seen);
- needs_entry: it failed, and models it expects are not in the catalog yet (listed as pending in
  the question file), so a catalog addition may be what is missing;
- needs_field: the check reads a field the engine does not have yet (e.g. `Report.assumed`); it
  counts as a failure and names the field.

The checks are written against the answer the way a user sees it and against catalog facts, never
against the engine's own scores, so the benchmark stays an independent examiner.
"""

from __future__ import annotations

import fnmatch
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Status = Literal["pass", "fail", "needs_entry", "needs_field"]

# fields of the engine's answer these checks read and the engine does not have yet
FIELD_ASSUMED = (
    "Report.assumed (list of {what, value, effect}: an assumption the verdict depends on)"
)
FIELD_NEXT_STEP = "Report.next_steps ([{kind, text, ...}]: the nearest things that do run)"
FIELD_PRICE = "Hardware.launch_price_usd (catalog, with its source)"
PRICE_FIELDS = ("launch_price_usd", "price_usd", "launch_price")

ROUTES = (
    "consumer_gpu",
    "multi_consumer_gpu",
    "hybrid",
    "apple",
    "unified",
    "cpu",
    "workstation",
    "datacenter",
)
CONSUMER_ROUTES = ("consumer_gpu", "multi_consumer_gpu", "hybrid", "apple", "unified", "cpu")
NEXT_STEP_KINDS = (
    "smaller_quant",
    "kv_type",
    "offload",
    "more_ram",
    "more_gpus",
    "smaller_sibling",
    "newer_release",
    "other_model",
    "shorter_context",
)
ASSUMPTION_KINDS = ("ram", "gpus", "memory", "hardware", "context", "quant")

TOP_ANY = 3  # "one of these in the first 3 results"
TOP_EXCLUDE = 5  # "none of these in the first 5"
TOP_HARDWARE = 3
ROUTE_WINDOW = 10  # routes a hardware answer should offer, among its first 10 setups
ORDER_WINDOW = 6  # setups of a "cheapest" answer that must be in price order
OFFLOAD_FILL = 0.75  # with weights left in RAM, every GPU should be at least this full


# --------------------------------------------------------------------------- the question file


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Reference(_Strict):
    url: str = Field(pattern=r"^https?://")
    says: str  # what the page supports, in a sentence (figures quoted as the page gives them)


class TopNTag(_Strict):
    n: int = Field(ge=1, le=10)
    tag: str


class TopNPlacement(_Strict):
    n: int = Field(ge=1, le=10)
    kinds: list[str]


class QuantLabel(_Strict):
    quant: str
    labels: list[str] = Field(min_length=1)


class Expect(_Strict):
    """Every key is one check (see CHECKS); a question sets at least one."""

    intent_in: list[str] | None = None
    top_models_any: list[str] | None = None
    top_models_exclude: list[str] | None = None
    min_release: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}$")
    top_min_params_b: float | None = None
    top_max_params_b: float | None = None
    top_tags_any: list[str] | None = None
    top_n_tag: TopNTag | None = None
    answer_models_any: list[str] | None = None
    placement_in: list[str] | None = None
    any_placement_in_top: TopNPlacement | None = None
    fit_in: list[str] | None = None
    fit_not_in: list[str] | None = None
    quant_in: list[str] | None = None
    quant_not_in: list[str] | None = None
    quant_min_bpw: float | None = None
    # the quant table of the first report: the row of the format the model was released in
    # comes first, marked native; a row's quality label (for this model) is one of these
    native_quant_first: bool | None = None
    quant_label_in: QuantLabel | None = None
    kv_type_in: list[str] | None = None
    context_at_least: int | None = None
    safe_context_at_least: int | None = None
    decode_at_least: float | None = None
    # the mirror: an estimate far above a speed the source measured is as wrong as one below it
    decode_at_most: float | None = None
    command_contains: list[str] | None = None
    # asked of a GPU server (vLLM, SGLang): its command (commands.server) has each of these
    server_command_contains: list[str] | None = None
    mentions: list[str] | None = None
    mentions_any: list[str] | None = None
    mentions_re: list[str] | None = None
    not_mentions: list[str] | None = None
    must_state_assumption: list[str] | None = None
    next_step_any: list[str] | None = None
    # "too slow / won't fit, what now": one of these models among those the next steps name
    next_step_models_any: list[str] | None = None
    gpu_count: int | None = None
    fills_all_gpus: bool | None = None
    same_quant: bool | None = None
    faster_is: str | None = None
    report_count_at_least: int | None = None
    hardware_top_any: list[str] | None = None
    hardware_exclude_top: list[str] | None = None
    hardware_order: Literal["price"] | None = None
    consumer_first: bool | None = None
    hardware_routes_include: list[str] | None = None
    hardware_max_price: float | None = None  # "under $1000": no device listed costs more
    # upgrade and "build A or build B" questions: whole machines, `rtx-3090+rtx-5090`,
    # `2x rtx-4070`, `rtx-4070@96` (with 96 GB of system RAM)
    rigs_compared: list[str] | None = None  # each of these machines has a report
    rigs_run: list[str] | None = None  # ... and runs the model there (not a won't-fit)
    fastest_rig: str | None = None  # the machine that decodes fastest, exactly
    pick_is: str | None = None  # the option the answer picks: a machine, or "none"

    def set_keys(self) -> list[str]:
        return [k for k in type(self).model_fields if getattr(self, k) is not None]


class Question(_Strict):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    cls: str = Field(alias="class")
    text: str = Field(min_length=3)
    written: bool  # true: written in the style of real posts; false: taken from `origin`
    origin: str | None = Field(default=None, pattern=r"^https?://")
    answer: str = Field(min_length=10)  # what a practitioner would answer, in words
    names: list[str] = []  # catalog ids of the models the question names (checked: named_models)
    # the setups it names, `2x rtx-3090`, `a|b` for either (checked: named_hardware)
    hardware: list[str] = []
    expect: Expect
    sources: list[str] = Field(min_length=1)  # reference names (see `references:`) or URLs

    @model_validator(mode="after")
    def _checked(self) -> Question:
        if not self.expect.set_keys():
            raise ValueError(f"{self.id}: no expectation set")
        if not self.written and not self.origin:
            raise ValueError(f"{self.id}: a question taken from a post needs its `origin`")
        return self


class Pending(_Strict):
    """Catalog ids the expectations use that the catalog does not have yet (being added)."""

    models: list[str] = []
    hardware: list[str] = []


class BenchFile(_Strict):
    classes: dict[str, str]
    tags: list[str] = []
    groups: dict[str, list[str]] = {}
    pending: Pending = Pending()
    invariants: list[str] = []
    references: dict[str, Reference]
    questions: list[Question]


# --------------------------------------------------------------------------- outcomes


@dataclass(frozen=True)
class Outcome:
    check: str
    status: Status
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "pass"


class _NeedsField(Exception):
    pass


@dataclass
class Ctx:
    """One question's answer with what the checks need to read it."""

    answer: Any
    catalog: Any
    bench: BenchFile
    rendered: str = ""
    _pending: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._pending = set(self.bench.pending.models) | set(self.bench.pending.hardware)

    # ---- reports
    @property
    def reports(self) -> list:
        return list(getattr(self.answer, "reports", None) or [])

    def top(self):
        rs = self.reports
        if not rs:
            raise _Fail(f"no report (intent {getattr(self.answer, 'intent', '?')})")
        return rs[0]

    def top_models(self, n: int) -> list[str]:
        seen: list[str] = []
        for r in self.reports:
            if r.model.id not in seen:
                seen.append(r.model.id)
            if len(seen) == n:
                break
        return seen

    # ---- ids
    def expand_models(self, specs: Iterable[str]) -> tuple[list[str], list[str]]:
        """(ids in the catalog, pending ids) named by exact ids, globs and @groups."""
        return self._expand(specs, set(self.catalog.models))

    def _expand(self, specs: Iterable[str], known: set[str]) -> tuple[list[str], list[str]]:
        present: list[str] = []
        pending: list[str] = []
        for spec in specs:
            if spec.startswith("@"):
                sub_p, sub_q = self._expand(self.bench.groups.get(spec[1:], []), known)
                present += sub_p
                pending += sub_q
                continue
            pool = known | self._pending
            names = fnmatch.filter(sorted(pool), spec) if _is_glob(spec) else [spec]
            for name in names:
                (present if name in known else pending).append(name)
        return _unique(present), _unique(pending)

    def model(self, model_id: str):
        return self.catalog.models.get(model_id)

    def hardware(self, hw_id: str):
        return self.catalog.hardware.get(hw_id)


class _Fail(Exception):
    pass


def _is_glob(s: str) -> bool:
    return any(c in s for c in "*?[")


def _unique(xs: list[str]) -> list[str]:
    return list(dict.fromkeys(xs))


def _match_any(value: str, patterns: Iterable[str]) -> bool:
    v = value.upper()
    return any(fnmatch.fnmatchcase(v, p.upper()) for p in patterns)


def _hw_spec(spec: str) -> tuple[int | None, str]:
    """ "2x rtx-3090" -> (2, "rtx-3090"); "rtx-3090" -> (None, "rtx-3090")."""
    m = re.match(r"^(\d+)x\s+(\S+)$", spec.strip())
    return (int(m.group(1)), m.group(2)) if m else (None, spec.strip())


def _hw_label(r) -> str:
    parts = getattr(r.hardware, "parts", None)
    if parts:  # a mixed rig: its cards, "rx-9070-xt + rtx-3060-ti"
        return " + ".join(f"{p.count}x {p.id}" if p.count > 1 else p.id for p in parts)
    return f"{r.hardware.count}x {r.hardware.id}" if r.hardware.count > 1 else r.hardware.id


def _hw_matches(r, spec: str) -> bool:
    count, hw_id = _hw_spec(spec)
    parts = getattr(r.hardware, "parts", None)
    if parts:  # a mixed rig matches each kind of card it has
        return any(
            fnmatch.fnmatchcase(p.id, hw_id) and (count is None or p.count == count) for p in parts
        )
    if not fnmatch.fnmatchcase(r.hardware.id, hw_id):
        return False
    return count is None or r.hardware.count == count


def route_of(r, catalog) -> str:
    """How a setup runs the model, from catalog facts and the placement (not the engine's label)."""
    hw = catalog.hardware.get(r.hardware.id)
    kind = hw.kind if hw else r.hardware.kind
    form = hw.form if hw else "desktop"
    if kind == "apple":
        return "apple"
    if kind in ("unified", "igpu"):
        return "unified"
    if kind == "cpu":
        return "cpu"
    if form in ("datacenter", "server"):
        return "datacenter"
    if form == "workstation":
        return "workstation"
    if r.placement.kind in ("moe_offload", "partial_offload"):
        return "hybrid"
    return "multi_consumer_gpu" if r.hardware.count > 1 else "consumer_gpu"


def _bpw(r, catalog) -> float | None:
    for row in r.quants:
        if row.quant == r.quant:
            return row.bpw
    qt = catalog.quants.get(r.quant) if hasattr(catalog, "quants") else None
    return qt.bpw if qt else None


def _price(catalog, hw_id: str, memory_gb: float | None = None) -> float | None:
    """What the card costs to buy: its launch price (its street price where a new one sells
    above it, the catalog's street_price_usd), or its used street price where the catalog has
    one and it is lower (a used 3090 is what "cheapest" means to the community). A Mac or
    Strix Halo box is priced as configured: a 32 GB Mac mini costs more than the 16 GB one."""
    hw = catalog.hardware.get(hw_id)
    if hw is not None and memory_gb is not None and getattr(hw, "memory_prices_usd", None):
        return hw.price_for(memory_gb)
    launch = getattr(hw, "street_price_usd", None) if hw else None
    launch = launch or next(
        (float(v) for name in PRICE_FIELDS if (v := getattr(hw, name, None) if hw else None)),
        None,
    )
    used = getattr(hw, "used_price_usd", None) if hw else None
    known = [p for p in (launch, used) if p is not None]
    return min(known) if known else None


def _price_field_exists(catalog) -> bool:
    any_hw = next(iter(catalog.hardware.values()), None)
    fields = getattr(type(any_hw), "model_fields", {}) if any_hw is not None else {}
    return any(name in fields for name in PRICE_FIELDS)


def _field(obj, name: str, needed: str):
    if obj is None or not hasattr(obj, name):
        raise _NeedsField(needed)
    return getattr(obj, name)


def _kind_of(item) -> str:
    """An assumption or next step as the engine may give it: an object, a dict or a string."""
    for attr in ("what", "kind"):
        value = getattr(item, attr, None)
        if value is None and isinstance(item, dict):
            value = item.get(attr)
        if value is not None:
            return str(value)
    return str(item)


# --------------------------------------------------------------------------- checks
# Each check returns a detail string on success and raises _Fail / _NeedsField otherwise.


def _want_models(ctx: Ctx, specs: list[str], got: list[str], what: str) -> str:
    present, pending = ctx.expand_models(specs)
    if any(g in present for g in got):
        return f"{what} {got}"
    msg = f"{what} {got}; want one of {present or '[]'}"
    if pending:
        raise _NeedsEntryFail(msg + f" (not in the catalog yet: {pending})")
    raise _Fail(msg)


class _NeedsEntryFail(Exception):
    pass


def check_intent_in(ctx: Ctx, value: list[str]) -> str:
    intent = getattr(ctx.answer, "intent", None)
    if intent not in value:
        raise _Fail(f"intent {intent!r}, want {value}")
    return f"intent {intent}"


def check_top_models_any(ctx: Ctx, value: list[str]) -> str:
    return _want_models(ctx, value, ctx.top_models(TOP_ANY), "first 3")


def check_top_models_exclude(ctx: Ctx, value: list[str]) -> str:
    present, _ = ctx.expand_models(value)
    got = ctx.top_models(TOP_EXCLUDE)
    bad = [g for g in got if g in present]
    if bad:
        raise _Fail(f"first 5 {got} include {bad}")
    return f"first 5 {got}"


def check_min_release(ctx: Ctx, value: str) -> str:
    r = ctx.top()
    m = ctx.model(r.model.id)
    released = getattr(m, "released", None)
    if not released:
        raise _Fail(f"{r.model.id}: release date not in the catalog")
    if released[:7] < value:
        raise _Fail(f"{r.model.id} released {released}, want {value} or later")
    return f"{r.model.id} released {released}"


def check_top_min_params_b(ctx: Ctx, value: float) -> str:
    r = ctx.top()
    if r.model.params_b < value:
        raise _Fail(f"{r.model.id} has {r.model.params_b:g}B, want at least {value:g}B")
    return f"{r.model.id} {r.model.params_b:g}B"


def check_top_max_params_b(ctx: Ctx, value: float) -> str:
    r = ctx.top()
    if r.model.params_b > value:
        raise _Fail(f"{r.model.id} has {r.model.params_b:g}B, want at most {value:g}B")
    return f"{r.model.id} {r.model.params_b:g}B"


def _tags(ctx: Ctx, model_id: str) -> list[str]:
    m = ctx.model(model_id)
    return list(getattr(m, "tags", []) or [])


def check_top_tags_any(ctx: Ctx, value: list[str]) -> str:
    r = ctx.top()
    tags = _tags(ctx, r.model.id)
    if not set(tags) & set(value):
        raise _Fail(f"{r.model.id} tags {tags}, want one of {value}")
    return f"{r.model.id} tags {tags}"


def check_top_n_tag(ctx: Ctx, value: TopNTag) -> str:
    got = ctx.top_models(value.n)
    if len(got) < value.n:
        raise _Fail(f"only {len(got)} models in the answer, want {value.n}")
    missing = [g for g in got if value.tag not in _tags(ctx, g)]
    if missing:
        raise _Fail(f"first {value.n} {got}: {missing} not tagged {value.tag}")
    return f"first {value.n} tagged {value.tag}"


def check_answer_models_any(ctx: Ctx, value: list[str]) -> str:
    got = _unique([r.model.id for r in ctx.reports])
    return _want_models(ctx, value, got, "models")


def check_placement_in(ctx: Ctx, value: list[str]) -> str:
    r = ctx.top()
    if r.placement.kind not in value:
        raise _Fail(f"{r.model.id} placed {r.placement.kind}, want {value}")
    return f"placement {r.placement.kind}"


def check_any_placement_in_top(ctx: Ctx, value: TopNPlacement) -> str:
    got = [(r.model.id, r.placement.kind) for r in ctx.reports[: value.n]]
    if not any(kind in value.kinds for _, kind in got):
        raise _Fail(f"first {value.n} placements {got}, want one {value.kinds}")
    return f"first {value.n} placements {[k for _, k in got]}"


def check_fit_in(ctx: Ctx, value: list[str]) -> str:
    r = ctx.top()
    if r.fit not in value:
        raise _Fail(f"{r.model.id} fit {r.fit} at {r.quant}, want {value}")
    return f"fit {r.fit}"


def check_fit_not_in(ctx: Ctx, value: list[str]) -> str:
    r = ctx.top()
    if r.fit in value:
        raise _Fail(f"{r.model.id} fit {r.fit} at {r.quant}, want none of {value}")
    return f"fit {r.fit}"


def check_quant_in(ctx: Ctx, value: list[str]) -> str:
    r = ctx.top()
    if not _match_any(r.quant, value):
        raise _Fail(f"{r.model.id} at {r.quant}, want {value}")
    return f"quant {r.quant}"


def check_quant_not_in(ctx: Ctx, value: list[str]) -> str:
    r = ctx.top()
    if _match_any(r.quant, value):
        raise _Fail(f"{r.model.id} at {r.quant}, want none of {value}")
    return f"quant {r.quant}"


def check_quant_min_bpw(ctx: Ctx, value: float) -> str:
    r = ctx.top()
    bpw = _bpw(r, ctx.catalog)
    if bpw is None:
        raise _Fail(f"{r.quant}: bits per weight unknown")
    if bpw < value and not _of_level(r.quant, value):
        raise _Fail(f"{r.model.id} at {r.quant} ({bpw:g} bpw), want at least {value:g} bpw")
    return f"{r.quant} {bpw:g} bpw"


def _of_level(quant: str, value: float) -> bool:
    """A whole number of bits asked ("at least 4-bit") is met by a file whose name says that level
    or more, as people read it: IQ4_XS and unsloth's UD-IQ4_XS of a big MoE (3.9-4.3 bpw) are
    4-bit files (catalog.bit_level)."""
    from fitengine.catalog import bit_level

    level = bit_level(quant)
    return value.is_integer() and level is not None and int(level) >= value


def check_native_quant_first(ctx: Ctx, value: bool) -> str:
    r = ctx.top()
    rows = _field(r, "quants", "the report's quant table")
    first = rows[0] if rows else None
    native = bool(first is not None and _field(first, "native", "QuantRow.native"))
    if native != value:
        raise _Fail(f"{r.model.id}: first row {first.quant if first else None} native={native}")
    return f"first row {first.quant if first else None} ({first.label if first else ''})"


def check_quant_label_in(ctx: Ctx, value: QuantLabel) -> str:
    r = ctx.top()
    row = next(
        (q for q in _field(r, "quants", "the report's quant table") if q.quant == value.quant), None
    )
    if row is None:
        raise _Fail(f"{r.model.id}: no {value.quant} row")
    if row.label not in value.labels:
        raise _Fail(f"{r.model.id} {value.quant}: {row.label} ({row.quality}), want {value.labels}")
    return f"{value.quant} {row.label} ({row.quality})"


def check_kv_type_in(ctx: Ctx, value: list[str]) -> str:
    r = ctx.top()
    if r.kv_type not in value:
        raise _Fail(f"KV cache {r.kv_type}, want {value}")
    return f"KV {r.kv_type}"


def check_context_at_least(ctx: Ctx, value: int) -> str:
    r = ctx.top()
    if r.context < value:
        raise _Fail(f"context {r.context:,}, want at least {value:,}")
    return f"context {r.context:,}"


def check_safe_context_at_least(ctx: Ctx, value: int) -> str:
    r = ctx.top()
    if r.safe_context < value:
        raise _Fail(f"safe context {r.safe_context:,}, want at least {value:,}")
    return f"safe context {r.safe_context:,}"


def check_decode_at_least(ctx: Ctx, value: float) -> str:
    r = ctx.top()
    if r.decode_tok_s is None or r.decode_tok_s < value:
        raise _Fail(f"{r.model.id} decodes {r.decode_tok_s} tok/s, want at least {value:g}")
    return f"{r.decode_tok_s:.0f} tok/s"


def check_decode_at_most(ctx: Ctx, value: float) -> str:
    r = ctx.top()
    if r.decode_tok_s is None:
        raise _Fail(f"{r.model.id} has no decode speed (fit {r.fit}), want at most {value:g}")
    if r.decode_tok_s > value:
        raise _Fail(f"{r.model.id} decodes {r.decode_tok_s} tok/s, want at most {value:g}")
    return f"{r.decode_tok_s:.0f} tok/s"


def check_command_contains(ctx: Ctx, value: list[str]) -> str:
    cmd = ctx.top().commands.llama_cpp or ""
    missing = [v for v in value if v not in cmd]
    if missing:
        raise _Fail(f"command lacks {missing}: {cmd}")
    return "command has " + ", ".join(value)


def check_server_command_contains(ctx: Ctx, value: list[str]) -> str:
    cmd = ctx.top().commands.server or ""
    missing = [v for v in value if v not in cmd]
    if missing:
        raise _Fail(f"server command lacks {missing}: {cmd or 'none'}")
    return "server command has " + ", ".join(value)


def check_mentions(ctx: Ctx, value: list[str]) -> str:
    text = ctx.rendered.lower()
    missing = [v for v in value if v.lower() not in text]
    if missing:
        raise _Fail(f"the answer never says {missing}")
    return f"says {value}"


def check_mentions_any(ctx: Ctx, value: list[str]) -> str:
    text = ctx.rendered.lower()
    said = [v for v in value if v.lower() in text]
    if not said:
        raise _Fail(f"the answer says none of {value}")
    return f"says {said}"


def check_mentions_re(ctx: Ctx, value: list[str]) -> str:
    missing = [v for v in value if not re.search(v, ctx.rendered, re.IGNORECASE)]
    if missing:
        raise _Fail(f"the answer matches none of {missing}")
    return f"matches {value}"


def check_not_mentions(ctx: Ctx, value: list[str]) -> str:
    text = ctx.rendered.lower()
    said = [v for v in value if v.lower() in text]
    if said:
        raise _Fail(f"the answer says {said}")
    return f"does not say {value}"


def check_must_state_assumption(ctx: Ctx, value: list[str]) -> str:
    """The answer names each assumption its verdict depends on (RAM, GPU count, memory size...) in
    a structured field, so the card can say what changes with more."""
    stated: list[str] = []
    holders = [ctx.answer, *ctx.reports[:1]]
    found_field = False
    for holder in holders:
        if hasattr(holder, "assumed"):
            found_field = True
            stated += [_kind_of(a) for a in holder.assumed or []]
    if not found_field:
        raise _NeedsField(FIELD_ASSUMED)
    if _cpu_only(ctx):
        # a CPU-only machine's memory is its system RAM: "ram" and "memory" name one assumption
        # (questions write either; the engine says "memory", the size of the device's memory)
        stated += [{"ram": "memory", "memory": "ram"}.get(s, s) for s in stated]
    missing = [v for v in value if not any(s.startswith(v) for s in stated)]
    if missing:
        raise _Fail(f"assumed {stated}, but not {missing}")
    return f"assumed {stated}"


def _cpu_only(ctx: Ctx) -> bool:
    """The first report runs on a CPU alone (a catalog device of kind cpu)."""
    r = ctx.reports[0] if ctx.reports else None
    dev = ctx.catalog.hardware.get(r.hardware.id) if r is not None else None
    return dev is not None and dev.kind == "cpu"


def check_next_step_any(ctx: Ctx, value: list[str]) -> str:
    r = ctx.top()
    step = getattr(ctx.answer, "next_steps", None) or _field(r, "next_steps", FIELD_NEXT_STEP)
    steps = step if isinstance(step, list) else [step] if step else []
    kinds = [_kind_of(s) for s in steps]
    if not set(kinds) & set(value):
        raise _Fail(f"next step {kinds or 'none'}, want one of {value}")
    return f"next step {kinds}"


def check_next_step_models_any(ctx: Ctx, value: list[str]) -> str:
    steps = _field(ctx.top(), "next_steps", FIELD_NEXT_STEP) or []
    got = _unique([m for s in steps if (m := getattr(s, "model_id", None))])
    return _want_models(ctx, value, got, "next steps name")


def check_gpu_count(ctx: Ctx, value: int) -> str:
    r = ctx.top()
    if r.hardware.count != value:
        raise _Fail(f"{r.hardware.count} GPU(s), want {value}")
    return f"{value} GPUs"


def check_fills_all_gpus(ctx: Ctx, value: bool) -> str:
    """With weights left in RAM every GPU is nearly full; with everything on the GPUs, each holds
    a share (llama.cpp's --n-cpu-moe with --tensor-split, not all of it on the last card)."""
    r = ctx.top()
    gpus = [d for d in r.placement.devices if d.name != "RAM"]
    if not gpus:
        raise _Fail(f"no GPU in the placement ({r.placement.kind})")
    if r.placement.kind in ("moe_offload", "partial_offload"):
        low = [d.name for d in gpus if d.total_gb < OFFLOAD_FILL * d.available_gb]
        if low:
            use = ", ".join(f"{d.name} {d.total_gb:.1f}/{d.available_gb:.1f}" for d in gpus)
            raise _Fail(f"weights left in RAM while {low} stay under {OFFLOAD_FILL:.0%}: {use}")
    else:
        empty = [d.name for d in gpus if d.weights_gb <= 0]
        if empty:
            raise _Fail(f"{empty} hold no weights")
    return f"{len(gpus)} GPU(s) used ({r.placement.kind})"


def check_same_quant(ctx: Ctx, value: bool) -> str:
    quants = [r.quant for r in ctx.reports]
    if len(quants) < 2:
        raise _Fail(f"{len(quants)} report(s), want a side-by-side")
    if value and len(set(quants)) > 1:
        raise _Fail(f"quants differ: {quants}")
    return f"quants {quants}"


def check_faster_is(ctx: Ctx, value: str) -> str:
    running = [r for r in ctx.reports if r.decode_tok_s]
    if len(running) < 2:
        raise _Fail(f"{len(running)} report(s) with a speed, want two or more")
    fast = max(running, key=lambda r: r.decode_tok_s)
    if fast.model.id == value or _hw_matches(fast, value):
        return f"{value} fastest at {fast.decode_tok_s:.0f} tok/s"
    raise _Fail(f"fastest is {fast.model.id} on {_hw_label(fast)}, want {value}")


def check_report_count_at_least(ctx: Ctx, value: int) -> str:
    n = len(ctx.reports)
    if n < value:
        raise _Fail(f"{n} report(s), want at least {value}")
    return f"{n} reports"


def _rig_spec(spec: str) -> tuple[dict[str, int], float | None]:
    """ "2x rtx-3090+rtx-5090@128" -> ({"rtx-3090": 2, "rtx-5090": 1}, 128.0)."""
    body, _, ram = spec.partition("@")
    parts: dict[str, int] = {}
    for p in body.split("+"):
        n, hw_id = _hw_spec(p)
        parts[hw_id] = parts.get(hw_id, 0) + (n or 1)
    return parts, float(ram) if ram else None


def _rig_of(r) -> dict[str, int]:
    parts = getattr(r.hardware, "parts", None)
    if parts:
        return {p.id: p.count for p in parts}
    return {r.hardware.id: r.hardware.count}


def _rig_matches(r, spec: str) -> bool:
    """The report is for exactly this machine: the same cards, each as many times (ids may be
    globs), and the RAM when the spec gives it."""
    want, ram = _rig_spec(spec)
    got = _rig_of(r)
    if len(got) != len(want):
        return False
    for pattern, n in want.items():
        if not any(fnmatch.fnmatchcase(i, pattern) and c == n for i, c in got.items()):
            return False
    return ram is None or abs((r.hardware.ram_gb or 0) - ram) < 1


def _rig_label(r) -> str:
    label = "+".join(f"{n}x {i}" if n > 1 else i for i, n in _rig_of(r).items())
    return f"{label}@{r.hardware.ram_gb:g}" if r.hardware.ram_gb else label


def check_rigs_compared(ctx: Ctx, value: list[str]) -> str:
    got = _unique([_rig_label(r) for r in ctx.reports])
    missing = [s for s in value if not any(_rig_matches(r, s) for r in ctx.reports)]
    if missing:
        raise _Fail(f"machines {got[:6]}, missing {missing}")
    return f"machines {got[:6]}"


def check_rigs_run(ctx: Ctx, value: list[str]) -> str:
    bad = [
        s for s in value if not any(_rig_matches(r, s) and r.fit != "wont_fit" for r in ctx.reports)
    ]
    if bad:
        raise _Fail(f"not run on {bad}")
    return f"runs on {value}"


def check_fastest_rig(ctx: Ctx, value: str) -> str:
    running = [r for r in ctx.reports if r.decode_tok_s and r.fit != "wont_fit"]
    if len(running) < 2:
        raise _Fail(f"{len(running)} machine(s) with a speed, want two or more")
    fast = max(running, key=lambda r: r.decode_tok_s)
    if _rig_matches(fast, value):
        return f"{value} fastest at {fast.decode_tok_s:.0f} tok/s"
    raise _Fail(f"fastest is {_rig_label(fast)} at {fast.decode_tok_s:.0f} tok/s, want {value}")


PICK_RE = re.compile(r"(?:^|(?<=[.!?] ))Pick ([^:]+):")


def check_pick_is(ctx: Ctx, value: str) -> str:
    """The answer's verdict ("Pick <option>: why") names the option's added card (its catalog
    name) or RAM; "none": it picks no option (the machine had is enough)."""
    m = PICK_RE.search(ctx.answer.message or "")
    if value == "none":
        if m:
            raise _Fail(f"picks {m.group(1)!r}, want no option")
        return "no option picked"
    if not m:
        raise _Fail("no option picked")
    picked = m.group(1).lower()
    if value == "ram":
        ok = "ram" in picked
    else:
        hw = ctx.catalog.hardware.get(value)
        ok = hw is not None and hw.name.lower() in picked
    if not ok:
        raise _Fail(f"picks {m.group(1)!r}, want {value}")
    return f"picks {m.group(1)!r}"


def check_hardware_top_any(ctx: Ctx, value: list[str]) -> str:
    got = [_hw_label(r) for r in ctx.reports[:TOP_HARDWARE]]
    if not any(_hw_matches(r, spec) for r in ctx.reports[:TOP_HARDWARE] for spec in value):
        raise _Fail(f"first 3 setups {got}, want one of {value}")
    return f"first 3 setups {got}"


def check_hardware_exclude_top(ctx: Ctx, value: list[str]) -> str:
    got = [_hw_label(r) for r in ctx.reports[:TOP_HARDWARE]]
    bad = [
        _hw_label(r) for r in ctx.reports[:TOP_HARDWARE] if any(_hw_matches(r, s) for s in value)
    ]
    if bad:
        raise _Fail(f"first 3 setups {got} include {bad}")
    return f"first 3 setups {got}"


def check_hardware_order(ctx: Ctx, value: str) -> str:
    if not _price_field_exists(ctx.catalog):
        raise _NeedsField(FIELD_PRICE)
    shown = ctx.reports[:ORDER_WINDOW]
    prices = []
    for r in shown:
        sized = r.hardware.kind != "gpu"  # a card's price does not depend on the memory shown
        unit = _price(
            ctx.catalog, r.hardware.id, getattr(r.hardware, "memory_gb", None) if sized else None
        )
        if unit is None:
            raise _Fail(f"{r.hardware.id} has no price in the catalog")
        prices.append(unit * r.hardware.count)
    if any(b < a for a, b in itertools.pairwise(prices)):
        pairs = ", ".join(f"{_hw_label(r)} ${p:,.0f}" for r, p in zip(shown, prices, strict=True))
        raise _Fail(f"not cheapest first: {pairs}")
    return "cheapest first"


def check_consumer_first(ctx: Ctx, value: bool) -> str:
    routes = [route_of(r, ctx.catalog) for r in ctx.reports[:ROUTE_WINDOW]]
    if not routes:
        raise _Fail("no setup offered")
    first_consumer = next((i for i, x in enumerate(routes) if x in CONSUMER_ROUTES), None)
    if first_consumer != 0:
        raise _Fail(f"routes in order {routes}: not a consumer setup first")
    return f"routes {routes}"


def check_hardware_routes_include(ctx: Ctx, value: list[str]) -> str:
    routes = [route_of(r, ctx.catalog) for r in ctx.reports[:ROUTE_WINDOW]]
    missing = [v for v in value if v not in routes]
    if missing:
        raise _Fail(f"routes offered {_unique(routes)}, missing {missing}")
    return f"routes {_unique(routes)}"


def check_hardware_max_price(ctx: Ctx, value: float) -> str:
    if not _price_field_exists(ctx.catalog):
        raise _NeedsField(FIELD_PRICE)
    if not ctx.reports:
        raise _Fail("no setup offered")
    over = []
    for r in ctx.reports:
        unit = _price(ctx.catalog, r.hardware.id)
        if unit is None or unit * r.hardware.count > value:
            over.append(f"{_hw_label(r)} {'no price' if unit is None else f'${unit:,.0f}'}")
    if over:
        raise _Fail(f"over ${value:,.0f}: {', '.join(over)}")
    return f"all {len(ctx.reports)} within ${value:,.0f}"


CHECKS: dict[str, Callable[[Ctx, Any], str]] = {
    name: globals()[f"check_{name}"] for name in Expect.model_fields
}


# --------------------------------------------------------------------------- card invariants
# Checked on every report of every answer: a card never argues with itself (issue 8, item 7).

# "runs well" means real headroom: at least 1 GiB to spare (docs/json-report.md), and on a large
# pool at least 2% of it, since compute buffers and the KV cache of a longer chat grow with the model
HEADROOM_GIB = 1.0
HEADROOM_SHARE = 0.02


def _headroom_gb(available_gb: float) -> float:
    return max(HEADROOM_GIB * 1.073741824, HEADROOM_SHARE * available_gb)


def inv_card_grade_fit(ctx: Ctx) -> str:
    bad = []
    for r in ctx.reports:
        # the label is what people read (issue 8 item 7: "the fit label and the grade never
        # contradict"); `fit` itself is the memory status
        if r.fit_label == "Runs well" and r.grade in ("D", "F"):
            bad.append(f"{r.model.id}@{_hw_label(r)}: runs well, grade {r.grade}")
        if r.fit == "wont_fit" and r.grade not in (None, "F"):
            bad.append(f"{r.model.id}@{_hw_label(r)}: won't fit, grade {r.grade}")
    if bad:
        raise _Fail("; ".join(bad[:3]))
    return "fit and grade agree"


def _spare(r) -> tuple[float, float]:
    """(spare GB, GB it is measured against): on each GPU when everything is on the GPUs (the
    token embeddings stay in host RAM, so the report's total is more than any GPU holds), else
    for the whole memory."""
    devs = [d for d in r.placement.devices if d.name != "RAM"]
    if r.placement.kind in ("gpu", "multi_gpu", "unified") and devs:
        d = min(devs, key=lambda d: d.available_gb - d.total_gb - _headroom_gb(d.available_gb))
        return d.available_gb - d.total_gb, d.available_gb
    return r.memory.available_gb - r.memory.total_gb, r.memory.available_gb


def inv_card_headroom(ctx: Ctx) -> str:
    bad = [
        f"{r.model.id}@{_hw_label(r)} {r.memory.total_gb:.1f}/{r.memory.available_gb:.1f} GB"
        for r in ctx.reports
        if r.fit == "runs_well" and _spare(r)[0] < _headroom_gb(_spare(r)[1])
    ]
    if bad:
        raise _Fail("runs well with under 1 GiB (or 2%) to spare: " + "; ".join(bad[:3]))
    return "runs well with room to spare"


def inv_card_speed_fit(ctx: Ctx) -> str:
    bad = [
        f"{r.model.id}@{_hw_label(r)}: {r.fit}, {r.decode_tok_s} tok/s"
        for r in ctx.reports
        if (r.fit == "wont_fit") != (r.decode_tok_s is None)
    ]
    if bad:
        raise _Fail("; ".join(bad[:3]))
    return "a speed exactly when it runs"


# a label that says the speed is too slow for the workload shown (fitengine/report.py SLOW_LABELS)
SLOW_WORDS = ("slow",)
# "At Q8_0 it runs well (~6 tok/s)": a next step's words about a configuration and its speed
STEP_RUNS_WELL = re.compile(r"it runs well[^(]{0,60}\(~([\d.]+) tok/s\)")


def inv_card_label_speed(ctx: Ctx) -> str:
    """A card never gives a higher label to a lower speed of the same model and workload: no
    quant row or next step that "runs well" slower than a row or headline labelled slow
    ("Q4_K_M ~7 tok/s: fits, but slow ... At Q8_0 it runs well (~6 tok/s)")."""
    bad = []
    for r in ctx.reports:
        said = [(r.fit_label, r.decode_tok_s)]
        said += [(q.fit_label, q.decode_tok_s) for q in r.quants]
        said += [
            ("Runs well", float(m.group(1)))
            for step in r.next_steps
            for m in [STEP_RUNS_WELL.search(step.text)]
            if m
        ]
        said = [(label, d) for label, d in said if d is not None and label]
        slow = [d for label, d in said if any(w in label.lower() for w in SLOW_WORDS)]
        fine = [
            (label, d)
            for label, d in said
            if not any(w in label.lower() for w in SLOW_WORDS) and label != "Won't fit"
        ]
        if slow and fine:
            label, d = min(fine, key=lambda x: x[1])
            if d < max(slow) - 0.05:
                bad.append(
                    f"{r.model.id}@{_hw_label(r)}: {label.lower()} at {d:.1f} tok/s, slow at"
                    f" {max(slow):.1f}"
                )
    if bad:
        raise _Fail("; ".join(bad[:3]))
    return "no higher label at a lower speed"


INVARIANTS: dict[str, Callable[[Ctx], str]] = {
    name.removeprefix("inv_"): fn
    for name, fn in globals().items()
    if name.startswith("inv_") and callable(fn)
}


def _run(name: str, fn: Callable[[], str]) -> Outcome:
    try:
        return Outcome(name, "pass", fn())
    except _Fail as exc:
        return Outcome(name, "fail", str(exc))
    except _NeedsEntryFail as exc:
        return Outcome(name, "needs_entry", str(exc))
    except _NeedsField as exc:
        return Outcome(name, "needs_field", f"needs field {exc}")


def check_named_models(ctx: Ctx, names: list[str]) -> str:
    """The answer is about the models the question names (an id or a glob such as
    `deepseek-v4-flash*` for either release), not a near namesake."""
    got = _unique([r.model.id for r in ctx.reports])
    if not got:
        raise _Fail(f"no report (intent {getattr(ctx.answer, 'intent', '?')})")
    missing = [n for n in names if not fnmatch.filter(got, n)]
    if missing:
        msg = f"answers about {got}, not {missing}"
        pending = _blocked(ctx, missing)
        if pending:
            raise _NeedsEntryFail(msg + f" (not in the catalog yet: {pending})")
        raise _Fail(msg)
    return f"about {names}"


def check_named_hardware(ctx: Ctx, specs: list[str]) -> str:
    """The answer is about the setups the question names (`m4-pro-*`, `2x rtx-3090`, `a|b`), not
    a generic GPU of the same size or another device."""
    if not ctx.reports:
        raise _Fail(f"no report (intent {getattr(ctx.answer, 'intent', '?')})")
    got = _unique([_hw_label(r) for r in ctx.reports])
    missing = [
        spec
        for spec in specs
        if not any(_hw_matches(r, alt) for r in ctx.reports for alt in spec.split("|"))
    ]
    if missing:
        raise _Fail(f"answers for {got[:4]}, not {missing}")
    return f"on {specs}"


def _blocked(ctx: Ctx, names: Iterable[str]) -> list[str]:
    """The named models (ids or globs) that match nothing in the catalog."""
    return [n for n in names if not fnmatch.filter(ctx.catalog.models, n)]


def evaluate(ctx: Ctx, question: Question, invariants: Iterable[str]) -> list[Outcome]:
    """Every check of a question. When a model it names is not in the catalog yet, its failures
    are reported as needs_entry: the engine cannot be judged on a model it does not know."""
    expect = question.expect
    out = []
    if question.names:
        out.append(_run("named_models", lambda: check_named_models(ctx, question.names)))
    if question.hardware:
        out.append(_run("named_hardware", lambda: check_named_hardware(ctx, question.hardware)))
    out += [_run(k, lambda k=k: CHECKS[k](ctx, getattr(expect, k))) for k in expect.set_keys()]
    out += [_run(name, lambda name=name: INVARIANTS[name](ctx)) for name in invariants]
    blocked = _blocked(ctx, question.names)
    if blocked:
        note = f" (the question names {blocked}, not in the catalog yet)"
        out = [
            Outcome(o.check, "needs_entry", o.detail + note) if o.status == "fail" else o
            for o in out
        ]
    return out
