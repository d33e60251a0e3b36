"""The span patterns: regular expressions for what is not a model or a device name (CPUs, versions,
units, context sizes, quants, memory amounts) and for the cue words around names, built from
catalog/language.yaml.

Every pattern here runs on user text, so each is linear-time or runs on a bounded window: no
quantified group holds another quantifier unless the pattern only ever sees a few dozen characters
(the *_BEFORE / *_AFTER patterns, applied to the text next to a match). Patterns a long message
would otherwise run at every position are `led` (tried only where a match can start) or `scan`ned
(skipped when the text lacks every literal a match needs).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from re import _compiler as _sre_compiler
from re import _constants as _sre
from re import _parser as _sre_parse

from ..language import default_language
from ..units import GB_UNITS, KIB_UNITS, MIB_UNITS, TB_UNITS

LANG = default_language()

# between the words of a phrase: spaces, hyphens, dots, underscores or nothing
_SEP = r"[\s\-._]*"


# --------------------------------------------------------------------------- phrases to patterns


def _unspaced(phrase: str) -> bool:
    """Written in a script without spaces between words (Chinese, Japanese): no word edges."""
    return any(ord(c) >= 0x2E80 for c in phrase)


def _word(w: str) -> str:
    return re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w)


def alternation(phrases: Iterable[str]) -> str:
    """One pattern for the phrases, factored as a tree of words (a shared first word is tried
    once) with the longest word first at every branch, so a match is the longest phrase."""
    return _branches(_tree(phrases))


def _tree(phrases: Iterable[str]) -> dict:
    tree: dict = {}
    for p in phrases:
        node = tree
        for w in p.split():
            node = node.setdefault(w, {})
        node[None] = {}
    return tree


def _branches(node: dict, edge: str = "", end: str = "") -> str:
    # the words by their first character, each group in the order above: re tries a group only
    # where its character is, and in it the same words in the same order
    by_first: dict[str, list[str]] = {}
    for w in sorted((k for k in node if k is not None), key=lambda k: (-len(k), k)):
        child = node[w]
        rx = _word(w)
        if any(k is not None for k in child):
            rx += f"(?:{_SEP}{_branches(child)})" + ("?" if None in child else "")
        first = re.escape(w[0])
        by_first.setdefault(first, []).append(rx[len(first) :])
    return _grouped(by_first, edge, end)


def _grouped(by_first: dict[str, list[str]], edge: str = "", end: str = "") -> str:
    """(?:a(?:rest|rest)|b...): each first character's alternatives after it, in their order.
    `edge`: what may not stand before the first character, tested once it is read (a class);
    `end`: a test after each group."""
    out = [
        first
        + (f"(?<!{edge}{first})" if edge else "")
        + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
        + end
        for first, rests in by_first.items()
    ]
    return "(?:" + "|".join(out) + ")"


def words(phrases: Iterable[str], *, start: bool = True, end: bool = True) -> str:
    """The phrases as a pattern; `start` / `end`: whole words at that edge (only where the phrase
    has a letter or digit there, and never in a script without spaces)."""
    bounded: list[str] = []
    free: list[str] = []
    for p in phrases:
        edges = p[0].isalnum() and p.rstrip("*")[-1].isalnum()
        (bounded if edges and not _unspaced(p) else free).append(p)
    parts = []
    if bounded:
        # the word edge before a phrase is one \b in front of the groups (a bounded phrase starts
        # with a word character, so \b there says no word character is before it): re tests it
        # in place, where a lookbehind is a match of its own, tried at every place a group's
        # first character is; the one after a phrase ends each group. Every group starts with a
        # character, so `skipping` reads the set a search skips to from the pattern (patterns
        # below are compiled with it, and so must be one built elsewhere)
        inner = _branches(_tree(bounded), "", "(?![\\w])" if end else "")[3:-1]
        parts.append(f"\\b(?:{inner})" if start else inner)
    if free:
        parts.append(alternation(free)[3:-1])
    return "(?:" + "|".join(parts) + ")"


def literals(items: Iterable[str]) -> str:
    """Strings matched as written, the longest first (grouped by their first character)."""
    by_first: dict[str, list[str]] = {}
    for s in sorted(items, key=lambda s: (-len(s), s)):
        by_first.setdefault(re.escape(s[0]), []).append(re.escape(s[1:]))
    return _grouped(by_first)


def needs_of(phrases: Iterable[str]) -> tuple[str, ...]:
    """Few literals one of which every match of the phrases contains (for `scan`): the words of
    three letters or more that cover the most phrases, each phrase's longest word otherwise."""
    pending = [[w.rstrip("*") for w in p.split()] for p in phrases]
    chosen: list[str] = []
    while pending:
        pool = {w for ws in pending for w in ws if len(w) >= 3}
        if not pool:
            pool = {max(ws, key=len) for ws in pending}

        best = max(sorted(pool), key=lambda lit: (_covered(lit, pending), len(lit)))
        chosen.append(best)
        pending = [ws for ws in pending if not any(best in w for w in ws)]
    return tuple(chosen)


def minimal(items: Iterable[str]) -> tuple[str, ...]:
    """The strings none of the others is part of: one of them is in any text that holds one of
    the items."""
    items = sorted(set(items), key=len)
    out: list[str] = []
    for s in items:
        if not any(o in s for o in out):
            out.append(s)
    return tuple(out)


def pairs_of(phrases: Iterable[str]) -> dict[str, tuple[str, ...] | None]:
    """needs_of's literals, each with second literals one of which every phrase it stands for
    also holds (the phrase's longest other word; None: a phrase of that literal alone). A match
    holds every word of its phrase, so a text with no literal and one of its seconds has none."""
    pending = [[w.rstrip("*") for w in p.split()] for p in phrases]
    out: dict[str, list[str] | None] = {}
    for lit in needs_of(phrases):
        rest = []
        for ws in pending:
            at = next((i for i, w in enumerate(ws) if lit in w), None)
            if at is None:
                rest.append(ws)
                continue
            other = max((w for i, w in enumerate(ws) if i != at), key=len, default="")
            seconds = out.setdefault(lit, [])
            if len(other) < 2 or seconds is None:
                out[lit] = None
            else:
                seconds.append(other)
        pending = rest
    return {k: None if v is None else minimal(v) for k, v in out.items()}


def _covered(lit: str, phrases: list[list[str]]) -> int:
    return sum(any(lit in w for w in ws) for ws in phrases)


def led(first: str, rx: re.Pattern) -> re.Pattern:
    """rx, tried only where a match can start (`first`: a class of the first characters of every
    alternative). The same matches; re otherwise runs each alternative at every position. The
    class read from the pattern (first_chars) when it can be: then no lookahead is tried at each
    of those places."""
    if first_chars(rx) is not None:
        return skipping(rx)
    return _skipping(re.compile(f"(?={first})(?:{rx.pattern})", rx.flags), first)


def lead(rx: re.Pattern) -> re.Pattern:
    """rx, searched only where a match can start, the class of first characters read from the
    pattern itself (first_chars), so it follows the word lists of language.yaml: `skipping`."""
    return skipping(rx)


def skipping(rx: re.Pattern) -> re.Pattern:
    """rx, compiled so that re's search skips to the characters a match can start with
    (first_chars) when re does not already: the same program, so every match is the same."""
    if starts_by_set(rx):
        return rx
    first = first_chars(rx)
    return rx if first is None else _skipping(rx, first)


def _skipping(rx: re.Pattern, first: str) -> re.Pattern:
    """rx's own program with `first` as the set of characters re's search skips to. re sets one
    only for a pattern that starts with a class or a literal; one that starts with a lookbehind
    (a word's edge) or a lookahead is entered at every place of the text, some ten times the
    cost of testing the character against a set. The set only says where no match can start
    (`match` and `fullmatch` do not read it), so the matches are rx's. rx itself when a match
    can be empty, its case is folded, or this Python's re does not compile that way."""
    try:
        p = _sre_parse.parse(rx.pattern, rx.flags)
        flags = rx.flags | p.state.flags
        code = _sre_compiler._code(p, flags)
        cls = _sre_parse.parse(first, flags).data
        if code[0] != _sre.INFO or code[2] != 0 or code[3] == 0 or rx.flags & re.IGNORECASE:
            return rx
        if len(cls) != 1 or cls[0][0] not in (_sre.IN, _sre.LITERAL):
            return rx
        items = cls[0][1] if cls[0][0] is _sre.IN else cls  # "[o]" is read as the letter
        charset, cased = _sre_compiler._optimize_charset(_digits_spelled(items))
        if cased:
            return rx
        # the info block _compiler._compile_info writes for a pattern that starts with a class
        info = [_sre.INFO, 0, _sre.SRE_INFO_CHARSET, code[3], code[4]]
        _sre_compiler._compile_charset(charset, flags, info)
        info[1] = len(info) - 1
        body = code[code[1] + 1 :]
        return _sre_compiler._sre.compile(
            rx.pattern, rx.flags, info + body, rx.groups, dict(rx.groupindex), _indexgroup(rx)
        )
    except Exception:  # another Python's internals: rx as re compiles it
        return rx


def _digits_spelled(items: list) -> list:
    """The items of a class with \\d as the characters it stands for: re tests a category by a
    call into the Unicode tables at each character, a set by one lookup. The characters past
    the first 65,536 are all kept (a superset: the set only says where no match can start)."""
    out = []
    for op, av in items:
        if op is _sre.CATEGORY and av is _sre.CATEGORY_DIGIT:
            out += _decimals()
        else:
            out.append((op, av))
    return out


@lru_cache(maxsize=1)
def _decimals() -> list:
    bmp = "".join(map(chr, range(0x80, 0x10000)))
    return [
        (_sre.RANGE, (ord("0"), ord("9"))),
        *((_sre.LITERAL, ord(c)) for c in re.findall(r"\d", bmp)),
        (_sre.RANGE, (0x10000, 0x10FFFF)),
    ]


def _indexgroup(rx: re.Pattern) -> tuple[str | None, ...]:
    names: list[str | None] = [None] * (rx.groups + 1)
    for name, i in rx.groupindex.items():
        names[i] = name
    return tuple(names)


def starts_by_set(rx: re.Pattern) -> bool:
    """Whether re's search skips to the places where a match's first character or literal start
    is (the pattern begins with a character, a class, or branches that each begin with one:
    what `words` builds), rather than trying the pattern at every place."""
    code = _sre_compiler._code(_sre_parse.parse(rx.pattern, rx.flags), rx.flags)
    return code[0] == _sre.INFO and bool(code[2] & (_sre.SRE_INFO_PREFIX | _sre.SRE_INFO_CHARSET))


def guarded(alternatives: Iterable[str]) -> str:
    """The alternatives as one group, each tried only where its own first character is
    (first_chars): at a word's start re otherwise enters every alternative in turn. Alternatives
    whose first characters overlap are kept together, in their order, behind one test of all
    their first characters (each still behind its own inside): a place that starts none of them
    pays one test per group, not one per alternative, and no alternative that can start there
    is passed over or tried out of its turn."""
    alts = list(alternatives)
    firsts = [first_chars(re.compile(a)) for a in alts]
    one = [a if f is None else f"(?={f})(?:{a})" for a, f in zip(alts, firsts, strict=True)]
    if any(f is None for f in firsts):
        return "(?:" + "|".join(one) + ")"
    # the characters each can start with, tested over Latin and the classes' own characters
    # (a category such as \d overlaps another's only where both hold an ASCII character)
    universe = {chr(i) for i in range(0x250)} | {c for f in firsts for c in f}
    starts = [set(filter(re.compile(f).fullmatch, universe)) for f in firsts]
    group = list(range(len(alts)))  # union-find over overlapping first characters

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i in range(len(alts)):
        for j in range(i):
            if starts[i] & starts[j]:
                group[root(i)] = root(j)
    members: dict[int, list[int]] = {}
    for i in range(len(alts)):
        members.setdefault(root(i), []).append(i)
    out = []
    for idxs in members.values():
        if len(idxs) == 1:
            out.append(one[idxs[0]])
            continue
        cls = "[" + "".join(dict.fromkeys(firsts[i][1:-1] for i in idxs)) + "]"
        out.append(f"(?={cls})(?:" + "|".join(one[i] for i in idxs) + ")")
    return "(?:" + "|".join(out) + ")"


class _Unread(Exception):
    pass


def first_chars(rx: re.Pattern) -> str | None:
    """A character class holding the first character of every match of rx, or None when a
    match can be empty or its start is not read here (".", a negated class, a backreference,
    IGNORECASE)."""
    if rx.flags & re.IGNORECASE:
        return None
    try:
        items, nullable = _first_items(_sre_parse.parse(rx.pattern, rx.flags))
    except _Unread:
        return None
    return None if nullable or not items else "[" + "".join(dict.fromkeys(items)) + "]"


_CATEGORIES = {
    _sre.CATEGORY_DIGIT: r"\d",
    _sre.CATEGORY_NOT_DIGIT: r"\D",
    _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_NOT_SPACE: r"\S",
    _sre.CATEGORY_WORD: r"\w",
    _sre.CATEGORY_NOT_WORD: r"\W",
}
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)}


def _class_item(op, av) -> str:
    if op is _sre.LITERAL:
        return re.escape(chr(av))
    if op is _sre.RANGE:
        return re.escape(chr(av[0])) + "-" + re.escape(chr(av[1]))
    if op is _sre.CATEGORY and av in _CATEGORIES:
        return _CATEGORIES[av]
    raise _Unread(op)


def _first_items(seq) -> tuple[list[str], bool]:
    """(class items of the first characters, whether the sequence can match nothing)."""
    items: list[str] = []
    for op, av in seq:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero width: the next item holds the first character
        if op is _sre.LITERAL:
            return [*items, _class_item(op, av)], False
        if op is _sre.IN:
            if any(o is _sre.NEGATE for o, _ in av):
                raise _Unread(op)
            return items + [_class_item(o, a) for o, a in av], False
        if op is _sre.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                raise _Unread(op)
            sub, nullable = _first_items(av[3])
        elif op is _sre.BRANCH:
            nullable = False
            sub = []
            for branch in av[1]:
                b_items, b_nullable = _first_items(branch)
                sub += b_items
                nullable = nullable or b_nullable
        elif op in _REPEATS:
            sub, nullable = _first_items(av[2])
            nullable = nullable or av[0] == 0
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            sub, nullable = _first_items(av)
        else:
            raise _Unread(op)
        items += sub
        if not nullable:
            return items, False
    return items, True


# --------------------------------------------------------------------------- counts

