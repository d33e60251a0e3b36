"""Pass 3, the choice of entities: counts next to devices, which memory amount belongs to which
device (or is VRAM / system RAM by the words around it), the CPU-only system, the workload and the
intent of the question."""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import replace
from itertools import pairwise

from ..catalog import Catalog, Hardware, bit_level
from ..constants import MAX_GPUS, MAX_PARALLEL
from ..hosts import cpu_server_for_ram, over_desktop
from ..infer_hw import canonical, infer_hardware, rules_for
from ..quant_loss import loss_rules
from ..resolve import resolve_hardware, resolve_model, without_memory
from . import patterns as P
from .index import compact, key_tokens
from .names import (
    align,
    apple_storage,
    family_entries,
    igpu_named_by,
    mac_with_memory,
    may_be_full,
    tok_info,
)
from .query import Choice, HardwareRef, Intent, ModelRef, Query, SetupRef, Unsure
from .state import Amount, Mention, State

MAX_COMPARED = 8  # names kept per side of a comparison ("a vs b vs c ...")


def choose_hardware(st: State, q: Query, hws: list[Mention]) -> Mention | None:
    """The device the question is about (a GPU-class device first; a CPU only when no GPU was
    named, or the generic CPU system of a CPU-only question), the cards of a machine with mixed
    cards, and the second and further devices of a comparison. Returns the mention of the device
    chosen, if one was named."""
    catalog = st.idx.catalog
    # a family named again without its number ("Pi 5 ... Raspberry Pi Lite OS") asks nothing
    # (or a processor named by its model number: "Framework 13 - AMD Ryzen AI 5 340")
    named = {h.eid for h in hws}
    if st.cpus and any(u.kind == "hardware" and u.reason == "ambiguous" for u in st.unsure):
        named.update(named_cpus(st))
    st.unsure = [
        u
        for u in st.unsure
        if not (u.kind == "hardware" and u.reason == "ambiguous" and named & _ids(u))
    ]
    gpu_like = [h for h in hws if catalog.hardware[h.eid].kind != "cpu"]
    if gpu_like and (len(hws) >= 2 or st.unknown_hw or (st.cpus and _sold(st, gpu_like))):
        gpu_like = _had_over_hypothetical(st, gpu_like, hws)
    if q.cpu_only:
        # no GPU: a Mac or a unified-memory box stays; an APU only when its graphics are named
        # ("780m"), else it is its processor ("no gpu, just a ryzen 7")
        gpu_like = [
            h
            for h in gpu_like
            if catalog.hardware[h.eid].kind in ("apple", "unified")
            or (catalog.hardware[h.eid].kind == "igpu" and _names_graphics(h))
        ]
    if gpu_like and st.unknown_hw and _unknown_card_beside_igpus(st, gpu_like):
        gpu_like = []  # "Intel Iris Xe and an NVIDIA MX450": the card is the machine, not the iGPU
    if not gpu_like:
        if st.unknown_hw and not q.cpu_only:
            # "gt 730 + ryzen 3600": the card is the question, not the host CPU; its count stays
            # ("4x RX470 8GB")
            q.gpus = _unknown_card_count(st) or _card_count(st)
            return None
        if not q.cpu_only and _has_cards(st):
            # "48GB VRAM + about 200GB ECC DDR4 RAM", "128GB DDR4 (plus two GPUs)": the memory
            # type is the host's RAM beside cards, not a CPU-only system of that memory
            host = [h for h in hws if _generic_system(catalog.hardware[h.eid])]
            hws = [h for h in hws if all(h is not x for x in host)]
            for mem in st.memories:
                if any(mem.owner is x for x in host):
                    mem.owner = None  # read by its own words ("8gb vram")
        primary = _cpu_system(st, q, hws)
        if (
            q.hardware is None
            and not q.cpu_only
            and (n := _card_count(st) or _listed_count(st) or _asked_card_count(st))
        ):
            # "on 8 GPUs", "使用8个gpu", "a single GPU with 16gb": cards counted, none named; a
            # log's device list of cards it names by no model ("ROCm0 : AMD Radeon Graphics");
            # one card said beside a visible-devices list is the one in use, not the cards had
            # ("CUDA_VISIBLE_DEVICES=0,1,2,3 ... 仍是跑单块GPU")
            q.gpus = (n == 1 and _device_list_count(st)) or n
        elif q.hardware is None and not q.cpu_only and (flag := P.found(P.COUNT_FLAG_RE, st.low)):
            q.gpus = int(flag.group(1)) or None  # "设置 tp=2 时": split over two, none named
        elif q.hardware is None and not q.cpu_only and (n := _device_list_count(st)):
            q.gpus = n  # "CUDA_VISIBLE_DEVICES=0,1,2 python serve.py": three GPUs, none named
        elif q.hardware is None and not q.cpu_only and (n := _split_count(st)):
            q.gpus = n  # "./main -ngl 43 -ts 7,12,12,12": four GPUs, none named
        return primary
    gpu_like = _variant_said_later(gpu_like)
    gpu_like = _chip_code_of_card(st, gpu_like)
    gpu_like = _igpu_of_named_host(st, gpu_like)
    gpu_like = _after_upgrade(st, gpu_like)
    gpu_like = _got_since(st, gpu_like)
    gpu_like = _card_over_cpu_graphics(st, gpu_like)
    gpu_like = _current_cards(st, gpu_like)
    gpu_like = _training_cards(st, gpu_like)
    gpu_like = _rig_listed(st, gpu_like)
    by_speed = (
        _compared_by_speed(st, gpu_like)
        or _owned_apart(st, gpu_like)
        or _contrasted_runs(st, gpu_like)
        or _gain_over(st, gpu_like)
    )
    if not by_speed and not _counted_rig(st, gpu_like) and not st.apus_with_card:
        gpu_like = _owned_first(st, gpu_like)
    # a comparison word anywhere, read only when there are two sides to compare
    sides_seen = len(gpu_like) >= 2 or any(
        catalog.hardware[h.eid].kind == "cpu" and catalog.hardware[h.eid].form == "embedded"
        for h in hws
    )
    compared = by_speed or (
        sides_seen and st.compared() is not None and _compare_placed(st, gpu_like, hws)
    )
    apart = not compared and _owned_and_option(st, gpu_like)
    if apart:
        gpu_like = sorted(gpu_like, key=lambda h: not _owned(st, h))
        compared = True
    cards = [] if by_speed or apart else mixed_cards(st, gpu_like)
    if cards:
        primary_hw = max(cards, key=lambda h: _card_memory(st, h))
        q.setup = [_setup_ref(st, h) for h in cards]
        rest = [h for h in gpu_like if all(h.eid != c.eid for c in cards)]
    else:
        sides = gpu_like
        if compared and not apart:
            # "jetson nano or raspberry pi 5": a board is a whole machine, a side of its own
            boards = [
                h
                for h in hws
                if catalog.hardware[h.eid].kind == "cpu"
                and catalog.hardware[h.eid].form == "embedded"
            ]
            sides = sorted(gpu_like + boards, key=lambda h: h.start)
            sides = _owned_side_first(st, sides)
        elif not compared and len(sides) >= 2 and (owned := [h for h in sides if _owned(st, h)]):
            # "for a rtx 4090, what will the performance be? ... I have an rtx 4080s": one device
            # at a time, and it is the one said as the writer's own
            sides = owned + [h for h in sides if all(h is not o for o in owned)]
        primary_hw, rest = sides[0], sides[1:]
    hw = catalog.hardware[primary_hw.eid]
    q.hardware = HardwareRef(id=hw.id, name=hw.name)
    if q.gpus is not primary_hw.count:  # (None mostly: a pydantic assignment costs a microsecond)
        q.gpus = primary_hw.count
    if q.gpus is None and not cards and (flag := P.found(P.COUNT_FLAG_RE, st.low)):
        q.gpus = int(flag.group(1)) or None  # "--tensor-parallel-size 2": split over two
    if q.gpus is None and not cards:
        q.gpus = _device_list_count(st)  # "CUDA_VISIBLE_DEVICES=0,1,2,3"
    if q.gpus is None and not cards:
        q.gpus = _split_count(st)  # "-ts 1,1,1": a share for each of three GPUs
    listed = not cards and all(_on_device_line(st, h) for h in gpu_like)
    one_kind = len(gpu_like) == 1 or listed
    if not cards and one_kind and (found := P.found(P.FOUND_DEVICES_RE, st.low)):
        # a log's "found 8 ROCm devices" with one kind of card named (perhaps fewer listed, or
        # listed under two names: "Device 0: AMD Instinct MI250X / MI250")
        q.gpus = max(q.gpus or 0, int(found.group(1) or found.group(2) or found.group(3))) or None
    if (listed or len({h.eid for h in gpu_like}) == 1) and (n := _listed_count(st)):
        # a tool's list of the same card ("GPU 0: NVIDIA H200" ... "GPU 7: NVIDIA H200"), more
        # lines than the names matched in a long paste
        q.gpus = max(q.gpus or 0, n)
    if q.gpus is None and not cards and len({h.eid for h in gpu_like}) == 1:
        # "AMD Radeon RX 7900 XTX (24 GiB VRAM)" on a line of its own, twice: a list of two
        q.gpus = _own_lines_count(st, gpu_like)
    if q.gpus is None and not cards and len(gpu_like) == 1:
        q.gpus = _card_count(st) or _count_back(st, gpu_like[0]) or _arch_count(st, hw)
    if (
        not cards
        and (len(gpu_like) == 1 or len({h.eid for h in gpu_like}) == 1)
        and (n := _owned_count(st, gpu_like[-1]))
        and (q.gpus is None or not _owned(st, primary_hw))
    ):
        q.gpus = n
    if (
        not cards
        and (q.gpus or 1) == 1
        and len({h.eid for h in gpu_like}) == 1
        and (n := _others_count(st, gpu_like[0]))
    ):
        q.gpus = 1 + n
    if (
        q.gpus is None
        and not cards
        and hw.kind == "gpu"
        and len({h.eid for h in gpu_like}) == 1
        and P.CARD_PLURAL_AFTER.match(st.low, primary_hw.end)
    ):
        # "I have some 3090s", "my P40s": several of the card, how many not said
        q.cards_unsaid_count = True
    # the host CPU named by its family ("3090 with an epyc") or by a bare APU number the catalog
    # lacks ("4090 + 3400g"): the GPU answers; a family is kept as the host's kind (choose_host)
    families = [
        u
        for u in st.unsure
        if u.kind == "hardware"
        and u.suggestions
        and u.reason == "ambiguous"
        and all(catalog.hardware[c.id].kind == "cpu" for c in u.suggestions)
        # "quad 3090": a count of cards, and "a quad core cpu" a count of cores, not a Core 2
        # Quad host
        and P.LANG.number(u.text.lower()) is None
        and not P.CORE_COUNT_RE.search(u.text.lower())
        # "a quad 3090 setup": the count word read together with the cards it counts
        and not _counted_cards(st, u.text, gpu_like)
        # "RTX 3090 (24 GB, Ampere)": a card's own generation (language.yaml
        # architecture_words), not the Ampere Altra as its host
        and not _generation_of_card(st, u.text, gpu_like)
        # "a Turing with an Ampere card": a generation of cards, no host
        and not _generation_of_cards(st, u)
    ]
    # "24GB Ampere eGPUs": a generation of cards, neither a host nor a device to ask about
    st.unsure = [u for u in st.unsure if not (u.kind == "hardware" and _generation_of_cards(st, u))]
    st.host_families = [u.text for u in families]
    st.unsure = [
        u
        for u in st.unsure
        if not (
            u.kind == "hardware" and (u in families or P.APU_NUMBER_RE.fullmatch(u.text.lower()))
        )
    ]
    st.assumed.extend(h.note for h in (cards or [primary_hw]) if h.note)
    second_hw = rest[0] if rest else None
    if second_hw is not None and compared:
        hb = catalog.hardware[second_hw.eid]
        q.hardware_b = HardwareRef(id=hb.id, name=hb.name)
        q.gpus_b = second_hw.count
        if second_hw.memory and hb.kind in ("gpu", "apple", "unified"):
            q.vram_gb_b = second_hw.memory
        for h in rest[1 : MAX_COMPARED - 1]:
            q.more_hardware.append(_setup_ref(st, h))
    elif second_hw is not None:
        st.ignored.append(f"{second_hw.text} (one device at a time; took {hw.name})")
    return primary_hw


def _generation_of_cards(st: State, u) -> bool:
    """An unsure name that is a GPU generation (language.yaml architecture_words) with a card word
    right after it ("Ampere eGPUs", "two Ampere cards")."""
    words = u.text.lower().split()
    # the generation, perhaps after a count word the span took ("dual Ampere GPUs")
    at = next((i for i, w in enumerate(words) if w in P.LANG.architecture_words), None)
    if at is None or any(
        P.LANG.number(w) is None and not re.fullmatch(r"\d{1,2}[x×]?", w) for w in words[:at]
    ):
        return False
    said = words[at]
    at = st.low.find(said)
    while at >= 0:
        if P.ARCH_CARDS_AFTER.match(st.low, at + len(said)):
            return True
        at = st.low.find(said, at + 1)
    return False


def _generation_of_card(st: State, said: str, cards: list[Mention]) -> bool:
    """The word is a GPU generation (language.yaml architecture_words) that a card named is of."""
    arch = P.LANG.architecture_words.get(" ".join(said.lower().split()))
    cat = st.idx.catalog
    return arch is not None and any(cat.hardware[h.eid].arch == arch for h in cards)


def memory_alternatives(st: State, q: Query) -> None:
    """ "Mac mini M4: 16GB or 24GB?", "M5 Max, 64 or 128 GB?": two sizes one machine is sold with,
    said as alternatives, are the question: the machine at each size, side by side (a compare),
    not the first size alone."""
    if q.hardware is None or q.hardware_b is not None or len(q.setup) >= 2:
        return
    m = P.found(P.SIZE_ALTERNATIVES_RE, st.low)
    if m is None:
        return
    a, b = float(m.group(1)), float(m.group(2))
    hw = st.idx.catalog.hardware[q.hardware.id]
    if a == b or hw.kind not in ("gpu", "apple", "unified") or not all(map(hw.sold_with, (a, b))):
        return
    q.hardware_b = HardwareRef(id=hw.id, name=hw.name)
    q.gpus_b = q.gpus
    q.vram_gb, q.vram_gb_b = a, b


def _hypothetical(st: State, a: int, b: int) -> bool:
    """The span at a..b (a device, an amount) is wished for, planned, suggested or someone else's
    ("if i had a 5090", "suggest you buy 10x Blackwell Pro 6000", "people with M4 Pro"), or one
    the writer no longer has ("I recently sold my P40")."""
    if P.FORMER_BEFORE.search(st.low, max(0, a - 36), a):
        return True
    if P.HAD_BEFORE.search(st.low, max(0, a - 20), a):
        return False  # "ha i wish na it runs on my 3080ti": had
    if P.NEGATED_DEVICE_BEFORE.search(st.low, max(0, a - 24), a) and not (
        P.NEGATION_NOT_AFTER.match(st.low, b, b + 24)
    ):
        return True  # "There are no A100s, no H100s", "a 4090 instead of an A100": ruled out
    return bool(
        P.HYPOTHETICAL_BEFORE.search(st.low, max(0, a - 60), a)
        or P.HYPOTHETICAL_AFTER.match(st.low, b, b + 48)
    )


def _sold(st: State, hs: list[Mention]) -> set[str]:
    """The devices said as ones the writer no longer has ("I recently sold my P40")."""
    return {h.eid for h in hs if P.FORMER_BEFORE.search(st.low, max(0, h.start - 36), h.start)}


def _had_over_hypothetical(st: State, gpu_like: list[Mention], hws: list[Mention]) -> list[Mention]:
    """ "ha i wish na it runs on my 3080ti ... if i had a 5090 i'd just use ...", "I do not have a
    Mac Studio and never will but I have an old EPYC": a device wished for, planned or someone
    else's is left out when another device (a card, or a processor named) is the machine."""
    wished = [h for h in gpu_like if _hypothetical(st, h.start, h.end)]
    if not wished:
        return gpu_like
    # a device sold is sold wherever it is named again ("I recently sold my P40 ... not being
    # compatible with the NVIDIA Tesla P40"), and then a processor named is the machine ("... now
    # all I have is a UHD770 integrated graphics card in a 14600k")
    sold = _sold(st, wished)
    wished += [h for h in gpu_like if h.eid in sold and all(h is not w for w in wished)]
    kept = [h for h in gpu_like if all(h is not w for w in wished)]
    if kept and all(any(k.text.lower() in w.text.lower() for w in wished) for k in kept):
        # "you used a single 8xA100 40GB node ... a single A100 machine?": the same device named
        # again, not another machine
        return gpu_like
    others = (
        kept
        or [h for h in hws if all(h is not g for g in gpu_like)]
        or st.unknown_hw
        or (st.cpus if sold else [])
    )
    if not others:
        return gpu_like
    st.ignored.extend(f"{h.text} (wished for or someone else's, not the machine)" for h in wished)
    return kept


def _others_count(st: State, h: Mention) -> int | None:
    """ "worked on one of my RTX 3060's ... my other 2 3060's were detected": the same card said
    again after "other" with a count, the rest of the writer's cards (2; with the one named first,
    3 in all)."""
    low = st.low
    if "other" not in low:
        return None
    last = key_tokens(h.text)[-1:]
    for m in P.OTHER_COUNT_RE.finditer(low, h.end, min(len(low), h.end + 300)):
        if last and last[0] in key_tokens(low[m.end() : m.end() + len(h.text) + 8])[:3]:
            raw = m.group(1)
            n = int(raw) if raw.isdigit() else P.LANG.number(raw)
            return n if n and 1 <= n <= 15 else None
    return None


def _chip_code_of_card(st: State, gpu_like: list[Mention]) -> list[Mention]:
    """ "RX 6900 XT, gfx1030, 16 GB VRAM": the chip code of a card named beside it (its entry's
    gfx name) is that card's chip, not a second device; the memory said with it is the card's."""
    if len(gpu_like) < 2:
        return gpu_like
    cat = st.idx.catalog
    out = []
    for h in gpu_like:
        said = compact(h.text)
        card = next(
            (
                o
                for o in gpu_like
                if o is not h
                and cat.hardware[o.eid].gfx
                and compact(cat.hardware[o.eid].gfx) == said
            ),
            None,
        )
        if card is None:
            out.append(h)
            continue
        if card.memory is None and h.memory is not None:
            card.memory = h.memory
        for mem in st.memories:
            if mem.owner is h:
                mem.owner = card
    return out or gpu_like


def _variant_said_later(gpu_like: list[Mention]) -> list[Mention]:
    """ "the case of A100 fp16 ... near 4xA100-40G": a name said again with its memory is the same
    card, the variant that memory says, not a second device; so is a bare name said again in a
    tool's fuller form ("on A100 ... GPU 0: NVIDIA A100 80GB PCIe": language.yaml
    card_form_words)."""
    if len(gpu_like) < 2:
        return gpu_like
    out = []
    for h in gpu_like:
        same = (
            None
            if h.memory is not None
            else next(
                (
                    o
                    for o in gpu_like
                    if o.eid != h.eid
                    and (
                        (o.memory is not None and key_tokens(o.text) == key_tokens(h.text))
                        or _fuller_name(key_tokens(h.text), key_tokens(o.text))
                    )
                ),
                None,
            )
        )
        if same is None:
            out.append(h)
        elif same.count is None and h.count is not None:
            same.count = h.count  # "a800*2 ... NVIDIA A800 80GB PCIe": the count said with the name
    return out or gpu_like


def _fuller_name(bare: list[str], full: list[str]) -> bool:
    """ "a100" in "nvidia a100 80 gb pcie": the fuller name has every word of the bare one, and only
    maker, form and memory words besides (no tier: "3090" is not "3090 ti")."""
    if len(full) <= len(bare) or not set(bare) <= set(full):
        return False
    return all(t in bare or t.isdigit() or t in _VARIANT_WORDS for t in full)


_VARIANT_WORDS = frozenset(P.LANG.card_form_words)


def _unknown_card_beside_igpus(st: State, gpu_like: list[Mention]) -> bool:
    """Every device named is an integrated GPU, and a device the catalog lacks is said as a
    discrete card ("an NVIDIA MX450", language.yaml discrete_card_words)."""
    cat = st.idx.catalog
    return all(cat.hardware[h.eid].kind == "igpu" for h in gpu_like) and any(
        P.DISCRETE_CARD_RE.search(st.low, a, b) for a, b in st.unknown_hw
    )


def _igpu_of_named_host(st: State, gpu_like: list[Mention]) -> list[Mention]:
    """ "an Intel Iris Xe built into my 13th Gen Intel Core i7-1360P", "i5-1240p / Iris Xe": an
    integrated GPU said by its plain name beside the processor it is in is that processor's iGPU as
    the family rules derive it (its units, the host's memory: DDR5-5200 there), not the catalogued
    entry's usual platform (Iris Xe's Tiger Lake DDR4-3200) when the host's memory is another. Only
    with no card named."""
    cat = st.idx.catalog
    if not st.cpus or any(cat.hardware[h.eid].kind != "igpu" for h in gpu_like):
        return gpu_like
    out = []
    for h in gpu_like:
        host = next((t for a, b, t in st.cpus if b <= h.start or a >= h.end), None)
        hw = infer_hardware(f"{h.text} {host}", cat) if host else None
        plain = infer_hardware(h.text, cat) if hw is not None else None
        if hw is None or hw.kind != "igpu" or plain is None or plain.id == hw.id:
            out.append(h)  # no rule reads this chip with that host
            continue
        if igpu_named_by(st, host) == h.eid:
            out.append(
                h
            )  # the catalogued chip is that very processor's ("Ryzen AI 7 350 ... 860M")
            continue
        if abs(hw.bandwidth_gbps - cat.hardware[h.eid].bandwidth_gbps) <= 0.05 * hw.bandwidth_gbps:
            out.append(h)  # the catalogued chip already runs on that memory (a 680M's DDR5)
            continue
        cat.hardware.remember(hw)
        st.assumed.append(f'"{h.text}": the graphics of the {host.strip()}, with its memory')
        out.append(replace(h, eid=hw.id))
    return out


def _after_upgrade(st: State, gpu_like: list[Mention]) -> list[Mention]:
    """ "upgraded GPUs from a 3080 ti to a 5080", "replaced my 3060 with a 4090": the card the
    other was replaced by is the machine; the replaced one is left out."""
    for old, new in pairwise(gpu_like):
        if P.UPGRADE_GAP.match(st.low[old.end : new.start]) and P.UPGRADE_BEFORE.search(
            st.low, max(0, old.start - 48), old.start
        ):
            st.ignored.append(f"{old.text} (replaced by {new.text})")
            return [h for h in gpu_like if h is not old]
    return gpu_like


def _got_since(st: State, gpu_like: list[Mention]) -> list[Mention]:
    """ "hosting smaller models on my 4090 for a long time ... so I got 2x 5090s": a card said as
    the one used until now (language.yaml former_use_after), then another got since
    (acquired_before): the card got is the machine, the earlier one is left out."""
    if len(gpu_like) < 2 or len({h.eid for h in gpu_like}) != 2:
        return gpu_like
    old, new = gpu_like[0], gpu_like[-1]
    if old.eid == new.eid or not P.FORMER_USE_AFTER.match(st.low, old.end):
        return gpu_like
    if not P.ACQUIRED_BEFORE.search(st.low, max(0, new.start - 30), new.start):
        return gpu_like
    st.ignored.append(f"{old.text} (the card used before {new.text})")
    return [h for h in gpu_like if h.eid != old.eid]


def _training_cards(st: State, gpu_like: list[Mention]) -> list[Mention]:
    """ "微调8卡a800（80G）够吗，推理至少需要什么显卡呢，8卡4090够吗": a card said as the one to
    fine-tune on (language.yaml training_before) is left out when another card is named to run the
    model on: running is what the answer estimates."""
    if len(gpu_like) < 2:
        return gpu_like
    training = [
        h for h in gpu_like if P.TRAINING_BEFORE.search(st.low, max(0, h.start - 40), h.start)
    ]
    if not training or len(training) == len(gpu_like):
        return gpu_like
    st.ignored.extend(f"{h.text} (the card to fine-tune on)" for h in training)
    return [h for h in gpu_like if all(h is not t for t in training)]


def _current_cards(st: State, gpu_like: list[Mention]) -> list[Mention]:
    """ "Old GPU: AMD RX6800XT / New GPU: Nvidia RTX4070Ti Super": a card on a line labelled as
    the machine's former one is left out when another card is named."""
    former = [
        h
        for h in gpu_like
        if P.FORMER_DEVICE_LINE.match(st.low, st.low.rfind("\n", 0, h.start) + 1)
    ]
    if not former or len(former) == len(gpu_like):
        return gpu_like
    st.ignored.extend(f"{h.text} (a card the machine had before)" for h in former)
    return [h for h in gpu_like if all(h is not f for f in former)]


def _rig_listed(st: State, gpu_like: list[Mention]) -> list[Mention]:
    """ "At the time I had 2x 4070 Ti Super ... I got my hands on a 4090 and swapped the 4070 ...
    Rig: i7-14700KF, NVidia 4090, NVidia 4070 TI Super": the cards a labelled list of the machine
    names (language.yaml rig_labels, up to the sentence's end) are the machine, as many as it
    names; the others were said in the story. Only when the list names two cards or more, and
    other cards are named. A name said twice is one mention (its first place, its counts added),
    so the list is searched for each mention's words."""
    if len(gpu_like) < 3 or (":" not in st.low and "：" not in st.low):
        return gpu_like
    found: list[tuple[int, int, Mention]] = []
    for m in P.scan(P.RIG_LABEL_RE, st.low):
        stop = P.SENTENCE_END_RE.search(st.low, m.end())
        a, b = m.end(), stop.start() if stop else len(st.low)
        for h in gpu_like:
            said = h.text.lower()
            at = st.low.find(said, a, b)
            while said and at >= 0:
                found.append((at, at + len(said), h))
                at = st.low.find(said, at + len(said), b)
    # "4070" inside "4070 TI Super" is that card's name, not a 4070
    found = [
        f for f in found if not any(g is not f and g[0] <= f[0] and f[1] <= g[1] for g in found)
    ]
    listed = [h for h in gpu_like if any(f[2] is h for f in found)]
    if len(listed) < 2 or len(listed) == len(gpu_like):
        return gpu_like
    st.ignored.extend(
        f"{h.text} (said in the story; the machine is the rig listed)"
        for h in gpu_like
        if all(h is not x for x in listed)
    )
    firsts = {id(f[2]): f for f in sorted(found, reverse=True)}
    st.rig_listed = [
        replace(
            h, start=firsts[id(h)][0], end=firsts[id(h)][1], count=None, memory=_own_memory(st, h)
        )
        for h in sorted(listed, key=lambda h: firsts[id(h)][0])
    ]
    return st.rig_listed


def _own_memory(st: State, h: Mention) -> float | None:
    """The memory said beside a card, unless no card of its kind has that much (over three times
    its largest: "NVidia 4070 TI Super, 128GB DDR5" is the machine's RAM, as assign_memory reads)."""
    hw = st.idx.catalog.hardware[h.eid]
    most = max((hw.memory_gb, *hw.memory_options_gb))
    return h.memory if h.memory and h.memory <= 3 * most else None


def _owned(st: State, h: Mention) -> bool:
    """An owning phrase right before the mention, or before the same name said again further on
    ("numbers for the M1/M2/M3 chips ... on my MacBook Air M2": the mentions were merged)."""
    text = h.text.lower()
    at = h.start
    while at >= 0:
        if P.OWNER_BEFORE.search(st.low, max(0, at - 28), at) is not None:
            return True
        at = st.low.find(text, at + len(text)) if text else -1
    return False


def _compared_pair(st: State, a: Mention, b: Mention) -> bool:
    """A comparison word between two mentions of one sentence, or right after the later one ("is a
    4090 faster than my 3090", "my 3090 or a 4090, which")."""
    lo, hi = (a, b) if a.start < b.start else (b, a)
    if P.SENTENCE_END_RE.search(st.low, lo.end, hi.start):
        return False
    end = P.SENTENCE_END_RE.search(st.low, hi.end, hi.end + 24)
    return P.COMPARE_RE.search(st.low, lo.end, end.start() if end else hi.end + 24) is not None


def _tied(st: State, a: Mention, b: Mention) -> bool:
    """Two mentions said together in one sentence as one rig ("my 3090 and a 3060") or against each
    other ("is a 4090 faster than my 3090", "my 3090 or a 4090, which"): a setup or comparison word
    between them, or a comparison word right after the later one."""
    lo, hi = (a, b) if a.start < b.start else (b, a)
    gap = st.low[lo.end : hi.start]
    if len(gap) <= 40 and (P.SETUP_JOINER_RE.search(gap) or P.LIST_GAP.fullmatch(gap)):
        return P.SENTENCE_END_RE.search(gap) is None
    return _compared_pair(st, a, b)


