"""A hostile and careless user, a hundred thousand times (issue 13): crashes, broken invariants,
and the time each input takes.

    python -m bench.fuzz [--n 100000] [--seed 1] [--out fuzz-failures.jsonl]

Every surface user text reaches, each with its share of the inputs:

    parse       fitengine.parse on messy questions (any Unicode, catalog words glued to numbers of
                up to 400 digits, units, flags, regex-hostile runs up to 2,000 characters)
    resolve     resolve_model / resolve_hardware / complete_models / complete_hardware on names
    batch       canirun batch lines: JSON objects of known and unknown keys and values of any type
    cli         canirun fit --json with option values of any shape (-1, NaN, 1e308, 32k, 400 digits)
    ask         fitengine.ask on messy questions (parse and answer: the heaviest path)
    engine      analyze() on random setups, checked against bench/invariants.py (report rules,
                the safe context asked for, more context, one more GPU)

A crash is any exception other than the documented refusals (EngineError, a CLI usage error);
a broken invariant is a check of bench/invariants.py that fails, or a CLI/batch answer that is not
one strict JSON value. Printed per surface: inputs, crashes, broken invariants, p50 / p99 / max
seconds per input and the slowest input. Failures go to --out (one JSON line each) to replay.
The generators are also hypothesis strategies (messy_text, name_text, option_value) for the
suite's bounded property tests (tests/test_input_properties.py).

Never touches the network: HF_HUB_OFFLINE=1 is set before the hub client is imported.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import statistics
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fitengine.catalog import default_catalog


def _error_types() -> frozenset[str]:
    """The error types docs/json-report.md documents (all but "internal", a bug)."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "json-report.md").read_text()
    table = doc.split("| `error.type` | When |", 1)[1].split("\n\n", 1)[0]
    found = {line.split("`")[1] for line in table.splitlines() if line.startswith("| `")}
    return frozenset(found - {"internal"})


ERROR_TYPES = _error_types()

WORDS = (
    "can", "i", "run", "my", "on", "with", "at", "context", "best", "model", "for", "coding",
    "vs", "compare", "what", "hardware", "need", "fast", "tok/s", "q4", "quant", "vram", "ram",
    "dual", "two", "laptop", "mac", "cpu", "only", "no", "gpu", "agents", "rag", "cheapest",
    "and", "or", "is", "it", "usable", "fit", "ctx", "full", "max", "the", "a", "of",
)  # fmt: skip
UNITS = (
    "k", "K", "m", "M", "gb", "GB", "g", "gib", "tb", "b", "B", "bpw", "bit", "bits", "tokens",
    "ctx", "x", "×", "%", "t/s", "go", "гб", "ギガ", "",
)  # fmt: skip
FLAGS = ("-c", "--ctx-size", "-ngl", "--n-cpu-moe", "-ctk", "--parallel", "-fa", "-t")
SEPARATORS = (" ", " ", " ", "", "", "-", "_", ".", ",", "\n", "x", "/", "@", ":", "+", "(", ")")
JUNK = (
    "\u200b", "\u202e", "\x00", "\x1b[31m", "🤖", "ｑｗｅｎ３", "３２ｂ", "\ud800", "\ufeff", "é",
    "<@123>", "@everyone", "**", "```", "\\", "'", '"', "%s", "{}", "NaN", "inf", "-0", "1e308",
)  # fmt: skip
HOSTILE = ("(", "x", ".", "-", "9", "a1", "q4_k_m ", "3090 ", "1.", "k", " ", "b", "0x")


def _catalog_words() -> tuple[list[str], list[str], list[str]]:
    cat = default_catalog()
    models = [m.name for m in cat.models.values()] + [m.id for m in cat.models.values()]
    models += [a for m in cat.models.values() for a in m.aliases]
    hardware = [h.name for h in cat.hardware.values()] + [h.id for h in cat.hardware.values()]
    hardware += [a for h in cat.hardware.values() for a in h.aliases]
    quants = list(cat.quants)
    return sorted(set(models)), sorted(set(hardware)), quants


_WORDS: tuple[list[str], list[str], list[str]] | None = None


def words() -> tuple[list[str], list[str], list[str]]:
    global _WORDS
    if _WORDS is None:
        _WORDS = _catalog_words()
    return _WORDS