NUMWORD_ALT = "|".join(sorted((re.escape(w) for w in LANG.number_words), key=len, reverse=True))
# a number word at a word's start; one of a script without spaces ("用两台", "在双") has no edge
_NUMWORD = (
    r"(?:(?<![\w])(?:"
    + "|".join(
        sorted((re.escape(w) for w in LANG.number_words if not _unspaced(w)), key=len, reverse=True)
    )
    + r")|(?:"
    + "|".join(
        sorted((re.escape(w) for w in LANG.number_words if _unspaced(w)), key=len, reverse=True)
    )
    + "))"
)
_LEAD = (
    "(?:"
    + literals(LANG.count_lead_words | LANG.board_partner_words | LANG.count_joiners)
    + r"[ \t(:-]*)*"
)
# "2x", "(3) ", "2 ", "dual ", "x2 " before a device, then brand words ("2x nvidia rtx 3090", "(3)
# Nvidia RTX-3090", a list's count in parentheses, "4x (GTX 1060)"); a 28-character window
COUNT_BEFORE = re.compile(
    r"(?:(?<![\w.])(\d{1,3})(?:\s*(?:x|×|\*)|(?:(?<=\(\d)|(?<=\(\d\d))\))\s*|(?<![\w.])(\d{1,3})(?:[ \t]+|-(?=gpu|card))|("
    + _NUMWORD
    + r")[\s-]*(?:x\s*)?|(?<![\w.])[x×](\d{1,2})[ \t]+)"
    + _LEAD
    # the device's name in parentheses ("4x (GTX 1060)", "dual (RTX 3090)")
    + r"(?:\([ \t]*)?$"
)
# a product line right before a bare number: the number names the product ("framework 13 amd"), it
# counts nothing (on the 24 characters before the number); so does one with a model word between
# ("Legion Ultra 7 NVIDIA 5090", "ThinkPad P1 Gen 6 RTX 4090": language.yaml machine_words, or a
# model code with its letters, "p1", "t14")
NUMBERED_LINE_BEFORE = re.compile(
    words(LANG.numbered_lines)
    + r"(?:[ \t]+(?:"
    + words(LANG.machine_words)
    + r"|[a-z]{1,3}\d{1,4}[a-z]{0,3}(?![\w.]))){0,4}[ \t]*$"
)
# one more of a card ("add a second 3060", "another 4090"): the count in all
ADDED_CARD_BEFORE = re.compile(
    r"(?<![\w])(?:("
    + "|".join(re.escape(w) for w in LANG.added_card_words)
    + r")|"
    + literals(LANG.added_card_ordinal_leads)
    + r"[ \t]+(\d{1,2})(?:st|nd|rd|th))[ \t]+"
    + _LEAD
    + r"$"
)
# planned or weighed before one more of a card ("thinking about adding a second 3090"): not had
ADDED_CARD_PLANNED_BEFORE = re.compile(
    words(LANG.added_card_planned_before) + r"[^.?!\n]{0,60}$"
    if LANG.added_card_planned_before
    else r"(?!)"
)
# "I'm about to buy two 32GB cards": a planning word, then a verb of getting, right before a count of
# cards (language.yaml purchase_verbs)
PURCHASE_PLANNED_BEFORE = re.compile(
    words(LANG.added_card_planned_before)
    + r"[^.?!\n]{0,30}?"
    + words(LANG.purchase_verbs)
    + r"[^.?!\n]{0,16}$"
    if LANG.added_card_planned_before and LANG.purchase_verbs
    else r"(?!)"
)
# between a card said as one more and the card of the machine it joins: "a second 3090 to my 4090"
ADDED_TO_GAP = re.compile(r"\s+(?:to|in|into|with|alongside|next\s+to)\s+(?:my|our|the)\s+")
COUNT_AFTER = re.compile(
    r"^(?:s\b|'s\b)?\s*(?:(?:gpus?|cards?)\s*)?(?:(?:x|×|\*)\s*(\d{1,2})(?![\w]|\.\d)|\(\s*x\s*(\d{1,2})\s*\)"
    r"|\(\s*(\d{1,2})\s*[x×](?![\w]))"
    r"|^(?:s|'s)\s*\(\s*(\d{1,2})\s*\)"  # "3090s (4)"
)
# a count said by a noun right after the name ("our GX10 pair", "a 3090 trio"): language.yaml
# count_after_words
COUNT_WORD_AFTER = re.compile(r"^[ \t]*(" + words(LANG.count_after_words) + r")(?![\w-])")
# the same after a name that took its plural ("2080 Tis (4)": "tis" is a word of the name), in
# COUNT_AFTER's group 4
PLURAL_COUNT_PAREN = re.compile(r"^()?()?()?[ \t]*\([ \t]*(\d{1,2})[ \t]*\)")
# the end of parentheses the card's name was opened in, its memory perhaps before ("(RTX 3090) x2",
# "(RTX 5060ti 16gb) x 2"): a count after them is the card's
PAREN_CLOSE_AFTER = re.compile(r"[ \t]*(?:\d{1,3}(?:\.\d+)?[ \t]*g(?:i?b)?[ \t]*)?\)")
# a second factor right after a count after the card ("H100x8*2"): machines of that many cards
TIMES_AFTER = re.compile(r"[ \t]*[x×*][ \t]*(\d{1,2})(?![\w.])")
# a count in Chinese, Japanese or Korean after the card, with its measure word ("4090两张", "3090
# 2块", "RTX 3090を2枚", "3090 2장"): of that card (language.yaml card_measure_words)
COUNT_AFTER_CJK = re.compile(
    r"^[ \t]*(?:"
    + literals(LANG.card_measure_particles or ["\0"])
    + r"[ \t]*)?(?:(\d{1,2})[ \t]*"
    + literals(LANG.card_measure_words)
    + "|("
    + "|".join(re.escape(w) for w in LANG.number_words if w[-1:] in ("张", "块"))
    + "))"
)
# right after a number: a measure word of cards, so the number counts them ("2枚", "4张", "2 개")
MEASURE_AFTER = re.compile(r"[ \t]?" + literals(LANG.card_measure_words))
# the count after a card's edition words or its memory in parentheses ("RTX 3090 FTW3 Ultra x2",
# "3090 FE x 2", "RTX 3090 Ti (24GB) x 2"; on the 48 characters after the name)
# ("3060*12g*2": its memory times its count)
COUNT_AFTER_EDITION = re.compile(
    r"^(?:[ \t]*(?:\([ \t]*\d{1,3}(?:\.\d+)?[ \t]*g(?:i?b)?[ \t]*\)|[x×*][ \t]*\d{1,3}[ \t]*g(?:i?b)?(?!\w)|"
    # its memory bare ("RTX 3060 12GB x2", "A100 80GB SXM *2")
    r"\d{1,3}[ \t]*g(?:i?b)?(?!\w)|sxm\d?|pcie|"
    + words(LANG.card_edition_words)
    + r"))+[ \t]*[x×*][ \t]*(\d{1,2})(?![\w.])"
)
# a parallelism flag that sets the number of GPUs ("--tensor-parallel-size 2", "-tp 4"), or the same
# setting as a config file or a log prints it ("tensor_parallel_size: 4", "\"tensor_parallel_size\": 8")
COUNT_FLAG_RE = re.compile(
    r"(?<![\w-])" + literals(LANG.count_flags) + r"(?:[\"']?\s*[=:]\s*|\s+|)(\d{1,2})(?![\w.])"
)
# a split of a model over the GPUs, one share per device ("-ts 1,0,0,0", "tensor_split=[0.1, 0.3, 0.3,
# 0.3]", "auto_map=[17.5, 22]"): the shares are the GPUs (group 1: the list)
SPLIT_FLAG_RE = re.compile(
    r"(?<![\w-])"
    + literals(LANG.split_flags)
    + r"(?:\s*[=:]\s*|\s+)[\[(\"']{0,2}\s*(?:(\d{1,3}\.?\d{0,4}(?:,[ \t]?\d{1,3}\.?\d{0,4}){1,15})(?![\d.])"
    # ollama's log: layers.split="[6 5 9]", the shares in brackets apart by spaces
    + r"|(?<=\[)(\d{1,3}(?: (?:\d\d\d|\d\d|\d)){1,15}) ?\])"
)
# a count glued to a device named by letters and a number ("2H100", "8A100"): of that device
GLUED_COUNT_BEFORE = re.compile(r"(?<![\w.])(\d{1,2})$")
# sequences served at once: "4 parallel requests", "3 users at once", "--parallel 4", "a context
# size of 4096 with 4 sequences" (node-llama-cpp's error: a window for each)
PARALLEL_RE = re.compile(
    r"(?<![\w.])(\d{1,3})[ \t]+"
    + words(LANG.parallel_words)
    + r"[ \t]+"
    + words(LANG.parallel_things)
    + r"|(?<![\w.])(\d{1,3})[ \t]+"
    + words(LANG.parallel_things)
    + r"[ \t]+"
    + words(LANG.parallel_after)
    + r"|(?<=\d)[ \t]+with[ \t]+(\d{1,3})[ \t]+"
    + words(LANG.parallel_things)
    + r"|(?<![\w-])"
    + literals(LANG.parallel_flags)
    + r"[ \t]*[=\s][ \t]*(\d{1,3})(?!\w|\.\d)"
    + r"|(?<![\w.])(\d{1,3})[ \t-]"
    + words(LANG.team_members)
    + r"[ \t-]"
    + words(LANG.team_words)
    + r"|"
    + words(LANG.team_words)
    + r"[ \t]of[ \t](\d{1,3})(?![\w.])"
)
# machines said before a count of cards ("2 nodes of 8x", "两台 8 卡", "2 8x" with a machine word
# after the cards, "2 nodes, each with 8 H100s"; on the 40 characters before the count). Not "4 nodes
# with 14 H100s": a total.
_NODE = words(LANG.node_words)
NODE_COUNT_BEFORE = re.compile(
    r"(?:(?<![\w.])(\d{1,2})|(" + _NUMWORD + r"))[ \t]*(?:[x×*][ \t]*)?"
    # ("4 gpu servers A,B,C,D, each has 4 A800s": the machines' letters between)
    r"(?:(?:gpu[ \t]+)?(" + _NODE + r")(?:[ \t]+[a-z](?:,[a-z]){1,7})?"
    r"[ \t]*(?:of|,?[ \t]*each[ \t]+(?:with|has|having)|[:,x×*])?[ \t]*)?$"
)
# the cards in all, said after the device in its clause ("2 × H200 (8 GPUs / node, 16 total)",
# "2x 8x A100 nodes, 16 GPUs in total"): the total wins over a count of machines
TOTAL_AFTER = re.compile(
    r"[^\n)]{0,40}?(?<![\w.])(\d{1,2})[ \t]+(?:(?:gpus?|cards?)[ \t]+)?(?:in[ \t]+)?total\b"
)
# a count, then each card's memory, then the cards in the plural ("8 141G H20s", "2 24GB 3090s"): the
# count is of the cards (a count written as a word, "four 16GB P100s", is read with the memory).
# Group 1 the count, 2 a times sign ("8X 80GB VRAM A100"), 3 a count word ("one 16 GB VRAM T4
# GPU", with a card word after), 4 a measure word ("2张 24G 3090").
COUNT_MEMORY_BEFORE = re.compile(
    r"(?:(?<![\w.])(\d{1,2})(?:[ \t]*([x×]))?|("
    + _NUMWORD
    + r"))(?:[ \t]+|[ \t]*([个张块])[ \t]*)\d{1,3}(?:\.\d+)?[ \t]*(?:gb|g|gib)(?:[ \t]+vram)?[ \t]+"
    + _LEAD
    + r"$"
)
# a card word right after a device's name ("one 16 GB VRAM T4 GPU")
CARD_WORD_AFTER = re.compile(r"[ \t]+(?:gpus?|cards?)\b")
# machines and the cards each holds, said apart from the card's name ("across 4 nodes, each with 8
# GPUs"): with a count of the card over 16 that equals their product, the cards in all
NODES_EACH_RE = re.compile(
    r"(?:(?<![\w.])(\d{1,2})|(" + _NUMWORD + r"))[ \t]*(" + _NODE + r")[ \t]*,?[ \t]*"
    r"(?:each[ \t]+)?(?:with|of|having)[ \t]+(\d{1,2})[ \t]*(?:[x×][ \t]*)?(?:gpus?|cards?)\b"
)
# machines and the cards of each, said apart from the card's name (parser46, language.yaml
# machines_each_words / machines_times_words): "三个节点一个节点八台gpu", "两台机器，每台8张A100",
# "3 nodes, 8 gpus per node", "4 nodes with 8 H100 each" (groups 1-2 machines, 3-4 cards of one);
# "16卡*32G显存 * 4机", "8 GPUs x 2 nodes" (5-6 cards of one, 7-8 machines)
_COUNT = r"(?:(?<![0-9a-z.])(\d{1,2})|(" + _NUMWORD + r"))"
_ONE_CARD = (
    r"[ \t]*(?:[x×][ \t]*)?(?:[张块台个][ \t]*)?(?:(?:nvidia|amd|intel)[ \t]+)?(?:"
    + words(LANG.card_words, start=False)
    + r"|[a-z]{0,4}[ \t-]?\d{2,4})"
)
MACHINES_CARDS_RE = re.compile(
    _COUNT
    + r"[ \t]*"
    + words(LANG.node_words)
    + r"(?:"
    + r"[^\n.。?？!;]{0,24}?"
    + words(LANG.machines_each_words)
    + r"[ \t,:：]*(?:with|has|having|有)?[ \t]*"
    + _COUNT
    + _ONE_CARD
    + r"|[ \t]*[,:(]?[ \t]*(?:with|of|having|x|×)?[ \t]*"
    + _COUNT
    + r"[ \t]*(?:[x×][ \t]*)?[^\n.,;。]{0,24}?[ \t]*(?:"
    + words(LANG.machines_each_words)
    + r"|/[ \t]*"
    + words(LANG.node_words)
    + r"))"
    + r"|"
    + _COUNT
    + r"[ \t]*(?:[张块台个][ \t]*)?"
    + words(LANG.card_words, start=False)
    + r"[^\n。.?？]{0,24}?[*x×][ \t]*"
    + _COUNT
    + r"[ \t]*"
    + words(LANG.machines_times_words)
)
MACHINES_CARDS_RE = lead(MACHINES_CARDS_RE)
# the words one of its matches must hold (a machine word), tested first: the search costs ~0.1 ms
MACHINES_CARDS_NEEDS = tuple(
    sorted({w for w in (*LANG.node_words, *LANG.machines_times_words)}, key=len)
)
NODE_AFTER = re.compile(r"(?:s\b|'s\b)?[ \t]*(?:\w+[ \t]+)?" + _NODE)
# the card named as machines in the plural, right after it ("three A100 nodes"): the count before
# the card is of machines, each a server's baseboard of cards (choose.count_near)
NODES_PLURAL_AFTER = re.compile(r"[ \t]+" + words(LANG.server_node_words))
# the card named as machines, then the cards each holds ("Four L40S machines, each with 8 GPUs")
NODE_EACH_AFTER = re.compile(
    r"(?:s\b|'s\b)?[ \t]*" + _NODE + r"[ \t]*,?[ \t]*each[ \t]+(?:with|of|having)[ \t]+(\d{1,2})"
    r"[ \t]*(?:[x×][ \t]*)?(?:gpus?|cards?)\b"
)
# "four of them", "I have 8x of them": a count of the device named before it
COUNT_BACK_RE = re.compile(
    r"(?:(?<![\w.])(\d{1,2})[x×]?|(" + _NUMWORD + r"))[ \t]+" + words(LANG.count_back, start=False)
)
# "I use three", "I only have one": the writer's count of the device named before it, ending its
# clause
OWNED_COUNT_RE = re.compile(
    words(LANG.owned_count_leads)
    + r"[ \t]+(?:(\d{1,2})|("
    + _NUMWORD
    + r"))(?=[ \t]*(?:[.,;:!?)\n]|$|of them\b|now\b|right now\b|at the moment\b))"
)
# "I got my 4th one": the count the writer's latest card makes
ORDINAL_CARD_RE = re.compile(r"(?<=\bmy )(\d{1,2})(?:st|nd|rd|th)[ \t]+(?:one|card|gpu)\b")
# a plural word that another count could be of ("3 quants", "models"): between a device and "2 of
# them" it makes the count that thing's
PLURAL_WORD_RE = re.compile(r"(?<![\w])[a-z]{3,}s(?![\w])")
NOT_PLURALS = frozenset(LANG.not_plurals)
# "CUDA_VISIBLE_DEVICES=0,1,2,3": the devices a program is given
DEVICE_LIST_VAR_RE = re.compile(
    # "CUDA_VISIBLE_DEVICES=0,1,2,3", an env map's "CUDA_VISIBLE_DEVICES:0,1,2" (ollama's log)
    r"(?<![\w])" + literals(LANG.device_list_vars) + r"\s*[=:]\s*[\"']?(\d[\d, ]{2,47})"
)
# a numbered device label right before a device ("GPU2: RTX 3060", a log's "Device 1: NVIDIA
# GeForce RTX 3090"): another card of the machine (on the 40 characters before the device)
DEVICE_LABEL_BEFORE = re.compile(
    # ("card0 is a GTX 750" / "card1 is a Quadro P4000": a list said in words)
    # ("GPU 0 (RTX 5090, sm_120)", "device 1 (A6000)": the device in parentheses after its number)
    r"(?<![\w])(?:(?:gpu|card|device)\s*#?\d{1,2}(?:\s*[:=(][*_]{0,2}|[ \t]+is(?:[ \t]+an?)?)|"
    # llama.cpp's backend device names ("using device CUDA1 (NVIDIA GeForce RTX 3090)",
    # "Vulkan0: AMD Radeon ...", the Vulkan backend's list "ggml_vulkan: 1 = Radeon 8060S Graphics")
    + r"(?:ggml_)?"
    + literals(LANG.device_log_backends)
    + r"(?:\d{1,2}\s*[:=(]|:[ \t]*\d{1,2}[ \t]*=)"
    # a log's device-name key on the device's line ('name="NVIDIA GeForce RTX 4090"')
    + (
        r"|(?<![\w-])" + literals(LANG.device_name_keys) + r"[ \t]*=[ \t]*[\"']"
        if LANG.device_name_keys
        else ""
    )
    + r")\s*(?:"
    + literals(LANG.brand_words | {"amd", "intel"})
    + r"\s+){0,3}$"
)
# "on 2 GPUs", "an 8-GPU server", "a single-GPU box", "单张显卡", "两张卡": a count of cards said apart
# from the card's name
# ("10 gpu cores" is an Apple chip's core count, not ten cards)
CARD_COUNT_RE = re.compile(
    r"(?:(?<![\w.*×])(\d{1,3})(?:[ \t]*[x×](?![\w]))?|("
    + _NUMWORD
    + r"|"
    + words(LANG.card_pair_words)
    + r"))-?[ \t]*(?:张|块|个)?[ \t]*"
    # ("2 nvidia GPUs", "two identical cards": language.yaml card_count_between_words; "dual mixed
    # 24GB Ampere eGPUs": a memory and an architecture too, language.yaml architecture_words)
    + r"(?:(?:"
    + literals(LANG.card_count_between_words | set(LANG.architecture_words))
    + r"|(?:\d\d\d|\d\d|\d)[ \t]?gb)[ \t]){0,3}"
    + words(LANG.card_words, start=False)
    # ("two gpu servers" counts machines with cards, not cards; "an 8-GPU server" is one of eight)
    + r"(?![\s-]*(?:cores?|"
    + "|".join(re.escape(w) for w in LANG.node_words if w.isascii() and w.endswith("s"))
    + r")\b)"
)
# "共8张" ("8 in all", of the cards named before): a total count with a measure word and no card word
TOTAL_CARDS_RE = re.compile(
    literals(LANG.total_count_leads)
    + r"[ \t]*(\d{1,2})[ \t]*"
    + literals(LANG.total_count_measures)
    # then a pause or a card word, not another noun ("共8张图片" is eight pictures)
    + r"(?=$|[^\u4e00-\u9fff]|显?卡)"
)
# "two gpu cards nvidia 1080ti and ...": a count of cards said before a list of them
CARD_WORD_BEFORE = re.compile(
    words(LANG.card_words, start=False)
    + r"[\s:,(]{0,4}(?:"
    + literals(LANG.brand_words | {"amd", "intel"})
    + r" ){0,3}$"
)
# a count of cards with a colon right before the first card ("two gpus: 3090 and 3090", "с тремя GPU:
# RTX 5070 Ti ... и две RTX Pro 4000"): the head of a list, its count the whole list's (on the 28
# characters before the card)
LIST_TOTAL_BEFORE = re.compile(
    r"(?:(?<![\w.])\d{1,2}|"
    + _NUMWORD
    + r")[ \t-]*(?:[^\W\d_]+[ \t]+){0,2}?"
    + words(LANG.card_words, end=True)
    + r"[ \t]*:[ \t]*(?:"
    + literals(LANG.brand_words | {"amd", "intel"})
    + r" ){0,3}$"
)
# a list's head and its first bullet before its first card ("I have 3 AMD Radeons:\n- RX 7900XTX"):
# a count before it is of the whole list (on the 28 characters before the card)
LIST_HEAD_BEFORE = re.compile(
    r":[ \t]*\n[ \t]*[-*•]?[ \t]*(?:" + literals(LANG.brand_words | {"amd", "intel"}) + r" ){0,3}$"
)
# a numbered line of a tool's device list ("GPU 3: NVIDIA H200", "  Device 1: Tesla P40")
# (one line may list them all: SGLang's check_env "GPU 0,1,2,3,4,5,6,7: NVIDIA H20")
# (a Markdown bullet or bold around the label: "- **GPU 1:** NVIDIA GeForce RTX 5070 Ti | 16303 MiB";
# llama.cpp's backend device names after a log's tag: "common_param:   - ROCm1   : AMD Radeon ...")
_DEVICE_LABEL = (
    r"(?:(?:gpu|device)\s*#?(\d{1,2}(?:,\d{1,2})*)|"
    + literals(LANG.device_log_backends)
    + r"(\d{1,2}))[ \t]*[*_]{0,2}[ \t]*:"
)
_DEVICE_LINE = r"(?:[a-z_]{2,24}:)?[ \t|>*\-•]*" + _DEVICE_LABEL
# (a line, or a list's next item on the same line: "GPU 0: RTX 3090, GPU 1: RTX 3090")
DEVICE_LINE_RE = re.compile(r"(?:^|\n|[,;][ \t]|[ \t](?=[-*•][ \t]))" + _DEVICE_LINE, re.M)
# numbered GPUs each with its memory in brackets, in a line ("GPU 1 (12GB) + GPU 2 (12GB)", "GPU0
# (24 GB), GPU1 (16 GB)"): a device each
GPU_MEMORY_ITEM_RE = re.compile(
    r"(?<![\w])gpu[ \t]*#?(\d{1,2})[ \t]*\([ \t]*\d{1,3}(?:\.\d+)?[ \t]*(?:gb|gib|g)\b"
)
# a device line's integrated graphics ("GPU0: Intel UHD Graphics"): no card of the list
INTEGRATED_AFTER = re.compile(
    r"[ \t*_]{0,4}(?:(?:intel|amd)[ \t]{1,6})?" + words(LANG.integrated_graphics_names)
)
# lspci's graphics lines ("41:00.0 VGA compatible controller: NVIDIA Corporation GA104GL [RTX A4000]"):
# one device each, by its bus address
LSPCI_GPU_RE = re.compile(
    r"(?:^|\n)[ \t]*(?:[0-9a-f]{4}:)?([0-9a-f]{2}:[0-9a-f]{2}\.[0-7])[ \t]+"
    r"(?:vga compatible|3d|display) controller[ \t]*:([^\n]{0,120})",
    re.M,
)
NOT_A_CARD_RE = re.compile(
    words([*LANG.integrated_graphics_names, *LANG.display_only_chips], end=False)
)
# a device's label anywhere on a line: an amount after it on that line is that device's memory
DEVICE_LABEL_RE = re.compile(r"(?<![\w])" + _DEVICE_LABEL)
# nvidia-smi's table: a row per GPU, its index then its name ("|   0  NVIDIA GeForce RTX 4090  Off |"),
# and the memory column "|   507MiB /  24564MiB |" (in use, then the card's total)
NVSMI_ROW_RE = re.compile(
    r"(?<![^\s])\|[ \t]{1,8}(\d{1,2})[ \t]{1,8}(?:nvidia|tesla|quadro|geforce)(?![\w])"
)
# the same row pasted without its leading bar ("  0  NVIDIA GeForce RTX 3090   Off | 00000000:01:00.0
# Off |"): a line's first number, two spaces or more, the maker, and a bar later on that line
NVSMI_BARE_ROW_RE = re.compile(
    r"(?:^|(?<=\n))[ \t]{0,8}(\d{1,2})[ \t]{2,8}(?:nvidia|tesla|quadro|geforce)(?![\w])(?=[^\n|]*\|)"
)
NVSMI_TOTAL_BEFORE = re.compile(r"\|[ \t]*\d{1,7}[ \t]*mib[ \t]*/[ \t]*$")
DEVICE_LINE_START = re.compile(_DEVICE_LINE)
# a log's count of the devices it found ("ggml_cuda_init: found 4 CUDA devices"), a tool's count
# under a key (ollama's CUDA discovery "device count 1", JSON "gpuCount": 2)
FOUND_DEVICES_RE = re.compile(
    r"(?<![\w])(?:found\s+(\d{1,2})\s+"
    + literals(LANG.device_log_backends)
    + r"\s+devices?\b|"
    + literals(LANG.device_count_keys)
    + r"[\"']?[\s:=：]+(\d{1,2})(?![\w.]))"
    # a spec list's "GPU: 1" / "GPUs: 4", the number alone at the end of its line (a cloud
    # instance's or a pod's specs: "Instance type: g5.xlarge\n\nGPU: 1\n\nGPU Memory: 24 GiB")
    + r"|(?:^|\n)[ \t*\-]*gpus?[ \t*]*:[ \t]*(\d{1,2})[ \t]*(?=\n|$)"
)
BRAND_AT = re.compile(literals(LANG.brand_words) + r"\b")
PLURAL_VERB_AFTER = re.compile(r"\s+(?:are|were|have|both|each|in\s+(?:sli|parallel))\b")
# "both my 3090s", "both of the P40s": two of the card named in the plural right after (count_near)
BOTH_BEFORE = re.compile(
    words(LANG.card_pair_words) + r"(?:[ \t]+of)?(?:[ \t]+(?:my|the|our|these|those))?[ \t]*$"
)
PLURAL_AFTER = re.compile(r"^(?:s|'s)\b|^\s+(?:cards|gpus|nodes|units|boxes)\b")
# a card's plural right after its name, with no count ("some 3090s", "my P40s"; not "3090's")
CARD_PLURAL_AFTER = re.compile(r"s\b|[ \t]+(?:cards|gpus)\b")
# (an upper-case "X" too: "4XARC 770", "2X3090" in a title written in capitals)
# a card's short code, its memory without a unit (glued or not), then a count ("A10080*8",
# "A100 80*8", "H800-80x4"): split in parser._state where the code is sold with that memory
# (Index.sized_codes), as "A100 80G*8"; group 1 the letters, group 2 the digits (and memory).
# Both cases spelled out, not re.I (the letters re.I folds into [a-z] too: İ ı ſ K), so that re's
# search skips to the letters (`skipping` reads no IGNORECASE pattern): the same matches
SIZED_CODE_COUNT_RE = re.compile(
    r"(?<![\w.])([a-zA-Z\u0130\u0131\u017f\u212a]{1,2})[ \t]?(\d{4,7}|\d{2,4}[ \t-]\d{2,3})"
    r"(?=[ \t]*[xX×*][ \t]*\d{1,2}(?![\w.]))"
)
DIGIT_TIMES_DIGIT = re.compile(r"\d[ \t]*[x×*][ \t]*\d")  # the cheap test before it
# a count glued to a card's suffix ("RTX 2080Tix4", "RTX 5060 Tix3", "4070 SUPERx2"): "Ti x4"
# (not "XTx2": "XTX2" is no count)
# (cased by hand: a folded pattern is entered at every place of the text, see _skipping)
SUFFIX_COUNT_RE = lead(
    re.compile(r"(?<=[\d\s])([Tt][Ii]|[Ss][Uu][Pp][Ee][Rr]|[Xx][Tt][Xx])([xX×*]\d{1,2})(?![\w.])")
)
GLUED_COUNT_RE = led(r"\d", re.compile(r"(?<![\w.])(\d{1,2})([xX×*])(?=[^\W\d_])"))
# letters of scripts written without spaces (CJK, kana, hangul) are words of their own: "spark上"
# is "spark" and "上", "3090跑" is "3090" and "跑"
_UNSPACED = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff"
# where such a letter touches a Latin letter or a digit ("加576g", "q4能", "9b模型"): the parser puts a
# space there, so every pattern's word edges see two words
UNSPACED_EDGE_RE = re.compile(
    rf"(?<=[{_UNSPACED}])(?=[^\W_{_UNSPACED}])|(?<=[^\W_{_UNSPACED}])(?=[{_UNSPACED}])"
)
# the trademark marks tools print ("Intel(R) Xeon(R) Platinum", "Core(TM) i7"): blanked, so a CPU's
# name reads as one name (same length: offsets are kept)
# typographic apostrophes as the ASCII one ("3090’s", "I’m"), and the hyphens a word processor
# puts inside a name as the ASCII hyphen ("GPT‑4", "Qwen3‑30B"; not the dashes of a range,
# "8–16 GB"): one character for one, offsets kept
TYPOGRAPHIC = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"}
)
TRADEMARK_RE = re.compile(r"\((?:r|tm)\)|[®™]", re.I)
# markdown's bold and code marks around a name or a figure ("2x **RTX 3090**", "`24GB`"): blanked,
# so a count or memory reads beside the name as in plain text (same length: offsets are kept; a
# single "*" stays, it is a product as often: "3090 *2", "32GB * 2")
MARKDOWN_MARK_RE = re.compile(r"\*\*|`+")
# a phrase set in markdown's underscore emphasis ("_two Tesla T4 graphics cards_", "_16 GB of RAM_"):
# read as its words (the underscores as spaces, offsets kept); an identifier's underscores
# ("CUDA_VISIBLE_DEVICES", "__init__", "_load_model(") are inside a word and are not a pair
MARKDOWN_EMPHASIS_RE = re.compile(r"(?<![\w])_(?=[^\s_])([^_\n]{1,120}?)(?<=[^\s_])_(?![\w])")
# a full stop typed between a model's dotted version and its size ("Qwen 3.5. 122B"): no sentence
# ends there, the name goes on (not after a plain number: "on RTX 4090. 32b can also run")
VERSION_STOP_SIZE_RE = re.compile(r"(?<=\d\.\d)\.(?= \d{1,4}(?:\.\d+)?[ \t]?b\b)", re.I)

# "30 billion parameters", "30 миллиардов параметров": a size written with a word for a billion,
# read as "30b" (language.yaml size_in_words; the number and its word, padded to their length)
SIZE_IN_WORDS_RE = re.compile(
    r"(?<![\w.])(\d{1,4}(?:[.,]\d+)?)[ \t]*"
    + words(LANG.size_in_words)
    + r"(?=[ \t]+(?:of[ \t]+|de[ \t]+)?"
    + words(LANG.size_in_words_after, end=False)
    + r")",
    re.I,
)

# --------------------------------------------------------------------------- noise

# a processor family's name with its letters swapped ("eypc 7c13": language.yaml family_typos)
FAMILY_TYPO_RE = (
    re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, LANG.family_typos)) + r")(?![\w])", re.I)
    if LANG.family_typos
    else re.compile(r"(?!)")
)
FAMILY_TYPO_WORDS = tuple(LANG.family_typos)

# a model's tag as ollama lists it right before an amount ("qwen3-coder-next:latest 52G",
# "gemma3:27b  17 GB"): the name, a colon, the tag, then only spaces or an id
MODEL_TAG_BEFORE = re.compile(r"[a-z][\w.-]*:[\w.-]+(?:[ \t]+[0-9a-f]{12})?[ \t]+$")

# the processors' names, one alternative each (CPU_RE tries each only where its first character is)
# a mobile chip's model number alone ("5800u", "6800h", "9955hx3d"), by its shape
BARE_MOBILE_NUMBER = r"[2-9]\d{2}[05](?:hs|hx|h|u)(?:3d)?"
CPU_NAMES = [
    # "ryzen 7 5800x", or a tier without its number ("ryzen 7"), read as its family's system
    # "ryzen ai 7 pro 360", "ryzen ai 9 hx 470": a Ryzen AI chip with its model number (the
    # names the catalog has are matched first; the rest are inferred from their family)
    r"(?:amd\s+)?ryzen\s*(?:ai\s*[579]\s+(?:pro\s+)?(?:hx\s+)?(?:pro\s+)?\d{3}(?![\d.])|(?!ai\b)"
    r"(?:(?:threadripper\s*)?(?:pro\s*)?(?:[3579]\s+)?(?:pro\s+)?\d{4}\w*|[3579](?!\s*(?:pro\s*)?\d)))",
    r"threadripper\s*(?:pro\s*)?\d{4}\w*",
    r"epyc\s*\d[\da-z]\d{2}\w*",  # "epyc 7763", "epyc 7c13"
    # "xeon x3480", "xeon l5640": a letter of the line before the number
    # lscpu's "Intel(R) Xeon(R) CPU E5-2620 v3": the word "cpu" between the line and its number
    r"(?:dual\s+|2x\s*)?xeon(?:\s+cpu(?=\s+[ew]\d))?(?:\s*(?:gold|silver|platinum|bronze|w|max))?(?:\s*[ew]\d)?(?:[-\s]*[a-z]?\d{4,5}\w*)?(?:\s*v\d)?",
    r"(?:dual\s+|2x\s*)?e[357]-\d{4}\w*(?:\s*v\d)?",  # "2x e5-2690 v4": a Xeon by its line
    r"(?:intel\s+)?core\s*(?:ultra\s*)?[3579]\s*\d{3}[a-z]*",
    # (or a tier without its number: "core ultra 7")
    r"(?:intel\s+)?core\s*ultra\s*(?:\d{3}[a-z]*|[3579](?![\s\-]*\d))",
    r"(?<!m\d\s)ultra\s*[579]\s+\d{3}[a-z]*",  # "an ultra 7 265K": a Core Ultra without "core"
    r"(?:intel\s+)?core\s*[3579]\s+ultra\s+\d{3}[a-z]*",  # "Core 7 Ultra 265K": the tier first
    r"(?:intel\s+)?(?:core\s*)?i[3579][-\s]?\d{4,5}(?:[a-z]{1,2}\d(?![\w])|[a-z]*)",  # "i7-1185g7"
    r"(?:intel\s+)?(?:core\s*)?i3[-\s]?n\d{3}",  # Alder Lake-N's "Core i3-N305"
    r"(?:intel\s+)?(?:core\s*)?i[3579]",  # a tier without its number ("core i3", "i5")
    r"\d{4,5}(?:x3d|x|k|kf|ks|xe|wx)",  # "7950x", "5995wx" (a Threadripper PRO)
    r"amd\s+\d{4}(?:hs|hx|h|u)",  # "amd 5500u": a Ryzen mobile chip named by its maker
    # "r7 5800h", "amd r5 pro 4650g": a tier's short form before its model number
    r"(?:" + "|".join(map(re.escape, LANG.cpu_shorthands)) + r")[\s-]*(?:pro\s+)?\d{4}\w*",
    # "my 5800u apu": a mobile chip's bare model number; spans.extract_noise keeps it only when
    # one maker's chips alone have it (language.yaml bare_cpu_numbers, cpu_name): one branch
    # here, not one per family, since every number in a text tries it
    BARE_MOBILE_NUMBER,
    # "Intel(R) Celeron(R) N5105", "Pentium Silver N6000", "Athlon Silver 3050U" (no RTX 3050)
    r"(?:intel\s+)?(?:celeron|pentium)(?:\s+(?:silver|gold))?\s*[a-z]?\d{3,5}\w*",
    r"(?:amd\s+)?athlon(?:\s+(?:silver|gold|pro))?\s*\d{3,4}\w*",
    r"x1[ep]?[-\s]?\d{2}[-\s]?(?:100|1de)",  # a Snapdragon X's SKU ("X1E78100")
]
# (every name starts with a letter or a digit: \b there is the word edge before it)
CPU_RE = re.compile(r"\b" + guarded(CPU_NAMES) + r"(?![\w])")
BARE_MOBILE_RE = re.compile(BARE_MOBILE_NUMBER)
# the CPU names above as the family rules and the catalog read them: a bare number with its maker
# ("5800u" -> "amd 5800u"), a tier's short form spelled out ("r7 5800h" -> "ryzen 7 5800h")
BARE_CPU_RES = [
    (maker, re.compile(f"(?:{'|'.join(ps)})")) for maker, ps in LANG.bare_cpu_numbers.items() if ps
]
CPU_SHORTHAND_RE = re.compile(
    r"^(amd\s+)?(" + "|".join(map(re.escape, LANG.cpu_shorthands)) + r")(?=[\s-]*(?:pro\s+)?\d)"
)
# the letters a shorthand's name can start with ("amd r7 ...", "r7 ...", "tr pro ...")
CPU_SHORTHAND_FIRST = frozenset("a" + "".join(k[:1] for k in LANG.cpu_shorthands))