def _an_option(st: State, h: Mention) -> bool:
    """The mention's sentence weighs it as an option: to buy, build, add or switch to."""
    a = max((m.end() for m in P.SENTENCE_END_RE.finditer(st.low, 0, h.start)), default=0)
    end = P.SENTENCE_END_RE.search(st.low, h.end)
    b = end.start() if end else len(st.low)
    if st.low.startswith("?", b):
        return True  # asked about
    return any(
        rx.search(st.low, a, b)
        for rx in (P.OPTION_CUE_RE, P.UPGRADE_ADD_RE, P.UPGRADE_REPLACE_RE, P.UPGRADE_WORTH_RE)
    )


def _owned_and_option(st: State, gpu_like: list[Mention]) -> bool:
    """ "I have been testing with my M1 MacBook Air with 16GB RAM. Would a maxed out M3 Max with
    128GB RAM be the one that lasts?", "I have a 3090. Would a 5090 be worth it?": two devices, the
    writer's own and one weighed as an option in a sentence of its own, are the two machines the
    question sets side by side, the one had first; not one rig, not the first alone."""
    if len(gpu_like) != 2 or gpu_like[0].eid == gpu_like[1].eid:
        return False
    owned = [_owned(st, h) for h in gpu_like]
    if owned[0] == owned[1]:
        return False
    had, other = (gpu_like[0], gpu_like[1]) if owned[0] else (gpu_like[1], gpu_like[0])
    if (
        had.start > other.start
        and P.SENTENCE_END_RE.search(st.low, other.end, had.start)
        and P.OPTION_CUE_RE.search(st.low, max(0, other.start - 48), other.start)
    ):
        # "I am considering building a 2x r9700 rig. Currently I have a 2x 3090 rig": the option
        # weighed first (its cue right before it), the machine had said after in a sentence of
        # its own
        return not _an_option(st, had)
    if had.start > other.start or not P.SENTENCE_END_RE.search(st.low, had.end, other.start):
        # one sentence: a rig ("my 3090 and a 3060") or read by the other rules; the one had
        # said after ("as a fellow 3090 owner ... I paired my 3060 ti with it"): a story
        return False
    end = P.SENTENCE_END_RE.search(st.low, other.end)
    asks = end is not None and st.low.startswith("?", end.start())
    return asks and _an_option(st, other) and not _an_option(st, had)


def _owned_side_first(st: State, sides: list[Mention]) -> list[Mention]:
    """ "the B580 has better performance ... although my A770M is the weaker mobile variant": of
    two devices compared, the one said as the writer's own is the machine asked about and the
    other the device it is compared with, whichever is said first. Not when the other is asked
    about or weighed as an option ("Is a 4090 faster than my 3090?": the 4090 is the question)."""
    owned = [h for h in sides if _owned(st, h)]
    if not owned or len(owned) == len(sides):
        return sides
    if any(_an_option(st, h) for h in sides if all(h is not o for o in owned)):
        return sides
    return owned + [h for h in sides if all(h is not o for o in owned)]


def _owned_first(st: State, gpu_like: list[Mention]) -> list[Mention]:
    """ "for a rtx 4090, what the performance will be? ... I have an rtx 4080s", "cheaper than 5090
    ... I have 3060ti 8gb": of several devices, the one said as the writer's own is the machine;
    one merely mentioned (considered, someone else's, a linked issue's, a sentence away) is left
    out, unless the two are said together as one rig or compared ("is a 4090 faster than my
    3090")."""
    if len(gpu_like) < 2 or len({h.eid for h in gpu_like}) < 2:
        return gpu_like
    needed = [h for h in gpu_like if _needed(st, h)]
    rest = [h for h in gpu_like if not any(h.eid == n.eid for n in needed)]
    if needed and rest:
        # "R1 needs 8xH100 ... on a single consumer GPU (e.g. 24GB 4090)": what the model needs
        # is no machine, the device said apart from it is, owned in so many words or not
        st.ignored.extend(
            f"{h.text} (what it needs; the machine is {rest[0].text})" for h in needed
        )
        return rest
    guides = [h for h in gpu_like if P.DOCUMENT_AFTER.match(st.low, h.end, h.end + 24)]
    rest = [h for h in gpu_like if not any(h.eid == g.eid for g in guides)]
    if guides and rest and not any(_tied(st, g, r) for g in guides for r in rest):
        # "following the DGX Spark playbook on a Jetson Orin Nano": a guide's subject is no
        # machine, the device it is followed on is
        st.ignored.extend(
            f"{h.text} (a guide's subject; the machine is {rest[0].text})" for h in guides
        )
        return rest
    owned = [h for h in gpu_like if _owned(st, h)]
    mine = {h.eid for h in owned}
    if not owned or len(mine) == len({h.eid for h in gpu_like}):
        return gpu_like
    others = [h for h in gpu_like if h.eid not in mine]
    if any(_an_option(st, h) for h in others) or any(
        _tied(st, h, o) for h in others for o in owned
    ):
        return gpu_like
    kept = [h for h in gpu_like if h.eid in mine]
    st.ignored.extend(f"{h.text} (mentioned; the machine is {kept[0].text})" for h in others)
    return kept


def _needed(st: State, h: Mention) -> bool:
    """The device is named as what a model needs ("needs 8xH100", "requires an H100 80GB":
    language.yaml requirement_before)."""
    return P.REQUIRED_BEFORE.search(st.low, max(0, h.start - 32), h.start) is not None


def _card_over_cpu_graphics(st: State, gpu_like: list[Mention]) -> list[Mention]:
    """ "CPU: Ryzen AI 9 HX 370 w/ Radeon 890M / GPU: RTX 4060 Laptop GPU", a Strix Halo mini PC
    with an eGPU 3090: the graphics named inside the processor's name are not the machine's GPU
    when a discrete card is named too (unless the two are compared)."""
    catalog = st.idx.catalog
    if not any(catalog.hardware[h.eid].kind == "gpu" for h in gpu_like):
        return gpu_like
    inside = [h for h in gpu_like if catalog.hardware[h.eid].kind in ("igpu", "unified")]
    if kept := _apu_with_card(st, inside, gpu_like):
        st.apus_with_card.extend(kept)
        inside = [h for h in inside if all(h is not k for k in kept)]
    if not inside:
        return gpu_like
    names = [m.span() for m in P.CPU_GRAPHICS_RE.finditer(st.low)]
    if not names:
        # an APU said by its processor's name ("a laptop with a Ryzen AI 9 HX 370 and an RTX
        # 4060", "Strix Halo 128GB with an RTX 3090 eGPU") is the host of the card named beside
        # it; its graphics said by their own name ("780M and a 4060") stay a device. A comparison
        # word compares the APU only in its own sentence ("HX 370 vs RTX 4060"), not a report's
        # title a sentence away ("performance comparison on my laptop ... My hardware is ... a
        # Ryzen 9 AI HX 370 ... and an RTX 4060 Mobile")
        compared = st.compared()
        inside = [
            h for h in inside if not _names_graphics(h) and not (compared and _compared_here(st, h))
        ]
        if not inside:
            return gpu_like
        st.card_hosts.extend(inside)
    elif st.compared():
        # a comparison word somewhere ("~30x slower") compares the graphics said on their own
        # ("my 890M vs the 4060"), and those in the processor's full name only beside it ("HX 370
        # w/ Radeon 890M vs RTX 4060"), not a spec line's host ("CPU: AMD Ryzen AI 9 HX 370 w/
        # Radeon 890M") a paragraph away
        inside = [h for h in inside if _in_cpu_name(h, names) and not _compared_here(st, h)]
        if not inside:
            return gpu_like
    st.ignored.extend(f"{h.text} (the processor's graphics; a card is named)" for h in inside)
    return [h for h in gpu_like if all(h is not i for i in inside)]


def _apu_with_card(st: State, inside: list[Mention], gpu_like: list[Mention]) -> list[Mention]:
    """ "AMD Strix Halo + Nvidia 3060 eGPU ... Tensor split", a backend's device list naming an RTX
    5070 Ti and the Radeon 8060S: a unified-memory APU the text says runs a model together with the
    card(s) named beside it (language.yaml apu_with_card_words, or each device a numbered line of a
    log) is a device of the machine too, not only the card's host; not when they are compared."""
    catalog = st.idx.catalog
    apus = [h for h in inside if catalog.hardware[h.eid].kind == "unified"]
    cards = [h for h in gpu_like if catalog.hardware[h.eid].kind == "gpu"]
    if not apus or not cards or st.compared() is not None:
        return []
    if P.found(P.APU_WITH_CARD_RE, st.low) or all(_labelled(st, h) for h in (*apus, *cards)):
        return apus
    return []


def _in_cpu_name(h: Mention, names: list[tuple[int, int]]) -> bool:
    return any(a <= h.start < b for a, b in names)


def _compared_here(st: State, h: Mention) -> bool:
    """A comparison word in the mention's sentence, near it."""
    a, b = max(0, h.start - 60), min(len(st.low), h.end + 60)
    for m in P.SENTENCE_END_RE.finditer(st.low, a, b):
        if m.end() <= h.start:
            a = m.end()
        elif m.start() >= h.end:
            b = m.start()
            break
    return P.COMPARE_RE.search(st.low, a, b) is not None


def _gain_over(st: State, gpu_like: list[Mention]) -> bool:
    """ "Jetson AGX Thor launched, with a 5x boost in performance over Jetson AGX Orin": a gain
    said of one device over another named right after (language.yaml gain_nouns,
    gain_over_words), two devices compared."""
    first = gpu_like[0] if gpu_like else None
    second = next((h for h in gpu_like if h.eid != first.eid), None) if first else None
    if second is None:
        return False
    a, b = sorted((first, second), key=lambda h: h.start)
    return b.start - a.end <= 200 and P.GAIN_OVER_RE.search(st.low, a.end, b.start) is not None


def _compare_placed(st: State, gpu_like: list[Mention], hws: list[Mention]) -> bool:
    """A comparison word that sets two devices side by side: one of compare_words anywhere, but
    one that joins alternatives (language.yaml compare_between_words: "or", "还是") only between
    two different devices ("a 3090 or a 4090"), not before both or after both ("Or some website
    ... for a rtx 4090 ... I have an rtx 4080s")."""
    cat = st.idx.catalog
    boards = [
        h
        for h in hws
        if cat.hardware[h.eid].kind == "cpu" and cat.hardware[h.eid].form == "embedded"
    ]
    sides = sorted(gpu_like + boards, key=lambda h: h.start)
    for m in P.COMPARE_RE.finditer(st.low):
        if " ".join(m.group().split()) not in P.LANG.compare_between_words:
            return True
        before = {h.eid for h in sides if h.end <= m.start()}
        after = {h.eid for h in sides if h.start >= m.end()}
        if before and after and (len(before | after) >= 2):
            return True
    return False


def _compared_by_speed(st: State, gpu_like: list[Mention]) -> bool:
    """Two devices each said with a speed of its own ("on my 3090 I get 30 t/s, on a 4090 50 t/s",
    "3090: 30 t/s / 4090: 50 t/s", "~400 tok/s on MI210. A100 benchmarks show ~1200 tok/s"): runs
    compared, not one machine."""
    # any two neighbouring mentions of different devices: the runs are often told after the
    # devices were introduced ("an A6000 and a 4090 ... on the A6000 it took 23 seconds, on the
    # 4090 16 seconds")
    seen = []
    for h in gpu_like:
        if h.text and not any(h.eid == e for *_x, e in seen):
            text = h.text.lower()
            at = st.low.find(text)
            while at >= 0:  # every place the device is named again, as it was first named
                seen.append((at, at + len(text), h.eid))
                at = st.low.find(text, at + len(text))
    order = sorted(seen)
    pairs = [(a, b) for a, b in pairwise(order) if a[2] != b[2]]
    return any(_pair_by_speed(st, a[0], a[1], b[0], b[1]) for a, b in pairs)


def _pair_by_speed(st: State, start1: int, end1: int, start2: int, end2: int) -> bool:
    if start2 - end1 > 160:
        return False
    if P.ADDING_RE.search(st.low, end1, start2):
        return False  # "... when adding a second 3090": one machine
    a, b = max(0, start1 - 40), end2 + 50
    figures = [
        m.start() + a
        for pattern in (P.SPEED_RE, P.RUN_TIME_RE)  # a speed or a run's time, each its own
        for m in P.scan(pattern, st.low[a:b])
    ]
    ones = [x for x in figures if x < start2]
    others = [x for x in figures if x > end1]
    if any(x != y for x in ones for y in others):
        return True
    # "... the 3090 gets 30": a bare figure for the second once the first had a unit
    return bool(ones) and P.SPEED_BARE_RE.search(st.low, end2, end2 + 24) is not None


def _contrasted_runs(st: State, gpu_like: list[Mention]) -> bool:
    """Two devices in clauses joined by a contrast, each said with how a run on it went ("slow on
    the RTX3090, but still fast on 1080Ti", "the 5080 falls back to CPU, while a 4060 works"):
    runs compared, not one rig (language.yaml contrast_words, run_outcome_words)."""
    first = gpu_like[0] if gpu_like else None
    second = next((h for h in gpu_like if h.eid != first.eid), None) if first else None
    if second is None:
        return False
    a, b = sorted((first, second), key=lambda h: h.start)
    if b.start - a.end > 160 or P.ADDING_RE.search(st.low, a.end, b.start):
        return False
    turn = P.CONTRAST_RE.search(st.low, a.end, b.start)
    if turn is None:
        return False
    return (
        P.RUN_OUTCOME_RE.search(st.low, max(0, a.start - 60), turn.start()) is not None
        and P.RUN_OUTCOME_RE.search(st.low, turn.end(), min(len(st.low), b.end + 60)) is not None
    )


def _owned_apart(st: State, gpu_like: list[Mention]) -> bool:
    """Two cards, one said as someone else's ("my friend has a 4090 and I have a 7900 XTX"): two
    machines, compared, not one rig."""
    first = gpu_like[0] if gpu_like else None
    second = next((h for h in gpu_like if h.eid != first.eid), None) if first else None
    if second is None:
        return False
    owned = [
        P.OTHER_OWNER_BEFORE.search(st.low, max(0, h.start - 48), h.start) is not None
        for h in (first, second)
    ]
    return owned[0] != owned[1]


def _on_device_line(st: State, h: Mention) -> bool:
    """The mention sits on a numbered line of a tool's device list ("Device 0: AMD Instinct
    MI250X / MI250": both names are that one device)."""
    start = st.low.rfind("\n", 0, h.start) + 1
    return P.DEVICE_LINE_START.match(st.low, start) is not None


def _own_lines_count(st: State, cards: list[Mention]) -> int | None:
    """How many lines in a row end with the card's name and at most its memory, each after the
    first naming nothing else ("... AMD Radeon RX 7900 XTX (24 GiB VRAM)" then "AMD Radeon RX 7900
    XTX (24 GiB VRAM)"): the machine's list of its cards, when two or more."""
    low = st.low
    name = low[cards[0].start : cards[0].end]
    run, best, prev_end = 0, 0, -2
    at = low.find(name)
    while at >= 0:
        start = low.rfind("\n", 0, at) + 1
        rest = P.OWN_LINE_REST.match(low, at + len(name))
        if rest is not None:
            before = low[start:at].strip(" \t-*•").split()
            alone = all(w in P.LANG.card_form_words for w in before)  # "AMD Radeon ..."
            run = run + 1 if alone and start == prev_end + 1 and run else 1
            best = max(best, run)
            prev_end = at + len(name) + len(rest.group().rstrip("\n"))
        at = low.find(name, at + len(name))
    return best if 2 <= best <= 16 else None


def _listed_count(st: State) -> int | None:
    """How many devices a tool's numbered list shows ("GPU 0:" ... "GPU 7:", "GPU1:", "GPU2:",
    nvidia-smi's rows), when there are two lines or more."""
    numbers = {
        int(n)
        for m in P.scan(P.DEVICE_LINE_RE, st.low)
        if not P.INTEGRATED_AFTER.match(st.low, m.end())
        for n in (m.group(1) or m.group(2)).split(",")
    }
    if len(numbers) < 2 and "(" in st.low:
        # "GPU 1 (12GB) + GPU 2 (12GB)": numbered GPUs, each with its memory
        numbers = {int(m.group(1)) for m in P.scan(P.GPU_MEMORY_ITEM_RE, st.low)}
    if len(numbers) < 2:
        # nvidia-smi's table: a row per GPU ("|   0  NVIDIA L4  On |", "|   1  NVIDIA L4  On |")
        numbers = {
            int(m.group(1))
            for rx in (P.NVSMI_ROW_RE, P.NVSMI_BARE_ROW_RE)
            for m in P.scan(rx, st.low)
        }
    if len(numbers) < 2:
        # lspci: a graphics line per device, not the board's display chip or the CPU's graphics
        buses = {
            m.group(1)
            for m in P.scan(P.LSPCI_GPU_RE, st.low)
            if not P.NOT_A_CARD_RE.search(m.group(2))
        }
        return len(buses) if 2 <= len(buses) <= 16 else None
    n = max(numbers) + (1 if min(numbers) == 0 else 0)
    return n if n <= 16 else None


def _generic_system(h: Hardware) -> bool:
    """A system of a memory type and no named chip ("ddr4" -> the generic DDR4 desktop)."""
    return h.kind == "cpu" and h.vendor == "other" and h.form != "embedded"


def _has_cards(st: State) -> bool:
    """The text says the machine has graphics cards without naming one: VRAM of its own, or
    cards counted ("two GPUs")."""
    return any(m.kind == "vram" and not m.model_size for m in st.memories) or bool(_card_count(st))


def _card_count(st: State) -> int | None:
    """ "on 2 GPUs", "单张显卡": a count of cards said apart from the card's name (at most 16); a
    total said with a measure word ("共8张"); a tool's count of the devices it found ("gpuCount":
    8, "found 2 ROCm devices")."""
    for m in P.scan(P.TOTAL_CARDS_RE, st.low):
        if 1 <= (n := int(m.group(1))) <= 16:
            return n
    if (found := P.found(P.FOUND_DEVICES_RE, st.low)) and 1 <= (
        n := int(found.group(1) or found.group(2) or found.group(3))
    ) <= 16:
        return n
    first = None
    for m in P.scan(P.CARD_COUNT_RE, st.low):
        # (the count and the card word free: a memory read between them is the cards' own, "dual
        # 24GB eGPUs")
        if not st.mask.free(*m.span(1 if m.group(1) else 2)) or not st.mask.free(
            m.end() - 1, m.end()
        ):
            continue
        if P.COUNT_BOUND_BEFORE.search(st.low, max(0, m.start() - 16), m.start()):
            continue  # "more than 8 video cards": a bound, not the cards had
        if m.group(1) is None and P.PURCHASE_PLANNED_BEFORE.search(
            st.low, max(0, m.start() - 80), m.start()
        ):
            continue  # "I'm about to buy two 32GB cards": planned, not had
        if any(st.low.endswith(w, 0, m.start()) for w in P.LANG.ordinal_marks):
            continue  # "第一张卡": the first card, not one card (language.yaml ordinal_marks)
        raw = m.group(1) or m.group(2)
        n = (
            2
            if raw in P.LANG.card_pair_words
            else int(raw)
            if raw.isdigit()
            else P.LANG.number(raw)
        )
        said = m.group().rstrip()
        if n > 16 and raw.isdigit() and (said.endswith("s") or not said[-1:].isascii()):
            # "exactly 64 gpus", "with 32 cards", "4节点 32卡" (a card word with no plural): a
            # cluster's cards, counted in all as a named card's are ("32x 4090"); past what one
            # setup holds, said and answered for one
            if n > MAX_GPUS:
                _too_many(st, n)
                continue
            return n
        if not n or not 1 <= n <= 16:
            continue
        if n == 1 and P.CARD_OTHER_AFTER.match(st.low, m.end()):
            continue  # "1707 MB on one card, 14693 MB on the other": one of the cards
        if first is None:
            first = n  # "both gpus": 2
        elif n != first and P.HAD_BEFORE.search(st.low, max(0, m.start() - 30), m.start()):
            return n  # "why use one GPU / I have four gpu device": the cards the writer has
    return first


def _split_count(st: State) -> int | None:
    """The GPUs a model is split over by a list of shares, one each ("-ts 1,0,0,0": four, the
    zero share a device left out; "auto_map=[17.5, 22]": two), when the text gives one such list."""
    found = P.found(P.SPLIT_FLAG_RE, st.low)
    if found is None:
        return None
    n = found.group(1).count(",") + 1 if found.group(1) else len(found.group(2).split())
    return n if 2 <= n <= 16 else None


def _count_back(st: State, h: Mention) -> int | None:
    """ "Tesla P100 cards ... deploying four of them": a count said after the device, of it. Only
    when nothing else that comes in numbers is named between the start of the device's sentence
    and the count ("3 quants on my 3090, 2 of them crash" counts quants)."""
    for m in P.scan(P.COUNT_BACK_RE, st.low):
        if m.start() < h.end or m.start() - h.end > 240:
            continue
        start = max(st.low.rfind(c, 0, h.start) for c in (". ", "\n", "? ", "! ")) + 1
        said = st.low[start : h.start] + " " + st.low[h.end : m.start()]
        if any(
            w.group() not in P.LANG.card_words and w.group() not in P.NOT_PLURALS
            for w in P.PLURAL_WORD_RE.finditer(said)
        ):
            return None
        raw = m.group(1) or m.group(2)
        n = int(raw) if raw.isdigit() else P.LANG.number(raw.strip())
        return n if n and 2 <= n <= 16 else None
    return None


# a generation -> the words said for it ("ada": "ada", "lovelace"), language.yaml architecture_words
_ARCH_SAID: dict[str, tuple[str, ...]] = {}
for _w, _arch in P.LANG.architecture_words.items():
    _ARCH_SAID[_arch] = (*_ARCH_SAID.get(_arch, ()), _w)


def _arch_count(st: State, hw: Hardware) -> int | None:
    """ "The RTX 6000 pro Blackwell route ... 384gb of VRAM from four blackwells": cards counted
    by their generation in the plural, the card named being of that generation."""
    said = _ARCH_SAID.get(hw.arch or "")
    if not said or not any(w in st.low for w in said):
        return None  # (a look for the generation's own words first: most texts say none)
    for m in P.ARCH_COUNT_RE.finditer(st.low):
        if P.LANG.architecture_words.get(m.group(3)) != hw.arch:
            continue
        raw = m.group(1) or m.group(2)
        n = int(raw) if raw.isdigit() else P.LANG.number(raw.strip())
        if n and 2 <= n <= 16:
            return n
    return None


def _owned_count(st: State, h: Mention) -> int | None:
    """ "two 3090s are enough for this, I use three", "I don't have 8 x H200 GPUs (in fact, I only
    have one)", "I got my 4th one": the writer's own count of the device, said after it in a clause
    of its own (within 240 characters, nothing else that comes in numbers named between). Only
    of a device said with a count or in the plural ("3090s"): a count of one card said alone
    ("on a 3090") is no question of how many."""
    # (on the text after the name: PLURAL_AFTER's '^' holds at the string's start only)
    if not (h.count or P.PLURAL_AFTER.match(st.low[h.end : h.end + 12])):
        return None
    low, end = st.low, min(len(st.low), h.end + 260)
    m = P.OWNED_COUNT_RE.search(low, h.end, end)
    if not set(P.numbers_then(low)).isdisjoint("snrt"):  # an ordinal's "st", "nd", "rd", "th"
        o = P.ORDINAL_CARD_RE.search(low, h.end, end)
        m = o if o and (m is None or o.start() < m.start()) else m
    if m is None or m.start() - h.end > 240:
        return None
    if any(
        w.group() not in P.LANG.card_words and w.group() not in P.NOT_PLURALS
        for w in P.PLURAL_WORD_RE.finditer(low, h.end, m.start())
    ):
        return None
    raw = next(g for g in m.groups() if g)
    n = int(raw) if raw.isdigit() else P.LANG.number(raw.strip())
    return n if n and 1 <= n <= 16 else None


def _unknown_card_count(st: State) -> int | None:
    """The count said before the first card the catalog does not have ("4x RX470")."""
    for a, b in st.unknown_cards:
        n = count_near(st, Mention("hardware", None, a, b, 0.0, [], st.low[a:b]))
        if n:
            return n
    return None


def _asked_card_count(st: State) -> int | None:
    """The count said before a card name several entries share, which the answer asks about
    ("2x RTX 6000": which RTX 6000, two of them)."""
    cat = st.idx.catalog
    for u in st.unsure:
        if u.kind != "hardware" or u.reason != "ambiguous" or not u.suggestions:
            continue
        if any(cat.hardware[c.id].kind != "gpu" for c in u.suggestions):
            continue
        if (at := st.low.find(u.text.lower())) >= 0:
            h = Mention("hardware", None, at, at + len(u.text), 0.0, [], u.text)
            if n := count_near(st, h):
                return n
    return None


def _ids(u) -> set[str]:
    return {c.id for c in u.suggestions}


def _cpu_system(st: State, q: Query, hws: list[Mention]) -> Mention | None:
    catalog = st.idx.catalog
    cpu_entry = cpu_hardware(st, hws, q.cpu_only)
    if cpu_entry is None and st.unknown_cpus:
        return None  # said to be unknown: no generic system in its place
    if cpu_entry is None and not q.cpu_only and (machine := _machine_stand_in(st)) is not None:
        # "best model for my android phone with 12gb ram", "what can my NAS run": no chip, card or
        # computer named; the answer works it out on a chip such a machine has, with the memory
        # said (language.yaml machine_stand_ins: answers._hardware_arg), said as assumed, rather
        # than on a desktop CPU's memory and cores; the machine itself stays unnamed
        said, hw = machine
        q.stand_in = hw.id
        st.assumed.append(f"{said}, no chip named: worked out on {hw.name} (assumed)")
        return None
    if (
        cpu_entry is not None
        and not q.cpu_only
        and _generic_system(catalog.hardware[cpu_entry])
        and _has_cards(st)
    ):
        # "8gb Ram and 4gb vram and i5 processor": a machine with a card of its own, named by
        # none; its processor's family is the host's, not a CPU-only system to answer for
        st.ignored.append(f"{catalog.hardware[cpu_entry].name} (the host of a card not named)")
        return None
    primary_hw = next((h for h in hws if h.eid == cpu_entry), None)
    if cpu_entry is None and not q.cpu_only and _plain_laptop(st):
        q.cpu_only = True  # "an older laptop with 8 gigs of RAM": its processor and that memory
    if cpu_entry is not None or q.cpu_only:
        # "cpu only laptop": a power-limited mobile CPU on SO-DIMMs, not a desktop's (also when
        # only the memory was named, "laptop with 16gb ddr4", which reads as the desktop system)
        old = st.intel_mac or P.found(P.OLD_MACHINE_RE, st.low) is not None
        ddr = f"ddr{st.ddr}" if st.ddr in ("3", "4") else "ddr4" if not st.ddr and old else "ddr5"
        if cpu_entry in ("cpu-ddr4-2ch", "cpu-ddr5-2ch"):
            ddr, cpu_entry = cpu_entry.split("-")[1], None
        laptop = P.LAPTOP_WORD_RE.search(st.low) or P.found(P.CPU_LAPTOP_RE, st.low)
        form = "laptop" if cpu_entry is None and laptop else "desktop"
        generic = f"cpu-laptop-{ddr}-2ch" if form == "laptop" else f"cpu-{ddr}-2ch"
        if generic not in catalog.hardware:
            generic = f"cpu-{ddr}-2ch"  # no laptop system of that memory: the desktop's (DDR3)
        if (
            cpu_entry is None
            and form == "desktop"
            and P.found(P.SERVER_WORD_RE, st.low)
            and not _home_server_on_desktop_ram(st, generic)
        ):
            # "a server with 256gb ddr4": a server board's channels, not a desktop's two
            server = _server_system(st, ddr)
            if server is not None:
                form, generic = "server", server
        hw_id = cpu_entry or generic
        if catalog.hardware.get(hw_id) is None:  # an inferred CPU is looked up, not listed
            hw_id = "cpu-ddr5-2ch" if "cpu-ddr5-2ch" in catalog.hardware else None
        if hw_id:
            hw = catalog.hardware[hw_id]
            q.hardware = HardwareRef(id=hw.id, name=hw.name)
            q.cpu_only = True
            if cpu_entry is None:
                st.assumed.append(f"no GPU: a {form} CPU with {ddr.upper()} memory")
    if q.hardware is not None and len(st.cpus) >= 2 and st.compared():
        # "a 5900X that beats a 7950X": two processors compared
        other = [c for c in named_cpus(st) if c != q.hardware.id]
        if other:
            hb = catalog.hardware[other[0]]
            q.hardware_b = HardwareRef(id=hb.id, name=hb.name)
    return primary_hw


