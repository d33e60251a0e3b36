"""The cheap tests parser._state runs before its glued-count rewrites read what the patterns read:
where a test says no, the pattern's substitution would change nothing (round latency10)."""

import random
import re

from fitengine.nlq import patterns as P
from fitengine.nlq.parser import _digit_then_sign, _times_at

# SIZED_CODE_COUNT_RE as it was written with re.I (now spelled in both cases, so it is skipped to)
SIZED_FOLDED = re.compile(
    r"(?<![\w.])([a-z]{1,2})[ \t]?(\d{4,7}|\d{2,4}[ \t-]\d{2,3})"
    r"(?=[ \t]*[x×*][ \t]*\d{1,2}(?![\w.]))",
    re.I,
)
SAID = [
    "A10080*8 nodes",
    "2x3090 and a100 80 x 4",
    "H800-80x4, 8xh200",
    "4X3090 or 2 x A6000",
    "5950x, 64gb",
    "ſ1008x2 K10080*8 İ1008 x 3",
    "x2 *4 ×3 3090x",
]


def _texts():
    rnd = random.Random(10)
    out = list(SAID)
    for alph in ("xX×*aA 1٣\t.2_", "aH 1008x*X\t-.", "A10080*8 x4\tX"):
        out += ["".join(rnd.choice(alph) for _ in range(rnd.randint(0, 16))) for _ in range(3000)]
    return out


def test_gates_read_as_the_patterns():
    mark = lambda m: "<" + m.group() + ">"  # noqa: E731
    for t in _texts():
        assert (P.DIGIT_TIMES_DIGIT.search(t) is not None) == _times_at(t, "x×*", False), t
        old = P.SIZED_CODE_COUNT_RE.sub(mark, t) if P.DIGIT_TIMES_DIGIT.search(t) else t
        gate = _times_at(t, "x×*", False) and _times_at(t, "xX×*", True)
        assert (P.SIZED_CODE_COUNT_RE.sub(mark, t) if gate else t) == old, t
        assert SIZED_FOLDED.sub(mark, t) == P.SIZED_CODE_COUNT_RE.sub(mark, t), t
        if not _digit_then_sign(t):
            assert P.GLUED_COUNT_RE.sub(r"\1\2 ", t) == t, t


def test_bare_nvidia_smi_row_needs_a_bar():
    # (patterns.NEEDS: a text without "|" skips NVSMI_BARE_ROW_RE's scan)
    row = "  0  NVIDIA GeForce RTX 3090   Off | 00000000:01:00.0 Off |".lower()
    assert [m.group(1) for m in P.scan(P.NVSMI_BARE_ROW_RE, row)] == ["0"]
    assert list(P.scan(P.NVSMI_BARE_ROW_RE, row.replace("|", " "))) == []