def bare_number_of_no_maker(text: str) -> bool:
    """A mobile chip's bare model number that no one maker's chips alone have ("5500u" is also
    Intel's i7-5500U): not a processor's name by itself."""
    return (
        text[:1].isdigit() and BARE_MOBILE_RE.fullmatch(text) is not None and cpu_name(text) == text
    )


# a family's word glued to its tier ("ultra5 125h", "ryzen7 5800h"): spelled apart, as the
# catalog's names and the family rules write it (language.yaml cpu_tiers: the tiers said in words)
GLUED_TIER_RE = re.compile(
    r"\b("
    + "|".join(sorted({re.escape(t.split()[0]) for t in LANG.cpu_tiers if " " in t} - {"core"}))
    + r")(?=[3579]\s*\d)"
)


def cpu_name(text: str) -> str:
    """The processor's name as written, with its maker or its family's name put in where the text
    leaves them out, and a tier glued to its family's word spelled apart."""
    if "ultra" in text or "ryzen" in text:
        text = GLUED_TIER_RE.sub(r"\1 ", text)
    first = text[:1]
    if first.isdigit():
        for maker, rx in BARE_CPU_RES:
            if rx.fullmatch(text):
                return f"{maker} {text}"
    elif first in CPU_SHORTHAND_FIRST and (m := CPU_SHORTHAND_RE.match(text)):
        rest = text[m.end() :].lstrip(" -")  # "r5-4500u": the hyphen between them dropped
        return f"{m.group(1) or ''}{LANG.cpu_shorthands[m.group(2)]} {rest}"
    return text


# "双路9654", "dual socket 7763": a server's processors by their bare number
SOCKET_CPU_RE = re.compile(
    words(LANG.socket_words, end=False) + r"[\s-]*(\d{4,5}[a-z]{0,2})(?![\w])"
)
# a processor's model number in its name ("7950x", "x3480", "7c13"), not only its tier ("i5")
CPU_MODEL_NUMBER = re.compile(r"\d[\da-z]{2,}")
VERSION_RE = re.compile(
    r"(?<![\w])(?:" + alternation(LANG.version_words) + r"\s*[:=]?\s*v?\d+(?:\.\d+)*"
    # ... or a Windows release ("24H2", "版本号 26H1"), never a model's name
    r"|b\d{4,5}|v\d+(?:\.\d+)+|\d+\.\d+\.\d+(?:\.\d+)?|[12]\d\s?h[12])(?![\w])"
    # "ROCm 110 tok/s": a speed said after the backend's name, not its version
    r"(?!\s*(?:" + alternation(LANG.speed_units) + r")(?![\w]))"
)
SOFTWARE_RE = re.compile(words(LANG.software))
# what is asked about that no open-weight language model is, by kind ("claude", "sdxl", "qlora")
# (a hosted name that starts an open fine-tune's, "gpt4-x-alpaca", "gpt4-x-vicuna", is that
# fine-tune: GPT-4's answers were its training data, not the model)
_FINETUNE_OF = r"(?![\s\-_]*x[\s\-_])"
NOT_ESTIMATED_RES = {
    kind: re.compile(words(phrases) + (_FINETUNE_OF if kind == "closed" else ""))
    for kind, phrases in LANG.not_estimated.items()
    if phrases
}
# ... a closed model as a yardstick ("close to GPT-4", "a claude-level model"), not asked to run
# ("alternatives to OpenAI and Gemini models": up to two names listed between the words and it)
CLOSED_YARDSTICK_BEFORE = re.compile(
    words(LANG.closed_yardstick_before)
    + r"[\s\-:]*(?:the\s+)?(?:[\w.\-]+(?:\s+[\w.\-]+)?\s*(?:,|\band\b|\bor\b|&)\s*){0,2}$"
)
# a model tried, said before its name: "I tried to run the qwen3-4b model"
EXAMPLE_BEFORE = re.compile(words(LANG.example_before) + r"[ \t]*$")
SIZE_EXAMPLES_RE = re.compile(words(LANG.size_examples))
EXAMPLE_AFTER = re.compile(r"(?:['’]\w{1,4})?[ \t]+" + words(LANG.example_after))
TRIED_BEFORE = re.compile(words(LANG.tried_verbs) + r"(?:\s+[^\W\d]+){0,3}\s*$")
# a model said to work: "Everything is fine up to qwen3:235b-a22b", "X runs fine, but Y ..."
SAID_FINE_BEFORE = re.compile(words(LANG.said_fine_before) + r"(?:\s+[^\W\d]+){0,2}[ \t]*$")
SAID_FINE_AFTER = re.compile(words(LANG.said_fine_after))
# tool calls said to go wrong: "bad tool calls", "tool calling loops or failures"
TOOL_TROUBLE_RE = re.compile(words(LANG.tool_call_trouble))
# a family named as its maker's hosted service: "deepseek app", "the qwen website"
SERVICE_AFTER = re.compile(r"(?:'s)?[\s\-]*" + words(LANG.service_nouns_after))
# a program's name, not a model's: "the Nemo file manager" (language.yaml software_nouns_after)
SOFTWARE_AFTER = re.compile(r"[\s\-]*" + words(LANG.software_nouns_after))
CLOSED_YARDSTICK_AFTER = re.compile(r"[\s\-]*" + words(LANG.closed_yardstick_after))
# the word right before a position (searched in a window that ends there): "deepseek" of "deepseek-"
WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s\-_]*$")
WORD_AFTER = re.compile(r"\s+([^\W\d_]+)")
# "build 8": a count, when a device's name follows (spans._devices_counted)
BUILD_COUNT_RE = re.compile(r"build\s+\d{1,2}")
YEAR_RE = re.compile(r"(?<![\w.])(?:199\d|20[0-3]\d)(?![\w.])")
# a run of hex digits as a tool prints ids ("GPU-d6de3398-...-fee8e424c8a2", commit "9c600bc",
# "sha256:7e78da..."): no name hides in it (the "a2" of "c8a2"); spans._hex_id keeps the runs that
# alternate digits and letters
# (a UUID's tail, "-476b-b2c6-bbf5-78e6679cf836", goes with its first part: "476b" is no 476B model)
HEX_RUN_RE = re.compile(
    r"(?<![\w])[0-9a-f]{7,}(?P<uuid>-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?(?![\w])"
)
HEX_PARTS_RE = re.compile(r"\d+|[a-f]+")
# a bare count of bytes, 100 MB to 10 TB (on the lines of language.yaml vram_bytes_lines)
BYTES_RE = re.compile(r"(?<![\w.])(\d{9,13})(?![\w.])")
# "Total VRAM: 17171480576 bytes": a labelled count of bytes (language.yaml memory_bytes_labels)
LABELLED_BYTES_RE = re.compile(
    r"(?<![\w])(" + literals(LANG.memory_bytes_labels) + r")\s*[:=]?\s*(\d{9,14})\s*bytes(?![\w])"
)
# the same tables with the size in megabytes ("| 32|  8096M|", ollama-intel-gpu's SYCL table)
MEGS_CELL_RE = re.compile(r"(?<![\w.])(\d{3,6})m(?![\w.])")
STORAGE_FORM_RE = re.compile(r"(?<![\w.])" + literals(LANG.storage_forms) + r"(?![\w.])")
LINK_WORD_RE = re.compile(r"(?<![\w.])" + literals(LANG.link_words) + r"(?![\w.])")
# a server's model code with its generation glued ("Inspur NF5280M5", "浪潮SA5212M5"): no Apple M5
# (letters, a 3-4 digit number, then M and the generation; "rtx4090 m4 max" is two names)
SERVER_MODEL_RE = re.compile(r"(?<![\w.])[a-z]{1,3}\d{3,4}m[3-8](?![\w.])")
# a brand word right before a year-like number makes it a model number ("rtx 2000 ada")
BRAND_BEFORE = re.compile(literals(LANG.brand_words | {"quadro", "pro", "rtx"}) + r"\s*$")
# a processor word right after a processor's name ("Core Ultra 155H processor", "8700G CPU"): the
# processor itself is meant, not its integrated GPU
PROCESSOR_WORD_AFTER = re.compile(r"[\s\-]*" + words(LANG.processor_words))
# a brand only a graphics card has, right before a number ("RTX 5700 Ti"): the number is a card's
CARD_BRAND_BEFORE = re.compile(words(LANG.card_brand_words, end=False) + r"[\s\-_]*$")
UNIT_RE = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)?(?:\s*|-)"
    + alternation([*LANG.figure_units, *LANG.speed_units])
    + r"(?![\w])"
    r"|[$€£]\s*\d[\d,.]*k?"
    r"|(?<![\w])--?" + literals(LANG.number_flags) + r"\s*[=\s]\s*\d+(?:\.\d+)?"
    r"|(?<![\w])(?:pcie|pci-e)\s*(?:gen\s*)?\d(?:\.\d)?(?![\d])(?:\s*x\s*\d{1,2})?"
    r"|(?<![\w])x\d{1,2}\s*(?:lanes?|slot|pcie)"
)
DDR_RE = re.compile(r"(?<![\w])(?:lp)?ddr([345])x?(?:[-\s]?(\d{4}))?(?![\w])")
# right after a RAM type: it is asked about, not had ("What type of RAM was used? DDR5?", "DDR4 or
# DDR5?"): the memory type questioned closes the clause (advice102)
DDR_ASKED_AFTER = re.compile(
    r"[ \t]*(?:(?:or|/|vs\.?)[ \t]*(?:lp)?ddr[345]x?(?:[-\s]?\d{4})?[ \t]*)?[?？]"
)
# a size right before the DDR word ("with 512GB DDR4?"): the machine's memory said in a question,
# not a RAM type asked about
DDR_SIZE_BEFORE = re.compile(r"\d[ \t]*(?:gb|gib|g|tb)[ \t]*$")
# a function of a pasted log, as it prints it ("llama_model_load: ...", "ggml_cuda_init(...)"):
# words joined by underscores with no digit, then ": " or "(", name code, not a model (a
# setting, "max_model_len = 4096", "ollama_num_parallel=4", is read as said)
CODE_IDENT_RE = re.compile(r"(?<![\w.-])[a-z]+(?:_[a-z]+)+(?=\(|:\s)")
# the host's memory channels ("quad channel", "8-channel", "8ch") and a memory speed with its unit
# ("3600mhz", "6000 mt/s"), language.yaml channel_words / channel_counts / ram_speed_units
CHANNEL_RE = re.compile(
    r"(?<![\w.])(\d{1,2}|"
    + literals([*LANG.number_words, *LANG.channel_counts])
    + r")[\s-]?"
    + literals(LANG.channel_words)
    + r"(?![\w])"
)
RAM_SPEED_RE = re.compile(r"(?<![\w.])(\d{4,5})\s?" + literals(LANG.ram_speed_units) + r"(?![\w])")
# a RAM word close enough to a speed to make it the RAM's ("ddr4 3600mhz", "3200mhz ram")
RAM_WORD_RE = re.compile(r"ddr|\bram\b|\bmemory\b|\bdimms?\b|内存")
# "8th gen", "gen 10", "13代": an Intel Core generation (language.yaml cpu_generation_words)
_GEN_WORD = words(LANG.cpu_generation_words, start=False)
CPU_GEN_RE = re.compile(
    r"(?<![\w.])(1[0-5]|[2-9])(?:st|nd|rd|th)?\s*"
    + _GEN_WORD
    + r"|(?<![\w])"
    + words(LANG.cpu_generation_words[:1], end=False)
    + r"\s*(1[0-5]|[2-9])(?![\w.])"
)

# --------------------------------------------------------------------------- context

_CTX_WORDS = words(LANG.context_words, start=False, end=False)
# "32,768": a token count written with thousands separators (read with the commas taken out)
_GROUPED = r"\d{1,3}(?:,\d{3})+(?![\d.])"
# the value right after the flag, or after "=", ":", "（" / "(" (vLLM's error "max seq len (32768)")
# or Chinese "为" ("max_model_len为1M"); "k" and "m" as units
CTX_FLAG_RE = re.compile(
    r"(?<![\w])"
    + literals(LANG.context_flags)
    + r"\s*[=:：(（为]?\s*(-1|\d+(?:\.\d+)?)\s*([km])?(?![\w])"
)
# "1m" alone is no context, "1m tokens" and "1m context" are
CTX_K_RE = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*([km])(?![\w])(\s*(?:tokens?|toks?)(?![\w])(?:\s*(?:of\s+)?"
    + _CTX_WORDS
    + r")?|\s*(?:of\s+)?"
    + _CTX_WORDS
    + r")?"
)
# "the context length I got was 11000", "context size we run is 32768": the window someone ran
CTX_BEFORE_RE = re.compile(
    _CTX_WORDS + r"\s*(?:of|=|:|at|to|is|size|length|window|de|von)?\s*"
    r"(?:(?:i|we)\s+(?:got|get|use|used|run|ran|set)\s+(?:was|is)\s+)?(?:about\s+|~\s*)?"
    r"(" + _GROUPED + r"|\d+(?:\.\d+)?)\s*([km])?(?![\w.])"
)
# "num_ctx 8192 -> 32768", "--max-model-len from 32768 to 131072", "context 8k→32k": a window
# changed, the second amount the one run now (an arrow, or "to" after "from": "ctx 2048 to 65536"
# alone is a sweep, RANGE_AFTER)
_CHANGE_AMOUNT = r"(" + _GROUPED + r"|\d+(?:\.\d+)?)\s*([km])?"
CTX_CHANGE_RE = re.compile(
    r"(?:(?<![\w])(?P<flag>"
    + literals(LANG.context_flags)
    + r")|"
    + _CTX_WORDS
    + r")\s*[=:]?\s*(?P<from>from\s+)?"
    + _CHANGE_AMOUNT
    + r"\s*(?:->|-->|→|=>|⇒|(?(from)to(?![\w])|(?!x)x))\s*"
    + _CHANGE_AMOUNT
    + r"(?![\w.])"
)
# "100 thousand tokens", "half a million tokens of context" (language.yaml token_scale_words):
# the amount (digits, group 1, or words, group 2) and the scale (group 3)
CTX_SCALED_RE = re.compile(
    r"(?<![\w.])(?:(\d+(?:\.\d+)?)|"
    + words(LANG.token_amount_words, end=False)
    + r")\s+"
    + words(LANG.token_scale_words, start=False)
    + r"(?:[\s-]*(?:tokens?|toks?)(?![\w])(?:\s*(?:of\s+)?"
    + _CTX_WORDS
    + r")?|\s*(?:of\s+)?"
    + _CTX_WORDS
    + r")"
)
# a window said for each user (language.yaml context_each_words), and the users counted ("10 users",
# "5 people"): that many windows at once
CONTEXT_EACH_RE = re.compile(words(LANG.context_each_words))
USERS_COUNT_RE = re.compile(
    r"(?<![\w.])(\d{1,3})[ \t]+" + words([*LANG.parallel_things, *LANG.team_members])
)
# "two thousand tokens per second": a rate right after an amount of tokens, no window
PER_SECOND_AFTER = re.compile(
    r"\s*(?:/\s*s(?:ec)?(?![\w])|per\s+s(?:ec(?:ond)?)?(?![\w])|a\s+second(?![\w]))"
)
# "a 300 page pdf", "a 50-page contract": a document's length in pages (language.yaml page_words)
DOC_PAGES_RE = re.compile(r"(?<![\w.,])(\d{1,5})[\s-]*" + words(LANG.page_words, start=False))
# "ctx 2048 to 65536", "context 8k-32k": a sweep over contexts, no one context
RANGE_AFTER = re.compile(r"\s*(?:to|-|–|—)\s*\d")
# the start of a range right before an amount ("16-20gb of vram", "35-48GB of RAM"): a span of
# use, not a size (the number alone, not a card's: "4060-8gb" stays)
MEM_RANGE_BEFORE = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d+)?)\s*(?:to|-|–|—)\s*$")
# ... unless it is the memory a machine has: "I have 16-32GB of RAM", "a laptop with 24-25GB"
RANGE_HAD_BEFORE = re.compile(
    r"(?<![\w])(?:i have|i've got|i got|with|has|have|had)\s+(?:about\s+|around\s+|~\s*)?$"
)
# a bare size said to be a prompt's length, not the context (language.yaml prompt_length_*)
PROMPT_LEN_BEFORE = re.compile(words(LANG.prompt_length_before) + r"\s*[:=]?\s*$")
PROMPT_LEN_AFTER = re.compile(r"\s*" + words(LANG.prompt_length_after))
# "you requested 2981 tokens", "Input prompt (36893 tokens)": a request past a limit
PROMPT_REQUEST_BEFORE = re.compile(words(LANG.prompt_request_before) + r"\s*[:=(]?\s*$")
OUTPUT_LEN_BEFORE = re.compile(words(LANG.output_length_before) + r"\s*[:=]?\s*(?:about\s+|~\s*)?$")
OUTPUT_LEN_AFTER = re.compile(r"\s*" + words(LANG.output_length_after))
CTX_ABOVE_BEFORE = re.compile(words(LANG.context_above_before) + r"\s*$")
CONTEXT_WORD_RE = re.compile(words(LANG.context_words))
# a long input or its cache said with no context word: the window is still the topic
CONTEXT_TOPIC_RE = re.compile(words(LANG.context_topic_words))
# a context flag named anywhere ("set higher num_ctx value"), the "-c" / "-n_ctx" short ones aside
CONTEXT_FLAG_WORD_RE = re.compile(
    r"(?<![\w-])" + literals([f for f in LANG.context_flags if len(f) > 3]) + r"(?![\w])"
)
# "Llama 3.1 8B Instruct 128k", "Phi-3-mini-128k": a window in a model's name, not a setting
CTX_IN_NAME_BEFORE = re.compile(r"(?:[a-z0-9]-|(?<![\w])(?:instruct|chat|base|it)\s+)$")
# "160-200K": a bare number hyphened before it is the start of a range of windows, the unit said
# once for both, not a name's part ("mini-128k" has a word there)
CTX_RANGE_START_BEFORE = re.compile(r"(?<![\w.\-])\d{1,4}\s*(?:-|–|to)\s*$")
# "ultra 7 265K": a processor's model number, not a context
CPU_TIER_BEFORE = re.compile(words(LANG.cpu_tiers) + r"[\s-]*$")
# "262,144-token context": the count hyphenated to its word, as in running prose
CTX_AFTER_RE = re.compile(
    r"(?<![\w.,])("
    + _GROUPED
    + r"|\d{3,7})(?:-|\s*)(?:tokens?\s*(?:of\s+)?)?"
    + _CTX_WORDS
    + r"(?![\w])"
)
CTX_TOKENS_RE = re.compile(r"(?<![\w.,])(" + _GROUPED + r"|\d{4,7})(?:-|\s*)tokens?(?![\w])")
CONTEXT_QUESTION_RE = re.compile(words(LANG.context_questions))
BACKEND_WORD_RE = re.compile(words(LANG.backend_words))
DEPTH_SPEED_RE = re.compile(words(LANG.depth_speed_questions))
DEFECT_RE = re.compile(words(LANG.defect_questions))
FAILURE_RE = re.compile(words(LANG.failure_words))
# a server that reserves memory up front (language.yaml preallocating_servers), and the memory a
# run is said to take (memory_taken_words)
PREALLOCATING_RE = re.compile(words(list(LANG.preallocating_servers)))
MEMORY_TAKEN_RE = re.compile(words(LANG.memory_taken_words))
QUANT_QUESTION_RE = re.compile(words(LANG.quant_questions))
# the model's quantization-aware-trained file asked (choose._qat_file)
QAT_RE = re.compile(words(LANG.qat_words))
ALL_ON_GPU_RE = re.compile(words(LANG.all_on_gpu_words))
# "models that fit in 8 GB", "cabem em 8 GB (4-bit)": an amount right after a bound's lead
# (language.yaml memory_bound_leads), at most two filler words between
MEMORY_BOUND_RE = re.compile(
    words(LANG.memory_bound_leads)
    + r"\s{1,3}"
    + (
        _FILLER
        := r"(?:(?:my|a|an|the|only|just|about|around|under|less than|o|os|um|uma|meu|minha|"
        r"mi|un|una|einen|eine|nur|только) )?"
    )
    + _FILLER
    + r"(?:~|<=?|≤)?\s{0,3}\d{1,4}(?:[.,]\d{1,2})?\s{0,3}(?:gb|gib|g|гб)\b"
)
# "less than 3GB of VRAM", "<4gb vram": a ceiling right before a GPU memory (language.yaml
# memory_ceiling_leads), searched in the few characters before the amount
MEMORY_CEILING_BEFORE = re.compile(words(LANG.memory_ceiling_leads) + r"\s{0,3}~?\s{0,2}$")
SPARE_ROOM_RE = re.compile(words(LANG.spare_room_words))
RAM_PLENTY_RE = re.compile(words(LANG.ram_plenty_words))
# the question's own ask (catalog/language.yaml backend_questions, why_slow_questions,
# expected_questions)
BACKEND_QUESTION_RE = re.compile(words(LANG.backend_questions))
WHY_SLOW_RE = re.compile(words(LANG.why_slow_questions))
# a window hit, not one run by choice (language.yaml context_limit_words)
CONTEXT_LIMIT_RE = re.compile(words(LANG.context_limit_words))
EXPECTED_RE = re.compile(words(LANG.expected_questions))
# "too slow", "painfully slow": a speed complained of (catalog/language.yaml slow_complaints)
SLOW_COMPLAINT_RE = re.compile(words(LANG.slow_complaints) if LANG.slow_complaints else r"(?!)")
# "one card or both?" (catalog/language.yaml card_count_questions)
CARD_COUNT_QUESTION_RE = re.compile(words(LANG.card_count_questions))
# several cards said without their count (catalog/language.yaml cards_unsaid_count)
CARDS_UNSAID_COUNT_RE = re.compile(words(LANG.cards_unsaid_count))
# a quantifier right before a card's name, no number ("some 3090s", "a few P40s", "几张A40": catalog/
# language.yaml cards_unsaid_quantifiers), on the 24 characters before the name
CARDS_UNSAID_BEFORE = re.compile(
    words(LANG.cards_unsaid_quantifiers)
    + r"[ \t]+(?:(?:my|of|the|these|those|old|used|spare|other|more)[ \t]+){0,2}(?:"
    + literals(LANG.brand_words | {"amd", "intel"})
    + r"[ \t]+){0,2}$|"
    + words(LANG.cards_unsaid_quantifiers)
    + r"$"
)
# "offload the experts or whole layers?" (catalog/language.yaml offload_way_questions)
OFFLOAD_WAY_RE = re.compile(words(LANG.offload_way_questions))
# "non flash", "non-thinking": the ruled-out word is group 1
NEGATED_VARIANT_RE = re.compile(
    words(LANG.variant_negations, end=False) + r"[\s-]+([a-z][a-z0-9.]*)(?![\w])"
)
# "--n-cpu-moe 30", "raising --n-cpu-moe from 8 to 30": the values someone runs
NCMOE_SAID_RE = re.compile(
    r"(?<![\w])--?"
    + alternation(LANG.n_cpu_moe_flags)
    + r"(?:\s*[=\s]\s*(\d{1,3})(?![\w.])|\s+from\s+(\d{1,3})\s+to\s+(\d{1,3})(?![\w.]))"
)
# "--gpulayers 15", "-ngl 40", "15/48 layers on GPU", Ollama's "num_gpu = 25": a layer split
# someone runs, the layers on the GPU in group 1 (a flag's value), 2 (counted of a total) or 3 (an
# option's value; catalog/language.yaml gpu_layers_flags, gpu_layers_keys)
LAYERS_SAID_RE = re.compile(
    r"(?<![\w])--?"
    + alternation(LANG.gpu_layers_flags)
    + r"\s*[=\s]\s*(\d{1,3})(?![\w.])|(?<![\w.])(\d{1,3})\s*/\s*\d{1,3}\s+layers(?![\w])"
    + r"|(?<![\w-])"
    + literals(LANG.gpu_layers_keys)
    + r"[\"']?\s*[:=\s]\s*(\d{1,3})(?![\w.])"
)
# "Intel(R) Arc(TM) 140T GPU (32GB)": the iGPU's share of the RAM in its driver's name for it
# (catalog/language.yaml igpu_share_name_words), the size in group 1
IGPU_SHARE_NAME_RE = re.compile(
    words(LANG.igpu_share_name_words) + r"[ \t]*\([ \t]*(\d{1,3})[ \t]*gb[ \t]*\)"
)
# "the native 262,144 context": a size right after it is the model's window (before its end)
MODEL_WINDOW_BEFORE = re.compile(words(LANG.model_window_words) + r"\s*$")
# "context length is set to 32K": a window run as a setting (like a launch flag)
CTX_SETTING_BEFORE = re.compile(words(LANG.context_setting_before) + r"\s*$")
# "~58k+ tokens", "a context size of 4096 is too large": a window hit, said right after the amount
# ("A context size of 4096 with 4 sequences is too large": the sequences between, node-llama-cpp)
CTX_SETTING_AFTER = re.compile(
    r"\s*(?:with\s+\d{1,3}\s+"
    + words(LANG.parallel_things)
    + r"\s*)?"
    + words(LANG.context_setting_after, start=False)
)
# "Context auto-reduced: 48128 -> 8960", "ctx reduced from 32768 to 4096": the window wanted, then
# the one a tool cut it to (language.yaml context_reduced_words)
CTX_REDUCED_RE = re.compile(
    _CTX_WORDS
    + r"[\w\s-]{0,12}?"
    + words(LANG.context_reduced_words)
    + r"\s*[:=]?\s*(?:from\s+)?(\d{3,7})\s*(?:->|→|=>|to)\s*(\d{3,7})(?![\d.])"
)
FULL_CTX_RE = re.compile(
    words(LANG.full_context_words, start=False, end=False)
    + r"\s+(?:the\s+)?(?:\d+\s*k\s+)?"
    + _CTX_WORDS
)