def _machine_stand_in(st: State) -> tuple[str, Hardware] | None:
    """(how it is said, the chip) of a machine said by what it is with no chip named (language.yaml
    machine_stand_ins: a phone, a NAS): only where no card, VRAM, unknown or unsure device is named
    and none of the machines that would be the one asked about is said beside it ("I use it from
    my phone, the server has 64gb")."""
    if st.unknown_hw or _has_cards(st) or any(u.kind == "hardware" for u in st.unsure):
        return None
    hardware = st.idx.catalog.hardware
    for m, said_re, not_re in P.MACHINE_STAND_INS:
        if P.found(said_re, st.low) is None or m.hardware not in hardware:
            continue
        if (not_re is not None and P.found(not_re, st.low)) or P.found(P.MAC_WORD_RE, st.low):
            continue
        return m.said, hardware[m.hardware]
    return None


def _home_server_on_desktop_ram(st: State, desktop: str) -> bool:
    """A server at home (language.yaml home_server_words) with no more RAM said than the desktop
    system of that memory takes: an old desktop or a mini PC, not a server board."""
    if P.found(P.HOME_SERVER_RE, st.low) is None:
        return False
    desk = st.idx.catalog.hardware.get(desktop)
    said = [m.gb for m in st.memories if m.kind in ("ram", None) and not m.model_size]
    return desk is not None and not any(over_desktop(desk, gb) for gb in said)


def _plain_laptop(st: State) -> bool:
    """A laptop (or a machine said to have no card: a ThinkPad, "gpu-poor") with its RAM said and
    no card, VRAM or unknown device named: a CPU-only machine of that memory."""
    if st.unknown_hw or _has_cards(st) or st.unsure:
        return False
    if P.found(P.PHONE_RE, st.low) or P.found(P.CARD_RUNTIME_RE, st.low):
        return False  # "on my 8gb ram phone, so a laptop should do", "CUDA error ... on laptop"
    if not any(m.kind in ("ram", None) and not m.model_size for m in st.memories):
        return False
    return bool(
        st.intel_mac
        or P.LAPTOP_WORD_RE.search(st.low)
        or P.found(P.CPU_LAPTOP_RE, st.low)
        or P.found(P.CPU_MACHINE_RE, st.low)
    )


def _server_system(st: State, ddr: str) -> str | None:
    """The catalog's generic server system of that DDR generation with the channel count most of
    its server CPUs of that generation have (the larger on a tie)."""
    hw = st.idx.catalog.hardware.values()
    named = Counter(
        h.channels
        for h in hw
        if h.kind == "cpu" and h.form == "server" and h.vendor != "other" and _ddr_gen(h) == ddr[-1]
    )
    systems = {
        h.channels: h.id
        for h in hw
        if h.kind == "cpu" and h.form == "server" and h.vendor == "other" and _ddr_gen(h) == ddr[-1]
    }
    ranked = sorted(systems, key=lambda c: (named.get(c, 0), c), reverse=True)
    return systems[ranked[0]] if ranked else None


def _names_graphics(h: Mention) -> bool:
    """The words of an iGPU mention name the graphics ("780m", "radeon vega 8"), not only the
    chip's processor ("ryzen 7 8845hs"): a word of the iGPU entry's id is among them."""
    said = set(key_tokens(h.text))
    return any(t in said for t in key_tokens(h.eid.replace("-", " ")) if t.isalpha() or len(t) >= 3)


def _setup_ref(st: State, h: Mention) -> SetupRef:
    hw = st.idx.catalog.hardware[h.eid]
    mem = h.memory if h.memory and hw.kind in ("gpu", "apple", "unified") else None
    return SetupRef(id=hw.id, name=hw.name, gpus=h.count, vram_gb=mem)


def _card_memory(st: State, h: Mention) -> float:
    return h.memory or st.idx.catalog.hardware[h.eid].memory_gb


def mixed_cards(st: State, gpu_like: list[Mention]) -> list[Mention]:
    """The cards of one machine: two or more graphics cards, the first named and the ones joined
    to it in a chain by setup words ("4090 + 3090", "a 3090 and a 2080 ti", "a6000 with a 3060").
    Not when the words around them make them alternatives ("upgrade my 3060 to a 3090", "3090
    or 4090"). The same card named twice adds up ("3090 + 3090 + 3060" is two 3090s)."""
    catalog = st.idx.catalog
    chain: list[Mention] = []
    for h in gpu_like:
        if catalog.hardware[h.eid].kind != "gpu" and all(h is not a for a in st.apus_with_card):
            break
        if chain:
            prev = chain[-1]
            # (the card's memory in parentheses is no part of the gap: "an a6000 (48gb)\n\nan MI50";
            # the gap runs from the card's name said again nearest the next one: "- Gigabyte 4090
            # ... connected my 4090 and a Gigabyte 4080")
            gap = P.PAREN_MEMORY_LEAD.sub("", _gap_between(st, prev, h), count=1)
            # "... the 4090 ... when adding a second 3090", "added a second 3090 to my 4090": one
            # more card put in the machine of the other (within a paragraph)
            added = "\n\n" not in gap and (
                (_added_card(st, h) and len(gap) <= 160 and P.SETUP_JOINER_RE.search(gap))
                or (_added_card(st, prev) and P.ADDED_TO_GAP.fullmatch(gap))
            )
            line_listed = _line_listed(st, prev, h)
            joined = (
                added
                or line_listed
                or P.SETUP_JOINER_RE.search(gap)
                or P.LIST_GAP.fullmatch(gap)
                or (_labelled(st, prev) and _labelled(st, h))
                or (h.count and P.COUNTED_SPACE_GAP.fullmatch(gap))
                or (
                    # (a spec sheet's "GPUs: R9700 32 GiB; RX 7900 XTX 24 GiB" lists with ";")
                    ("," in gap or (";" in gap and _on_cards_line(st, chain[0])))
                    and "\n" not in gap
                    and (
                        _on_cards_line(st, chain[0])
                        or any(prev is x for x in st.rig_listed)
                        # "I have an a6000 (48gb), an MI50", "Rig: 4090, 3090", "1x 4090, 2x 3090":
                        # a list of the cards had, or each counted
                        or (
                            P.LIST_COMMA_GAP.fullmatch(gap)
                            and (_owned_list(st, chain[0]) or (prev.count and h.count))
                            # not "my 3090, 4090 or 5090?": the list goes on with an alternative
                            and not P.ALTERNATIVE_RE.search(st.low, h.end, h.end + 24)
                        )
                    )
                )
            )
            if (
                (
                    len(gap) > 40
                    and not (_labelled(st, prev) and _labelled(st, h))
                    and not added
                    and not line_listed
                )
                or not joined
                or P.ALTERNATIVE_RE.search(gap)
                # the lead searched in place: a window cut mid-word ("y|ou run") reads no
                # word of its own ("ou", French "or")
                or P.ALTERNATIVE_RE.search(st.low, max(0, chain[0].start - 25), chain[0].start)
                or _choice_between(st, chain[0])
                or P.COMPARE_VERB_BEFORE.search(st.low, max(0, chain[0].start - 48), chain[0].start)
            ):
                break
        chain.append(h)
    if len(chain) >= 2 and (
        _compared_after(st, chain) or P.CHOICE_AFTER.match(st.low, chain[-1].end)
    ):
        return []  # "4090和3090哪个好", "a 3090 and a 4090, which is better"
    merged: list[Mention] = []
    for h in chain:
        same = next((m for m in merged if m.eid == h.eid), None)
        if same is None:
            merged.append(h)
        else:
            same.count = (same.count or 1) + (h.count or 1)
            same.memory = same.memory or h.memory
    if len(merged) < 2 and st.apus_with_card:
        return _one_per_kind(gpu_like)  # the APU and the card(s) run with it, however far apart
    if len(merged) < 2:
        return _counted_rig(st, gpu_like) or _cards_had_too(st, gpu_like)
    if merged[0].count == len(chain) and _counted_cards_before(st, chain[0]):
        # "two GPU cards: Nvidia 1080ti and AMD radeon 6900xt": the count is of the list
        merged[0].count = None
    elif (
        (n := merged[0].count or 0) > len(merged)
        and all(h.count is None for h in merged[1:])
        and _counted_cards_before(st, chain[0])
    ):
        # "three GPUs: 3090, 3090, 3060": the count is of the list, whose first card was named
        # twice (its mentions merged before): the others one each, the first card the rest
        merged[0].count = n - (len(merged) - 1)
    for h in merged:
        if h.memory and _said_ram(st, h):
            h.memory = None  # "Rig: 4090, 3090, 128GB DDR5": the host's RAM, not the 3090's
    _rig_total_said(st, merged)
    _memory_of_both(st, merged, chain[-1])
    return merged


def _gap_between(st: State, prev: Mention, h: Mention) -> str:
    """The text between a card and the next one named, from the card's name said again nearest
    the next one when it is ("- Gigabyte 4090 ... connected my 4090 and a Gigabyte 4080", "- RTX
    3090 ... I added a 3060 next to my 3090"): the two merged mentions of one card, joined to the
    next card where it is said again (within its paragraph)."""
    gap = st.low[prev.end : h.start]
    if len(gap) <= 40:
        return gap
    said = st.low[prev.start : prev.end]
    words = said.split()
    for name in (said, " ".join(words[1:]) if len(words) >= 2 and words[0].isalpha() else ""):
        if len(name) < 3:
            continue
        before = st.low.rfind(name, prev.end, h.start)
        after = st.low.find(name, h.end, h.end + 80)
        for at, piece in (
            (before, st.low[before + len(name) : h.start]),
            (after, st.low[h.end : after]),
        ):
            end = at + len(name)
            if (
                at >= 0
                and not st.low[at - 1 : at].isalnum()
                and not st.low[end : end + 1].isalnum()
                and len(piece) <= 40
                and "\n\n" not in piece
            ):
                return piece
    return gap


def _memory_of_both(st: State, cards: list[Mention], last: Mention) -> None:
    """ "a RTX 3060 and RTX 4070 in my system, both 12GB": one amount said after the rig's last
    card (wherever its name is said: a title's list and the text's) of them all is each card's
    memory (where the card is sold with it and has none said)."""
    said = last.text.lower()
    at, m = last.start, None
    while m is None and at >= 0:
        m = P.BOTH_MEMORY_AFTER.match(st.low, at + len(said))
        at = st.low.find(said, at + len(said))
    if m is None:
        return
    gb = float(m.group(1))
    for h in cards:
        if h.memory is None and st.idx.catalog.hardware[h.eid].sold_with(gb):
            h.memory = gb


def _counted_rig(st: State, gpu_like: list[Mention]) -> list[Mention]:
    """ "my 2 RTX 3090 ... with 3 GPUs (CUDA2 is a RTX A4000)": cards of different kinds, named
    apart, whose counts add up to the number of GPUs the text says are one machine's cards (a
    card named twice counts once, at the larger count)."""
    catalog = st.idx.catalog
    if any(catalog.hardware[h.eid].kind != "gpu" for h in gpu_like):
        return []
    kinds = _one_per_kind(gpu_like)
    if len(kinds) < 2 or st.compared() is not None:
        return []
    total = _card_count(st)
    if total is None or total != sum(h.count or 1 for h in kinds):
        return []
    return kinds


def _one_per_kind(gpu_like: list[Mention]) -> list[Mention]:
    """Each card kind once, at the largest count it was said with, in the order said."""
    kinds: dict[str, Mention] = {}
    for h in gpu_like:
        seen = kinds.get(h.eid)
        if seen is None or (h.count or 1) > (seen.count or 1):
            kinds[h.eid] = h
    return sorted(kinds.values(), key=lambda h: h.start)


_CLAUSE_END_RE = re.compile(r"[.,;?!\n]")


def _cards_had_too(st: State, gpu_like: list[Mention]) -> list[Mention]:
    """ "I just ordered a W7900 ... I already have 2x A6000 and 1x 4070Ti Super": cards said as
    already had (language.yaml already_had_before) and the other cards named are one machine, the
    new ones added to those had; not when another is weighed as an option ("I already have a 3090,
    would a 5090 be worth it?") or the cards are compared."""
    catalog = st.idx.catalog
    if len({h.eid for h in gpu_like}) < 2:
        return []
    if any(catalog.hardware[h.eid].kind != "gpu" for h in gpu_like):
        return []
    had = next(
        (h for h in gpu_like if P.ALREADY_HAD_BEFORE.search(st.low, max(0, h.start - 40), h.start)),
        None,
    )
    if had is None or st.compared() is not None:
        return []
    end = _CLAUSE_END_RE.search(st.low, had.end)
    if any(
        not (had.start <= h.start and (end is None or h.end <= end.start())) and _an_option(st, h)
        for h in gpu_like
    ):
        return []
    return _one_per_kind(gpu_like)


def _said_ram(st: State, h: Mention) -> bool:
    """The amount read as the card's memory is said to be system RAM ("3090, 128GB DDR5")."""
    return any(
        m.kind == "ram" and m.gb == h.memory and 0 <= m.start - h.end <= 14 for m in st.memories
    )


def _owned_list(st: State, h: Mention) -> bool:
    """The first card of a list said as had: an owning phrase ("I have", "my") or a rig label
    ("Rig:", "my setup:") right before it on its line."""
    line = st.low.rfind("\n", 0, h.start) + 1
    a = max(line, h.start - 28)
    return (
        P.OWNER_BEFORE.search(st.low, a, h.start) is not None
        or P.RIG_LABEL_RE.search(st.low, a, h.start) is not None
    )


def _added_card(st: State, h: Mention) -> bool:
    """The card is said as one more ("a second 3090", "a 5th 3060"): added to a machine."""
    return P.ADDED_CARD_BEFORE.search(st.low, max(0, h.start - 40), h.start) is not None


def _rig_total_said(st: State, cards: list[Mention]) -> None:
    """ "3090 + 5090 (56GB vram)": an amount said after a card that no such card is sold with and
    that is the rig's cards added up is the rig's total, not that card's memory."""
    cat = st.idx.catalog
    for h in cards:
        hw = cat.hardware[h.eid]
        if not h.memory or hw.sold_with(h.memory):
            continue
        total = sum(
            (o.memory if o is not h and o.memory else cat.hardware[o.eid].memory_gb)
            * (o.count or 1)
            for o in cards
        )
        if abs(total - h.memory) <= 0.6:
            h.memory = None


def _compared_after(st: State, chain: list[Mention]) -> bool:
    """Two cards of the list named again further on around a comparison word ("RX 7800 XT and RX
    7900 XT ... slower on the 7800 compared to the 7900"): they were tried one at a time."""
    numbers = [set(P.DEVICE_NUMBER_ALONE.findall(h.text)) for h in chain]
    start = chain[-1].end
    for m in P.COMPARE_RE.finditer(st.low, start):
        before = set(P.DEVICE_NUMBER_ALONE.findall(st.low, max(start, m.start() - 30), m.start()))
        after = set(P.DEVICE_NUMBER_ALONE.findall(st.low, m.end(), m.end() + 30))
        said = [i for i, n in enumerate(numbers) if n & before]
        if said and any(n & after for i, n in enumerate(numbers) if i not in said):
            return True
    return False


def _choice_between(st: State, h: Mention) -> bool:
    """ "between a 3090 and a 4090": a choice, unless the model is split between them."""
    m = P.CHOICE_BETWEEN.search(st.low, max(0, h.start - 25), h.start)
    return m is not None and not P.SETUP_BETWEEN.search(st.low, max(0, m.start() - 30), m.start())


def _counted_cards_before(st: State, h: Mention) -> bool:
    """A count of cards right before the first card of a list ("two GPU cards", "2 gpus:", "3 AMD
    Radeons:" and a bullet)."""
    if P.CARD_WORD_BEFORE.search(st.low, max(0, h.start - 28), h.start) is not None:
        return True
    # the name may run over the head ("AMD Radeon s:\n- RX 7900XTX"): the card's line starts it
    at = h.start + h.text.rfind("\n") + 1
    return P.LIST_HEAD_BEFORE.search(st.low, max(0, at - 28), at) is not None


def _on_cards_line(st: State, h: Mention) -> bool:
    """The card is on a line labelled "GPUs:" / "cards:" / "显卡：" (a spec sheet's list), or after
    a head that names the cards with a colon ("Detected different devices in the system: NVIDIA
    ..."), that offers no alternatives ("GPUs: 3090, 4090 or 5090?" asks which)."""
    start = st.low.rfind("\n", 0, h.start) + 1
    end = st.low.find("\n", h.start)
    line = st.low[start : end if end >= 0 else len(st.low)]
    return (
        P.CARDS_LINE_LABEL.match(line) is not None
        or P.CARDS_LIST_HEAD.search(st.low, start, h.start) is not None
    ) and not P.ALTERNATIVE_RE.search(line)


def _line_listed(st: State, prev: Mention, h: Mention) -> bool:
    """Two cards each at the start of its own line, after a bullet, a number or a short label, the
    first one's line going on with its memory and a few words only ("- AMD RX 9070 XT 16GB\n- NVIDIA
    RTX 3060 Ti 8GB", "Bottom slot: NVIDIA RTX 3090 (24 GB GDDR6X) — the workhorse\nTop slot:
    Intel Arc Pro B70"): a list of one machine's cards. Not a table of figures ("3090: 25 t/s\n
    4090: 40 t/s" compares them: a figure on the line) nor a list of alternatives or comparisons."""
    gap = st.low[prev.end : h.start]
    if "\n" not in gap or not P.CARD_LINE_GAP.fullmatch(gap):
        return False
    line = st.low.rfind("\n", 0, prev.start) + 1
    if not P.CARD_LINE_START.search(st.low, max(0, line - 1), prev.start):
        return False
    return not (P.ALTERNATIVE_RE.search(gap) or P.COMPARE_RE.search(gap))


def _labelled(st: State, h: Mention) -> bool:
    """A device a log or a list numbers ("Device 1: NVIDIA GeForce RTX 3090", "GPU2: RTX 3060"),
    or a row of nvidia-smi's table ("|   2  NVIDIA GeForce RTX 3060   Off |")."""
    if P.DEVICE_LABEL_BEFORE.search(st.low, max(0, h.start - 40), h.start) is not None:
        return True
    if "|" not in st.low:
        return False  # (nvidia-smi's rows have bars)
    line = st.low[st.low.rfind("\n", 0, h.start) + 1 : h.start + 1]
    return any(rx.search(line) for rx in (P.NVSMI_ROW_RE, P.NVSMI_BARE_ROW_RE))


# one quant said between two compared models, this close after the first ("qwen3.6 27b at q8 or
# gpt-oss-120b"), is the first one's
QUANT_OF_FIRST_GAP = 12


# two quants offered as alternatives are said this close, a comparison word between them
QUANTS_COMPARED_GAP = 40


def _quants_compared(st: State) -> bool:
    """ "q4, q6 or q8?", "q4_k_m vs q8_0": two different quants said close together with a
    comparison word (language.yaml compare_words) between them."""
    said = sorted(st.quants)
    return any(
        qa != qb and b - a <= QUANTS_COMPARED_GAP and P.COMPARE_RE.search(st.low[a:b]) is not None
        for (a, qa), (b, qb) in pairwise(said)
    )


def _quants_by_model(st: State) -> list[str]:
    """ "gemma 3 27b at 4bit or 12b at fp16": two quants, each said nearest a different one of
    the two compared models, are that model's (the bigger model at a lower quant against the
    smaller at a higher one). Empty when they are not one each ("q4 or q8 for A vs B"). One
    quant said right after the first model and before the second ("qwen3.6 27b at q8 or
    gpt-oss-120b") is the first one's; the second runs at its own ("" for it)."""
    if len(st.compared_at) < 2:
        return []
    if len(st.quants) == 1:
        at, qid = st.quants[0]
        (_, end0), (start1, end1) = st.compared_at[0], st.compared_at[1]
        if end0 <= at < start1 and at - end0 <= QUANT_OF_FIRST_GAP:
            return [qid, ""]
        if start1 <= at < end1 or (
            at == end1 + QUANT_ON_NAME_GAP and st.low[end1] in QUANT_NAME_JOINERS
        ):
            # written onto the second one's name ("gpt-oss:20b went from 100 to 35 ... Llama3.3-
            # 70b-q8 from 40 to 27"): that one's file; the first runs at its own
            return ["", qid]
        return []
    if len({qid for _, qid in st.quants}) != 2 or len(st.quants) != 2:
        return []

    def nearest(at: int) -> int:
        gaps = [max(a - at, at - b, 0) for a, b in st.compared_at]
        return gaps.index(min(gaps)) if gaps.count(min(gaps)) == 1 else -1

    sides = {nearest(at): qid for at, qid in st.quants}
    if set(sides) != {0, 1}:
        return []
    return [sides[0], sides[1]]


# distinct model sizes (without a model's name) a text says that are a map of sizes (a tier list,
# examples of each class) rather than one size or range asked for (design choice)
SIZES_MAPPED = 4
_SIZE_SAID_ANY_RE = re.compile(r"(?<![\w.])(\d{1,4}(?:\.\d{1,2})?)\s?b(?![a-z0-9])")


def _says_size(text: str, size: float) -> bool:
    said = f"{size:g}".replace(".", r"\.")
    return re.search(rf"(?<![\d.]){said}\s*b(?![a-z])", text.lower()) is not None


def _size_range_said(st: State, q: Query) -> None:
    """ "models from 7B to 32B", "between 14b and 32b", "7-32b": a range of sizes, not its first
    (the sizes read are its ends; the lower may be said without its "b")."""
    for m in P.SIZE_RANGE_RE.finditer(st.text):
        lo, hi = float(m.group(1) or m.group(2)), float(m.group(3))
        if 0 < lo < hi < math.inf and hi in st.sizes:
            q.model_size_b, q.model_size_to_b, q.model_size_bound = lo, hi, "range"
            return


def _sizes_listed_above(st: State, q: Query) -> None:
    """ "better models than 8b? more powerful options like 16b 30b": sizes said after a floor,
    each above it, are the range asked (from the smallest of them to the biggest; from the floor
    when one is said), not any size over the floor."""
    if q.model_size_bound != "at_least" or q.model_size_b is None:
        return
    above = [s for s in st.sizes[1:] if q.model_size_b < s < math.inf]
    if not above:
        return
    lo = min(above) if len(above) >= 2 else q.model_size_b
    q.model_size_b, q.model_size_to_b, q.model_size_bound = lo, max(above), "range"


def choose_models(st: State, q: Query, models: list[Mention]) -> list[Mention]:
    """The model asked about, and the second and further models of a comparison; returns the
    mentions read as those models (a bare family's size said after it in its place)."""
    models = _size_class_examples(st, models)
    if not models:
        _family_size_said(st)
        if st.sizes and (sized := _sized_family(st)):
            models = sized
        elif st.sizes and (shaped := _moe_shape(st)):
            models = [shaped]
        elif st.sizes and (versioned := _version_and_size(st)):
            models = [versioned]
        else:
            # a size of 0 or of 309 digits (an infinite float) names no model
            if (
                st.sizes
                and 0 < st.sizes[0] < math.inf
                # "Ideal range: 7B-13B ... Possible but slower: 30B ... Not practical: 70B+",
                # "(e.g., 3B, 7B, 13B, MoE)": a map of sizes, not one asked for (the list is the
                # machine's)
                and len(set(_SIZE_SAID_ANY_RE.findall(st.low))) < SIZES_MAPPED
                # an unsure name with that size is the model it belongs to ("Qwen3.5 27B"); one
                # without it is something else ("command line", "LLAMA_CUBLAS" of a build line)
                and not any(
                    u.kind == "model" and _says_size(u.text, st.sizes[0]) for u in st.unsure
                )
            ):
                q.model_size_b = st.sizes[0]
                q.model_size_bound = st.size_bounds[0] if st.size_bounds else None
                if st.sizes[0] in st.out_of_reach_sizes:
                    q.size_out_of_reach = True
                _size_range_said(st, q)
                _sizes_listed_above(st, q)
            elif not st.sizes and st.active_sizes and 0 < st.active_sizes[0] < math.inf:
                # "a 3B active model": the mixtures of experts with about that many active
                q.model_size_b = st.active_sizes[0]
                q.model_size_active = True
            return models
    catalog = st.idx.catalog
    drop_passing_families(st, models, bool(st.compared()))
    models = _sized_over_bare(st, [_tag_sized(st, m) for m in models])
    models = _examples_after(st, models)
    models = _fine_after(st, models)
    models = _size_before_name(st, models)
    models = _family_at_same_size(st, models)
    m0 = catalog.models[models[0].eid]
    q.model = ModelRef(id=m0.id, name=m0.name, params_b=m0.params_b)
    # a twin's note says more than the unversioned name's "(also: ...)" (advice91): that the
    # newer release has the same sizes and speeds, so the reading cannot change the answer
    if twin := _twin_note(st, models[0]):
        st.assumed.append(twin)
    elif models[0].note:
        st.assumed.append(models[0].note)
    sized = _family_sizes(st, models[0]) if len(models) == 1 else []
    if sized and [x.eid for x in sized] != [models[0].eid]:
        # "for Gemma 3, which is better, 27b or 12b": the sizes said after a family named bare
        # (its alias alone names one default, Ollama's "gemma3" the 4B) are that family's members
        models = sized
        m0 = catalog.models[models[0].eid]
        q.model = ModelRef(id=m0.id, name=m0.name, params_b=m0.params_b)
        st.assumed.append(models[0].note)
    if len(models) == 1 and (st.compared() or _joined_after(st, models[0])):
        sibling = _elided_sibling(st, models[0])
        if sibling is not None:
            models = [*models, sibling]
    if len(models) > 1 and (
        st.compared()
        or _model_list(st, models)
        or _each_tried(st, models)
        or _each_with_speed(st, models)
    ):
        m1 = catalog.models[models[1].eid]
        q.model_b = ModelRef(id=m1.id, name=m1.name, params_b=m1.params_b)
        st.compared_at = [(models[0].start, models[0].end), (models[1].start, models[1].end)]
        if models[1].note:
            st.assumed.append(models[1].note)
        for mm in models[2:MAX_COMPARED]:
            m2 = catalog.models[mm.eid]
            q.more_models.append(ModelRef(id=m2.id, name=m2.name, params_b=m2.params_b))
            if mm.note:
                st.assumed.append(mm.note)
    return models


def _examples_after(st: State, models: list[Mention]) -> list[Mention]:
    """ "other models like Qwen2.5-coder:32b take 20 GB, but gemma3:27b ...": a model given as
    an example of others (language.yaml example_before / example_after) goes after the models
    said for themselves, which are the subject; all examples, or none, leave the order as said."""
    if len(models) < 2 or st.compared():
        return models
    examples = [
        m
        for m in models
        if P.EXAMPLE_BEFORE.search(st.low, max(0, m.start - 24), m.start)
        or P.EXAMPLE_AFTER.match(st.low, m.end)
    ]
    for a, b in pairwise(models):
        # "models like A, B, C": each model listed after an example is one too
        if a in examples and b not in examples and _list_gap(st.low[a.end : b.start]):
            examples.append(b)
    if not examples or len(examples) == len(models):
        return models
    return [m for m in models if m not in examples] + examples


def _fine_after(st: State, models: list[Mention]) -> list[Mention]:
    """ "Everything is fine up to qwen3:235b-a22b ... With deepseek-r1:671b Ollama stops", "X
    costs no system RAM, but Y takes 20 GB", "Devstral-2-123B is too large for my local rig":
    a model said to work (language.yaml said_fine_before / said_fine_after) or ruled out for its
    size (judged_out_after), in a sentence that does not ask, goes after the models not said so,
    which are the subject; all of them said so, or none, leave the order as said."""
    if len(models) < 2 or st.compared():
        return models
    low = st.low
    fine: set[str] = set()
    for i, m in enumerate(models):
        stop = P.SENTENCE_END_RE.search(low, m.end)
        end = stop.start() if stop else len(low)
        if stop is not None and low[stop.start()] == "?":
            continue
        nxt = next((o.start for o in models[i + 1 :] if o.start >= m.end), end)
        until = min(end, nxt)
        if (
            P.SAID_FINE_BEFORE.search(low, max(0, m.start - 40), m.start)
            or P.SAID_FINE_AFTER.search(low, m.end, until)
            or P.JUDGED_OUT_RE.search(low, m.end, until)
        ):
            fine.add(m.eid)
    if not fine or len(fine) == len({m.eid for m in models}):
        return models
    return [m for m in models if m.eid not in fine] + [m for m in models if m.eid in fine]


def _each_with_speed(st: State, models: list[Mention]) -> bool:
    """ "Qwen3 30B MoE: around 50tps / Qwen3 32B: probably closer to 17Tps": the first two
    models, each followed by a speed of its own before the next is named, are set side by side."""
    first, second = models[0], models[1]
    if first.eid == second.eid:
        return False
    after = models[2].start if len(models) > 2 else len(st.low)
    spans = ((first.end, second.start), (second.end, after))
    for a, b in spans:
        m = P.SPEED_RE.search(st.low, a, b) if a <= b else None
        if m is None or m.start() - a > SPEED_OF_MODEL_GAP:
            return False
    return True


