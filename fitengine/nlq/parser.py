"""parse(text): one free-text question to a Query, in three passes over the lowercased text (see
the package's docstring)."""

from __future__ import annotations

import functools
import re
import unicodedata

from ..catalog import Catalog, default_catalog
from ..units import k_tokens
from . import patterns as P
from .choose import (
    _card_count,
    _listed_count,
    added_card_count,
    ambiguous_by_memory,
    apple_bare_memory,
    apple_binned,
    apple_gpu_cores,
    apple_memory_variants,
    assign_memory,
    attach_memory,
    bare_family_said,
    cards_unsaid,
    choose_hardware,
    choose_host,
    choose_models,
    choose_settings,
    cluster_cards,
    compared_variant_total,
    count_near,
    cpu_or_card,
    drop_duplicates,
    drop_makers,
    family_asked,
    intent,
    laptop_variants,
    line_asked,
    list_total,
    memory_alternatives,
    memory_variants,
    model_asked,
    stated_memory_variant,
    super_variants,
    yardsticks,
)
from .index import index_for
from .machines import machine_mentions
from .names import (
    base_readings,
    card_brand_mismatches,
    card_variant_unknowns,
    counted_mac_lines,
    cpu_igpu_mentions,
    gpu_line_mentions,
    mac_line_mentions,
    match_entities,
    name_unknowns,
    other_product_unknowns,
    owned_device_mentions,
    settle_unknowns,
    size_first_names,
    sized_families,
    software_names,
    tokenize,
    unknown_hardware_mentions,
    unknown_model_mentions,
    variant_unknowns,
)
from .query import NotEstimated, Query
from .repos import extract_repo_refs, place_repo_models
from .spans import (
    extract_context,
    extract_memory,
    extract_negated_variants,
    extract_noise,
    extract_quants,
)
from .state import Masker, Mention, State
from .upgrade import read_builds, read_upgrade

# the least a bare amount must be to read as money for hardware ("under 8" is not)
MIN_BARE_BUDGET = 100
MAX_CHARS = 2000  # only the start of a long paste is read: it costs about what a question does


