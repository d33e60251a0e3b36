"""How good a model is, on one common scale per task, for ranking advice.

A model's figure for a task is the first metric of that task in catalog/metrics.yaml that the model
has a score for (metrics.yaml lists them in order of preference, the task's common scale first),
mapped onto the common scale with the metric's fitted scale and offset. Where AA lists a reasoning
and a non-reasoning variant of the same weights, the better score counts.

A model with no figure for a task falls back to its overall quality (`task` then says "overall"),
put on the task's scale by a linear least-squares fit of the task's figure on the overall one over
the models that have both (computed at load; the AA coding index runs ~0.94x the intelligence
index, tau2-Bench ~1.7x + 11, EQ-Bench ~1,300 where the index is ~30), less the fit's residual
RMSE (an estimate yields to a published figure of the same value), so a model without a task
figure is neither favoured nor buried in that task's list.
A model with no overall figure gets one interpolated from published siblings: those of its own line
(the id before its size: qwen2.5-vl, then qwen2.5), else of its family released nearest to it. By
the log of effective size (a MoE counts as sqrt(total x active)): between the two nearest sizes
when they bracket it, else from the nearest one moved along the catalog-wide size slope. Siblings
of another line (GLM-Z1 from GLM-4.5) also move along the catalog-wide release-date slope; a
fine-tune or abliterated copy in its base's line does not. A family with no published member gets
the catalog-wide fit itself: overall = a + b ln(effective size) + c (release year), least squares
over every model with a published overall figure, computed when the catalog loads. Estimates are
marked `estimated`.

Pure and cheap: everything is computed once per catalog and kept with it.
"""

from __future__ import annotations

import functools
import math
import re
import weakref
from dataclasses import dataclass

from .catalog import Catalog, Metric, Model, Score

TASKS = ("overall", "coding", "tool_use", "long_context", "creative", "vision", "math")

# Siblings released within this many years of the nearest published one count as the same
# generation (Qwen3 April and its July 2507 updates; not Qwen2.5 for a Qwen3 model).
_GENERATION_YEARS = 0.25
_OVERALL_RANGE = (0.0, 100.0)


@dataclass(frozen=True)
class Quality:
    value: float  # on the common scale of the task (overall: AA Intelligence Index v4 points)
    task: str  # the task asked, or "overall" when the model has no figure for it
    estimated: bool  # True when not published for this model (interpolated)
    basis: str  # one short line a card can print


@dataclass(frozen=True)
class _TaskFit:
    """task figure = a + b x overall figure, over the n models that have both."""

    a: float
    b: float
    n: int
    r2: float
    rmse: float  # of the fit's residuals: how far a model's own figure strays from the line


# The fewest models with both figures a task's mapping from the overall scale is fitted on.
_MIN_TASK_FIT = 5


@dataclass(frozen=True)
class _SizeDateFit:
    """overall = a + b ln(effective size in B) + c (release year), over the published models."""

    a: float
    b: float
    c: float
    mean_year: float  # stands in for a model with no release date

    def at(self, size_b: float, year: float | None) -> float:
        y = self.mean_year if year is None else year
        return self.a + self.b * math.log(size_b) + self.c * y


def effective_size_b(model: Model) -> float:
    """Dense parameters, or sqrt(total x active) for a MoE: what its quality scales with."""
    return math.sqrt(model.params_b * model.active_b)


def _year(model: Model) -> float | None:
    if not model.released:
        return None
    y, _, m = model.released.partition("-")
    return int(y) + (int(m) - 0.5) / 12 if m else int(y) + 0.5


# A size token in a model id (8b, 0.6b, 270m, a3b, e4b, 8x7b): the id names the line before it.
_SIZE_TOKEN = re.compile(r"^(\d+(\.\d+)?[bm]|[ae]\d+(\.\d+)?b|\d+x\d+b)$")


@functools.lru_cache(maxsize=8192)
def _line(model_id: str) -> tuple[str, ...]:
    """The id's words before its size: qwen2.5-vl-7b -> (qwen2.5, vl); kimi-k2-thinking -> all."""
    words = model_id.split("-")
    for i, w in enumerate(words):
        if _SIZE_TOKEN.match(w):
            return tuple(words[:i])
    return tuple(words)


def _in_line(line: tuple[str, ...], prefix: str) -> bool:
    name = "-".join(line)
    return name == prefix or name.startswith(prefix + "-")


