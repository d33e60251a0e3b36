"""How many hardware names of the calibration corpus resolve, and to the right entry.

    python -m bench.hw_coverage [--csv PATH] [--list]

Every distinct `hardware` and `hardware_normalized` value of ../shared/calibration/speed.csv goes
through resolve_hardware with the row's backend (a CPU row asks for the processor). A name counts as
resolved when it gives an entry (catalogued, or inferred from the family rules); "right" compares the
entry with the calibration map bench/hwmap/*.yaml (hw_key -> id). Names that say only the family of
a device ("Orin" is the CUDA name of every Jetson Orin module) come back as suggestions, and count
as correct when the mapped device is among them. Latency is the resolver's own, per name, warm.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.rows import csv_path, load_maps
from fitengine.catalog import Catalog, default_catalog
from fitengine.resolve import Resolution, resolve_hardware


@dataclass(frozen=True)
class Name:
    text: str
    backend: str
    expected: str | None  # the calibration map's id, when it has one


def corpus_names(path: Path | None = None) -> list[Name]:
    """Distinct (name, backend) pairs of the corpus, with the id the calibration map gives."""
    _, hwmap, by_hardware = load_maps()
    out: dict[tuple[str, str], Name] = {}
    with open(path or csv_path(), newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            expected = by_hardware.get(r["hardware"]) or hwmap.get(r["hw_key"])
            backend = (r["backend"].split() or [""])[0].lower()
            for text in (r["hardware"], r["hardware_normalized"]):
                if text and (text, backend) not in out:
                    out[(text, backend)] = Name(text, backend, expected)
    return list(out.values())


def resolve(name: Name, catalog: Catalog) -> Resolution:
    try:
        return resolve_hardware(name.text, catalog, backend=name.backend)
    except TypeError:  # a resolver from before the backend argument (for before/after runs)
        return resolve_hardware(name.text, catalog)


@dataclass
class Result:
    name: Name
    res: Resolution
    seconds: float

    @property
    def got(self) -> str | None:
        return self.res.entry.id if self.res.entry is not None else None

    @property
    def suggested(self) -> bool:
        return self.got is None and any(s.id == self.name.expected for s in self.res.suggestions)


def run(path: Path | None = None) -> list[Result]:
    cat = default_catalog()
    resolve_hardware("3090", cat)  # indexes built outside the timing
    names = corpus_names(path)
    for n in names:  # rules compiled, caches warm: what a long-running bot sees
        resolve(n, cat)
    out = []
    for n in names:
        t0 = time.perf_counter()
        res = resolve(n, cat)
        out.append(Result(n, res, time.perf_counter() - t0))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=None)
    ap.add_argument("--list", action="store_true", help="print every name that is not exact")
    args = ap.parse_args()
    results = run(args.csv)
    n = len(results)
    resolved = [r for r in results if r.got]
    inferred = [r for r in resolved if getattr(r.res.entry, "inferred", False)]
    mapped = [r for r in results if r.name.expected]
    right = [r for r in mapped if r.got == r.name.expected]
    suggested = [r for r in mapped if r.suggested]
    times = sorted(r.seconds * 1000 for r in results)
    print(f"hardware names: {n} (distinct name and backend pairs of {args.csv or csv_path()})")
    print(
        f"resolved: {len(resolved)} ({len(resolved) / n:.1%}), of which inferred from family "
        f"rules: {len(inferred)}; unresolved: {n - len(resolved)}"
    )
    print(
        f"against the calibration map ({len(mapped)} names): same entry {len(right)}, "
        f"ambiguous name with the mapped entry suggested {len(suggested)}, "
        f"other {len(mapped) - len(right) - len(suggested)}"
    )
    print(
        f"latency per name: p50 {statistics.median(times):.3f} ms, "
        f"p90 {times[int(0.9 * (n - 1))]:.3f} ms, max {times[-1]:.2f} ms"
    )
    if args.list:
        for r in results:
            if r.got is None or (r.name.expected and r.got != r.name.expected):
                sugg = ", ".join(s.id for s in r.res.suggestions[:3])
                print(
                    f"  {r.name.text!r} [{r.name.backend}] -> {r.got} (map: {r.name.expected}; {sugg})"
                )
        for r in inferred:
            print(f"  inferred: {r.name.text!r} -> {r.got}")


if __name__ == "__main__":
    main()