def parse(text: str, catalog: Catalog | None = None) -> Query:
    """Read one free-text question. Never raises on user text."""
    catalog = catalog or default_catalog()
    st = _state(text, catalog)

    # pass 1: spans that are not names (Hugging Face repo references first: read by the caller)
    repo_refs = extract_repo_refs(st)
    extract_noise(st)
    extract_negated_variants(st)
    extract_context(st)
    extract_quants(st)
    extract_memory(st)
    for m in P.scan(P.BUDGET_WORD_RE, st.low):  # "budget is 2500": money, not a Core i5-2500
        if st.mask.free(*m.span()):
            st.mask.take(*m.span())
    for span, _ in _foreign_money(st.low):  # "预算5000元", "¥3000": money, not a card's number
        if st.mask.free(*span):
            st.mask.take(*span)
    if P.found(P.SHOPPING_RE, st.low):  # "best gpu under 2500": money too, in a buying question
        for m in P.scan(P.BARE_BUDGET_RE, st.low):
            if m.group(1) and st.mask.free(*m.span()):
                st.mask.take(*m.span())
    # pass 2: names
    toks = tokenize(st)
    mentions = match_entities(st, toks)
    owned_device_mentions(st, mentions)
    counted_mac_lines(st, mentions)
    card_brand_mismatches(st, mentions)
    card_variant_unknowns(st, mentions)
    other_product_unknowns(st, mentions)
    software_names(st, mentions)
    variant_unknowns(st, mentions)
    unknown_model_mentions(st, toks, mentions)
    unknown_hardware_mentions(st, mentions, toks)
    machine_mentions(st, mentions)
    cpu_only = _cpu_only(st)
    if not cpu_only:
        cpu_igpu_mentions(st, mentions)
    mac_line_mentions(st, mentions)
    gpu_line_mentions(st, mentions)
    name_unknowns(st)
    settle_unknowns(st, mentions)
    sized_families(st, mentions)
    size_first_names(st, mentions)
    base_readings(st, mentions)
    # pass 3: the choice of entities
    q = Query(text=text if len(text) <= 500 else text[:500] + "...")
    if cpu_only:  # (a new Query's fields are at their defaults: each is set only when it differs)
        q.cpu_only = True
    models = drop_makers(st, drop_duplicates([m for m in mentions if m.kind == "model" and m.eid]))
    named = [m for m in mentions if m.kind == "hardware" and m.eid]
    implied: dict[str, int] = {}  # a cloud instance's count its type implies, none said
    spans = {(a, b) for a, b, _eid, _n in st.instances}
    for h in named:
        near = count_near(st, h, models)
        if near and list_total(st, h, named):
            near = None  # "two gpus: 3090 and 3090": the list's count, not the first card's
        if near is None and h.count and (h.start, h.end) in spans:
            implied[h.eid] = h.count
        elif near is not None or h.count:
            implied[h.eid] = 0  # a count said for that device
        h.count = near or h.count  # (a cloud instance's own count)
    if len({h.eid for h in named}) == 1:
        for h in named:
            h.count = h.count or added_card_count(st, h)
    said = {id(h): h.count for h in named}  # each mention's own count, before they merge
    hws = drop_duplicates(named, st)
    hws += ambiguous_by_memory(st, hws)
    super_variants(st, hws)
    memory_variants(st, hws)
    laptop_variants(st, hws)
    apple_gpu_cores(st, hws)
    apple_bare_memory(st, hws)
    apple_memory_variants(st, hws)
    apple_binned(st, hws)
    attach_memory(st, hws)
    if q.cpu_only and (cpu_or_card(st, hws) or _card_named(st, hws)):
        # "the 13600k and no gpu, or a rtx 3060?": "no gpu" is the processor's side of the choice
        q.cpu_only = False
    primary_hw = choose_hardware(st, q, hws)
    cluster_cards(st, q)
    assign_memory(st, q, primary_hw)
    stated_memory_variant(st, q)
    compared_variant_total(st, q)
    memory_alternatives(st, q)
    cards_unsaid(st, q, named)
    choose_host(st, q, hws)
    chosen = choose_models(st, q, models)
    bare_family_said(st, q, chosen)
    if repo_refs:
        # the models as read ("Gemma3 (unsloth/gemma-3-27b-it-GGUF)": the 27B said after the
        # family, not the family's default), in the order the question gives them with the repos
        place_repo_models(st, q, repo_refs, chosen, bool(st.compared()))
    choose_settings(st, q, mentions)
    _wishes(st, q, mentions)
    if q.size_out_of_reach:
        # "or even load the model (70b)": the size read is kept, but the intent is the one the
        # text has without it (a list for the machine, not models of that size)
        sized = (q.model_size_b, q.model_size_to_b, q.model_size_bound)
        q.model_size_b = q.model_size_to_b = q.model_size_bound = None
        q.intent = intent(st, q, models, hws)
        q.model_size_b, q.model_size_to_b, q.model_size_bound = sized
    else:
        q.intent = intent(st, q, models, hws)
    if q.intent == "best_model_for_hw":
        _wishes_of_the_named(q)
    # (a flag or a list the text leaves at the Query's default is not assigned: a pydantic
    # field's assignment costs a microsecond)
    if P.found(P.TOOL_TROUBLE_RE, st.low) is not None:
        q.tool_call_trouble = True
    _own_unit(st, q)
    # (a model read from a family and a size said apart is named where the family was)
    _speeds(st, q, [*models, *(m for m in chosen if m not in models)])
    if ncmoe := {
        int(v) for m in P.scan(P.NCMOE_SAID_RE, st.low) for v in m.groups() if v is not None
    }:
        q.n_cpu_moe_said = sorted(ncmoe)
    if split := [int(next(g for g in m.groups() if g)) for m in P.scan(P.LAYERS_SAID_RE, st.low)]:
        q.layers_said = split
    if q.ram_gb is not None and q.hardware is not None:
        _share_in_the_name(st, q)
    _setups_asked(st, q, hws)
    read_upgrade(st, q, named, said)
    if q.options:  # the cards of an upgrade's options are answered on, not left out
        st.ignored = [i for i in st.ignored if "one device at a time" not in i]
    read_builds(st, q, named, said)
    _shopping_among(st, q, hws)
    if q.intent == "help" and (_shopping(st) or _budget(st.low) is not None):
        # "best gpu under $1000": which hardware to buy, no model named: the cards by the best
        # model each runs (fitengine/shopping.py), not the help text
        q.intent = "best_hw"
    if q.intent == "help" and q.model is None and _bare_mac(st, q):
        # "what can I run on my Mac?", "我的 MacBook 能跑什么模型?", "Macで何が動く?": a Mac had,
        # its chip and memory unsaid, asked about in any words: the list _list_bounds works out on
        # the memory most Macs ship with, said as assumed (advice92), not the help text
        q.intent = "best_model_for_hw"
    if q.intent == "help" and _models_asked_on_nothing(st):
        # "what's the best NSFW model?", "which model would be recommended?": a list of models
        # although no machine was said, on the stand-in the answer says it assumed
        # (fitengine/answers.py _hardware_arg), not the help text
        q.intent = "best_model_for_hw"
    if q.intent in ("best_hw_for_model", "best_hw"):
        q.budget_usd = _budget(st.low)
        if q.budget_usd is None:
            q.budget_usd = _bare_budget(st)
            if q.budget_usd and q.context == round(q.budget_usd * 1.024):
                q.context = None  # "budget is 2k": the "2k" is money, not a context
        q.any_route = (
            q.intent == "best_hw"
            and q.budget_usd is not None
            and not (q.hardware_kind or q.hardware_form or q.hardware_vendor)
            and (
                bool(q.shopping_among or q.shopping_macs) or P.found(P.CARD_WORD_RE, st.low) is None
            )
        )
    if q.intent == "best_model_for_hw" and q.model is None:
        # ("alternatives to OpenAI models": the maker held as the bar is no family asked of)
        q.family = None if st.unsure and yardsticks(st) else family_asked(st)
    line = line_asked(q, hws)
    if q.intent == "best_hw_for_model" and line is not None:
        # "what mac mini do I need for ...": the line's machines, not its newest chip read as had
        q.hardware_among = list(line.line or [])
        q.hardware = None
        st.assumed = [a for a in st.assumed if a != line.note]
    elif q.hardware is not None and any(h.line and h.eid == q.hardware.id for h in hws):
        q.hardware_from_line = True
    if st.unsure:
        q.unsure = st.unsure
    if model_asked(st.low):
        q.models_wanted = True
    _channels_beyond(st, q)
    if q.intent == "best_model_for_hw":
        _list_bounds(st, q)
    if st.assumed:
        # one reading said once: a name written twice ("a Threadripper 1950X ... the Threadripper
        # 1950X is not very fast") is read twice
        q.assumed = list(dict.fromkeys(st.assumed))
    q.ignored = st.ignored
    _counts_said(st, q, implied)
    if st.not_estimated:
        q.not_estimated = [NotEstimated(kind=k, text=t) for k, t in st.not_estimated]
    return q


def _counts_said(st: State, q: Query, implied: dict[str, int]) -> None:
    """gpus is the count the text says (tests/data/nlq_real.yaml's header): a rig of different
    cards with a count said ("Have 3 GPU: 2x 4090, 1x 4070", "2 nvidia GPUs ... 1 3090 and 1
    4070 TI Super") counts all its cards, not the first card's; the count a cloud instance's type
    implies ("g4dn.12xlarge": 4 T4s) but no word says is Query.gpus_implied, which the answer
    assumes."""
    if len(q.setup) >= 2:
        if any(s.gpus for s in q.setup) or _card_count(st) or _listed_count(st):
            # (a tool's numbered rows count as said: nvidia-smi's "|   1  NVIDIA ...")
            q.gpus = sum(s.gpus or 1 for s in q.setup)
        return
    if q.hardware is None or not q.gpus or implied.get(q.hardware.id) != q.gpus:
        return
    flag = P.found(P.COUNT_FLAG_RE, st.low)
    if _card_count(st) == q.gpus or (flag is not None and int(flag.group(1)) == q.gpus):
        return  # "g5.12xlarge (which contains 4 GPUS)", "tensor_parallel_size=8": said too
    q.gpus_implied, q.gpus = q.gpus, None