# how far after a model its own speed may stand ("Qwen3 32B: probably closer to 17Tps")
SPEED_OF_MODEL_GAP = 40


def _each_tried(st: State, models: list[Mention]) -> bool:
    """ "I was trying to run the qwen3-14b model and it was slow. So, I tried to run the qwen3-4b
    model": the first two models, each said as tried (language.yaml tried_verbs), are both the
    subject, whatever stands between them."""
    first, second = models[0], models[1]
    return first.eid != second.eid and all(
        P.TRIED_BEFORE.search(st.low, max(0, m.start - 40), m.start) for m in (first, second)
    )


def _list_gap(gap: str) -> bool:
    """What stands between two names is only a list's separator (language.yaml
    model_list_joiners)."""
    return " ".join(gap.split()) in LIST_JOINERS


LIST_JOINERS = frozenset(P.LANG.model_list_joiners)


def _model_list(st: State, models: list[Mention]) -> bool:
    """ "can gemma2-9b and llama3.1-8b do 128k?": every model named stands in one list, each one
    after the other with only a separator between, in a sentence that asks: each is asked about,
    side by side. A list followed by another model ("I use llama 3 8b and mistral 7b; can my
    3060 run qwen 14b?") is no such list, nor a pair in a report ("results for Qwen3 8B and Qwen3
    14B."); three or more in one list are each the subject even in a report ("tried
    Qwen3.6-35B-A3B, Qwen3-30B-A3B and Qwen3-14B, none would load")."""
    distinct = len({m.eid for m in models})
    if distinct < 2:
        return False
    joined = all(_list_gap(st.low[a.end : b.start]) for a, b in pairwise(models))
    return joined and (distinct >= MIN_REPORTED_LIST or _asks(st, models[0].start, models[-1].end))


# models in one list that a report names as its subjects, not one model and its namesakes
MIN_REPORTED_LIST = 3


def _asks(st: State, start: int, end: int) -> bool:
    """The sentence of [start, end) asks: a question mark ends it."""
    stop = P.SENTENCE_STOP_RE.search(st.low, end)
    rest = st.low[end : stop.end() if stop else len(st.low)]
    return "?" in rest or "？" in rest


def _joined_after(st: State, first: Mention) -> bool:
    """A list separator right after the model ("Llama 3.1 70B and 405B?"), in a sentence that
    asks: a bare size after it is a sibling (_elided_sibling)."""
    return P.LIST_AFTER_RE.match(st.low, first.end) is not None and _asks(
        st, first.start, first.end
    )


# a size said after a model and a comparison word ("qwen3.6 27b or 35b a3b"), its active size
# after it ("a3b"), within this many characters of the model
ELIDED_GAP = 30
_ACTIVE_AFTER_RE = re.compile(r"[\s\-]*a(\d+(?:\.\d+)?)\s*b\b")


def _elided_sibling(st: State, first: Mention) -> Mention | None:
    """ "qwen3.6 27b or 35b a3b", "gemma 4 26b a4b or the 31b": a bare size right after a model
    and a comparison word is that model's sibling of that size, its family and version said once.
    The entry whose name is the first one's up to its size, with the size (and active size) said;
    the newest when several are, never an uncensored variant unless the first one is."""
    cat = st.idx.catalog
    said = key_tokens(first.text)
    cut = next(
        (i for i in range(len(said) - 1) if said[i][:1].isdigit() and said[i + 1] == "b"), None
    )
    if not cut:
        return None
    line = said[:cut]
    for m in P.scan(P.SIZE_RE, st.low):
        a, b = m.span()
        gap = st.low[first.end : a]
        if a < first.end or len(gap) > ELIDED_GAP:
            continue
        if not (P.COMPARE_RE.search(gap) or _list_gap(gap)):
            continue
        size = float(m.group(1))
        act = _ACTIVE_AFTER_RE.match(st.low, b)
        active = float(act.group(1)) if act else None
        end = act.end() if act else b

        uncensored = "uncensored" in (cat.models[first.eid].tags or [])
        hits = [
            x
            for eid in _sized_lines(st).get((tuple(line), size, active), ())
            if eid != first.eid
            and ("uncensored" in ((x := cat.models[eid]).tags or [])) == uncensored
        ]
        if not hits:
            return None
        sib = max(hits, key=lambda x: x.released or "")
        text = st.text[a:end]
        mention = Mention("model", sib.id, a, end, 100.0, [], text)
        mention.note = f'"{text}" after {cat.models[first.eid].name}: read as {sib.name}'
        return mention
    return None


# how far after a family named without a size its sizes may come ("for Gemma 3, which one has
# better performance, 27b(4bit) or 12b(fp16)")
FAMILY_SIZE_GAP = 60


def _family_sizes(st: State, first: Mention) -> list[Mention]:
    """The family's members of the sizes said right after it, when the family was named without
    a size: one size names one member, two or more a comparison. [] when its name says a size,
    no size follows within FAMILY_SIZE_GAP, or a size names no member of the family."""
    cat = st.idx.catalog
    line = tuple(key_tokens(first.text))
    if not line or any(line[i][:1].isdigit() and line[i + 1] == "b" for i in range(len(line) - 1)):
        return []
    uncensored = "uncensored" in (cat.models[first.eid].tags or [])
    out: list[Mention] = []
    for m in P.scan(P.SIZE_RE, st.low):
        a, b = m.span()
        if a < first.end:
            continue
        if a - first.end > FAMILY_SIZE_GAP:
            break
        if any(
            st.text[a:b] in u.text and u.text in st.text[max(0, a - 40) : b + 40] for u in st.unsure
        ):
            return []  # the size of another name, one the catalog lacks ("qwen3-vl:4b")
        act = _ACTIVE_AFTER_RE.match(st.low, b)
        active = float(act.group(1)) if act else None
        end = act.end() if act else b
        hits = [
            x
            for eid in _sized_lines(st).get((line, float(m.group(1)), active), ())
            if ("uncensored" in ((x := cat.models[eid]).tags or [])) == uncensored
        ]
        if not hits:
            return []
        sib = max(hits, key=lambda x: x.released or "")
        if any(o.eid == sib.id for o in out):
            continue
        text = st.text[a:end]
        mention = Mention("model", sib.id, a, end, 100.0, [], text)
        mention.note = f'"{text}" after {first.text.strip()}: read as {sib.name}'
        out.append(mention)
    return out


def _sized_lines(st: State) -> dict[tuple, list[str]]:
    """Every model by its name (and its id) up to its size, with the size and with or without
    its active size (Index.sized_lines), made once per catalog."""
    idx = st.idx
    if not idx.sized_lines:
        for m in idx.catalog.models.values():
            for name in (m.name, m.id):
                toks = key_tokens(name)
                i = next(
                    (i for i in range(len(toks) - 1) if _number(toks[i]) and toks[i + 1] == "b"),
                    None,
                )
                if not i:
                    continue
                size = float(toks[i])
                keys = [(tuple(toks[:i]), size, None)]
                active = toks[i + 2 : i + 5]
                if (
                    len(active) == 3
                    and active[0] == "a"
                    and active[2] == "b"
                    and _number(active[1])
                ):
                    keys.append((tuple(toks[:i]), size, float(active[1])))
                for k in keys:
                    ids = idx.sized_lines.setdefault(k, [])
                    if m.id not in ids:
                        ids.append(m.id)
    return idx.sized_lines


def _number(token: str) -> bool:
    try:
        float(token)
    except ValueError:
        return False
    return True


_NAME_PART_RE = re.compile(r"[a-z]+|\d+(?:\.\d+)?")


# an Ollama tag whose name adds a word or two to the model's before its size
# ("qwen2.5-coder-cline:14b", "llama3.1-abliterated:8b"): the size after the colon
_TAG_SIZE_AFTER_RE = re.compile(r"(?:-[a-z][a-z0-9]*){1,2}:(\d{1,4}(?:\.\d+)?)b\b")


def _tag_sized(st: State, m: Mention) -> Mention:
    """ "qwen2.5-coder-cline:14b": a model named without its size, then a derivative's words and
    the tag's size, is that model's member of that size (a fine-tune of it, read as its base), the
    newest when several are, or what the name and size name as a tag ("deepseek-r1-coder-tools:14b"
    is deepseek-r1:14b's); the reading is said. Else the mention as it is."""
    tag = _TAG_SIZE_AFTER_RE.match(st.low, m.end)
    if tag is None or P.SIZE_RE.search(m.text.lower()) is not None:
        return m
    size = float(tag.group(1))
    hits = _sized_lines(st).get((tuple(key_tokens(m.text)), size, None), ())
    if m.eid in hits:
        return m
    cat = st.idx.catalog
    if hits:
        entry = max((cat.models[e] for e in hits), key=lambda x: x.released or "")
    else:
        # the name and size as a tag of the library ("deepseek-r1:14b", the R1 Distill Qwen 14B)
        entry = resolve_model(f"{m.text}:{tag.group(1)}b", cat).entry
        if entry is None or entry.id == m.eid or abs(entry.params_b - size) > 0.15 * size:
            return m
    said = st.text[m.start : tag.end()]
    sized = replace(m, eid=entry.id, end=tag.end(), text=said)
    sized.note = f'"{said}": read as a derivative of {entry.name}'
    return sized


# "the 3.5 35B MoE": a dotted version right before a size, no family said
VERSION_SIZE_RE = re.compile(
    r"(?<![\w.])(\d{1,2}\.\d{1,2})[ \t]+(\d{1,4}(?:\.\d+)?)[ \t]*b(?![a-z])"
)
MOE_AFTER_RE = re.compile(r"[ \t-]*(?:moe|a\d+(?:\.\d+)?b)\b")


def _version_and_size(st: State) -> Mention | None:
    """ "4xSM70s running the 3.5 35B MoE": a model said by its version and size alone (its
    family clear to the asker) is the one catalog model with that version in its name and that
    size in its name ("MoE" after it keeps to mixtures of experts), the reading said; several
    or none read nothing."""
    cat = st.idx.catalog
    for g in VERSION_SIZE_RE.finditer(st.low):
        size = float(g.group(2))
        moe = MOE_AFTER_RE.match(st.low, g.end()) is not None
        fits = [
            cat.models[i]
            for i in st.idx.versions.get(g.group(1), ())
            if _says_size(cat.models[i].name, size) and (cat.models[i].is_moe or not moe)
        ]
        # a fine-tune (abliterated, heretic) only when nothing else has that name and size
        fits = [m for m in fits if "uncensored" not in m.tags] or fits
        if len(fits) == 1:
            m = Mention(
                "model", fits[0].id, g.start(), g.end(), 100.0, [], st.text[g.start() : g.end()]
            )
            m.note = f'"{m.text}": read as {fits[0].name}, the one model of that version and size'
            return m
    return None


SIZE_EXAMPLES_WINDOW = 40


def _size_class_examples(st: State, models: list[Mention]) -> list[Mention]:
    """ "I've run over 70B parameter models on it, like Llama or R1": a size said as a class of
    models, then examples of it named without a size (language.yaml size_examples): each is its
    family's member of that size (Llama 3.3 70B, the newest Llama at 70B; R1 Distill Llama 70B),
    not its flagship (R1, the 671B); the reading is said. Models said apart from the examples
    keep their place before them."""
    if len(set(st.sizes)) != 1 or not 1 <= st.sizes[0] < math.inf:
        return models
    size = st.sizes[0]
    said = re.search(rf"(?<![\w.]){size:g}[ \t]*b(?![a-z])", st.low)
    if said is None:
        return models
    stop = P.SENTENCE_END_RE.search(st.low, said.end())
    end = stop.start() if stop else len(st.low)
    opener = P.SIZE_EXAMPLES_RE.search(
        st.low, said.end(), min(end, said.end() + SIZE_EXAMPLES_WINDOW)
    )
    if opener is None:
        return models
    window = (opener.end(), min(end, opener.end() + SIZE_EXAMPLES_WINDOW))
    cat = st.idx.catalog
    named = [(m.start, m.text, m) for m in models if window[0] <= m.start < window[1]]
    for u in st.unsure:
        at = st.low.find(u.text.lower(), window[0], window[1])
        if u.kind == "model" and u.reason == "ambiguous" and at >= 0:
            named.append((at, u.text, u))
    read: list[Mention] = []
    taken: list[object] = []
    for at, text, said_as in sorted(named, key=lambda x: x[0]):
        if SIZE_IN_MENTION_RE.search(text.lower()):
            continue
        was = cat.models.get(said_as.eid) if isinstance(said_as, Mention) else None
        if was is not None and abs(was.params_b - size) <= SIZE_BEFORE_SLACK * size:
            continue  # an example of that size already
        entry = _member_at(st, text, size)
        if entry is None:
            continue
        m = Mention("model", entry.id, at, at + len(text), 100.0, [], text)
        m.note = f'"{text}" given as a {size:g}B example: read as {entry.name}'
        read.append(m)
        taken.append(said_as)
    if not read:
        return models
    st.unsure = [u for u in st.unsure if all(u is not t for t in taken)]
    kept = [m for m in models if all(m is not t for t in taken)]
    return kept + read


def _member_at(st: State, text: str, size: float):
    """The model a name said with a size names ("R1 70b"), or of several releases at that size
    of one family ("Llama 70b": 3, 3.1, 3.3) the newest, as _decide reads "llama 70b"."""
    cat = st.idx.catalog
    res = resolve_model(f"{text} {size:g}b", cat)
    if res.entry is not None:
        entry = res.entry
    else:
        tied = [
            cat.models[x.id] for x in res.suggestions if x.score >= res.score and x.id in cat.models
        ]
        if not tied or len({m.family for m in tied}) != 1:
            return None
        entry = max(tied, key=lambda m: m.released or "")
    return entry if abs(entry.params_b - size) <= SIZE_BEFORE_SLACK * size else None


def _twin_note(st: State, m: Mention) -> str | None:
    """ "llama 7B": a name said as its words and size only, whose entry a newer release of the
    same name shares every shape with (Llama 2 7B), may mean either: the reading is said (the
    sizes and speeds are the same)."""
    twins = st.idx.twins.get(m.eid or "")
    if not twins:
        return None
    toks = key_tokens(m.text)
    cut = next((i for i, t in enumerate(toks) if t[:1].isdigit()), len(toks))
    words, size = toks[:cut], toks[cut:]
    # the words then a size, nothing else ("llama 7b"; not "phi 4", "qwen2.5 14b", "deepseek v3")
    if not words or len(size) != 2 or not size[0].isdigit() or size[1] not in ("b", "m"):
        return None
    cat = st.idx.catalog
    same = [
        cat.models[t].name for t in twins if key_tokens(cat.models[t].name)[: len(words)] == words
    ]
    if not same:
        return None
    return (
        f'"{m.text.strip()}": read as {cat.models[m.eid].name}, the release that name first meant'
        f" (the same shape as {', '.join(same[:3])}: the same sizes and speeds)"
    )


_BARE_SIZE_END_RE = re.compile(r"(?<![\w.])(\d{1,4})$")


def _sized_over_bare(st: State, models: list[Mention]) -> list[Mention]:
    """ "llama2 ... the llama2 70b run": a family said bare and again with its size is the sized
    one (the bare name's default size was only a guess)."""
    cat = st.idx.catalog

    def sized(m: Mention) -> bool:
        if P.SIZE_RE.search(m.text.lower()) is not None:
            return True
        # "Qwen 3 30BA3": the name's last number its entry's size, its "b" run into what follows
        end = _BARE_SIZE_END_RE.search(m.text)
        size = cat.models[m.eid].params_b
        return end is not None and size >= 1 and abs(float(end.group(1)) - size) < 0.1 * size

    # a bare name whose first number (its version) is not the sized one's is another release of
    # the family, not the sized one said short: "qwen3.8 flash next" beside "qwen3.5 122b a10b"
    # ("gemma 4 e4b" beside "gemma 4 12b" is of its release, as "llama2" is of "llama2 70b")
    def version(m: Mention) -> str | None:
        return next((t for t in _NAME_PART_RE.findall(m.text.lower()) if t[:1].isdigit()), None)

    def other_release(m: Mention, o: Mention) -> bool:
        return version(m) is not None and version(o) is not None and version(m) != version(o)

    kept = [
        m
        for m in models
        if sized(m)
        or not any(
            o is not m
            and sized(o)
            and cat.models[o.eid].family == cat.models[m.eid].family
            and not other_release(m, o)
            for o in models
        )
    ]
    return kept or models


# "a 70B R1", "the 70b deepseek": a size right before a name (on the 16 characters before it),
# or with a joiner between ("部署235b的qwen3", "the 235b of qwen3": language.yaml size_name_joiners)
SIZE_BEFORE_NAME_RE = re.compile(
    r"(?<![\w.])(\d{1,4}(?:\.\d+)?)[ \t]*b[ \t-]*"
    + (rf"(?:{P.words(P.LANG.size_name_joiners)}[ \t]*)?" if P.LANG.size_name_joiners else "")
    + "$"
)
SIZE_BEFORE_WINDOW = 16
SIZE_IN_MENTION_RE = re.compile(r"\d[ \t]*[bm]\b|\d[ \t]*b-a\d")
# how far an entry's size may be from a size said before its name and still be the one meant
SIZE_BEFORE_SLACK = 0.15


def _size_before_name(st: State, models: list[Mention]) -> list[Mention]:
    """ "over 70B models like R1", "a 70B R1": a size said right before a name whose entry is of
    another size (R1, the 671B) means the name's member of that size, when the name with that size
    after it names one entry ("R1 70B": R1 Distill Llama 70B); the reading is said."""
    if len(models) != 1:
        return models
    m = models[0]
    cat = st.idx.catalog
    entry = cat.models.get(m.eid)
    said = P.found(SIZE_BEFORE_NAME_RE, st.low[max(0, m.start - SIZE_BEFORE_WINDOW) : m.start])
    if entry is None or said is None or SIZE_IN_MENTION_RE.search(m.text.lower()):
        return models
    size = float(said.group(1))
    if abs(entry.params_b - size) <= SIZE_BEFORE_SLACK * size:
        return models
    res = resolve_model(f"{m.text} {said.group(1)}b", cat)
    if res.entry is None or abs(res.entry.params_b - size) > SIZE_BEFORE_SLACK * size:
        return models
    sized = replace(m, eid=res.entry.id)
    sized.note = f'"{said.group(1)}B" said before "{m.text}": read as {res.entry.name}'
    return [sized]


def _sized_family(st: State) -> list[Mention]:
    """ "the 120b model of gpt-oss": a family named without its size and a size said apart; the
    one entry of the family with that size (within 10%) answers, and the reading is said.
    "which qwen3.6, 27b or 35b-a3b": several sizes in a comparison, one entry each, side by
    side (each placed at its size, so a quant said beside a size goes with it)."""
    cat = st.idx.catalog
    for u in st.unsure:
        if u.kind != "model" or u.reason != "ambiguous":
            continue
        fits = [
            c.id
            for c in u.suggestions
            if any(abs(cat.models[c.id].params_b - s) <= 0.1 * s for s in st.sizes)
        ]
        if len(fits) == 1:
            st.unsure = [x for x in st.unsure if x is not u]
            m = cat.models[fits[0]]
            a = max(0, st.low.find(u.text.lower()))
            mention = Mention("model", m.id, a, a + len(u.text), 100.0, [], u.text)
            mention.note = f'"{u.text}" with the size said: read as {m.name}'
            return [mention]
        if len(fits) >= 2 and st.compared():
            sides = _sizes_compared(st, u, fits)
            if sides:
                st.unsure = [x for x in st.unsure if x is not u]
                return sides
    return []


def _family_at_same_size(st: State, models: list[Mention]) -> list[Mention]:
    """ "deepseek-r1蒸馏qwen或者qwen2.5 ... 7b": a family named bare beside another model and one
    size said for both: the family's one member of that size (within 10%) is the other model
    compared, in the order said, the reading said."""
    if len(models) != 1 or len(set(st.sizes)) != 1 or not 0 < st.sizes[0] < math.inf:
        return models
    if st.size_bounds and st.size_bounds[0]:
        return models  # "over 70B models, like Llama or R1": a bound, no size of either
    cat = st.idx.catalog
    size = st.sizes[0]
    for u in st.unsure:
        if u.kind != "model" or u.reason != "ambiguous":
            continue
        fits = [c.id for c in u.suggestions if abs(cat.models[c.id].params_b - size) <= 0.1 * size]
        if len(fits) != 1 or fits[0] == models[0].eid:
            continue
        m = cat.models[fits[0]]
        a = max(0, st.low.find(u.text.lower()))
        mention = Mention("model", m.id, a, a + len(u.text), 100.0, [], u.text)
        mention.note = f'"{u.text}" with the size said: read as {m.name}'
        other = models[0]
        if abs(cat.models[other.eid].params_b - size) > 0.1 * size:
            # the other named bare too ("qwen2.5", its default 7B): its member of that size
            res = resolve_model(f"{other.text} {size:g}b", cat)
            if res.entry is not None and abs(res.entry.params_b - size) <= 0.1 * size:
                other = replace(other, eid=res.entry.id)
        if other.eid == mention.eid or abs(cat.models[other.eid].params_b - size) > 0.1 * size:
            return models  # both read as one entry, or the size is not the other's: no pair
        st.unsure = [x for x in st.unsure if x is not u]
        return sorted([mention, other], key=lambda x: x.start)
    return models


# a size said next to a family that names none of its entries exactly: how far from an entry's
# size it may be (10%), and for a round hundred, which people say of a larger size rounded down
# ("deepseek 600B" of the 671B ones), 15%
FAMILY_SIZE_SLACK = 0.10
ROUND_SIZE_SLACK = 0.15


def _family_size_said(st: State) -> None:
    """ "deepseek 600B", "deepseek 670B": a family word said with a size no entry's name has.
    The family's entries of about that size (FAMILY_SIZE_SLACK) are the ones to ask among, in
    place of the family's newest of any size; when one entry alone has it, that size is said
    apart for _sized_family to read."""
    cat = st.idx.catalog
    for u in st.unsure:
        if u.kind != "model" or u.reason != "ambiguous" or not u.suggestions:
            continue
        at = st.low.find(u.text.lower())
        if at < 0:
            continue
        m = P.SIZE_RE.match(
            st.low, at + len(u.text) + (st.low[at + len(u.text) : at + len(u.text) + 1] in " -_")
        )
        if m is None:
            continue
        size = float(m.group(1))
        words = key_tokens(u.text)
        if not words:
            continue
        slack = ROUND_SIZE_SLACK if size >= 100 and size % 100 == 0 else FAMILY_SIZE_SLACK
        fits = [
            eid
            for kind, eid in family_entries(st.idx, words[0])
            if kind == "model" and abs(cat.models[eid].params_b - size) <= slack * size
        ]
        if not fits:
            continue
        if len(fits) == 1:
            st.sizes.append(cat.models[fits[0]].params_b)
            st.size_bounds.append(None)
            continue
        fits.sort(key=lambda i: cat.models[i].released or "", reverse=True)
        u.suggestions = [Choice(id=i, name=cat.models[i].name, score=0.0) for i in fits[:6]]


def _moe_shape(st: State) -> Mention | None:
    """ "30B-A3B", "a Q3 30B A3B": a mixture of experts said by its total and active size
    alone, no family. The entries whose names have that shape; the first released of them is
    the model the shape is known by (Qwen3-30B-A3B, before the 2507 updates, the Coder and
    the Nemotrons of that shape), read so and said, the others named."""
    for m in P.scan(P.SIZE_RE, st.low):
        act = _ACTIVE_AFTER_RE.match(st.low, m.end())
        if act is None:
            continue
        ids = _shapes(st).get((float(m.group(1)), float(act.group(1))))
        if not ids:
            continue
        cat = st.idx.catalog
        first = cat.models[ids[0]]
        text = st.text[m.start() : act.end()]
        mention = Mention("model", first.id, m.start(), act.end(), 100.0, [], text)
        others = ", ".join(cat.models[i].name for i in ids[1:4])
        mention.note = f'"{text}": read as {first.name}, the first of that shape' + (
            f" (also: {others})" if others else ""
        )
        return mention
    return None


def _shapes(st: State) -> dict[tuple[float, float], list[str]]:
    """(size, active size) as model names say them ("30B-A3B") -> the entries named so, first
    released first (Index.shapes), made once per catalog."""
    idx = st.idx
    if not idx.shapes:
        cat = idx.catalog
        for (_line, size, active), ids in _sized_lines(st).items():
            if active is None:
                continue
            have = idx.shapes.setdefault((size, active), [])
            have.extend(i for i in ids if i not in have)
        for ids in idx.shapes.values():
            ids.sort(key=lambda i: (cat.models[i].released or "9999", i))
    return idx.shapes


def _sizes_compared(st: State, u, fits: list[str]) -> list[Mention]:
    """One entry of `fits` for each size said after the family, in the order said; [] unless
    every size names exactly one and no two the same."""
    cat = st.idx.catalog
    start = st.low.find(u.text.lower())
    out: list[Mention] = []
    for m in P.scan(P.SIZE_RE, st.low):
        if m.start() < start:
            continue
        size = float(m.group(1))
        hit = [i for i in fits if abs(cat.models[i].params_b - size) <= 0.1 * size]
        if len(hit) != 1 or any(o.eid == hit[0] for o in out):
            return []
        text = st.text[m.start() : m.end()]
        mention = Mention("model", hit[0], m.start(), m.end(), 100.0, [], text)
        mention.note = f'"{text}" after {u.text}: read as {cat.models[hit[0]].name}'
        out.append(mention)
    return out if len(out) >= 2 else []


def _said_at(low: str, word: str, at: int) -> bool:
    """`word` is the whole quant name at `at` ("q4", not the start of "q4_k_m")."""
    end = at + len(word)
    return low.startswith(word, at) and not (
        end < len(low) and (low[end].isalnum() or low[end] in "_-")
    )


def _file_of_level(st: State, q: Query, at: int) -> None:
    """ "minimax m2.5 at q4": a level said (language.yaml level_quant_words), for a model whose
    catalogued GGUF repos lack the type it maps to, is their file of that level closest in size
    (UD-Q4_K_XL), said as read, not a file nobody publishes ("quantize it yourself")."""
    cat = st.idx.catalog
    m = cat.models.get(q.model.id) if q.model is not None else None
    if m is None or not m.gguf or q.quant is None:
        return
    have = {x for g in m.gguf for x in g.quants}
    if not have or q.quant in have:
        return
    word = next((w for w in P.LANG.level_quant_words if _said_at(st.low, w, at)), None)
    level = bit_level(q.quant)
    if word is None or level is None or q.quant not in cat.quants:
        return
    size = cat.quants[q.quant].bpw
    same = [x for x in have if x in cat.quants and bit_level(x) == level]
    if not same:
        return
    pick = min(same, key=lambda x: (abs(cat.quants[x].bpw - size), x))
    st.assumed.append(f'"{word}": read as {pick}, the {level}-bit file of its GGUF repos')
    q.quant = pick
    q.quants = [pick]


def _qat_file(st: State, q: Query) -> None:
    """ "gemma3:27b-it-qat", "Gemma 4 12B QAT": no quant type said, the model's
    quantization-aware-trained file is the one meant (Query.quant_implied: the answer is at it,
    while the quant the text named stays none): the type its QAT targeted (Google's Q4_0,
    catalog/quant_loss.yaml qat_types) where its first QAT repo has it, else that repo's first
    file (unsloth's UD-Q4_K_XL made from Gemma 4's QAT weights)."""
    cat = st.idx.catalog
    if q.model_b is not None or q.more_models:
        return  # "gemma 4 31b qat or qwen 3.6 27b?": QAT names one side's file, not a quant for both
    m = cat.models.get(q.model.id) if q.model is not None else None
    repo = next((r for r in m.gguf if r.qat and r.quants), None) if m is not None else None
    if repo is None:
        return
    targeted = loss_rules(cat).qat_types
    pick = next((x for x in repo.quants if x in targeted), next(iter(repo.quants)))
    if pick not in cat.quants:
        return
    st.assumed.append(f'"QAT": read as {pick}, the quantization-aware-trained file of {repo.repo}')
    q.quant_implied = pick


_SIZE_SAID_RE = re.compile(r"\d(?:\.\d+)?\s*[bm]\b|\de\d|:")


def _tag_sizes(st: State, tag: str) -> int:
    """How many catalog models an Ollama tag's base name pulls by size (qwen3:8b, qwen3:14b)."""
    return st.idx.ollama_bases[tag]


# A family said bare on a setup its default member would barely use: the default's 8-bit file
# under this share of the setup's memory (design choice: a quarter, where nobody asks whether it
# fits), and a bigger member's 4-bit file within FAMILY_FIT_SHARE of it (room for the cache)
FAMILY_SMALL_SHARE = 0.25
FAMILY_FIT_SHARE = 0.9


