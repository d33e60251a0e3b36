"""Per-field accuracy of the free-text parser on its two question sets.

    python bench/nlq.py                  # both sets: development part, held-out part, all
    python bench/nlq.py --set real       # one set only (in-house | real)
    python bench/nlq.py --failures       # also list the development part's misses (never held-out)

The sets:
  in-house  tests/data/nlq_eval.yaml  phrasings written for the parser before it was tuned
  real      tests/data/nlq_real.yaml  questions and reports people posted in public issue threads
                                      and forums, verbatim, each with its source URL

Each set is split into a development part and a held-out third by a hash of each text (split_of),
so the split does not depend on the order of the file and nobody picks it. Rules are tuned on the
development part only; --failures never lists a held-out item, so the held-out figures stay honest.
This is a figures tool: it prints accuracies and exits 0 (targets are checked by the tests).

Scoring rules, field by field (a field the item does not label means "not stated": the parser
must leave it empty; fields marked "only where labelled" below are scored on labelled items only):
  model / hardware   the catalog id; a list means any of them is right, and also accepts the parser
                     asking which one (no entry given, an unsure mention whose suggestions include
                     one of them: "Qwen3-VL", "an A100"). model_b / hardware_b, the second side of a
                     comparison, are part of the same field.
  unknown:<name>     the text names a model or device the catalog does not have. Right when the
                     parser names no entry for that field and flags an unsure mention of that kind
                     (Query.unsure): it says it does not know it, instead of answering for another.
                     Once the catalog gains an entry whose id or alias is that name (letters and
                     digits compared), the label counts as that entry; the bench lists such stale
                     labels so they can be rewritten with the id. For a device, an entry the
                     family rules inferred (infer_hw, `inferred`: a CPU or an iGPU nobody
                     catalogued, named as inferred) whose name has the label's model number is
                     right too: it names that device, not another. For a model, a Hugging Face
                     repo reference (handed to the Hub reader) is right when it is the labelled
                     entry's own or GGUF repo in the catalog, or its name resolves to that entry
                     (a format tail such as "-GGUF", "-exl3-3.22bpw", "-4bit" left out); for an
                     unknown: model, when the repo's name has the label's (the Hub reader reads
                     that very model).
  pending            an item whose labelled id is one the catalog is about to get (pending: true).
                     Until the id exists the field is counted apart as "no entry" (the '-N' in the
                     table), not as a parser miss; so is any other id not in the catalog.
  gpus / vram_gb / ram_gb / context   the number stated (a list: any of them). context "max" =
                     the model's full context. With a mixed rig (setup:), gpus and vram_gb are scored
                     in the setup field unless the item labels them too.
  quant / kv_type    the catalog quant id / KV cache type (a list: any of them).
  setup              (only where labelled) a mixed rig, e.g. "4090 + 3090": every device with its
                     count (1 when not stated) and memory (when stated), in any order. The parser's
                     devices are Query.setup when it has one, else its hardware, hardware_b and
                     more_hardware with their counts and memory. An unknown: device must be left out
                     of the parser's list and flagged unsure.
  model_size_b       (only where labelled) a size without a model ("a 14B model"): right when the
                     parser reports that size (Query.model_size_b, within 5%).
  intent / workload  in-house: always scored; real: only where labelled (a report of a run has no
                     intent of its own).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fitengine.catalog import default_catalog  # noqa: E402
from fitengine.nlq import Query, parse  # noqa: E402

EVAL_FILE = ROOT / "tests" / "data" / "nlq_eval.yaml"
REAL_FILE = ROOT / "tests" / "data" / "nlq_real.yaml"
SETS = {"in-house": EVAL_FILE, "real": REAL_FILE}
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
EXTRA_FIELDS = ["setup", "model_size_b"]  # mixed rigs and sizes without a model
ALL_FIELDS = FIELDS + EXTRA_FIELDS
# scored only on items that label them
ONLY_LABELLED = {
    "in-house": frozenset(EXTRA_FIELDS),
    "real": frozenset([*EXTRA_FIELDS, "intent", "workload"]),
}
TARGET_FIELDS = ["hardware", "model", "gpus", "quant", "context"]
# issue 9's targets on the real set's held-out part
REAL_TARGETS = {
    "hardware": 0.95,
    "model": 0.92,
    "gpus": 0.97,
    "vram_gb": 0.95,
    "ram_gb": 0.95,
    "quant": 0.97,
    "context": 0.97,
}
UNKNOWN = "unknown:"
SKIP = "skip"  # check_field: the field is not scored on this item
SPLIT_NAMES = {"tune": "dev", "heldout": "held-out", "all": "all"}


def split_of(text: str) -> str:
    """ "heldout" for a third of the texts, chosen by hash; "tune" (the development part) else."""
    h = int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)
    return "heldout" if h % 3 == 0 else "tune"


def load_items(path: Path = EVAL_FILE) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _any(label) -> list:
    return label if isinstance(label, list) else [label]


def is_unknown(label) -> bool:
    return isinstance(label, str) and label.startswith(UNKNOWN)


def _unsure_ids(q: Query, kind: str) -> set[str]:
    return {c.id for u in q.unsure if u.kind == kind for c in u.suggestions}


def _has_unsure(q: Query, kind: str) -> bool:
    return any(u.kind == kind for u in q.unsure)


def _compact(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


_NAMES: dict[int, dict[str, str]] = {}


def _names(index) -> dict[str, str]:
    """Compacted id and aliases -> id, to notice an unknown: name the catalog has since gained."""
    if id(index) not in _NAMES:
        out: dict[str, str] = {}
        for e in index.values():
            for key in (e.id, *e.aliases):
                out.setdefault(_compact(key), e.id)
        _NAMES[id(index)] = out
    return _NAMES[id(index)]


def now_known(label, index) -> str | None:
    """The catalog id an unknown:<name> label now names, if the catalog gained it."""
    if not is_unknown(label):
        return None
    return _names(index).get(_compact(label[len(UNKNOWN) :]))


def _entity_ok(label, got, q: Query, kind: str, index) -> bool | None:
    """One side (model or model_b, ...): True / False, None when the label names no entry yet."""
    if label is None:
        return got is None
    if is_unknown(label):
        if known := now_known(label, index):
            return got is not None and got.id == known
        if got is not None:
            return _inferred_as(label, index.get(got.id)) or _repo_named(label, got.id)
        return _has_unsure(q, kind)
    options = [x for x in _any(label) if x in index]
    if not options:
        return None
    if got is not None:
        return (
            got.id in options
            or _repo_of(got.id, index) in options
            or _desktop_twin(got.id) in options
        )
    # asking which one, among candidates that include a right answer, is a right reading of a
    # family or an ambiguous name ("Qwen3-VL", "an A100")
    return isinstance(label, list) and bool(_unsure_ids(q, kind) & set(options))


_REPOS: dict[int, dict[str, str]] = {}


def _desktop_twin(hw_id: str) -> str | None:
    """The generic desktop system a generic laptop one shares its memory with
    ("cpu-laptop-ddr5-2ch" -> "cpu-ddr5-2ch"): labels written before the laptop systems were
    catalogued name the desktop system with that memory for "a CPU-only laptop with DDR5"; the
    laptop reading is the same memory at a laptop's clocks, the better reading of the text."""
    return hw_id.replace("cpu-laptop-", "cpu-", 1) if hw_id.startswith("cpu-laptop-") else None