# a Mac set against another machine ("a mac or a gpu", "pc or mac")
_MAC_OR_RE = re.compile(
    r"\b(?:macs?|apple silicon)\s+or\b|\bor\s+(?:an?\s+)?(?:macs?|apple silicon)\b"
)


def _list_bounds(st: State, q: Query) -> None:
    """What a list of models is bounded by beyond the machine read: a memory said as the model's
    bound ("which models fit in 8 GB?", "cabem em 8 GB": each model whole in the device's own
    memory, none of a MoE's experts in a RAM never said), and a Mac said with no chip and no
    memory ("best model for Apple Silicon?", "what can I run on a Mac?"): the memory most Macs
    ship with, said as assumed, in place of the desktop CPU stand-in."""
    if q.asks_all_on_gpu or P.found(P.MEMORY_BOUND_RE, st.low) is not None:
        q.memory_bound = True
    elif (
        q.hardware is None
        and q.ram_gb is None
        and any(
            m.kind == "vram"
            and P.MEMORY_CEILING_BEFORE.search(st.low, max(0, m.start - 16), m.start)
            for m in st.memories
        )
    ):
        # "a laptop with less than 3GB of VRAM": a ceiling on an unnamed card, each model whole
        # on it (with RAM said, "under 8GB VRAM but 64GB RAM", a MoE's experts go there; a card
        # named, "a 4070TI with less than 12GB", is its own memory described, not a bound)
        q.memory_bound = True
    if _bare_mac(st, q):
        q.mac_memory_assumed = True  # the memory is the answer's assumption, not a reading


def _bare_mac(st: State, q: Query) -> bool:
    """A Mac said with no chip and no memory, and no other machine: "best model for Apple
    Silicon?", "what can I run on my MacBook?"."""
    return (
        q.hardware is None
        and q.vram_gb is None
        and q.ram_gb is None
        and not q.setup
        and not q.cpu_only
        and not st.intel_mac
        and P.found(P.INTEL_MAC_RE, st.low) is None  # an Intel Mac has no Apple chip
        and not any(u.kind == "hardware" for u in st.unsure)
        # "which is better for llms, a mac or a gpu?", "what mac should I buy?": machines
        # weighed or shopped for, not a Mac had
        and _MAC_OR_RE.search(st.low) is None
        and P.found(P.HARDWARE_WANTED_RE, st.low) is None
        and (
            P.found(P.MAC_WORD_RE, st.low) is not None
            or P.found(P.MAC_PLATFORM_RE, st.low) is not None
        )
    )


def _models_asked_on_nothing(st: State) -> bool:
    """A model asked for ("which model would be recommended?", "the best NSFW model") in a text
    that names no model and no machine, and does not ask for one ("what gpu model")."""
    low = st.low
    asked = model_asked(low) or P.found(P.MODEL_ASKED_LOOSE_RE, low) is not None
    return asked and P.found(P.HARDWARE_WANTED_RE, low) is None


def _shopping_among(st: State, q: Query, hws) -> None:
    """ "2500 usd, mac? strix halo? used 3090s?": an amount of money, no model, devices named and
    none said as had ("my", "I have"): the devices are the options to buy within it, not a
    machine owned. A Mac word with no Mac named names every Mac. Two options set side by side
    ("mac mini m4 24gb or a pc with a used rtx 3060?") stay a comparison of the two."""
    if q.model is not None or q.intent not in ("best_model_for_hw", "help"):
        return
    budget = _budget(st.low)
    if (
        budget is None
        or budget < MIN_BARE_BUDGET
        or P.found(P.HAD_RE, st.low) is not None
        or P.found(P.PRICE_PAID_RE, st.low) is not None
    ):
        return  # "picked up some k80s for 20$ each", "GPU purchased used: $700": a price paid
    if "?" not in st.low:
        return  # a story of a purchase, not a question about one
    cat = st.idx.catalog
    # an APU read as the host of a card beside it ("strix halo? used 3090s?") is an option too
    hosts = [h.eid for h in st.card_hosts if h.eid]
    ids = list(dict.fromkeys([*(h.eid for h in hws if h.eid), *hosts]))
    a_mac = any(cat.hardware[i].kind == "apple" for i in ids if i in cat.hardware)
    macs = not a_mac and P.found(P.MAC_WORD_RE, st.low) is not None
    if not ids and not macs:
        return
    q.intent = "best_hw"
    q.shopping_among = ids
    q.shopping_macs = macs
    q.hardware = q.hardware_b = None
    q.setup = []
    st.ignored = [
        i for i in st.ignored if "one device at a time" not in i and "a card is named" not in i
    ]


def _channels_beyond(st: State, q: Query) -> None:
    """More memory channels said than the named processor has ("8-channel" on a quad-channel
    Threadripper 7980X): the person's figure is what the answer is worked out with, and the
    catalog's is said beside it, with what it changes (the RAM-bound speed scales with it)."""
    if not q.ram_channels:
        return
    cat = st.idx.catalog
    ref = q.hardware if q.hardware is not None and q.host is None else q.host
    hw = cat.hardware.get(ref.id) if ref is not None else None
    if hw is None or hw.kind != "cpu" or hw.vendor == "other" or not hw.channels:
        return  # a generic system is whatever the person says it is
    if q.ram_channels > hw.channels:
        st.assumed.append(
            f"the {hw.name} has {hw.channels} memory channels, not {q.ram_channels}: worked out "
            f"with the {q.ram_channels} said; with {hw.channels} the speed from RAM is about "
            f"{hw.channels / q.ram_channels:.0%} of that"
        )


_SIZE_WORD_LITERALS = tuple({w.split()[0][:5] for w in P.LANG.size_in_words})


