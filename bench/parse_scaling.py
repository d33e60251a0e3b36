"""Parse time against text length: every pattern the parser applies to user text is linear (or
reads a bounded window), so the time per character stays flat from 1k to 64k characters.

    python -m bench.parse_scaling [--repeat 3]

fitengine.parse reads only the first nlq.MAX_CHARS characters of a text (the library's cap, as
the CLI caps questions at limits.MAX_QUESTION): the public call costs the same for 2k and 64k.
To measure the patterns themselves, the cap is lifted here (nlq.parser.MAX_CHARS set past the
longest text) and each text is parsed whole. Texts of each shape: a question padded with the
details people paste, and runs a backtracking pattern would choke on (digits, "x", dots, dashes,
repeated catalog names and quant names). Printed: milliseconds and microseconds per character
for each length, the ratio of the 64k time to 64 x the 1k time (1.0 = linear; a quadratic
pattern gives ~64), and the capped public call for comparison.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import fitengine.nlq.parser as parser
from fitengine.nlq import parse

LENGTHS = (1000, 2000, 4000, 8000, 16000, 32000, 64000)
QUESTION = "hey, can I run qwen2.5-coder 32b at q4_k_m with 32k context on my 3090? "
FILLER = (
    "btw my rig also has a 5950x, 64gb ddr4-3600 and runs ubuntu 24.04 with llama.cpp b4500, "
    "power limited to 280w, 2x3090 + 3060 12gb, I got 22GB of VRAM used with -c 16384 -ngl 99. "
)
SHAPES = {
    "question + pasted details": lambda n: (QUESTION + FILLER * (n // len(FILLER) + 1))[:n],
    "digits": lambda n: "qwen3 32b at " + "9" * n,
    "x run": lambda n: "3090 " + "x" * n,
    "dots and dashes": lambda n: "llama " + ".-" * (n // 2),
    "repeated names": lambda n: ("rtx 3090 qwen3 32b q4_k_m " * (n // 26 + 1))[:n],
    "glued names and numbers": lambda n: ("qwencoder3rtxgeforce3090" * (n // 24 + 1))[:n],
}


def best_of(fn, text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - t)
    return min(times)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="best of N per text")
    args = ap.parse_args(argv)
    parse(QUESTION)  # load the catalog and the parser's index
    capped = parser.MAX_CHARS
    print("| text | " + " | ".join(f"{n // 1000}k" for n in LENGTHS) + " | 64k / (64 x 1k) |")
    print("|---|" + "---|" * (len(LENGTHS) + 1))
    worst = 0.0
    for shape, make in SHAPES.items():
        parser.MAX_CHARS = max(LENGTHS) + 1000  # the patterns, not the cap
        try:
            ms = [best_of(parse, make(n), args.repeat) * 1000 for n in LENGTHS]
        finally:
            parser.MAX_CHARS = capped
        ratio = ms[-1] / (ms[0] * LENGTHS[-1] / LENGTHS[0])
        worst = max(worst, ratio)
        cells = " | ".join(
            f"{t:.0f} ms ({t * 1000 / n:.1f} µs/char)" for t, n in zip(ms, LENGTHS, strict=True)
        )
        print(f"| {shape} | {cells} | {ratio:.2f} |")
    public = [
        best_of(parse, SHAPES["question + pasted details"](n), args.repeat) * 1000
        for n in (2000, 64000)
    ]
    print(
        f"\nworst 64k / (64 x 1k): {worst:.2f} (linear: about 1; quadratic: about 64)\n"
        f"fitengine.parse as shipped (reads the first {capped:,} characters): "
        f"{public[0]:.1f} ms at 2k, {public[1]:.1f} ms at 64k"
    )


if __name__ == "__main__":
    main()
