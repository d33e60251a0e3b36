"""Per-field accuracy of the free-text parser on tests/data/nlq_eval.yaml.

    python bench/nlq.py                 # tuning split, held-out split and all
    python bench/nlq.py --failures      # also list the tuning split's misses (never the held-out's)

The held-out third is chosen by a hash of each phrasing's text, so it does not depend on the order
of the file and nobody picks it. A field whose labelled catalog id is not in the catalog (an entry
not written yet) is counted apart as "no entry", not as a parser miss.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fitengine.catalog import default_catalog  # noqa: E402
from fitengine.nlq import Query, parse  # noqa: E402

EVAL_FILE = ROOT / "tests" / "data" / "nlq_eval.yaml"
FIELDS = [
    "hardware",
    "model",
    "gpus",
    "quant",
    "context",
    "vram_gb",
    "ram_gb",
    "kv_type",
    "workload",
    "intent",
]
TARGET_FIELDS = ["hardware", "model", "gpus", "quant", "context"]


def split_of(text: str) -> str:
    h = int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)
    return "heldout" if h % 3 == 0 else "tune"


def load_items() -> list[dict]:
    return yaml.safe_load(EVAL_FILE.read_text(encoding="utf-8"))


def _any(label) -> list:
    return label if isinstance(label, list) else [label]


def check_field(item: dict, q: Query, field: str, catalog) -> bool | None:
    """True / False, or None when the label names an entry the catalog does not have."""
    if field in ("model", "hardware"):
        index = catalog.models if field == "model" else catalog.hardware
        pairs = [
            (item.get(field), getattr(q, field)),
            (item.get(field + "_b"), getattr(q, field + "_b")),
        ]
        ok = True
        for label, got in pairs:
            if label is None:
                ok &= got is None
                continue
            options = [x for x in _any(label) if x in index]
            if not options:
                return None
            ok &= got is not None and got.id in options
        return ok
    label = item.get(field)
    if field == "context" and label == "max":
        if q.model is None:
            return q.full_context
        return q.context == catalog.models[q.model.id].context
    got = getattr(q, field)
    if field == "vram_gb" and got is None and q.hardware_b is not None:
        got = q.vram_gb_b  # "p40 vs 3060 12gb": the memory named for the compared device
    if field == "quant" and label is not None:
        return got in _any(label)
    if isinstance(label, float | int) and got is not None:
        return abs(float(label) - float(got)) < 0.01
    return label == got


def evaluate(items: list[dict], catalog=None) -> dict:
    catalog = catalog or default_catalog()
    stats = {f: {"ok": 0, "n": 0, "no_entry": 0} for f in FIELDS}
    misses: list[tuple[dict, Query, list[str]]] = []
    for item in items:
        q = parse(item["text"], catalog)
        bad = []
        for f in FIELDS:
            r = check_field(item, q, f, catalog)
            if r is None:
                stats[f]["no_entry"] += 1
                continue
            stats[f]["n"] += 1
            stats[f]["ok"] += int(r)
            if not r:
                bad.append(f)
        if bad:
            misses.append((item, q, bad))
    return {"stats": stats, "misses": misses, "n": len(items)}


def accuracy(stats: dict, field: str) -> float:
    s = stats[field]
    return s["ok"] / s["n"] if s["n"] else 1.0


def _show(q: Query, f: str):
    if f in ("model", "hardware"):
        a, b = getattr(q, f), getattr(q, f + "_b")
        return [a.id if a else None, b.id if b else None]
    return getattr(q, f)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", action="store_true", help="list the tuning split's misses")
    args = ap.parse_args()
    items = load_items()
    catalog = default_catalog()
    splits = {
        "tune": [i for i in items if split_of(i["text"]) == "tune"],
        "heldout": [i for i in items if split_of(i["text"]) == "heldout"],
        "all": items,
    }
    results = {name: evaluate(its, catalog) for name, its in splits.items()}
    print(f"{len(catalog.models)} models, {len(catalog.hardware)} hardware entries in the catalog")
    header = f"{'field':<10}" + "".join(
        f"{n + ' (' + str(len(splits[n])) + ')':>16}" for n in splits
    )
    print(header)
    for f in FIELDS:
        row = f"{f:<10}"
        for name in splits:
            st = results[name]["stats"]
            cell = f"{100 * accuracy(st, f):5.1f}%"
            if st[f]["no_entry"]:
                cell += f" -{st[f]['no_entry']}"
            row += f"{cell:>16}"
        mark = "  *" if f in TARGET_FIELDS else ""
        print(row + mark)
    print("* target fields (>= 95%); '-N' = N phrasings whose labelled entry is not in the catalog")
    if args.failures:
        print("\nmisses in the tuning split:")
        for item, q, bad in results["tune"]["misses"]:
            print(f"- {item['text']!r}")
            for f in bad:
                want = (
                    [item.get(f), item.get(f + "_b")] if f in ("model", "hardware") else item.get(f)
                )
                print(f"    {f}: got {_show(q, f)!r} want {want!r}")
            if q.unsure:
                print(
                    f"    unsure: {[(u.kind, u.text, [s.id for s in u.suggestions]) for u in q.unsure]}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
