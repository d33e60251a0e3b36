"""Pass 1, extraction: spans that are not names. CPU names, software versions, years and figures of
other things are masked; context sizes, quantization types and memory amounts are read and masked,
so the name matcher never sees them."""

from __future__ import annotations

import re

from ..units import MAX_TOKENS, k_tokens
from . import patterns as P
from .index import Index, compact, model_number_g
from .query import Unsure
from .state import Amount, State


def take_all(st: State, rx: re.Pattern, label: str | None = None, group: int = 0) -> list[re.Match]:
    hits = []
    for m in P.scan(rx, st.low):
        a, b = m.span(group)
        if st.mask.free(a, b):
            st.mask.take(a, b)
            hits.append(m)
            if label:
                st.ignored.append(f"{m.group(group).strip()} ({label})")
    return hits


def _yardstick(low: str, a: int, b: int) -> bool:
    """A closed model named as a measure ("something close to GPT-4", "as good as claude", "a
    gpt-4o level model"; catalog/language.yaml closed_yardstick_before / _after)."""
    return bool(
        P.CLOSED_YARDSTICK_BEFORE.search(low[max(0, a - 48) : a])
        or P.CLOSED_YARDSTICK_AFTER.match(low, b)
    )


def _cloud_instance(st: State, m: re.Match) -> None:
    """ "g5.xlarge", "ml.g5.2xlarge", "p4d.24xlarge", "a2-highgpu-4g": the instance's accelerator and count
    (language.yaml cloud_instances), or an instance whose accelerator the catalog lacks ("inf2"),
    named as unknown; the type's numbers are no count, size or memory."""
    a, b = m.span()
    if not st.mask.free(a, b):
        return
    st.mask.take(a, b)
    family = P.LANG.cloud_instances[m.group(1) or m.group(3)]
    if family.hardware is None or family.hardware not in st.idx.catalog.hardware:
        st.unsure.append(Unsure(kind="hardware", text=st.text[a:b], reason="unknown"))
        st.unknown_hw.append((a, b))
        return
    size = m.group(2) or m.group(4)
    size = size + "arge" if size.endswith("xl") else size
    st.instances.append((a, b, family.hardware, family.counts.get(size)))


def _azure_instance(st: State, m: re.Match) -> None:
    """ "Standard_NC24ads_A100_v4", "NC64asT4v3": an Azure GPU size as its accelerator and the
    count of its size (language.yaml azure_instances), read before an identifier's underscores
    hide it."""
    series, size, accel, version = m.groups()
    family = P.LANG.azure_instances.get("-".join(filter(None, (series, accel, version))))
    a, b = m.span()
    if family is None or family.hardware not in st.idx.catalog.hardware:
        return
    if st.mask.free(a, b):
        st.mask.take(a, b)
        st.instances.append((a, b, family.hardware, family.counts.get(size)))


def extract_noise(st: State) -> None:
    for m in P.scan(P.AZURE_INSTANCE_RE, st.low):
        _azure_instance(st, m)
    if "_" in st.low:
        for m in P.CODE_IDENT_RE.finditer(st.low):
            st.mask.take(*m.span())
    for m in P.scan(P.DDR_RE, st.low):
        if P.DDR_ASKED_AFTER.match(st.low, m.end()) and not P.DDR_SIZE_BEFORE.search(
            st.low[max(0, m.start() - 12) : m.start()]
        ):
            # "What type of RAM was used? DDR5?": asked about, not the machine's memory
            if st.mask.free(*m.span()):
                st.mask.take(*m.span())
            continue
        st.ddr = st.ddr or m.group(1)
        st.ddr_at.append(m.span())
        if m.group(2):
            st.mask.take(m.start(2), m.end(2))
            st.ram_mts = st.ram_mts or _ram_speed(m.group(2))
    _host_memory(st)
    for m in P.CPU_RE.finditer(st.low):
        a, b = m.span()
        if st.mask.free(a, b) and not P.bare_number_of_no_maker(m.group()):
            st.mask.take(a, b)
            st.cpus.append((a, b, P.cpu_name(m.group())))
    for m in P.scan(P.CLOUD_INSTANCE_RE, st.low):
        _cloud_instance(st, m)
    for m in P.scan(P.OTHER_INSTANCE_RE, st.low):
        if st.mask.free(*m.span()):
            st.mask.take(*m.span())  # "p4dn.24xlarge": no Tesla P4
    for m in P.scan(P.SOCKET_CPU_RE, st.low):
        a, b = m.span(1)
        if _a_cards_number(st, m.group(1)):
            continue  # "双路3090": two cards, not a server's two processors
        if st.mask.free(a, b):
            st.mask.take(a, b)
            st.cpus.append((a, b, m.group(1)))
    st.software_at = [m.span() for m in take_all(st, P.SOFTWARE_RE)]
    for kind, rx in P.NOT_ESTIMATED_RES.items():
        for m in take_all(st, rx):
            if kind == "closed" and _yardstick(st.low, *m.span()):
                continue  # the bar the answer is held to, not a model asked to run
            st.not_estimated.append((kind, st.text[m.start() : m.end()]))
    for m in P.scan(P.VERSION_RE, st.low):
        a, b = m.span()
        if not st.mask.free(a, b) or _model_version(st, m) or _devices_counted(st, m):
            continue
        st.mask.take(a, b)
        st.ignored.append(f"{m.group().strip()} (a software version)")
    for m in P.scan(P.YEAR_RE, st.low):
        if st.mask.free(*m.span()) and not P.BRAND_BEFORE.search(
            st.low, max(0, m.start() - 10), m.start()
        ):
            st.mask.take(*m.span())
    take_all(st, P.UNIT_RE)
    take_all(st, P.STORAGE_FORM_RE, "a storage form factor")
    if any(w in st.low for w in P.LANG.link_words):
        take_all(st, P.LINK_WORD_RE)  # "P2P": a link between cards, not a card
    take_all(st, P.SERVER_MODEL_RE, "a server's model code")
    for m in P.scan(P.HEX_RUN_RE, st.low):
        if (m.group("uuid") or _hex_id(m.group())) and st.mask.free(*m.span()):
            st.mask.take(*m.span())
    for m in P.scan(P.CPU_GEN_RE, st.low):
        if st.mask.free(*m.span()):  # not "pcie gen 4"
            st.cpu_gen = st.cpu_gen or int(m.group(1) or m.group(2))


# memory speeds a RAM module is sold at, MT/s (DDR3-1333 to DDR5-12000): outside it a number is
# something else
_RAM_MTS = (1333, 12000)
_RAM_WORD_SPAN = 24  # characters either side of a speed in which a RAM word makes it the RAM's


def _ram_speed(text: str) -> int | None:
    v = int(text)
    return v if _RAM_MTS[0] <= v <= _RAM_MTS[1] else None


def _host_memory(st: State) -> None:
    """The host's memory channels ("quad channel", "8-channel ddr5") and a memory speed said with
    its unit next to a RAM word ("ddr4 3600mhz", "6000 MT/s RAM")."""
    for m in P.scan(P.CHANNEL_RE, st.low):
        word = m.group(1)
        n = int(word) if word.isdigit() else P.LANG.channel_counts.get(word) or P.LANG.number(word)
        if n and 1 <= n <= 24:
            # not masked: "quad channel ddr4" is also the name of a generic system
            st.channels = st.channels or n
    if st.ram_mts is None:
        for m in P.scan(P.RAM_SPEED_RE, st.low):
            a, b = m.span()
            near = st.low[max(0, a - _RAM_WORD_SPAN) : b + _RAM_WORD_SPAN]
            if (v := _ram_speed(m.group(1))) and P.RAM_WORD_RE.search(near):
                st.ram_mts = v
                break


_LOG_CUES = (("vram", P.LANG.vram_log_lines), ("ram", P.LANG.ram_log_lines))