# --------------------------------------------------------------------------- quants

# an Apple chip's GPU core count: right after the chip ("m2 ultra 76 core", "m1 max 24c"), or
# said to be the GPU's anywhere ("60-core graphics", "gpu: 40 cores", "24 GPU cores", "GPU cores: 60")
CORE_SUFFIX = re.compile(r"-\d+c$")
BINNED_RE = re.compile(words(LANG.binned_words))
# (the chip's memory may come first: "M1 Max 32Gb 24-core")
CORES_AFTER = re.compile(
    r"^[\s(,]*(?:mac\s*studio\s*)?[\s(,]*"
    r"(?:(?:w/|with)?[\s]*\d{1,5}[\s]*(?:gb|g|gib|gigs?|mib)\)?[\s,]+)?(\d{2})[\s-]*(?:c|cores?)\b"
    r"(?![\s-]*cpu)"
)
# (Chinese "7核GPU", "14核心GPU": a one-digit count too, said with the GPU word after it)
GPU_CORES = re.compile(
    r"(?<![\w])(\d{2})[\s-]*cores?[\s-]*(?:gpu|graphics)|(?:gpu|graphics)[\s:]*(\d{2})[\s-]*cores?"
    r"|(?<![\d])(\d{1,2})[\s]*核心?[\s]*(?:gpu|图形)"
    r"|(?<![\w])(\d{2})[\s-]*(?:gpu|graphics)[\s-]*cores?"
    r"|(?<![\w])(\d{2})gpu(?![\w])"  # a spec line's "12CPU/30GPU/32GB RAM"
    r"|(?:gpu|graphics)[\s-]*cores?[\s]*[:|=][\s]*(\d{2})(?![\w.])"  # a table's "| GPU cores | 60 |"
)
# a number alone right after a name ("m3 max 128"), not a size, a count or a figure
BARE_NUMBER_AFTER = re.compile(r"[\s,]*(\d{2,4})(?![\w.%/:])(?!\s*(?:cores?|c\b|x\b|k\b))")
CHIP_BEFORE = re.compile(r"(?<![\w])m\d\s*$")  # an Apple chip's generation ("m3 ")
# "4.65bpw", "SC_4.00bpw_H5" (an EXL3 branch: underscores around it)
BPW_RE = re.compile(
    r"(?:(?<![\w.])|(?<=_))(\d+(?:\.\d+)?)\s*(?:bpw|bits?\s*per\s*weight|b/w)(?![a-z0-9])"
)
# "CPU op-mode(s): 32-bit, 64-bit", "32-bit OS": a processor's or a system's width, no quant
SYSTEM_BITS_AFTER = re.compile(
    r"\s*,\s*64-?bits?\b|\s+(?:os|operating\s+system|system|windows|linux|processor|cpu)\b"
)
# a compacted quant token that names an Unsloth dynamic quant by its level: "udq2", "q2xl", "udq4xl"
DYNAMIC_LEVEL_RE = re.compile(r"ud(q\d)|(?:ud)?(q\d)xl")
BITS_RE = re.compile(r"(?<![\w.])(?:@\s*)?(\d+(?:\.\d+)?)\s*-?\s*bits?(?![\w])")
WEIGHT_FORMAT_RE = re.compile(words(LANG.weight_formats))
# a 4-bit format of another serving stack (language.yaml serving_formats), on a quant or beside it
# ("GPTQ 4bit", "-bnb-4bit", "NVFP4"): searched only near the quant read (choose._serving_format)
SERVING_FORMAT_RE = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(sorted(map(re.escape, LANG.serving_formats), key=len, reverse=True))
    + r")(?![a-z])"
)
# a GPU server named (language.yaml serving_stacks): its 8-bit weights are FP8
SERVING_STACK_RE = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(sorted(map(re.escape, LANG.serving_stacks), key=len, reverse=True))
    + r")(?![a-z])"
)
# how far before and after a quant's start such a format is read as its own
SERVING_FORMAT_REACH = (14, 18)
# a quant inside a command-line flag's name ("--memory-f32") is no quant; a flag starts a word
# ("Qwen3.6-35B-A3B-oQ8" has a quant after "-A3B-", no flag)
FLAG_BEFORE = re.compile(r"(?<![\w.])--?[a-z][a-z0-9]*-$")
FPBITS_RE = re.compile(r"(?<![^\W_])(?:fp|int|nvfp)(\d{1,2})(?![^\W_])")  # "..._awq_int4" too
# in a file name too: "model.Q4_0.gguf", "mistral-large_q2_k.gguf"
QUANT_TOKEN_RE = re.compile(
    r"(?<![^\W_])((?:ud[-_]?)?i?q_?\d(?:[-_]?(?:k|0|1|xxs|xs|s|m|l|xl|nl)){0,3})(?![\w])"
)
# a CPU's instruction-set extension shortly before a format that is one too ("avx2 (no avx-512, no
# bf16)", "amx-bf16"): on the 32 characters before the format
CPU_FEATURE_BEFORE = re.compile(words(LANG.cpu_feature_words, end=False) + r"[^.;\n]{0,24}$")
CPU_FEATURE_FORMATS = frozenset(LANG.cpu_feature_formats)
# a format said as what a card supports or lacks ("lacking support for fp8", "no fp8 support"): the
# card's feature, not the weights' quant (language.yaml format_feature_before / _after)
HW_FEATURE_FORMATS = frozenset(LANG.hardware_feature_formats)
FORMAT_FEATURE_BEFORE = re.compile(words(LANG.format_feature_before) + r"\s*$")
FORMAT_FEATURE_AFTER = re.compile(r"\s*" + words(LANG.format_feature_after))
# a device's capability flag as a backend prints it ("ggml_vulkan: ... | fp16: 1 | bf16: 0"): the
# format followed by its 0/1 value is what the device supports, not the weights' quant
DEVICE_FLAG_AFTER = re.compile(r"\s*[:=]\s*[01](?![\d.])")
KV_BEFORE_RE = re.compile(
    # (vLLM's and SGLang's "--kv-cache-dtype fp8_e5m2", "kv_cache_dtype='fp8'": the cache's type)
    r"(?:\bkv|k/v|\bk\s*(?:and|&)\s*v\b|\bcache|\bctk|\bctv|cache[-_]d?type(?:[-_][kv])?|-ctk|-ctv)"
    r"\s*(?:cache\s*)?(?:type\s*)?(?:(?:are|is|both)\s*)?"
    r"(?:quant(?:ization|ized|ize|s)?\s*)?(?:[:=]|at|in|to|of|as|with)?\s*[\"']?$"
)
# "q8 kv", "q4/4 cache", "q8_0/q8_0 kv" (the K and V types said together), "q8_0 or q4_0 kv
# cache" (types offered as alternatives, each a cache's)
# "q8 for both k and v": the K and V caches named as such
_KV_NAMES = r"(?:kv\b|k/v\b|cache\b|context\s+cache\b|(?:for\s+)?(?:both\s+)?k\s*(?:and|&)\s*v\b)"
_KV_OR = r"\s*(?:or|vs\.?|versus)\s*(?:q\d(?:_\d)?|f16|fp16|bf16)"
KV_AFTER_RE = re.compile(r"^(?:\s*/\s*q?\d(?:_\d)?)?(?:" + _KV_OR + r")?\s*" + _KV_NAMES)
KV_OR_AFTER_RE = re.compile("^" + _KV_OR + r"\s*" + _KV_NAMES)
# "with a quantized KV cache, how much more context?": the cache's quantized types asked about
KV_QUANTIZED_RE = re.compile(words(LANG.kv_quantized_words))
# what people call a KV cache type, as typed with "-" read as "_" ("8-bit" -> "8_bit")
KV_ALIASES = {k.replace("-", "_"): v for k, v in LANG.kv_aliases.items()}

# --------------------------------------------------------------------------- memory

