"""Sizes and counts as people write them: "32k", "100k", "1M" tokens; "24G", "24 GB", "1TB"; "2x",
"x3", "dual". One reading, shared by the CLI's options, the bot's options and the question parser,
and one error type (UnitError, a ValueError) for a value that is not one.

Thousands of tokens: "k" is 1024 when the number is a binary size (a power of two, or three times
one, halves included: 0.5k, 1.5k, 8k, 24k, 32k, 48k, 128k are 512 ... 131,072 tokens, the sizes
llama.cpp and model cards count in) and 1000 otherwise (40k, 100k, 200k are 40,000, 100,000 and
200,000: people who write a round decimal figure mean it), except a binary size's own figure in
thousands: 65k, 131k, 196k, 262k, 524k are 65,536, 131,072, 196,608, 262,144 and 524,288 tokens,
the windows model cards print that way ("262k" is Qwen's 262,144). "M" is always 2^20: every million-token
context a model ships with is counted in binary (1M = 1,048,576; Llama 4 Scout's 10M = 10,485,760).

Memory: decimal gigabytes as marketed, whatever the spelling ("24", "24G", "24 GiB", "24go",
"24 gigs"); a terabyte is 1024 of them (a "1TB" Mac has 1024 GB), and so is a gigabyte 1024
megabytes ("32,607 MiB" as tools print a card's memory is 31.8 GB).

This module imports only the standard library: the CLI parses its options before it loads the
engine. Number words ("dual", "zwei") come from catalog/language.yaml, read on first use.
"""

from __future__ import annotations

import math
import re
from typing import Any

# the longest context any model has (Llama 4 Scout, 10M): more is refused, not computed with
MAX_TOKENS = 10 * 1024 * 1024
MAX_COUNT = 1_000_000  # a count beyond any real setup (the engine's own limits are smaller)

# spellings of a gigabyte / terabyte after a number, for the question parser's patterns too
GB_UNITS = r"(?:gb|gib|gbs|g|go|gi|gig|gigs|gigabytes?|гб|гиг\w*|ギガ)"  # "gi": free -h
TB_UNITS = r"(?:tb|tib|to)"
# a megabyte figure as tools print memory ("32,607 MiB" from nvidia-smi and llama.cpp): 1024 of
# them are a gigabyte
MIB_UNITS = r"(?:mib|mbytes|mb|mebibytes?|megabytes?)"  # "MBytes": CUDA's deviceQuery
# a kilobyte figure as /proc/meminfo and TensorRT-LLM's system info print RAM ("MemTotal: 32791012
# kB"): 1024 of them are a megabyte
KIB_UNITS = r"(?:kib|kb|kbytes|kilobytes?)"


# Memory is sold in binary gigabytes (a "24 GB" card holds 24 GiB, a "512 GB" Mac 512 GiB); the
# report counts decimal GB, as Hugging Face lists GGUF files. Text for people gives sizes the way
# memory is sold, so what a model needs compares directly with the memory someone has, and a
# machine never shows more usable memory than it was sold with.
DECIMAL_PER_SOLD = 2**30 / 1e9
SOLD_UNITS = "GB = 2³⁰ bytes, as VRAM and RAM are sold"


def sold_gb(decimal_gb: float) -> float:
    """A size from the report (decimal GB) in GB as memory is sold."""
    return decimal_gb / DECIMAL_PER_SOLD


class UnitError(ValueError):
    """A value that is not a size or a count of the kind asked; `what` names the option."""

    def __init__(self, message: str, what: str | None = None):
        super().__init__(message)
        self.what = what


# --------------------------------------------------------------------------- tokens

_TOKENS = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([km]?)\s*(?:tok(?:en)?s?|ctx)?\s*", re.I)


def binary_size(number: float) -> bool:
    """A power of two or three times one, in quarters (0.5, 1.5, 8, 24, 48, 128): a size counted
    in binary units."""
    quarters = number * 4
    if not 0 < quarters < math.inf or quarters != int(quarters):
        return False
    q = int(quarters)
    while q % 2 == 0:
        q //= 2
    return q in (1, 3)