def _log_line_kind(line: str) -> str | None:
    """ "vram" / "ram" when the amount's line is a log line of a GPU's or of the system's memory
    (language.yaml vram_log_lines, ram_log_lines), or nvidia-smi's memory column."""
    # the last cue before the amount says ("... cuda memory data ... system memory data 62.4")
    at = {kind: max((line.rfind(c) for c in cues), default=-1) for kind, cues in _LOG_CUES}
    kind = max(at, key=at.get)
    if at[kind] >= 0:
        return kind
    # nvidia-smi's memory column: "|   507MiB /  24564MiB |" is the card's total
    if "|" in line and P.NVSMI_TOTAL_BEFORE.search(line):
        return "vram"
    # a tool's device line: "- **GPU 1:** NVIDIA GeForce RTX 5070 Ti | 16303 MiB", "ROCm0 : AMD
    # Radeon Graphics (32624 MiB, ...)": the device's own memory
    return "vram" if P.DEVICE_LABEL_RE.search(line) else None


def _hex_id(run: str) -> bool:
    """Hex digits where digits and letters alternate at least four times ("9c600bc", "d6de3398"):
    an id or a hash, not a word, a number or a card glued to its suffix ("a6000ada")."""
    return len(P.HEX_PARTS_RE.findall(run)) >= 4


def _a_cards_number(st: State, number: str) -> bool:
    """The number is a graphics card's name and no processor's ("3090", not "9654")."""
    kinds = {
        st.idx.catalog.hardware[eid].kind
        for kind, eid in st.idx.exact.get((number,), ())
        if kind == "hardware"
    }
    return bool(kinds) and "cpu" not in kinds


def _model_version(st: State, m: re.Match) -> bool:
    """ "deepseek v3.1", "mistral small v3.1": a bare "v" version right after a word of a model's
    name is that model's version, not software's."""
    if m.group()[:1] != "v":
        return False
    before = P.WORD_BEFORE.search(st.mask.masked(), max(0, m.start() - 24), m.start())
    return before is not None and before.group(1) in st.idx.model_words


def _devices_counted(st: State, m: re.Match) -> bool:
    """ "build 8 DGX Spark cluster": a small whole number after "build" with a device's name right
    after it counts the devices built, not a build of the software ("llama.cpp build 4500")."""
    said = P.BUILD_COUNT_RE.fullmatch(m.group())
    if said is None:
        return False
    after = P.WORD_AFTER.match(st.low, m.end())
    return after is not None and after.group(1) in st.idx.hardware_words


def extract_negated_variants(st: State) -> None:
    """ "deepseek v4 non flash", "rtx 6000 non-pro": a word of the catalog's names the asker
    rules out; its words are taken out of the names, and the entries named with it are set aside
    (names.py)."""
    for m in P.scan(P.NEGATED_VARIANT_RE, st.low):
        word = m.group(1)
        if word in st.idx.vocab and st.mask.free(*m.span()):
            st.mask.take(*m.span())
            st.negated.add(word)


REPLY = "a reply's length"


def _length_of(st: State, a: int, b: int) -> str | None:
    """What an amount of tokens with no context word at st.low[a:b] measures, when the words
    around it say: a prompt's length ("an 8k prompt", "pp 8k") or a reply's ("generate 1000
    tokens", "2k tokens of output"); None when it may be the window."""
    if (
        P.PROMPT_LEN_BEFORE.search(st.low, max(0, a - 24), a)
        or P.PROMPT_LEN_AFTER.match(st.low, b)
        or P.PROMPT_REQUEST_BEFORE.search(st.low, max(0, a - 24), a)
    ):
        return "a prompt's length"
    if P.OUTPUT_LEN_BEFORE.search(st.low, max(0, a - 24), a) or P.OUTPUT_LEN_AFTER.match(st.low, b):
        return REPLY
    return None


# a prompt that fits the shortest window any workload runs at (catalog/workloads.yaml: chat's
# min_context, 8192) leaves the default window as it is: "a 1000 token prompt" is no -c 1000
PROMPT_SETS_WINDOW_PAST = 8192
# a prompt at least this many times a window said beside it is past that window, a limit hit;
# closer, the two are one amount said twice, rounded (design choice)
PROMPT_PAST_LIMIT = 1.1


def _prompt_said(st: State, a: int, b: int) -> bool:
    """The amount at st.low[a:b] is a prompt's length said as such ("a 36K prompt", "prompts of
    20000 tokens"), not a benchmark's input ("8K input") or prompt reading ("pp 8k")."""
    if P.PROMPT_REQUEST_BEFORE.search(st.low, max(0, a - 24), a):
        return True  # "you requested 2981 tokens", "Input prompt (36893 tokens) is too long"
    after = P.PROMPT_LEN_AFTER.match(st.low, b)
    return bool(after and "prompt" in after.group()) and not P.PROMPT_LEN_BEFORE.search(
        st.low, max(0, a - 24), a
    )


def _card_number(st: State, number: str) -> bool:
    """A bare number that is a card's name on its own ("3090", "4090", "1080"; the catalog's
    hardware keys): no window, which is said as a round count (4096, 8192, 32768)."""
    return any(kind == "hardware" for kind, _ in st.idx.exact.get((number,), ()))


def _scaled_tokens(m: re.Match) -> int | None:
    """The tokens of a window said in words (P.CTX_SCALED_RE: "100 thousand tokens", "half a
    million tokens"): the amount, digits or words (language.yaml token_amount_words), times the
    scale word."""
    said = _SPACES.sub(" ", m.group().strip())
    scale = next((w for w in P.LANG.token_scale_words if f" {w}" in f" {said}"), None)
    if scale is None:
        return None
    head = said.split(f" {scale}" if f" {scale}" in said else scale)[0].strip()
    amount = float(m.group(1)) if m.group(1) else _AMOUNT_WORDS.get(head)
    return None if amount is None else int(amount * P.LANG.token_scale_words[scale])


# a window said in words is at least this long ("a thousand tokens" is a reply's or a prompt's
# length, not a window: 4K is the shortest default a runner starts with)
SCALED_WINDOW_MIN = 4096
_SPACES = re.compile(r"[\s\-._]+")
_AMOUNT_WORDS = {_SPACES.sub(" ", k): v for k, v in P.LANG.token_amount_words.items()}


