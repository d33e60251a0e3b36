"""Upgrade questions: the machine had, and each option of adding to it, as whole machines.

"I have a 3090: should I add a 5060 Ti or a 5090?" is not a 3090 against a 5090: it is the 3090
alone, the 3090 with a 5060 Ti and the 3090 with a 5090. "4070 12GB and 32GB RAM, is it worth adding
a second 4070 or buying 64GB more RAM?" is two 4070s with 32 GB of RAM against one 4070 with 96 GB.
"Sell it and get a 3090" is a 3090 in place of the card had. Whole builds compared where one is of
mixed cards ("3090 + 3060 or a single 5090") are options with no machine had. The cue words are
catalog/language.yaml's upgrade_add, upgrade_replace, upgrade_owned_before, upgrade_option_split,
upgrade_more_memory and upgrade_worth; the answer is fitengine/upgrades.py's.
"""

from __future__ import annotations

from itertools import pairwise

from ..constants import DEFAULT_RAM_GIB
from . import patterns as P
from .choose import added_card_count
from .query import Query, Rig, SetupRef
from .state import Amount, Mention, State

# intents an upgrade question may have been read as before its options are seen ("which hardware
# for X" and "which hardware to buy" questions keep theirs)
READ_AS = ("fit", "compare", "best_model_for_hw", "help")


def read_upgrade(st: State, q: Query, named: list[Mention], said: dict[int, int | None]) -> None:
    """Fill q.owned and q.options when the text adds cards or RAM to a machine it names first,
    and make the question a comparison of the machines they make. `said`: each mention's count
    as said beside it (by id), before a name said twice merged its counts."""
    if q.intent not in READ_AS or q.cpu_only:
        return
    cat = st.idx.catalog
    cards = sorted(
        (h for h in named if h.eid and cat.hardware[h.eid].kind == "gpu"), key=lambda h: h.start
    )
    if not cards:
        return
    cues = sorted(
        [(m.start(), False) for m in P.scan(P.UPGRADE_ADD_RE, st.low)]
        + [(m.start(), True) for m in P.scan(P.UPGRADE_REPLACE_RE, st.low)]
    )
    if not cues:
        _ram_change(st, q, cards, said)
        return
    first = cues[0][0]
    # the cards had: those named before the first cue, and those said as "my 3090" anywhere
    # ("adding a 3060 to my 3090")
    owned = [h for h in cards if h.end <= first or _said_as_mine(st, h)]
    if not owned:
        _one_more(st, q, cards)
        return
    owned_ram = max((a.gb for a in st.memories if a.kind == "ram" and a.end <= first), default=None)
    items: list[Mention | Amount] = [
        h for h in cards if h.start >= first and all(h is not o for o in owned)
    ]
    items += [a for a in st.memories if a.start >= first and _is_ram(st, a)]
    items.sort(key=lambda x: x.start)
    groups = _options(st, items)
    counts = {id(h): said.get(id(h), h.count) for h in cards}
    base = _owned_setup(st, owned, counts)
    if not groups and P.found(P.UPGRADE_WHICH_CARD_RE, st.low):
        _usual_cards(st, q, base, owned_ram)
        return
    if not groups and not any(h.start >= first for h in cards):
        # "would upgrading to 64gb ram help?": the cue is of the RAM, no card added
        _ram_change(st, q, cards, said)
        return
    if not groups or (len(groups) == 1 and not P.found(P.UPGRADE_WORTH_RE, st.low)):
        return
    if any(isinstance(x, Amount) for g in groups for x in g) and owned_ram is None:
        owned_ram = DEFAULT_RAM_GIB
        st.assumed.append(f"{DEFAULT_RAM_GIB:g} GB of system RAM now (not said)")
    q.owned = Rig(setup=base, ram_gb=owned_ram)
    q.options = [
        _option(st, base, owned_ram, g, counts, _replaces(cues, g[0].start)) for g in groups
    ]
    q.intent = "compare"


def _one_more(st: State, q: Query, cards: list[Mention]) -> None:
    """ "Is it worth buying a second 3090 for 70b models?": the one card named, said as one more
    of it, is had one fewer times: the machine with one fewer against the one with it."""
    if len({h.eid for h in cards}) != 1:
        return
    if not P.found(P.UPGRADE_WORTH_RE, st.low) and not P.UPGRADE_NEED_RE.search(st.low):
        return
    h, n = next(((h, n) for h in cards if (n := added_card_count(st, h))), (None, None))
    if h is None and P.found(P.UPGRADE_NEED_RE, st.low):
        # "so you basically need another 4090": the one had and one more
        h = next((h for h in cards if _one_more_before(st, h)), None)
        n = 2
    if h is None or n is None or n < 2:
        return
    hw = st.idx.catalog.hardware[h.eid]

    def rig(count: int, change: str = "") -> Rig:
        card = SetupRef(id=hw.id, name=hw.name, gpus=count, vram_gb=h.memory)
        return Rig(setup=[card], ram_gb=q.ram_gb, change=change)

    q.owned = rig(n - 1)
    q.options = [rig(n, f"+ {hw.name}")]
    q.intent = "compare"


