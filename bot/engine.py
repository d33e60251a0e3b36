"""The bot's one door to fitengine: runs engine calls off the event loop, answers autocomplete
from memory. No estimation happens here; every number comes from fitengine."""

from __future__ import annotations

import asyncio
import functools
import logging
import os
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from discord import app_commands

from fitengine import units

from . import cards

log = logging.getLogger(__name__)
T = TypeVar("T")

# the longest text autocomplete looks at (Discord sends up to 6000 characters)
AUTOCOMPLETE_INPUT_MAX = 100
# autocomplete searches the Hub for names of at least this many characters, a few at a time
HUB_SEARCH_MIN = 3
HUB_SEARCHES_AT_ONCE = 2


def _fe():
    import fitengine

    return fitengine


def _api(name: str) -> Callable[..., Any]:
    """A public engine function, from fitengine's public API."""
    return getattr(_fe(), name)


def engine_errors() -> tuple[type[BaseException], ...]:
    """The engine's user-facing exception types (NotFound, BadInput: EngineError)."""
    fe = _fe()
    base = getattr(fe, "EngineError", None)
    return (base,) if isinstance(base, type) else ()


class Lane:
    """A kind of work with threads of its own. Slash commands and their menus run in one lane,
    chat answers in another: a flood of chat questions waits in its own queue and can never
    take the threads a slash command needs within Discord's 3 seconds."""

    def __init__(self, name: str, workers: int):
        self.name = name
        self.workers = max(1, workers)
        self._pool: ThreadPoolExecutor | None = None
        self.waiting = 0  # calls submitted and not finished (running ones included)

    def pool(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix=f"canirun-{self.name}")
        return self._pool

    async def run(self, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
        loop = asyncio.get_running_loop()
        self.waiting += 1
        try:
            return await loop.run_in_executor(self.pool(), functools.partial(fn, *args, **kw))
        finally:
            self.waiting -= 1

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


class Engine:
    """Async wrappers over fitengine. `catalog` None means fitengine's default catalog.

    Engine calls run in threads, in two lanes (see Lane): `command_workers` threads for slash
    commands and card menus, `chat_workers` for chat answers. Autocomplete is answered on the
    event loop from memory, so it waits for neither.

    A model name may be a Hugging Face repo reference: fitengine.hub reads it (async, on the
    bot's loop; cached in `hub_cache`: a file, or a cache object such as the bot's storage) and the
    engine gets the Model."""

    def __init__(
        self,
        catalog: Any | None = None,
        *,
        command_workers: int = 4,
        chat_workers: int = 2,
        hub: Any | None = None,
        hub_cache: Any | None = None,
    ):
        self._catalog = catalog
        self.commands = Lane("commands", command_workers)
        self.chat = Lane("chat", chat_workers)
        self._hub = hub
        self._hub_cache = hub_cache
        # what the last references read were (by the text typed), for cards and quant menus
        self._sources: OrderedDict[str, Any] = OrderedDict()
        # Hub searches for autocomplete: prefix -> repos, filled in the background
        self._hits: OrderedDict[str, list[Any]] = OrderedDict()
        self._searching: set[asyncio.Task] = set()

    @property
    def hub(self) -> Any:
        if self._hub is None:
            from fitengine.hub import HubService, HubSettings

            overrides = {}
            cache = None
            if self._hub_cache is not None and "CANIRUN_HUB_CACHE" not in os.environ:
                if isinstance(self._hub_cache, str | os.PathLike):
                    overrides["cache_path"] = self._hub_cache
                else:  # a cache object (get / put / close): the bot's storage
                    cache = self._hub_cache
            self._hub = HubService(
                HubSettings.from_env(**overrides), cache=cache, catalog=self._catalog
            )
        return self._hub

    async def close(self) -> None:
        for task in list(self._searching):
            task.cancel()
        self.commands.close()
        self.chat.close()
        if self._hub is not None:
            await self._hub.close()

    # ------------------------------------------------------------------ Hugging Face repos

    async def read_model(self, model: Any) -> tuple[Any, Any]:
        """(what analyze() takes, the HubModel read) for a model argument: a catalog name as it
        is, a repo reference read from the Hub (a bad link is a BadInput)."""
        if not isinstance(model, str) or "/" not in model:
            return model, None
        from fitengine.hub.questions import read_model

        hm = await read_model(self.hub, model)
        if hm is None:
            return model, None
        self._remember(model, hm)
        return hm.model, hm

    def needs_hub(self, model: str) -> bool:
        """A repo reference whose repo this process has not read yet (a Hub round trip)."""
        if "/" not in model:
            return False
        try:
            ref = self.hub.parse(model)
        except ValueError:
            return False  # a bad link: refused at once
        return ref is not None and not any(
            hm.ref.repo_id.lower() == ref.repo_id.lower() for hm in self._sources.values()
        )

    def _remember(self, text: str, hm: Any) -> None:
        self._sources[text] = hm
        self._sources.move_to_end(text)
        while len(self._sources) > 512:
            self._sources.popitem(last=False)

    def source_of(self, model: Any) -> Any:
        """The HubModel a model argument was last read as (None: a catalog name)."""
        return self._sources.get(model) if isinstance(model, str) else None

    async def _with_hub_suggestions(self, exc: Any) -> Any:
        from fitengine.hub.questions import with_hub_suggestions

        return await with_hub_suggestions(self.hub, exc)

    @property
    def catalog(self) -> Any:
        return self._catalog if self._catalog is not None else _fe().default_catalog()

    def _kw(self, kw: dict[str, Any]) -> dict[str, Any]:
        kw = {k: v for k, v in kw.items() if v is not None}
        if self._catalog is not None:
            kw["catalog"] = self._catalog
        return kw

    async def _run(self, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
        return await self.commands.run(fn, *args, **kw)

    def warm(self) -> None:
        """Load the catalog and build the search indexes (call once, in a thread, at start)."""
        if self._catalog is None:
            _fe().default_catalog()
        self.complete_models("")
        self.complete_hardware("")
        self.complete_models("llama")
        self.complete_hardware("rtx")
        try:  # the question parser builds its own index on first use
            _api("ask")("rtx 3090", **self._kw({}))
        except Exception:
            log.exception("warming up ask() failed")

    # ------------------------------------------------------------------ hardware text

    def read_hardware(
        self, hardware: str | None, gpus: int | None = None, vram_gb: float | None = None
    ) -> tuple[str | None, dict[str, Any]]:
        """What people type in a hardware option, as the engine takes it: "2x3090" or
        "dual 3090" -> ("3090", gpus=2); "12gb" or "24 GB VRAM" -> (None, vram_gb=12), a GPU
        with that much memory. A count of 1 is the option's default, so the text's count wins."""
        from fitengine.cli import UsageError, hardware_kwargs

        kw: dict[str, Any] = {"gpus": gpus if gpus not in (None, 1) else None, "vram_gb": vram_gb}
        if hardware is not None and hardware in self.catalog.hardware:
            name = hardware
        else:
            try:
                name = hardware_kwargs(hardware, kw)
            except UsageError as exc:
                raise _fe().BadInput(str(exc)) from None
        if kw.get("gpus") is None and gpus is not None:
            kw["gpus"] = gpus
        return name, {k: v for k, v in kw.items() if v is not None}

    def _hardware_id(self, hardware: str, kw: dict[str, Any]) -> tuple[str | None, dict]:
        """best_models() takes a catalog id: the typed name resolved here, an unknown one raised
        as NotFound (so the answer offers "did you mean" buttons)."""
        name, extra = self.read_hardware(hardware, kw.pop("gpus", None), kw.pop("vram_gb", None))
        if name is None:
            return None, {**kw, **extra}
        if name in self.catalog.hardware:
            return name, {**kw, **extra}
        found = self.resolve_hardware(name)
        if found.entry is None:
            raise _fe().NotFound("hardware", hardware, list(found.suggestions))
        if found.memory_gb is not None and "vram_gb" not in extra:
            extra["vram_gb"] = found.memory_gb
        return found.entry.id, {**kw, **extra}

    # ------------------------------------------------------------------ engine calls

    async def analyze(self, model: str, hardware: str | None, **kw: Any) -> Any:
        cards = self.read_cards(hardware, kw)
        if cards is not None:  # "3090 + 3060 12GB": a machine with mixed cards
            return await self._run(_fe().analyze, model, None, setup=cards, **self._kw(kw))
        hardware, extra = self.read_hardware(
            hardware, kw.pop("gpus", None), kw.pop("vram_gb", None)
        )
        model_arg, hm = await self.read_model(model)
        if hm is not None and hm.quant and not kw.get("quant"):
            kw["quant"] = hm.quant  # the file llama.cpp's -hf would take
        try:
            return await self._run(_fe().analyze, model_arg, hardware, **self._kw({**kw, **extra}))
        except _fe().NotFound as exc:
            raise await self._with_hub_suggestions(exc) from None

    def read_cards(self, hardware: str | None, kw: dict[str, Any]) -> list | None:
        """The cards of a hardware option that names several ("3090 + 3060 12GB"), else None.
        The option's default count of 1 is no count the person gave."""
        from fitengine.cli import UsageError, setup_cards

        if not hardware or hardware in self.catalog.hardware:
            return None
        if kw.get("gpus") == 1:
            kw.pop("gpus")
        try:
            return setup_cards([hardware], kw)
        except UsageError as exc:
            raise _fe().BadInput(str(exc)) from None

    async def best_models(self, hardware: str, **kw: Any) -> list[Any]:
        hw_id, kw = self._hardware_id(hardware, kw)
        return await self._run(_api("best_models"), hw_id, **self._kw(kw))

    async def best_hardware(self, model: str, **kw: Any) -> list[Any]:
        model_arg, _ = await self.read_model(model)
        return await self._run(_api("best_hardware"), model_arg, **self._kw(kw))

    async def compare_hardware(self, model: str, hw_a: str, hw_b: str, **kw: Any) -> list[Any]:
        hw_a, a = self.read_hardware(hw_a)
        hw_b, b = self.read_hardware(hw_b)
        kw = {**kw, "gpus_a": a.get("gpus"), "vram_a": a.get("vram_gb")}
        kw |= {"gpus_b": b.get("gpus"), "vram_b": b.get("vram_gb")}
        model_arg, _ = await self.read_model(model)
        return await self._run(_api("compare_hardware"), model_arg, hw_a, hw_b, **self._kw(kw))

    async def ask(self, text: str, rig: Any = None, *, interaction: bool = False) -> Any:
        """ask(), with the Hugging Face repos the question names read first (sources_in() gives
        what was read). With `rig` (the asker's saved rig, bot/rigs.py), a question that names no
        hardware but means the asker's own ("can my rig run ...", "what can I run?") is answered
        on the rig."""
        from fitengine.hub.questions import read_question, with_hub_repos, with_unread
        from fitengine.hub.refs import find_refs

        models: dict[str, Any] = {}
        unread: list[str] = []
        if find_refs(text):
            text, models, hubs, unread = await read_question(self.hub, text)
            for hm in hubs:
                self._remember(hm.ref.repo_id, hm)
        # chat questions run in the chat lane, behind other chat questions only; an interaction
        # ("Can it run?") has Discord's 3 seconds and runs in the commands' lane
        run = self._run if interaction else self.chat.run
        if rig is None:
            answer = await run(_api("ask"), text, **self._kw({"models": models or None}))
        else:
            from .rigs import ask_on_rig

            answer = await run(ask_on_rig, text, rig, self.catalog, models or None)
        answer = await with_hub_repos(self.hub, answer)  # an unknown model: the Hub's repos
        return with_unread(answer, unread)

    async def analyze_state(self, state: Any) -> Any:
        """analyze() for a card's state (bot/state.py FitState); the model may be a Hugging Face
        repo (read as analyze() reads it)."""
        model, hardware, kw = state.analyze_args()
        model_arg, hm = await self.read_model(model)
        if hm is not None and hm.quant and not kw.get("quant"):
            kw["quant"] = hm.quant
        try:
            return await self._run(_fe().analyze, model_arg, hardware, **self._kw(kw))
        except _fe().NotFound as exc:
            raise await self._with_hub_suggestions(exc) from None

    async def quant_grades(self, state: Any, quants: list[str]) -> dict[str, str | None]:
        """The headline grade at each quant (for /quants): one analysis per quant, in one
        worker thread."""
        model, hardware, kw = state.analyze_args()
        model_arg, _ = await self.read_model(model)

        def grades() -> dict[str, str | None]:
            out: dict[str, str | None] = {}
            for quant in quants:
                report = _fe().analyze(model_arg, hardware, **self._kw({**kw, "quant": quant}))
                out[quant] = report.grade
            return out

        return await self._run(grades)

    async def model_list(self, state: Any, limit: int) -> list[Any]:
        """best_models() for a list card's state (bot/state.py ModelList)."""
        from .state import FitState

        _, hardware, kw = FitState(
            model="", cards=state.cards, vram_gb=state.vram_gb
        ).analyze_args()
        if "setup" in kw:  # a mixed rig: ranked for its largest card, as the question parser does
            largest = max(state.cards, key=lambda c: c.vram_gb or self._memory(c.id))
            hardware, kw = largest.id, {"gpus": largest.count, "vram_gb": largest.vram_gb}
        args = {
            **kw,
            "ram_gb": state.ram_gb,
            "workload": state.workload,
            "context": state.context,
            "task": state.task,
            "tags": tuple(state.tags),
            "order": state.order or "quality",
            "limit": limit,
        }
        return await self._run(_api("best_models"), hardware, **self._kw(args))

    async def hardware_list(self, state: Any, limit: int) -> list[Any]:
        """best_hardware() for a list card's state (bot/state.py HardwareList)."""
        args = {
            "quant": state.quant,
            "context": state.context,
            "workload": state.workload,
            "order": state.order or "route",
            "consumer_only": state.consumer_only,
            "limit": limit,
        }
        model_arg, _ = await self.read_model(state.model)
        return await self._run(_api("best_hardware"), model_arg, **self._kw(args))

    async def read_setup(
        self,
        hardware: str | None,
        *,
        gpus: int | None = None,
        vram_gb: float | None = None,
        ram_gb: float | None = None,
        backend: str | None = None,
    ) -> Any:
        """The hardware of a hardware option, read exactly as analyze() reads it (counts, memory
        sizes, mixed cards, "24gb"), and checked (RAM, backend): the `hardware` of a report for
        the catalog's smallest model. NotFound / BadInput as analyze() raises them."""
        report = await self.analyze(
            self._probe_model(),
            hardware,
            gpus=gpus,
            vram_gb=vram_gb,
            ram_gb=ram_gb,
            backend=backend,
        )
        return report.hardware

    def _probe_model(self) -> str:
        return min(self.catalog.models.values(), key=lambda m: (m.params_b, m.id)).id

    def _memory(self, hardware_id: str) -> float:
        entry = self.catalog.hardware.get(hardware_id)
        return entry.memory_gb if entry is not None else 0.0

    def sources_in(self, text: str) -> list[Any]:
        """What was read for the repos `text` names (memory only: after ask())."""
        from fitengine.hub.refs import find_refs

        found = [f.ref.repo_id for f in find_refs(text) if f.ref is not None]
        return [self._sources[r] for r in dict.fromkeys(found) if r in self._sources]

    def resolve_model(self, text: str) -> Any:
        return _fe().resolve_model(text, **self._kw({}))

    def resolve_hardware(self, text: str) -> Any:
        return _fe().resolve_hardware(text, **self._kw({}))

    # ------------------------------------------------------------------ autocomplete (sync, fast)

    def complete_models(self, prefix: str, limit: int = 25) -> list[Any]:
        return _fe().complete_models(prefix[:AUTOCOMPLETE_INPUT_MAX], limit, **self._kw({}))

    def complete_hardware(self, prefix: str, limit: int = 25) -> list[Any]:
        return _fe().complete_hardware(prefix[:AUTOCOMPLETE_INPUT_MAX], limit, **self._kw({}))

    def model_choices(self, prefix: str) -> list[app_commands.Choice[str]]:
        """Catalog entries, then Hub repos already searched for (never waited for: a search for
        this prefix starts in the background for the next keystroke)."""
        hub = self.hub_choices(prefix)
        own = _choices(self.complete_models(prefix))
        room = 25 - min(len(hub), 5)
        return (own[:room] + hub)[:25] if own else hub[:25]

    def hub_choices(self, prefix: str) -> list[app_commands.Choice[str]]:
        text = " ".join(prefix[:AUTOCOMPLETE_INPUT_MAX].split())
        if "/" in text:  # a repo reference typed or pasted: offer it as it is
            try:
                ref = self.hub.parse(text)
            except ValueError:
                return []
            return [_choice(f"{ref.text} (Hugging Face)", text)] if ref else []
        key = text.lower()
        if len(key) < HUB_SEARCH_MIN:
            return []
        hits = self._hits.get(key)
        if hits is None:
            self._search_later(key)
            # the results for a shorter prefix that still match, meanwhile
            shorter = next((h for k, h in reversed(self._hits.items()) if key.startswith(k)), [])
            hits = [
                h
                for h in shorter
                if key.replace(" ", "-") in h.repo.lower() or key in h.repo.lower()
            ]
        return [
            _choice(f"{h.repo} (Hugging Face, {h.downloads:,} downloads)", h.repo) for h in hits[:5]
        ]

    def _search_later(self, key: str) -> None:
        if len(self._searching) >= HUB_SEARCHES_AT_ONCE:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return

        async def search() -> None:
            hits = await self.hub.search(key, 5)
            self._hits[key] = hits
            while len(self._hits) > 2048:
                self._hits.popitem(last=False)

        task = loop.create_task(search())
        self._searching.add(task)
        task.add_done_callback(self._searching.discard)

    def hardware_choices(self, prefix: str) -> list[app_commands.Choice[str]]:
        """Devices for what was typed, keeping the count and memory typed with it: "2x m2 max
        32gb" offers "2× Apple M2 Max ... 32 GB" (value "2x m2-max-30c 32GB"), the variants sold
        with 32 GB first, never the 64 GB default in its place."""
        from fitengine.resolve import MEMORY_RE

        text = prefix[:AUTOCOMPLETE_INPUT_MAX]
        name, count = units.split_count(text)
        mem_match = MEMORY_RE.search(name)
        memory = float(mem_match.group(1)) if mem_match else None
        if mem_match:
            name = (name[: mem_match.start()] + " " + name[mem_match.end() :]).strip()
        found = self.complete_hardware(name)
        if memory is not None:
            sold = [s for s in found if _sold_with(self.catalog.hardware.get(s.id), memory)]
            found = sold or found
        if count is None and memory is None:
            return _choices(found)
        out = []
        for s in found[:25]:
            lead = f"{count}× " if count and count > 1 else ""
            tail = f" {memory:g} GB" if memory is not None else ""
            value = (
                (f"{count}x " if count and count > 1 else "")
                + s.id
                + (f" {memory:g}GB" if memory is not None else "")
            )
            name_room = cards.CHOICE_NAME_MAX - len(lead) - len(tail)
            out.append(_choice(lead + cards.clip(s.name, name_room) + tail, value))
        return out

    def workload_choices(self, prefix: str) -> list[app_commands.Choice[str]]:
        prefix = prefix[:AUTOCOMPLETE_INPUT_MAX].lower().strip()
        out = [
            (w.id, w.name)
            for w in self.catalog.workloads.values()
            if not prefix or prefix in w.id.lower() or prefix in w.name.lower()
        ]
        return [_choice(name, wid) for wid, name in out[:25]]

    def quant_choices(
        self, prefix: str, model: str | None = None
    ) -> list[app_commands.Choice[str]]:
        """Quants of the model named in the command if it is known, else every quant type."""
        prefix = prefix[:AUTOCOMPLETE_INPUT_MAX].lower().strip()
        catalog = self.catalog
        ids: list[str] = []
        entry = catalog.models.get(model) if model else None
        if entry is None and (hm := self.source_of(model)) is not None:
            entry = hm.model  # a repo read from the Hub: its quants
        if entry is not None:
            for repo in entry.gguf:
                ids.extend(q for q in repo.quants if q not in ids)
        if not ids:
            ids = list(catalog.quants)
        matches = [q for q in ids if q.lower().startswith(prefix)]
        matches += [q for q in ids if prefix in q.lower() and q not in matches]
        return [_choice(q, q) for q in matches[:25]]

    def workloads(self) -> list[tuple[str, str]]:
        return [(w.id, w.name) for w in self.catalog.workloads.values()]


def mode_labels() -> list[tuple[str, str]]:
    """(id, label) of the engine's grading modes."""
    try:
        from fitengine.grade import MODE_LABELS, MODES
    except ImportError:  # pragma: no cover - an engine without modes
        return [("balanced", "Balanced")]
    return [(m, MODE_LABELS.get(m, m)) for m in MODES]


def mode_choices(*, default: bool = False) -> list[app_commands.Choice[str]]:
    choices = [app_commands.Choice(name=label, value=mode) for mode, label in mode_labels()]
    if default:
        choices.insert(0, app_commands.Choice(name="Engine default", value="default"))
    return choices[:25]


def _choice(name: str, value: str) -> app_commands.Choice[str]:
    return app_commands.Choice(
        name=cards.clip(name, cards.CHOICE_NAME_MAX) or value[:100], value=value[:100]
    )


def _sold_with(hw: Any, gb: float) -> bool:
    return hw is not None and any(abs(s - gb) < 0.6 for s in (hw.memory_gb, *hw.memory_options_gb))


def _choices(suggestions: list[Any]) -> list[app_commands.Choice[str]]:
    seen: set[str] = set()
    out = []
    for s in suggestions:
        if s.id in seen:
            continue
        seen.add(s.id)
        out.append(_choice(s.name, s.id))
        if len(out) == 25:
            break
    return out