def _member_the_setup_suits(st: State, q: Query, m, tag: str):
    """ "qwen3 coder at 1M ... 96gb VRAM plus 280gb of ram": the family's biggest member whose
    4-bit file the setup's memory (GPU and system RAM together) holds, where the member the bare
    name pulls would use a small part of it; None otherwise."""
    cat = st.idx.catalog
    hub_file = any(qid in P.LANG.ollama_library_lacks for _, qid in st.quants)
    if ("ollama" in st.low and not hub_file) or q.cpu_only:
        # "started using ollama with LLAMA2": the tag pulled is the model run, unless the file
        # named is one no tag ships (a Hub file); a CPU alone suits no bigger member (its speed
        # falls with every byte read)
        return None
    vram = q.vram_gb
    hw = cat.hardware.get(q.hardware.id) if q.hardware is not None else None
    if vram is None and hw is not None and hw.kind != "cpu":
        vram = hw.memory_gb * (q.gpus or 1)
    if not vram:
        return None
    total = vram + (q.ram_gb or 0.0)
    q8, q4 = cat.quants.get("Q8_0"), cat.quants.get("Q4_K_M")
    if q8 is None or q4 is None:
        return None
    if m.params_b * q8.bpw / 8 > FAMILY_SMALL_SHARE * total:
        return None
    fits = [
        x
        for i in st.idx.ollama_members.get(tag, ())
        if (x := cat.models[i]).params_b > m.params_b
        and x.params_b * q4.bpw / 8 <= FAMILY_FIT_SHARE * total
    ]
    return fits[-1] if fits else None


def bare_family_said(st: State, q: Query, chosen: list[Mention]) -> None:
    """ "can I run qwen3 on my 3060": a family said without a size is read as the model its
    Ollama tag pulls (qwen3 -> qwen3:8b), the catalog's alias for it; said as read, since the
    family has other sizes the question may mean."""
    if q.model is None:
        return
    m = st.idx.catalog.models.get(q.model.id)
    said = next((c for c in chosen if c.eid == q.model.id), None)
    if m is None or said is None or not m.ollama or _SIZE_SAID_RE.search(said.text):
        return
    tag = m.ollama.split(":")[0]
    if compact(said.text) != compact(tag) or ":" not in m.ollama or _tag_sizes(st, tag) < 2:
        return
    big = _member_the_setup_suits(st, q, m, tag)
    if big is not None:
        q.model = ModelRef(id=big.id, name=big.name, params_b=big.params_b)
        st.assumed.append(
            f'"{said.text}" alone: read as {big.name} ({big.ollama}), the biggest of the family'
            f" the setup holds ({m.name}, what `ollama run {tag}` pulls, would use a small part"
            " of it); name the size for another"
        )
        return
    st.assumed.append(
        f'"{said.text}" alone: read as {m.name}, what `ollama run {tag}` pulls ({m.ollama}); '
        "name the size for another"
    )


def _file_of_size(st: State, q: Query, at: int) -> None:
    """ "Qwen 3.8 Flash Next at 5.05bpw": a size said in bits per weight is a file of that size
    (EXL2/EXL3 and mixes are sized so), not a GGUF type: read as the type nearest in size, and
    any file of that level where that one does not run (quant_level), said as read."""
    q.quant_level = True
    st.assumed.append(
        f'"{st.bpw_said[at]:g} bpw": a file of that size, read as {q.quant}, the GGUF type '
        "nearest to it"
    )


def _serving_format(st: State, at: int) -> str | None:
    """The serving stack's 4-bit format the quant at `at` was said as, on it or right beside it
    on its line ("GPTQ 4bit 32gs", "Qwen3.8-27B NVFP4", "Qwen3-4B-bnb-4bit"), as shown in an
    answer (language.yaml serving_formats); None for a GGUF quant said alone."""
    if at in st.repo_formats:
        return st.repo_formats[at]
    before, after = P.SERVING_FORMAT_REACH
    a = max(st.low.rfind("\n", max(0, at - before), at) + 1, at - before, 0)
    b = st.low.find("\n", at, at + after)
    m = P.SERVING_FORMAT_RE.search(st.low, a, at + after if b < 0 else b)
    return P.LANG.serving_formats[m.group()] if m else None


# Query flags a pattern in the text sets (choose_settings); the second table only beside a quant
_ASKED_FLAGS = (
    ("asks_context", P.CONTEXT_QUESTION_RE),
    ("asks_depth_speed", P.DEPTH_SPEED_RE),
    ("asks_defect", P.DEFECT_RE),
    ("asks_backend", P.BACKEND_QUESTION_RE),
    ("asks_why_slow", P.WHY_SLOW_RE),
    ("complains_slow", P.SLOW_COMPLAINT_RE),
    ("asks_expected", P.EXPECTED_RE),
    ("asks_card_count", P.CARD_COUNT_QUESTION_RE),
    ("cards_unsaid_count", P.CARDS_UNSAID_COUNT_RE),
    ("asks_all_on_gpu", P.ALL_ON_GPU_RE),
    ("asks_spare_room", P.SPARE_ROOM_RE),
    ("ram_plenty", P.RAM_PLENTY_RE),
    ("asks_offload_way", P.OFFLOAD_WAY_RE),
    ("context_limit_hit", P.CONTEXT_LIMIT_RE),
)
# "a quantized KV cache" asked about with no type named: the cache types sized side by side
KV_QUANTIZED_ASKED = ("f16", "q8_0", "q4_0")
_QUANT_FLAGS = (("reports_failure", P.FAILURE_RE), ("asks_quant", P.QUANT_QUESTION_RE))


# a quant type, then its size in bits right after it: "IQ1_S 1.58bit", "Q4_K_M (4.8 bpw)"
_TYPE_THEN_SIZE_RE = re.compile(r"[\w.-]+\s*\(?\s*(?=\d)")


def _level_then_file(st: State) -> list[tuple[int, str]]:
    """ "Qwen3 30B A3B Q4 (IQ4_KS)": a level said and, in parentheses right after it, a file of
    that level is one quant, the file; not two offered side by side. "DeepSeek-R1 IQ1_S 1.58bit":
    a type and then its size in bits is one quant too, the type named."""
    found = sorted(st.quants)
    drop = set()
    for (a, qa), (b, qb) in pairwise(found):
        if qa == qb or bit_level(qa) != bit_level(qb) or bit_level(qa) is None:
            continue
        m = P.LEVEL_THEN_FILE_RE.match(st.low, a)
        if m and m.end() == b:
            drop.add(a)
        elif (m := _TYPE_THEN_SIZE_RE.match(st.low, a)) and m.end() == b:
            drop.add(b)
    return [x for x in found if x[0] not in drop]


def _preallocating_server(st: State, q: Query) -> None:
    """ "vllm ... 显存直接占了40多个g", "OOM with vLLM": a server that reserves memory up front,
    named beside an out-of-memory or the memory a run takes. (A memory figure alone is not that:
    "60Gi total, 46Gi available" is the RAM, "offload about 30 GB to CPU" a plan.)"""
    server = P.found(P.PREALLOCATING_RE, st.low)
    if server is None:
        return
    if P.found(P.FAILURE_RE, st.low) is None and P.found(P.MEMORY_TAKEN_RE, st.low) is None:
        return
    q.preallocating_server = server.group().lower()


# a catalog id that ends in its window ("phi-3-mini-128k", "glm-4-9b-chat-1m")
_WINDOW_SUFFIX_RE = re.compile(r"-(\d+)([km])$")


def _window_releases(cat) -> dict[str, list]:
    """Catalog id -> the releases of the same weights with a longer window, shortest first (an id
    that is another's plus its window: "phi-3-mini-128k" of "phi-3-mini"); read once a catalog."""
    memo = cat.__dict__.get("_window_releases")
    if memo is None:
        memo = {}
        for x in cat.models.values():
            m = _WINDOW_SUFFIX_RE.search(x.id)
            base = cat.models.get(x.id[: m.start()]) if m else None
            if base is not None and (x.context or 0) > (base.context or 0):
                memo.setdefault(base.id, []).append(x)
        for xs in memo.values():
            xs.sort(key=lambda x: x.context)
        cat.__dict__["_window_releases"] = memo
    return memo


def _longer_window_release(st: State, q: Query) -> None:
    """ "Phi-3 ... 128k context": the model read keeps a shorter window than the context asked while
    the catalog has the same weights' long-window release (Phi-3 Mini 128K beside the 4K one,
    GLM-4-9B-Chat-1M beside the 128K chat): read as that release, said as read."""
    cat = st.idx.catalog
    m = cat.models.get(q.model.id)
    if m is None or not m.context or q.context is None or q.context <= m.context:
        return
    for x in _window_releases(cat).get(m.id, ()):
        if x.context >= q.context:
            q.model = ModelRef(id=x.id, name=x.name, params_b=x.params_b)
            st.assumed.append(
                f"{m.name} keeps a {m.context:,}-token window: read as {x.name}, the release of"
                f" the same weights with a {x.context:,}-token one, for the {q.context:,} asked"
            )
            return


def _not_another_models(st: State, q: Query, mentions: list[Mention]) -> list[tuple[int, str]]:
    """The quants said, less those written onto the name of a model other than the one asked
    about ("tokens/s for gpt-oss:20b went from 100 to 35 ... Llama3.3-70b-q8 went from 40 to 27",
    "qwen3-32b on my 3090, and my friend runs gemma3-27b-q8"): that file is the other model's,
    not the subject's. Models set side by side keep theirs (_quants_by_model weighs each side),
    and a quant standing apart from any name stays the subject's."""
    if q.model is None or st.compared():
        return st.quants
    cat = st.idx.catalog
    subject = cat.models.get(q.model.id)
    if subject is None:
        return st.quants  # a repo read from the Hub: its files may be named any way
    # a family said bare may be read as another of its sizes (bare_family_said): its name is the
    # subject's, a sized sibling's is another model's
    others = [
        m
        for m in mentions
        if m.kind == "model"
        and m.eid is not None
        and m.eid != q.model.id
        and m.eid in cat.models
        and (
            cat.models[m.eid].family != subject.family
            or (
                _SIZE_SAID_RE.search(m.text) is not None
                # the subject's own release named by a file ("llama-2-7b-chat.Q4_K_M.gguf" for
                # Llama 2 7B): of its size, so its file
                and abs(cat.models[m.eid].params_b - subject.params_b) > 0.05 * subject.params_b
            )
        )
    ]
    if not others:
        return st.quants
    return [(at, qid) for at, qid in st.quants if not any(_on_name(st, m, at) for m in others)]


def _on_name(st: State, m: Mention, at: int) -> bool:
    """The quant at `at` is written onto the name of `m`: inside it, or right after it with one
    joining character and no space ("-q8", ":q4", ".Q4_K_M"); one after a space may be said of a
    list the name ends ("Mistral and Mixtral q4 models")."""
    if m.start <= at < m.end:
        return True
    return at == m.end + QUANT_ON_NAME_GAP and st.low[m.end] in QUANT_NAME_JOINERS


# a quant written onto a model's name: after one joining character ("-q8", ":q4", ".q4_k_m")
QUANT_ON_NAME_GAP = 1
QUANT_NAME_JOINERS = "-:_."


def choose_settings(st: State, q: Query, mentions: list[Mention]) -> None:
    """Quant, KV cache type, context and workload, as pass 1 read them."""
    if st.quants:
        st.quants = _level_then_file(st)
        st.quants = _not_another_models(st, q, mentions)
    if st.quants:
        ordered = [qid for _, qid in sorted(st.quants)]
        q.quants = list(dict.fromkeys(ordered))
        q.quant = q.quants[0]
        at = min(st.quants)[0]
        if len(q.quants) == 1 and P.QUANT_OR_KV_RE.search(st.low[at : at + 60]):
            q.quant = None  # one side of "Q3 or a quantized KV cache?": the answer weighs both
        if _quants_compared(st):
            q.quants_compared = True
        if by_model := _quants_by_model(st):
            q.quants_by_model = by_model
        if q.quants_by_model:
            q.quant = None  # each side runs at its own
        elif q.quant and len(q.quants) == 1:
            if P.LEVEL_QUANT_AT_RE.match(st.low, at):
                q.quant_level = True
            if (fmt := _serving_format(st, at)) is not None:
                q.quant_format = fmt
            if at in st.bpw_said and q.model is not None:
                _file_of_size(st, q, at)
            else:
                _file_of_level(st, q, at)
    if not st.quants and q.quant is None and P.found(P.QAT_RE, st.low) is not None:
        _qat_file(st, q)
    if P.found(P.SERVING_STACK_RE, st.low):
        # every stack named agrees on the name, or GGUF's stays
        said = {P.LANG.serving_stacks[m.group()] for m in P.scan(P.SERVING_STACK_RE, st.low)}
        q.stack_8bit = said.pop() if len(said) == 1 else None
    if st.kv_type is not None and not st.kv_alternatives:
        q.kv_type = st.kv_type
    if st.kv_alternatives:
        q.kv_types_asked = list(dict.fromkeys(kv for _, kv in sorted(st.kv_said)))
    elif st.kv_type in (None, "f16") and P.found(P.KV_QUANTIZED_RE, st.low) is not None:
        # "a quantized KV cache": no type named, so the usual ones side by side (with the f16
        # the text may say it runs now)
        q.kv_type = None
        q.kv_types_asked = list(KV_QUANTIZED_ASKED)
    if st.context is not None:
        q.context = st.context
        if st.context_setting:
            q.context_setting = True
        if q.model is not None:
            _longer_window_release(st, q)
    if st.document_tokens is not None and q.context is None:
        q.document_tokens = st.document_tokens
    if st.full_context:
        q.full_context = True
        # a repo read from the Hub is not in the catalog: its context is the engine's default
        if q.model is not None and q.context is None and q.model.id in st.idx.catalog.models:
            q.context = st.idx.catalog.models[q.model.id].context
    # the flags below are False on a new Query and set nowhere before: each is set only when true
    # (a pydantic field's assignment costs a microsecond, and most texts ask none of these)
    for field, pattern in _ASKED_FLAGS:
        if P.found(pattern, st.low) is not None:
            setattr(q, field, True)
    if (
        q.context is None
        and not q.full_context
        and not q.asks_context
        and q.model is not None
        and (P.CONTEXT_WORD_RE.search(st.low) or P.CONTEXT_TOPIC_RE.search(st.low))
    ):
        # "how do you fit this huge context", "issue seems to be context window", "pass large
        # bodies of text": the window is the topic but no size is said, so the answer runs the
        # longest one that fits
        q.context_topic = True
    _preallocating_server(st, q)
    if q.quant:
        # what a quant named is: the one tried in a failed run, or one run beside "which quant?"
        for field, pattern in _QUANT_FLAGS:
            if P.found(pattern, st.low) is not None:
                setattr(q, field, True)
    elif P.found(P.QUANT_QUESTION_RE, st.low) is not None:
        # "which quant should I use for X on Y?": the quant is the answer's first word
        q.asks_quant = True
    said = (P.LANG.backend_words[m.group()] for m in P.scan(P.BACKEND_WORD_RE, st.low))
    if backends := list(dict.fromkeys(said)):
        q.backends = backends
    if q.hardware is None and (mac_with_memory(st) or _mac_platform(st, q)):
        q.mac = True
    if q.mac and q.vram_gb is None and q.ram_gb is not None:
        # "a mac with 24gb ram": a Mac's RAM is its unified memory (macOS gives the GPU its share),
        # not a CPU-only system's
        q.vram_gb, q.ram_gb = q.ram_gb, None
    if (work := workload(st, mentions)) is not None:
        q.workload = work
    if m := P.found(P.PARALLEL_RE, st.low):
        n = int(next(g for g in m.groups() if g))
        q.parallel = min(n, MAX_PARALLEL) if 2 <= n <= 256 else None
        if n > MAX_PARALLEL and q.parallel:
            # "--max-num-seqs 256": a batch cap, not 256 windows held at once; answered for the
            # most this sizes a cache for, not refused
            st.assumed.append(f"{n} sequences at once: sized for {MAX_PARALLEL}")
    elif (
        q.context is not None
        and P.found(P.CONTEXT_EACH_RE, st.low) is not None
        and (m := P.found(P.USERS_COUNT_RE, st.low)) is not None
        and 2 <= (n := int(m.group(1))) <= MAX_PARALLEL
    ):
        # "8 users with 32k context each", "32k context per user, 10 users": a window each
        q.parallel = n


def _mac_platform(st: State, q: Query) -> bool:
    """ "OS: macOS ... GPU: Apple ... I only have 36GB", "I'm on a 32GB MacOS device", "Metal and
    128GB unified ram": the platform said is a Mac's and a memory is said with no device, host or
    processor named, so the memory is a Mac's unified memory (as "a 36gb mac"), not a card's."""
    if q.setup or q.host is not None or q.cpu_only or (q.vram_gb is None and q.ram_gb is None):
        return False
    return (
        P.found(P.MAC_PLATFORM_RE, st.low) is not None
        or P.found(P.MAC_PLATFORM_FIELD_RE, st.low) is not None
    )


def drop_passing_families(st: State, models: list[Mention], compare: bool) -> None:
    """A model family named without a size next to a clear model name is not a question of its
    own: the rest of the same name ("deepseek" of "deepseek r1 distill 14b"), or a passing
    mention after it ("... with llama" cut from "with llama.cpp"). A comparison word next to it
    ("qwen3 32b vs llama") keeps it unsure, since it asks for that second model; so does a family
    named before the clear name ("llama on my 3090? i used qwen3 8b before")."""
    cat = st.idx.catalog
    first = min(m.start for m in models)
    for u, a, b in st.family_only:
        if u.kind != "model" or not any(u is x for x in st.unsure):
            continue
        part_of = any(
            (0 <= m.start - b <= 2 or 0 <= a - m.end <= 2)
            and any(cat.models[c.id].family == cat.models[m.eid].family for c in u.suggestions)
            for m in models
        )
        # "vs llama", "llama or ...": a comparison word right next to it asks for that model
        compared = compare and (
            P.COMPARE_RE.search(st.low, max(0, a - 12), a)
            or P.COMPARE_RE.search(st.low[b : b + 12])
        )
        if not part_of and (compared or a < first):
            continue
        st.unsure = [x for x in st.unsure if x is not u]
        if not part_of:
            st.ignored.append(f'"{u.text}" (a model family without a size, after a model)')


# what may stand between a lab's name and its model's: "Mistral AI Devstral", "mistralai/Devstral"
_MAKER_GAP_RE = re.compile(r"[\s/\-_]*(?:ai)?[\s/\-_]*")


def drop_makers(st: State, models: list[Mention]) -> list[Mention]:
    """A lab's name said right before one of its models ("Mistral AI Devstral Small 2507",
    "mistralai/Magistral-Small-2509") names the maker, not the model the lab's name is also an
    alias of (Mistral 7B): a word without a digit whose entry comes from the same Hugging Face
    owner as the model right after it steps aside."""
    if len(models) < 2:
        return models
    cat = st.idx.catalog

    def owner(m: Mention) -> str:
        return cat.models[m.eid].hf_repo.split("/")[0].lower()

    makers = {
        id(a)
        for a, b in pairwise(models)
        if a.eid != b.eid
        and not any(c.isdigit() for c in a.text)
        and _MAKER_GAP_RE.fullmatch(st.low[a.end : b.start])
        and owner(a) == owner(b)
    }
    return [m for m in models if id(m) not in makers] if makers else models


def _machine_and_chip(st: State | None, a: Mention, b: Mention) -> bool:
    """ "Framework Desktop with a Ryzen AI Max 395", "EVO-X2 with the AI Max+ 395": a whole
    machine (a device whose memory is the system's, not a card) named by its product and then
    by its chip, two names of one box; the same name twice ("Strix Halo + Strix Halo") is two."""
    if st is None or st.idx.catalog.hardware[a.eid].kind == "gpu":
        return False
    return compact(a.text) != compact(b.text)


def _instance_of(st: State | None, first: Mention, m: Mention) -> bool:
    """One of the two is a cloud instance named by its type and the other its card ("g5.12xlarge
    with 4 A10G"): one device said twice, its counts not added."""
    return st is not None and any(
        (x.start, x.end) == (a, b) for x in (first, m) for a, b, _e, _n in st.instances
    )


def drop_duplicates(ms: list[Mention], st: State | None = None) -> list[Mention]:
    """One mention per entry. The same device named twice ("3090 ... my 3090s") keeps the count
    and memory stated with either; named twice in one setup ("3090 + 3090") or on two numbered
    lines of a log the counts add up (not a log line of the card said before it: "on RX570 ...
    Device 0: Radeon RX 570" is one card)."""
    out: list[Mention] = []
    for m in ms:
        first = next((o for o in out if o.eid == m.eid), None)
        if first is None:
            out.append(m)
            continue
        if (
            m.kind == "model"
            and _SIZE_SAID_RE.search(m.text)
            and not _SIZE_SAID_RE.search(first.text)
        ):
            # "llama3.2 vision models ... llama3.2-11b-instruct": the entry said again with its
            # size is the one said (a bare family alone is read as the biggest member the setup
            # holds, bare_family_said; here the size was given)
            out[out.index(first)] = m
            continue
        gap = st.low[first.end : m.start] if st is not None else ""
        labelled = st is not None and _labelled(st, m) and _labelled(st, first)
        if (
            m.kind == "hardware"
            and not _instance_of(st, first, m)
            and (
                (
                    0 < len(gap) <= 12
                    and P.SETUP_JOINER_RE.search(gap)
                    and not _machine_and_chip(st, first, m)
                )
                or labelled
                # "Rig: 4090, 3090, 3090": a list naming it twice (not "2 GPUs (NVIDIA L4, NVIDIA
                # L4)": a count said before the list is of its names)
                or (P.COMMA_GAP.fullmatch(gap) and first.count is None and m.count is None)
            )
        ):
            first.count = (first.count or 1) + (m.count or 1)
            first.end = m.end
        elif (
            first.count == 1
            and (m.count or 0) >= 2
            and not P.found(P.COMPARE_RE, gap)
            and not P.found(P.ALTERNATIVE_RE, gap)
            and "other" not in gap  # "one of my 3060's ... my other 2 3060's": 3 (_others_count)
        ):
            # "on a single 3090, an OOM ... My computer has two 3090 GPUs", "一张4090 单卡 ... 而用
            # 两张4090卡": one card tried first, the machine's cards said after it
            first.count = m.count
        else:
            first.count = first.count or m.count
        first.memory = first.memory or m.memory
    return out


def apple_gpu_cores(st: State, hws: list[Mention]) -> None:
    """ "M2 Ultra 76 core", "M3 Ultra ... 60-core graphics processor": an Apple chip's GPU core
    count names its variant (the catalog's "-60c" sibling). A count right after the chip, or one
    said to be the GPU's; never the CPU's ("28-core central processing unit")."""
    catalog = st.idx.catalog
    for h in hws:
        hw = catalog.hardware[h.eid]
        if hw.kind != "apple":
            continue
        chip = P.CORE_SUFFIX.sub("", hw.id)
        near = st.low[h.end : h.end + 24]
        counts = [m.group(1) for m in P.CORES_AFTER.finditer(near)]
        counts += [next(filter(None, m.groups())) for m in P.GPU_CORES.finditer(st.low)]
        for n in counts:
            sibling = f"{chip}-{n}c"
            if sibling in catalog.hardware and sibling != h.eid:
                h.eid = sibling
                break
            if "-" not in chip and sibling not in catalog.hardware:
                # "my M4 Studio with 64gb Ram and 40 GPU cores": a base chip's name with a count
                # only one bigger chip of its generation has (the M4 Max)
                tiers = [
                    hid
                    for hid in catalog.hardware
                    if hid.startswith(chip + "-") and hid.endswith(f"-{n}c")
                ]
                if len(tiers) == 1:
                    h.eid = tiers[0]
                    break


def apple_bare_memory(st: State, hws: list[Mention]) -> None:
    """ "m3 max 128": a bare number right after an Apple chip that the chip is sold with is its
    memory."""
    catalog = st.idx.catalog
    for h in hws:
        hw = catalog.hardware[h.eid]
        if hw.kind != "apple" or h.memory is not None:
            continue
        m = P.BARE_NUMBER_AFTER.match(st.low, h.end)
        if m is None or not st.mask.free(*m.span(1)):
            continue
        gb = float(m.group(1))
        if hw.sold_with(gb):
            h.memory = gb
            st.mask.take(*m.span(1))
            st.memories.append(Amount(m.start(1), m.end(1), gb, "unified", None, owner=h))


def apple_binned(st: State, hws: list[Mention]) -> None:
    """ "Binned M4 Pro/48GB": an Apple chip said as binned is its variant with the fewest GPU
    cores."""
    catalog = st.idx.catalog
    for h in hws:
        # (the maker's word before the chip is no part of the window: "Binned Apple M4 Pro")
        lead = 6 if st.low.endswith("apple ", 0, h.start) else 0
        if catalog.hardware[h.eid].kind != "apple" or not (
            P.BINNED_RE.search(st.low, max(0, h.start - 12 - lead), h.start)
            or P.BINNED_RE.search(st.low, h.end, h.end + 12)
        ):
            continue
        chip = P.CORE_SUFFIX.sub("", h.eid)
        cores = {
            hid: int(m.group()[1:-1])
            for hid in catalog.hardware
            if P.CORE_SUFFIX.sub("", hid) == chip and (m := P.CORE_SUFFIX.search(hid))
        }
        if len(cores) >= 2:
            h.eid = min(cores, key=cores.__getitem__)


def apple_memory_variants(st: State, hws: list[Mention]) -> None:
    """ "my 36GB ram M3 max": an Apple chip said without its memory next to it, with one amount
    near it that only a sibling variant is sold with (36 GB: the 30-core M3 Max), is that variant."""
    catalog = st.idx.catalog
    _sizes_no_mac_has(st, hws)
    for h in hws:
        hw = catalog.hardware[h.eid]
        if hw.kind != "apple" or h.memory is not None:
            continue
        near = [
            m
            for m in st.memories
            if m.owner is None
            and m.kind in (None, "ram", "unified")
            and (0 <= h.start - m.end <= 24 or 0 <= m.start - h.end <= 24)
        ]
        if len(near) != 1 or hw.sold_with(near[0].gb):
            continue
        chip = P.CORE_SUFFIX.sub("", hw.id)
        siblings = [
            hid
            for hid, e in catalog.hardware.items()
            if hid != hw.id and P.CORE_SUFFIX.sub("", hid) == chip and e.sold_with(near[0].gb)
        ]
        if len(siblings) == 1:
            h.eid = siblings[0]
        elif not siblings and (
            tiers := [
                e
                for hid, e in catalog.hardware.items()
                if e.kind == "apple" and hid.startswith(chip + "-") and e.sold_with(near[0].gb)
            ]
        ):
            # "M4 Studio 64GB Ram": no base M4 has 64 GB, so it is the generation's first tier up
            # that is sold with it (the slowest such chip: a Pro before a Max)
            h.eid = min(tiers, key=lambda e: e.bandwidth_gbps).id
            if all(catalog.hardware[o.eid].kind == "apple" for o in hws):
                # and with no other device named, that memory is the chip's ("my 18GB mac m3":
                # an M3 Pro's 18, not the 8 GB said of other Macs)
                near[0].owner = h


def _sizes_no_mac_has(st: State, hws: list[Mention]) -> None:
    """ "M3 Max Macbook ... qwen3-coder-next:latest 52G": with one Apple chip the only device
    named, without its memory, a bare size that no chip of its generation is sold with (nor is
    its storage) is the model's file, not the machine's memory, which stays unsaid."""
    if len(hws) != 1 or hws[0].memory is not None:
        return
    catalog = st.idx.catalog
    if catalog.hardware[hws[0].eid].kind != "apple":
        return
    chip = P.CORE_SUFFIX.sub("", hws[0].eid)
    for m in st.memories:
        if (
            m.owner is None
            and m.kind is None
            and m.count is None
            and m.gb < 256
            and not _apple_generation_sold_with(catalog, chip, m.gb)
        ):
            m.model_size = True


def _apple_generation_sold_with(catalog: Catalog, chip: str, gb: float) -> bool:
    """Some Apple chip of this one's generation ("m3" of "m3-max") is sold with this memory."""
    gen = chip.split("-")[0]
    return any(
        e.kind == "apple" and (hid == gen or hid.startswith(gen + "-")) and e.sold_with(gb)
        for hid, e in catalog.hardware.items()
    )


def super_variants(st: State, hws: list[Mention]) -> None:
    """ "rtx4080s", "4070S": an "s" glued to a card's number without a count before it is its
    Super (the way the cards are sold and written), not a plural ("two 4080s" stays two 4080s)."""
    catalog = st.idx.catalog
    for h in hws:
        end = h.end
        if h.count or not (
            end + 1 <= len(st.low)
            and st.low[end : end + 1] == "s"
            and st.low[end - 1 : end].isdigit()
            and not st.low[end + 1 : end + 2].isalnum()
        ):
            continue
        hw = catalog.hardware[h.eid]
        if hw.kind != "gpu" or "super" in hw.id or P.PLURAL_VERB_AFTER.match(st.low, end + 1):
            continue  # "the 4080s are fast": cards
        found = resolve_hardware(f"{hw.name} super", catalog).entry
        if found is not None and "super" in found.id and found.id != hw.id:
            h.eid = found.id
            h.end = end + 1
            h.note = f'"{st.text[h.start : h.end]}": read as the {found.name}'


