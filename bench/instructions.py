"""Instructions per parse and per answer, counted by valgrind's callgrind.

    python -m bench.instructions [--rounds 5]

Time varies by a fifth from run to run when other processes share the cores (a shared cache, a
core's clock), even counted as this process's CPU time; the instructions an answer executes do
not, and two commits compare to a few hundredths of a per cent. The figures are over
bench/latency.py's six questions (300 characters), after a warm-up (imports, the catalog, its
indexes: billions of instructions, not counted), `--rounds` times each.

Needs valgrind, its header valgrind/callgrind.h and a C compiler: a library of two functions that
turn callgrind's counting on and off around the measured calls is compiled into a temporary
directory. About a minute per figure (valgrind runs Python some 50 times slower).
"""

from __future__ import annotations

import argparse
import ctypes
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SWITCH_C = """
#include <valgrind/callgrind.h>
void counting_on(void) { CALLGRIND_ZERO_STATS; CALLGRIND_START_INSTRUMENTATION; CALLGRIND_TOGGLE_COLLECT; }
void counting_off(void) { CALLGRIND_TOGGLE_COLLECT; CALLGRIND_STOP_INSTRUMENTATION; }
"""


def child(what: str, switch: str, rounds: int) -> None:
    """Run under valgrind: warm up, then count `rounds` rounds of parse or ask."""
    from bench.latency import QUESTIONS, message
    from fitengine.answers import ask
    from fitengine.catalog import default_catalog
    from fitengine.nlq import parse

    lib = ctypes.CDLL(switch)
    cat = default_catalog()
    msgs = [message(i, 300) for i in range(len(QUESTIONS))]
    for _ in range(2):  # the second round finds what the first kept (placements, decodes)
        for m in msgs:
            ask(m, cat)
    fn = parse if what == "parse" else ask
    lib.counting_on()
    for _ in range(rounds):
        for m in msgs:
            fn(m, cat)
    lib.counting_off()


def count(what: str, switch: str, rounds: int, out: Path) -> float:
    """Instructions per call of `what`, from callgrind's total."""
    run = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            "--collect-atstart=no",
            f"--callgrind-out-file={out}",
            sys.executable,
            "-m",
            "bench.instructions",
            "--child",
            what,
            switch,
            str(rounds),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    m = re.search(r"Collected : (\d+)", run.stderr)
    if m is None:
        raise SystemExit(f"no count from callgrind:\n{run.stderr[-2000:]}")
    return int(m.group(1)) / (rounds * 6)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    cc = shutil.which("cc") or shutil.which("gcc")
    if shutil.which("valgrind") is None or cc is None:
        raise SystemExit("needs valgrind and a C compiler")
    with tempfile.TemporaryDirectory() as tmp:
        src, switch = Path(tmp, "switch.c"), Path(tmp, "switch.so")
        src.write_text(SWITCH_C)
        subprocess.run([cc, "-O1", "-shared", "-fPIC", "-o", str(switch), str(src)], check=True)
        figures = {
            w: count(w, str(switch), args.rounds, Path(tmp, f"{w}.out")) for w in ("parse", "ask")
        }
    p, a = figures["parse"], figures["ask"]
    print(f"instructions per 300-character question ({args.rounds} rounds of 6):")
    print(f"  parse only      {p / 1e6:7.3f} M")
    print(f"  parse + answer  {a / 1e6:7.3f} M   (answer {(a - p) / 1e6:.3f} M)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
