"""A repo's file list -> its GGUF quants with exact sizes, and the file llama.cpp's -hf would pick.

File names carry the quant type ("Qwen3-8B-Q4_K_M.gguf", "UD-Q4_K_XL/Kimi-K2.6-UD-Q4_K_XL-00001-of-
00013.gguf"); split files (-0000i-of-0000N) are one quant, their sizes summed. Projector files
(mmproj-*) and importance matrices are not models and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

_SPLIT = re.compile(r"-(\d{5})-of-(\d{5})$", re.I)
# the quant token at the end of a file stem: unsloth's UD- prefix, k-quants, i-quants, legacy,
# ternary, float and MXFP4 types, bartowski's _L/_XL variants
_QUANT = re.compile(
    r"(?:^|[-_.])((?:UD-)?(?:I?Q\d(?:_[A-Z0-9]+)*|TQ\d_\d|MXFP4(?:_MOE)?|BF16|F16|FP16|F32))$",
    re.I,
)
_NOT_MODEL = re.compile(r"(?:^|/)(?:mmproj|imatrix)|imatrix|mmproj", re.I)


@dataclass(frozen=True)
class QuantFile:
    """One quant of a repo: its files (several when split) and their total size."""

    label: str  # as the file names write it, upper case ("Q4_K_M", "UD-Q4_K_XL")
    paths: tuple[str, ...]  # in part order
    size: int  # bytes, all parts
    complete: bool = True  # every part -0000i-of-0000N is listed

    @property
    def first(self) -> str:
        return self.paths[0]


@dataclass
class RepoFiles:
    quants: dict[str, QuantFile] = field(default_factory=dict)  # label -> files, listing order
    unlabelled: list[QuantFile] = field(default_factory=list)  # .gguf files with no quant name
    has_config: bool = False
    has_safetensors: bool = False

    @property
    def gguf(self) -> list[QuantFile]:
        return [*self.quants.values(), *self.unlabelled]


def quant_label(path: str) -> str | None:
    stem = path.rsplit("/", 1)[-1]
    stem = re.sub(r"\.gguf$", "", stem, flags=re.I)
    stem = _SPLIT.sub("", stem)
    m = _QUANT.search(stem)
    if m is None:
        return None
    label = m.group(1).upper()
    return "F16" if label == "FP16" else label


def read_listing(siblings: Iterable[Mapping]) -> RepoFiles:
    """Group a listing ([{"rfilename", "size"}] as the Hub API gives it) into quants."""
    out = RepoFiles()
    parts: dict[tuple[str, str], dict[int, tuple[str, int]]] = {}
    totals: dict[tuple[str, str], int] = {}
    order: list[tuple[str, str]] = []
    for s in siblings:
        path = str(s.get("rfilename") or s.get("path") or "")
        size = s.get("size")
        if not isinstance(size, int):
            lfs = s.get("lfs") or {}
            size = lfs.get("size") if isinstance(lfs, Mapping) else None
        low = path.lower()
        if low.endswith("config.json") and "/" not in path:
            out.has_config = True
        if low.endswith(".safetensors"):
            out.has_safetensors = True
        if not low.endswith(".gguf") or _NOT_MODEL.search(path):
            continue
        stem = re.sub(r"\.gguf$", "", path, flags=re.I)
        split = _SPLIT.search(stem)
        base = _SPLIT.sub("", stem)
        n_parts = int(split.group(2)) if split else 1
        index = int(split.group(1)) if split else 1
        group = (base, str(n_parts))
        if group not in parts:
            parts[group] = {}
            order.append(group)
        parts[group][index] = (path, int(size) if isinstance(size, int) else -1)
    for group in order:
        base, n = group
        got = parts[group]
        paths = tuple(got[i][0] for i in sorted(got))
        sizes = [got[i][1] for i in sorted(got)]
        complete = len(got) == int(n) and all(s >= 0 for s in sizes)
        totals[group] = sum(s for s in sizes if s > 0)
        qf = QuantFile(quant_label(paths[0]) or "", paths, totals[group], complete)
        if qf.label and qf.label not in out.quants:
            out.quants[qf.label] = qf
        else:
            out.unlabelled.append(qf)
    return out


class NoSuchQuant(LookupError):
    def __init__(self, asked: str, have: list[str]):
        self.asked, self.have = asked, have
        listed = ", ".join(have[:12]) or "none"
        super().__init__(f"the repo has no {asked} file (it has: {listed}).")


# llama.cpp's -hf with no tag: Q4_K_M, then Q8_0, then the first GGUF file
DEFAULT_ORDER = ("Q4_K_M", "Q8_0")


def pick(files: RepoFiles, quant: str | None = None, path: str | None = None) -> QuantFile:
    """The file a reference means: the file linked, else the quant named after ':' (exactly, else
    the one label containing it, as llama.cpp matches its tag), else llama.cpp's default."""
    every = files.gguf
    if not every:
        raise NoSuchQuant(quant or "GGUF", [])
    if path:
        for qf in every:
            if path in qf.paths:
                return qf
        raise NoSuchQuant(path.rsplit("/", 1)[-1], [q.first for q in every])
    if quant:
        want = quant.upper().replace("-", "_")
        norm = {label.replace("-", "_"): qf for label, qf in files.quants.items()}
        if want in norm:
            return norm[want]
        close = [qf for label, qf in norm.items() if want in label]
        if len(close) == 1:
            return close[0]
        raise NoSuchQuant(quant, list(files.quants))
    for label in DEFAULT_ORDER:
        if label in files.quants:
            return files.quants[label]
    return every[0]