def _clamp_overall(v: float) -> float:
    return min(max(v, _OVERALL_RANGE[0]), _OVERALL_RANGE[1])


def _solve3(m: list[list[float]], v: list[float]) -> list[float]:
    """Gaussian elimination for the 3x3 normal equations (no numpy in the engine)."""
    a = [[*row, rhs] for row, rhs in zip(m, v, strict=True)]
    for i in range(3):
        p = max(range(i, 3), key=lambda r: abs(a[r][i]))
        a[i], a[p] = a[p], a[i]
        for r in range(3):
            if r != i:
                f = a[r][i] / a[i][i]
                a[r] = [x - f * y for x, y in zip(a[r], a[i], strict=True)]
    return [a[i][3] / a[i][i] for i in range(3)]


class _QualityIndex:
    """Every model's overall figure, the size/date fit and a memo of answers, for one catalog."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.by_task: dict[str, list[Metric]] = {t: [] for t in TASKS}
        for metric in catalog.metrics.values():
            self.by_task[metric.task].append(metric)
        self.published: dict[str, Quality] = {}
        for m in catalog.models.values():
            q = self._published(m, "overall")
            if q is not None:
                self.published[m.id] = q
        self.fit = self._fit_size_date()
        self.task_fits = {t: self._fit_task_on_overall(t) for t in TASKS if t != "overall"}
        self.memo: dict[tuple[str, str], Quality] = {}
        # the published models of each family, in the order of `published`
        self.published_by_family: dict[str, list[str]] = {}
        for mid in self.published:
            family = catalog.models[mid].family
            self.published_by_family.setdefault(family, []).append(mid)

    # ------------------------------------------------------------------ published figures
    def _published(self, model: Model, task: str) -> Quality | None:
        for metric in self.by_task.get(task, ()):
            scores = [s for s in model.scores if s.metric == metric.id]
            if scores:
                return self._from_scores(metric, scores, task)
        return None

    def _from_scores(self, metric: Metric, scores: list[Score], task: str) -> Quality:
        best = max(scores, key=lambda s: s.value if metric.higher_is_better else -s.value)
        value = best.value * metric.scale + metric.offset
        if task == "overall":
            value = _clamp_overall(value)
        if metric.scale == 1.0 and metric.offset == 0.0:
            basis = f"{metric.name}, {best.date[:7]}"
        else:
            common = self.by_task[task][0].name
            basis = f"{metric.name} {best.value:g} ({best.date[:7]}), mapped onto {common}"
        return Quality(value=value, task=task, estimated=False, basis=basis)

    # ------------------------------------------------------------------ estimates
    def _fit_size_date(self) -> _SizeDateFit:
        rows = []
        for mid, q in self.published.items():
            m = self.catalog.models[mid]
            year = _year(m)
            if year is not None:
                rows.append((math.log(effective_size_b(m)), year, q.value))
        if len(rows) < 3:
            mean = sum(r[2] for r in rows) / len(rows) if rows else 0.0
            return _SizeDateFit(a=mean, b=0.0, c=0.0, mean_year=2025.0)
        # centre the year so the normal equations stay well conditioned
        y0 = sum(r[1] for r in rows) / len(rows)
        xs = [(1.0, ls, yr - y0) for ls, yr, _ in rows]
        ata = [[sum(x[i] * x[j] for x in xs) for j in range(3)] for i in range(3)]
        aty = [sum(x[i] * r[2] for x, r in zip(xs, rows, strict=True)) for i in range(3)]
        a, b, c = _solve3(ata, aty)
        return _SizeDateFit(a=a - c * y0, b=b, c=c, mean_year=y0)

    def _fit_task_on_overall(self, task: str) -> _TaskFit | None:
        """task = a + b x overall, least squares over the models with a published figure for
        both (None with fewer than _MIN_TASK_FIT of them): what a model without a figure for the
        task is put on the task's scale with (tau2-Bench runs ~85 where the index is ~45)."""
        pairs = []
        for m in self.catalog.models.values():
            overall = self.published.get(m.id)
            own = self._published(m, task) if overall is not None else None
            if own is not None:
                pairs.append((overall.value, own.value))
        n = len(pairs)
        if n < _MIN_TASK_FIT:
            return None
        mx = sum(x for x, _ in pairs) / n
        my = sum(y for _, y in pairs) / n
        sxx = sum((x - mx) ** 2 for x, _ in pairs)
        if sxx <= 0:
            return None
        b = sum((x - mx) * (y - my) for x, y in pairs) / sxx
        a = my - b * mx
        sst = sum((y - my) ** 2 for _, y in pairs)
        sse = sum((y - a - b * x) ** 2 for x, y in pairs)
        r2 = 1 - sse / sst if sst > 0 else 0.0
        return _TaskFit(a=a, b=b, n=n, r2=r2, rmse=math.sqrt(sse / n))

    def _siblings(self, model: Model) -> tuple[list[Model], bool]:
        """Published models of the narrowest line the model shares with any (qwen2.5-vl, then
        qwen2.5, then the family), released nearest to it; and whether that was a line (one
        generation by name) rather than the whole family."""
        family = [
            self.catalog.models[mid]
            for mid in self.published_by_family.get(model.family, ())
            if mid != model.id
        ]
        line, same_line = _line(model.id), False
        for k in range(len(line), 0, -1):
            prefix = "-".join(line[:k])
            same = [s for s in family if _in_line(_line(s.id), prefix)]
            if same:
                family, same_line = same, prefix != model.family
                break
        year = _year(model)
        dated = [s for s in family if _year(s) is not None]
        if year is None or not dated:
            return family, same_line
        nearest = min(abs(_year(s) - year) for s in dated)  # type: ignore[operator]
        window = nearest + _GENERATION_YEARS
        return [s for s in dated if abs(_year(s) - year) <= window], same_line  # type: ignore[operator]

    def _date_shift(self, year: float | None, anchor_year: float | None) -> float:
        """For siblings of another line: the catalog-wide date slope over the part of the gap
        beyond one generation (a sibling released within a quarter is not moved). Siblings of the
        model's own line (a fine-tune, an abliterated copy, a VL variant) are not moved at all."""
        if year is None or anchor_year is None:
            return 0.0
        gap = year - anchor_year
        return self.fit.c * math.copysign(max(0.0, abs(gap) - _GENERATION_YEARS), gap)

    def _estimate_overall(self, model: Model) -> Quality:
        size, year = effective_size_b(model), _year(model)
        siblings, same_line = self._siblings(model)
        if not siblings:
            value = _clamp_overall(self.fit.at(size, year))
            basis = "estimated from size and release date (catalog-wide fit)"
            return Quality(value=value, task="overall", estimated=True, basis=basis)

        def val(m: Model) -> float:
            return self.published[m.id].value

        below = [s for s in siblings if effective_size_b(s) <= size]
        above = [s for s in siblings if effective_size_b(s) >= size]
        if below and above:
            lo = max(below, key=lambda s: (effective_size_b(s), val(s)))
            hi = min(above, key=lambda s: (effective_size_b(s), -val(s)))
            span = math.log(effective_size_b(hi)) - math.log(effective_size_b(lo))
            t = (math.log(size) - math.log(effective_size_b(lo))) / span if span else 0.5
            value = val(lo) + (val(hi) - val(lo)) * t
            y_lo, y_hi = _year(lo), _year(hi)
            if not same_line and y_lo is not None and y_hi is not None:
                value += self._date_shift(year, y_lo + (y_hi - y_lo) * t)
            names = lo.name if lo is hi else f"{lo.name} and {hi.name}"
            basis = f"estimated from {names} by size"
        else:
            near = min(siblings, key=lambda s: abs(math.log(effective_size_b(s) / size)))
            value = val(near) + self.fit.b * math.log(size / effective_size_b(near))
            if not same_line:
                value += self._date_shift(year, _year(near))
            moved = "size" if same_line else "size and release date"
            basis = f"estimated from {near.name}, moved by {moved}"
        return Quality(value=_clamp_overall(value), task="overall", estimated=True, basis=basis)

    # ------------------------------------------------------------------ entry point
    def quality(self, model: Model, task: str) -> Quality:
        key = (model.id, task)
        memo = self.catalog.models.get(model.id) is model
        if memo and key in self.memo:
            return self.memo[key]
        if task not in TASKS:
            raise ValueError(f"unknown task {task!r}; one of {', '.join(TASKS)}")
        if task == "overall":
            q = self.published.get(model.id) if memo else self._published(model, task)
            if q is None:
                q = self._estimate_overall(model)
        else:
            q = self._published(model, task) or self._mapped_overall(model, task)
        if memo:
            self.memo[key] = q
        return q

    def _mapped_overall(self, model: Model, task: str) -> Quality:
        """No figure for the task: the overall one, put on the task's scale by task_fits (as is
        when there is no fit), one residual RMSE below the line: an estimate, so a published
        figure of the same value wins, and by more where the fit is loose (EQ-Bench on the
        index: R^2 0.57). `task` stays "overall": that is where the figure comes from."""
        overall = self.quality(model, "overall")
        fit = self.task_fits.get(task)
        if fit is None:
            return overall
        common = self.by_task[task][0].name
        return Quality(
            value=max(fit.a + fit.b * overall.value - fit.rmse, 0.0),
            task="overall",
            estimated=True,
            basis=f"{overall.basis}; mapped onto {common} (fit over {fit.n} models, "
            f"R^2 {fit.r2:.2f}, one RMSE below the line)",
        )