def _size_in_words(m: re.Match) -> str:
    """ "30 billion" as "30b" and spaces, as long as what it replaces."""
    said = m.group(1).replace(",", ".") + "b"
    return said + " " * (len(m.group()) - len(said))


def _sized_code(m: re.Match, sized: dict[str, frozenset[int]]) -> str:
    """ "A10080" (before a count) as "A100 80G" where an A100 is sold with 80 GB; else as said."""
    letters, digits = m.group(1), m.group(2)
    if not digits.isdigit():  # "A100 80", "A100-80"
        code, mem = re.split(r"[ \t-]", digits, maxsplit=1)
        if int(mem) in sized.get(letters.lower() + code, ()):
            return f"{letters}{code} {mem}G"
        return m.group()
    for cut in range(2, len(digits) - 1):
        code, mem = digits[:cut], digits[cut:]
        if mem[0] != "0" and int(mem) in sized.get(letters.lower() + code, ()):
            return f"{letters}{code} {mem}G"
    return m.group()


def _times_at(body: str, signs: str, count: bool) -> bool:
    """A digit, then one of `signs` between spaces or tabs, then a digit ("2x3090", "80 * 8": P.
    DIGIT_TIMES_DIGIT), or with `count` one or two digits that end there ("A10080*8": what P.
    SIZED_CODE_COUNT_RE looks ahead for). Read from each sign: str.find skips to the few x, × and
    * of a text, where a pattern's search tries every digit (str.isdecimal is re's \\d, and
    isalnum or "_" its \\w)."""
    n = len(body)
    for sign in signs:
        i = body.find(sign)
        while i >= 0:
            j = i - 1
            while j >= 0 and body[j] in " \t":
                j -= 1
            k = i + 1
            while k < n and body[k] in " \t":
                k += 1
            if j >= 0 and k < n and body[j].isdecimal() and body[k].isdecimal():
                if not count:
                    return True
                end = k + 1
                while end < n and end - k < 3 and body[end].isdecimal():
                    end += 1
                if end - k <= 2 and (end == n or not (body[end].isalnum() or body[end] in "_.")):
                    return True
            i = body.find(sign, i + 1)
    return False


def _digit_then_sign(body: str) -> bool:
    """A digit right before an x, X, × or * and a letter right after it (every match of
    P.GLUED_COUNT_RE has one: "8xh200"; [^\\W\\d_] is isalnum and not isdecimal): without one the
    pattern's substitution changes nothing and is not run ("5950x," is no count)."""
    last = len(body) - 1
    for sign in "xX×*":
        i = body.find(sign, 1)
        while 0 < i < last:
            if body[i - 1].isdecimal() and (c := body[i + 1]).isalnum() and not c.isdecimal():
                return True
            i = body.find(sign, i + 1)
    return False


def _state(text: str, catalog: Catalog) -> State:
    body = text[:MAX_CHARS]
    if "(" in body or not body.isascii():
        body = P.TRADEMARK_RE.sub(_blank, body)
    if not body.isascii():
        # full-width and other compatibility forms ("ｑｗｅｎ３ ３２ｂ", "ＲＴＸ ４０９０") as the
        # catalog writes them, like resolve.normalize
        body = unicodedata.normalize("NFKC", body)
        body = P.UNSPACED_EDGE_RE.sub(" ", body)
        body = body.translate(P.TYPOGRAPHIC)
    lowered = body.lower()
    if any(w in lowered for w in P.FAMILY_TYPO_WORDS):
        # "eypc 7c13": a family's name typed with its letters swapped, as the family (same
        # length: offsets kept)
        body = P.FAMILY_TYPO_RE.sub(lambda m: P.LANG.family_typos[m.group().lower()], body)
        lowered = body.lower()
    lowered_from = body  # (the text `lowered` is of: unchanged below, no second lowercasing)
    if "mac" in lowered or "mb" in lowered:
        # "M1 MacBook Pro" as the catalog writes it, "MacBook Pro M1" (same length: offsets kept)
        body = P.CHIP_BEFORE_LINE_RE.sub(r"\2 \1", body)
    if "\r" in body:
        # Windows line ends ("Ram 16\r\nSsd 1tb") as the line ends every pattern knows (same
        # length: offsets kept)
        body = body.replace("\r\n", " \n").replace("\r", "\n")
    if "`" in body or "**" in body:
        body = P.MARKDOWN_MARK_RE.sub(_blank, body)
    if " _" in body or "\n_" in body or body.startswith("_"):  # (an emphasis opens after a space)
        body = P.MARKDOWN_EMPHASIS_RE.sub(_emphasis, body)
    if "\\" in body:
        body = P.MARKDOWN_ESCAPE_RE.sub("", body)  # Reddit's editor saves "Q3_K_XL" as "Q3\_K\_XL"
    if "x" in body or "X" in body or "×" in body or "*" in body:
        # "A10080*8": a card's code, its memory glued on, then a count, as "A100 80G*8"
        # (run where DIGIT_TIMES_DIGIT finds a place; a text where no count can follow a
        # number is not changed by the substitution)
        if _times_at(body, "x×*", False) and _times_at(body, "xX×*", True):
            sized = index_for(catalog).sized_codes
            body = P.SIZED_CODE_COUNT_RE.sub(lambda m: _sized_code(m, sized), body)
        # "8xh200", "2xa6000": a count glued to a name
        if _digit_then_sign(body):
            body = P.GLUED_COUNT_RE.sub(r"\1\2 ", body)
        body = P.SUFFIX_COUNT_RE.sub(r"\1 \2", body)  # "RTX 2080Tix4": "RTX 2080Ti x4"
    if ". " in body:
        body = P.VERSION_STOP_SIZE_RE.sub(" ", body)  # one character for one: offsets kept
    if any(w in lowered for w in _SIZE_WORD_LITERALS):
        # "a 30 billion parameter model" as "a 30b ... parameter model" (padded: offsets kept)
        body = P.SIZE_IN_WORDS_RE.sub(_size_in_words, body)
    low = lowered if body is lowered_from else body.lower()
    # offsets in `low` index the text the user sees (unless lowercasing changed a length)
    return State(body if len(body) == len(low) else low, low, Masker(low), index_for(catalog))