# "24gb", "24,5 go", "2x24gb" (after a count), "24GBvRAM"; "4090,256g" is a list, not 4090.256,
# and so is "2026，32G" (a year, a full-width comma, the memory)
MEM_RE = re.compile(
    # after a card's suffix glued on too ("1080ti11G", "7900xtx24g")
    # (and after an ellipsis: "64gb...96gb" is two sizes, no decimal point)
    # (and after a table's label the copy glued on: "RAM80 GB DDR4", "VRAM16 GB GDDR7")
    r"(?:(?<![\w.])|(?<=\.\.\.)|(?<=\d[x×*])|(?<=\dti)|(?<=\dxt)|(?<=\dxtx)|(?<=\bram)|(?<=\bvram))"
    # ("64-GB-MacBook", "a 16-GB card": a hyphen before a unit of two letters or more; advice92)
    r"(\d{1,4}(?:\.\d+)?|\d{1,3},\d{1,2}(?!\d))(?:\s*|-(?=gb|gib|go|гб))"
    + GB_UNITS
    # "24gbx2": a count glued after the unit; "24gbvram", "16gbof vram": the next word; "256GD4":
    # the kind of DDR, as Chinese posts write it; "8 A100-40Gs": the plural of the card so sized;
    # a bare "g" after a space starts a name, not a glued count ("2 GX10": two ASUS Ascent GX10s)
    + r"(?!(?!(?<![ \t]g)x\d|v?ram\b|of\b|(?<=[\d\s]g)s\b|(?:ddr|d)[45](?![a-z0-9]))[a-z0-9])"
)
# the thousands of an amount written with a separator, right before its last three digits ("1,024 GB"
# is read from the "1"; "4090,256g" is a list: four digits before the comma)
THOUSANDS_BEFORE = re.compile(r"(?<![\d.,])(\d{1,3}),$")
# "32,607 MiB", "24576MiB": a thousand megabytes or more (a smaller figure is a file or a buffer)
MIB_RE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d{4,7})(?:\.\d+)?\s*"
    + MIB_UNITS
    + r"(?![a-z0-9/])"
)
# a row's last "used / total" pair of bare megabytes (npu-smi: "5225 / 131072 |")
MIB_PAIR_END_RE = re.compile(r"(?<![\w.])\d{1,7}[ \t]*/[ \t]*(\d{4,7})[ \t]*\|?[ \t]*$", re.M)
# "MemTotal: 32791012 kB", "Host memory size 1056501432 kB": a memory of a gigabyte or more in
# kilobytes (a cache's "32768 KB" is too few digits to be one)
KIB_RE = re.compile(r"(?<![\w.,])(\d{7,10})\s*" + KIB_UNITS + r"(?![a-z0-9/])")
# "512M of VRAM", "256M VRAM": a VRAM size a BIOS sets or a driver prints in megabytes, small as it
# is, said to be VRAM right after it by a memory word ("780M Graphics" is a GPU's name)
MIB_VRAM_RE = re.compile(
    r"(?<![\w.])(\d{2,6})\s*(?:m|mib|mb)(?=\s*(?:of\s+)?"
    + words(LANG.vram_labels, end=False)
    + r")"
)
# "Torch detected GPU: NVIDIA GeForce RTX 3060 Laptop GPU VRAM 6144 Arch (8, 6)" (the SD web UIs'
# and kohya's start-up line): a VRAM label, then the card's memory in MiB with no unit, then "Arch"
VRAM_MIB_LABELLED_RE = re.compile(r"(?<![\w])vram[ \t]{1,2}(\d{4,6})(?=[ \t]+arch\b)")
TB_RE = re.compile(r"(?<![\w.])(\d(?:\.\d+)?)\s*" + TB_UNITS + r"(?![a-z0-9])")
# after a French "To": what makes it the English word in a title ("From 4 To 2", "3 To Avoid"):
# a number or a capitalised word ("1 To SSD", "2 To NVMe" stay terabytes)
NOT_TERA_AFTER = re.compile(r"[ \t]+(?:\d|[A-Z][a-z])")
MEM_COUNT_BEFORE = re.compile(
    r"(?:(?<![\w.])(\d{1,2})\s*(?:x|×|\*)\s*(?:l?p?ddr\d\w*\s+)?|(?<![\w.])(\d{1,2})\s+sticks?\s+of\s+(?:l?p?ddr\d\w*\s+)?|(?<![^\W\u2e80-\u9fff])("
    + NUMWORD_ALT
    # "使用两张12G显卡": a Chinese count (glued to the word before) and its measure word for cards
    + r")(?:\s+(?:sticks?\s+of\s+)?|[ \t]*[张块][ \t]*)"
    # "4张48G的卡": a count in digits glued to its measure word for cards
    + r"|(?<![0-9a-z.])(\d{1,2})[ \t]*[张块][ \t]*"
    # "3 16GB cards": a count in digits and a space, read only when cards follow the amount
    # (COUNTED_CARDS_AFTER; "2 16GB sticks" is read by its sticks)
    + r"|(?<![\w.])(\d{1,2})[ \t]+)$"
)
# the cards a bare count before an amount counts ("3 16GB cards", "2 24GB GPUs")
COUNTED_CARDS_AFTER = re.compile(r"^[ \t]*(?:vram[ \t]+)?" + words(LANG.card_words))
# "2*" before "8*80G": machines times cards
MEM_NODES_BEFORE = re.compile(r"(?<![\w.])(\d{1,2})\s*[x×*]\s*$")
# (on the same line: "8GB\n* 7,607 MiB ..." is a list's next item, not eight GB times seven)
# ("64GB x 12ch": sticks, one a channel)
# ("RTX 3060 12GB x2." ends its sentence: a stop after the count is no decimal point; "RTX 5060 Ti
# 16GB (x2)", "RTX 3060 12GB 2枚" / "16GB×2枚": the count in parentheses or with its measure word)
MEM_COUNT_AFTER = re.compile(
    r"^[ \t]*(?:[x×*][ \t]*(\d{1,2})(?:ch\b|[ \t]*"
    + literals(LANG.card_measure_words)
    + r")?|\([ \t]*[x×][ \t]*(\d{1,2})[ \t]*\)|"
    + literals(LANG.card_measure_particles or ["\0"])
    + r"?[ \t]*(\d{1,2})[ \t]*"
    + literals(LANG.card_measure_words)
    + r")(?![0-9a-z_]|[.,]\d)"  # ("2枚挿し": the words of a script without spaces may follow)
)
# the sticks counted after the memory's speed and word: "16G 2666 RAM*4" (not a list's bullet
# before the next item's count: "128GB DDR4 * 4× RTX 3090")
STICKS_COUNT_AFTER = re.compile(
    r"^\s*(?:\d{4}\s*(?:mhz|mt/s)?\s*)?(?:ram|ddr\d)\s*[x×*]\s*(\d{1,2})(?![\w.]|[ \t]*[x×])"
)
# an amount said to be a total ("So 768GB total", "- Total 32GB", "(64GB in total)")
TOTAL_AFTER_AMOUNT = re.compile(r"[ \t)]*(?:in[ \t]+)?total\b")
TOTAL_BEFORE_AMOUNT = re.compile(r"\btotal[ \t]*[:=]?[ \t]*$")
# after a VRAM amount, a word saying it is all the cards' ("64GB of VRAM total", "48GB combined",
# "in all") or each card's ("24GB VRAM each"; language.yaml per_card_words)
TOTAL_WORD_RE = re.compile(r"\b(?:in[ \t]+)?(?:total|combined|pooled|in[ \t]+all|altogether)\b")
PER_CARD_AFTER = re.compile(words(LANG.per_card_words))
# the rest of a line that names a card and at most its memory in brackets ("AMD Radeon RX 7900 XTX
# (24 GiB VRAM)"): a line of the machine's list of cards
OWN_LINE_REST = re.compile(r"[ \t]*(?:\([^()\n]{0,30}\))?[ \t]*(?:\n|$)")
# between an amount and its breakdown into sticks or cards ("128gb ddr5 (4x32gb)", "448gb=64gb x 7",
# "RAM 64GB: 2x 32GB")
BREAKDOWN_GAP = re.compile(r"[(=:]\s*(?:\d{1,2}\s*[x×*]\s*)?$")
# the word joining an amount to its memory word ("24gb of vram", "128G的内存"; language.yaml
# amount_joiners)
_JOINER = r"(?:" + words(LANG.amount_joiners) + r"\s*)?"
# ("8G/VRam": a slash between the amount and its word too)
VRAM_AFTER = re.compile(
    r"^\s*(?:/\s*)?"
    + _JOINER
    + r"(?:total\s+)?(?:"
    + words(LANG.vram_qualifiers)
    + r"\s+)?"
    + words(LANG.vram_words, start=False, end=False)
)
# "48GB across two 3090s", "64GB available through two 5090s": the cards' memory together
VRAM_ACROSS_NEEDS = needs_of(LANG.vram_across_words)
VRAM_ACROSS_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:(?:total|combined|pooled)\s+)?(?:(?:vram|gpu\s+memory|memory)\s+)?"
    r"(?:available\s+)?"
    + words(LANG.vram_across_words)
    + r"\s+(?:(?:my|the|our)\s+)?(?:\d{1,2}|"
    + NUMWORD_ALT
    + r")\s*[x×]?\s*(?:[a-z]+\s+)?(?:[a-z]+\s+)?(?:[a-z]{0,4}\d{3,4}[a-z]*|gpus?|cards?)\b"
)
RAM_AFTER = re.compile(
    r"^\s*(?:/\s*)?"
    + _JOINER
    + r"(?:(?:"
    + words(LANG.ram_qualifiers, start=False, end=False)
    + r"\s+)?"
    + words(LANG.ram_words, start=False, end=False)
    # a module's speed right after ("64 GB @ 3200 MT/s")
    + r"|(?:@[ \t]*)?\d{4}[ \t]*"
    + literals(LANG.ram_speed_units)
    + r"(?![\w/]))"
)
# after an amount, the host's memory named outright ("32 GB of system RAM", "32GB host memory"):
# the system's RAM, even where it equals the card's own memory (choose.pick_memory)
HOST_RAM_AFTER = re.compile(
    r"\s*(?:/\s*)?"
    + _JOINER
    + words(LANG.host_ram_qualifiers, start=False)
    + r"\s*(?:ram|memory|ddr\d?)\b"
)
# "1T RAM", "2T内存", "1.5Ti of system RAM": terabytes of RAM written with a bare "T" (free -h's
# "Ti"), as "G" is written for gigabytes; only right before a RAM word ("5t/s" is a speed, "1T" a
# model size)
TB_BARE_RAM_RE = re.compile(
    r"(?<![\w.])(\d(?:\.\d+)?)[ \t]*ti?(?=[ \t]*" + RAM_AFTER.pattern[len("^\\s*") :] + ")"
)
# "4 x GTX 750ti ... with 8 GB RAM each": a memory word, then "each", after cards counted before it
# in the sentence: each card's memory, not the host's (whole words; a machine word before the
# amount, "2 nodes with 512GB RAM each", keeps it RAM)
RAM_EACH_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:ram|memory)\s+(?:" + words(LANG.per_card_words, start=False) + r")"
)
# "each GPU card has 12GB of memory", "every card has 16 GB": each card's memory (language.yaml
# each_card_leads), whatever memory word follows
EACH_CARD_HAS_BEFORE = re.compile(
    words(LANG.each_card_leads)
    + r"[ \t]+"
    + words(LANG.card_words, start=False)
    + r"(?:[ \t]+cards?)?[ \t]+(?:has|have|with|gets|comes[ \t]+with)[ \t]+(?:about[ \t]+|~[ \t]*)?$"
)
# "more than 8 video cards", "up to 7 GPUs": a bound before a count of cards (language.yaml
# card_count_bounds), not the cards had
COUNT_BOUND_BEFORE = re.compile(words(LANG.card_count_bounds) + r"[ \t]*$")
# "on one card, ... on the other": one card of several, in the same sentence (language.yaml
# card_other_words)
CARD_OTHER_AFTER = re.compile(r"[^.?!\n]{0,80}?" + words(LANG.card_other_words))
CARDS_COUNTED_BEFORE = re.compile(r"(?<![\w.])\d{1,2}[ \t]*[x×*][ \t]*[a-z]")
UNIFIED_AFTER = re.compile(r"^\s*" + _JOINER + words(LANG.unified_words, start=False, end=False))
# any memory word right after an amount ("24gb vram", "64gb ram", "36gb unified")
MEMORY_SAID_AFTER = re.compile(
    r"^\s*"
    + _JOINER
    + r"(?:total\s+|system\s+|shared\s+|dedicated\s+)?"
    + words(
        [*LANG.vram_words, *LANG.ram_words, *LANG.unified_words, "memory"], start=False, end=False
    )
)
# a word of estimate between a memory label and its amount ("ram just 32gb", "vram: about 24gb")
_ABOUT = r"(?:" + words(LANG.approximately, end=False) + r"\s*)?"
# ollama's log: msg="system memory" total="62.7 GiB" (the label quoted, then its total); inxi's
# "System RAM: total: 32 GiB"
_TOTAL = r"(?:[\"']?\s*:?\s*total\s*[:=]\s*[\"']?)?"
# markdown around a label ("**VRAM:** ~48GB", "- **RAM**: 96 GB") and "~" before the amount
_MD = r"[*_]{0,2}"
VRAM_BEFORE = re.compile(
    words(LANG.vram_labels, start=False, end=False)
    + r"(?:\s+(?:allocation|allocated|size))?"  # "BIOS VRAM allocation: 6 GB"
    + r"(?:\s+(?:is|was))?"  # "the total GPU RAM is 192 GB"
    + _MD
    + _TOTAL
    + r"\s*(?:[:=]|[-–—](?=\s))?"  # "VRAM: 24GB", a list's "VRAM - 24GB"
    + _MD
    + r"\s*(?:of\s+)?(?:~\s*)?"
    + _ABOUT
    + "$"
)
# "ram: 64gb", "ddr4 2933 64g" (a speed between the type and the amount)
RAM_BEFORE = re.compile(
    r"(?:"
    + words(LANG.ram_labels, end=False)
    + r"|\b(?:ram|system memory)\s+(?:is|was))"  # "my ram is 64gb" (not a card's "memory is")
    + _MD
    + _TOTAL
    # "RAM (4 GB)", "ram, now 32 gigs", a table's "| RAM | 64 GB |"
    + r"(?:[-\s]?\d{4})?\s*(?:[:=：(|]|[-–—](?=\s)|,\s*now\b)?"
    + _MD
    + r"\s*(?:of\s+)?(?:~\s*)?"
    + _ABOUT
    + "$"
)
# a spec list's line labelled by the part the amount is of ("GPU - 24GB", "CPU: 32GB"): the card's
# VRAM, the processor's RAM (a separator required: "gpu 24gb" is left to the other rules)
_LINE_LABEL_END = (
    r"[ \t]*" + _MD + r"[ \t]*(?:[:=]|[-–—](?=[ \t]))[ \t]*" + _MD + r"[ \t]*~?[ \t]*$"
)
VRAM_LINE_LABEL_BEFORE = re.compile(
    r"(?:^|\n)[ \t*\-]*" + words(LANG.vram_line_labels, end=False) + _LINE_LABEL_END
)
VRAM_BRAND_BEFORE = re.compile(words(LANG.vram_brand_words) + r"[ \t]*[:=]?[ \t]*$")
# the words a match of VRAM_BRAND_BEFORE ends with (each phrase's last), for a test by str.endswith
# before the search, after the spaces, ":", "=" and line break `$` allows are stripped off
# (a word with "*" may end in more letters: then no test, "" ends every text)
VRAM_BRAND_ENDS = (
    ("",)
    if any("*" in p for p in LANG.vram_brand_words)
    else tuple(sorted({p.split()[-1] for p in LANG.vram_brand_words}))
)
RAM_LINE_LABEL_BEFORE = re.compile(
    r"(?:^|\n)[ \t*\-]*" + words(LANG.ram_line_labels, end=False) + _LINE_LABEL_END
)
USAGE_AFTER = re.compile(
    r"^\+?\s*(?:of\s+)?(?:(?:already|currently|still|now)\s+)?(?:(?:total\s+)?"
    + words(["vram", "ram", "memory", "显存", *LANG.ram_words], start=False, end=False)
    # a case ending after an apostrophe ("VRAM'e"); no space after a word in Chinese ("显存就能跑")
    + r"(?:'\w+)?(?:\s+|(?<=[^\x00-\x7f])))?(?:(?:was|is|are|were)\s+)?(?:being\s+)?"
    + words(LANG.usage_words, start=False, end=False)
    # not a label of the next figure (inxi's "total: 32 GiB available: 31.24 GiB")
    + r"(?![\w*]*[ \t]*[:=][ \t]*\d)"
)
# "~11 GB/GPU baseline": a figure of each card's share of a run (language.yaml per_device_use_after)
PER_DEVICE_USE_AFTER = re.compile(
    r"[ \t]*/[ \t]*" + words(LANG.per_device_use_after, start=False)
    if LANG.per_device_use_after
    else r"(?!)"
)
# "96gb allocated as video memory", "16gb vram allocated in bios": set aside for the GPU, not a
# usage figure
VRAM_ASSIGNED_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:vram\s+|ram\s+|memory\s+)?(?:is\s+|are\s+|being\s+)?"
    + words(LANG.vram_assigned, start=False, end=False)
)
# "VRAM: 8 GB allocated (shared from 32 GB system RAM)": a VRAM label's amount set aside, not in use
SET_ASIDE_WORDS = ("allocated", "dedicated", "reserved", "assigned")
SET_ASIDE_AFTER = re.compile(r"^\s*" + literals(SET_ASIDE_WORDS) + r"\b")
VRAM_LABEL_BEFORE = re.compile(words(LANG.vram_labels) + r"[ \t*_]*[:=][ \t*_]*~?[ \t]*$")
# "512MB dedicated in the BIOS": a small VRAM size in megabytes set aside for the graphics
MIB_SET_ASIDE_RE = re.compile(
    r"(?<![\w.])(\d{2,4})\s*(?:mib|mb|m)(?=\s+(?:dedicated|(?:allocated|reserved)\s+(?:to|for|as|in))\b)"
)
# "23.1gb of 24.5gb", "9.5/12 gb": the first amount is the part in use of the second
OF_TOTAL_AFTER = re.compile(
    r"^\s*(?:of|out\s+of|/)\s*(?:(?:my|the|a|total)\s+)?(?:~\s*)?(?:\d{1,4}(?:[.,]\d+)?\s*"
    + GB_UNITS
    + r"|\d{1,7}\s*"
    + MIB_UNITS
    + r")(?![a-z0-9])"
)
# free -h's rows: "Mem:  62Gi  12Gi  40Gi ...": the first figure is the total, the others are in use
# or free; a "Swap:" row is no memory
FREE_ROW = re.compile(r"[ \t]*(mem|swap):[ \t]*(?:(\S)|$)")
# "24GB/512GB", "16g/1tb": a machine's memory, then its storage (a drive's size after the slash),
# not a part in use of a total
STORAGE_AFTER_SLASH = re.compile(
    r"^\s*/\s*(?:(?:128|256|512|1000|1024|2000|2048)\s*"
    + GB_UNITS
    + r"|\d(?:\.\d+)?\s*"
    + TB_UNITS
    + r")(?![a-z0-9])"
)
# "RTX 4090 24GB / 110 GB DDR4": a spec line's items, a card's memory then the system's RAM, not a
# part in use of a total (the card's number right before the first amount, RAM words after the second)
SPEC_SLASH_AFTER = re.compile(
    r"^[ \t]+/[ \t]+\d{1,4}(?:\.\d+)?[ \t]*"
    + GB_UNITS
    + r"[ \t*_]*"
    + words(LANG.ram_words, end=False)
)
CARD_NUMBER_BEFORE = re.compile(r"(?<![\w.])\d{3,4}(?:[ \t]*(?:ti|super|xtx|xt|d))?[ \t]*$")
# "12gb ram as well, out of my 32gb", "3gb of vram (out of 24gb) is in use": the amount after
# this is the total the one before is part of
TOTAL_OF_BEFORE = re.compile(r"(?<![\w])out\s+of\s+(?:(?:my|the|a|total)\s+)?(?:~\s*)?$")
MEMORY_AFTER = re.compile(r"\s*(?:of\s+)?(?:total\s+)?memory\b")
MEMORY_WORD = re.compile(r"(?<![\w])(vram|ram)(?![\w])")
# "the remaining video memory is 10g", "free vram: 6gb": left over or in use, not the size
USAGE_LABEL_BEFORE = re.compile(
    words(LANG.usage_labels)
    + r"(?:\s+"
    + words([*LANG.vram_words, "memory", "ram", "system memory"], end=False)
    + r")?(?:\s*(?:is|was|are|goes(?:\s+up)?|went(?:\s+up)?|reache[sd]|hits?|[:=]))?"
    # ("vram usage: `at least 14GB VRAM`": a bound and a code quote between)
    r"(?:\s*(?:only|just)\b)?(?:\s*[\"'`])?(?:\s*(?:to|at)\b)?"
    r"(?:\s*(?:about|around|~|at\s+least|at\s+most|up\s+to|over)\b)?\s*[\"'`]?$"
)
# a heading over a bulleted list of memory in use ("Memory Footprint"; language.yaml usage_headings),
# and a list's line ("  • System RAM: ~4.3 GB")
USAGE_HEADING_RE = re.compile(words(LANG.usage_headings))
BULLET_LINE_RE = re.compile(r"[ \t]*(?:[-*•·]|\d{1,2}[.)])[ \t]+")
# the total a figure in use is part of, on such a line ("7.1 GB of 8 GB", "14.46 GB out of 16 GB",
# "7.1/8 GB")
LINE_TOTAL_BEFORE = re.compile(
    r"(?:(?<![\w])(?:out\s+)?of\s+(?:(?:my|the|a|total)\s+)?|/\s*)(?:~\s*)?$"
)
# "VRAM footprint: ~42% (13.7 GB)": an amount in parentheses after a share is the part in use
USAGE_SHARE_BEFORE = re.compile(r"\d\s*%\s*\(\s*$")
# "model requires more system memory (19.3 GiB) than is available (14.8 GiB)": a runtime's
# refusal, the model's need, then the RAM free
REFUSAL_NEED_BEFORE = re.compile(words(LANG.refusal_need_before) + r"\s*\(?\s*$")
REFUSAL_FREE_BEFORE = re.compile(words(LANG.refusal_free_before) + r"\s*\(?\s*$")
_FILE_OF = (
    r"(?:"
    + words(LANG.file_formats, end=False)
    + r"|(?<![\w])(?:i?q\d[\w]*|int\d{1,2}|(?:mx|nv)?fp\d{1,2}|bf16|f16|\d+(?:\.\d+)?b))"
)
# "q8 gguf (<4gb)", "int8 (20g)", "8b (4.7gb)": in parentheses after a file format, a quant or a
# size, an amount is the file's size (group "paren"); "the 70B Q4 is 40GB", "Qwen3 32B at 20GB",
# "70b q4 42gb", "...Q4_K_M.gguf 42.5GB": what a size, a quant or a file comes to, unless a memory
# word follows the amount ("32b at 24gb vram")
FILE_SIZE_BEFORE = re.compile(
    _FILE_OF + r"\s*(?:(?P<paren>[(\[]\s*[<~≈]?)|(?:is|are|=|:|at|-|–|—|weighs|weighing)\s*"
    r"(?:about\s+|around\s+|~\s*)?)\s*$"
    + r"|(?<![\w])i?q\d[\w]*\s+$"
    # "a gguf model that is smaler than 3.5GB": the file's size compared, no memory had
    + r"|(?<![\w])(?:(?:model|file|gguf|weights)s?|(?:that|which)\s+(?:is|are))\s+"
    r"(?:smaller|smaler|bigger|larger)\s+than\s*$"
    + r"|"
    + words(LANG.file_formats, end=False)
    + r"[\s,:]+$"
    # a llama-bench table row ("| glm4moe 106B.A12B Q4_K - Medium |  68.01 GiB |  110.47 B |"):
    # the size column after the cell ending in the file's type is the file's size, no memory
    + r"|(?<![\w])(?:i?q\d\w*|bf16|f16|f32|mxfp4\w*)(?:\s*-\s*[a-z]+|\s+moe)?\s*\|\s*$"
)
# "the Q8_K_XL quant from Unsloth (~595gb)", "the Q4_K_M file (20GB)": a quant's file, where it came
# from, then its size in parentheses (searched on a longer window than FILE_SIZE_BEFORE)
FILE_NAMED_PAREN_BEFORE = re.compile(
    _FILE_OF + r"\s+(?:quant|file|gguf)s?(?:\s+(?:from|by)\s+[\w.-]+)?\s*[(\[]\s*[<~≈]?\s*$"
)
# "45 GB  100% GPU", "45 GB 48%/52% CPU/GPU": ollama ps's size of a loaded model and where it runs
PLACED_AFTER = re.compile(r"\s*\d{1,3}%(?:/\d{1,3}%)?\s*(?:cpu|gpu)")
# "512gb ssd", "2TB NVMe", "disk space 500GB", "网络带宽是400GB": storage or a bandwidth, no memory
NOT_MEMORY_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:(?!v?ram\b|memory\b|l?p?ddr)\w+\s+)?"
    + words(LANG.not_memory_after, start=False, end=False)
)
NOT_MEMORY_BEFORE = re.compile(
    words(LANG.not_memory_before, end=False)
    + r"(?:\s*\d+\s*k)?\s*(?:is|are|was|were|of|at|[:=：\-–—]|是)?\s*(?:about\s+|~\s*)?$"
)
NOT_MEMORY_BEFORE_LINKED = re.compile(
    words(LANG.not_memory_before_linked, end=False)
    + r"(?:\s*\d+\s*k)?\s*(?:is|are|was|were|of|at|[:=：\-–—]|是)\s*(?:about\s+|~\s*)?$"
)
# "supports up to 256GB": a board's or a chip's limit, not the memory had
MEMORY_LIMIT_BEFORE = re.compile(words(LANG.memory_limit_before, end=False) + r"\s*$")
# `max_memory={i: "75GB" ...}`, `--gpu-memory 22`: a setting that caps a device's memory
# (language.yaml memory_setting_keys) and what it is set to: its braces' contents, or one value
MEMORY_SETTING_RE = re.compile(
    literals(LANG.memory_setting_keys)
    + r"""(?:[ \t]{0,3}=?[ \t]{0,3}[{(][^\n})]{0,120}|[ \t=:]{1,3}["']?[\d.]{1,6}[ \t]?(?:gib|gb|g|mib|mb)?)"""
    if LANG.memory_setting_keys
    else r"(?!)"
)
# "upgraded my ram from 32gb to 128gb", "went from 32 to": the size had before the change
MEM_UPGRADE_FROM_BEFORE = re.compile(
    words(LANG.memory_upgrade_words, end=False) + r"[^.\n]{0,24}(?<![\w])from\s*$"
)
# "from 32 to 128GB", "from 32gb -> 64gb": the size went to, after the one it went from
# between two figures of use ("using about 55 GB VRAM and then around 90 GB of DRAM", "~20 GB VRAM + ~20
# GB RAM", "allocates 24gb on VRAM then 7gb on RAM"): the second is one too
USAGE_CHAIN_GAP = re.compile(
    r"[ \t]*(?:(?:of|on|in)\s+)?(?:v?ram|memory|dram)?[ \t]*"
    r"(?:(?:,|\+|and|plus)[ \t]*(?:then\s+)?|then\s+)"
    r"(?:around|about|roughly|~)?[ \t]*~?"
)
TO_AMOUNT_AFTER = re.compile(r"[^.\n\d]{0,16}?(?:(?<![\w])to|->|→)\s*~?\d")
# "64GB of RAM which I just upgraded to 128GB", "32gb, upgraded to 64": a size replaced since
MEM_UPGRADED_AFTER = re.compile(
    r"(\s+(?:of\s+)?(?:ddr\d\s+)?(?:system\s+)?(?:ram|memory)(?![\w]))?[\s,;(-]*"
    + words(LANG.memory_upgraded_after)
)
# "whether to upgrade to 256gb": a size still to buy
MEM_PLAN_BEFORE = re.compile(words(LANG.memory_plan_before, end=False) + r"\s*$")
# literals of a memory change or plan: a text with none of them skips those checks
MEM_CHANGE_NEEDS = needs_of([*LANG.memory_upgrade_words, *LANG.memory_plan_before])
# a Markdown escape in a pasted post ("Q3\_K\_XL", "4\*3090"): the character it escapes
MARKDOWN_ESCAPE_RE = re.compile(r"\\(?=[_*])")
# "a 40GB model", "an 18GB q4 model": a model's size (unless it is a card's, "4060 Ti 16GB model")
MODEL_AFTER = re.compile(r"\s*(?:i?q\d\w*\s+)?(?:models?|llms?)\b")
# "can 2x 24GB GPUs run a 40GB model?": a verb of running before a model's file size
FILE_RUN_BEFORE = re.compile(words(LANG.file_size_run_verbs))
# "a 40GB VRAM model": the memory a model takes, said with its kind
MEMORY_MODEL_AFTER = re.compile(r"\s*vram\s+(?:models?|llms?)\b")
# "ram_gb": 16, vram_mb=16376: a tool's key with its unit, then a bare number
KEYED_MEM_RE = re.compile(
    r"(?<![\w])(" + literals(LANG.memory_keys) + r")[\"']?\s*[:=]\s*(\d{1,13}(?:\.\d+)?)(?![\d.])"
)
# "Ram 16", "RAM: 32": a bare number after a RAM label, the last thing on its line of a spec list
BARE_RAM_LINE_RE = re.compile(
    r"(?:^|\n)[ \t*\-]*"
    + words(LANG.bare_ram_labels)
    + r"[ \t*]*[:=：]?[ \t]*(\d{1,4})[ \t]*(?=\n|$)"
)
# after a memory word: not a count of its sticks or channels ("2 ram sticks", "4 ddr4-3200 dimms")
_NOT_STICKS = r"(?!(?:[-\s]?\d{4})?\s*(?:sticks?|slots?|modules?|channels?|dimms?|kits?)\b)"
# "8 vram", "8vram + 16 ram": a number without a unit before a memory word, on the same line and
# not a label of its own ("vCPUs: 8\nRAM: 32 GiB", "vCPUs: 4 RAM: 16 GiB": a spec list's next
# label, whose amount follows it)
UNITLESS_MEM_RE = re.compile(
    r"(?<![\w.])(\d{1,3})[ \t]*("
    + literals(LANG.unitless_memory)
    + r")(?![\w])(?![ \t]*[:=：])"
    + _NOT_STICKS
)
# "running across 4x24", "split over 2x24": a model spread over cards counted by their size, the
# unit left out (a card's size only, after a word that spreads a model over them; not "2x16 ddr4"
# sticks nor PCIe lanes; language.yaml spread_over_words)
CARDS_BY_SIZE_RE = re.compile(
    words(LANG.spread_over_words)
    + r"[ \t]+(\d)[ \t]*[x×][ \t]*(8|10|11|12|16|20|24|32|40|48|80|96)(?![\w%/:-])(?!\.\d)"
    + r"(?![ \t]*(?:ddr|lpddr|ram|memory|pcie|lanes?|slots?|sticks?|dimms?)\b)"
)
# "128 ddr4": a bare number right before a DDR type (the end of the text before it)
BARE_BEFORE_DDR = re.compile(r"(?<![\w.])(\d{1,3})[ \t]*$")
NOT_STICKS_AFTER = re.compile(_NOT_STICKS)
# a variant named by its memory: "the 48 gb unified memory one", "the 24GB version"
VARIANT_ONE_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:(?:unified|ram|vram) )?(?:memory )?(?:one|version|variant)\b"
)
# "you need 96gb VRAM plus around 280gb of ram": a setup prescribed (language.yaml
# prescribed_setup_leads), the GPU's memory then the system's, is the machine
PRESCRIBED_BEFORE = re.compile(
    words(LANG.prescribed_setup_leads) + r"(?:\s+(?:about|around|roughly|at least))?\s*~?\s*$"
    if LANG.prescribed_setup_leads
    else r"(?!)"
)
PRESCRIBED_PAIR_AFTER = re.compile(
    r"\s*(?:of\s+)?(?:vram|gpu\s+memory|video\s+memory)\s*(?:\+|plus|and|with)\s*"
    r"(?:about|around|roughly|~)?\s*~?\s*\d{1,4}(?:\.\d+)?\s*(?:gb|g|tb)\b\s*(?:of\s+)?"
    r"(?:system\s+)?(?:ram|ddr\d|memory)\b"
)
USAGE_BEFORE = re.compile(
    words(LANG.usage_verbs, start=False, end=False)
    # a memory word between ("吃了内存20GB", "uses vram 20gb", "requires more system memory (45 GiB)")
    + r"(?:\s*(?:more\s+|less\s+)?(?:of\s+)?(?:system\s+|gpu\s+|video\s+)?(?:vram|ram|memory|内存|显存))?"
    # (no space before an estimate in Chinese: "占用了约14GB")
    + r"(?:\s*"
    + words(LANG.approximately, end=False)
    + r")?"
    # a bound written as a sign ("needs >= 51 GB host RAM": a requirement quoted, not the RAM had)
    + r"(?:\s*(?:"
    + "|".join(re.escape(w) for w in LANG.usage_bound_signs)
    + r"))?\s*[~(]?\s*$"
)
# a card's name, then "each" before its memory ("two 4060 Ti, each 16GB", "a 3060 and a 3090, each
# with 12 GB")
EACH_GAP_AFTER = re.compile(r"[ \t]*,?[ \t]*each\b")
# "four 3090 GPUs (with a memory of 24GB each": cards counted in words or digits before, a card word
# closing the count (the amount's sentence; spans._cards_counted_before)
CARDS_WORD_COUNTED_BEFORE = re.compile(
    r"(?:(?<![\w.])\d{1,2}|"
    + _NUMWORD
    + r")[ \t][^.!?\n]{0,40}?"
    + words(LANG.card_words, start=False)
)
# between a device and its memory ("3090 with 24gb"), at most 14 characters
ATTACH_GAP_AFTER = re.compile(
    # a letter or two glued to the name first: an edition or a cloud variant ("3080FE", "A10G")
    r"^(?:[a-z]{1,2}(?![\w]))?(?:\s|[,(\-:/]|s\b|'s\b|"
    + words(LANG.memory_joiners, start=False, end=False)
    + r"|"
    + words(LANG.card_memory_mods, start=False, end=False)  # "2080ti modded 22G"
    + r"|ti\b|super\b|laptop\b|mobile\b)*$"
)
# before it ("16gb 3090", "16G显存的4060Ti": 16 GB of VRAM's 4060 Ti)
ATTACH_GAP_BEFORE = re.compile(
    r"^(?:\s|[,(\-:/]|de\b|on\b|显存|的|" + words(LANG.card_memory_mods, end=False) + r"\b)*$"
)
# the maker's words a card's name may start with, between a memory before it and the name the
# catalog matched ("8GB on NVIDIA GeForce RTX 4070", "12G-NVIDIA GeForce RTX2080Ti"): taken off the
# gap first
BRANDS_END = re.compile(
    r"(?:(?<=[\s\-:/(])|^)(?:(?:nvidia|amd|intel|"
    + literals(LANG.brand_words | LANG.board_partner_words)
    + r")[ \t-])+$"
)

# --------------------------------------------------------------------------- cues

CPU_ONLY_RE = re.compile(words(LANG.cpu_only, end=False))
# each wish with its pattern (whole words: "rp" is not "rpm")
WISHES = [(w, skipping(re.compile(words(w.phrases)))) for w in LANG.wishes]
# ... and what, said right after one, makes it the job already done (LANG.wish_settled)
WISH_SETTLED_AFTER = re.compile(r"\s*(?:already\s+)?" + words(LANG.wish_settled))
# ... or what, said right before one, makes it what was run ("using a small model like ...")
WISH_USED_BEFORE = re.compile(
    words(LANG.wish_used_before) + r"\s+(?:(?:a|an|the|this|that|some)\s+)?$"
)
WISH_RELATIVE_BEFORE = re.compile(words(LANG.wish_relative_before) + r"\s+$")
# a comparison's other side right before a no-GPU cue ("slower than on CPU", "vs CPU only")
COMPARED_BEFORE = re.compile(
    r"(?<![\w])(?:than|vs\.?|versus|compared (?:to|with))\s+(?:(?:on|with|using|the|pure) )?$"
)
NEGATED_BEFORE = re.compile(r"(?<![\w])(?:no|not|without|never)\s*$")  # "(no cpu inference)"
# "the MoE experts on the CPU", "layers on cpu": a placement on a machine with a GPU
CPU_PART_BEFORE = re.compile(words(LANG.cpu_part_words) + r"[ \t]*(?:\([^)]{0,16}\)[ \t]*)?$")
COMPARE_RE = re.compile(words(LANG.compare_words))
# two memory sizes said as alternatives ("16GB or 24GB", "64 or 128 GB"), the unit after the
# second at least. The first number keeps its digits (possessive): what follows it starts with
# no digit, so a shorter number never matches where the longer failed, and re would try each
# (tests/test_nlq_scans.py holds language.yaml's size_alternatives to starting with no digit)
SIZE_ALTERNATIVES_RE = re.compile(
    r"(?<![\w.])(\d{1,4}+)\s*(?:gb|g)?\s*(?:"
    + words(LANG.size_alternatives)
    + r")\s*(\d{1,4})\s*(?:gb|g)(?![\w])"
)
HOW_MANY_RE = re.compile(words(LANG.how_many))
UPGRADE_ASKED_RE = re.compile(words(LANG.upgrade_asked))
COUNT_ASKED_RE = re.compile(words(LANG.count_asked))
PC_ALTERNATIVE_RE = re.compile(words(LANG.pc_alternatives))
# an upgrade question: what is added to the machine had, how its options are split, RAM said as
# more of it, and the asking of whether one option is worth it (fitengine/nlq/upgrade.py)
UPGRADE_ADD_RE = re.compile(words(LANG.upgrade_add))
UPGRADE_REPLACE_RE = re.compile(words(LANG.upgrade_replace))
UPGRADE_SPLIT_RE = re.compile(words(LANG.upgrade_option_split))
UPGRADE_MORE_BEFORE = re.compile(words(LANG.upgrade_more_memory) + r"[ \t]*(?:of[ \t]+)?$")
UPGRADE_MORE_AFTER = re.compile(r"^[ \t]*(?:gb|gib|g)?[ \t]*" + words(LANG.upgrade_more_memory))
UPGRADE_WORTH_RE = re.compile(words(LANG.upgrade_worth))
UPGRADE_WHICH_CARD_RE = re.compile(words(LANG.upgrade_which_card))
UPGRADE_NEED_RE = re.compile(words(LANG.upgrade_need))
UPGRADE_ONE_MORE_BEFORE = re.compile(words(LANG.upgrade_one_more) + r"[ \t]+$")
RAM_UPGRADE_RE = re.compile(words(LANG.ram_upgrade_words))
UPGRADE_MORE_WORD = re.compile(words(LANG.upgrade_more_memory))
UPGRADE_OWNED_BEFORE = re.compile(words(LANG.upgrade_owned_before) + r"[ \t]+$")
_SIGN = "|".join(re.escape(s) for s in LANG.money_signs)
# never from inside a run of digits: each start there re-reads the run to its end (a pasted
# 2,000-digit number took a second); a match inside one starts at the run's first digit anyway
_AMOUNT = r"(?<!\d)(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(k)?"
# "$2,000", "$2k", "2000$", "1500 dollars": the amount (group 1 or 3) and a thousands "k"
MONEY_RE = re.compile(
    rf"(?:{_SIGN})\s?{_AMOUNT}|{_AMOUNT}\s?(?:{_SIGN}|(?:{'|'.join(LANG.money_words)})\b)"
)
# "1.500€", "€2.000": thousands grouped by a dot (an amount of money is never a fraction of a
# unit in a hardware question)
DOT_THOUSANDS_RE = re.compile(r"\d{1,3}\.\d{3}")
# "just over 3k for a 5090": a bare thousands figure said as a price, not a context
PRICE_BEFORE = re.compile(r"(?:" + words(LANG.price_before) + r"|" + _SIGN + r")\s*~?$")
PRICE_AFTER = re.compile(r"\s*" + words(LANG.price_after))
SETUP_JOINER_RE = re.compile(words(LANG.setup_joiners))


def _currency_patterns(cur, signs, rest: bool = True) -> tuple[re.Pattern, ...]:
    """A currency's amounts (language.yaml `currencies`), each with groups `num` (may be absent:
    "千元") and `mult` ("k", "万"): after one of `signs` ("¥3000", "rmb 40,000"), before a
    currency word ("5000元", "2万块", "40k rmb"; "块" not right before a number: "3块3090" is
    three cards), after a budget word ("预算5000") and before a multiplier only it has ("1.5
    lakh"); with `rest` false the signs' amounts alone. Thousands grouped by commas, by spaces ("150 000 руб") or the Indian way
    ("1,50,000")."""
    num = (
        r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}"
        r"|\d{1,3}(?:[ \u00a0]\d{3})+(?![ \u00a0]?\d)|\d+(?:\.\d+)?)"
    )
    mult = "|".join(
        [
            "k",
            *(
                (r"(?<=\d)" if m in cur.attached_only else "") + re.escape(m)
                for m in cur.multipliers
            ),
        ]
    )
    pats = []
    if signs:
        signs = "|".join(re.escape(s) for s in signs)
        pats.append(rf"(?<![a-z])(?:{signs})[ \t]?{num}[ \t]?(?P<mult>{mult})?(?![0-9a-z]|[.,]\d)")
    if rest and cur.words:
        # a word of letters ends where the word does; one of characters is never right before a
        # number ("3块3090": three cards)
        cwords = "|".join(
            re.escape(w) + (r"(?![0-9a-z])" if w.isascii() else r"(?![ \t]?\d)") for w in cur.words
        )
        alone = (
            "|".join(re.escape(m) for m in cur.multipliers if m not in cur.attached_only) or "(?!)"
        )
        pats.append(rf"(?:{num}[ \t]?(?P<mult>{mult})?|(?P<alone>{alone}))[ \t]?(?:{cwords})")
    if rest and cur.budget_words:
        bwords = "|".join(re.escape(w) for w in cur.budget_words)
        pats.append(
            rf"(?:{bwords})[ \t:：~=约]*{num}[ \t]?(?P<mult>{mult})?(?![ \t]?[0-9a-z]|[.,]\d)"
        )
    if rest and cur.sole_multipliers:
        sole = "|".join(re.escape(m) for m in cur.sole_multipliers)
        pats.append(rf"{num}[ \t]?(?P<mult>{sole})(?![0-9a-z])")
    return tuple(re.compile(p) for p in pats)