class _SharedMemo(dict):
    """The memo of a catalog that extends another: the entries both have are answered from (and
    kept in) the base's memo, the added ones in this one."""

    def __init__(self, base: dict, base_ids: dict):
        super().__init__()
        self.base, self.base_ids = base, base_ids

    def __contains__(self, key) -> bool:
        return key in self.base if key[0] in self.base_ids else super().__contains__(key)

    def __getitem__(self, key):
        return self.base[key] if key[0] in self.base_ids else super().__getitem__(key)

    def __setitem__(self, key, value) -> None:
        if key[0] in self.base_ids:
            self.base[key] = value
        else:
            super().__setitem__(key, value)


def _extending(base: _QualityIndex, catalog: Catalog) -> _QualityIndex | None:
    """The index of `catalog`, which is base's catalog plus models read from elsewhere (Hugging
    Face repos), built from base's. Everything an index works out when it is built (published
    figures, the size/date fit, the task fits, families) comes from the models' scores, so
    models without any leave it all as it is, and the answers base memoized stand. None when the
    two differ otherwise (then `catalog` is indexed afresh)."""
    own = base.catalog.models
    models = list(catalog.models.values())
    # base's entries first and in its order (the fits sum over them in that order)
    if catalog.metrics is not base.catalog.metrics or len(models) < len(own):
        return None
    if any(a is not b for a, b in zip(models, own.values(), strict=False)):
        return None
    added = models[len(own) :]
    if any(m.id in own or m.scores for m in added):
        return None
    idx = object.__new__(_QualityIndex)
    idx.__dict__.update(base.__dict__)
    idx.catalog = catalog
    idx.memo = _SharedMemo(base.memo, own)
    return idx