MAX_TOK_S = 10_000  # a speed past this is no one's decode ("100000 t/s" is a typo or a joke)


def _speeds(st: State, q: Query, models: list[Mention]) -> None:
    """A decode speed wished for (a list's floor, or asked of one setup: "can I get 1 t/s?") or
    measured (to compare with the estimate). Two devices compared by their speeds report runs,
    not a wish: read nothing then; nor is a run of another model than the one asked about a
    measurement of it ("Can I get 1t/s? qwen3.5 4b runs at 170t/s")."""
    if (power := P.found(P.POWER_LIMIT_RE, st.low)) is not None:
        q.power_limit_w = int(power.group(1) or power.group(2))
    if q.intent == "compare" and (
        q.model_b is None or q.hardware_b is not None or q.more_hardware or len(q.setup) >= 2
    ):
        return  # (two models on one machine or none: a run measured is still one, read below)
    listed = q.intent in ("best_model_for_hw", "best_hw_for_model")
    if plus := P.SPEED_PLUS_RE.search(st.low):
        # "50+ t/s" is a wish; "只能跑到40+token/s", "I get 40+ t/s" a measurement
        if _said_before(st.low[max(0, plus.start() - 40) : plus.start()].rstrip("`*")):
            _reported(st, q, _speed_figure(st.low, plus.start()), None, plus.start(), plus.end())
        elif listed:
            q.min_tok_s = _speed_figure(st.low, plus.start())
    judged = _judged_at(st, q)
    unsaid: list[tuple[float, float | None, int, int]] = []  # figures before "is that normal?"
    later: list[tuple[float, float | None, int, int]] = []  # ... and the first one after it
    # "from 40 t/s to 35 t/s": the run before; "SYCL about 7 t/s": a run labelled by its backend
    earlier: list[tuple[float, float | None, str]] = []
    for m in P.scan(P.SPEED_RE, st.low):
        value = _speed_figure(st.low, m.start())
        if value is None:
            continue
        if "min" in m.group() and P.SPEED_PER_MINUTE_RE.search(m.group()):
            value /= 60  # "4 tokens per minute"
        # (markdown's emphasis or code marks around a figure: "**1.85 tokens/sec**", "`20.6 tok/s`")
        before = st.low[max(0, m.start() - 40) : m.start()].rstrip("`*")
        low_end = P.SPEED_RANGE_BEFORE.search(before)
        if low_end:
            # "11-12 tok/s": the words before the range say what it is
            before = before[: low_end.start()]
        after = st.low[m.end() : m.end() + 16]
        run = P.SPEED_RUN_AFTER.match(st.low[m.end() : m.end() + 30])
        if P.SPEED_LABEL_AFTER.match(st.low, m.end()):
            continue  # "tokens/s: 95.2": the unit is a label, its figure comes after it
        if P.SPEED_CHANGED_FROM_BEFORE.search(before) and P.SPEED_CHANGED_TO_AFTER.match(
            st.low, m.end()
        ):
            earlier.append((value, _range_low(low_end), "before"))
        elif label := P.SPEED_LABELLED_BEFORE.search(before):
            earlier.append((value, _range_low(low_end), _label_said(label)))
        said = _said_before(before)
        wish = not said and (P.SPEED_WISH_BEFORE.search(before) or P.SPEED_WISH_AFTER.match(after))
        # (a list of models takes "what runs at 100 t/s" too; a hardware question only a wish:
        # "we start at 10.3 tokens per second" there is a run, not the floor asked)
        listing = q.intent == "best_model_for_hw" and P.SPEED_LIST_BEFORE.search(before)
        if listed and (wish or listing):
            q.min_tok_s = q.min_tok_s or value
        elif wish and q.intent == "fit":
            # "can I get 1 t/s?": a speed asked of one setup, answered against its estimate
            q.min_tok_s = q.min_tok_s or value
        elif wish:
            continue
        elif P.PREFILL_REPORTED_BEFORE.search(before) or (
            P.PREFILL_REPORTED_AFTER.match(after) and not P.DECODE_REPORTED_BEFORE.search(before)
        ):
            q.reported_prefill_tok_s = q.reported_prefill_tok_s or value
        elif _another_models_run(st, q, models, m.start(), m.end()) or (
            not (
                measured := _measured(before, q)
                or P.DECODE_OF_REPORTED_BEFORE.search(st.low, max(0, m.start() - 110), m.start())
                or P.DECODE_REPORTED_AFTER.match(after)
                or P.SPEED_CHANGED_BEFORE.search(before)
                or run
            )
            and q.reported_tok_s is not None
        ):
            continue
        elif q.reported_tok_s is not None:
            if _another_familys_run(st, q, m.start(), m.end()):
                continue  # "on deepseek i got 170-200 tok/s": a run of another model's, not theirs
            # another run measured ("... but LM Studio gives 35 t/s"): said back beside the first
            label = P.SPEED_LABELLED_BEFORE.search(before)
            _also(q, value, _range_low(low_end), _label_said(label))
        elif measured:
            _reported(st, q, value, _range_low(low_end), m.start(), m.end())
            if run:
                q.reported_backend = P.LANG.backend_words[run.group(1)]
            elif how := _label_said(P.SPEED_LABELLED_BEFORE.search(before)):
                # "SYCL gives me about 7 t/s": the run's backend (read against that build) or
                # program, said back with it
                q.reported_how = how
                if how in P.LANG.backend_words.values():
                    q.reported_backend = how
        elif judged is not None and m.end() <= judged:
            unsaid.append((value, _range_low(low_end), m.start(), m.end()))
        elif (
            judged is not None
            and not later
            and _sentence_span(st.low, judged, judged)[1] <= m.start()
        ):
            # (a sentence after the judgement's: "should I expect 20 tok/s?" asks, no run)
            later.append((value, _range_low(low_end), m.start(), m.end()))
    low = st.low
    if (
        q.reported_tok_s is None
        and (":" in low or "=" in low)
        and ("/s" in low or "per s" in low or "tps" in low or "tks" in low)
    ):
        _labelled_speed(st, q)
    if q.reported_tok_s is None and unsaid:
        # "M2 MAX 13.4 tok/s Is this normal?": a speed said before the judgement asked of it is
        # the one measured, with no verb of getting (the last, nearest the question)
        value, low, a, b = _own_figure(q, models, unsaid) or unsaid[-1]
        _reported(st, q, value, low, a, b)
    elif q.reported_tok_s is None and later:
        # "Very slow tokens/second ... 0.19 tokens/sec": none before the complaint, the first
        # figure after it is the one it is about
        value, low, a, b = later[0]
        _reported(st, q, value, low, a, b)
    if q.reported_tok_s is not None:
        for value, low, how in earlier:
            _also(q, value, low, how)