def _repo_of(ref: str, models) -> str | None:
    """The catalog model a Hugging Face repo reference names (the parser hands repos to the Hub
    reader, which answers a catalog model's own or GGUF repo with that entry): its repo in the
    catalog, else the entry its name resolves to ("bartowski/Qwen3-8B-GGUF" -> qwen3-8b)."""
    if "/" not in ref or not hasattr(models, "values"):
        return None
    if id(models) not in _REPOS:
        by_repo: dict[str, str] = {}
        for m in models.values():
            for repo in (getattr(m, "hf_repo", ""), *(g.repo for g in getattr(m, "gguf", []))):
                if repo:
                    by_repo.setdefault(repo.lower(), m.id)
        _REPOS[id(models)] = by_repo
    if known := _REPOS[id(models)].get(ref.lower()):
        return known
    from fitengine.resolve import resolve_model

    name = ref.split("/", 1)[1]
    entry = resolve_model(re.sub(r"[-_.]gguf$", "", name, flags=re.I)).entry
    if entry is None and (bare := _FORMAT_TAIL.sub("", name)) != name:
        entry = resolve_model(bare).entry
    return entry.id if entry is not None else None


# what a repo's name adds after the model's own: its format and quant ("-exl3-3.22bpw-hb6",
# "-4bit", "-AWQ", "-GGUF", "-NVFP4-MTP")
_FORMAT_TAIL = re.compile(
    r"(?:[-_.](?:gguf|exl[23]|mlx|awq|gptq|mtp|\d+(?:\.\d+)?bpw|hb\d+|\d+-?bits?|fp8|nvfp4|mxfp4"
    r"|int[48]|q\d\w*|textonly))+$",
    re.I,
)


