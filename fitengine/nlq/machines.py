"""A computer named by its product line ("can my ThinkPad T14 Gen 1 AMD run ...", "a Legion 5").

The catalog knows chips, not machines, and one line ships with many chips over its years. Such a
name with no processor or graphics card said anywhere is the person's hardware, unknown: the answer
asks for the chip inside rather than reading the name's numbers as a model ("T14" as a 14B) or
answering for hardware the person does not have. A machine the catalog names ("Framework Desktop",
"Dell OptiPlex 780") is matched as that entry first, and then this pass has nothing to do.
"""

from __future__ import annotations

from . import patterns as P
from .query import Unsure
from .state import Mention, State

MAX_MODEL_WORDS = 6  # "ThinkPad X1 Carbon Gen 9 Intel": the longest model names people write


def machine_mentions(st: State, mentions: list[Mention]) -> None:
    """The first product-line machine said as the person's own (a model word after the line, or
    "my ThinkPad"), when no device is named: unknown hardware, and no model is read inside it."""
    named = [m for m in mentions if m.kind == "hardware" and m.eid]  # (one pass for both tests)
    if named and _model_code_cards(st, mentions, named):
        named = [m for m in mentions if m.kind == "hardware" and m.eid]
    if st.unknown_hw or named:
        return
    if any(P.CPU_MODEL_NUMBER.search(text) for _a, _b, text in st.cpus):
        return  # "IdeaPad 3 ... an Intel Core i3-N305": the chip inside is said
    for m in P.scan(P.MACHINE_LINE_RE, st.low):
        a, b = m.span()
        said_model = False
        for _ in range(MAX_MODEL_WORDS):
            w = P.MACHINE_WORD_AFTER.match(st.low, b)
            if w is None:
                break
            said_model = said_model or any(c.isdigit() for c in w.group())
            b = w.end()
        if not said_model and not P.MACHINE_OWNER_BEFORE.search(st.low, max(0, a - 24), a):
            # "thinkpad" alone, not said as one's own: a word in passing
            continue
        if maker := P.MACHINE_MAKER_BEFORE.search(st.low, max(0, a - 12), a):
            a = maker.start()
        text = " ".join(st.text[a:b].split())
        # and what they were unsure of ("dell": an OptiPlex or a DGX Spark?)
        # (or a model name running past it: "ThinkPad T14 Gen 1 AMD with" read by its "T14")
        inside = [
            u
            for u in st.unsure
            if u.text.lower() in st.low[a:b]
            or (u.kind == "model" and _overlaps(st.low, u.text.lower(), a, b))
        ]
        if any(u.kind == "hardware" and u not in inside for u in st.unsure):
            return  # a device said elsewhere, if unsure ("a quad-core Intel processor")
        # what the name's words were taken for: a model family or size asked about ("T14")
        mentions[:] = [x for x in mentions if not (x.kind == "model" and a <= x.start < b)]
        st.unsure[:] = [u for u in st.unsure if u not in inside]
        st.family_only[:] = [f for f in st.family_only if f[0] not in inside]
        st.unsure.append(Unsure(kind="hardware", text=text, reason="machine"))
        st.unknown_hw.append((a, b))
        return


def _overlaps(low: str, text: str, a: int, b: int) -> bool:
    at = low.find(text, max(0, a - len(text)))
    return at >= 0 and at < b and at + len(text) > a


def _model_code_cards(st: State, mentions: list[Mention], named: list[Mention]) -> bool:
    """ "Minisforum MS-A2": a card's name inside a machine's model code, joined to the code's
    letters by a dash or glued to them, is the machine's model, not a card (NVIDIA's A2). A card
    said as a word of its own after the line ("Legion 7i 4080") stays the card. `named`: the
    mentions of catalogued hardware. True when a mention was taken out."""
    low = st.low
    for m in named:
        if m.start and (low[m.start - 1] == "-" or low[m.start - 1].isalnum()):
            break
    else:
        return False  # no card's name glued to a code before it: the common case, no scan
    removed = False
    for line in P.scan(P.MACHINE_LINE_RE, low):
        b = line.end()
        for _ in range(MAX_MODEL_WORDS):
            w = P.MACHINE_WORD_AFTER.match(st.low, b)
            if w is None:
                break
            b = w.end()
        inside = [
            m
            for m in mentions
            if m.kind == "hardware"
            and line.end() < m.start
            and m.end <= b
            and (st.low[m.start - 1].isalnum() or st.low[m.start - 1] == "-")
        ]
        for m in inside:
            mentions.remove(m)
            st.ignored.append(f"{st.text[m.start : m.end]} (the machine's model code)")
            removed = True
    return removed