def number(rng: random.Random) -> str:
    """A figure as people (and attackers) write it."""
    r = rng.random()
    if r < 0.5:
        return str(rng.choice([0, 1, 2, 3, 4, 7, 8, 12, 16, 24, 32, 48, 64, 70, 128, 3090, 4096]))
    if r < 0.7:
        return f"{rng.uniform(0, 200):.{rng.randint(0, 3)}f}"
    if r < 0.85:
        return "".join(
            rng.choice("0123456789") for _ in range(rng.choice([5, 12, 40, 308, 309, 400]))
        )
    if r < 0.92:
        return rng.choice(["1e308", "1e999", "-1", "-0", "1,024", "32,768", "0.0001", "1_000"])
    return str(rng.randint(-(10**30), 10**30))


def piece(rng: random.Random, catalog_share: float = 0.45) -> str:
    models, hardware, quants = words()
    r = rng.random()
    if r < catalog_share:
        pool = rng.choice((models, hardware, hardware, quants))
        w = rng.choice(pool)
        if rng.random() < 0.3:
            w = w.lower().replace(" ", rng.choice(["", "-", " "]))
        if rng.random() < 0.2:  # two catalog words glued, a number at the end ("qwencoder3")
            w = w.split()[0] + rng.choice(rng.choice((models, hardware))).split()[0] + number(rng)
        return w
    if r < 0.65:
        return number(rng) + rng.choice(UNITS)
    if r < 0.8:
        return rng.choice(WORDS)
    if r < 0.87:
        return rng.choice(FLAGS) + rng.choice([" ", "=", ""]) + number(rng)
    if r < 0.95:
        return rng.choice(JUNK)
    return "".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(1, 6)))


