"""How current the model catalog is: a report to read before a release, not a pass/fail test.

    python -m bench.catalog_freshness [--today 2026-12-04] [--calibration DIR]

Three sections:

1. the newest release of each family (`family` and `released` of catalog/models/*.yaml), oldest
   first, so the families that stopped moving come to the top;
2. families with no entry released in the last year: a new version may be out and missing;
3. the names in ../shared/calibration/speed.csv and sizes.csv (`model` column) that
   resolve_model does not resolve: people measured them, so people ask about them. speed.csv
   rows also carry params_b; a name that resolves to an entry more than 25% away from it is
   listed as a suspect match (an alias that names the wrong model).

`released` is a month (or only a year, read as January); a release in the month a year ago counts
as within the year, since its day is not known.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from fitengine.catalog import Catalog, Model, default_catalog
from fitengine.resolve import resolve_model

HERE = Path(__file__).resolve().parent
# the repository's sibling ../shared (a worktree elsewhere passes --calibration or sets the variable)
DEFAULT_CALIBRATION = Path(
    os.environ.get("CANIRUN_CALIBRATION", HERE.parent.parent / "shared" / "calibration")
)
# a resolved entry this far from the measured row's params_b is probably another model
PARAMS_TOLERANCE = 0.25


@dataclass(frozen=True)
class FamilyNewest:
    family: str
    model: Model
    month: tuple[int, int]  # (year, month) of its release; (0, 0) when not known
    entries: int


@dataclass(frozen=True)
class NameCheck:
    name: str
    file: str  # speed.csv / sizes.csv
    rows: int
    resolved: str | None  # catalog id, or None
    params_b: float | None  # as the csv gives it (speed.csv only)
    resolved_params_b: float | None = None  # the resolved entry's

    @property
    def suspect(self) -> bool:
        if not self.resolved_params_b or not self.params_b:
            return False
        return abs(self.resolved_params_b - self.params_b) / self.params_b > PARAMS_TOLERANCE


def release_month(m: Model) -> tuple[int, int]:
    if not m.released:
        return (0, 0)
    year, _, month = m.released.partition("-")
    return (int(year), int(month or 1))


def newest_per_family(cat: Catalog) -> list[FamilyNewest]:
    by_family: dict[str, list[Model]] = defaultdict(list)
    for m in cat.models.values():
        by_family[m.family].append(m)
    out = []
    for fam, models in by_family.items():
        newest = max(models, key=lambda m: (release_month(m), m.params_b))
        out.append(FamilyNewest(fam, newest, release_month(newest), len(models)))
    return sorted(out, key=lambda f: (f.month, f.family))


def stale(families: list[FamilyNewest], today: dt.date) -> list[FamilyNewest]:
    cutoff = (today.year - 1, today.month)
    return [f for f in families if f.month < cutoff]


def check_names(cat: Catalog, calibration: Path) -> list[NameCheck]:
    out = []
    for name in ("speed.csv", "sizes.csv"):
        path = calibration / name
        if not path.exists():
            continue
        rows: dict[str, int] = defaultdict(int)
        params: dict[str, float | None] = {}
        with open(path, newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                rows[r["model"]] += 1
                try:
                    params.setdefault(r["model"], float(r.get("params_b") or ""))
                except ValueError:
                    params.setdefault(r["model"], None)
        for model, n in sorted(rows.items()):
            res = resolve_model(model, cat)
            rid, rparams = (res.entry.id, res.entry.params_b) if res.ok else (None, None)
            out.append(NameCheck(model, name, n, rid, params.get(model), rparams))
    return out


def report(cat: Catalog, today: dt.date, calibration: Path) -> str:
    fams = newest_per_family(cat)
    lines = [f"# Catalog freshness on {today.isoformat()}", ""]
    lines += [f"{len(cat.models)} models in {len(fams)} families.", ""]
    lines += ["## Newest release per family (oldest first)", ""]
    lines += ["| family | newest | released | entries |", "|---|---|---|---|"]
    for f in fams:
        lines.append(f"| {f.family} | {f.model.id} | {f.model.released or '?'} | {f.entries} |")
    old = stale(fams, today)
    lines += ["", f"## Families with nothing released in the last year ({len(old)})", ""]
    lines += [f"- {f.family}: newest {f.model.id} ({f.model.released or '?'})" for f in old]
    checks = check_names(cat, calibration)
    if not checks:
        lines += ["", f"No speed.csv / sizes.csv under {calibration}: pass --calibration DIR."]
        return "\n".join(lines) + "\n"
    missing = [c for c in checks if c.resolved is None]
    suspects = [c for c in checks if c.suspect]
    lines += ["", f"## Calibration names that do not resolve ({len(missing)} of {len(checks)})"]
    lines += [""] + [f"- {c.file}: {c.name!r} ({c.rows} rows)" for c in missing]
    lines += ["", f"## Calibration names that resolve to a model of another size ({len(suspects)})"]
    lines += [""] + [
        f"- {c.file}: {c.name!r} ({c.params_b}B) -> {c.resolved} "
        f"({cat.models[c.resolved].params_b}B)"
        for c in suspects
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    ap.add_argument("--calibration", type=Path, default=DEFAULT_CALIBRATION)
    args = ap.parse_args(argv)
    print(report(default_catalog(), args.today, args.calibration), end="")


if __name__ == "__main__":
    main()