def extract_context(st: State) -> None:
    found: list[tuple[int, int]] = []
    ends: dict[int, int] = {}  # where each amount found ends (its start -> end), for what follows
    prompts: list[
        tuple[int, str]
    ] = []  # a prompt's length said ("a 36K prompt"): the window's floor
    replies: list[int] = []  # a reply's length said ("65k max_tokens"): on top of the prompt
    native = False  # "-c 0", "--max-model-len -1": the model's own window, unless a size is said
    settings: set[int] = set()  # the windows said as launch settings (flags: "num_ctx 8192")
    for m in P.scan(P.CTX_CHANGE_RE, st.low):
        # "num_ctx 8192 -> 32768", "--max-model-len from 32768 to 131072": a window changed, both
        # said (the larger is the one asked, as of several windows), a flag's as settings
        x, xu, y, yu = m.groups()[-4:]
        old = k_tokens(float(x.replace(",", "")), xu or yu)
        new = k_tokens(float(y.replace(",", "")), yu)
        if not (256 <= old <= MAX_TOKENS and 256 <= new <= MAX_TOKENS) or not st.mask.free(
            *m.span()
        ):
            continue
        st.mask.take(*m.span())
        found += [(m.start(), old), (m.end(), new)]
        if m.group("flag"):
            settings |= {old, new}
    for m in P.scan(P.CTX_FLAG_RE, st.low):
        if m.group(1) not in P.LANG.native_context_values:
            # (a window another reading took first is still said as a flag: "num_ctx: 74047")
            settings.add(k_tokens(float(m.group(1)), m.group(2)))
        if st.mask.free(*m.span()):
            if m.group(1) in P.LANG.native_context_values and not m.group(2):
                st.mask.take(*m.span())
                native = True
                continue
            v = k_tokens(float(m.group(1)), m.group(2))
            if 256 <= v <= MAX_TOKENS:  # "-c 3" of another tool is no context
                st.mask.take(*m.span())
                found.append((m.start(), v))
                ends[m.start()] = m.end()
    for m in P.scan(P.CTX_BEFORE_RE, st.low):
        a, b = m.span()
        if not m.group(2) and _card_number(st, m.group(1)):
            continue  # "at 64k context: 3090 or 4090?": the card's number, not a window
        v = k_tokens(float(m.group(1).replace(",", "")), m.group(2))
        if P.RANGE_AFTER.match(st.low, b):
            st.mask.take(a, b)
            st.ignored.append(f"{st.low[a:b]} (the start of a sweep over contexts)")
            continue
        # "ctx 0k" is no context (at least 256 tokens, like the other spellings)
        if st.mask.free(m.start(1), m.end(1)) and v >= 256:
            st.mask.take(a, b)
            found.append((a, v))
            ends[a] = b
    for m in P.scan(P.CTX_K_RE, st.low):
        a, b = m.span()
        if not st.mask.free(m.start(1), m.end(2)):
            continue
        unit = m.group(2)
        if unit == "m" and not m.group(3):
            continue  # "1m" alone is not a context
        if (
            not m.group(3)
            and P.CTX_IN_NAME_BEFORE.search(st.low, max(0, a - 10), a)
            and not P.CTX_RANGE_START_BEFORE.search(st.low, max(0, a - 10), a)
        ):
            continue  # "... Instruct 128k", "mini-128k": the window of the model's name
        if not m.group(3) and P.CPU_TIER_BEFORE.search(st.low, max(0, a - 12), a):
            continue  # "ultra 7 265K": a processor
        if (
            unit == "k"
            and not m.group(3)
            and (P.PRICE_BEFORE.search(st.low, max(0, a - 14), a) or P.PRICE_AFTER.match(st.low, b))
        ):
            continue  # "just over 3k for a 5090": a price
        # "8k" or "8k tokens" with no context word: perhaps a prompt's or a reply's length
        if not P.CONTEXT_WORD_RE.search(m.group(3) or "") and (length := _length_of(st, a, b)):
            st.mask.take(a, b)
            st.ignored.append(f"{st.low[a:b]} ({length})")
            if _prompt_said(st, a, b):
                prompts.append((k_tokens(float(m.group(1)), unit), st.ignored[-1]))
            elif length == REPLY:
                replies.append(k_tokens(float(m.group(1)), unit))
            continue
        v = k_tokens(float(m.group(1)), unit)
        # past any window, said as one ("99999999k context"): asked, and capped by the answer
        # (as "context 99999999k" is), not dropped for the default
        beyond = v > MAX_TOKENS and P.CONTEXT_WORD_RE.search(m.group(3) or "")
        if not (256 <= v <= MAX_TOKENS or beyond):
            continue
        st.mask.take(a, b)
        found.append((a, v))
        ends[a] = m.end()
    for m in P.scan(P.CTX_SCALED_RE, st.low):
        # "100 thousand tokens", "half a million tokens of context": the window said in words
        if (v := _scaled_tokens(m)) is None or not st.mask.free(*m.span()):
            continue
        a, b = m.span()
        if v < SCALED_WINDOW_MIN or P.PER_SECOND_AFTER.match(st.low, b):
            continue  # "a thousand tokens" is no window, "two thousand tokens per second" a rate
        if (length := _length_of(st, a, b)) is not None:
            st.mask.take(a, b)
            st.ignored.append(f"{m.group()} ({length})")
            if _prompt_said(st, a, b):
                prompts.append((v, st.ignored[-1]))
            elif length == REPLY:
                replies.append(v)
            continue
        if 256 <= v <= MAX_TOKENS:
            st.mask.take(a, b)
            found.append((a, v))
            ends[a] = b
    for rx in (P.CTX_AFTER_RE, P.CTX_TOKENS_RE):
        for m in P.scan(rx, st.low):
            if rx is P.CTX_AFTER_RE and _card_number(st, m.group(1)):
                continue  # "on a 3090 context length is 8k": the card's number, not a window
            if st.mask.free(m.start(1), m.end(1)):
                if rx is P.CTX_TOKENS_RE and (length := _length_of(st, *m.span())):
                    st.mask.take(*m.span())
                    st.ignored.append(f"{m.group()} ({length})")
                    if _prompt_said(st, *m.span()):
                        prompts.append((int(m.group(1).replace(",", "")), st.ignored[-1]))
                    elif length == REPLY:
                        replies.append(int(m.group(1).replace(",", "")))
                    continue
                v = int(m.group(1).replace(",", ""))
                if 256 <= v <= MAX_TOKENS:
                    st.mask.take(*m.span())
                    found.append((m.start(), v))
                    ends[m.start()] = m.end()
    for m in P.scan(P.CTX_REDUCED_RE, st.low):
        wanted, given = int(m.group(1)), int(m.group(2))
        if 256 <= given < wanted <= MAX_TOKENS and st.mask.free(m.start(1), m.end(2)):
            st.mask.take(m.start(1), m.end(2))
            found.append((m.start(1), wanted))  # what they asked for, not what the tool gave
            st.ignored.append(f"{given:,} (the window a tool cut {wanted:,} to)")
    # "greater than 8k": a bound passed, the window asked is the next doubling above it; a bound
    # said again plainly ("crashes above 42k ... under 42k it runs normally", "the 42k
    # threshold") is the limit the asker hits, what they get now (advice87), not doubled
    above = {a for a, _ in found if P.CTX_ABOVE_BEFORE.search(st.low, max(0, a - 20), a)}
    hit = {v for a, v in found if a in above} & {v for a, v in found if a not in above}
    if hit:
        settings |= hit
    found = [(a, 2 * v if a in above and v not in hit else v) for a, v in found]
    # "beyond the native 262,144 context ..., say 600K": the model's window is not the ask
    asked = [f for f in found if not P.MODEL_WINDOW_BEFORE.search(st.low, max(0, f[0] - 16), f[0])]
    if asked and len(asked) < len(found):
        found = asked
    if found and prompts:
        # "maximum context length is 2048 tokens. However, you requested 2981 tokens": a prompt
        # past every window said makes those the limits hit; the window asked holds the prompt
        # (and a reply said), at least the shortest a workload runs at (chat's 8K); a window
        # near the prompt ("a long prompt (36k tokens) ... Input prompt (36893 tokens)") is the
        # same amount said roughly, no limit
        v, said = max(prompts)
        need = v + max(replies, default=0)
        if all(w * PROMPT_PAST_LIMIT < v for _, w in found) and need <= MAX_TOKENS:
            limit = max(w for _, w in found)
            found = [(min(a for a, _ in found), max(need, PROMPT_SETS_WINDOW_PAST))]
            settings.discard(found[0][1])
            st.assumed.append(
                f"a {v:,}-token prompt past a {limit:,}-token limit needs a longer context:"
                f" {found[0][1]:,}"
            )
            prompts = []
        elif need > max(w for _, w in found):
            found.append((min(a for a, _ in found), need))  # the prompt said exactly
            st.ignored.remove(said)
    if found:
        # several windows said: the question is about the largest ("num_ctx 40000 gives 33%/67%
        # CPU/GPU, but with num_ctx 128000 the entire model goes to the CPU", "works at 8k,
        # not at 32k"); the smaller ones are what already worked
        st.context = max(v for _, v in found)
        # said only as a setting they run ("num_ctx: 74047", "context length is set to 32K")
        # or a window they hit ("~58k+ tokens", "a context size of 4096 is too large",
        # "最高支持10000token"): what they get now, not a window they ask to reach
        st.context_setting = all(
            v in settings
            or P.CTX_SETTING_BEFORE.search(st.low, max(0, a - 24), a)
            or (a in ends and P.CTX_SETTING_AFTER.match(st.low, ends[a]))
            for a, v in found
            if v == st.context
        )
    if " to " in st.low and (m := P.found(P.CTX_TARGET_RE, st.low)):
        v = k_tokens(float(m.group(1)), m.group(2))
        if 256 <= v <= MAX_TOKENS:
            st.mask.take(m.start(1), m.end(2))
            st.context = v  # the context wanted, not the one the model has
            st.context_setting = False
    if st.context is None and prompts:
        # "OOM at a 36K prompt": the window holds the prompt, so it is at least that long (a
        # benchmark's "8K input, 256 output" or "pp 8k" stays a measurement, no window)
        v, said = max(prompts)
        # "an 88k prompt + 65k max_tokens": the window holds the prompt and the reply it writes
        reply = max(replies, default=0)
        if v > PROMPT_SETS_WINDOW_PAST and v + reply <= MAX_TOKENS:
            st.context = v + reply
            st.ignored.remove(said)
            if reply:
                st.assumed.append(
                    f"a {said.split(' (')[0]} prompt and a {reply:,}-token reply need a context"
                    " of both"
                )
            else:
                st.assumed.append(
                    f"a {said.split(' (')[0]} prompt needs a context at least that long"
                )
    if st.context is None and (m := P.found(P.DOC_PAGES_RE, st.low)) is not None:
        # "a 300 page pdf": the window holds the document, ~650 tokens a page (language.yaml
        # tokens_per_page), and a reply on top (the one said, else document_reply_room); a few
        # pages fit the default window as they are
        pages = int(m.group(1))
        v = pages * P.LANG.tokens_per_page + max(replies, default=P.LANG.document_reply_room)
        if PROMPT_SETS_WINDOW_PAST < v <= MAX_TOKENS:
            st.document_tokens = v
            st.assumed.append(
                f"a {pages}-page document is about {pages * P.LANG.tokens_per_page:,} tokens"
                f" (~{P.LANG.tokens_per_page} a page): a context of {v:,} holds it and a reply"
            )
    if native and st.context is None:
        st.full_context = True
    for m in P.scan(P.FULL_CTX_RE, st.low):
        # "m3 max context 32k": the max of an Apple chip's name, not "max context"
        if P.CHIP_BEFORE.search(st.low, max(0, m.start() - 6), m.start()):
            continue
        st.full_context = st.context is None
        st.mask.take(*m.span())
        break


