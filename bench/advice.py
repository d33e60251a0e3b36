"""Advice benchmark: realistic questions, each with the answer a practitioner would accept.

    python -m bench.advice                 # pass rate per class, development and held-out parts
    python -m bench.advice --failures      # also every failing development question, check by check
    python -m bench.advice --only ID ...   # every check of these questions (development part only)

The questions, expectations and their sources are in bench/advice_questions.yaml; the checks are
named in bench/advice_checks.py. A question passes when every one of its checks passes and its
cards do not contradict themselves (the file's `invariants:`). The held-out third is chosen by a
hash of each question's text (the rule of bench/nlq.py), so nobody picks it; its failures are
never listed, only its pass rates, so the engine is not tuned on it.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.advice_checks import BenchFile, Ctx, Outcome, Question, evaluate
from fitengine.answers import ask
from fitengine.catalog import Catalog, default_catalog
from fitengine.cli import render_answer

QUESTIONS_FILE = Path(__file__).resolve().parent / "advice_questions.yaml"
TARGET = 0.90  # issue 8, acceptance item 10
SPLITS = ("dev", "heldout")


def split_of(text: str) -> str:
    h = int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)
    return "heldout" if h % 3 == 0 else "dev"


def load(path: Path = QUESTIONS_FILE) -> BenchFile:
    return BenchFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Result:
    question: Question
    split: str
    outcomes: tuple[Outcome, ...]
    crash: str = ""

    @property
    def passed(self) -> bool:
        return not self.crash and all(o.ok for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]


def run_question(q: Question, bench: BenchFile, catalog: Catalog) -> Result:
    try:
        answer = ask(q.text, catalog)
        ctx = Ctx(answer=answer, catalog=catalog, bench=bench, rendered=render_answer(answer))
        outcomes = tuple(evaluate(ctx, q, bench.invariants))
    except Exception as exc:  # a crash is a failure of the question, not of the benchmark
        return Result(q, split_of(q.text), (), crash=f"{type(exc).__name__}: {exc}")
    return Result(q, split_of(q.text), outcomes)


def run(bench: BenchFile, catalog: Catalog) -> list[Result]:
    return [run_question(q, bench, catalog) for q in bench.questions]


# --------------------------------------------------------------------------- report


def _rate(rs: list[Result]) -> str:
    if not rs:
        return "-"
    ok = sum(r.passed for r in rs)
    return f"{ok}/{len(rs)} {100 * ok / len(rs):3.0f}%"


def _needs_entry(r: Result) -> bool:
    """Fails, and expects a model the catalog does not have yet (its other failures may follow)."""
    return not r.passed and any(o.status == "needs_entry" for o in r.failed)


def pass_table(results: list[Result], classes: list[str]) -> list[str]:
    head = f"{'class':<16}{'dev':>14}{'held-out':>14}{'all':>14}{'dev needs entry':>17}"
    lines = [head]
    for c in [*classes, "all"]:
        rows = [r for r in results if c == "all" or r.question.cls == c]
        cells = [_rate([r for r in rows if r.split == s]) for s in SPLITS] + [_rate(rows)]
        blocked = sum(_needs_entry(r) for r in rows if r.split == "dev")
        lines.append(f"{c:<16}" + "".join(f"{cell:>14}" for cell in cells) + f"{blocked:>17}")
    lines.append(
        "dev needs entry: failing development questions that expect a model the catalog does not "
        "have yet"
    )
    return lines


def failure_classes(results: list[Result]) -> Counter:
    """How often each check fails, by status (fail / needs_entry / needs_field / crash)."""
    count: Counter = Counter()
    for r in results:
        if r.crash:
            count[("crash", "fail")] += 1
        for o in r.failed:
            count[(o.check, o.status)] += 1
    return count


def blocked_only(results: list[Result]) -> tuple[int, int]:
    """Failing questions whose every failed check waits on a catalog entry / an engine field."""
    entry = field_ = 0
    for r in results:
        if r.passed or r.crash:
            continue
        statuses = {o.status for o in r.failed}
        if statuses == {"needs_entry"}:
            entry += 1
        elif statuses <= {"needs_entry", "needs_field"}:
            field_ += 1
    return entry, field_


def show_failures(results: list[Result]) -> list[str]:
    lines: list[str] = []
    for r in results:
        if r.passed:
            continue
        lines.append(f"\n[{r.question.cls}] {r.question.id}: {r.question.text}")
        if r.crash:
            lines.append(f"  crash: {r.crash}")
        for o in r.failed:
            lines.append(f"  {o.check} ({o.status}): {o.detail}")
    return lines


def show_question(r: Result) -> list[str]:
    lines = [f"[{r.question.cls}] {r.question.id} ({r.split}): {r.question.text}"]
    lines.append(f"  expert: {r.question.answer}")
    if r.crash:
        lines.append(f"  crash: {r.crash}")
    for o in r.outcomes:
        lines.append(f"  {'ok ' if o.ok else 'NO '} {o.check} ({o.status}): {o.detail}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", action="store_true", help="list the development part's failures")
    ap.add_argument("--only", nargs="+", metavar="ID", help="show every check of these questions")
    ap.add_argument("--top", type=int, default=10, help="failure classes to list (default 10)")
    args = ap.parse_args(argv)

    bench = load()
    catalog = default_catalog()
    if args.only:
        wanted = set(args.only)
        qs = [q for q in bench.questions if q.id in wanted]
        held = [q.id for q in qs if split_of(q.text) == "heldout"]
        if held:
            print(f"held-out questions are not shown: {', '.join(held)}")
        for q in qs:
            if split_of(q.text) == "dev":
                print("\n".join(show_question(run_question(q, bench, catalog))))
        return 0

    t0 = time.perf_counter()
    results = run(bench, catalog)
    dt = time.perf_counter() - t0
    dev = [r for r in results if r.split == "dev"]
    print(
        f"advice benchmark: {len(results)} questions ({len(dev)} development, "
        f"{len(results) - len(dev)} held out), {len(catalog.models)} models and "
        f"{len(catalog.hardware)} devices in the catalog, {dt:.1f} s"
    )
    landed = [m for m in bench.pending.models if m in catalog.models]
    if landed:
        print(f"pending ids now in the catalog (remove them from `pending:`): {', '.join(landed)}")
    print("\n".join(pass_table(results, list(bench.classes))))
    print(f"target: {TARGET:.0%} (issue 8, acceptance item 10)")
    entry, field_ = blocked_only(dev)
    print(
        f"development questions failing only on missing catalog entries: {entry}; only on "
        f"entries and engine fields: {field_}"
    )
    print("\nmost common failures (development part): count, check, status")
    classes = failure_classes(dev)
    for (check, status), n in classes.most_common(args.top):
        print(f"  {n:3d}  {check:<26} {status}")
    print("plain failures (no missing entry or field to blame), most common:")
    plain = Counter({k: n for k, n in classes.items() if k[1] == "fail"})
    for (check, _), n in plain.most_common(args.top):
        print(f"  {n:3d}  {check}")
    if args.failures:
        print("\n".join(show_failures(dev)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