def _ram_change(st: State, q: Query, cards: list[Mention], said: dict[int, int | None]) -> None:
    """ "Can I just upgrade my 16 GB ram to 64 GB ram and stay with my RTX 3050?", "I own
    64gb...96gb upgrade worth? I also own 4070 ti super 16gb": no card added, the RAM had going to
    a larger size said with a word of changing, asked: the cards had with each size of RAM."""
    if q.ram_gb is None or "?" not in st.low or not P.RAM_UPGRADE_RE.search(st.low):
        return
    had = q.ram_gb
    sizes = {
        a.gb
        for a in (*st.memories, *st.ram_planned)
        if a.gb > had
        and a.owner is None
        and not a.model_size
        and (a.kind == "ram" or (a.kind is None and not a.set_aside))
    }
    if len(sizes) != 1:
        return
    (to,) = sizes
    # a size still to come, read as ignored, is the option now
    planned = {f"{st.low[a.start : a.end]} (an upgrade still to come)" for a in st.ram_planned}
    st.ignored[:] = [x for x in st.ignored if x not in planned]
    counts = {id(h): said.get(id(h), h.count) for h in cards}
    base = _owned_setup(st, cards, counts)
    q.owned = Rig(setup=base, ram_gb=had)
    q.options = [Rig(setup=[s.model_copy() for s in base], ram_gb=to, change=f"RAM to {to:g} GB")]
    q.intent = "compare"


def _usual_cards(st: State, q: Query, base: list[SetupRef], ram: float | None) -> None:
    """ "What's the best second card to add?" with none named: the machine had against it with
    each of the usual cards added (shopping.cards_to_add, from the biggest card had)."""
    from ..shopping import cards_to_add  # the engine side: imported when a question needs it

    cat = st.idx.catalog
    biggest = max((cat.hardware[s.id] for s in base), key=lambda hw: hw.memory_gb)
    added = cards_to_add(cat, biggest)
    if not added:
        return
    q.owned = Rig(setup=base, ram_gb=ram)
    q.options = [
        Rig(
            setup=[*(s.model_copy() for s in base), SetupRef(id=hw.id, name=hw.name, gpus=1)],
            ram_gb=ram,
            change=f"+ {hw.name}",
        )
        for hw in added
    ]
    q.intent = "compare"
    st.assumed.append(
        "the cards usually added: the cheapest of the same maker at each size from "
        f"{biggest.memory_gb:g} GB up ({', '.join(hw.name for hw in added)})"
    )


def read_builds(st: State, q: Query, named: list[Mention], said: dict[int, int | None]) -> None:
    """ "3090 + 3060 or a single 5090": whole builds compared, one of them of mixed cards, as
    q.options with no machine had (a comparison of devices takes one kind of card a side and
    answers the others)."""
    if q.intent != "compare" or q.options:
        return
    cat = st.idx.catalog
    cards = sorted(
        (h for h in named if h.eid and cat.hardware[h.eid].kind == "gpu"), key=lambda h: h.start
    )
    groups = _named_again(st, _options(st, cards))
    if len(groups) < 2 or all(len({h.eid for h in g}) < 2 for g in groups):
        return
    counts = {id(h): said.get(id(h), h.count) for h in cards}
    q.options = [Rig(setup=_owned_setup(st, g, counts), ram_gb=q.ram_gb) for g in groups]


def _named_again(st: State, groups: list[list[Mention]]) -> list[list[Mention]]:
    """ "5090 vs 7900 xtx for qwen3 32b, how much faster is the 5090?": a card of an earlier
    option named again later, not joined to the card before it ("3090 + 3060 or 3090 + 5060"
    is joined), is that option asked about, not a card added to this one."""
    seen: set[str | None] = set()
    out: list[list[Mention]] = []
    for g in groups:
        kept = [g[0]]
        for prev, h in pairwise(g):
            gap = st.low[prev.end : h.start]
            joined = len(gap) <= 12 and P.SETUP_JOINER_RE.search(gap) is not None
            if h.eid in seen and not joined:
                continue
            kept.append(h)
        seen |= {h.eid for h in g}
        out.append(kept)
    return out