MAX_ALSO = 3  # further measured speeds said back, at most


def _label_said(label: re.Match | None) -> str:
    """The backend or program a run was labelled with (SPEED_LABELLED_BEFORE's match before its
    figure): a backend's id ("radv": vulkan), a program by its project's name ("lmstudio": "LM
    Studio", language.yaml speed_run_labels), "" for none."""
    if label is None:
        return ""
    low = label.group(1)
    return P.LANG.backend_words.get(low) or P.LANG.speed_run_labels.get(low, low)


def _also(q: Query, value: float, low: float | None, how: str = "") -> None:
    """A further measured decode, kept (low, high, how) when its figure is not one said already."""
    pair = (min(low, value), max(low, value)) if low else (value, value)
    first = (q.reported_tok_s, q.reported_tok_s_high or q.reported_tok_s)
    if pair == first or any(pair == a[:2] for a in q.reported_also):
        return
    if len(q.reported_also) < MAX_ALSO:
        q.reported_also.append((*pair, how))


def _own_figure(q: Query, models: list[Mention], figures: list) -> tuple | None:
    """Two models compared, each said with a figure of its own ("qwen3:8b at 82 tok/s,
    qwen2.5-coder:14b at 55 tok/s"): the one measured of the first is the figure after its name,
    before the other's (advice94), not the last said."""
    if q.model_b is None or len(figures) < 2:
        return None
    first = next((m for m in models if m.eid == q.model.id), None) if q.model else None
    other = next((m for m in models if m.eid == q.model_b.id), None)
    if first is None or other is None or other.start <= first.end:
        return None
    return next((f for f in figures if first.end <= f[2] < other.start), None)


def _said_before(before: str) -> bool:
    """The words before a figure are a verb of getting or reaching it ("only get 40+ t/s",
    "getting over 30 t/s"), not a wish that ends in one ("can I get", "what gpu to get")."""
    said = P.SPEED_REPORTED_BEFORE.search(before)
    if said is None:
        return False
    wish = P.SPEED_WISH_BEFORE.search(before)
    return wish is None or said.start() < wish.start()


def _labelled_speed(st: State, q: Query) -> None:
    """ "Tokens per second: 46 vs 43", "Tokens per second: 0.60": a speed's unit as a label and a
    bare figure after it, a measurement (not a wish said after it, not a prompt's reading)."""
    if q.reported_tok_s is not None or q.intent == "compare":
        return
    for m in P.scan(P.SPEED_LABEL_RE, st.low):
        before = st.low[max(0, m.start() - 40) : m.start()]
        if P.PREFILL_REPORTED_BEFORE.search(before.rstrip() + " ") or P.SPEED_WISH_AFTER.match(
            st.low[m.end() : m.end() + 16]
        ):
            continue
        value = _speed_figure(m.group(1), 0)
        if value:
            _reported(st, q, value, None, m.start(1), m.end(1))
            return


def _range_low(low_end: re.Match | None) -> float | None:
    return _speed_figure(low_end.group(1), 0) if low_end else None


def _reported(st: State, q: Query, value: float, low: float | None, a: int, b: int) -> None:
    """A measured decode (a range "11-12 tok/s" by both ends, `low` its low end) and whether it
    was measured with speculative decoding on."""
    q.reported_tok_s = min(low, value) if low else value
    q.reported_tok_s_high = max(low, value) if low and low != value else None
    # "30 t/s decode - that's with MTP enabled already": said in the same sentence
    sentence = _sentence_around(st.low, a, b)
    q.reported_speculative = P.found(P.SPECULATIVE_SAID_RE, sentence) is not None


def _judged_at(st: State, q: Query) -> int | None:
    """Where a judgement on a measured speed is first asked ("is that normal?", "why so slow?",
    "is my unit defective?"), or None when none is."""
    if not (q.asks_expected or q.asks_why_slow or q.asks_defect):
        return None
    hits = [
        hit.start()
        for flag, pattern in (
            (q.asks_expected, P.EXPECTED_RE),
            (q.asks_why_slow, P.WHY_SLOW_RE),
            (q.asks_defect, P.DEFECT_RE),
        )
        if flag and (hit := P.found(pattern, st.low)) is not None
    ]
    return min(hits, default=None)


def _another_models_run(st: State, q: Query, models: list[Mention], a: int, b: int) -> bool:
    """The sentence of the speed at a..b names a model, and not the one asked about."""
    if q.model is None:
        return False
    sentence = _sentence_span(st.low, a, b)
    named = {m.eid for m in models if sentence[0] <= m.start < sentence[1]}
    return bool(named) and q.model.id not in named


def _another_familys_run(st: State, q: Query, a: int, b: int) -> bool:
    """The sentence of the speed at a..b names a model family bare ("on deepseek i got ..."),
    none of whose entries is of the asked model's family: a run of another model, read no further."""
    if q.model is None or not st.family_only:
        return False
    cat = st.idx.catalog
    family = cat.models[q.model.id].family if q.model.id in cat.models else None
    lo, hi = _sentence_span(st.low, a, b)
    return any(
        lo <= start < hi and all(cat.models[c.id].family != family for c in u.suggestions)
        for u, start, _ in st.family_only
        if u.kind == "model" and u.suggestions
    )