def ambiguous_by_memory(st: State, hws: list[Mention]) -> list[Mention]:
    """ "an 8x RTX 6000 build, 768GB of VRAM": a card name several entries share (the A6000, the
    Quadro RTX 6000, the 6000 Ada, the PRO 6000 Blackwell), with no other device named, is the one
    entry sold with the memory said for it, the cards' memory together over their count."""
    if hws:
        return []
    cat = st.idx.catalog
    amounts = [m.gb for m in st.memories if m.kind in (None, "vram") and not m.model_size]
    if not amounts:
        return []
    out = []
    for u in list(st.unsure):
        if u.kind != "hardware" or u.reason != "ambiguous" or len(u.suggestions) < 2:
            continue
        entries = [cat.hardware[c.id] for c in u.suggestions]
        if any(e.kind != "gpu" for e in entries) or (at := st.low.find(u.text.lower())) < 0:
            continue
        h = Mention("hardware", None, at, at + len(u.text), 9.0, [], u.text)
        n = count_near(st, h) or 1
        # the memory said over the count, or one card's own ("2x RX 7900 ... ROCm0: 24524 MiB")
        per = {
            e.id: gb / k for e in entries for gb in amounts for k in {n, 1} if e.sold_with(gb / k)
        }
        fits = [e for e in entries if e.id in per]
        # the entries sold with it are one, or of one size and each named by the very words said
        # ("gfx1201 ... 32624 MiB": the R9700 and its passive twin, both gfx1201), as an adjacent
        # size picks among same-sized entries (names._decide); a name no entry has ("GTX TITAN X")
        # stays unknown rather than read as a near one of its size (the Titan V)
        if len(fits) == 1 or (
            fits
            and len({e.memory_gb for e in fits}) == 1
            and all(_named_as(e, u.text) for e in fits)
        ):
            h.eid = fits[0].id
            h.count = n if n > 1 else None
            others = ", ".join(e.name for e in fits[1:])
            h.note = f'"{u.text}" with {per[h.eid]:g} GB each: read as the {fits[0].name}' + (
                f" (also: {others})" if others else ""
            )
            st.unsure.remove(u)
            out.append(h)
    return out


def _named_as(hw: Hardware, text: str) -> bool:
    """The words said are one of the entry's names (its id, an alias or its chip's gfx name),
    letters and digits compared."""
    said = compact(text)
    return any(compact(n) == said for n in (hw.id, *hw.aliases, hw.gfx or ""))


def memory_variants(st: State, hws: list[Mention]) -> None:
    """ "my 4060 16GB": a card named with a memory it is never sold with, which its Ti sibling
    (language.yaml sibling_suffixes) is, is that sibling (people leave the suffix out, not the
    memory)."""
    catalog = st.idx.catalog
    for h in hws:
        hw = catalog.hardware[h.eid]
        if h.memory is None or hw.kind != "gpu" or hw.sold_with(h.memory):
            continue
        if any(
            m.kind == "ram" and m.gb == h.memory and 0 <= m.start - h.end <= 16 for m in st.memories
        ):
            continue  # "RTX 4060 with 16GB RAM": the host's memory
        for suffix in P.LANG.sibling_suffixes:
            if suffix in hw.id.split("-"):
                continue
            found = resolve_hardware(f"{hw.name} {suffix} {h.memory:g}gb", catalog).entry
            if (
                found is not None
                and suffix in found.id.split("-")
                and found.form == hw.form  # not a laptop card of the same number
                and found.sold_with(h.memory)
            ):
                h.eid = found.id
                h.note = (
                    f'"{st.text[h.start : h.end]}" with {h.memory:g} GB: read as the {found.name}'
                )
                break


def stated_memory_variant(st: State, q: Query) -> None:
    """ "Total VRAM 8192 MB ... Device: cuda:0 NVIDIA GeForce RTX 3060", "MI50 ... with 16GB
    memory": one card named apart from a VRAM total it is never sold with, which a variant of the
    same card and form is (the RTX 3060 8GB, the MI50 16GB), is that variant: a tool's device
    line and its memory line are apart, and people say the card and its memory apart."""
    gb = q.vram_gb
    if q.hardware is None or gb is None or (q.gpus or 1) != 1 or q.hardware_b is not None:
        return
    catalog = st.idx.catalog
    hw = catalog.hardware[q.hardware.id]
    if hw.kind != "gpu" or hw.sold_with(gb):
        return
    found = _memory_variant(hw.name, hw, gb, catalog)
    if found is None:
        return
    q.hardware = HardwareRef(id=found.id, name=found.name)
    st.assumed.append(f"{hw.name} with {gb:g} GB: read as the {found.name}")


def _memory_variant(said: str, hw, gb: float, catalog):
    """The variant of the card `hw` (same name but its memory, same form) sold with `gb`, found
    by its name said with that memory; None when there is none."""
    found = resolve_hardware(f"{said} {gb:g}gb", catalog).entry
    if (
        found is None
        or found.id == hw.id
        or found.form != hw.form
        or not found.sold_with(gb)
        or without_memory(found.name) != without_memory(hw.name)
    ):
        return None
    return found


def compared_variant_total(st: State, q: Query) -> None:
    """ "a single 4090 vs 4x 4060ti ... the 4x4060ti stack will have a total 64GB": an amount said
    as a total that the compared cards together are never sold with but a variant of the same card
    and form is (4 x 16 GB: the RTX 4060 Ti 16GB), is that variant's, as _variant_total reads it
    for the first device; the amount is then the cards', not the host's RAM."""
    n = q.gpus_b
    if q.hardware_b is None or not n or n < 2 or q.vram_gb_b is not None:
        return
    catalog = st.idx.catalog
    hb = catalog.hardware[q.hardware_b.id]
    if hb.kind != "gpu":
        return
    for m in st.memories:
        if m.count is not None or not (
            P.TOTAL_BEFORE_AMOUNT.search(st.low, max(0, m.start - 12), m.start)
            or P.TOTAL_AFTER_AMOUNT.match(st.low, m.end)
        ):
            continue
        per = m.gb / n
        if hb.sold_with(per) or hb.sold_with(m.gb):
            continue
        found = _memory_variant(without_memory(hb.name), hb, per, catalog)
        if found is None:
            continue
        q.hardware_b = HardwareRef(id=found.id, name=found.name)
        if q.ram_gb == m.gb:
            q.ram_gb = None  # the cards' memory together, not the host's
        st.assumed.append(f"{n}x {hb.name} with {m.gb:g} GB in all: read as the {found.name}")
        return


def laptop_variants(st: State, hws: list[Mention]) -> None:
    """ "3070 laptop", "mobile 4080": a desktop card named with a laptop word is its laptop
    variant when the catalog has one (else the desktop card answers, and the reading is said).
    So is a desktop card whose nvidia-smi row shows a total memory only its laptop variant is sold
    with (an "RTX 3050" row with 4096MiB in all): the driver leaves "Laptop GPU" out of a name cut
    short ("RTX 5090 ..."), not the memory. A memory people say is not read so ("8GB on RTX 4070"
    is as often a usage or a slip as a laptop)."""
    catalog = st.idx.catalog
    # a laptop word or line anywhere (most texts have none): the searches beside each card need one
    worded = next(filter(st.low.__contains__, P.LAPTOP_NEEDS), None)
    for h in hws:
        hw = catalog.hardware[h.eid]
        if hw.kind != "gpu" or hw.form == "laptop":
            continue
        if P.LAPTOP_WORD_RE.search(hw.name.lower()):
            # the word is the card's own name, not a laptop marker: the RTX PRO 6000 Blackwell
            # Max-Q is a 300 W workstation card
            continue
        before = st.low[max(0, h.start - 24) : h.start]
        after = st.low[h.end : h.end + 20]
        said = (
            (
                worded
                and (
                    P.LAPTOP_BEFORE.search(before)
                    or P.LAPTOP_AFTER.match(after)
                    or P.LAPTOP_WORD_RE.search(st.low, h.start, h.end)
                    # "Legion 5 Pro with RTX 3070", "MSI Raider 16 Max HX, equipped with an RTX 5070"
                    or P.LAPTOP_LINE_BEFORE.search(st.low, max(0, h.start - 64), h.start)
                    or P.LAPTOP_LIST_BEFORE.search(st.low, max(0, h.start - 480), h.start)
                    or P.ON_LAPTOP_BEFORE.search(st.low, max(0, h.start - 96), h.start)
                    or (
                        (on := P.ON_LAPTOP_AFTER.match(st.low[h.end : h.end + 96])) is not None
                        # not past another card ("a 4080 and a 3060 in my laptop")
                        and not any(
                            o is not h
                            and h.end <= o.start < h.end + on.end()
                            and _is_card(o, catalog)
                            for o in hws
                        )
                    )
                )
            )
            or (st.laptop_cpu is not False and _laptop_processor(st, hws, h))
        )
        gb = _row_total(st, h)
        if (
            gb is None
            and worded
            and h.memory is not None
            and not hw.sold_with(h.memory)
            and "desktop" not in before
        ):
            # "my laptop that has RTX3060 6GB vram": a memory said with the card that only its
            # laptop variant is sold with, in a text that says laptop
            gb = h.memory
        if not said and (gb is None or hw.sold_with(gb)):
            continue
        found = resolve_hardware(f"{hw.name} laptop", catalog).entry
        if found is not None and found.form == "laptop" and found.id != hw.id:
            if said or found.sold_with(gb):
                h.eid = found.id
                if not said:
                    h.note = (
                        f'"{st.text[h.start : h.end]}" with {gb:g} GB: read as the {found.name}'
                    )
        elif said:
            st.assumed.append(f"no laptop {hw.name} in the catalog: answered for the desktop card")


def _is_card(h: Mention, catalog) -> bool:
    hw = catalog.hardware.get(h.eid)
    return hw is not None and hw.kind == "gpu" and hw.form != "igpu"


def _row_total(st: State, h: Mention) -> float | None:
    """The card's total memory on the line after its nvidia-smi row ("|   0  NVIDIA GeForce RTX
    3050 ...  WDDM  |" then "|  2998MiB /   4096MiB |"), when the card is named in such a row."""
    if not P.found(P.NVSMI_ROW_RE, st.low[st.low.rfind("\n", 0, h.start) + 1 : h.start + 1]):
        return None
    eol = st.low.find("\n", h.end)
    if eol < 0:
        return None
    nxt = st.low.find("\n", eol + 1)
    nxt = len(st.low) if nxt < 0 else nxt
    return next((m.gb for m in st.memories if m.kind == "vram" and eol < m.start < nxt), None)


def _row_index(st: State, at: int) -> bool:
    """The number at `at` is an nvidia-smi row's index ("|   2  NVIDIA GeForce RTX 4090  On |",
    or the row pasted without its bar): the row's place in the table, not a count of the card (the
    rows together are: _listed_count)."""
    start = st.low.rfind("\n", 0, at) + 1
    return any(
        m.start(1) == at
        for rx in (P.NVSMI_ROW_RE, P.NVSMI_BARE_ROW_RE)
        if (m := rx.match(st.low, start)) is not None
    )


def cards_unsaid(st: State, q: Query, named: list[Mention]) -> None:
    """ "I have some 3090s", "a few P40s", "我还有几张A40": the card chosen, said in the plural after a
    quantifier and no number (language.yaml cards_unsaid_quantifiers), is several cards of that
    kind, their count not said (Query.cards_unsaid_count); the count stays unread, not one."""
    if q.hardware is None or q.gpus is not None or q.setup or q.cards_unsaid_count:
        return
    if st.idx.catalog.hardware[q.hardware.id].kind != "gpu":
        return
    for h in named:
        if h.eid != q.hardware.id:
            continue
        m = P.CARDS_UNSAID_BEFORE.search(st.low, max(0, h.start - 24), h.start)
        if m is None:
            continue
        # the plural marks several in English ("3090s"); a language without it says so by the word
        if m.group().isascii() and not P.PLURAL_AFTER.match(st.low[h.end : h.end + 12]):
            continue
        q.cards_unsaid_count = True
        return


_LIST_GAP_END_RE = re.compile(r"[.;?!]|\n\s*\n")


def list_total(st: State, h: Mention, named: list[Mention]) -> bool:
    """A count said as the head of a list with a colon right before this card, the list going on
    in the same sentence with the same card only ("two gpus: 3090 and 3090") or with a card counted
    on its own ("с тремя GPU: RTX 5070 Ti (16 ГБ) и две RTX Pro 4000"): the count is the whole
    list's, not this card's. (A list of other cards each said once is mixed_cards' to weigh: "three
    GPUs: 3090, 3090, 3060".)"""
    if st.low.find(":", max(0, h.start - 28), h.start) < 0:
        return False  # (a head ends with a colon: most texts stop here)
    if not P.LIST_TOTAL_BEFORE.search(st.low, max(0, h.start - 28), h.start):
        return False
    after = [
        g
        for g in named
        if g is not h
        and g.start >= h.end
        and g.start - h.end <= 80
        and not _LIST_GAP_END_RE.search(st.low, h.end, g.start)
        and st.idx.catalog.hardware[g.eid].kind != "cpu"
    ]
    return bool(after) and (
        all(g.eid == h.eid for g in after) or any(count_near(st, g) for g in after)
    )


def count_near(st: State, h: Mention, models: list[Mention] | None = None) -> int | None:
    """The count said with a device: before it ("2x", "two", "8卡", "2 A6000"), or after it ("x2",
    "(x4)", "3090s (4)"); times the machines said with it ("2 8x H100 nodes", "两台8卡A100")."""
    low = st.low
    a = max(0, h.start - 28)
    before = low[a : h.start]
    after = low[h.end : h.end + 12]
    if "(" in low[max(0, h.start - 2) : h.start] and (
        shut := P.PAREN_CLOSE_AFTER.match(low, h.end)
    ):
        # "(RTX 3090) x2", "(RTX 5060ti 16gb) x 2": the name (and its memory) in parentheses
        after = low[shut.end() : shut.end() + 12]
    if m := P.COUNT_BEFORE.search(before):
        if m.group(1):
            n = int(m.group(1))
        elif m.group(2):
            # a bare number needs a plural or a brand word: "2 3090s", "4 rtx 3090", not "qwen3 32
            # 3090"; or to stand free of any name or figure: "2 A6000", "8 H20 (96GB)"
            n = int(m.group(2))
            # (any word between is a lead word or a joiner: "4 gpu 3090", "4 of my 3090s")
            branded = re.search(r"\d[\s-]+[^\W\d_]", m.group(0)) or P.BRAND_AT.match(low, h.start)
            if (
                not (
                    P.PLURAL_AFTER.match(after)
                    or branded
                    or _free_count(st, a + m.start(2), a + m.end(2), h, models or [])
                )
                or P.NUMBERED_LINE_BEFORE.search(low, max(0, a + m.start(2) - 24), a + m.start(2))
                or _row_index(st, a + m.start(2))
            ):
                n = 0
        elif m.group(3):
            n = P.LANG.number_words.get(m.group(3).strip(), 0)
        else:
            # "x2 RTX 3090": the count written first, unless pass 1 took it ("pcie x8")
            n = int(m.group(4)) if st.mask.free(a + m.start(4), a + m.end(4)) else 0
        if n > 16 and _machines_times_cards(st) == n and n <= MAX_GPUS:
            return n  # "across 4 nodes, each with 8 GPUs ... 32 RTX 4090 GPUs": all the cards
        if n > MAX_GPUS:
            _too_many(st, n)
        if 16 < n <= MAX_GPUS:
            return n  # "32x 4090", "24x A100": a cluster's cards, counted in all
        if 1 <= n <= 16:
            # "2xh100x8": nodes times cards
            if (per := P.COUNT_AFTER.match(after)) and per.group(1):
                n *= int(per.group(1))
            elif nodes := _node_count(st, a + m.start(), h):
                n *= nodes
            elif (
                m.group(1)
                and (
                    times := P.MEM_NODES_BEFORE.search(
                        low, max(0, a + m.start() - 8), a + m.start()
                    )
                )
                and 2 <= n * int(times.group(1)) <= 16
            ):
                n *= int(times.group(1))  # "2*8*H100": two machines of eight cards
            elif (
                groups := P.GROUPS_BEFORE_PAREN.search(
                    low, max(0, a + m.start() - 24), a + m.start()
                )
            ) and 2 <= n * int(groups.group(1)) <= 16:
                n *= int(groups.group(1))  # "4个(nvlink的双2080ti 22G)": four pairs, eight cards
            elif each := P.NODE_EACH_AFTER.match(low, h.end, h.end + 48):
                n *= int(each.group(1))  # "Four L40S machines, each with 8 GPUs": 32 cards
            elif (
                (m.group(2) or m.group(3))
                and (per := _server_cards(st, h))
                and P.NODES_PLURAL_AFTER.match(low, h.end)
            ):
                # "three A100 nodes": machines of a module sold on a server's baseboard
                # (Hardware.server_gpus), each with all of its cards (said as assumed); "8x H100
                # nodes" counts the cards of each
                note = f'"{h.text}" machines: {per} cards each, {n * per} in all'
                if note not in st.assumed:
                    st.assumed.append(note)
                n *= per
            elif "total" in low[h.end : h.end + 56] and (
                all_of := P.TOTAL_AFTER.match(low, h.end, h.end + 56)
            ):
                # "2 × H200 (8 GPUs / node, 16 total)": the machines' count, then the cards in all
                total, said = int(all_of.group(1)), all_of.group().split()
                per_node = any(w.strip("/,") in P.LANG.node_words for w in said)
                n = total if per_node and 2 <= n < total <= 16 and total % n == 0 else n
            return n
    if (
        before[-1:].isdigit()
        and h.text[:1].isalpha()
        and (g := P.GLUED_COUNT_BEFORE.search(before))
        and st.mask.free(a + g.start(1), a + g.end(1))
        and 2 <= (n := int(g.group(1))) <= 16
    ):
        return n  # "Would 2H100 in a cluster be enough": two H100s
    if P.found(P.BOTH_BEFORE, before) and P.PLURAL_AFTER.match(after):
        return 2  # "both my 3090s" ("both the 3090 and the 4090" names one of each)
    if (m := P.COUNT_MEMORY_BEFORE.search(before) if "g" in before else None) and (
        m.group(2) or m.group(4) or P.PLURAL_AFTER.match(after) or P.CARD_WORD_AFTER.match(after)
    ):
        # "requires 8 141G H20s", "2 24GB 3090s", "8X 80GB VRAM A100", "one 16 GB VRAM T4 GPU":
        # the cards, each with that memory
        n = int(m.group(1)) if m.group(1) else P.LANG.number(m.group(3).strip())
        word = P.WORD_BEFORE.search(low, max(0, a + m.start() - 24), a + m.start())
        if (2 <= (n or 0) <= 16 or (n == 1 and m.group(3))) and not (
            word and word.group(1) in st.idx.model_words
        ):
            return n
    if (m := P.COUNT_TIMES_MEMORY_AFTER.match(after)) and 1 <= (n := int(m.group(1))) <= 16:
        return n  # "H800 1*80G", "A100 2*40G", "4090 2x24GB": the cards times each one's memory
    m = P.COUNT_AFTER.match(after)
    if m is None and low[h.end - 1 : h.end] == "s" and after[:3].lstrip()[:1] == "(":
        # "RTX 2080 Tis (4)", "RTX 6000 Pros (2)": the name took its plural, then the count
        m = P.PLURAL_COUNT_PAREN.match(after)
    if m:
        n = int(m.group(1) or m.group(2) or m.group(3) or m.group(4))
        if m.group(1) and (nodes := P.TIMES_AFTER.match(low, h.end + m.end())):
            n *= int(nodes.group(1))  # "H100x8*2": eight cards in each of two machines
        if n > MAX_GPUS:
            _too_many(st, n)
        if 1 <= n <= MAX_GPUS:
            return n
    elif (m := P.COUNT_AFTER_EDITION.match(low[h.end : h.end + 48])) and 1 <= int(m.group(1)) <= 16:
        return int(m.group(1))  # "RTX 3090 FTW3 Ultra x2", "RTX 3090 Ti (24GB) x 2"
    elif not after.isascii() and (m := P.COUNT_AFTER_CJK.match(after)):
        n = int(m.group(1)) if m.group(1) else P.LANG.number_words[m.group(2)]
        if 1 <= n <= MAX_GPUS:
            return n  # "4090两张": two of them, "128张A800"
    elif m := P.COUNT_WORD_AFTER.match(after):
        return P.LANG.count_after_words[m.group(1)]  # "our GX10 pair": two of them
    return None


def _server_cards(st: State, h: Mention) -> int | None:
    """The cards of one server of this module (an A100 SXM, an H100 SXM: Hardware.server_gpus),
    None for a card sold on its own."""
    hw = st.idx.catalog.hardware.get(h.eid) if h.eid else None
    return getattr(hw, "server_gpus", None)


def _machines_times_cards(st: State) -> int | None:
    """The cards in all of machines said with the cards each holds ("4 nodes, each with 8 GPUs")."""
    if not any(w in st.low for w in ("node", "machine", "server", "host", "box")):
        return None  # (the cheap test first)
    m = P.found(P.NODES_EACH_RE, st.low)
    if m is None:
        return None
    raw = m.group(1) or m.group(2)
    nodes = int(raw) if raw.isdigit() else P.LANG.number(raw.strip())
    return nodes * int(m.group(4)) if nodes else None


def cluster_cards(st: State, q: Query) -> None:
    """ "集群三个节点一个节点八台gpu", "16卡*32G显存 * 4机", "4 nodes with 8 H100 each": machines
    and the cards of each said in one breath (patterns.MACHINES_CARDS_RE) are the cards in all,
    when the count read so far is none or one machine's."""
    if q.setup or q.cpu_only or q.hardware_b is not None:
        return
    m = P.found(P.MACHINES_CARDS_RE, st.low, P.MACHINES_CARDS_NEEDS)
    if m is None:
        return
    g = m.groups()
    pairs = ((g[0], g[1], g[2], g[3]), (g[0], g[1], g[4], g[5]), (g[8], g[9], g[6], g[7]))
    nodes = per = None
    for n_digit, n_word, c_digit, c_word in pairs:
        if (c_digit or c_word) and (n_digit or n_word):
            nodes = int(n_digit) if n_digit else P.LANG.number(n_word.strip())
            per = int(c_digit) if c_digit else P.LANG.number(c_word.strip())
            break
    if not nodes or not per or not 2 <= nodes <= 64 or not 1 <= per <= 16:
        return
    if nodes * per <= MAX_GPUS and q.gpus in (None, per):
        q.gpus = nodes * per


def _too_many(st: State, n: int) -> None:
    """A count of cards past what canirun sets up (16, a big server's), said: the answer is for
    one card, and says why rather than dropping it unseen ("can 64x 4090 run kimi k2")."""
    note = f"{n} cards (more than the {MAX_GPUS} one setup holds, so answered for one)"
    if note not in st.ignored:
        st.ignored.append(note)


def added_card_count(st: State, h: Mention) -> int | None:
    """One more of the card said ("if I add a second 3060"): the count in all. Only where this is
    the one kind of card named (see language.yaml added_card_words), and not when it is planned
    or weighed ("I'm thinking of adding a second 3060": language.yaml added_card_planned_before).
    """
    if m := P.ADDED_CARD_BEFORE.search(st.low, max(0, h.start - 40), h.start):
        if P.ADDED_CARD_PLANNED_BEFORE.search(st.low, max(0, m.start() - 80), m.start()):
            return None  # "thinking of adding a second 3090": planned, not had
        if m.group(1):
            return P.LANG.added_card_words[m.group(1)]
        n = int(m.group(2))  # "a 5th 3060"
        return n if 2 <= n <= 16 else None
    return None


def _free_count(st: State, a: int, b: int, h: Mention, models: list[Mention]) -> bool:
    """A bare number right before a device that is no part of anything else: not taken by pass 1
    ("cuda 12", "pcie 4"), not a model's ("llama 3 A100", "qwen3 32 3090"), not after another
    number ("3.1 8 A100"), and the device's name starts with a letter ("2 A6000", "8 MI300X"). A
    number before a number counts only after a word that leads a count ("my rig with 2 7900 XTX",
    "I have 3 3090") or at a line's start; elsewhere ("windows 11 4090") it stays unread."""
    if not st.mask.free(a, b):
        return False
    if any(m.start <= a and a - m.end <= 2 for m in models):
        return False
    prev = st.low[max(0, a - 24) : a].rstrip()
    if prev and (prev[-1].isdigit() or prev[-1] in ".,"):
        return False
    word = P.WORD_BEFORE.search(prev)
    if not h.text[:1].isalpha():
        at_line_start = not prev or st.low[a - 1 : a] == "\n" or prev[-1] in "-*•:"
        return at_line_start or (word is not None and word.group(1) in P.LANG.bare_count_leads)
    return word is None or word.group(1) not in st.idx.model_words


def _node_count(st: State, at: int, h: Mention) -> int | None:
    """Machines said with a count of cards: a count of them right before it, with a machine word
    between ("2 nodes of 8x H100", "两台8卡A100") or after the cards ("2 8x H100 nodes")."""
    m = P.NODE_COUNT_BEFORE.search(st.low, max(0, at - 40), at)
    if m is None:
        return None
    if not (m.group(3) or P.NODE_AFTER.match(st.low, h.end)):
        return None
    raw = m.group(1) or m.group(2)
    n = int(raw) if raw.isdigit() else P.LANG.number(raw.strip())
    if not n or not 2 <= n <= 16:
        return None
    if raw.isdigit():
        word = P.WORD_BEFORE.search(st.low, max(0, m.start() - 24), m.start())
        if word and word.group(1) in st.idx.model_words:
            return None  # "llama 3 8x H100 nodes": the 3 is the model's
    return n


def attach_memory(st: State, hws: list[Mention]) -> None:
    _card_memory_said_as_ram(st, hws)
    for h in hws:
        if h.memory is None and _labelled(st, h):
            # a log's device line: the VRAM it prints on that line ("Device 0: NVIDIA GeForce
            # RTX 3090, compute capability 8.6, VMM: yes, VRAM: 24575 MiB")
            eol = st.low.find("\n", h.end)
            eol = len(st.low) if eol < 0 else eol
            mem = next(
                (
                    m
                    for m in st.memories
                    if m.owner is None and m.kind == "vram" and h.end <= m.start < eol
                ),
                None,
            )
            if mem is not None:
                h.memory, mem.owner = mem.gb, h
                continue
        if h.memory is None:
            continue
        for mem in st.memories:
            if (
                mem.owner is None
                and mem.gb == h.memory
                and (0 <= mem.start - h.end <= 14 or 0 <= h.start - mem.end <= 16)
            ):
                mem.owner = h
                break


def _card_memory_said_as_ram(st: State, hws: list[Mention]) -> None:
    """ "The 6700M GPU with 10GB RAM", "4090显卡只有24GB内存": an amount with a RAM word right after
    a card's name, the card sold with that memory, is the card's memory, not the system's."""
    cat = st.idx.catalog
    for h in hws:
        hw = cat.hardware[h.eid]
        if h.memory is not None or hw.kind != "gpu":
            continue
        for mem in st.memories:
            if (
                mem.owner is None
                and mem.kind == "ram"
                and 0 <= mem.start - h.end <= 24
                and P.CARD_RAM_GAP.fullmatch(st.low, h.end, mem.start)
                and st.low[h.end : mem.start].strip(" \t,，")  # ("RTX 4090, 24GB RAM": a list)
                and hw.sold_with(mem.gb)
            ):
                mem.kind, mem.owner, h.memory = "vram", h, mem.gb
                break