# binary sizes of 64K and more as their thousands are written, rounded or cut: 131 and 262 for
# 131,072 and 262,144 (below 64K the figure is a plain decimal one: "25k" is 25,000)
_BINARY_THOUSANDS = {
    n: size
    for size in (b * 2**e for b in (1, 3) for e in range(16, 24))
    if 65536 <= size <= 8 * 2**20
    for n in {size // 1000, round(size / 1000)}
}


def k_tokens(number: float, unit: str | None) -> int:
    """Tokens for a number and its unit: (32, "k") -> 32768, (100, "k") -> 100000, (1, "m") ->
    1048576, (4096, None) -> 4096. The one reading of "k" and "M" (see the module's docstring).

    More than MAX_TOKENS reads as MAX_TOKENS + 1, which every caller refuses or caps: a figure of
    309 digits is an infinite float (no int), and a 300-digit context is no use to anyone."""
    unit = (unit or "").lower()
    if unit == "m":
        number *= 1024 * 1024
    elif unit == "k":
        if number in _BINARY_THOUSANDS:
            return _BINARY_THOUSANDS[int(number)]
        number *= 1024 if binary_size(number) else 1000
    if not number <= MAX_TOKENS:  # also NaN and infinity
        return MAX_TOKENS + 1
    return round(number)


def tokens(value: Any, what: str = "context", *, minimum: int = 0) -> int:
    """A token count: 32768, "32768", "32k", "128K", "1.5k", "100k", "1M", "32,768", "4k tokens"."""
    example = "like 32768 or 32k"
    if isinstance(value, bool):
        raise UnitError(f"{what} must be a number of tokens, {example}.", what)
    if isinstance(value, int):
        n = value
    elif isinstance(value, float):
        if not math.isfinite(value) or value != int(value):
            raise UnitError(f"{what} must be a whole number of tokens, {example}.", what)
        n = int(value)
    elif isinstance(value, str):
        m = _TOKENS.fullmatch(value.replace(",", "").replace("_", "")[:64])
        if not m:
            raise UnitError(f"{what} must be a number of tokens, {example}.", what)
        n = k_tokens(float(m.group(1)), m.group(2))
    else:
        raise UnitError(f"{what} must be a number of tokens, {example}.", what)
    if n > MAX_TOKENS:
        raise UnitError(f"{what} is more tokens than any model reads (at most 10M).", what)
    if n < minimum:
        raise UnitError(f"{what} must be at least {minimum:,} tokens.", what)
    return n


# --------------------------------------------------------------------------- memory

_GB = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*(?:(" + GB_UNITS + r")|(" + TB_UNITS + r"))?\s*", re.I)


def gigabytes(value: Any, what: str = "memory") -> float:
    """A memory amount in GB: 24, 24.5, "24", "24GB", "24G", "24 gib", "24,5 go", "1TB" (1024)."""
    if isinstance(value, bool):
        raise UnitError(f"{what} must be a number of GB, like 24.", what)
    if isinstance(value, int | float):
        try:
            gb = float(value)
        except OverflowError:  # an integer of hundreds of digits (a JSON number can be one)
            gb = math.inf
    elif isinstance(value, str):
        m = _GB.fullmatch(value[:64])
        if not m:
            raise UnitError(f"{what} must be a number of GB, like 24 or 24GB.", what)
        gb = float(m.group(1).replace(",", "."))
        if m.group(3):
            gb *= 1024
    else:
        raise UnitError(f"{what} must be a number of GB, like 24.", what)
    if math.isinf(gb):
        raise UnitError(f"{what} is more GB than any machine has.", what)
    if not math.isfinite(gb) or gb < 0:
        raise UnitError(f"{what} must be a positive number of GB.", what)
    return gb


# --------------------------------------------------------------------------- counts

_COUNT = re.compile(r"\s*(?:[x×*]\s*(\d+)|(\d+)\s*[x×*]?)\s*", re.I)


def _number_word(word: str) -> int | None:
    from .language import default_language

    return default_language().number(word.lower())


def count(value: Any, what: str = "gpus") -> int:
    """A small count: 2, "2", "2x", "x2", "×3", "dual", "two", "quad"."""
    if isinstance(value, bool):
        raise UnitError(f"{what} must be a whole number, like 2.", what)
    if isinstance(value, int):
        n = value
    elif isinstance(value, float) and math.isfinite(value) and value == int(value):
        n = int(value)
    elif isinstance(value, str) and (m := _COUNT.fullmatch(value[:32])):
        n = int(m.group(1) or m.group(2))
    elif isinstance(value, str) and len(value) <= 32 and (w := _number_word(value)) is not None:
        n = w
    else:
        raise UnitError(f"{what} must be a whole number, like 2.", what)
    if abs(n) > MAX_COUNT:
        raise UnitError(f"{what} is too large for a real setup.", what)
    return n


_PREFIX_COUNT = re.compile(r"\s*(\d{1,2})\s*[x×*]\s*(\S.*)", re.I | re.S)
_SUFFIX_COUNT = re.compile(r"(.*[a-z0-9])\s*(?<![a-z])[x×*]\s*(\d{1,2})\s*", re.I | re.S)
_LEAD_WORDS = re.compile(r"\s*(?:[^\W\d_]+[\s-]+){1,3}")
_LEAD_WORD = re.compile(r"[^\W\d_]+[\s-]+")


def split_count(text: str) -> tuple[str, int | None]:
    """A device name with its count taken out: "2x3090", "2 x RTX 3090", "3090 x2", "dual 3090",
    "two 7800 XT" -> (name, count); anything else -> (text, None). The name is not checked: the
    caller decides whether it names a device a count applies to."""
    if m := _PREFIX_COUNT.fullmatch(text):
        return m.group(2).strip(), int(m.group(1))
    if lead := _LEAD_WORDS.match(text):
        # the longest run of leading words that is a number word ("a pair of 3090s")
        words = list(_LEAD_WORD.finditer(text, lead.start(), lead.end()))
        for n in range(len(words), 0, -1):
            said = " ".join(w.group().strip(" -\t\n") for w in words[:n])
            value = _number_word(said)
            rest = text[words[n - 1].end() :].strip()
            if value is not None and rest:
                return rest, value
    if m := _SUFFIX_COUNT.fullmatch(text):
        return m.group(1).strip(), int(m.group(2))
    return text, None


__all__ = [
    "GB_UNITS",
    "KIB_UNITS",
    "MAX_TOKENS",
    "MIB_UNITS",
    "TB_UNITS",
    "UnitError",
    "binary_size",
    "count",
    "gigabytes",
    "k_tokens",
    "split_count",
    "tokens",
]