def messy(rng: random.Random) -> str:
    """A question: catalog words, figures and junk; now and then a hostile run up to 2,000
    characters (what a backtracking pattern chokes on)."""
    if rng.random() < 0.05:
        unit = rng.choice(HOSTILE)
        return piece(rng) + " " + unit * rng.randint(50, 2000 // len(unit))
    n = rng.choice([1, 2, 3, 5, 8, 12, 20, 40])
    return "".join(piece(rng) + rng.choice(SEPARATORS) for _ in range(n)).strip()


def name(rng: random.Random) -> str:
    """A model or hardware name as typed: a few pieces, often glued."""
    n = rng.choice([1, 1, 2, 2, 3, 4, 6])
    return "".join(piece(rng, 0.7) + rng.choice(SEPARATORS) for _ in range(n)).strip()


def option(rng: random.Random) -> str:
    """A value for --context, --vram, --ram, --gpus ... of any shape."""
    r = rng.random()
    if r < 0.6:
        return number(rng) + rng.choice(UNITS)
    if r < 0.8:
        return rng.choice(["-1", "NaN", "nan", "inf", "-inf", "1e308", "", " ", "0", "2x", "dual",
                           "１２", "x2", "32k", "1M", "1.5k", "24GB", "1TB", "--json"])  # fmt: skip
    return piece(rng)


def batch_line(rng: random.Random) -> str:
    keys = ["model", "hardware", "quant", "context", "gpus", "vram_gb", "ram_gb", "kv_type",
            "setup", "workload", "mode", "parallel", "backend", "depth", "prompt_tokens", "id"]  # fmt: skip
    if rng.random() < 0.1:
        return rng.choice(["", " ", "[]", "null", "3", '"x"', "{", '{"model": }', "\xff\xfe"])
    if rng.random() < 0.2:
        return json.dumps({rng.choice(["parse", "ask"]): messy(rng), "id": number(rng)})

    def value(depth: int = 0):
        r = rng.random()
        if r < 0.35:
            return name(rng)
        if r < 0.55:
            return option(rng)
        if r < 0.7:
            return rng.choice([None, True, False, 0, -1, 1, 2, 3.5, 1e308, 10**400])
        if r < 0.8 and depth < 2:
            return [value(depth + 1) for _ in range(rng.randint(0, 3))]
        if r < 0.85 and depth < 2:
            return {rng.choice(keys): value(depth + 1)}
        return number(rng)

    obj = {"model": name(rng), "hardware": name(rng)} if rng.random() < 0.7 else {}
    for _ in range(rng.randint(0, 4)):
        obj[rng.choice([*keys, "xyz", "Model", "ctx"])] = value()
    try:
        return json.dumps(obj, ensure_ascii=rng.random() < 0.5)
    except ValueError:  # 10**400 is fine, but be safe
        return json.dumps({"model": "x"})


def engine_question(rng: random.Random):
    from bench.invariants import Question

    cat = default_catalog()
    kinds = sorted({h.kind for h in cat.hardware.values()})
    kind = rng.choice(kinds)
    hw = rng.choice(sorted(h.id for h in cat.hardware.values() if h.kind == kind))
    kw = {
        "context": rng.choice([None, None, 2048, 8192, 32768, 131072, rng.randint(256, 1 << 20)]),
        "kv_type": rng.choice([None, None, "f16", "q8_0", "q4_0"]),
        "parallel": rng.choice([None, None, None, 2, 4]),
    }
    if kind == "gpu":
        kw["gpus"] = rng.choice([1, 1, 2, 3, 4])
    if kind in ("gpu", "cpu") and rng.random() < 0.5:
        kw["ram_gb"] = rng.choice([8, 16, 32, 64, 128, 512])
    return Question(rng.choice(sorted(cat.models)), hw, {k: v for k, v in kw.items() if v})


# --------------------------------------------------------------------------- hypothesis


def _strategy(gen: Callable[[random.Random], str]):
    from hypothesis import strategies as st

    return st.randoms(use_true_random=False).map(gen)


def messy_text():
    return _strategy(messy)


def name_text():
    return _strategy(name)


def option_value():
    return _strategy(option)


# --------------------------------------------------------------------------- the checks


class Broken(AssertionError):
    """An invariant that does not hold."""


def _strict(text: str) -> object:
    def no_constant(c):
        raise Broken(f"not strict JSON: {c}")

    return json.loads(text, parse_constant=no_constant)


def check_parse(text: str) -> None:
    from fitengine import parse
    from fitengine.cli import to_json
    from fitengine.units import MAX_TOKENS

    q = parse(text)
    if q.context is not None and not 0 < q.context <= MAX_TOKENS + 1:
        raise Broken(f"context {q.context}")
    _strict(to_json(q.model_dump(mode="json")))


def check_resolve(text: str) -> None:
    from fitengine import complete_hardware, complete_models, resolve_hardware, resolve_model

    for resolve in (resolve_model, resolve_hardware):
        r = resolve(text)
        if not 0 <= r.score <= 100 or len(r.suggestions) > 5:
            raise Broken(f"{resolve.__name__}: score {r.score}, {len(r.suggestions)} suggestions")
    for complete in (complete_models, complete_hardware):
        if len(complete(text)) > 25:
            raise Broken(f"{complete.__name__}: more than 25")


def check_batch(raw: str) -> None:
    from fitengine.cli import _line_json, answer_line

    out = _strict(_line_json(answer_line(raw.encode("utf-8", "surrogatepass"), 1), 1))
    if not isinstance(out, dict):
        raise Broken("not an object")
    if "error" in out and out["error"].get("type") not in ERROR_TYPES:
        raise Broken(f"error {out['error'].get('type')}: {out['error'].get('message')}")


def check_cli(value: str, opt: str) -> None:
    from fitengine.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["fit", "qwen3-8b", "rtx-3090", opt, value, "--json"])
    if code not in (0, 2):
        raise Broken(f"exit {code}: {err.getvalue()[:200]}")
    payload = _strict(out.getvalue())
    if (code == 2) != ("error" in payload):
        raise Broken(f"exit {code} with {out.getvalue()[:100]}")
    if code == 2 and payload["error"]["type"] not in ERROR_TYPES:
        raise Broken(f"error {payload['error']}")


def check_ask(text: str) -> None:
    from fitengine import ask
    from fitengine.cli import to_json

    a = ask(text)
    if not a.message.strip():
        raise Broken("no message")
    _strict(to_json(a.model_dump(mode="json")))


def check_engine(q) -> None:
    from bench import invariants as inv
    from fitengine import EngineError

    try:
        r = q.ask()
    except EngineError:
        return
    cat = default_catalog()
    broken = inv.report_checks(r, cat) + inv.safe_context_fits(q, r)
    broken += inv.more_context_costs_more(q, r, r.context * 2)
    broken += inv.more_gpus_keep_context(q, r, cat)
    if broken:
        raise Broken("; ".join(broken))


# --------------------------------------------------------------------------- the campaign

