"""A fingerprint of canirun's answers, to show that a speed change changed no output.

    python -m bench.digest                 # one SHA-256 over every answer, and the count
    python -m bench.digest --out FILE      # also one line per text: its two hashes and the text
    python -m bench.digest --against FILE  # list the texts whose answers differ from FILE's
    python -m bench.digest --again         # also ask every text a second time: the same answers

Each text is asked as `canirun ask` would (fitengine.answers.ask), and both what the CLI prints
are hashed: the rendered text (cli.render_answer) and the `--json` payload (the same keys as
cli.ask_payload). Questions naming a Hugging Face repo are answered without reading the Hub (no
network here), the same way before and after.

The texts: bench/latency.py's messages (300 and 10,000 characters), the development parts of
bench/nlq.py's two sets and of bench/advice_questions.yaml. Held-out items are never read: their
split is decided by the benches' own split_of before anything else is done with them.

Run it on the commit before a change (a worktree of it) and after; equal digests mean
byte-identical answers on these texts. --again checks what the engine keeps between questions
(placements, safe contexts): answers from what it kept must be the ones it worked out.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import advice, latency, nlq  # noqa: E402
from fitengine.answers import ask  # noqa: E402
from fitengine.catalog import default_catalog  # noqa: E402
from fitengine.cli import _dump, render_answer, to_json  # noqa: E402


def texts() -> Iterator[str]:
    for length in (300, 10_000):
        for i in range(len(latency.QUESTIONS)):
            yield latency.message(i, length)
    for path in nlq.SETS.values():
        for item in nlq.load_items(path):
            if nlq.split_of(item["text"]) == "tune":
                yield item["text"]
    for q in advice.load().questions:
        if advice.split_of(q.text) == "dev":
            yield q.text


def payload(answer) -> dict:
    """cli.ask_payload's keys, without the Hub's reading of repo references."""
    return {
        "query": _dump(answer.query),
        "intent": answer.intent,
        "answer": _dump(answer.answer),
        "message": answer.message,
        "suggestions": list(answer.suggestions),
        "assumed": _dump(list(answer.assumed)),
    }


def _sha(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def digests(catalog=None) -> list[tuple[str, str, str]]:
    """(text hash, JSON hash, the text) per text, in order."""
    cat = catalog or default_catalog()
    rows = []
    for text in texts():
        answer = ask(text, cat)
        rows.append((_sha(render_answer(answer)), _sha(to_json(payload(answer), indent=2)), text))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="write one line per text: hashes and text")
    ap.add_argument("--against", type=Path, help="a file --out wrote: list the texts that differ")
    ap.add_argument("--again", action="store_true", help="ask every text twice in this process")
    args = ap.parse_args()
    rows = digests()
    if args.again:
        repeated = [now for was, now in zip(rows, digests(), strict=True) if was != now]
        for _, _, text in repeated:
            print("differs when asked again:", text[:160])
        print(f"asked again: {len(repeated)} of {len(rows)} differ")
        if repeated:
            return 1
    total = hashlib.sha256("".join(a + b for a, b, _ in rows).encode()).hexdigest()
    print(f"{len(rows)} texts, answers digest {total}")
    lines = [f"{a} {b} {t!r}" for a, b, t in rows]
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.against:
        # matched by text, not by line: a text added to a set shifts every line after it
        def by_text(ls: list[str]) -> dict[str, str]:
            return {line.split(" ", 2)[2]: line for line in ls}

        before = by_text(args.against.read_text(encoding="utf-8").splitlines())
        now = by_text(lines)
        shared = [t for t in now if t in before]
        diff = [now[t] for t in shared if now[t] != before[t]]
        added, gone = len(now) - len(shared), len(before) - len(shared)
        if added or gone:
            print(f"texts: {added} new, {gone} gone, {len(shared)} in both")
        for line in diff:
            print("differs:", line.split(" ", 2)[2][:160])
        print(f"{len(diff)} of {len(shared)} differ")
        return 1 if diff or added or gone else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