def _repo_named(label: str, ref: str) -> bool:
    """A Hugging Face repo reference whose name holds the unknown: label's name
    ("mradermacher/Nautilus-RP-18B-v2-GGUF" for "unknown:Nautilus-RP-18B-v2")."""
    if "/" not in ref:
        return False
    want = _compact(label[len(UNKNOWN) :])
    return bool(want) and want in _compact(ref.split("/", 1)[1])


def _inferred_as(label: str, entry) -> bool:
    """An inferred entry (specs derived from its family) for the device an unknown: label names:
    every number of the label is in the entry's name ("Xeon E5-2666" -> "Intel Xeon E5-2666")."""
    if entry is None or not getattr(entry, "inferred", False):
        return False
    numbers = re.findall(r"\d+", label)
    name = _compact(entry.name)
    return bool(numbers) and all(n in name for n in numbers)


def _devices(q: Query) -> list[tuple[str, int | None, float | None]]:
    setup = getattr(q, "setup", None)
    if setup:
        return [(d.id, d.gpus, d.vram_gb) for d in setup]
    out = []
    if q.hardware is not None:
        out.append((q.hardware.id, q.gpus, q.vram_gb))
    if q.hardware_b is not None:
        out.append((q.hardware_b.id, q.gpus_b, q.vram_gb_b))
    out += [(h.id, h.gpus, h.vram_gb) for h in q.more_hardware]
    return out


def _setup_ok(label: list[dict], q: Query, index) -> bool | None:
    known = []
    for d in label:
        if is_unknown(d["hardware"]):
            if gained := now_known(d["hardware"], index):
                known.append({**d, "hardware": gained})
            continue
        known.append(d)
    for d in known:
        if not any(x in index for x in _any(d["hardware"])):
            return None
    if len(known) < len(label) and not _has_unsure(q, "hardware"):
        return False
    got = _devices(q)
    if len(got) != len(known):
        return False
    left = list(got)
    for d in known:
        want_ids = set(_any(d["hardware"]))
        want_n = d.get("count", 1)
        want_mem = d.get("vram_gb")
        hit = next(
            (
                g
                for g in left
                if g[0] in want_ids
                and (g[1] or 1) == want_n
                and (want_mem is None or (g[2] is not None and abs(g[2] - want_mem) < 0.6))
            ),
            None,
        )
        if hit is None:
            return False
        left.remove(hit)
    return True


def _number_ok(label, got) -> bool:
    if label is None:
        return got is None
    return got is not None and any(abs(float(x) - float(got)) < 0.01 for x in _any(label))


def check_field(item: dict, q: Query, field: str, catalog, only_labelled=frozenset()):
    """True / False; None when the label names an entry the catalog does not have; SKIP when the
    field is not scored on this item."""
    label = item.get(field)
    if field in only_labelled and label is None:
        return SKIP
    if field in ("model", "hardware"):
        index = catalog.models if field == "model" else catalog.hardware
        ok = True
        for side in (field, field + "_b"):
            r = _entity_ok(item.get(side), getattr(q, side), q, field, index)
            if r is None:
                return None
            ok &= r
        return ok
    if field == "setup":
        return _setup_ok(label, q, catalog.hardware)
    if field == "model_size_b":
        got = getattr(q, "model_size_b", None)
        return got is not None and abs(float(got) - float(label)) <= 0.05 * float(label)
    if field in ("gpus", "vram_gb") and "setup" in item and label is None:
        return SKIP
    if field == "context" and label == "max":
        if q.model is None:
            return q.full_context
        return q.context == catalog.models[q.model.id].context
    got = getattr(q, field)
    if field == "vram_gb" and got is None and q.hardware_b is not None:
        got = q.vram_gb_b  # "p40 vs 3060 12gb": the memory named for the compared device
    if field in ("quant", "kv_type", "intent", "workload"):
        return got is None if label is None else got in _any(label)
    return _number_ok(label, got)


def evaluate(items: list[dict], catalog=None, fields=FIELDS, only_labelled=frozenset()) -> dict:
    catalog = catalog or default_catalog()
    # *_stated: the same counts over the items that label the field (the text states it)
    stats = {f: {"ok": 0, "n": 0, "no_entry": 0, "ok_stated": 0, "n_stated": 0} for f in fields}
    misses: list[tuple[dict, Query, list[str]]] = []
    for item in items:
        q = parse(item["text"], catalog)
        bad = []
        for f in fields:
            r = check_field(item, q, f, catalog, only_labelled)
            if r is SKIP:
                continue
            if r is None:
                stats[f]["no_entry"] += 1
                continue
            stats[f]["n"] += 1
            stats[f]["ok"] += int(r)
            if item.get(f) is not None or item.get(f + "_b") is not None:
                stats[f]["n_stated"] += 1
                stats[f]["ok_stated"] += int(r)
            if not r:
                bad.append(f)
        if bad:
            misses.append((item, q, bad))
    return {"stats": stats, "misses": misses, "n": len(items)}