# amounts of money in other currencies and the dollars each unit is worth: "预算不过千元" ~$140;
# CURRENCY_NEEDS: one of these is in every such amount (a text with none is not scanned). Signs
# two currencies write ("¥": yen or yuan) are the one's whose `shared_when` the text matches
# (a Japanese text's "¥" is yen), read before the other's (its reading of the span is dropped)
CURRENCY_NEEDS = tuple(
    dict.fromkeys(
        w
        for cur in LANG.currencies
        for w in (
            *cur.signs,
            *cur.shared_signs,
            *cur.words,
            *cur.multipliers,
            *cur.budget_words,
        )
    )
)
CURRENCY_RES = tuple(
    (rx, cur.usd_per_unit, cur.multipliers, re.compile(cur.shared_when))
    for cur in LANG.currencies
    if cur.shared_signs
    for rx in _currency_patterns(cur, cur.shared_signs, rest=False)
) + tuple(
    (rx, cur.usd_per_unit, cur.multipliers, None)
    for cur in LANG.currencies
    for rx in _currency_patterns(cur, cur.signs)
)
# "best gpu under 1000", "budget is 2k", "a 1.5k budget": an amount with no currency, a budget
# by the words around it (groups as MONEY_RE's); not one followed by a unit ("under 1000w")
BARE_BUDGET_RE = re.compile(
    rf"{words(LANG.budget_leads + LANG.budget_words)}[\s:~=]*{_AMOUNT}(?![\w]|[.,]\d)"
    rf"|{_AMOUNT}\s?{words(LANG.budget_after)}"
)
# the same after the word budget: money whatever else the number could name (not before it: "a
# 3060 budget build" is a card)
BUDGET_WORD_RE = re.compile(rf"{words(LANG.budget_words)}[\s:~=]*{_AMOUNT}(?![\w]|[.,]\d)")
# a question about which hardware to buy ("best gpu", "which card should I get")
SHOPPING_RE = re.compile(words(LANG.hardware_shopping))
CARD_WORD_RE = re.compile(words(LANG.card_words))
# a line labelled with the plural of a card word ("GPUs: 2x RTX 3060 12GB, RTX 3090 24GB"): the
# cards listed on it with commas are the machine's (matched from the line's start)
CARDS_LINE_LABEL = re.compile(
    r"[ \t*•-]*"
    + words([w for w in LANG.card_words if w.endswith("s") or _unspaced(w)])
    + r"\s*[:：=]"
)
# cards listed one a line ("GPU: RTX A4000\nGPU: RX 6900XT", "- 3090\n- 3060"): one machine
LIST_GAP = re.compile(
    r"[ \t,;|*•-]*\n[\s,;|*•-]*(?:(?:gpu\s*\d?|card\s*\d?)\s*[:=]?\s*)?(?:"
    + literals(LANG.count_lead_words)
    + r"\s*)?(?:and[ \t]+)?(?:an?[ \t]+)?"  # "...\n\nan MI50 ...\n\nand a 3060"
)
# a card list after a head that names cards or devices and a colon, on the line of the first card
# ("Detected different devices in the system: NVIDIA GeForce RTX 4080 SUPER, NVIDIA GeForce RTX
# 3060"; language.yaml card_list_heads)
CARDS_LIST_HEAD = re.compile(words(LANG.card_list_heads) + r"[^:：\n]{0,32}[:：][^:：\n]{0,24}$")
# cards one a line, each at its line's start after a bullet, a number or a short label ("- AMD RX
# 9070 XT 16GB\n- NVIDIA RTX 3060 Ti 8GB", "GPU - Radeon 6900xt\nGPU - GTX 1080ti", "Bottom slot:
# NVIDIA RTX 3090 (24 GB GDDR6X) — the workhorse\nTop slot: Intel Arc Pro B70"): the gap between two
# of them is the rest of the first one's line (its memory, a few words and no figure), then the next
# line's label
CARD_LINE_LEAD = (
    r"(?:[-*•+][ \t]*|\d{1,2}[.)][ \t]+|[a-z]{1,12}(?:[ \t]+[a-z]{1,12})?[ \t]*\d?[ \t]*[:：-][ \t]*)?"
    r"(?:(?:nvidia|amd|intel)[ \t]+)?"
)
CARD_LINE_GAP = re.compile(
    r"[ \t]*(?:\([^()\n]{0,24}\)|\d{1,3}(?:\.\d)?[ \t]*(?:gb|g|gib)\b[^\n\d]{0,12})?[^\n\d]{0,24}"
    r"\n[ \t]*(?:\n[ \t]*)?" + CARD_LINE_LEAD
)
CARD_LINE_START = re.compile(r"(?:^|\n)[ \t]*" + CARD_LINE_LEAD + r"$")
# after the last card of a rig, one amount said of them all ("I have a RTX 3060 and RTX 4070 in my
# system, both 12GB"; language.yaml card_pair_words, per_card_words): each card's memory
BOTH_MEMORY_AFTER = re.compile(
    r"[^.;?!\n]{0,30}?"
    + words([*LANG.card_pair_words, *LANG.per_card_words])
    + r"[ \t,:]*(?:(?:with|have|has|are|at)[ \t]+)?(\d{1,3})[ \t]*(?:gb|g)\b"
)
# a card's memory in parentheses right after its name ("a6000 (48gb)", "MI50 (32 gb version)")
PAREN_MEMORY_LEAD = re.compile(r"^[ \t]*\([^()\n]{0,24}\)")
# a list's separator between two cards: a comma, perhaps "and", an article or a count ("4090, 3090",
# "an a6000 (48gb), an MI50", "1x 4090, 2x 3090"; its memory in parentheses taken off first)
LIST_COMMA_GAP = re.compile(
    r"[ \t]*[,，][ \t]*(?:(?:and|&)[ \t]+)?(?:(?:an?|one|the)[ \t]+|\d{1,2}[ \t]*[x×*][ \t]*)?"
)
# a card and the next one counted with only a space between ("tp3 5090 2x3080 20GB", "1x5090
# 2x3080"): one rig's cards, each with its count
COUNTED_SPACE_GAP = re.compile(r"[ \t]+\d{1,2}[ \t]*[x×*][ \t]*")
# two names with only a comma between ("4090, 3090, 3090")
COMMA_GAP = re.compile(r"[ \t]*[,，][ \t]*")
CHOICE_RE = re.compile(words(LANG.choice_words))
# "... which model should I use instead": a model named to be replaced (catalog/language.yaml)
REPLACEMENT_RE = re.compile(words(LANG.replacement_words))
BETTER_OTHERS_ASKED_RE = re.compile(words(LANG.better_others_asked))
BETTER_MODEL_ASKED_RE = re.compile(words(LANG.better_model_asked))
NAMED_AND_OTHERS_RE = re.compile(words(LANG.named_and_others))
# the model in use, said right before its name: "I have gemma 3 12b", "I'm still using mistral large"
CURRENT_MODEL_BEFORE = re.compile(words(LANG.current_model_before) + r"(?:\s+[^\W\d]+){0,2}\s*$")
# ... or the model tried ("Already tried in Ollama those models: Devstral-Small")
TRIED_MODEL_BEFORE = re.compile(
    words([*LANG.current_model_before, *LANG.tried_model_before])
    + r"(?:[\s:,(]+[^\W\d]+){0,4}[\s:,(]*$"
)
# the other models asked for beside one tried: "what else should I try?", "which is better?"
ALTERNATIVES_ASKED_RE = re.compile(words(LANG.alternatives_asked))
# ... a model judged poor after its name, within its sentence ("their results were pretty bad")
JUDGED_POOR_RE = re.compile(words(LANG.judged_poor_after))
JUDGED_OUT_RE = re.compile(words(LANG.judged_out_after))
# ... or said to run well ("gemma 4 31b runs fine on my 5090")
RUNS_FINE_RE = re.compile(words(LANG.runs_fine_after))
# ... and others asked for beyond several models named ("similar models that you recommend")
OTHERS_ASKED_RE = re.compile(words(LANG.others_asked))
# ... unless what is weighed is the machine ("anything better than a 2060", a device right after)
# or the tried model's own quant ("what is the best model quant for it?")
BETTER_THAN_RE = re.compile(r"\bbetter\s+th[ae]n\s+(?:(?:an?|my|the|your)\s+)?")
QUANT_WEIGHED_RE = re.compile(r"\b(?:which|what|best)\b[^.?!\n]{0,30}?\bquant")
# on the ~24 characters before an amount (choose.assign_memory)
ASKED_MEMORY_BEFORE = re.compile(
    r"\b(?:"
    + "|".join(map(re.escape, LANG.asked_memory_leads))
    + r")\s+(?:(?:a|an|the|my|only)\s+)?$"
)
# "which model", "best llm": a model asked for (the phrases the Discord bot's rigs read too)
# ... not the model's own settings ("the best model quant", "which model settings")
MODEL_WANTED_RE = re.compile(
    words(LANG.model_wanted) + r"(?![\s\-]+(?:quant|setting|config|format|file|flag|option))"
)
# "what's the best NSFW model?", "recommend me a coding model": a lead, up to three words, a model
# noun (catalog/language.yaml model_asked_leads, model_asked_nouns)
MODEL_ASKED_LOOSE_RE = re.compile(
    words(LANG.model_asked_leads)
    + r"(?: [a-z\u00e0-\u024f\u0430-\u044f]+){0,3}?\s+"
    + words(LANG.model_asked_nouns)
)
# "what should the jetson run?", "what would you recommend": a model asked for, in so many words
# (the verb is looked for on the few words after each lead)
RUN_ASKED_RE = re.compile(words(LANG.run_asked_leads))
RUN_ASKED_VERB_AFTER = re.compile(r"^(?:\s+[^\W\d_]+){0,3}?\s+" + words(LANG.run_asked_verbs))
# "what gpu", "hardware for", "how much vram": the machine is what is asked (catalog/language.yaml)
HARDWARE_WANTED_RE = re.compile(words(LANG.hardware_wanted))
CARD_WANTED_RE = re.compile(words(LANG.card_wanted))
BUY_FOR_SIZE_RE = re.compile(words(LANG.buy_for_size))
# "qwen model", "gemma ones": a family as the subject of a list, read after the family's name
FAMILY_NOUN_AFTER = re.compile(r"^[\s-]*" + words(LANG.family_list_nouns))
# ... or the end of the name read ("a llama model" as one unsure name)
FAMILY_NOUN_END = re.compile(r"[\s-]" + words(LANG.family_list_nouns) + r"$")
# "largest qwen", "best gemma": ... or before it, the last word
FAMILY_CHOICE_BEFORE = re.compile(
    words([*LANG.choice_words, *(p for w in LANG.wishes if w.order for p in w.phrases)]) + r"\s*$"
)
# "can my 3060 run gemma?", "running llama on a pi": a family as what is to run, read before it
FAMILY_RUN_BEFORE = re.compile(words(LANG.family_run_verbs) + r"\s*$")
# ... with the name ending there ("run gemma?", "run llama on a pi"; not "run GPT J 6b")
FAMILY_RUN_AFTER = re.compile(r"\s*(?:$|[?.!,;:)]|" + words(LANG.family_run_after) + ")")
# "30 t/s", "18.46 tokens per second": a speed a device reports
SPEED_RE = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)?\s*"
    + alternation([*LANG.speed_units, *LANG.speed_units_per_minute])
    + r"(?![\w])"
)
# ... said right before a model's name as the one it was measured with ("I get about 40~45 tok/s
# with qwen3 32b"): the model run, as a model tried is (choose._tried_asks_others)
SPEED_WITH_BEFORE = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)?\s*"
    + alternation(LANG.speed_units)
    + r"[ \t,]+(?:with|using|running|from|on)[ \t]+$"
)
# ... of those, a speed per minute ("4 tokens per minute"): the figure is read as a sixtieth
SPEED_PER_MINUTE_RE = re.compile(alternation(LANG.speed_units_per_minute) + r"$")
# a speed wished for ("at least 30 t/s", "100+ tok/s") or measured ("I'm getting 12 tok/s"): the
# words right before the figure, or right after its unit (catalog/language.yaml)
SPEED_WISH_BEFORE = re.compile(words(LANG.speed_wish_before) + r"[ \t]*~?$")
SPEED_WISH_AFTER = re.compile(r"^[ \t]*" + words(LANG.speed_wish_after))
SPEED_LIST_BEFORE = re.compile(words(LANG.speed_list_before) + r"[ \t]*~?$")
# (an adverb or two between: "gets consistently around 78 tok/s", "got up to 49t/s")
_REPORTED_ADVERB = (
    r"(?:[ \t]+(?:about|around|like|maybe|roughly|between|consistently|usually|typically"
    r"|only|just|up[ \t]to|over|at[ \t]max|at[ \t]most|at[ \t]best|max))?"
)
SPEED_REPORTED_BEFORE = re.compile(
    words(LANG.speed_reported_before) + _REPORTED_ADVERB + _REPORTED_ADVERB + r"[ \t]*~?$"
)
# ... and what follows a unit that is such a label
SPEED_LABEL_AFTER = re.compile(r"[ \t]*[:=][ \t]*~?\d")
# "Tokens per second: 46 vs 43", "TG t/s = 12.5": a speed's unit said as a label, the figure
# after it without a unit (group 1)
SPEED_LABEL_RE = re.compile(
    r"(?<![\w/])" + alternation(LANG.speed_units) + r"[ \t]*[:=][ \t]*~?(\d+(?:[.,]\d+)?)(?![\d%])"
)
# "prefill is 100 tok/s", "pp512: 900 t/s": a prompt-reading speed someone measured
PREFILL_REPORTED_BEFORE = re.compile(
    words(LANG.prefill_reported_nouns)
    + r"(?:[ \t]?(?:is|was|at|of|only|about|around|roughly|=|:)){0,3}[ \t]*~?$"
)
# "decode is 4-17 tok/s", "avg generation throughput 72.8 tokens/s": a decode someone measured
DECODE_REPORTED_BEFORE = re.compile(
    words(LANG.decode_reported_nouns)
    + r"(?:[ \t]?(?:is|was|at|of|only|about|around|roughly|between|=|:)){0,3}[ \t]*~?$"
)
# "the token generation speed of Qwen3 Next Q4_K_M is roughly 24 t/s": a noun of decoding, what it
# is of, then the figure (the words before it read further back than a speed's own words)
DECODE_OF_REPORTED_BEFORE = re.compile(
    words(LANG.decode_reported_nouns)
    + r"[ \t]+(?:of|for|on|with)[ \t][^.!?\n]{0,60}?[ \t](?:is|was|are|were)"
    + r"(?:[ \t]+(?:about|around|roughly|only|just))?[ \t]*~?$"
)
# "18 token/s TG", "165 token/s PP": what a figure is said right after its unit (markdown's
# emphasis or code marks between them)
DECODE_REPORTED_AFTER = re.compile(r"^[ \t`*]*[(,]?[ \t]*" + words(LANG.decode_reported_nouns))
PREFILL_REPORTED_AFTER = re.compile(r"^[ \t`*]*[(,]?[ \t]*" + words(LANG.prefill_reported_nouns))
# "~15 t/s with Vulkan (Ollama 0.12.11)": a figure and the llama.cpp build it was measured on
SPEED_RUN_AFTER = re.compile(
    r"^[ \t`*]*"
    + words(LANG.speed_run_after)
    + r"[ \t]+(?:the[ \t]+)?("
    + words(LANG.backend_words)
    + ")"
)
# "the speed from 15T/s max to 39T/s": the figure a speed changed to, the one measured now
SPEED_CHANGED_BEFORE = re.compile(
    words(LANG.speed_changed_from)
    + r"[ \t]+~?\d+(?:[.,]\d+)?[^\d\n.!?]{0,24}?[ \t]"
    + words(LANG.speed_changed_to)
    + r"[ \t]*~?$"
)
# "SYCL about 7 t/s", "TorchChat : 1.85 tokens/sec", "LM Studio gives 70 t/s": a run labelled
# by its backend or program (a verb of getting between them)
SPEED_LABELLED_BEFORE = re.compile(
    "("
    + words([*LANG.backend_words, *LANG.speed_run_labels])
    + ")"
    + r"[ \t:=]*(?:"
    + words(LANG.speed_reported_before)
    + r"[ \t]+)?(?:(?:about|around|roughly|approx\.?|only|just)[ \t]+)?~?$"
)
# ... and the figure it changed from ("went from 40 t/s to 35 t/s"): a run measured before
SPEED_CHANGED_FROM_BEFORE = re.compile(words(LANG.speed_changed_from) + r"[ \t]*~?$")
SPEED_CHANGED_TO_AFTER = re.compile(
    r"[^\d\n.!?]{0,24}?[ \t]" + words(LANG.speed_changed_to) + r"[ \t]+~?\d"
)
# "11-12 tok/s", "between 45 and 60 tokens/sec", "4 to 17 t/s": the low end of a range said
# right before the figure with the unit (its words before are read before the range)
SPEED_RANGE_BEFORE = re.compile(
    r"(?:(?<![\w])between[ \t]+)?~?(?<![\w.])(\d+(?:[.,]\d+)?)[ \t]*(?:-|–|~|～|to|and)[ \t]*~?$"
)
# "GLM-5.2 on a 7900 XTX with 64 GB RAM: 0.77 tok/s": a figure standing after a colon is what the
# setup before it did
SPEED_AFTER_COLON = re.compile(r":[ \t]*~?$")
# "capped at 280 watts", "280W power limit": a GPU's power limit said
POWER_LIMIT_RE = re.compile(
    words(LANG.power_limit_before)
    + r"[ \t]*~?(\d{2,4})[ \t]*(?:w|watts?)(?![\w])"
    + r"|(?<![\w.])(\d{2,4})[ \t]*(?:w|watts?)[ \t]+"
    + words(LANG.power_limit_after)
)
SENTENCE_STOP_RE = re.compile(r"[.?!](?=\s|$)|\n")
# the measurement was made with speculative decoding on ("with MTP enabled already")
SPECULATIVE_SAID_RE = re.compile(words(LANG.speculative_said))
SPEED_FIGURE_RE = re.compile(r"\d+(?:[.,]\d+)?")
# "50+ t/s": a figure with a plus before its unit, a wish
SPEED_PLUS_RE = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)?[ \t]?\+[ \t]?" + alternation(LANG.speed_units) + r"(?![\w])"
)
# "... the 3090 gets 30": a bare figure after a verb of speed, once the other device had a unit
# a run's time said as a figure with a unit word ("23 seconds"), and a card said as someone
# else's ("my friend has a 4090": the owner within the words before it, in its clause)
RUN_TIME_RE = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)?\s*" + alternation(LANG.run_time_units) + r"(?![\w])"
)
OTHER_OWNER_BEFORE = re.compile(
    words(LANG.other_owners)
    + r"[^.,;:?!\n]{0,12}?\s"
    + words(LANG.other_owner_verbs)
    + r"[^.,;:?!\n]{0,16}$"
)
SPEED_BARE_RE = re.compile(r"(?<![\w])(?:gets?|does|do|runs?|at|=|:)\s*~?\d+(?:[.,]\d+)?(?![\w.])")
ADDING_RE = re.compile(words(LANG.adding_words))
CONTRAST_RE = re.compile(words(LANG.contrast_words))
GAIN_OVER_RE = re.compile(
    words(LANG.gain_nouns)
    + r"[^.;:!?\n]{0,60}?"
    + words(LANG.gain_over_words)
    + r"[^.;:!?\n]{0,24}$"
)
RUN_OUTCOME_RE = re.compile(words(LANG.run_outcome_words))
CHOICE_BETWEEN = re.compile(words(LANG.choice_between) + r"[\s\w]{0,12}$")
SETUP_BETWEEN = re.compile(words(LANG.setup_between) + r"[\s\w]{0,14}$")
COMPARE_VERB_BEFORE = re.compile(
    words(LANG.compare_verbs_before) + r"(?:[ \t]{1,3}[\w-]{1,30}){0,3}[ \t]{1,3}$"
)
APU_WITH_CARD_RE = re.compile(words(LANG.apu_with_card_words))
CHOICE_AFTER = re.compile(r"[\s,:;?-]{0,4}" + words(LANG.choice_after, start=False))
# a card replaced by the next one: an upgrade word before it (same sentence), "to" / "with" between
UPGRADE_BEFORE = re.compile(words(LANG.upgrade_words) + r"[^.?!\n]{0,40}$")
UPGRADE_GAP = re.compile(
    r"^[^.?!\n]{0,16}?(?:(?<![\w])(?:to|with|for|into)|->|→|=>)"
    r"(?:\s+(?:a|an|the|my))?(?:\s+(?:new|newer))?\s*$"
)
ALTERNATIVE_RE = re.compile(words(LANG.alternative_words))
# "laptop with a rtx 3050", "mobile 4080"; "3070 laptop", "rtx 5090 24gb laptop"
LAPTOP_BEFORE = re.compile(
    words(LANG.laptop_words)
    # "laptop with a 4060", "my laptop has a 4060", "the laptop's 3070"
    + r"(?:'s|\s+(?:with|w/|has|had|got)|\s*(?:"
    + literals(LANG.laptop_joiners)
    + r"))?(?:\s+an?)?[\s\-]*(?:(?:nvidia|geforce|rtx|gtx|rx|radeon)\s*)*$"
)
# "I'm on a notebook with 64GB RAM and a 5080": the machine the person is on, a laptop, said
# earlier in the sentence the card is named in, with no other machine between
ON_LAPTOP_BEFORE = re.compile(
    r"(?<![\w])(?:on|in|using|use|have|own|got|bought)[ \t]+(?:a|an|my)[ \t]+(?:\w+[ \t]+)?"
    + words(LANG.laptop_words)
    + r"(?:(?!desktop|tower|pc\b|workstation|server|rig\b)[^.!?\n]){0,56}$"
)
LAPTOP_AFTER = re.compile(
    r"^(?:\s|-|s\b|ti\b|super\b|\d{1,2}\s*"
    + GB_UNITS
    + r"\b|"
    + literals(LANG.laptop_joiners)
    + r")*"
    + words(LANG.laptop_words)
)
# a device or amount wished for, planned or someone else's, not had ("if i had a 5090"): a cue
# before it in the same sentence, or after it ("... is out of my price range")
# (a clause that turns with "but" ends it: "I cannot get access to 4xL4, but I tried with 4xA30")
HYPOTHETICAL_BEFORE = re.compile(
    words(LANG.hypothetical_before) + r"(?:(?!\bbut\b)[^.?!\n]){0,40}$"
)
HAD_BEFORE = re.compile(words(LANG.had_before) + r"[^.?!\n]{0,12}$")
# a device ruled out right before its name ("no A100s", "instead of an A100", "没有A100"; language.yaml
# negated_before), not a lack of the device's own ("no 5090 support": negation_not_after)
NEGATED_DEVICE_BEFORE = re.compile(
    words(LANG.negated_before)
    + r"[ \t]*(?:(?:a|an|any|the|nvidia|amd|intel|geforce|radeon)[ \t]+)?$"
    if LANG.negated_before
    else r"(?!)"
)
NEGATION_NOT_AFTER = re.compile(
    r"(?:s|'s)?[\s-]+" + words(LANG.negation_not_after) if LANG.negation_not_after else r"(?!)"
)
FORMER_BEFORE = re.compile(words(LANG.former_before) + r"[^.?!\n]{0,20}$")
# a device said as had anywhere ("my 3090", "I have a mac"): a question about it, not a purchase
HAD_RE = re.compile(words(LANG.had_before))
PRICE_PAID_RE = re.compile(words(LANG.price_paid_words))
# the writer's own device ("I have an rtx 4080s", "my 3060ti"): an owning phrase right before it
OWNER_BEFORE = re.compile(
    words(LANG.owner_before) + r"(?:(?!" + words(LANG.owner_former) + r")[^.?!\n]){0,16}$"
)
# a device named as what a model needs ("needs 8xH100", "requires an H100 80GB"): language.yaml
# requirement_before, then at most an article, "at least" or a count
REQUIRED_BEFORE = re.compile(
    words(LANG.requirement_before)
    + r"[ \t]+(?:(?:an?|at[ \t]+least)[ \t]+)?(?:\d{1,2}[ \t]*[x×*]?[ \t]*)?$"
    if LANG.requirement_before
    else r"(?!)"
)
# a device named as a document's subject ("the DGX Spark guide", "Strix Halo's playbook"):
# language.yaml document_after_device, right after the name
DOCUMENT_AFTER = re.compile(
    r"(?:'s|’s)?[ \t-]*" + words(LANG.document_after_device)
    if LANG.document_after_device
    else r"(?!)"
)
# a device weighed as an option in its sentence ("considering building a 2x R9700 rig")
OPTION_CUE_RE = re.compile(words(LANG.option_cues))
# the writer's own memory ("I have 256gb ram only", "I have an rtx 4080s (16gb graphics ram) with
# 64gb ram"): an owning phrase earlier in the amount's sentence (tests/test_nlq_regex BOUNDED)
OWN_MEMORY_BEFORE = re.compile(
    words([*LANG.had_before, *LANG.own_memory_before]) + r"[^.?!\n。！？]{0,48}$"
)
TOOL_READING_NEEDS = needs_of(LANG.tool_reading_verbs)
TOOL_READING_BEFORE = re.compile(
    words(LANG.tool_reading_verbs) + r"(?: [a-z0-9']+){0,3}? as (?:having |only |just )?~?[ \t]*$"
)
HYPOTHETICAL_AFTER = re.compile(r"[^.?!\n]{0,24}?" + words(LANG.hypothetical_after))
# "Old GPU: AMD RX6800XT": a spec list's line of a card the machine no longer has
# a list separator right after a name (language.yaml model_list_joiners): a word of Latin or
# Cyrillic letters with a space before it ("70b and 405b", "70b и 405b"), a sign or a word of a
# script without spaces glued or not ("70b, 405b", "70b、405b", "70b和405b")
_SPACED_JOINERS = [j for j in LANG.model_list_joiners if j.isalpha() and not _unspaced(j)]
_GLUED_JOINERS = [j for j in LANG.model_list_joiners if j not in _SPACED_JOINERS]
LIST_AFTER_RE = re.compile(
    r"\s*(?:"
    + "|".join(map(re.escape, sorted(_GLUED_JOINERS, key=len, reverse=True)))
    + r")|\s+(?:"
    + "|".join(map(re.escape, sorted(_SPACED_JOINERS, key=len, reverse=True)))
    + r")\b"
)
# "Rig: i7-14700KF, NVidia 4090, NVidia 4070 TI Super": the label of the machine as it is now
RIG_LABEL_RE = re.compile(words(LANG.rig_labels) + r"[ \t*]*[:：]")
FORMER_DEVICE_LINE = re.compile(r"[ \t*\-]*" + words(LANG.former_device_labels) + r"[ \t*]*[:=]")
# a processor's name with its integrated graphics ("AMD Ryzen AI 9 HX 370 w/ Radeon 890M")
CPU_GRAPHICS_RE = re.compile(
    r"(?:ryzen|core|intel|amd|apu|cpu|\bi[3579]-?\d{4,5})[^\n]{0,40}?"
    + literals(LANG.cpu_graphics_joiners)
    + r"[ \t]*(?:"
    + words(LANG.cpu_graphics_names)
    + r"|\d{3,4}[ms](?![\w]))"
)
# inside a name matched with a filler word ("RTX 2070 with Max-Q")
LAPTOP_WORD_RE = re.compile(words(LANG.laptop_words))
EXTERNAL_CARD_RE = re.compile(words(LANG.external_card_words))
MOBILE_CPU_RE = re.compile(r"\d(?:hx|hs|hk|hq|h|u|p|g\d)(?![\w])")
# a word near a bare amount beside a card that says it is the system's RAM (choose._ram_shaped);
# "_" read as a space first ("ram_capacity")
RAM_CONTEXT_RE = re.compile(
    words([*LANG.ram_labels, *LANG.ram_words, *LANG.ram_context_words], end=False) + r"(?![a-z])"
)
# the same word taken by a card's memory ("gpu memory", "shared memory")
CARD_MEMORY_WORD_BEFORE = re.compile(
    words([*LANG.vram_qualifiers, *LANG.unified_words, "gpu", "video", "graphics"]) + r"\s*$"
)
# where a sentence or a spec line ends ("slower). ... CPU: ...")
SENTENCE_END_RE = re.compile(r"\n|[.!?](?:\s|$)")
# an amount that is an item of a list of the machine's parts ("7800X3D / 7900 XTX / 64 GB", "win
# 11,rx6600, i7 11700k, 32g", "5090+192GB")
LIST_ITEM_BEFORE = re.compile(r"[,/|+;][ \t]*$")
# a machine's processor or host said with an amount of memory and no card ("16 core & 64 gb memory")
HOST_CUE_RE = re.compile(words(LANG.host_memory_cues))
SERVER_WORD_RE = re.compile(words(LANG.server_words))
HOME_SERVER_RE = re.compile(words(LANG.home_server_words))
CPU_MACHINE_RE = re.compile(words(LANG.cpu_machine_words))
CPU_LAPTOP_RE = re.compile(words(LANG.cpu_laptop_lines))
CARD_RUNTIME_RE = re.compile(words(LANG.card_runtime_words))
RAM_MACHINE_RE = re.compile(words(LANG.ram_machine_words))
OLD_MACHINE_RE = re.compile(words(LANG.old_machine_words))
# a gaming laptop's line named before the GPU in the same sentence ("Legion 5 Pro with RTX 3070")
LAPTOP_LINE_BEFORE = re.compile(words(LANG.laptop_lines) + r"[^.!?\n]{0,56}$")
# the same line heading a list of its parts ("I have a MSI Pulse 17 B13V computer :\n* 12 cores\n*
# 1 Iris Intel GPU\n* 1 nvidia RTX 4060"): the card on a bullet of the list
# ... or said after it, in the same sentence ("the RTX 5070 or the Radeon 890M iGPU on my laptop")
ON_LAPTOP_AFTER = re.compile(
    r"^(?:(?!desktop|tower|pc\b|workstation|server|rig\b)[^.!?\n]){0,64}?"
    r"(?<![\w])(?:on|in|of|inside)[ \t]+(?:a|an|my|the|this)[ \t]+(?:\w+[ \t]+)?"
    + words(LANG.laptop_words)
)
LAPTOP_LIST_BEFORE = re.compile(
    words(LANG.laptop_lines) + r"[^.!?\n]{0,56}:[ \t]*(?:\n[ \t]*[*•-][^\n]{0,60}){1,6}$"
)
LAPTOP_NEEDS = needs_of([*LANG.laptop_words, *LANG.laptop_lines])
# a computer named by its product line ("ThinkPad T14 Gen 1 AMD"): the line, then each word of its
# model, one at a time (a name word or a short code with a number: "t14", "5i", "9500")
MACHINE_LINE_RE = re.compile(words(LANG.machine_lines))
MACHINE_WORD_AFTER = re.compile(
    # a model word, or a code with its number ("t14", "um890", "ms-a2", "evo-x2")
    r"[ \t-]+(?:"
    + words(LANG.machine_words)
    + r"|(?:[a-z]{1,3}-)?[a-z]{0,3}\d{1,4}[a-z]{0,3}(?![\w.]))"
)
MACHINE_MAKER_BEFORE = re.compile(words(LANG.machine_makers) + r"[ \t]+$")
# whose machine: "my ThinkPad", "an XPS", "our Latitude"
MACHINE_OWNER_BEFORE = re.compile(r"(?<![\w])(?:my|our|a|an|the|on|with)[ \t]+(?:\w+[ \t]+)?$")
MAC_LINE_RE = re.compile(words(p for ps in LANG.mac_lines.values() for p in ps))
MAC_WORD_RE = re.compile(words(LANG.mac_words))
# the platform said as a Mac's with no chip ("OS: macOS", "### GPU\n\nApple", "for Metal"); the
# separators of an issue template's field are read as a space
MAC_PLATFORM_RE = re.compile(words(LANG.mac_platform_words))
MAC_PLATFORM_FIELD_RE = re.compile(r"\bgpu[\s:#*|_-]{1,12}apple(?![\w])")
# "my Intel Arc GPU": a card line without its model number (not "Arc A770", "Arc Pro B60", "Arc 140V"
# nor "Arc Graphics")
GPU_LINE_RE = re.compile(
    words(LANG.gpu_lines)
    + r"(?![ \t]*(?:pro[ \t]*)?[a-z]?\d)(?![ \t]*"
    + words(LANG.gpu_line_igpu_words)
    + ")"
)
GPU_LINE_MAKER_BEFORE = re.compile(words(LANG.gpu_line_makers) + r"[ \t]+$")
GPU_LINE_CARD_AFTER = re.compile(r"[ \t]+" + words(LANG.gpu_line_card_words))
RADEON_CUE_RE = re.compile(words(LANG.radeon_cues))
AMD_WORD_RE = re.compile(words(["amd"]))
AMD_GPU_WORD_RE = re.compile(words(LANG.radeon_amd_gpu_words))
MAC_TIER_AFTER = re.compile(r"[ \t]*(" + words(LANG.mac_tiers) + ")")
# groups counted with a measure word, their cards in parentheses ("4个(nvlink的双2080ti 22G)": four
# pairs; "3x (2x 3090)"), on the 24 characters before the cards' own count
GROUPS_BEFORE_PAREN = re.compile(
    r"(?<![\w.])(\d{1,2})[ \t]*(?:个|套|组|台|x|×)[ \t]*[（(][^()（）\n]{0,12}$"
)
# right after a device's name, its count times each one's memory ("H800 1*80G", "A100 2*40G",
# "4090 2x24GB")
COUNT_TIMES_MEMORY_AFTER = re.compile(
    r"[ \t]*[（(]?[ \t]*(\d{1,2})[ \t]*[x×*][ \t]*\d{1,3}(?:\.\d+)?[ \t]*(?:gb|gib|g)(?![a-z])"
)
# between a card's name and an amount said with a RAM word, the words that make it the card's own
# ("6700M GPU with 10GB RAM", "4090显卡只有24GB内存", "3090 which has 24 GB of memory")
CARD_RAM_GAP = re.compile(
    r"[ \t]*(?:gpus?|cards?|graphics[ \t]+card|显卡|的显卡)?[ \t,，]*"
    r"(?:(?:with|which[ \t]+has|that[ \t]+has|has|having|only[ \t]+has|has[ \t]+only|只有|有|仅有)"
    r"[ \t]*(?:only[ \t]*|just[ \t]*)?(?:a[ \t]+|an[ \t]+)?)?[ \t]*"
)
# a device the catalog lacks said as a discrete card (language.yaml discrete_card_words)
DISCRETE_CARD_RE = re.compile(words(LANG.discrete_card_words))
# a bare digit after a Mac's line: its chip's generation ("mac mini 4", "mac studio 2 ultra": M4,
# M2 Ultra); not a screen size ("macbook pro 16"), an age or an amount ("mac mini 2 years old")
MAC_GEN_AFTER = re.compile(
    r"[ \t]*m?([1-9])(?![\w.])(?![ \t]*(?:gb|gib|g|tb|years?|yrs?|months?|weeks?|days?|hours?|"
    r"x|×|units?|times|of|[/+-]))"
)
# "M1 MacBook Pro": a base chip said before its Mac's line, where the catalog's names put it after
# ("macbook pro m1"); the "pro" of the line is no M1 Pro
CHIP_BEFORE_LINE_RE = re.compile(
    r"(?<![\w])(m\d) ("
    + literals(
        p for ps in LANG.mac_lines.values() for p in ps if p not in LANG.mac_words_with_memory
    )
    + r")(?![\w])",
    re.I,
)
INTEL_MAC_RE = re.compile(words(LANG.intel_mac_words))
# "2 MBP's", "3 mac minis": a count of Macs of a line, never the chip "M2 Pro" with its M left out
COUNTED_LINE_RE = re.compile(
    r"\d{1,2}[ \t]+" + words(p for ps in LANG.mac_lines.values() for p in ps) + r"(?:'?s)?"
)
# between a memory's own word and the Mac word after it ("48gb of ram on my mac")
MAC_MEMORY_GAP = re.compile(r"^\s*(?:" + words(LANG.mac_memory_between) + r")?\s*$")
# a phrase as matched, separators taken out ("macbook-air") -> its product line
MAC_LINE_OF = {re.sub(r"[\s\-._]+", "", p): line for line, ps in LANG.mac_lines.items() for p in ps}