def _measured(before: str, q: Query) -> bool:
    """The words before a speed say it was measured: a verb of getting ("I'm getting", "hovering
    between"), a noun of decoding ("decode is", "generation throughput"), or, in a question about
    one setup, a colon after it ("... with 64 GB RAM: 0.77 tok/s")."""
    return bool(
        P.SPEED_REPORTED_BEFORE.search(before)
        or P.DECODE_REPORTED_BEFORE.search(before)
        or (q.intent == "fit" and P.SPEED_AFTER_COLON.search(before))
    )


def _sentence_around(low: str, start: int, end: int) -> str:
    """The sentence a span is in: to the stops either side of it (a stop is ".", "?" or "!"
    before a space or the end, or a line break: not a figure's decimal point)."""
    a, b = _sentence_span(low, start, end)
    return low[a:b]


def _sentence_span(low: str, start: int, end: int) -> tuple[int, int]:
    stops = [m.end() for m in P.SENTENCE_STOP_RE.finditer(low)]
    a = max((i for i in stops if i <= start), default=0)
    b = min((i for i in stops if i >= end), default=len(low))
    return a, b


def _own_unit(st: State, q: Query) -> None:
    """ "Qwen2.5 7B runs at only 43 tok/s on my Spark, slower than my MacBook M5. Is my unit
    defective?": the question is about the machine that was measured, the other one is what it
    was held against; the answer reads the speed against that machine's estimate."""
    if not (q.asks_defect and q.intent == "compare" and q.hardware_b is not None):
        return
    if q.model is None or q.model_b is not None or q.more_hardware:
        return
    st.ignored.append(f"{q.hardware_b.name} (what the speed was held against)")
    q.hardware_b, q.gpus_b, q.vram_gb_b = None, None, None
    q.intent = "fit"


def _speed_figure(low: str, at: int) -> float | None:
    """The tokens per second of a speed said at `at`, when a decode could be that fast."""
    figure = P.SPEED_FIGURE_RE.match(low, at)
    value = float(figure.group().replace(",", ".")) if figure else 0.0
    return value if 0 < value <= MAX_TOK_S else None


def _wishes(st: State, q: Query, mentions) -> None:
    """What the list should favour, read outside the names ("qwen3 vl" is a model, not a wish
    for vision)."""
    rest = st.mask.masked()
    for m in mentions:
        if m.line:
            continue  # "what mac mini": a product line is also the kind of machine asked for
        a, b = m.start, min(m.end, len(rest))
        if a < b:
            rest = rest[:a] + " " * (b - a) + rest[b:]
    if any(v in rest for v in P.LANG.reported_size_verbs):
        rest = P.REPORTED_PICK_RE.sub(_blank, rest)
    for wish, pattern in P.WISHES:
        first = P.found(pattern, rest)
        if first is None or not (
            _wished(first, rest)
            or any(_wished(m, rest) for m in pattern.finditer(rest, first.end()))
        ):
            continue
        if wish.tag in ("small", "tiny") and all(
            P.WISH_RELATIVE_BEFORE.search(rest, max(0, m.start() - 16), m.start())
            for m in pattern.finditer(rest)
        ):
            continue  # "a relatively small model": smaller than one named, not the small class
        if wish.tag and wish.tag not in q.tags:
            q.tags.append(wish.tag)
        q.task = q.task or wish.task
        q.order = q.order or wish.order
        q.hardware_order = q.hardware_order or wish.hardware_order
        q.consumer_only = q.consumer_only or wish.consumer_only
        q.hardware_kind = q.hardware_kind or wish.hardware_kind
        q.hardware_form = q.hardware_form or wish.hardware_form
        q.hardware_vendor = q.hardware_vendor or wish.hardware_vendor


def _wishes_of_the_named(q: Query) -> None:
    """A list asked beside a model the person runs or tried that is an uncensored variant
    ("experimenting with supergemma4-26b-uncensored ... is there a recommendation?", "I use
    qwen3.6-27b-abliterated, anything better?"): the list keeps that wish, read from the named
    model's own name (the names are masked where _wishes reads)."""
    if "uncensored" in q.tags:
        return
    for ref in (q.model, q.model_b):
        if ref is None:
            continue
        name = re.sub(r"[-_/:.]+", " ", ref.id.lower())
        if any(w.tag == "uncensored" and P.found(p, name) for w, p in P.WISHES):
            q.tags.append("uncensored")
            return


def _wished(m: re.Match, rest: str) -> bool:
    """A wish's words asking for it, not saying it already does the job ("the smaller models are
    good enough for half of what I do": LANG.wish_settled right after them), nor what was run
    ("even using a small model like ...": LANG.wish_used_before right before them)."""
    return (
        P.WISH_SETTLED_AFTER.match(rest, m.end()) is None
        and P.WISH_USED_BEFORE.search(rest, max(0, m.start() - 24), m.start()) is None
    )


def _setups_asked(st: State, q: Query, hws) -> None:
    """A card named with the model, in a question about which setup to get: "I have a 3060, what
    should I upgrade to for X" (the card had is not the answer: the setups for X), "do I need a
    second 3090 for X or is one enough" (how many 3090s X takes, not two of them)."""
    if q.intent != "fit" or q.model is None or q.hardware is None or len(q.setup) > 1:
        return
    up = P.found(P.UPGRADE_ASKED_RE, st.low)
    if up is not None and all(h.start < up.start() for h in hws):
        q.intent = "best_hw_for_model"
        q.hardware, q.gpus, q.vram_gb = None, None, None
        q.setup = []
    elif P.found(P.COUNT_ASKED_RE, st.low) is not None:
        q.intent = "best_hw_for_model"
        q.gpus = None
    elif hws and all(h.line for h in hws) and P.found(P.PC_ALTERNATIVE_RE, st.low) is not None:
        # "Mac Studio or a PC with GPUs for DeepSeek V4 Flash?": the routes that run it, the
        # Mac's and the PC's, not the line's newest chip alone
        q.intent = "best_hw_for_model"
        q.hardware, q.gpus, q.vram_gb = None, None, None
        line = " or ".join(dict.fromkeys(st.text[h.start : h.end] for h in hws))
        st.assumed = [a for a in st.assumed if not a.startswith(f'"{line}": read as')]