def _options(st: State, items: list) -> list[list]:
    """The items added, one group per option: a new option starts where a split word ("or",
    "vs") stands between two items; items joined otherwise ("a 3060 and 64gb more ram") are one."""
    gaps = [st.low[a.end : b.start] for a, b in pairwise(items)]
    splits = [P.found(P.UPGRADE_SPLIT_RE, g) is not None for g in gaps]
    groups: list[list] = [[x] for x in items[:1]]
    for i, x in enumerate(items[1:]):
        if splits[i] or (_list_comma(gaps[i]) and any(splits[i + 1 :])):
            # "a 4090, a 5090 or two used 3090s": the commas of a list of options split too
            groups.append([x])
        else:
            groups[-1].append(x)
    return groups


def _list_comma(gap: str) -> bool:
    """A gap of a list's comma alone ("4090, a 5090"), with no word joining the two into one
    machine ("3090, thinking of adding a 3060")."""
    return "," in gap and len(gap) <= 8 and P.SETUP_JOINER_RE.search(gap) is None


def _one_more_before(st: State, h: Mention) -> bool:
    """ "another 4090": the card said as one more of it, right before its name."""
    return P.UPGRADE_ONE_MORE_BEFORE.search(st.low, max(0, h.start - 16), h.start) is not None


def _said_as_mine(st: State, h: Mention) -> bool:
    """ "my 3090": a card had, wherever the text names it."""
    return P.UPGRADE_OWNED_BEFORE.search(st.low, max(0, h.start - 16), h.start) is not None


def _is_ram(st: State, a: Amount) -> bool:
    """An amount of system RAM: read so, or said beside a RAM word ("64GB more RAM", "ram to
    128gb") and not as a card's memory."""
    if a.kind is not None:
        return a.kind == "ram"
    near = st.low[max(0, a.start - 12) : a.end + 16]
    return bool(P.RAM_WORD_RE.search(near)) and a.owner is None


def _replaces(cues: list[tuple[int, bool]], start: int) -> bool:
    """The option at `start` replaces the cards had: the last cue before it says so."""
    last = [replace for at, replace in cues if at <= start]
    return bool(last) and last[-1]


def _more_before(st: State, h: Mention) -> bool:
    """ "two more 3090s", "another two 3090s": the count is of cards added, not in all."""
    return P.UPGRADE_MORE_WORD.search(st.low, max(0, h.start - 24), h.start) is not None


def _owned_setup(st: State, owned: list[Mention], counts: dict[int, int | None]) -> list[SetupRef]:
    """The cards had, one entry per kind: the count said with either mention of it ("my 3090 ...
    the 3090" is one card)."""
    out: list[SetupRef] = []
    for h in owned:
        hw = st.idx.catalog.hardware[h.eid]
        same = next((s for s in out if s.id == hw.id), None)
        n = counts.get(id(h)) or 1
        if same is not None:
            same.gpus = max(same.gpus or 1, n)
            continue
        out.append(SetupRef(id=hw.id, name=hw.name, gpus=n, vram_gb=h.memory))
    return out


def _option(
    st: State,
    base: list[SetupRef],
    ram: float | None,
    group: list,
    counts: dict[int, int | None],
    replace: bool = False,
) -> Rig:
    """The machine an option makes: the cards had with the group's added (or, `replace`, the
    group's cards in their place) and the RAM it says."""
    setup = (
        []
        if replace and any(isinstance(x, Mention) for x in group)
        else [s.model_copy() for s in base]
    )
    changes = []
    for x in group:
        if isinstance(x, Amount):
            more = P.UPGRADE_MORE_BEFORE.search(st.low, max(0, x.start - 16), x.start)
            more = more or P.UPGRADE_MORE_AFTER.match(st.low[x.end : x.end + 12])
            if more:
                ram = (ram or 0) + x.gb
                changes.append(f"+ {x.gb:g} GB RAM")
            else:
                ram = x.gb
                changes.append(f"RAM to {x.gb:g} GB")
            continue
        hw = st.idx.catalog.hardware[x.eid]
        had = next((s for s in setup if s.id == hw.id), None)
        said = counts.get(id(x))
        added = said or 1
        if had is not None and said and not _more_before(st, x):
            # "a second 4070", "or do I need two 3090s": that many in all, the ones had among them
            added = max(1, said - (had.gpus or 1))
        if had is not None:
            had.gpus = (had.gpus or 1) + added
        else:
            setup.append(SetupRef(id=hw.id, name=hw.name, gpus=added, vram_gb=x.memory))
        name = f"{added}× {hw.name}" if added > 1 else hw.name
        changes.append(f"{name} instead" if replace else f"+ {name}")
    return Rig(setup=setup, ram_gb=ram, change=", ".join(changes))


__all__ = ["read_builds", "read_upgrade"]