# --------------------------------------------------------------------------- sizes ("a 14b model")

# "Q3 or a quantized KV cache?": a weight quant offered against the KV cache lever
QUANT_OR_KV_RE = re.compile(
    r"^[^\n.?!]{0,12}?\bor[ \t]+(?:[^\W\d_]+[ \t]+){0,3}?" + words(LANG.kv_lever_words)
)
# "scale to 1M", "extend it up to 512k": the context wanted, over one said before it
CTX_TARGET_RE = re.compile(
    words(LANG.context_target_verbs)
    + r"[ \t]+(?:it[ \t]+|that[ \t]+)?(?:up[ \t]+)?to[ \t]+(\d+(?:\.\d+)?)[ \t]?(k|m)\b"
)
SIZE_RE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*b(?![\w])")
# "keeps recommending 7b models": someone else's pick, not the size asked for
SIZE_REPORTED_BEFORE = re.compile(words(LANG.reported_size_verbs) + r"(?:\s+[^\W\d]+){0,2}\s*$")
SIZE_OUT_OF_REACH_BEFORE = re.compile(
    words(LANG.size_out_of_reach_before) + r"(?:\s{1,3}[^\W\d]{1,24}){0,2}[\s(]{0,4}$"
)
# ... and the model it recommended ("is suggesting TinyLlama", "gives qwen2.5-coder:1.5b")
REPORTED_MODEL_BEFORE = re.compile(
    words([*LANG.reported_size_verbs, *LANG.reported_model_verbs]) + r"(?:\s+[^\W\d]+){0,2}\s*$"
)
# ... and the kind it recommended ("keeps recommending tiny models"): no wish of the person's
REPORTED_PICK_RE = re.compile(
    words(LANG.reported_size_verbs) + r"[ \t]+[^\W\d_]+(?:[ \t]+[^\W\d_]+)?"
)
SIZE_GENERIC_BEFORE = re.compile(
    "(?:" + words(LANG.size_words_before, end=False) + r"|(?<![^\W\d_]\s)(?<![\w.])\d+)\s*$"
)
# a brand word and a model number ("rtx 4900", "rx 8900 xtx"): a device name, known or not
# ("tesla k80s", "quadro m6000" with a letter before the number; "gtx 950m" with a mobile one
# after; a plural "s")
DEVICE_NUMBER_RE = re.compile(
    r"(?<![\w])"
    + literals(LANG.brand_words)
    + r"(?:\s+pro)?\s*-?\s*(?:[a-z]{1,2}\s?-?\d{2,5}|\d{3,5})(?:\s*(?:ti|super|xtx|xt|gre)|"
    + literals(LANG.device_suffixes)
    + r")?(?:s|'s)?(?![\w])"
)
# a device's model number as a word of its own ("the 7800", "RX 7900 XT")
DEVICE_NUMBER_ALONE = re.compile(r"(?<![\w.])\d{3,5}(?![\w.])")
# a device's code without a brand ("L20", "GB200", "MX450") said as a card: a count glued before it
# ("8x", "8卡") or a card word right after it ("L20 GPU", "GB200 cards"; see unknown_hardware_mentions)
CODE_NAME_RE = re.compile(r"[a-z]{1,3}\d{2,4}[a-z]{0,2}")
DIGIT_CODE_RE = re.compile(r"\d{3,4}[a-z]")


CARD_CUE_AFTER = re.compile(
    r"\s*(?:"
    + words(LANG.card_words, start=False)
    + r"|accelerators?\b|\(?\d{1,3}\s*"
    + GB_UNITS
    + r"(?![a-z]))"
)
# a code after a count, a card word or a brand ("AMD Instinct MI308X", "NVIDIA T600"): a card's
CARD_CUE_BEFORE = re.compile(
    r"(?:(?<![\w.])\d{1,2}\s*[x×*]|卡|(?<![\w])(?:"
    + literals(LANG.brand_words | {"amd", "intel", "gpu", "gpus", "card", "cards"})
    + r")[:\s]?)\s*$"
)
PHONE_RE = re.compile(words(LANG.phone_words))
# "best model for my android phone": the machine asked about is a phone (language.yaml)
# a machine said by what it is, no chip named ("my android phone", "my NAS"): its words, and the
# other machines that, said beside it, are the one asked about (language.yaml machine_stand_ins)
MACHINE_STAND_INS = [
    (m, re.compile(words(m.words)), re.compile(words(m.not_with)) if m.not_with else None)
    for m in LANG.machine_stand_ins
]
# "DRIVE Thor": a word before a device's name that makes it another product of its chip
OTHER_PRODUCT_BEFORE = re.compile(words(LANG.other_product_before) + r"[ \t-]*$")
# a cloud instance by its type ("g5.xlarge", "ml.g5.2xlarge", "p4d.24xlarge", "g5.48xl"): group 1
# the family (language.yaml cloud_instances), group 2 the size
# (Google Cloud's "a2-highgpu-4g", "g2-standard-48": groups 3 and 4)
CLOUD_INSTANCE_RE = re.compile(
    r"(?<![\w.])(?:ml\.)?("
    + literals({k for k in LANG.cloud_instances if "-" not in k})
    + r")\.(\d*xl(?:arge)?|metal)(?![\w])"
    + r"|(?<![\w.-])("
    + literals({k for k in LANG.cloud_instances if "-" in k})
    + r")-(\d{1,3}g?)(?![\w-])"
)
# an Azure GPU size ("Standard_NC24ads_A100_v4", "NC64asT4v3", "ND96asr_v4"): group 1 the series,
# 2 the size number, 3 the accelerator said, 4 the version (language.yaml azure_instances)
AZURE_INSTANCE_RE = re.compile(
    r"(?<![a-z0-9])(?:standard[_ ])?(n[cd])(\d{1,3})[a-z]{0,5}?[_ -]?"
    r"(a100|h100|h200|t4|mi300x)?[_ -]?(v\d)(?![a-z0-9])"
)
# any other instance written as AWS types are ("c5.large", "m7i.8xlarge", "p4dn.24xlarge"): an
# instance, its letters and digits no device's name (a family language.yaml cloud_instances lists
# is read first)
OTHER_INSTANCE_RE = re.compile(
    r"(?<![\w.])(?:ml\.)?[a-z]{1,3}\d{1,2}[a-z]{0,4}\.(?:\d*xl(?:arge)?|metal|large|medium|small|micro|nano)(?![\w])"
)
# a device's short name right after a word that makes it one's own or counts it ("my spark")
OWNED_DEVICE_RE = re.compile(
    words(LANG.owned_device_leads)
    # hyphenated only after a count ("single-Spark"; "my-spark" is a package's name)
    + r"(?:\s+|(?<=single)-|(?<=one)-)("
    + literals(set(LANG.owned_device_names))
    + r")(?![\w-])"
)
NETWORK_GEN_RE = re.compile(r"[345]\s?g")  # "5g" after a phone's name
OWNED_BEFORE = re.compile(r"(?<![\w])(?:my|on|on\s+my|on\s+a|an?)\s+$")
# a code said as the device the person has ("my MX450", "I have a L20", "using an A16"): a card
# or chip the catalog lacks, asked about as unknown rather than left unread
OWNED_CODE_BEFORE = re.compile(
    r"(?<![\w])(?:my|our|(?:have|had|own|got|using|use|bought|with|on)\s+(?:an?|my|the|two|2))\s+$"
)
# an APU by its bare model number and its G ("3400g", "5600ge"), not a memory size
APU_NUMBER_RE = re.compile(r"(?<![\w.])\d{4}ge?(?![\w])")
ARCH_WORD_RE = re.compile(words(LANG.architecture_words))
# a generation said of cards ("dual mixed 24GB Ampere eGPUs", "two Ampere cards"): the cards' NVIDIA
# generation (language.yaml architecture_words), never a processor family of the same name (the
# Ampere Altra); the card word right after it, a plural "e" or "-" allowed ("eGPUs", "e-GPUs")
ARCH_CARDS_AFTER = re.compile(
    r"[ \t]*" + words([*LANG.card_words, "egpu", "egpus", "e-gpu", "e-gpus"])
)
# a count of cards said by their generation in the plural ("384gb of VRAM from four blackwells",
# "2x amperes"): of the card named, when it is of that generation
ARCH_COUNT_RE = re.compile(
    r"(?:(?<![\w.])(\d{1,2})[ \t]*[x×]?|("
    + _NUMWORD
    + r"))[ \t]+"
    + "("
    + words(LANG.architecture_words, end=False)
    + r")s(?![\w])"
)
# a datacenter card's form factor said after its memory ("A100 80GB PCIe", "H100 94GB NVL")
FORM_AFTER_RE = re.compile(r"[\s,(-]*(pcie|pci-e|sxm\d?|nvl)(?![\w])")
# a phone, a tablet or a phone chip: a word of language.yaml unlisted_devices, then up to four
# short words, one with a digit ("pixel 8 pro", "xiaomi redmi note 9 pro", "snapdragon 8 gen3")
UNLISTED_DEVICE_RE = re.compile(words(LANG.unlisted_devices))
# of those, an accelerator card (language.yaml unlisted_accelerators): a count said with it counts cards
UNLISTED_ACCEL_RE = re.compile(words(LANG.unlisted_accelerators))
# a device of language.yaml unlisted_names, with its model number if one follows ("uhd graphics 620")
UNLISTED_NAME_RE = re.compile(words(LANG.unlisted_names) + r"(?:[ \t]*\d{2,4}\b)?")
SHORT_WORD_RE = re.compile(r"[\s\-]*([a-z0-9+]{1,6})(?![\w])")
# a word that may be part of a model's name (a Latin-script word: "的" before "9b" names nothing),
# and one right before a size, perhaps with its version ("gemma 5 12b"); on a 30-character window
NAME_WORD_RE = re.compile(rf"[^\W\d_{_UNSPACED}][\w.\-]*")
NAME_BEFORE_SIZE = re.compile(rf"[^\W\d_{_UNSPACED}][\w.\-]*(?:\s+\d+(?:\.\d+)?)?\s*$")
# a size said as a bound ("over 100b", "under 10b", "70b+", "14b or smaller"): the words right
# before it (a hyphen allowed: "sub-8b") or right after it
# "best 8b model", "which sub-10b": a choice word right before a size (a bound word between)
SIZE_CHOSEN_BEFORE = re.compile(
    words(LANG.choice_words)
    + r"(?:[ \t]+"
    + words([*LANG.size_at_least_before, *LANG.size_at_most_before])
    + r")?[ \t-]*$"
)
# (a bound said of a rough size too: "under ~30b parameters")
SIZE_AT_LEAST_BEFORE = re.compile(words(LANG.size_at_least_before) + r"[ \t-]*(?:~[ \t]*)?$")
SIZE_AT_MOST_BEFORE = re.compile(words(LANG.size_at_most_before) + r"[ \t-]*(?:~[ \t]*)?$")
SIZE_AT_LEAST_AFTER = re.compile(r"^[ \t]*" + words(LANG.size_at_least_after))
SIZE_AT_MOST_AFTER = re.compile(r"^[ \t]*" + words(LANG.size_at_most_after))
# a range of sizes ("from 7B to 32B", "between 14b and 32b", "7-32b"): the two sizes
SIZE_RANGE_RE = re.compile(
    r"(?<![\w.])(?:"
    + words(LANG.size_range_between)
    + r"\s+(\d+(?:\.\d+)?)\s*b?\s+and\s+|(\d+(?:\.\d+)?)\s*b?\s*"
    + words(LANG.size_range_joiners)
    + r"\s*)(\d+(?:\.\d+)?)\s*b(?![\w])",
    re.I,
)
SIZE_GENERIC_AFTER = re.compile(r"^\s*-?\s*" + words(LANG.size_words_after, start=False, end=False))
SIZE_ACTIVE_AFTER = re.compile(r"^[ \t-]*" + words(LANG.size_active_after, end=False))

# --------------------------------------------------------------------------- names

# a number of two digits or more glued to a word of three letters or more ("arca770"); it starts
# with a digit, so re skips to the digits of the text
GLUED_NUMBER_RE = re.compile(r"\d(?<=[^\W\d_]{3}\d)\d")
TOKEN_RE = re.compile(rf"[^\W\d_{_UNSPACED}]+|[{_UNSPACED}]+|\d+(?:\.\d+)?|[^\w\s]")
# TOKEN_RE on a text with no character beyond ASCII (most questions): the same matches without
# testing each letter against the Unicode classes (names.tokenize runs it over every question)
TOKEN_ASCII_RE = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?|[^\w\s]")
# the same as split patterns: the tokens at odd places, the text between them at even ones
TOKEN_SPLIT = re.compile(f"({TOKEN_RE.pattern})")
TOKEN_ASCII_SPLIT = re.compile(f"({TOKEN_ASCII_RE.pattern})")
ALNUM_SPLIT = re.compile(rf"[^\W\d_{_UNSPACED}]+|[{_UNSPACED}]+|\d+(?:\.\d+)?")
CORES_RE = re.compile(r"(?<![\w.])\d{1,3}\s*-?\s*(?:c|cores?|core)(?:\s+gpu)?(?![\w])", re.I)
# "a quad-core cpu", "8 core": how many cores a processor has, not a CPU family
CORE_COUNT_RE = re.compile(rf"\b(?:{NUMWORD_ALT}|\d+)[\s-]*cores?\b")
TAKEN_RE = re.compile(rb"\x01+")