def _budget(low: str) -> float | None:
    """The largest amount of money the question names, in dollars ("under $1,500" -> 1500, "a
    $2k budget" -> 2000): in a "what hardware" question, the most it may cost."""
    amounts = []
    for m in P.MONEY_RE.finditer(low):
        num, k = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if not k and P.DOT_THOUSANDS_RE.fullmatch(num):
            num = num.replace(".", "")  # "1.500€": a European's thousands, not €1.50
        amounts.append(float(num.replace(",", "")) * (1000 if k else 1))
    amounts += [usd for _, usd in _foreign_money(low)]
    return max(amounts) if amounts else None


@functools.lru_cache(maxsize=16)
def _foreign_money(low: str) -> tuple[tuple[tuple[int, int], float], ...]:
    """Amounts in a currency far from the dollar (language.yaml `currencies`), in dollars at its
    rate, with their spans: "预算不过千元" -> ~143, "2万块" -> ~2,868, "rmb 40,000" -> ~5,736.
    (Asked several times of one text: cached; a text with no currency's word is not scanned.)"""
    if not any(w in low for w in P.CURRENCY_NEEDS):
        return ()
    out, shared = [], []
    for rx, usd_per_unit, multipliers, when in P.CURRENCY_RES:
        if when is not None and when.search(low) is None:
            continue  # "¥" in a text not of this currency's
        for m in rx.finditer(low):
            if any(a < m.end() and m.start() < b for a, b in shared):
                continue  # "¥" read already as the currency the text is in
            if when is not None:
                shared.append(m.span())
            groups = m.groupdict()
            mult = groups.get("mult") or groups.get("alone")
            factor = 1000 if mult == "k" else multipliers.get(mult, 1) if mult else 1
            num = groups.get("num")
            amount = float(re.sub(r"[, \u00a0]", "", num)) if num else 1.0
            out.append((m.span(), amount * factor * usd_per_unit))
    return tuple(out)


def _bare_budget(st: State) -> float | None:
    """A budget said without a currency ("under 1000", "budget of 800", "a 2k budget"), not on
    a memory size ("under 128 gb"); amounts below MIN_BARE_BUDGET are not a hardware budget
    ("under 8"). A context may have taken it: "budget is 2k" (the caller drops that context)."""
    amounts = []
    for m in P.scan(P.BARE_BUDGET_RE, st.low):
        if any(a.start < m.end() and m.start() < a.end for a in st.memories):
            continue
        num, k = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if m.group(3) and not k:
            continue  # "a 3060 budget build": a card; "a 1.5k budget" is money
        usd = float(num.replace(",", "")) * (1000 if k else 1)
        if (
            k
            and st.context is not None
            and st.context == k_tokens(usd / 1000, "k")
            and not P.BUDGET_WORD_RE.match(st.low, m.start())
            and (
                P.found(P.CONTEXT_WORD_RE, st.low) is not None
                or P.found(P.CONTEXT_FLAG_WORD_RE, st.low) is not None
                or P.found(P.CONTEXT_TOPIC_RE, st.low) is not None
            )
        ):
            # "32K context, increased up to 120K with YaRN", "set higher num_ctx value. tried
            # 4096 up to 16K": a window, not money ("budget is 2k", "best gpu under 2k" are)
            continue
        if usd >= MIN_BARE_BUDGET:
            amounts.append(usd)
    return max(amounts) if amounts else None


def _shopping(st: State) -> bool:
    """Which hardware to buy: a cue of catalog/language.yaml `hardware_shopping`, or a budget
    beside a card word ("a gpu for 800 usd?")."""
    if P.found(P.SHOPPING_RE, st.low):
        return True
    budget = _budget(st.low) or _bare_budget(st)
    return budget is not None and P.found(P.CARD_WORD_RE, st.low) is not None


def _blank(m) -> str:
    return " " * len(m.group())


def _emphasis(m) -> str:
    return " " + m.group(1) + " "


def _cpu_only(st: State) -> bool:
    """A no-GPU cue that is not itself negated ("fully on GPU (no CPU inference)") nor a figure of
    use ("no VRAM being used"), in a text that states no VRAM: "MX150 2GB VRAM ... takes 6 minutes
    on CPU only" is a run on the processor of a machine with a GPU."""
    low = st.low
    if any(m.kind == "vram" for m in st.memories):
        return False
    for m in P.scan(P.CPU_ONLY_RE, low):
        if P.NEGATED_BEFORE.search(low, max(0, m.start() - 10), m.start()):
            continue
        if P.CPU_PART_BEFORE.search(low, max(0, m.start() - 32), m.start()):
            continue  # "the MoE experts on the CPU": where a part runs, not a machine
        if P.COMPARED_BEFORE.search(low, max(0, m.start() - 24), m.start()):
            continue  # "significantly slower than on CPU": the card said is compared with it
        if P.USAGE_AFTER.match(low[m.end() : m.end() + 28]):
            continue  # "no vram being used up": a figure of use, not a machine without a GPU
        # "no GPU yet, which GPU should I buy?": the card asked for is the machine
        return P.found(P.CARD_WANTED_RE, low) is None
    return False


def _card_named(st: State, hws) -> bool:
    return any(st.idx.catalog.hardware[h.eid].kind == "gpu" for h in hws)


def _share_in_the_name(st: State, q: Query) -> None:
    """ "ggml_vulkan: 0 = Intel(R) Arc(TM) 140T GPU (32GB)": the size in an iGPU's driver name is
    the memory the GPU may share, half the RAM (language.yaml igpu_share_name_words); read as the
    RAM where no RAM is said besides, it is kept there and marked (q.gpu_share_gb)."""
    hw = st.idx.catalog.hardware.get(q.hardware.id)
    if hw is None or hw.kind != "igpu":
        return
    m = P.found(P.IGPU_SHARE_NAME_RE, st.low)
    if m is not None and float(m.group(1)) == q.ram_gb:
        q.gpu_share_gb = q.ram_gb