def cpu_hardware(st: State, hws: list[Mention], cpu_only: bool = False) -> str | None:
    """A CPU-only system: a CPU the text names ("7950x"), else a generic one ("ddr4")."""
    cat = st.idx.catalog
    named = named_cpus(st)
    if named:
        return named[0]
    if st.unknown_cpus:
        # "xeon x3480", "3400g": a processor by its model number that nothing here knows is said to
        # be unknown, not answered as its family's generic system or as another chip
        text = st.unknown_cpus[0]
        r = resolve_hardware(text, cat)
        st.unsure.append(
            Unsure(
                kind="hardware",
                text=" ".join(text.split()),
                suggestions=[
                    Choice(id=c.id, name=c.name, score=c.score) for c in r.suggestions[:5]
                ],
                reason="unknown",
            )
        )
        return None
    for h in hws:
        # an APU named by its processor on a no-GPU question ("ryzen 7 8845hs"): that processor
        if (
            cat.hardware[h.eid].kind == "igpu"
            and not _names_graphics(h)
            and (found := _inferred_cpu(st, h.text) or _cpu_family_system(st, h.text))
        ):
            return found
    cpus = [h.eid for h in hws if cat.hardware[h.eid].kind == "cpu"]
    # a named CPU first, then a CPU family without a model number ("512gb ram epyc", left
    # unsure by the matcher), then a generic system ("ddr4")
    for eid in cpus:
        if cat.hardware[eid].vendor != "other":
            return eid
    # (a name said to be unknown, "dell optiplex 7070", stays unknown: its number is not the
    # catalog's, so neither is its kind of system)
    for u in [u for u in st.unsure if u.kind == "hardware" and u.reason != "unknown"]:
        if _generation_of_cards(st, u):
            st.unsure.remove(u)  # "dual 24GB Ampere eGPUs": cards of that generation, no CPU
            continue
        kinds = {cat.hardware[c.id].kind for c in u.suggestions}
        # a family of CPUs, or of chips said to be the processor ("a Ryzen 7 mobile CPU")
        said_cpu = "cpu" in kinds and not P.LANG.processor_words.isdisjoint(key_tokens(u.text))
        if (kinds == {"cpu"} or said_cpu) and (fam := _cpu_family_system(st, u.text)):
            st.unsure.remove(u)
            return fam
    if cpus and not cpu_only and _generic_system(cat.hardware[cpus[0]]) and not _cpu_machine(st):
        # "I have 96GB of DDR5", "192GB DDR5. Mostly used for VMs": memory said by its kind alone
        # is the RAM of a machine the text does not describe (it may well have a card), not a
        # CPU-only system; a PC, a laptop, a server or a run said to be on the CPU is one
        st.ignored.append("the memory's kind alone (no machine named)")
        return None
    return cpus[0] if cpus else None


def _cpu_machine(st: State) -> bool:
    """The text names a machine the memory said is in, or says it has no card."""
    return bool(
        st.channels
        or P.LAPTOP_WORD_RE.search(st.low)
        or P.found(P.SERVER_WORD_RE, st.low)
        or P.found(P.CPU_MACHINE_RE, st.low)
        or P.found(P.CPU_LAPTOP_RE, st.low)
        or P.found(P.RAM_MACHINE_RE, st.low)
    )


def _laptop_processor(st: State, hws: list[Mention], card: Mention) -> bool:
    """A laptop's processor is named ("i7-11800H", "Ryzen 7 7840HS", "Core Ultra 7 155H"): the
    card beside it is in that laptop, unless it is outside it (an eGPU) or in a mini PC's slot
    (language.yaml external_card_words), or its memory said is none its laptop variant has
    ("i9-13900H with RTX A2000 12GB": the desktop card)."""
    cat = st.idx.catalog
    if st.laptop_cpu is None:
        st.laptop_cpu = False
        for h in hws:
            hw = cat.hardware[h.eid]
            st.laptop_cpu |= hw.kind == "cpu" and hw.form == "laptop"
        for _a, _b, text in st.cpus if not st.laptop_cpu else ():
            # a mobile part's letter ("11800h", "7840hs", "5500u", "155h") before the look-up
            # ... or a Ryzen AI part, all of them mobile ("Ryzen AI 9 HX 370": its graphics' entry)
            mobile = P.MOBILE_CPU_RE.search(text) or "ryzen ai" in " ".join(text.lower().split())
            if not st.laptop_cpu and mobile and (f := _cpu_of(st, text)):
                st.laptop_cpu = (
                    cat.hardware[f].kind in ("cpu", "igpu") and cat.hardware[f].form == "laptop"
                )
    if not st.laptop_cpu:
        return False
    if P.found(P.EXTERNAL_CARD_RE, st.low):
        return False
    # (the memory said, or an nvidia-smi row's total: "RTX 5090 | 32607 MiB" is the desktop card)
    gb = card.memory if card.memory is not None else _row_total(st, card)
    if gb is None:
        eol = st.low.find("\n", card.end)
        eol = len(st.low) if eol < 0 else eol
        gb = next(
            (m.gb for m in st.memories if m.kind == "vram" and card.end <= m.start < eol),
            None,
        )
    if gb is not None:
        found = resolve_hardware(f"{cat.hardware[card.eid].name} laptop", cat).entry
        return found is not None and found.sold_with(gb)
    return True


def named_cpus(st: State, limit: int = 2) -> list[str]:
    """The CPUs pass 1 found by name, in order (at most `limit`): the catalog's entry of that
    name, else the one the family rules infer, else the generic system of its family."""
    if st.cpu_ids is not None:
        return st.cpu_ids
    out: list[str] = []
    for _a, _b, text in st.cpus:
        if found := _cpu_of(st, text):
            out.append(found)
            if len(out) >= limit:
                break
        elif P.CPU_MODEL_NUMBER.search(text):
            st.unknown_cpus.append(text)
        else:
            st.ignored.append(f"{text} (a CPU)")
    st.cpu_ids = out
    return out


def _cpu_of(st: State, text: str) -> str | None:
    # a name found by its catalog words alone has no note to add: remembered per index, since a
    # GPU question's host ("5950x") is looked up on every parse
    memo = st.idx.cpu_of
    if text in memo:
        return memo[text]
    found, plain = _cpu_lookup(st, text)
    if plain and len(memo) < _CPU_MEMO:
        memo[text] = found
    return found


_CPU_MEMO = 4096  # names remembered per index


def _cpu_lookup(st: State, text: str) -> tuple[str | None, bool]:
    """(the CPU entry, whether it was read from the catalog's words alone, without a note)."""
    cat = st.idx.catalog
    toks = key_tokens(text)
    pos: dict[str, list[int]] = {}
    for j, t in enumerate(toks):
        pos.setdefault(t, []).append(j)
    best = None
    keys = st.idx.keys
    # a complete match has every word of the key in the text: only keys sharing one can
    candidates: set[int] = set()
    for t in pos:
        candidates.update(st.idx.postings.get(t, ()))
    for ki in sorted(candidates):
        key = keys[ki]
        if key.kind != "hardware" or cat.hardware[key.eid].kind != "cpu":
            continue
        if not may_be_full(key.tokens, pos):
            continue  # a key sharing only "x" with "5950 x" cannot be a complete match
        r = align(key.tokens, pos, toks, [False] * len(toks), [False] * len(toks))
        if r and r[3] and (best is None or r[0] > best[0]):
            best = (r[0], key.eid)
    if best and not _other_vendors_family(st, text, best[1]):
        return best[1], True
    numbers = [t for t in toks if t.isdigit() and len(t) >= 4]
    if numbers and len(toks) <= 2:
        # a bare model number ("双路9654"): the one CPU whose names have it
        owners = {
            keys[ki].eid
            for ki in st.idx.postings.get(numbers[0], ())
            if keys[ki].kind == "hardware" and cat.hardware[keys[ki].eid].kind == "cpu"
        }
        if len(owners) == 1:
            return owners.pop(), True
    if found := _inferred_cpu(st, text):
        return found, False
    # a family's generic system stands for a name without a model number ("xeon", "core i5"), not
    # for a chip that has one ("xeon x3480" is no modern Xeon workstation)
    if P.CPU_MODEL_NUMBER.search(text):
        return None, False
    return _cpu_family_system(st, text), False


def _other_vendors_family(st: State, text: str, eid: str) -> bool:
    """ "Ryzen 7 7700" matched by the Intel i7-7700's bare "7700": the name is of a family another
    vendor makes (catalog/hardware-rules), so the catalogued entry is not the chip that was said."""
    rules = rules_for(st.idx.catalog)
    found = rules.match_cpu(canonical(text, rules.glue).text)
    return found is not None and found[0].vendor != st.idx.catalog.hardware[eid].vendor


def _inferred_cpu(st: State, text: str) -> str | None:
    """A CPU the catalog lacks, by its full name ("12th gen intel core i5-12450h", "xeon e5-2666"):
    the entry the family rules infer for it (resolve_hardware, which still prefers a catalogued
    entry of that exact name), with the reading written down."""
    cat = st.idx.catalog
    res = resolve_hardware(text, cat, backend="cpu")
    hw = res.entry
    if hw is None or hw.kind != "cpu" or not (hw.inferred or res.score >= 100.0):
        return None
    if hw.inferred:
        plain = hw.aliases[0] if hw.aliases else hw.name
        st.assumed.append(
            f'"{" ".join(text.split())}": not in the catalog; read as the {plain}, its specs '
            "inferred from its family"
        )
    return hw.id