def _under_usage_heading(st: State, a: int, before: str) -> bool:
    """ "Memory Footprint\n • VRAM: Sitting at 14.46 GB out of 16 GB\n • System RAM: ~4.3 GB": an
    amount on a bulleted line under a short heading that says the list is of memory in use
    (language.yaml usage_headings) is in use, not the size; the total after "out of" is the size."""
    start = st.low.rfind("\n", 0, a) + 1
    if (
        start == 0
        or not P.BULLET_LINE_RE.match(st.low, start)
        or P.LINE_TOTAL_BEFORE.search(before)
    ):
        return False
    at = start - 1  # the newline that ends the line before
    while at > 0:
        prev = st.low.rfind("\n", 0, at) + 1
        line = st.low[prev:at].strip()
        if line and not P.BULLET_LINE_RE.match(st.low, prev):
            return len(line) <= 40 and P.USAGE_HEADING_RE.search(line) is not None
        at = prev - 1
    return False


def _csv_vram_cells(st: State) -> list[tuple[int, int, float]]:
    """The cells, in bytes, under a CSV header's column of each device's total memory
    (language.yaml csv_vram_bytes_columns): rocm-smi's "VRAM Total Memory (B)" with --csv."""
    out: list[tuple[int, int, float]] = []
    for col in P.LANG.csv_vram_bytes_columns:
        at = st.low.find(col)
        if at < 0:
            continue
        start = st.low.rfind("\n", 0, at) + 1
        end = st.low.find("\n", at)
        end = len(st.low) if end < 0 else end
        header = st.low[start:end].split(",")
        if len(header) < 2 or col not in (h.strip() for h in header):
            continue
        index = [h.strip() for h in header].index(col)
        row_at = end + 1
        while row_at < len(st.low):
            row_end = st.low.find("\n", row_at)
            row_end = len(st.low) if row_end < 0 else row_end
            cells = st.low[row_at:row_end].split(",")
            if len(cells) != len(header):
                break
            cell = cells[index].strip()
            at_cell = row_at + sum(len(c) + 1 for c in cells[:index])
            at_cell += len(cells[index]) - len(cells[index].lstrip())
            if (
                cell.isdigit()
                and 9 <= len(cell) <= 13
                and st.mask.free(at_cell, at_cell + len(cell))
            ):
                out.append((at_cell, at_cell + len(cell), _mib_gb(int(cell) // 2**20)))
            row_at = row_end + 1
    return out


def _nearest_bpw(st: State, bpw: float) -> str | None:
    pool = [q for q in st.idx.catalog.quants.values() if q.family in ("k", "i")]
    if not pool:
        return None
    # the ladder's top past the K-quants: GGUF's 8-bit is a legacy type (Q8_0), so "8bpw" (an
    # EXL2/EXL3 file, "8.0 bits per weight") is Q8_0's memory, not Q6_K's
    top = max(q.bpw for q in pool)
    pool += [q for q in st.idx.catalog.quants.values() if q.family == "legacy" and top < q.bpw < 16]
    return min(pool, key=lambda q: (abs(q.bpw - bpw), -q.bpw)).id


def _bits_quant(st: State, bits: float) -> str | None:
    if bits > 16:
        return None  # "64-bit" is an OS or a CPU, never a weight format
    if bits.is_integer() and (qid := st.idx.quant_alias.get(f"q{int(bits)}")):
        return qid
    if bits.is_integer() and int(bits) == 16:
        return st.idx.quant_alias.get("f16")
    return _nearest_bpw(st, bits)


def _add_quant(st: State, a: int, b: int, qid: str, raw: str) -> None:
    """A quant named next to "kv" / "cache" is the KV cache type; otherwise the weights'."""
    if compact(raw) in P.CPU_FEATURE_FORMATS and P.CPU_FEATURE_BEFORE.search(
        st.low, max(0, a - 32), a
    ):
        return  # "AVX2 (no AVX-512, no BF16)": the processor's, not a quant
    if compact(raw) in P.CPU_FEATURE_FORMATS and P.DEVICE_FLAG_AFTER.match(st.low, b):
        return  # "fp16: 1 | bf16: 0" in a backend's device line: what the device supports
    if compact(raw) in P.HW_FEATURE_FORMATS and (
        P.FORMAT_FEATURE_BEFORE.search(st.low, max(0, a - 24), a)
        or P.FORMAT_FEATURE_AFTER.match(st.low, b)
    ):
        return  # "lacking support for fp8", "no fp8 support": the card's feature, not a quant
    before = st.low[max(0, a - 24) : a]
    after = st.low[b : b + 24]  # " for both k and v"
    if P.KV_BEFORE_RE.search(before) or P.KV_AFTER_RE.match(after):
        kv = raw.lower().replace("-", "_")
        kv = P.KV_ALIASES.get(kv, kv)
        if kv not in st.idx.kv_types:
            kv = qid.lower() if qid.lower() in st.idx.kv_types else None
        if kv:
            st.kv_type = kv
            st.kv_said.append((a, kv))
            st.kv_alternatives = st.kv_alternatives or bool(P.KV_OR_AFTER_RE.match(after))
            return
    st.quants.append((a, qid))


def _dynamic_quant(idx: Index, c: str) -> str | None:
    """Unsloth's dynamic quant said by its level alone ("UD-Q2", "ud_q4") or with "XL" and no
    "K" ("Q2XL", "Q4_XL"): the level's K_XL file, the one Unsloth ships under that level (None when
    the catalog has no such type)."""
    if m := P.DYNAMIC_LEVEL_RE.fullmatch(c):
        return idx.quant_alias.get(f"ud{m.group(1) or m.group(2)}kxl")
    return None


def extract_quants(st: State) -> None:
    idx = st.idx
    for m in P.scan(P.BPW_RE, st.low):
        if st.mask.free(*m.span()) and (qid := _nearest_bpw(st, float(m.group(1)))):
            st.mask.take(*m.span())
            st.bpw_said[m.start()] = float(m.group(1))
            _add_quant(st, *m.span(), qid, m.group())
    if idx.quant_word_re is not None:
        for m in idx.quant_word_re.finditer(st.low):
            if (
                st.mask.free(*m.span())
                and not P.FLAG_BEFORE.search(st.low, max(0, m.start() - 24), m.start())
                and not (m.group().endswith("bit") and P.SYSTEM_BITS_AFTER.match(st.low, m.end()))
            ):
                qid = idx.quant_alias.get(compact(m.group()))
                if qid:
                    st.mask.take(*m.span())
                    _add_quant(st, *m.span(), qid, m.group())
    for m in P.scan(P.QUANT_TOKEN_RE, st.low):
        if not st.mask.free(*m.span()):
            continue
        raw = m.group(1)
        c = compact(raw)
        qid = idx.quant_alias.get(c) or _dynamic_quant(idx, c)
        if qid is None and c.startswith("ud"):
            c = c[2:]  # Unsloth's dynamic quants in a file name ("UD-Q4_K_M") are that type
            qid = idx.quant_alias.get(c)
        if qid is None:
            bits = re.search(r"\d", c)
            # "q4_k_l" or "iq4": the nearest known type of that bit width
            qid = idx.quant_alias.get(c[: bits.end()]) if bits else None
            if qid is None and c.startswith("iq"):
                qid = idx.quant_alias.get(c[1:])
        if qid:
            st.mask.take(*m.span())
            _add_quant(st, *m.span(), qid, raw)
    for rx in (P.BITS_RE, P.FPBITS_RE):
        for m in P.scan(rx, st.low):
            if rx is P.BITS_RE and P.SYSTEM_BITS_AFTER.match(st.low, m.end()):
                continue  # "op-mode(s): 32-bit, 64-bit": the processor's width
            if st.mask.free(*m.span()) and (qid := _bits_quant(st, float(m.group(1)))):
                st.mask.take(*m.span())
                _add_quant(st, *m.span(), qid, m.group())
    for m in P.scan(P.WEIGHT_FORMAT_RE, st.low):
        bits = P.LANG.weight_formats.get(" ".join(re.split(r"[\s\-._]+", m.group())))
        if bits and st.mask.free(*m.span()) and (qid := _bits_quant(st, float(bits))):
            st.mask.take(*m.span())
            st.quants.append((m.start(), qid))
    # "Qwen3.8-27B-oQ4e-fp16-mtp", "...-MLX-oQ8-FP16": a 16-bit dtype after a smaller type in one
    # file name is the unquantized parts', not the weights' (catalog/quants.yaml)
    low_bits = [a for a, qid in st.quants if qid not in SIXTEEN_BITS]
    st.quants = [
        (a, qid)
        for a, qid in st.quants
        if qid not in SIXTEEN_BITS
        or not any(b < a and FILE_NAME_JOIN.fullmatch(st.low, b, a) for b in low_bits)
    ]


SIXTEEN_BITS = frozenset({"F16", "BF16"})
# a quant's name and what follows it up to the next one, inside one file name (no space)
FILE_NAME_JOIN = re.compile(r"[\w.]{2,8}[-_]")


def name_quant(st: State, name: str) -> str | None:
    """The quant a repo's or a file's name says ("...-Instruct-4bit", "...-Q4_K_M.gguf",
    "...-exl3-3.22bpw", "GLM-4.6-AWQ"), read like the text's: a type, bits per weight, bits, a
    format."""
    low = name.lower()
    idx = st.idx
    for m in P.scan(P.QUANT_TOKEN_RE, low):
        c = compact(m.group(1))
        qid = (
            idx.quant_alias.get(c)
            or _dynamic_quant(idx, c)
            or (idx.quant_alias.get(c[2:]) if c.startswith("ud") else None)
        )
        if qid:
            return qid
    if m := P.found(P.BPW_RE, low):
        return _nearest_bpw(st, float(m.group(1)))
    for rx in (P.BITS_RE, P.FPBITS_RE):
        if m := P.found(rx, low):
            return _bits_quant(st, float(m.group(1)))
    if m := P.found(P.WEIGHT_FORMAT_RE, low):
        bits = P.LANG.weight_formats.get(" ".join(re.split(r"[\s\-._]+", m.group())))
        return _bits_quant(st, float(bits)) if bits else None
    return None


def _breakdown(st: State, a: int, total: float) -> bool:
    """The amount at `a` (times its count) spells out the amount said right before it, in
    parentheses or after "=" or ":" on its line: "64gb ram (2x32gb)", "(448gb=64gb x 7)", "RAM
    64GB: 2x 32GB"."""
    if not st.memories:
        return False
    prev = st.memories[-1]
    gap = st.low[prev.end : a]
    return (
        (len(gap) <= 16 or (len(gap) <= 24 and P.RAM_WORD_RE.search(gap) is not None))
        and "\n" not in gap
        and P.BREAKDOWN_GAP.search(gap) is not None
        and abs(prev.gb * (prev.count or 1) - total) <= 0.02 * total
    )


def _total_of_before(st: State, a: int, b: int, total: float) -> bool:
    """An amount said as a total ("So 768GB total", "- Total 32GB") right after a memory amount
    said (within 80 characters): the same memory in all. The amount before takes the total when it
    is its part ("2 x 16 GB" of 32, "384GB" a socket of 768) and is RAM, or sticks said with a
    memory type between ("2 x 16 GB - DDR4 - 2400 MT/s - Total 32GB")."""
    if not st.memories or not (
        P.TOTAL_AFTER_AMOUNT.match(st.low, b)
        or P.TOTAL_BEFORE_AMOUNT.search(st.low, max(0, a - 12), a)
    ):
        return False
    prev = st.memories[-1]
    gap = st.low[prev.end : a]
    part = prev.gb * (prev.count or 1)
    if len(gap) > 80 or "\n\n" in gap or part > 1.02 * total or total % prev.gb > 0.02 * total:
        return False
    if prev.kind != "ram" and not (prev.kind is None and P.RAM_WORD_RE.search(gap)):
        return False
    prev.kind, prev.gb, prev.count = "ram", total, None
    st.ignored.append(f"{st.low[a:b]} (the total of the RAM before it)")
    return True


def _cards_counted_before(st: State, a: int, words: bool = False) -> bool:
    """Cards counted earlier in the amount's sentence ("4 x GTX 750ti"; with `words`, "four 3090
    GPUs" too), no machine said between."""
    start = max(st.low.rfind(c, max(0, a - 160), a) for c in (". ", "\n", "? ", "! ")) + 1
    said = st.low[max(start, a - 160) : a]
    counted = P.found(P.CARDS_COUNTED_BEFORE, said) is not None or (
        words and P.CARDS_WORD_COUNTED_BEFORE.search(said) is not None
    )
    return counted and not any(w in said.split() for w in P.LANG.node_words)


def _small_vram(low: str, rare: bool) -> list[re.Match]:
    """ "512M of VRAM": read just before the memory words of the text (found as literals, which
    costs less than reading the whole text for the pattern); "512MB dedicated in the BIOS"."""
    out: list[re.Match] = []
    for word in P.NEEDS[P.MIB_VRAM_RE]:
        i = low.find(word)
        while i >= 0:
            out.extend(P.MIB_VRAM_RE.finditer(low, max(0, i - 32), i + len(word)))
            i = low.find(word, i + 1)
    if rare:
        out.extend(P.scan(P.MIB_SET_ASIDE_RE, low))
    return out


def _mib_gb(mib: int) -> float:
    """A megabyte figure in GB. A driver prints a little less than the size a device is sold with
    (65520 MiB on a 64 GB MI250X, 524160 MiB for eight; nvidia-smi keeps up to half a percent back
    on recent cards: 32607 MiB on a 32 GB RTX 5090, 16303 on a 16 GB 5080, 81559 on an 80 GB H100,
    97887 on a 96 GB RTX PRO 6000): within 0.2% of a whole number of GB, or up to 0.6% under it,
    that number."""
    gb = mib / 1024
    whole = round(gb)
    near = abs(gb - whole) <= 0.002 * whole or 0 <= whole - gb <= 0.006 * whole
    return float(whole) if whole and near else round(gb, 2)


def _drop_wished(st: State, wished: list[Amount]) -> None:
    """An amount wished for or planned is left out when the text says another of its kind (or of
    no kind said): "stick with my 4060 16GB" beside "Intel's new rumored 24GB GPU"."""
    for w in wished:
        if any(m is not w and m not in wished and m.kind in (w.kind, None) for m in st.memories):
            st.memories.remove(w)
            st.ignored.append(f"{st.low[w.start : w.end]} (wished for or planned, not had)")


def _drop_misread(st: State, misread: list[Amount]) -> None:
    """A tool's reading of the memory ("reported as having 4GB", "llmfit detects them as 8GB",
    "identified my VRAM as 12GiB") is left out when the text says another size beside it: the
    writer says it only to say the tool is wrong ("... but my VRAM capacity is 10GiB")."""
    for w in misread:
        if any(
            m is not w and m not in misread and (w.kind is None or m.kind in (w.kind, None))
            for m in st.memories
        ):
            st.memories.remove(w)
            st.ignored.append(f"{st.low[w.start : w.end]} (a tool's reading beside the size said)")


def extract_memory(st: State) -> None:
    hits: list[tuple[int, int, float]] = []
    for m in P.MEM_RE.finditer(st.low):
        if not st.mask.free(*m.span()):
            continue
        if model_number_g(m.group()) and not P.RAM_BEFORE.search(
            st.low, max(0, m.start() - 16), m.start()
        ):
            st.apu_numbers.append(m.span())  # "3400g": an APU, no 3400 GB ("内存: 1536G" is)
        elif len(m.group(1)) == 3 and (
            k := P.THOUSANDS_BEFORE.search(st.low, max(0, m.start() - 5), m.start())
        ):
            # "1,024 GB", "1,536GB": the digits before the comma are the thousands
            hits.append((k.start(1), m.end(), float(k.group(1) + m.group(1))))
        else:
            hits.append((m.start(), m.end(), float(m.group(1).replace(",", "."))))
    for m in P.scan(P.TB_RE, st.low):
        if m.group().endswith("to") and (
            st.text[m.end() - 2 : m.end()] != "To" or P.NOT_TERA_AFTER.match(st.text, m.end())
        ):
            # French "4 To" is capitalised; "from 4 to 2 3090s" is no 4 TB, nor is a title's
            # "From 4 To 2 3090s", "Hermes 3 To Avoid" (a number or a capitalised word after it)
            continue
        if st.mask.free(*m.span()):
            hits.append((m.start(), m.end(), float(m.group(1)) * 1024))
    for m in P.scan(P.TB_BARE_RAM_RE, st.low):
        # "1T RAM": a bare "T" before a RAM word, as "G" is written for gigabytes
        if st.mask.free(*m.span()):
            hits.append((m.start(), m.end(), float(m.group(1)) * 1024))
    for m in P.scan(P.MIB_RE, st.low):
        if st.mask.free(*m.span()):
            mib = int(m.group(1).replace(",", "").replace(" ", ""))
            hits.append((m.start(), m.end(), _mib_gb(mib)))
    set_aside: set[int] = set()  # where a small VRAM figure a BIOS or a driver sets begins
    # the words of tool output and BIOS settings few texts have, looked for at once: kilobytes,
    # memory set aside for the graphics, npu-smi's HBM column
    rare = any(map(st.low.__contains__, P.RARE_MEMORY_WORDS))
    for m in P.scan(P.KIB_RE, st.low) if rare else ():
        if st.mask.free(*m.span()):
            hits.append((m.start(), m.end(), round(int(m.group(1)) / 2**20, 2)))
    for m in _small_vram(st.low, rare):
        if st.mask.free(*m.span()) and all(m.start() != h[0] for h in hits):
            hits.append((m.start(), m.end(), _mib_gb(int(m.group(1)))))
            set_aside.add(m.start())
    unitless = {}
    for m in P.scan(P.KEYED_MEM_RE, st.low):
        # "ram_gb": 16, "vram_mb": 16376: the key says the kind and the unit
        key, n = m.group(1), float(m.group(2))
        if st.mask.free(*m.span(2)):
            if key.endswith("_bytes"):
                gb = _mib_gb(int(n) // 2**20)
            else:
                gb = _mib_gb(int(n)) if key.endswith(("_mb", "_mib")) else n
            hits.append((m.start(2), m.end(2), gb))
            unitless[m.start(2)] = P.LANG.memory_keys[key]
    for m in P.scan(P.LABELLED_BYTES_RE, st.low):
        # "System RAM: 33243004928 bytes": the label says the kind
        if st.mask.free(*m.span(2)):
            hits.append((m.start(2), m.end(2), _mib_gb(int(m.group(2)) // 2**20)))
            unitless[m.start(2)] = P.LANG.memory_bytes_labels[m.group(1)]
    if any(cue in st.low for cue in P.LANG.vram_bytes_lines):
        for m in P.BYTES_RE.finditer(st.low):
            line = st.low[st.low.rfind("\n", 0, m.start()) + 1 : m.start()]
            if st.mask.free(*m.span(1)) and any(c in line for c in P.LANG.vram_bytes_lines):
                hits.append((m.start(1), m.end(1), _mib_gb(int(m.group(1)) // 2**20)))
                unitless[m.start(1)] = "vram"  # a SYCL table's "Global mem size" in bytes
        for m in P.MEGS_CELL_RE.finditer(st.low):
            line = st.low[st.low.rfind("\n", 0, m.start()) + 1 : m.start()]
            if st.mask.free(*m.span(1)) and any(c in line for c in P.LANG.vram_bytes_lines):
                hits.append((m.start(1), m.end(1), _mib_gb(int(m.group(1)))))
                unitless[m.start(1)] = "vram"  # "8096M": the same column in megabytes
    for at, end, gb in _csv_vram_cells(st):
        hits.append((at, end, gb))
        unitless[at] = "vram"  # rocm-smi --csv: the "VRAM Total Memory (B)" column's cell
    if rare and any(map(st.low.__contains__, P.LANG.mib_pair_headers)):
        at = min(i for h in P.LANG.mib_pair_headers if (i := st.low.find(h)) >= 0)
        for m in P.MIB_PAIR_END_RE.finditer(st.low, at):
            if st.mask.free(*m.span(1)):
                hits.append((m.start(1), m.end(1), _mib_gb(int(m.group(1)))))
                unitless[m.start(1)] = "vram"  # npu-smi's HBM column: the device's memory
    for m in P.scan(P.BARE_RAM_LINE_RE, st.low):
        # "Ram 16" on a line of a spec list
        if st.mask.free(*m.span(1)) and 2 <= int(m.group(1)) <= 1024:
            hits.append((m.start(1), m.end(1), float(m.group(1))))
            unitless[m.start(1)] = "ram"
    for a, b in st.ddr_at:
        # "5950x + 128 ddr4", "128 ddr5 5600 ram": a bare number before a DDR type is RAM
        m = P.BARE_BEFORE_DDR.search(st.low, max(0, a - 6), a)
        if (
            m
            and st.mask.free(*m.span(1))
            and 2 <= int(m.group(1)) <= 512
            and P.NOT_STICKS_AFTER.match(st.low, b)
        ):
            hits.append((m.start(1), m.end(1), float(m.group(1))))
            unitless[m.start(1)] = "ram"
    for m in P.scan(P.VRAM_MIB_LABELLED_RE, st.low):
        # "GPU VRAM 6144 Arch (8, 6)": the card's memory in MiB, the unit left out
        if st.mask.free(*m.span(1)):
            hits.append((m.start(1), m.end(1), _mib_gb(int(m.group(1)))))
            unitless[m.start(1)] = "vram"
    for m in P.scan(P.CARDS_BY_SIZE_RE, st.low):
        # "across 4x24": each card's memory, the unit left out (its count read as with "4x24gb")
        if st.mask.free(*m.span(2)):
            hits.append((m.start(2), m.end(2), float(m.group(2))))
            unitless[m.start(2)] = "vram"
    for m in P.scan(P.UNITLESS_MEM_RE, st.low):
        # "8 vram", "16 ram": the amount is the number, its kind the word
        if st.mask.free(*m.span(1)) and 2 <= int(m.group(1)) <= 512:
            hits.append((m.start(1), m.end(1), float(m.group(1))))
            unitless[m.start(1)] = P.LANG.unitless_memory[m.group(2)]
    # (amount, kind said before it, kind said after it) where the two disagree: "16gb vram 64gb
    # ram" (a label after each amount) or "内存64G 显存24G" (a label before each), read the way the
    # text labels its other amounts
    torn: list[tuple[Amount, str, str]] = []
    wished: list[Amount] = []  # amounts of a device wished for or planned ("if i had 48gb")
    misread: list[Amount] = []  # a tool's reading of the memory ("detects them as 8GB")
    # (a tool's reading is left out only beside another size: one amount needs no look)
    reads = (
        len(hits) > 1 and " as " in st.low and any(map(st.low.__contains__, P.TOOL_READING_NEEDS))
    )
    used_end = -1  # where the last figure of use ended
    sides = {"before": 0, "after": 0}
    carried: str | None = None  # the kind of a size replaced by the next one
    # whether the text says a memory change or a board's limit at all (most say neither)
    changed = any(w in st.low for w in P.MEM_CHANGE_NEEDS)
    limited = any(w in st.low for w in P.NEEDS[P.MEMORY_LIMIT_BEFORE])
    capped = (
        [m.span() for m in P.MEMORY_SETTING_RE.finditer(st.low)]
        if any(k in st.low for k in P.LANG.memory_setting_keys)
        else []
    )
    spread = next(filter(st.low.__contains__, P.VRAM_ACROSS_NEEDS), None)  # "48GB across two"
    free_rows = "mem:" in st.low or "swap:" in st.low  # free's table pasted
    for a, b, v in sorted(hits):
        if not 0.5 <= v <= 4096:
            continue
        st.mask.take(a, b)
        # a tool's padding between a label and its amount does not count against the window
        # (deviceQuery's "Total amount of global memory:                 12205 MBytes")
        lead = st.low[max(0, a - 40) : a]
        pad = len(lead) - len(lead.rstrip(" \t"))
        before = st.low[max(0, a - pad - 24) : a]
        after = st.low[b : b + 28]
        kind = unitless.get(a) or carried
        carried = None
        if free_rows:
            line_at = st.low.rfind("\n", 0, a) + 1
            row = P.FREE_ROW.match(st.low, line_at, a)
            if row and (row.group(1) == "swap" or row.group(2)):
                st.ignored.append(f"{st.low[a:b]} (free's swap, used or free figure)")
                continue
        if P.VRAM_ASSIGNED_AFTER.match(after) or (
            # "VRAM: 8 GB allocated (shared from 32 GB system RAM)": a VRAM line's amount set aside
            P.SET_ASIDE_AFTER.match(after) and P.VRAM_LABEL_BEFORE.search(before)
        ):
            st.memories.append(Amount(a, b, v, "vram", None, set_aside=True))
            continue
        if P.REFUSAL_NEED_BEFORE.search(st.low, max(0, a - 40), a):
            st.ignored.append(f"{st.low[a:b]} (what the model needs, in a refusal to load it)")
            continue
        if P.REFUSAL_FREE_BEFORE.search(st.low, max(0, a - 24), a):
            st.ram_free.append(v)  # the RAM the runtime found free: all it can give the model
            continue
        if changed:
            if P.MEM_PLAN_BEFORE.search(before):
                st.ignored.append(f"{st.low[a:b]} (an upgrade still to come)")
                st.ram_planned.append(Amount(a, b, v, "ram", None))
                continue
            replaced = P.MEM_UPGRADED_AFTER.match(st.low[b : b + 48])
            went = P.MEM_UPGRADE_FROM_BEFORE.search(before)
            if went and went.group().split()[0] in ("upgrade", "upgrading"):
                # "I might upgrade ram from 32gb": a change still to come, from the size had
                went = P.TO_AMOUNT_AFTER.match(st.low, b)
            if replaced or went:
                st.ignored.append(f"{st.low[a:b]} (the size before an upgrade)")
                # "64GB of RAM which I just upgraded to 128GB": the new size is of the same kind
                # ("64gb of ram and then went to 128gb then at 256gb": each the same kind)
                carried = "ram" if replaced and (replaced.group(1) or kind == "ram") else None
                continue
        if (
            (lo := P.MEM_RANGE_BEFORE.search(before))
            and float(lo.group(1)) < v
            # "I have 16-32GB of RAM", "a laptop with 24-25GB": the memory had, its upper end
            and not P.RANGE_HAD_BEFORE.search(
                st.low, max(0, a - len(before) + lo.start() - 24), a - len(before) + lo.start()
            )
            # "upgraded from 32 to 128GB": the later size, not a range
            and not (
                changed
                and P.MEM_UPGRADE_FROM_BEFORE.search(
                    st.low[max(0, a - 60) : a - len(before) + lo.start()]
                )
            )
        ):
            st.ignored.append(f"{st.low[a - len(before) + lo.start() : b]} (a range, not a size)")
            continue
        across = spread and kind in (None, "vram") and P.VRAM_ACROSS_AFTER.match(after)
        if across:
            kind = "vram"  # "64GB available through two 5090s": the cards' memory together
        elif (
            P.USAGE_AFTER.match(after)
            # "~11 GB/GPU baseline": each card's share of a run, unless a VRAM label says it
            or (
                "/" in after[:3]
                and P.PER_DEVICE_USE_AFTER.match(after)
                and not P.VRAM_BEFORE.search(before)
            )
            # "I am using 48 gb unified memory one": the machine's variant, not a figure of use
            or (
                P.USAGE_BEFORE.search(before)
                and not P.VARIANT_ONE_AFTER.match(after)
                # "you need 96gb VRAM plus around 280gb of ram": the setup prescribed
                and not (
                    P.PRESCRIBED_PAIR_AFTER.match(st.low, b, b + 48)
                    and P.PRESCRIBED_BEFORE.search(before)
                )
            )
            or P.USAGE_LABEL_BEFORE.search(st.low, max(0, a - 40), a)
            or ("%" in before and P.USAGE_SHARE_BEFORE.search(before))
            or _under_usage_heading(st, a, before)
            or (
                P.OF_TOTAL_AFTER.match(after)
                and not P.STORAGE_AFTER_SLASH.match(after)
                and not (P.SPEC_SLASH_AFTER.match(after) and P.CARD_NUMBER_BEFORE.search(before))
            )
            or P.PLACED_AFTER.match(after)
            # "using about 55 GB VRAM and then around 90 GB of DRAM": the next figure of the use
            or (used_end >= 0 and P.USAGE_CHAIN_GAP.fullmatch(st.low, used_end, a))
        ):
            used_end = b
            st.ignored.append(f"{st.low[a:b]} (a usage figure)")
            line = after.split("\n", 1)[0]
            if P.RAM_AFTER.match(line) and not P.VRAM_AFTER.match(line):
                st.usage_kinds.add("ram")
            elif P.VRAM_AFTER.match(line):
                st.vram_in_use.append(v)
            continue
        size_of = P.found(P.FILE_SIZE_BEFORE, before)
        if (size_of and (size_of.group("paren") or not P.MEMORY_SAID_AFTER.match(after))) or (
            "(" in before and P.found(P.FILE_NAMED_PAREN_BEFORE, st.low[max(0, a - 64) : a])
        ):
            st.ignored.append(f"{st.low[a:b]} (a file's size)")
            continue
        if (
            # a storage word on the next line labels something else ("Ram 16\nSsd 1tb")
            P.NOT_MEMORY_AFTER.match(after.split("\n", 1)[0])
            or P.found(P.NOT_MEMORY_BEFORE, before)
            or P.found(P.NOT_MEMORY_BEFORE_LINKED, before)
        ):
            st.ignored.append(f"{st.low[a:b]} (storage or a bandwidth)")
            continue
        if limited and P.MEMORY_LIMIT_BEFORE.search(before):
            st.ignored.append(f"{st.low[a:b]} (a limit, not the memory had)")
            continue
        if any(x <= a and b <= y for x, y in capped):
            st.ignored.append(f"{st.low[a:b]} (a memory cap set, not the card's memory)")
            continue
        said_after = said_before = None
        cm = P.MEM_COUNT_BEFORE.search(before)  # a count before it ("2x 24GB"), read once
        if kind is None and P.EACH_CARD_HAS_BEFORE.search(before):
            kind = "vram"  # "each GPU card has 12GB of memory": each card's own
        if kind is None:
            line = after.split("\n", 1)[0]  # a word on the next line labels something else
            if P.VRAM_AFTER.match(line):
                said_after = "vram"  # before "unified": "16g of shared gpu memory" is the GPU's
            elif P.UNIFIED_AFTER.match(line):
                said_after = "unified"
            elif P.RAM_AFTER.match(line):
                said_after = "ram"
                if P.RAM_EACH_AFTER.match(line) and _cards_counted_before(st, a):
                    said_after = "vram"  # "4 x GTX 750ti ... with 8 GB RAM each"
            if (
                P.VRAM_BEFORE.search(before)
                or P.VRAM_LINE_LABEL_BEFORE.search(before)
                # ("Radeon 4Gb"; not an iGPU's name, "Radeon 860M")
                or (
                    "g" in st.low[a:b]
                    and before.rstrip(" \t:=\n").endswith(P.VRAM_BRAND_ENDS)
                    and P.VRAM_BRAND_BEFORE.search(before)
                )
            ):
                said_before = "vram"
            elif P.RAM_BEFORE.search(before) or P.RAM_LINE_LABEL_BEFORE.search(before):
                said_before = "ram"
            if said_before is None and said_after is None and cm is not None:
                # "RAM: 16 × 64GB", "VRAM: 2x 24GB": the label before the count
                head = before[: cm.start()]
                if P.VRAM_BEFORE.search(head):
                    said_before = "vram"
                elif P.RAM_BEFORE.search(head):
                    said_before = "ram"
            if (
                said_before == "ram"
                and said_after is None
                and P.EACH_GAP_AFTER.match(line)
                and _cards_counted_before(st, a, words=True)
            ):
                said_before = "vram"  # "four 3090 GPUs (with a memory of 24GB each * 4)"
            kind = said_after or said_before
            if bool(said_after) != bool(said_before):
                sides["after" if said_after else "before"] += 1
            if kind is None:
                kind = _log_line_kind(st.low[st.low.rfind("\n", 0, a) + 1 : a])
        count = nodes = None
        if cm:
            raw = cm.group(1) or cm.group(2) or cm.group(3) or cm.group(4) or cm.group(5)
            count = int(raw) if raw.isdigit() else P.LANG.number_words.get(raw)
            if cm.group(5) and not P.COUNTED_CARDS_AFTER.match(after):
                count = None  # "version 2 16GB": a bare number before an amount counts only cards
            # up to 16 cards, or up to 48 memory sticks ("24*48g ddr5")
            if count and not 1 <= count <= (48 if kind == "ram" else 16):
                count = None
            if count and "stick" in cm.group(0):
                v, count = v * count, None
                kind = kind or "ram"
            elif count and kind == "ram":
                v, count = v * count, None
            elif (
                count
                and cm.group(1)
                and (
                    per := P.MEM_NODES_BEFORE.search(
                        st.low, max(0, a - 40), a - len(before) + cm.start()
                    )
                )
            ):
                nodes = int(per.group(1))  # "2*8*80G": two machines of eight 80 GB cards
        elif cm := P.MEM_COUNT_AFTER.match(after) or P.STICKS_COUNT_AFTER.match(after):
            n = int(next(g for g in cm.groups() if g))
            if cm.re is P.STICKS_COUNT_AFTER:
                kind = "ram"
            if kind == "ram":
                v *= n  # "32gb * 2", "64g*8"
            elif 1 <= n <= 16:
                count = n  # "rtx 5060ti 16gb x 2": two cards of that memory
        if total_of := P.TOTAL_OF_BEFORE.search(st.low, max(0, a - 60), a):
            # "12gb ram as well, out of my 32gb": the amount before is the part in use, and its
            # memory word says what this is the whole of
            if st.memories and a - st.memories[-1].end <= 40:
                part = st.memories.pop()
                st.ignored.append(f"{st.low[part.start : part.end]} (a usage figure)")
                kind = kind or part.kind
            if kind is None and (
                said := P.MEMORY_WORD.findall(st.low, max(0, a - 60), total_of.start())
            ):
                kind = "vram" if said[-1] in P.LANG.vram_words else "ram"
        if kind is None and count is None and _total_of_before(st, a, b, v):
            continue  # "2 x 16 GB - DDR4 ... Total 32GB": the amount before, in all
        if _breakdown(st, a, v * (count or 1)):
            prev = st.memories[-1]
            if not (count and count >= 2 and prev.kind == "vram" and kind != "ram"):
                # "128gb ddr5 (4x32gb)", "448gb=64gb x 7": the sticks or cards of the amount
                # just said, which stays the size
                st.ignored.append(f"{st.low[a:b]} (a breakdown of the amount before it)")
                continue
            # "96GB total VRAM (6x 16GB)": the cards of the video memory said in all, each with
            # its memory, is how many cards and the memory of one (the total stays said)
            st.memories.pop()
            st.ignored.append(f"{st.low[prev.start : prev.end]} (the cards' memory in all)")
            kind = "vram"
        amount = Amount(a, b, v, kind, count, set_aside=a in set_aside)
        amount.model_size = (kind is None and P.MODEL_AFTER.match(st.low, b) is not None) or (
            P.MEMORY_MODEL_AFTER.match(st.low, b) is not None
        )
        if P.HYPOTHETICAL_BEFORE.search(st.low, max(0, a - 60), a):
            wished.append(amount)  # "intel's new rumored 24GB GPU", "about to buy two 32GB cards"
        elif reads and P.TOOL_READING_BEFORE.search(st.low, max(0, a - 48), a):
            misread.append(amount)
        if nodes and count and 2 <= nodes <= 16:
            amount.count, amount.nodes = nodes * count, nodes
        st.memories.append(amount)
        if said_after and said_before and said_after != said_before:
            torn.append((amount, said_before, said_after))
    for amount, said_before, said_after in torn:
        amount.kind = said_before if sides["before"] > sides["after"] else said_after
    if wished:
        _drop_wished(st, wished)
    if misread:
        _drop_misread(st, misread)
    if any(m.kind == "vram" for m in st.memories):
        # "my 16GB memory laptop ... 512M of VRAM": beside an amount said to be VRAM, "memory" is
        # the system's
        for m in st.memories:
            if m.kind is None and P.MEMORY_AFTER.match(st.low, m.end):
                m.kind = "ram"