def share_index(base: Catalog, catalog: Catalog) -> None:
    """`catalog` is `base` plus a few models (a question's Hugging Face repos): index it from
    base's index instead of afresh (a few ms per question otherwise)."""
    if catalog not in _INDEXES:
        idx = _extending(_index(base), catalog)
        if idx is not None:
            _INDEXES[catalog] = idx


# One index per catalog, dropped with it (catalogs are compared by identity, not by value).
_INDEXES: weakref.WeakKeyDictionary[Catalog, _QualityIndex] = weakref.WeakKeyDictionary()


def _index(catalog: Catalog) -> _QualityIndex:
    idx = _INDEXES.get(catalog)
    if idx is None:
        idx = _INDEXES[catalog] = _QualityIndex(catalog)
    return idx


def model_quality(model: Model, catalog: Catalog, task: str = "overall") -> Quality:
    """The model's quality for `task` on that task's common scale (see the module docstring)."""
    return _index(catalog).quality(model, task)


def on_overall_scale(value: float, task: str, catalog: Catalog) -> float:
    """A figure of `task`'s common scale in overall index points (the inverse of the task's fit
    on the overall figure): what the advice discounts by quant and speed as a share, which only
    means something on a scale whose zero is no skill (EQ-Bench's ~1,000 for a weak model is
    not ten times a 100)."""
    fit = _index(catalog).task_fits.get(task) if task != "overall" else None
    if fit is None or fit.b <= 0:
        return value
    return (value - fit.a) / fit.b


def size_date_fit(catalog: Catalog) -> _SizeDateFit:
    """The catalog-wide fit used for families with no published figure (for reports and tests)."""
    return _index(catalog).fit