def _cpu_family_system(st: State, text: str) -> str | None:
    """ "epyc", "xeon", "threadripper pro": the catalog's CPUs of that family (that take the RAM
    stated, of the DDR generation stated) say what kind of system it is: the memory type and
    channel count most of them have (the newest kind on a tie). The generic system entry of that
    kind answers, and the reading is written down; with no such entry the family stays unsure.
    A tier said without its model number ("i5", "intel core i3") is read the same way from the
    CPUs named with those words in that order (the line's, "core i", when the catalog has none of
    that tier), by the kind of its newest members: a tier spans a decade of parts, and the one a
    person has now is more likely recent than the catalog's oldest."""
    cat = st.idx.catalog
    words = [t for t in key_tokens(text) if t.isalpha() and tok_info(t)[4] and t in st.idx.postings]
    ids: set[str] | None = None
    tier = not words
    if tier:
        seq = key_tokens(text)
        while seq and not ids:
            ids = _cpus_named_with(st, seq)
            words = seq
            seq = seq[:-1] if seq[-1].isdigit() else []
        if not ids:
            return None
        if st.cpu_gen and (same := _of_generation(st, ids) or _of_generation(st, _intel_core(st))):
            ids = same  # "i5 8th gen": the tier's CPUs of that generation, else the line's
        if st.intel_mac:
            last = P.LANG.intel_mac_last_year
            ids = {i for i in ids if (st.idx.catalog.hardware[i].year or 0) <= last} or ids
    for w in () if tier else words:
        found = {eid for kind, eid in family_entries(st.idx, w) if kind == "hardware"}
        ids = found if ids is None else ids & found
    cpus = [cat.hardware[i] for i in ids or () if cat.hardware[i].kind == "cpu"]
    cpus = sorted(
        (h for h in cpus if h.vendor != "other" and h.memory_type and h.channels),
        key=lambda h: h.id,
    )
    if st.ddr:
        cpus = [h for h in cpus if _ddr_gen(h) == st.ddr] or cpus
    # "my i7 laptop": the family's laptop parts and a laptop system, not the desktop one the
    # CPU-only reading would swap out afterwards, leaving this note naming a desktop
    laptop = bool(P.LAPTOP_WORD_RE.search(st.low) or P.found(P.CPU_LAPTOP_RE, st.low))
    form = "laptop" if laptop and any(h.form == "laptop" for h in cpus) else None
    if form:
        cpus = [h for h in cpus if h.form == form]
    ram = max((m.gb for m in st.memories if m.kind in (None, "ram")), default=None)
    if ram:
        cpus = [h for h in cpus if max((h.memory_gb, *h.memory_options_gb)) >= ram * 0.98] or cpus
    if not cpus:
        return None
    groups: dict[tuple[str, int], list[Hardware]] = {}
    for h in cpus:
        groups.setdefault((_ddr_gen(h), h.channels or 0), []).append(h)
    (gen, channels), members = max(
        groups.items(),
        key=lambda kv: (
            (max(h.year or 0 for h in kv[1]), len(kv[1]))
            if tier
            else (len(kv[1]), max(h.year or 0 for h in kv[1]))
        ),
    )
    systems = [
        h
        for h in cat.hardware.values()
        if h.kind == "cpu"
        and h.vendor == "other"
        and h.form != "embedded"
        and h.channels == channels
        and _ddr_gen(h) == gen
    ]
    systems = [h for h in systems if h.form == form] or systems
    if not systems:
        return None  # no generic entry of that kind ("rpi"): the choices stay with the user
    mid = sorted(h.bandwidth_gbps for h in members)[len(members) // 2]
    chosen = min(systems, key=lambda h: abs(h.bandwidth_gbps - mid))
    # an example CPU of that kind: the one closest to the chosen entry, the newest on a tie
    like = min(members, key=lambda h: (abs(h.bandwidth_gbps - chosen.bandwidth_gbps), h.year or 0))
    said = " ".join(text.split()) if tier else " ".join(words)
    shown = re.search(r"[\s-]?".join(map(re.escape, words)), like.name, re.I)
    family = shown.group() if shown else said
    what = f"{chosen.name} (like the {like.name})"
    most = "the newest" if tier else "most"
    most += " laptop" if form else ""
    st.assumed.append(
        f'"{said}": read as {what}, the kind of system {most} {family} CPUs in the catalog are; '
        "name the CPU for a closer answer"
    )
    return chosen.id


_CORE_NUMBER = re.compile(r"\bi[3579]-(\d{4,5})")


def _of_generation(st: State, ids: set[str]) -> set[str]:
    """The Intel Core CPUs among `ids` of the generation said ("8th gen": i5-8250U, i7-8550U; the
    generation is the model number's thousands, 12450 -> 12)."""
    cat = st.idx.catalog
    out = set()
    for i in ids:
        m = _CORE_NUMBER.search(cat.hardware[i].name.lower())
        if m and int(m.group(1)[:-3]) == st.cpu_gen:
            out.add(i)
    return out


def _intel_core(st: State) -> set[str]:
    return _cpus_named_with(st, ["core"])


def _cpus_named_with(st: State, said: list[str]) -> set[str]:
    """The catalog's CPUs whose name has these tokens in a row."""
    names = st.idx.cpu_names
    if not names:
        for h in st.idx.catalog.hardware.values():
            if h.kind == "cpu" and h.vendor != "other":
                names[h.id] = tuple(key_tokens(h.name))
    n = len(said)
    want = tuple(said)
    return {
        eid for eid, toks in names.items() if any(toks[i : i + n] == want for i in range(len(toks)))
    }


# JEDEC speed grades by generation (DDR3 800-2133, DDR4 1600-3200, DDR5 from 4800 MT/s): the
# generation a speed said alone belongs to, the highest whose range it reaches
_DDR_FROM_MTS = ((4800, "5"), (2400, "4"), (0, "3"))


def choose_host(st: State, q: Query, hws: list[Mention]) -> None:
    """The host of a GPU box: the processor named beside the card ("a 3060 with a 5600x"), else
    the generic system of the memory said ("ddr4", "quad channel ddr5-6000"); with the memory
    speed and channel count as said, for fitengine.hosts to rate its RAM by."""
    cat = st.idx.catalog
    if q.ram_speed_mts is not st.ram_mts:
        q.ram_speed_mts = st.ram_mts
    if q.ram_channels is not st.channels:
        q.ram_channels = st.channels
    q.ram_generation = f"DDR{st.ddr}" if st.ddr else None
    if q.cpu_only and q.hardware is not None and q.ram_gb is not None:
        _server_by_ram(st, q)
    if q.cpu_only or q.hardware is None:
        return
    cards = [s.id for s in q.setup] or [q.hardware.id]
    if any(cat.hardware[i].kind != "gpu" for i in cards):
        return  # a Mac, a unified-memory box, an APU: its own memory holds everything
    named = [i for i in named_cpus(st) if cat.hardware[i].kind == "cpu"]
    if not named:
        # a family said without a model number ("a 3090 with an epyc"): its kind of system
        named = [f for t in st.host_families if (f := _cpu_family_system(st, t))][:1]
    if q.hardware_b is None and not q.setup and named and cpu_or_card(st, hws):
        # "I5 13600k or RTX 3060 12gb? Which is faster?": the processor alone is the other side
        cpu = cat.hardware[named[0]]
        q.hardware_b = HardwareRef(id=cpu.id, name=cpu.name)
        return
    host = cat.hardware[named[0]] if named else _memory_system(st)
    if host is not None and not named and not st.channels and over_desktop(host, q.ram_gb):
        # "4x RTX 3090 with 256GB DDR4": more RAM than a desktop board of that memory takes
        # (its memory_options_gb), so a server's channels, as a CPU-only box (_server_by_ram)
        server = cat.hardware.get(_server_system(st, f"ddr{_ddr_gen(host)}") or "")
        if server is not None:
            host = server
            st.assumed.append(
                f"{q.ram_gb:g} GB of {server.memory_type.split('-')[0]} is more RAM than a desktop"
                f" board takes: a server's {server.channels} channels; name the CPU for a closer"
                " answer"
            )
    if host is not None:
        q.host = HardwareRef(id=host.id, name=host.name)


def _server_by_ram(st: State, q: Query) -> None:
    """A CPU-only machine read as a desktop (two channels) with more RAM than a desktop board of
    that memory takes ("CPU only server with 256GB DDR4", "kimi k2 on 1TB ram"): a server, its RAM
    read over many channels. The server of the DDR generation said, else the one a GPU box with
    that much RAM is assumed to have (setups.yaml server_host); said as an assumption."""
    cat = st.idx.catalog
    hw = cat.hardware[q.hardware.id]
    if hw.vendor != "other" or hw.form != "desktop" or st.channels or q.ram_gb is None:
        return
    if not over_desktop(hw, q.ram_gb):
        return
    if st.ddr:
        server = cat.hardware.get(_server_system(st, f"ddr{st.ddr}") or "")
    else:
        server = cpu_server_for_ram(hw, q.ram_gb, cat)
    if server is None:
        return
    q.hardware = HardwareRef(id=server.id, name=server.name)
    st.assumed = [a for a in st.assumed if not a.startswith("no GPU: a desktop CPU")]
    st.assumed.append(
        f"no GPU, and {q.ram_gb:g} GB is more RAM than a desktop board takes: a server, "
        f"{server.channels} channels of {server.memory_type}; name the CPU for a closer answer"
    )


# "or" and the like, alone between a processor and a card ("I5 13600k or RTX 3060")
CPU_OR_CARD_GAP = 8


def cpu_or_card(st: State, hws: list[Mention]) -> bool:
    """A processor and a card said as alternatives, only an alternative word (language.yaml
    compare_words: "or", "vs", "还是") between them: two machines to weigh, the processor alone
    (no card) against the card, not a card and its host."""
    if not st.cpus:
        return False
    a, b, _ = st.cpus[0]
    for h in hws:
        lo, hi = (b, h.start) if b <= h.start else (h.end, a)
        gap = st.low[lo:hi]
        if lo <= hi and len(gap) <= CPU_OR_CARD_GAP and P.COMPARE_RE.fullmatch(gap.strip()):
            return True
    return False


def _memory_system(st: State) -> Hardware | None:
    """The catalog's generic system of the DDR generation said (else the one the speed said
    belongs to) with the channels said (else two, a desktop's): "ddr4" beside a card."""
    if not (st.ddr or st.ram_mts or st.channels):
        return None
    # channels alone ("quad channel"): today's kind, DDR5
    gen = st.ddr or next((g for lo, g in _DDR_FROM_MTS if (st.ram_mts or 9999) >= lo))
    want = st.channels or 2
    systems = [
        h
        for h in st.idx.catalog.hardware.values()
        if h.kind == "cpu" and h.vendor == "other" and h.form != "embedded" and _ddr_gen(h) == gen
    ]
    if not systems:
        return None
    return min(systems, key=lambda h: (abs((h.channels or 2) - want), h.id))


def _ddr_gen(h: Hardware) -> str:
    m = re.search(r"ddr(\d)", (h.memory_type or "").lower())
    return m.group(1) if m else ""


def assign_memory(st: State, q: Query, primary: Mention | None) -> None:
    cat = st.idx.catalog
    hw = cat.hardware[q.hardware.id] if q.hardware else None
    device_mem = hw is not None and hw.kind in ("apple", "unified")
    host_mem = hw is not None and hw.kind in ("cpu", "igpu")
    unsure_host = False
    if hw is None and not q.gpus:
        # "rpi 4gb": a family of CPU boards left to choose from, whose memory is system RAM; so
        # is a computer's named by its line ("my xps 13 with 32gb"), and a phone's ("I have 12gb
        # and my phone really struggles": language.yaml phone_words)
        unsure_host = (
            any(
                u.kind == "hardware"
                and (
                    u.reason == "machine"
                    or (
                        u.suggestions
                        and all(cat.hardware[c.id].kind == "cpu" for c in u.suggestions)
                    )
                )
                for u in st.unsure
            )
            or P.found(P.PHONE_RE, st.low) is not None
        )
    vram = ram = None
    # a bare amount read as the host's RAM only because no device has that much: an amount said
    # to be RAM wins over it wherever it stands ("1x RTX 2070 8GB ... Host RAM: 61GB", "RAM: 31
    # GiB (2x16 GB)")
    guessed_ram = None

    # "(4x 24gb)": per-device memory with a count goes first, then memory the question asks
    # about ("what can I run on 64gb?"), then memory said to be a device's or said to be VRAM /
    # RAM, then bare amounts ("29gb, no way it runs on 16gb vram": the 16)
    def asked(m: Amount) -> bool:
        return P.ASKED_MEMORY_BEFORE.search(st.low, max(0, m.start - 24), m.start) is not None

    def owned(m: Amount) -> bool:
        return P.OWN_MEMORY_BEFORE.search(st.low, max(0, m.start - 60), m.start) is not None

    # of two amounts said as RAM (or as VRAM), the writer's own first ("for a rtx 4090, 32gb ram,
    # what ... I have an rtx 4080s with 64gb ram": the 64; "4GB VRAM is not enough ... I have a 6
    # GB VRAM laptop", "要求显存24G ... 我的显卡是4070 15G显存": the 6, the 15)
    mine: set[str | None] = set()
    # (and of two bare amounts: "24GB is the most consumer cards have (I personally have 16GB)")
    for k in ("ram", "vram", None):
        said = [m for m in st.memories if m.kind == k]
        if len(said) >= 2 and len({m.gb for m in said}) >= 2 and any(map(owned, said)):
            mine.add(k)
    for mem in sorted(
        st.memories,
        key=lambda m: (
            m.count is None,
            not asked(m),
            m.kind in mine and not owned(m),
            m.owner is None and m.kind is None,
        ),
    ):
        owner = mem.owner
        if owner is None and hw is not None and _of_unknown_device(st, mem):
            continue  # "quadro m6000 24g": the memory of a device the catalog does not have
        if (
            device_mem
            and owner is None
            and not hw.sold_with(mem.gb)
            and P.MODEL_TAG_BEFORE.search(st.low, max(0, mem.start - 48), mem.start)
        ):
            # "M3 Max Macbook ... qwen3-coder-next:latest 52G": a size right after a model's tag
            # that no such machine is sold with is the model's file (ollama list), not the memory
            q.model_file_gb = q.model_file_gb or mem.gb
            continue
        if mem.model_size and not (owner is not None and cat.hardware[owner.eid].sold_with(mem.gb)):
            # "a 40GB model on my 3090"; not "a 4060 Ti 16GB model"
            if P.FILE_RUN_BEFORE.search(st.low, max(0, mem.start - 40), mem.end + 30):
                q.model_file_gb = q.model_file_gb or mem.gb
            continue
        v, kind = mem.gb, mem.kind
        if owner is not None and owner is not primary:
            if (cat.hardware[owner.eid].kind in ("cpu", "igpu") and not device_mem) or any(
                owner is h for h in st.card_hosts
            ):
                # "4090 + ddr4 64gb", "no gpu, a ryzen 7 with 32gb", "strix halo 128gb with a
                # 3090 egpu": the host's memory is RAM
                ram = ram or v
            elif kind == "ram" and not cat.hardware[owner.eid].sold_with(v):
                # "4060 Laptop ... RTX 4060 with 16GB RAM": RAM no such card has is the host's
                ram = ram or v
            continue
        card = hw is not None and hw.kind == "gpu"
        if mem.count and q.gpus is None and (card or device_mem) and owner is not None:
            q.gpus = mem.count  # "rtx 5060ti 16gb x 2", "2 x 256 GB M3 Ultra"
        elif mem.nodes and q.gpus in (None, mem.nodes) and card:
            q.gpus = mem.count  # "2*H100 2*8*80G": the two are machines of eight
        if device_mem:
            if (
                hw.kind == "unified"
                and kind == "ram"
                and any(m.kind == "vram" for m in st.memories)
            ):
                # "128gb unified memory split by 96 gb vram/36 gb system ram": a split of a Strix
                # Halo's memory said outright leaves the system its part (a Mac's is never split)
                ram = ram or v
                continue
            if apple_storage(hw, v):
                st.ignored.append(f"{v:g} GB (storage)")
                continue
            vram = vram or v  # a Mac's "RAM" is its unified memory
        elif host_mem:
            if kind == "vram" and (hw.kind == "igpu" or mem.set_aside):
                # "780m with 16gb vram allocated in bios", a 5600U's "512M of VRAM memory
                # ready": set aside for the processor's graphics
                vram = vram or v
            elif kind == "ram":
                ram = ram or v
            elif kind != "vram":
                # (a processor has no VRAM: "cpu only with 48gb, or 16gb vram")
                guessed_ram = guessed_ram or v
        elif kind == "ram":
            # "Nvidia 1060 (3GB Ram)": the card's own memory said as RAM, perhaps again ("a GTX
            # 3060 with 12 GB of RAM? ... GPU: GTX 3060 (12 GB VRAM)")
            again = (
                primary is not None
                and primary.memory == v
                and st.low.find(primary.text.lower(), max(0, mem.start - 24), mem.start) >= 0
            )
            if (
                card
                and (owner is not None or again)
                and hw.sold_with(v)
                and not P.HOST_RAM_AFTER.match(st.low, mem.end)
            ):
                vram = vram or v
            else:
                ram = ram or v
        elif owner is not None:
            most = max((hw.memory_gb, *hw.memory_options_gb)) if card else 0.0
            if (
                card
                and (not _attached(st, owner, mem) or v > MOD_FACTOR * most)
                and (per := _all_cards(hw, v, q.gpus))
            ):
                # "dual rtx pro 6000 (192gb vram)": the cards together; said right after the
                # name it is each card's ("双 2080ti 22G", "dual 4090 48GB": modded cards), unless
                # no card of that name could hold it ("три RTX 3090 - 72 ГБ VRAM в сумме")
                vram = vram or per
            elif card and not _attached(st, owner, mem) and (alt := _variant_total(st, q, hw, v)):
                hw, vram = alt, vram or alt.memory_gb  # "4x 4060ti ... a total 64GB": 16 GB each
            elif card and v > 3 * most:
                guessed_ram = guessed_ram or v  # "8 * 4090,256g memory": no card has that
            elif card and kind is None and v > most + 0.6 and _listed(st, owner, mem):
                guessed_ram = guessed_ram or v  # "7800X3D / 7900 XTX / 64 GB": a list's next
            else:
                vram = vram or v
        elif mem.count and hw is None and q.gpus is None:
            q.gpus = mem.count
            vram = v
        elif kind in ("vram", "unified") and q.setup and _rig_total(st, q, v):
            pass  # "3090 + 5090 (56GB vram)": the mixed rig's cards together, not one card's
        elif kind in ("vram", "unified"):
            vram = (
                vram
                or (hw is not None and hw.kind == "gpu" and _all_cards(hw, v, q.gpus))
                or (hw is None and kind == "vram" and _generic_share(st, q, mem))
                or v
            )
        elif hw is not None:
            # a bare amount next to a named GPU: more than the cards have is system RAM
            if q.gpus and q.gpus > 1 and vram and abs(v - vram * q.gpus) <= max(0.6, 0.02 * v):
                pass  # "16gb x 2, total 32gb", "96GB each, 8 of them, about 770 GB": added up
            elif q.setup and _rig_total(st, q, v):
                pass  # "RTX 5090 (24 GB) + RTX 5080 (16 GB) = 48 GB pooled": the cards' together
            elif card and (per := _all_cards(hw, v, q.gpus)):
                vram = vram or per  # "4x RTX 3090 ..., 96GB total": the counted cards together
            elif card and (alt := _variant_total(st, q, hw, v)):
                hw, vram = alt, vram or alt.memory_gb  # ... of the variant that total names
            elif v > hw.memory_gb * (q.gpus or 1) + 0.6:
                if not card or _ram_shaped(st, mem):
                    guessed_ram = guessed_ram or v
            elif (hw.sold_with(v) or _reported_total(hw, v)) and not P.HOST_RAM_AFTER.match(
                st.low, mem.end
            ):
                vram = vram or v  # the card's memory, perhaps said again for a second card
            elif card and q.gpus and _cards_worth(hw, v, q.gpus):
                pass  # "4 x P100 ... the 32G limit of having two": some of the cards' memory
            elif card and kind is None and (sib := _variant_in_sentence(st, primary, mem)):
                # "MI50 is like 2080ti, but so much cheaper, and with 16GB memory": the card's
                # variant of that memory, said later in its sentence
                hw = sib
                q.hardware = HardwareRef(id=sib.id, name=sib.name)
                vram = vram or v
            elif not card or _ram_shaped(st, mem):
                guessed_ram = guessed_ram or v
        elif q.cpu_only or unsure_host:
            ram = ram or v
        elif P.HOST_CUE_RE.search(st.low):
            ram = ram or v  # "debian VM, 16 core & 64 gb memory": a machine, no card named
        elif not any(m.kind == "vram" for m in st.memories) and "ram" in st.usage_kinds:
            ram = ram or v  # "I'm on a 128 Gb ... uses about 140 Gb of RAM": RAM is the topic
        else:
            vram = vram or v
    ram = ram or guessed_ram or next(iter(st.ram_free), None)
    if vram is None and hw is not None and hw.kind in ("gpu", "igpu", "unified"):
        # "using 72GB of vram on 3 x RTX 3090": all the memory the cards are sold with is in use,
        # which says their size
        n = q.gpus or 1
        for v in st.vram_in_use:
            per = v / n
            if any(abs(per - s) < 0.6 for s in (hw.memory_gb, *hw.memory_options_gb)):
                vram = per
                break
    if (
        q.cpu_only
        and vram is not None
        and ram is None
        and not device_mem
        and not any(m.set_aside and m.gb == vram for m in st.memories)
    ):
        ram, vram = vram, None
    q.vram_gb = vram
    q.ram_gb = ram


def _start(m: Amount) -> int:
    return m.start


# how far after a card's name its memory may be said in the same sentence ("MI50 is like 2080ti,
# but so much cheaper(1/4), and with 16GB memory")
VARIANT_SENTENCE_GAP = 80


def _variant_in_sentence(st: State, card: Mention | None, mem: Amount) -> Hardware | None:
    """The card's variant sold with a bare amount said later in the card's sentence, when the
    entry the name was read as is not sold with it (the MI50 16GB of an "MI50 ... with 16GB
    memory", read as the 32GB one): that memory picks the variant, as it would said right after
    the name."""
    if card is None or card.eid is None or mem.start < card.end:
        return None
    gap = st.low[card.end : mem.start]
    if len(gap) > VARIANT_SENTENCE_GAP or P.SENTENCE_END_RE.search(gap):
        return None
    res = resolve_hardware(f"{card.text} {mem.gb:g}GB", st.idx.catalog)
    hw = res.entry
    if hw is None or hw.id == card.eid or res.score < 100.0 or not hw.sold_with(mem.gb):
        return None
    return hw


def _ram_shaped(st: State, mem: Amount) -> bool:
    """A bare amount beside a card is the system's RAM only where the text makes it so: a RAM word
    near it ("and Memory is `128GB`", "192GB@5800 ram", "(system 64.0 GiB)"), the host's processor
    named ("Ryzen 5 5500, 16Gb, RTX 3060 12Gb"), an owner's word right before it ("I own 64gb"), or
    a place in a list of the machine's parts ("7800X3D / 7900 XTX / 64 GB"). Otherwise it is more
    likely a model's, a file's or another card's figure ("280GB ?? Even H100 has 80GB only", "dual
    3090's... 16gb and then nothing else fits")."""
    low = st.low
    line_start = low.rfind("\n", 0, mem.start) + 1
    line_end = low.find("\n", mem.end)
    line_end = len(low) if line_end < 0 else line_end
    a, b = max(line_start, mem.start - 40), min(line_end, mem.end + 32)
    # a word said with the amount before or after it is that amount's ("A6000s with 48GB of
    # memory each, but only ~4GB of that is utilized"); the amounts are in text order, and only
    # the next one and those ending within reach of the window count (a paste of hundreds of
    # amounts made this loop quadratic)
    mems = st.memories
    i = bisect.bisect_left(mems, mem.start, key=_start)
    j = i
    while j > 0 and mems[j - 1].end > a - 40:
        j -= 1
        m = mems[j]
        if m.end <= mem.start:
            said = P.MEMORY_SAID_AFTER.match(low[m.end : m.end + 40])
            a = max(a, m.end + (said.end() if said else 0))
    nxt = next((m for m in mems[i:] if m.start >= mem.end), None)
    if nxt is not None:
        b = min(b, nxt.start)
    window = low[a:b].replace("_", " ")
    for m in P.RAM_CONTEXT_RE.finditer(window):
        if not P.CARD_MEMORY_WORD_BEFORE.search(window, 0, m.start()):
            return True
    return bool(
        st.cpus
        or st.host_families
        or P.HAD_BEFORE.search(low, max(0, mem.start - 24), mem.start)
        or P.LIST_ITEM_BEFORE.search(low, line_start, mem.start)
    )


def _rig_total(st: State, q: Query, gb: float) -> bool:
    """`gb` is the memory of a mixed rig's cards added up, as said with each card or as the
    catalog has it ("a 3090 ... I paired my 3060 ti with it ... 32 gb total")."""
    cat = st.idx.catalog
    said = sum((s.vram_gb or cat.hardware[s.id].memory_gb) * (s.gpus or 1) for s in q.setup)
    listed = sum(cat.hardware[s.id].memory_gb * (s.gpus or 1) for s in q.setup)
    return min(abs(gb - said), abs(gb - listed)) <= 0.6


def _device_list_count(st) -> int | None:
    """The devices a visible-devices variable lists ("CUDA_VISIBLE_DEVICES=0,1,2,3": four), two to
    sixteen of them."""
    if given := P.found(P.DEVICE_LIST_VAR_RE, st.low):
        ids = set(re.findall(r"\d+", given.group(1)))
        return len(ids) if 2 <= len(ids) <= 16 else None
    return None


def _all_cards(hw: Hardware, gb: float, gpus: int | None) -> float | None:
    """One card's memory when `gb` is all the cards' together and no size the card is sold in
    ("2x3090 48gb vram": 24 each), else None."""
    if not gpus or gpus < 2 or hw.sold_with(gb):
        return None
    # the size it is sold in: "383.9 GB" of 8 A6000s is 48 GB each, not 47.99
    return next(
        (s for s in (hw.memory_gb, *hw.memory_options_gb) if abs(s - gb / gpus) < 0.6), None
    )


# the most a card's memory is modded to, times the largest size it is sold in (2080 Ti 11 -> 22,
# 4090 24 -> 48 GB): an amount said right after a counted card beyond it is all the cards' memory
MOD_FACTOR = 2.0
# the least memory a card of a rig is read as having when a VRAM said for several unnamed cards is
# taken as theirs together (design choice: below it the amount is a card's, "4 GPUs with 16GB")
MIN_SHARE_GB = 8.0
# how far after an amount its "total" / "each" may be said ("64GB of VRAM total", "24GB VRAM each")
SHARE_WORD_REACH = 24


# how far back the sentence of an amount is looked for (a paste's lines are bounded)
SENTENCE_REACH = 400


def _card_sizes(cat) -> frozenset[float]:
    """The memory sizes graphics cards are sold with, once per catalog."""
    sizes = cat.__dict__.get("_card_sizes")
    if sizes is None:
        sizes = frozenset(
            s
            for h in cat.hardware.values()
            if h.kind == "gpu" and h.vendor != "other"
            for s in (h.memory_gb, *h.memory_options_gb)
        )
        cat.__dict__["_card_sizes"] = sizes
    return sizes


def _generic_share(st: State, q: Query, mem: Amount) -> float | None:
    """One card's memory when a VRAM said for several cards none of which is named is all of them
    together: said as a total ("4 GPUs and 64GB of VRAM total"), or said in a sentence of its own,
    apart from the cards ("Those three GPUs are dedicated ... I have 48GB of VRAM"), and the share a
    size cards are sold with; the second reading is said as assumed. None where the amount is said
    with the cards ("two GPUs with 24GB", "4x 16GB") or per card ("24GB each")."""
    n = q.gpus
    if not n or n < 2 or mem.count or q.setup or q.mac:
        return None
    low = st.low
    after = low[mem.end : mem.end + SHARE_WORD_REACH]
    if end := P.SENTENCE_END_RE.search(after):
        after = after[: end.start()]
    if P.PER_CARD_AFTER.search(after):
        return None
    share = mem.gb / n
    if share < MIN_SHARE_GB:
        return None
    if P.TOTAL_WORD_RE.search(after) or P.TOTAL_BEFORE_AMOUNT.search(
        low, max(0, mem.start - 12), mem.start
    ):
        return share
    start = max(0, mem.start - SENTENCE_REACH)
    for end in P.SENTENCE_END_RE.finditer(low, start, mem.start):
        start = end.end()
    if P.CARD_WORD_RE.search(low, start, mem.end + len(after)):
        return None
    if not any(abs(share - s) < 0.6 for s in _card_sizes(st.idx.catalog)):
        return None
    st.assumed.append(
        f"{mem.gb:g} GB of VRAM on {n} GPUs: read as all of them together, {share:g} GB each"
    )
    return share


def _variant_total(st: State, q: Query, hw: Hardware, gb: float) -> Hardware | None:
    """ "4x 4060ti ... a total 64GB": all the counted cards' memory together, which the card named
    is never sold with but a variant of the same card and form is (the RTX 4060 Ti 16GB), is that
    variant's: the card the query names becomes it, and the reading is said (a bare name reads
    as the commoner variant, the total says which one)."""
    n = q.gpus
    if not n or n < 2 or hw.sold_with(gb / n) or hw.sold_with(gb):
        return None
    per = gb / n
    found = resolve_hardware(f"{without_memory(hw.name)} {per:g}gb", st.idx.catalog).entry
    if (
        found is None
        or found.id == hw.id
        or found.form != hw.form
        or not found.sold_with(per)
        or without_memory(found.name) != without_memory(hw.name)
    ):
        return None
    q.hardware = HardwareRef(id=found.id, name=found.name)
    st.assumed.append(f"{n}x {hw.name} with {gb:g} GB in all: read as the {found.name}")
    return found


def _counted_cards(st: State, text: str, gpu_like: list[Mention]) -> bool:
    """An unsure span that ends in a count word the cards follow ("a quad 3090 setup") or holds
    them ("quad 3090s"): the cards' count, not a processor family ("Core 2 Quad") hosting them."""
    low = text.lower()
    words = low.split()
    if not words:
        return False
    if P.LANG.number(words[0]) is not None and any(h.text.lower() in low for h in gpu_like):
        return True
    if P.LANG.number(words[-1]) is None:
        return False
    at = st.low.find(low)
    while at >= 0:
        end = at + len(low)
        if any(end <= h.start <= end + 1 and not st.low[end : h.start].strip() for h in gpu_like):
            return True
        at = st.low.find(low, at + 1)
    return False


def _cards_worth(hw: Hardware, gb: float, gpus: int) -> bool:
    """The memory of a whole number of the cards, fewer than all of them (2 x 16 GB of 4)."""
    k = gb / hw.memory_gb if hw.memory_gb else 0
    return 2 <= round(k) < gpus and abs(k - round(k)) < 0.04


def _attached(st: State, owner: Mention, mem: Amount) -> bool:
    """The amount follows the device's name with nothing but a space or a dash ("4090 48GB")."""
    return mem.start >= owner.end and not st.low[owner.end : mem.start].strip(" -")


def _listed(st: State, owner: Mention, mem: Amount) -> bool:
    """The amount is the next item of a list after the device ("7900 XTX / 64 GB", "4090, 64gb"),
    not said with it ("4090 48g")."""
    gap = st.low[owner.end : mem.start] if mem.start >= owner.end else ""
    return any(c in gap for c in ",/|")


def _reported_total(hw: Hardware, gb: float) -> bool:
    """A tool's total for the card, a little under the size it is sold in (ollama's
    total="31.4 GiB" of a 32 GB RTX 5090, 15.7 of 16): the driver keeps a few percent."""
    return any(0.93 * s <= gb < s for s in (hw.memory_gb, *hw.memory_options_gb))


def _of_unknown_device(st: State, mem) -> bool:
    return any(
        0 <= mem.start - b <= 14 and P.ATTACH_GAP_AFTER.match(st.low[b : mem.start])
        for _a, b in st.unknown_cards
    )


def workload(st: State, mentions: list[Mention]) -> str | None:
    """The first workload (by cue_rank) whose cue words are in the text outside any name ("qwen
    coder" is a model, not a workload)."""
    rest = st.mask.masked()
    for a, b in st.software_at:
        rest = rest[:a] + st.low[a:b] + rest[b:]  # the agent named is the workload's cue
    for m in mentions:
        a, b = m.start, min(m.end, len(rest))
        if a < b:
            rest = rest[:a] + " " * (b - a) + rest[b:]
    for cue in st.idx.workload_cues:
        if P.found(cue.pattern, rest, cue.needs):
            return cue.workload
    return None


def family_asked(st: State) -> str | None:
    """The one model family every unsure model name of the text is, each named without a size as
    the subject of a list ("the largest qwen model", "best gemma"), else None."""
    unsure = [u for u in st.unsure if u.kind == "model"]
    subject = {
        id(u)
        for u, a, b in st.family_only
        # "the full 671b deepseek models": one release by its size, not the family's list
        if not P.found(P.SIZE_RE, u.text.lower())
        and (
            P.FAMILY_NOUN_AFTER.match(st.low[b : b + 24])
            or P.FAMILY_NOUN_END.search(st.low[a:b])
            or P.FAMILY_CHOICE_BEFORE.search(st.low, max(0, a - 24), a)
            or (
                u.reason == "ambiguous"
                and not any(c.isdigit() for c in u.text)
                and P.FAMILY_RUN_BEFORE.search(st.low, max(0, a - 24), a)
                and P.FAMILY_RUN_AFTER.match(st.low, b)
            )
        )
    }
    if not unsure or any(id(u) not in subject for u in unsure):
        return None
    models = st.idx.catalog.models
    families = {models[c.id].family for u in unsure for c in u.suggestions if c.id in models}
    if len(families) > 1:
        # "llama" offers Llama releases and others built on them (Nemotron, R1 distills): the
        # family the word itself names
        said = {w for u in unsure for w in re.findall(r"[a-z0-9.]+", u.text.lower())}
        families &= said
    return families.pop() if len(families) == 1 else None


def _bare_family(st: State) -> bool:
    """Every unsure model name is a family said without a size or version ("gemma", "a llama
    model"), not an unknown release ("a 7B llama model", "gemma 5")."""
    return all(
        u.reason == "ambiguous" and not any(c.isdigit() for c in u.text)
        for u in st.unsure
        if u.kind == "model"
    )


def line_asked(q: Query, hws) -> Mention | None:
    """The Mac product line named without a chip that is the machine read ("what mac mini"), when
    the question asks for a kind of machine (hardware_kind: "which mac"), else None."""
    if q.hardware is None or not q.hardware_kind:
        return None
    return next((h for h in hws if h.line and h.eid == q.hardware.id), None)


def intent(st: State, q: Query, models, hws) -> Intent:
    low = st.low
    has_model = q.model is not None
    has_hw = q.hardware is not None or q.vram_gb is not None or q.ram_gb is not None or q.cpu_only
    unsure_model = any(u.kind == "model" for u in st.unsure)
    unsure_hw = any(u.kind == "hardware" for u in st.unsure)
    if (
        q.model_b is not None
        and q.hardware_b is None
        and not has_hw
        and not unsure_hw
        and P.found(P.HARDWARE_WANTED_RE, low)
    ):
        # "want to run gpt-oss-120b or qwen3.5 122b, what hardware should I get?": the machines
        # for them, not a side-by-side of two models on no machine
        return "best_hw_for_model"
    if (
        (has_model or unsure_model)
        and not (unsure_hw and not has_hw)
        and _tried_asks_others(st, q, models, hws)
    ):
        # "I use OpenHands with Devstral, what else?", "Already tried Devstral-Small, Qwen3-30B-
        # A3B and GPT-OSS-20B: what is the best model for 16 GB?": a list, the models tried
        # among the candidates, not a card of the one tried
        _bound_said(st, q)
        return "best_model_for_hw"
    if q.model_b is not None or q.hardware_b is not None:
        return "compare"
    if q.model_size_b is not None and not has_model:
        # "a 14b model on my 3090": models of that size; "what do I need for a 70b": setups
        if unsure_hw and not has_hw:
            return "unclear"
        if not has_hw:
            # "best 8b model for coding", "best model under 10b?": models of that size, best
            # first; "what gpu for a 70b": the machines
            # ... "best coding model under 30B", "Best local LLM model =< 30B?": a model asked
            # for with words between its lead and its noun is asked for too
            chosen = (
                st.size_chosen
                or P.found(P.MODEL_WANTED_RE, low)
                or any(
                    # "best gpu model for a 70b", "top mac model for 70b models": a machine
                    not P.found(P.CARD_WORD_RE, m.group(0))
                    and not P.found(P.MAC_WORD_RE, m.group(0))
                    for m in P.scan(P.MODEL_ASKED_LOOSE_RE, low)
                )
            )
            if chosen and not P.found(P.HARDWARE_WANTED_RE, low):
                return "best_model_for_hw"
            return "best_hw_for_model"
        # "which 14b is best for my 3090" lists; "can I run a 14b on my 3090" asks about one
        return "best_model_for_hw" if P.found(P.CHOICE_RE, low) else "fit"
    if (
        has_model
        and q.hardware_kind
        and not q.cpu_only
        and (q.hardware is None or line_asked(q, hws))
    ):
        # "which mac should I get for r1 32b? is 32gb enough?": the machines of that kind, the
        # sizes said being the question, not a machine had
        return "best_hw_for_model"
    if has_model and q.hardware is not None and q.gpus is None and hws:
        # "how many 3090s for deepseek v3": the answer is a list of setups
        # ("RTX4090 ... How many RTX 4090 do I need?": the card said again after the question)
        said = "".join(hws[0].text.lower().split())
        for m in P.scan(P.HOW_MANY_RE, low):
            if 0 <= hws[0].start - m.end() <= 12 or (
                said and said in "".join(low[m.end() : m.end() + 12 + 2 * len(said)].split())
            ):
                return "best_hw_for_model"
    if (
        has_hw
        and not has_model
        and family_asked(st)
        and (P.found(P.CHOICE_RE, low) or q.order or (not unsure_hw and _bare_family(st)))
    ):
        # "what is the largest qwen model I can run on a 5090?", "can my 3060 run gemma?": that
        # family's list for the machine, not "which qwen do you mean"
        return "best_model_for_hw"
    # "llama2 runs slow, which model should I use instead?": the named model is the one to
    # replace; "which model can it run? I wanted DeepSeek-Coder": a name that stays unsure beside
    # a model asked for is a wish, not the subject
    replaced = (
        P.found(P.REPLACEMENT_RE, low) or (unsure_model and not has_model) or _in_use(st, q, models)
    ) and not (has_model and P.found(P.NAMED_AND_OTHERS_RE, low))
    # ("can i run this and other bigger models": the model named is asked about with the others,
    # so it stays the subject; the answer names the best other one beside it)
    if (has_model or unsure_model) and has_hw and replaced and P.found(P.MODEL_WANTED_RE, low):
        return "best_model_for_hw"
    if has_model and has_hw and P.found(P.BETTER_OTHERS_ASKED_RE, low):
        # "is phi-4 the top model for 16gb, or are there better options?": the list, the named
        # model among the ones compared (language.yaml better_others_asked)
        return "best_model_for_hw"
    if has_model and has_hw and _better_model_asked(st, q, hws):
        # "llama 3.1 8b on my 3070, any better options?", "something newer than llama 3.3 70b for
        # 2x3090?": the one model named is the one run; the list for the machine is asked
        return "best_model_for_hw"
    if has_model and has_hw and _reported_pick(st, q, models) and model_asked(low):
        # "llm-checker gives qwen2.5-coder:1.5b as Best Overall. What should the Jetson run?":
        # the named model is another tool's pick, the question what to run instead
        return "best_model_for_hw"
    if (
        has_model
        and not has_hw
        and unsure_hw
        and all(u.reason == "machine" for u in st.unsure if u.kind == "hardware")
    ):
        # "can my ThinkPad T14 Gen 1 AMD run Qwen3.6-35B-A3B?": the model on a stand-in for the
        # machine, its chips asked for, rather than no answer
        return "fit"
    if (has_model or unsure_model) and (has_hw or unsure_hw):
        if (unsure_model and not has_model) or (unsure_hw and not has_hw):
            return "unclear"
        return "fit"
    if has_model:
        return "unclear" if unsure_hw else "best_hw_for_model"
    if has_hw:
        return "unclear" if unsure_model else "best_model_for_hw"
    if unsure_model and not unsure_hw and (_unsure_tried_asks_others(st) or yardsticks(st)):
        # "Any model that good for roleplay? ... I tried using qwen and deepseek": the names
        # tried are no model asked about; a list on the stand-in, not "which qwen do you mean"
        return "best_model_for_hw"
    if unsure_model or unsure_hw:
        return "unclear"
    return "help"


def _better_model_asked(st: State, q: Query, hws) -> bool:
    """One model named, one machine, and a better or newer one asked for in so many words
    (language.yaml better_model_asked); not two models or two machines (a comparison), a quant
    weighed or asked, a machine wanted, or "better than" a device said."""
    low = st.low
    if q.model_b is not None or q.hardware_b is not None or len(q.setup) >= 2:
        return False
    asks = [m for m in P.scan(P.BETTER_MODEL_ASKED_RE, low) if _asked_in_sentence(low, m.end())]
    return bool(asks) and not _list_ruled_out(st, q, hws)


def _list_ruled_out(st: State, q: Query, hws) -> bool:
    """Another model asked for beside the one named, and yet no list: a machine wanted, the named
    model asked about with others ("this and other bigger models"), a quant weighed or asked, or a
    device said right after "better than" (the mention kept may be its first naming)."""
    low = st.low
    if P.found(P.HARDWARE_WANTED_RE, low) or (
        q.model is not None and P.found(P.NAMED_AND_OTHERS_RE, low)
    ):
        return True
    if P.found(P.QUANT_WEIGHED_RE, low) or P.found(P.QUANT_QUESTION_RE, low):
        return True
    said = {low[h.start : h.end] for h in hws}
    return any(low.startswith(d, m.end()) for m in P.scan(P.BETTER_THAN_RE, low) for d in said)


def _asked_in_sentence(low: str, at: int) -> bool:
    """The words before `at` are in a sentence that asks: it ends in a question mark, or it is
    the text's last."""
    stop = P.SENTENCE_END_RE.search(low, at)
    return stop is None or low[stop.start()] == "?"


def _tried_asks_others(st: State, q: Query, models, hws) -> bool:
    """A model named as the one run or tried (language.yaml current_model_before,
    tried_model_before) and another model asked for (model_wanted, a model lead and noun, or
    alternatives_asked with one model named), the machine not being what is asked."""
    low = st.low
    # the model tried first: a few short windows, where the asks below scan the whole text
    poor = any(m.kind == "model" and _judged_poor(low, m.end) for m in models)
    tried = (
        poor
        or any(m.kind == "model" and _runs_fine(low, m.end) for m in models)
        or any(
            m.kind == "model" and P.TRIED_MODEL_BEFORE.search(low[max(0, m.start - 60) : m.start])
            for m in models
        )
    )
    # ... or the one a speed was measured with: a list only where one is asked for outright
    # ("best model for my 5090, I get 40 tok/s with qwen3 32b"), not where other models are
    # only spoken of ("270 tok/s with Nemotron-3-Nano ... llmfit lists a similar model")
    if not tried and not (
        any(m.kind == "model" and _measured_with(low, m.start) for m in models) and model_asked(low)
    ):
        return False
    # another model asked for first (each test reads the whole text, and most texts ask none:
    # the tests that rule a list out run only then). A model judged poor asks for a better one,
    # said or not ("llama3.2 and qwen2.5 ... their results were pretty bad. Am I doing something
    # wrong?"); several models named, one tried, and others asked beyond them ("similar models
    # that you recommend"): a list too
    asked = (
        poor
        or model_asked(low)
        or any(
            not P.found(P.CARD_WORD_RE, m.group(0)) and not P.found(P.MAC_WORD_RE, m.group(0))
            for m in P.scan(P.MODEL_ASKED_LOOSE_RE, low)
        )
        or (q.model_b is None and P.found(P.ALTERNATIVES_ASKED_RE, low) is not None)
        or P.found(P.OTHERS_ASKED_RE, low) is not None
    )
    return bool(asked) and not _list_ruled_out(st, q, hws)


def _measured_with(low: str, start: int) -> bool:
    """A speed measured with the model named next ("I get about 40~45 tok/s with qwen3 32b"), not
    one wished for ("I want 40 tok/s with ..."): the model is the one run."""
    m = P.SPEED_WITH_BEFORE.search(low, max(0, start - 40), start)
    return m is not None and not P.SPEED_WISH_BEFORE.search(low, max(0, m.start() - 30), m.start())


def _bound_said(st: State, q: Query) -> None:
    """A size bound said beside the models tried ("I can run any model under ~30b parameters"):
    the list is kept to it, as it is with no model named."""
    for size, bound in zip(st.sizes, st.size_bounds, strict=False):
        if bound in ("at_most", "at_least") and 0 < size < math.inf:
            q.model_size_b, q.model_size_bound = size, bound
            return


def _judged_poor(low: str, end: int) -> bool:
    """A model judged poor in its own sentence after its name (language.yaml judged_poor_after:
    "their results were pretty bad", "a notably worse translation")."""
    stop = P.SENTENCE_END_RE.search(low, end)
    until = stop.start() if stop else len(low)
    if P.JUDGED_POOR_RE.search(low, end, until) is not None:
        return True
    # ruled out for its size (language.yaml judged_out_after) in a sentence that says so, not one
    # that asks whether it is ("... too large to run locally on my 3090?")
    asked = stop is not None and low[stop.start()] == "?"
    return not asked and P.JUDGED_OUT_RE.search(low, end, until) is not None


def _runs_fine(low: str, end: int) -> bool:
    """A model said to run well in its own sentence after its name (language.yaml
    runs_fine_after: "gemma 4 31b runs fine on my 5090"): one tried."""
    stop = P.SENTENCE_END_RE.search(low, end)
    return P.RUNS_FINE_RE.search(low, end, stop.start() if stop else len(low)) is not None


def _unsure_tried_asks_others(st: State) -> bool:
    """Models named only loosely, one of them as tried or run (language.yaml tried_model_before),
    none as the family a list is asked of, and a model asked for (model_wanted, a model lead and
    noun) with no machine asked."""
    low = st.low
    if P.found(P.HARDWARE_WANTED_RE, low) or family_asked(st) is not None:
        return False
    if not (
        model_asked(low)
        or any(
            not P.found(P.CARD_WORD_RE, m.group(0)) and not P.found(P.MAC_WORD_RE, m.group(0))
            for m in P.scan(P.MODEL_ASKED_LOOSE_RE, low)
        )
    ):
        return False
    for u in st.unsure:
        at = low.find(u.text.lower()) if u.kind == "model" else -1
        if at > 0 and P.TRIED_MODEL_BEFORE.search(low[max(0, at - 60) : at]):
            return True
    return False


def yardsticks(st: State) -> bool:
    """Every model named only loosely is a closed one's maker or name held as the bar ("open-weight
    alternatives to OpenAI and Gemini models": language.yaml closed_yardstick_before right before
    it, a short list between), and a model is asked for: a list on the stand-in, not "which OpenAI
    model do you mean"."""
    low = st.low
    names = [u for u in st.unsure if u.kind == "model"]
    if not names or P.found(P.HARDWARE_WANTED_RE, low):
        return False
    for u in names:
        at = low.find(u.text.lower())
        if at < 0 or not P.CLOSED_YARDSTICK_BEFORE.search(low[max(0, at - 48) : at]):
            return False
    return (
        model_asked(low)
        or P.found(P.ALTERNATIVES_ASKED_RE, low) is not None
        or any(
            not P.found(P.CARD_WORD_RE, m.group(0)) and not P.found(P.MAC_WORD_RE, m.group(0))
            for m in P.scan(P.MODEL_ASKED_LOOSE_RE, low)
        )
    )


def _in_use(st: State, q: Query, models) -> bool:
    """The chosen model is the one the person runs now ("I have gemma 3 12b", "I'm still using
    mistral large 2411"; catalog/language.yaml current_model_before)."""
    if q.model is None:
        return False
    low = st.low
    return any(
        m.eid == q.model.id and P.CURRENT_MODEL_BEFORE.search(low[max(0, m.start - 40) : m.start])
        for m in models
    )


def _reported_pick(st: State, q: Query, models) -> bool:
    """The chosen model is named as someone else's pick: right after a reported recommendation
    ("is suggesting TinyLlama", "gives qwen2.5-coder:1.5b", catalog/language.yaml
    reported_size_verbs and reported_model_verbs, up to two words between)."""
    low = st.low
    for m in models:
        if q.model is not None and m.eid == q.model.id:
            before = low[max(0, m.start - 60) : m.start]
            if P.REPORTED_MODEL_BEFORE.search(before):
                return True
    return False


def model_asked(low: str) -> bool:
    """A model asked for: "which model ...", "what should the Jetson run?" (language.yaml
    model_wanted, run_asked)."""
    if P.found(P.MODEL_WANTED_RE, low):
        return True
    return any(
        P.RUN_ASKED_VERB_AFTER.match(low[m.end() : m.end() + 40])
        for m in P.scan(P.RUN_ASKED_RE, low)
    )