# share of the inputs per surface
SHARES = {"parse": 0.38, "resolve": 0.30, "batch": 0.15, "cli": 0.04, "ask": 0.07, "engine": 0.06}
CLI_OPTIONS = ("--context", "--vram", "--ram", "--gpus", "--parallel", "--depth", "--quant")


@dataclass
class Surface:
    name: str
    times: list[float] = field(default_factory=list)
    crashes: int = 0
    broken: int = 0
    slowest: tuple[float, str] = (0.0, "")
    first_failures: list[dict] = field(default_factory=list)

    def row(self) -> str:
        t = sorted(self.times)
        p = lambda q: t[min(len(t) - 1, int(q * (len(t) - 1)))]  # noqa: E731
        return (
            f"| {self.name} | {len(t):,} | {self.crashes} | {self.broken} | "
            f"{statistics.median(t) * 1000:.2f} | {p(0.99) * 1000:.1f} | {t[-1] * 1000:.0f} |"
        )


def run_campaign(n: int, seed: int, out: Path | None, progress: bool = True) -> dict[str, Surface]:
    from fitengine import EngineError
    from fitengine.cli import UsageError

    refusals = (EngineError, UsageError)
    rng = random.Random(seed)
    default_catalog()
    words()
    # first calls build indexes, compile rule tables and fill caches: not what an input costs
    warm = random.Random(seed + 1)
    for _ in range(40):
        for gen, call in ((messy, check_parse), (name, check_resolve), (batch_line, check_batch)):
            with contextlib.suppress(Exception):
                call(gen(warm))
        with contextlib.suppress(Exception):
            check_ask(messy(warm))
    surfaces = {k: Surface(k) for k in SHARES}
    plan = [k for k, share in SHARES.items() for _ in range(round(n * share))]
    rng.shuffle(plan)
    sink = out.open("w") if out else None
    started = time.monotonic()
    for i, kind in enumerate(plan):
        if kind == "parse":
            arg, call = messy(rng), check_parse
        elif kind == "resolve":
            arg, call = name(rng), check_resolve
        elif kind == "batch":
            arg, call = batch_line(rng), check_batch
        elif kind == "cli":
            opt = rng.choice(CLI_OPTIONS)
            arg = option(rng)
            call = lambda v, opt=opt: check_cli(v, opt)  # noqa: E731
        elif kind == "ask":
            arg, call = messy(rng), check_ask
        else:
            arg, call = engine_question(rng), check_engine
        s = surfaces[kind]
        failure = None
        t = time.perf_counter()
        try:
            call(arg)
        except refusals:
            pass
        except Broken as exc:
            s.broken += 1
            failure = ("broken", str(exc))
        except Exception as exc:  # a crash: exactly what this campaign looks for
            s.crashes += 1
            failure = ("crash", "".join(traceback.format_exception_only(exc)).strip()[:500])
        dt = time.perf_counter() - t
        s.times.append(dt)
        shown = repr(arg)
        if dt > s.slowest[0]:
            s.slowest = (
                dt,
                shown[:120] + (f"... ({len(shown):,} chars)" if len(shown) > 120 else ""),
            )
        if failure:
            record = {
                "surface": kind,
                "kind": failure[0],
                "error": failure[1],
                "input": shown[:5000],
            }
            if len(s.first_failures) < 5:
                s.first_failures.append(record)
            if sink:
                sink.write(json.dumps(record) + "\n")
        if progress and (i + 1) % 5000 == 0:
            rate = (i + 1) / (time.monotonic() - started)
            print(f"  {i + 1:,} of {len(plan):,} ({rate:.0f}/s)", file=sys.stderr, flush=True)
    if sink:
        sink.close()
    return surfaces


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=None, help="failures, one JSON line each")
    args = ap.parse_args(argv)
    t = time.monotonic()
    surfaces = run_campaign(args.n, args.seed, args.out)
    total = sum(len(s.times) for s in surfaces.values())
    print(f"{total:,} inputs in {time.monotonic() - t:.0f} s (seed {args.seed})\n")
    print("| surface | inputs | crashes | broken invariants | p50 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|---|---|")
    for s in surfaces.values():
        print(s.row())
    print()
    for s in surfaces.values():
        print(f"slowest {s.name}: {s.slowest[0] * 1000:.0f} ms for {s.slowest[1]}")
        for f in s.first_failures:
            print(f"  {f['kind']}: {f['error'][:300]}\n    input: {f['input'][:300]}")


if __name__ == "__main__":
    main()