def accuracy(stats: dict, field: str) -> float:
    s = stats[field]
    return s["ok"] / s["n"] if s["n"] else 1.0


def splits(items: list[dict]) -> dict[str, list[dict]]:
    return {
        "tune": [i for i in items if split_of(i["text"]) == "tune"],
        "heldout": [i for i in items if split_of(i["text"]) == "heldout"],
        "all": items,
    }


def stale_unknowns(items: list[dict], catalog) -> list[tuple[str, str]]:
    """(label, id) for every unknown: name the catalog now has: relabel those with the id."""
    out = []
    for it in items:
        pairs = [(f, it.get(f)) for f in ("model", "model_b", "hardware", "hardware_b")]
        pairs += [("hardware", d["hardware"]) for d in it.get("setup", [])]
        for f, label in pairs:
            index = catalog.models if f.startswith("model") else catalog.hardware
            if known := now_known(label, index):
                out.append((label, known))
    return out


def _show(q: Query, f: str):
    if f in ("model", "hardware"):
        a, b = getattr(q, f), getattr(q, f + "_b")
        return [a.id if a else None, b.id if b else None]
    if f == "setup":
        return _devices(q)
    return getattr(q, f, None)


def _want(item: dict, f: str):
    if f in ("model", "hardware"):
        return [item.get(f), item.get(f + "_b")]
    return item.get(f)


def _table(name: str, parts: dict, results: dict, stated: bool = False) -> None:
    ok_key, n_key = ("ok_stated", "n_stated") if stated else ("ok", "n")
    print(f"\n{name}")
    header = f"{'field':<13}" + "".join(
        f"{SPLIT_NAMES[n] + ' (' + str(len(parts[n])) + ')':>18}" for n in parts
    )
    print(header)
    for f in ALL_FIELDS:
        row = f"{f:<13}"
        for n in parts:
            st = results[n]["stats"][f]
            if st[n_key] == 0 and (stated or st["no_entry"] == 0):
                cell = "-"
            else:
                pct = 100 * st[ok_key] / st[n_key] if st[n_key] else 100.0
                cell = f"{pct:5.1f}% /{st[n_key]}"
                if st["no_entry"] and not stated:
                    cell += f" -{st['no_entry']}"
            row += f"{cell:>18}"
        print(row)


def _print_misses(name: str, misses) -> None:
    print(f"\nmisses in the {name} set's development part:")
    for item, q, bad in misses:
        print(f"- {item['text']!r}")
        for f in bad:
            print(f"    {f}: got {_show(q, f)!r} want {_want(item, f)!r}")
        if q.unsure:
            print(
                f"    unsure: {[(u.kind, u.text, [s.id for s in u.suggestions]) for u in q.unsure]}"
            )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=[*SETS, "both"], default="both", help="which question set")
    ap.add_argument(
        "--failures",
        action="store_true",
        help="list the development parts' misses (never held-out)",
    )
    args = ap.parse_args()
    catalog = default_catalog()
    print(f"{len(catalog.models)} models, {len(catalog.hardware)} hardware entries in the catalog")
    print(
        "cells: accuracy /scored items; '-N' = N items whose labelled entry is not in the catalog"
    )
    chosen = list(SETS) if args.set == "both" else [args.set]
    dev_misses = {}
    for name in chosen:
        parts = splits(load_items(SETS[name]))
        results = {
            n: evaluate(its, catalog, ALL_FIELDS, ONLY_LABELLED[name]) for n, its in parts.items()
        }
        _table(f"{name} set ({SETS[name].relative_to(ROOT)})", parts, results)
        if name == "real":
            _table("real set, only the items whose text states the field", parts, results, True)
        for label, known in stale_unknowns(parts["all"], catalog):
            print(f"  stale label: {label} is now {known} in the catalog; relabel it")
        dev_misses[name] = results["tune"]["misses"]
    if "in-house" in chosen:
        print("in-house targets (>= 95%, both parts):", ", ".join(TARGET_FIELDS))
    if "real" in chosen:
        print(
            "real-set targets on the held-out part: "
            + ", ".join(f"{f} {int(100 * t)}%" for f, t in REAL_TARGETS.items())
        )
    if args.failures:
        for name, misses in dev_misses.items():
            _print_misses(name, misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