# "my other 2 3060's", "the other two 3090s": the rest of the writer's cards, counted after one
# of them was named ("one of my RTX 3060's")
OTHER_COUNT_RE = re.compile(rf"\bother\s+(\d{{1,2}}|{NUMWORD_ALT})[\s-]*(?:x\s*)?")
# "on my 4090 for a long time ... so I got 2x 5090s" (choose._got_since)
FORMER_USE_AFTER = re.compile(r"[^.?!\n]{0,60}?" + words(LANG.former_use_after))
# a training word right before a card, in its clause (language.yaml training_before)
TRAINING_BEFORE = lead(
    re.compile(
        words(LANG.training_before, end=False)
        + r"[^,.;?!，。；？！\n]{0,12}?(?:\d{1,2}\s*(?:x|卡|张|块|个)\s*)?$"
    )
)
ACQUIRED_BEFORE = lead(
    re.compile(
        words(LANG.acquired_before) + r"[\s(]*(?:an?\s+|\d{1,2}\s*x\s*|two\s+|a\s+pair\s+of\s+)?$"
    )
)
# "I already have 2x A6000 and ...": the cards had, said right before the first of them
ALREADY_HAD_BEFORE = lead(re.compile(words(LANG.already_had_before) + r"[^.,;:?!\n]{0,16}$"))
# first characters of every match (see `led`)
CPU_RE = lead(CPU_RE)
VERSION_RE = led(
    "[" + "".join(sorted({re.escape(w[0]) for w in LANG.version_words} | {"b", "v"})) + r"\d]",
    VERSION_RE,
)
YEAR_RE = led(r"[12]", YEAR_RE)
HEX_RUN_RE = led(r"[0-9a-f]", HEX_RUN_RE)
UNIT_RE = led(r"[\d$€£\-px]", UNIT_RE)
SPEED_RE = led(r"\d", SPEED_RE)
CTX_K_RE = led(r"\d", CTX_K_RE)
CTX_AFTER_RE = led(r"\d", CTX_AFTER_RE)
CTX_TOKENS_RE = led(r"\d", CTX_TOKENS_RE)
BPW_RE = led(r"\d", BPW_RE)
BITS_RE = led(r"[@\d]", BITS_RE)
FPBITS_RE = led(r"[fin]", FPBITS_RE)
QUANT_TOKEN_RE = led(r"[uiq]", QUANT_TOKEN_RE)
MEM_RE = led(r"\d", MEM_RE)
TB_RE = led(r"\d", TB_RE)
TB_BARE_RAM_RE = led(r"\d", TB_BARE_RAM_RE)
MIB_RE = led(r"\d", MIB_RE)
KIB_RE = led(r"\d", KIB_RE)
MIB_SET_ASIDE_RE = led(r"\d", MIB_SET_ASIDE_RE)
MIB_PAIR_END_RE = led(r"\d", MIB_PAIR_END_RE)
OWNED_COUNT_RE = lead(OWNED_COUNT_RE)
ORDINAL_CARD_RE = led(r"\d", ORDINAL_CARD_RE)
TOOL_READING_BEFORE = lead(TOOL_READING_BEFORE)
MIB_VRAM_RE = led(r"\d", MIB_VRAM_RE)
VRAM_MIB_LABELLED_RE = lead(VRAM_MIB_LABELLED_RE)
UNITLESS_MEM_RE = led(r"\d", UNITLESS_MEM_RE)
CARDS_BY_SIZE_RE = lead(CARDS_BY_SIZE_RE)
SIZE_RE = led(r"\d", SIZE_RE)
APU_NUMBER_RE = led(r"\d", APU_NUMBER_RE)
# searched over the text or the window before a match; the first characters read from the pattern
COUNT_BEFORE = lead(COUNT_BEFORE)
NODE_COUNT_BEFORE = lead(NODE_COUNT_BEFORE)
MEM_COUNT_BEFORE = lead(MEM_COUNT_BEFORE)
DDR_RE = lead(DDR_RE)
CPU_ONLY_RE = lead(CPU_ONLY_RE)
CPU_GEN_RE = lead(CPU_GEN_RE)
SOCKET_CPU_RE = lead(SOCKET_CPU_RE)
SOFTWARE_RE = lead(SOFTWARE_RE)
NOT_ESTIMATED_RES = {kind: lead(rx) for kind, rx in NOT_ESTIMATED_RES.items()}
COMPARE_RE = lead(COMPARE_RE)
ALTERNATIVE_RE = lead(ALTERNATIVE_RE)
APU_WITH_CARD_RE = lead(APU_WITH_CARD_RE)
HOW_MANY_RE = lead(HOW_MANY_RE)
COUNT_ASKED_RE = lead(COUNT_ASKED_RE)
UPGRADE_ASKED_RE = lead(UPGRADE_ASKED_RE)
PC_ALTERNATIVE_RE = lead(PC_ALTERNATIVE_RE)
UPGRADE_ADD_RE = lead(UPGRADE_ADD_RE)
UPGRADE_REPLACE_RE = lead(UPGRADE_REPLACE_RE)
UPGRADE_SPLIT_RE = lead(UPGRADE_SPLIT_RE)
UPGRADE_WORTH_RE = lead(UPGRADE_WORTH_RE)
UPGRADE_BEFORE = lead(UPGRADE_BEFORE)
HYPOTHETICAL_BEFORE = lead(HYPOTHETICAL_BEFORE)
OWNER_BEFORE = lead(OWNER_BEFORE)
OPTION_CUE_RE = lead(OPTION_CUE_RE)
FORMER_BEFORE = lead(FORMER_BEFORE)
CONTEXT_QUESTION_RE = lead(CONTEXT_QUESTION_RE)
DEPTH_SPEED_RE = lead(DEPTH_SPEED_RE)
BACKEND_QUESTION_RE = lead(BACKEND_QUESTION_RE)
WHY_SLOW_RE = lead(WHY_SLOW_RE)
CONTEXT_LIMIT_RE = lead(CONTEXT_LIMIT_RE)
SLOW_COMPLAINT_RE = lead(SLOW_COMPLAINT_RE)
EXPECTED_RE = lead(EXPECTED_RE)
FAILURE_RE = lead(FAILURE_RE)
PREALLOCATING_RE = lead(PREALLOCATING_RE)
MEMORY_TAKEN_RE = lead(MEMORY_TAKEN_RE)
QUANT_QUESTION_RE = lead(QUANT_QUESTION_RE)
ALL_ON_GPU_RE = lead(ALL_ON_GPU_RE)
SPARE_ROOM_RE = lead(SPARE_ROOM_RE)
RAM_PLENTY_RE = lead(RAM_PLENTY_RE)
OFFLOAD_WAY_RE = lead(OFFLOAD_WAY_RE)
KV_QUANTIZED_RE = lead(KV_QUANTIZED_RE)
THOUSANDS_BEFORE = lead(THOUSANDS_BEFORE)
VRAM_BRAND_BEFORE = lead(VRAM_BRAND_BEFORE)
BOTH_BEFORE = lead(BOTH_BEFORE)
OTHER_PRODUCT_BEFORE = lead(OTHER_PRODUCT_BEFORE)
OWNED_CODE_BEFORE = lead(OWNED_CODE_BEFORE)
CLOUD_INSTANCE_RE = lead(CLOUD_INSTANCE_RE)
OTHER_INSTANCE_RE = lead(OTHER_INSTANCE_RE)
AZURE_INSTANCE_RE = lead(AZURE_INSTANCE_RE)
OWNED_DEVICE_RE = lead(OWNED_DEVICE_RE)
MACHINE_LINE_RE = lead(MACHINE_LINE_RE)
CARD_COUNT_QUESTION_RE = lead(CARD_COUNT_QUESTION_RE)
CARDS_UNSAID_COUNT_RE = lead(CARDS_UNSAID_COUNT_RE)
CTX_TARGET_RE = lead(CTX_TARGET_RE)
CTX_BEFORE_RE = lead(CTX_BEFORE_RE)
CTX_FLAG_RE = lead(CTX_FLAG_RE)
KV_BEFORE_RE = lead(KV_BEFORE_RE)
USAGE_BEFORE = lead(USAGE_BEFORE)
USAGE_LABEL_BEFORE = lead(USAGE_LABEL_BEFORE)
REFUSAL_NEED_BEFORE = lead(REFUSAL_NEED_BEFORE)
REFUSAL_FREE_BEFORE = lead(REFUSAL_FREE_BEFORE)
TOTAL_OF_BEFORE = lead(TOTAL_OF_BEFORE)
RAM_BEFORE = lead(RAM_BEFORE)
VRAM_BEFORE = lead(VRAM_BEFORE)
FILE_SIZE_BEFORE = lead(FILE_SIZE_BEFORE)
NOT_MEMORY_BEFORE = lead(NOT_MEMORY_BEFORE)
NOT_MEMORY_BEFORE_LINKED = lead(NOT_MEMORY_BEFORE_LINKED)
DEVICE_LABEL_BEFORE = lead(DEVICE_LABEL_BEFORE)
DEVICE_NUMBER_RE = lead(DEVICE_NUMBER_RE)
GPU_CORES = lead(GPU_CORES)
LAPTOP_BEFORE = lead(LAPTOP_BEFORE)
SIZE_GENERIC_BEFORE = lead(SIZE_GENERIC_BEFORE)
CARD_CUE_BEFORE = lead(CARD_CUE_BEFORE)
PARALLEL_RE = lead(PARALLEL_RE)
COUNT_BACK_RE = lead(COUNT_BACK_RE)
CARD_COUNT_RE = lead(CARD_COUNT_RE)
MONEY_RE = lead(MONEY_RE)
PHONE_RE = lead(PHONE_RE)
SETUP_JOINER_RE = lead(SETUP_JOINER_RE)
# every other pattern: re's search skips to the places where one of its matches can start (the
# same program, so the same matches); WISHES' patterns are compiled with it where they are built
for _name, _rx in list(globals().items()):
    if isinstance(_rx, re.Pattern) and isinstance(_rx.pattern, str):
        globals()[_name] = skipping(_rx)

_CTX_NEEDS = needs_of(LANG.context_words)
# Literals a pattern cannot match without (one of them is in every match): a text with none of
# them skips the scan, which on a long message costs more than the test.
NEEDS: dict[re.Pattern, tuple[str, ...]] = {
    DDR_RE: ("ddr",),
    CHANNEL_RE: minimal(LANG.channel_words),
    RAM_SPEED_RE: minimal(LANG.ram_speed_units),
    PARALLEL_RE: (
        *needs_of([*LANG.parallel_words, *LANG.parallel_after]),
        *minimal(LANG.parallel_flags),
        *needs_of(LANG.team_words),
        *minimal(
            (
                "with 1",
                "with 2",
                "with 3",
                "with 4",
                "with 5",
                "with 6",
                "with 7",
                "with 8",
                "with 9",
            )
        ),
    ),
    CTX_REDUCED_RE: needs_of(LANG.context_reduced_words),
    CPU_GEN_RE: minimal(LANG.cpu_generation_words),
    OWNED_DEVICE_RE: tuple(LANG.owned_device_names),
    CLOUD_INSTANCE_RE: ("xl", "metal", "gpu-", "standard-"),
    AZURE_INSTANCE_RE: ("_v", "v2", "v3", "v4", "v5"),
    CARDS_BY_SIZE_RE: needs_of(LANG.spread_over_words),
    VRAM_MIB_LABELLED_RE: ("arch",),
    OTHER_INSTANCE_RE: (
        ".xl",
        "large",
        ".metal",
        ".medium",
        ".small",
        ".micro",
        ".nano",
        "0xl",
        "1xl",
        "2xl",
        "4xl",
        "8xl",
    ),
    SOFTWARE_RE: needs_of(LANG.software),
    **{NOT_ESTIMATED_RES[k]: needs_of(v) for k, v in LANG.not_estimated.items() if v},
    YEAR_RE: ("199", "20"),
    CTX_FLAG_RE: minimal(LANG.context_flags),
    CTX_BEFORE_RE: _CTX_NEEDS,
    CTX_AFTER_RE: _CTX_NEEDS,
    CTX_TOKENS_RE: ("token",),
    FULL_CTX_RE: _CTX_NEEDS,
    NEGATED_VARIANT_RE: needs_of(LANG.variant_negations),
    CONTEXT_QUESTION_RE: ("context", "ctx", "room for"),
    DEPTH_SPEED_RE: ("slow", "context", "speed", "crawl"),
    BACKEND_QUESTION_RE: needs_of(LANG.backend_questions),
    WHY_SLOW_RE: needs_of(LANG.why_slow_questions),
    CONTEXT_LIMIT_RE: needs_of(LANG.context_limit_words),
    CTX_CHANGE_RE: ("->", "→", "=>", "⇒", "from"),
    CONTEXT_EACH_RE: needs_of(LANG.context_each_words),
    CTX_SCALED_RE: tuple(LANG.token_scale_words),
    DOC_PAGES_RE: needs_of(LANG.page_words),
    SLOW_COMPLAINT_RE: needs_of(LANG.slow_complaints),
    EXPECTED_RE: needs_of(LANG.expected_questions),
    CARD_COUNT_QUESTION_RE: ("both", "two"),
    OFFLOAD_WAY_RE: ("expert", "layer", "ngl", "exps"),
    BACKEND_WORD_RE: tuple(LANG.backend_words),
    MAC_WORD_RE: ("mac", "apple"),
    BPW_RE: ("bpw", "bit", "b/w"),
    BITS_RE: ("bit",),
    WEIGHT_FORMAT_RE: needs_of(LANG.weight_formats),
    FPBITS_RE: ("fp", "int"),
    QUANT_TOKEN_RE: ("q",),
    TB_RE: ("tb", "tib", "to"),
    TB_BARE_RAM_RE: needs_of(LANG.ram_words),
    UNITLESS_MEM_RE: minimal(LANG.unitless_memory),
    BARE_RAM_LINE_RE: needs_of(LANG.bare_ram_labels),
    KEYED_MEM_RE: minimal(LANG.memory_keys),
    LABELLED_BYTES_RE: ("bytes",),
    FOUND_DEVICES_RE: ("found", "gpu:", "gpus:", *needs_of(LANG.device_count_keys)),
    STORAGE_FORM_RE: (".2",),
    SERVER_MODEL_RE: ("m3", "m4", "m5", "m6", "m7", "m8"),
    DEVICE_LINE_RE: ("gpu", "device", *LANG.device_log_backends),
    LSPCI_GPU_RE: ("controller",),
    NVSMI_ROW_RE: ("|",),
    GPU_MEMORY_ITEM_RE: ("gpu",),
    NVSMI_BARE_ROW_RE: ("|",),
    # (round latency10: word lists most questions hold none of, scanned or searched whole)
    RADEON_CUE_RE: needs_of(LANG.radeon_cues),
    AMD_WORD_RE: ("amd",),
    PREALLOCATING_RE: needs_of(list(LANG.preallocating_servers)),
    BUDGET_WORD_RE: needs_of(LANG.budget_words),
    TOTAL_CARDS_RE: minimal(LANG.total_count_leads),
    NCMOE_SAID_RE: minimal(LANG.n_cpu_moe_flags),
    LAYERS_SAID_RE: minimal([*LANG.gpu_layers_flags, *LANG.gpu_layers_keys, "layers"]),
    IGPU_SHARE_NAME_RE: minimal(LANG.igpu_share_name_words),
    # (round latency11: whole-text searches of the settings and the tried-model reading)
    SERVING_STACK_RE: minimal(LANG.serving_stacks),
    QUANT_WEIGHED_RE: ("quant",),
    BETTER_THAN_RE: ("better",),
    HOW_MANY_RE: needs_of(LANG.how_many),
    CARD_COUNT_RE: minimal(LANG.card_words),
    MIB_RE: ("mb", "mib", "megabyte", "mebibyte"),
    SIZE_RE: ("b",),
    CPU_ONLY_RE: needs_of(LANG.cpu_only),
    CPU_MACHINE_RE: needs_of(LANG.cpu_machine_words),
    CPU_LAPTOP_RE: needs_of(LANG.cpu_laptop_lines),
    CARD_RUNTIME_RE: needs_of(LANG.card_runtime_words),
    RAM_MACHINE_RE: needs_of(LANG.ram_machine_words),
    OLD_MACHINE_RE: needs_of(LANG.old_machine_words),
    COUNT_FLAG_RE: minimal(LANG.count_flags),
    SPLIT_FLAG_RE: minimal(LANG.split_flags),
    DEVICE_LIST_VAR_RE: minimal(LANG.device_list_vars),
    COUNT_BACK_RE: needs_of(LANG.count_back),
    DEVICE_NUMBER_RE: minimal(LANG.brand_words),
    PHONE_RE: needs_of(LANG.phone_words),
    SOCKET_CPU_RE: needs_of(LANG.socket_words),
    MIB_VRAM_RE: needs_of(LANG.vram_labels),
    NOT_MEMORY_BEFORE: needs_of(LANG.not_memory_before),
    NOT_MEMORY_BEFORE_LINKED: needs_of(LANG.not_memory_before_linked),
    MEMORY_LIMIT_BEFORE: needs_of(LANG.memory_limit_before),
    FILE_SIZE_BEFORE: (*minimal(LANG.file_formats), "q", "int", "fp", "f16", "b", " than"),
    ARCH_WORD_RE: needs_of(LANG.architecture_words),
    UNLISTED_DEVICE_RE: needs_of(LANG.unlisted_devices),
    UNLISTED_NAME_RE: needs_of(LANG.unlisted_names),
    CHOICE_RE: needs_of(LANG.choice_words),
    REPLACEMENT_RE: needs_of(LANG.replacement_words),
    BETTER_OTHERS_ASKED_RE: needs_of(LANG.better_others_asked),
    BETTER_MODEL_ASKED_RE: needs_of(LANG.better_model_asked),
    NAMED_AND_OTHERS_RE: needs_of(LANG.named_and_others),
    TOOL_TROUBLE_RE: ("tool", "function"),
    MODEL_WANTED_RE: needs_of(LANG.model_wanted),
    RUN_ASKED_RE: needs_of(LANG.run_asked_leads),
    SPEED_RE: needs_of([*LANG.speed_units, *LANG.speed_units_per_minute]),
    # the question's asks: word lists most questions hold no phrase of
    DEFECT_RE: needs_of(LANG.defect_questions),
    FAILURE_RE: needs_of(LANG.failure_words),
    QUANT_QUESTION_RE: needs_of(LANG.quant_questions),
    QAT_RE: needs_of(LANG.qat_words),
    ALL_ON_GPU_RE: needs_of(LANG.all_on_gpu_words),
    SPARE_ROOM_RE: needs_of(LANG.spare_room_words),
    KV_QUANTIZED_RE: needs_of(LANG.kv_quantized_words),
    MACHINE_LINE_RE: needs_of(LANG.machine_lines),
    BOTH_BEFORE: needs_of(LANG.card_pair_words),
    SHOPPING_RE: needs_of(LANG.hardware_shopping),
    COUNT_ASKED_RE: needs_of(LANG.count_asked),
    UPGRADE_ASKED_RE: needs_of(LANG.upgrade_asked),
    PC_ALTERNATIVE_RE: ("pc", "gpu", "nvidia"),
    UPGRADE_ADD_RE: needs_of(LANG.upgrade_add),
    UPGRADE_REPLACE_RE: needs_of(LANG.upgrade_replace),
    CTX_TARGET_RE: needs_of(LANG.context_target_verbs),
}
# each wish is looked for in every question, and most questions hold none
NEEDS.update((rx, needs_of(w.phrases)) for w, rx in WISHES)
NEEDS[KIB_RE] = ("kb", "kib", "kilobyte")
NEEDS[MIB_SET_ASIDE_RE] = SET_ASIDE_WORDS
RARE_MEMORY_WORDS = (*NEEDS[KIB_RE], *SET_ASIDE_WORDS, *LANG.mib_pair_headers)


# a level's quant name said whole at a quant's place ("q4", not the start of "q4_k_m"), the words
# in their order (choose._said_at over each, as one match: \w is str.isalnum's letters and "_")
LEVEL_QUANT_AT_RE = re.compile(
    "(?:" + "|".join(map(re.escape, LANG.level_quant_words)) + r")(?![\w-])"
)
# a level said, then the file in parentheses ("Q4 (IQ4_XS)", "4-bit (Q4_K_S)"): the parenthesis
# says which file of that level
LEVEL_THEN_FILE_RE = re.compile(
    "(?:" + "|".join(map(re.escape, LANG.level_quant_words)) + r")(?![\w-])\s*\(\s*"
)


# A number and the first character after it, spaces between ("24 gb": "g", "30tok/s": "t"): each
# pattern below matches a number with its unit right after it, and is scanned only when a number
# of the text is followed by a first character of its unit (most texts write no speed, no TB).
NUMBER_THEN_RE = re.compile(r"\d\s*([^\d\s])")
UNIT_AFTER_NUMBER: dict[re.Pattern, re.Pattern] = {
    rx: re.compile(first_chars(re.compile(unit)) or ".", re.S)
    for rx, unit in (
        (TB_RE, TB_UNITS),
        (TB_BARE_RAM_RE, "t"),
        (KIB_RE, KIB_UNITS),
        (MIB_SET_ASIDE_RE, "m"),
        (SPEED_RE, alternation([*LANG.speed_units, *LANG.speed_units_per_minute])),
        (UNITLESS_MEM_RE, literals(LANG.unitless_memory)),
        (CTX_K_RE, "[km]"),
        (SIZE_ALTERNATIVES_RE, r"(?:gb|g)?\s*" + words(LANG.size_alternatives)),
    )
}

# Word lists whose needs_of literal most questions hold ("vram", "llama.cpp", "should"): each
# literal with its seconds (pairs_of), tested after NEEDS (round latency12)
PAIRS: dict[re.Pattern, dict[str, tuple[str, ...] | None]] = {
    rx: pairs_of(phrases)
    for rx, phrases in (
        (CPU_ONLY_RE, LANG.cpu_only),
        (BACKEND_QUESTION_RE, LANG.backend_questions),
        (WHY_SLOW_RE, LANG.why_slow_questions),
        (ALL_ON_GPU_RE, LANG.all_on_gpu_words),
        (SPARE_ROOM_RE, LANG.spare_room_words),
        (UPGRADE_REPLACE_RE, LANG.upgrade_replace),
        (SHOPPING_RE, LANG.hardware_shopping),
        (RUN_ASKED_RE, LANG.run_asked_leads),
        (COUNT_ASKED_RE, LANG.count_asked),
        (EXPECTED_RE, LANG.expected_questions),
        (NAMED_AND_OTHERS_RE, LANG.named_and_others),
        (KV_QUANTIZED_RE, LANG.kv_quantized_words),
        (QUANT_QUESTION_RE, LANG.quant_questions),
        (CONTEXT_QUESTION_RE, LANG.context_questions),
        (DEPTH_SPEED_RE, LANG.depth_speed_questions),
        (CARDS_UNSAID_COUNT_RE, LANG.cards_unsaid_count),
        *((rx, w.phrases) for w, rx in WISHES),
    )
}


def _ascii_pairs(pairs: dict[str, tuple[str, ...] | None]) -> dict[str, tuple[str, ...] | None]:
    """The pairs a plain ASCII text can hold."""
    out: dict[str, tuple[str, ...] | None] = {}
    for k, v in pairs.items():
        if not k.isascii():
            continue
        if v is None:
            out[k] = None
        elif seconds := tuple(w for w in v if w.isascii()):
            out[k] = seconds
    return out


def paired(pairs: dict[str, tuple[str, ...] | None], low: str) -> bool:
    """Whether `low` holds a literal of `pairs` and one of its seconds."""
    for k, seconds in pairs.items():
        if k in low:
            if seconds is None:
                return True
            for w in seconds:
                if w in low:
                    return True
    return False


# the same literals without those of scripts a plain ASCII text cannot hold ("显卡", "昇腾")
NEEDS_ASCII: dict[re.Pattern, tuple[str, ...]] = {
    rx: tuple(w for w in needs if w.isascii()) for rx, needs in NEEDS.items()
}


# the same tables by the pattern's id: a re.Pattern hashes (and on a hit compares) its whole
# compiled program at each dict lookup, up to a few microseconds for the long word lists, and
# scan/found look one up some 75 times a question. The patterns are module constants these
# tables keep alive, so an id names one pattern only.
_NEEDS_BY_ID = {id(rx): needs for rx, needs in NEEDS.items()}
_NEEDS_ASCII_BY_ID = {id(rx): needs for rx, needs in NEEDS_ASCII.items()}
_UNIT_BY_ID = {id(rx): unit for rx, unit in UNIT_AFTER_NUMBER.items()}
# the three by id in one table, (needs of an ASCII text, needs, unit): one lookup a call
_PAIRS_BY_ID = {id(rx): pairs for rx, pairs in PAIRS.items()}
_PAIRS_ASCII_BY_ID = {id(rx): _ascii_pairs(pairs) for rx, pairs in PAIRS.items()}
# the five by id in one table, (needs of an ASCII text, needs, unit, pairs of an ASCII text,
# pairs): one lookup a call
_GATE_BY_ID = {
    i: (
        _NEEDS_ASCII_BY_ID.get(i),
        _NEEDS_BY_ID.get(i),
        _UNIT_BY_ID.get(i),
        _PAIRS_ASCII_BY_ID.get(i),
        _PAIRS_BY_ID.get(i),
    )
    for i in {*_NEEDS_BY_ID, *_UNIT_BY_ID, *_PAIRS_BY_ID}
}


@lru_cache(maxsize=8)
def numbers_then(low: str) -> str:
    """The characters right after the numbers of a text (spaces skipped), each once."""
    return "".join(set(NUMBER_THEN_RE.findall(low)))


def scan(rx: re.Pattern, low: str, needs: tuple[str, ...] | None = None) -> Iterator[re.Match]:
    """rx.finditer(low), or nothing when `low` lacks every literal the pattern needs."""
    gate = _GATE_BY_ID.get(id(rx))
    if needs is None and gate is not None:  # the pattern's literals (read inline: ~80 calls a text)
        needs = gate[0] if low.isascii() else gate[1]
    if needs is not None:
        for w in needs:
            if w in low:
                break
        else:
            return iter(())
    if gate is not None and (unit := gate[2]) is not None and not unit.search(numbers_then(low)):
        return iter(())
    pairs = None if gate is None else gate[3] if low.isascii() else gate[4]
    if pairs is not None and not paired(pairs, low):
        return iter(())
    return rx.finditer(low)


def found(rx: re.Pattern, low: str, needs: tuple[str, ...] | None = None) -> re.Match | None:
    """rx.search(low), skipped like `scan`."""
    gate = _GATE_BY_ID.get(id(rx))
    if needs is None and gate is not None:  # the pattern's literals (read inline: ~80 calls a text)
        needs = gate[0] if low.isascii() else gate[1]
    if needs is not None:
        for w in needs:
            if w in low:
                break
        else:
            return None
    if gate is not None and (unit := gate[2]) is not None and not unit.search(numbers_then(low)):
        return None
    pairs = None if gate is None else gate[3] if low.isascii() else gate[4]
    if pairs is not None and not paired(pairs, low):
        return None
    return rx.search(low)
