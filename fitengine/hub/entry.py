"""A model read from the Hub as a catalog YAML entry (`canirun hub import OWNER/REPO`), so a
popular model can be promoted to the reviewed catalog: every value with where it was read, and
what a maintainer still has to add (tags, release date, scores, aliases) said in comments."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from ..catalog import Model
from .service import HubModel

_ORDER = (
    "id",
    "name",
    "family",
    "params_b",
    "active_params_b",
    "layers",
    "hidden_size",
    "heads",
    "kv_heads",
    "head_dim",
    "vocab",
    "tied_embeddings",
    "per_layer_embed_params_b",
    "context",
    "attention",
    "moe",
    "hf_repo",
    "gguf",
    "rope_scaling",
    "mtp",
    "tags",
    "source",
)
_GROUP_ORDER = (
    "kind",
    "layers",
    "window",
    "kv_heads",
    "head_dim",
    "v_head_dim",
    "kv_lora_rank",
    "rope_dim",
    "state_mb",
    "shared_kv",
    "compress_ratio",
    "indexer_dim",
)


def _num(x: float, digits: int = 3) -> float | int:
    if float(x).is_integer():
        return int(x)
    return float(f"{x:.{digits}g}") if abs(x) < 1 else round(x, 2)


def _scalar(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, int | float):
        return str(_num(v)) if isinstance(v, float) else str(v)
    s = str(v)
    if re.fullmatch(r"[A-Za-z0-9_./ +()-]+", s) and not re.fullmatch(r"[\d.]+|true|false|null", s):
        return s
    return json.dumps(s, ensure_ascii=False)


def _flow(d: dict[str, Any], order: tuple[str, ...] = ()) -> str:
    keys = [k for k in order if k in d] + [k for k in d if k not in order]
    return "{" + ", ".join(f"{k}: {_scalar(d[k])}" for k in keys) + "}"


def suggested_id(hm: HubModel) -> str:
    m = hm.model
    base = m.aliases[0] if m.aliases else hm.repo.split("/", 1)[1]
    base = re.sub(r"(?i)[-_. ]?gguf$", "", base)
    slug = re.sub(r"[^a-z0-9.]+", "-", base.lower()).strip("-.")
    return slug or m.id


def to_yaml(hm: HubModel, *, today: dt.date | None = None) -> str:
    """The catalog entry, with comments saying where each value came from."""
    m: Model = hm.model
    data = m.model_dump(exclude_none=True, exclude_defaults=True)
    data["id"] = suggested_id(hm)
    data["name"] = m.aliases[0] if m.aliases else hm.repo.split("/", 1)[1]
    day = (today or dt.date.today()).isoformat()
    rev = f" at {hm.revision[:12]}" if hm.revision else ""
    where = {
        "gguf": f"the GGUF header of {hm.file.first}" if hm.file else "a GGUF header",
        "config": "config.json (the GGUF header could not be read)",
        "safetensors": "config.json and the Hub's parameter count (no GGUF files)",
        "catalog": f"the catalog entry {m.id}",
    }[hm.how]
    out = [
        f"# Read from hf.co/{hm.repo}{rev} by `canirun hub import` on {day}: architecture from",
        f"# {where}; GGUF sizes from the repo's file list (decimal GB, split files summed).",
    ]
    for field, how in sorted(hm.read_from.items()):
        out.append(f"#   {field}: {how}")
    for note in hm.notes:
        out.append(f"# not read: {note}")
    if hm.other_files:
        out.append(f"# files canirun does not model: {', '.join(hm.other_files)}")
    out.append(
        "# To review before merging: id, name, family, tags, released, aliases, ollama, scores "
        "(none of them is in a GGUF header)."
    )
    data["source"] = f"https://huggingface.co/{hm.repo} ({where}{rev}, read {day})"
    for key in ("aliases", "scores"):
        data.pop(key, None)
    first = True
    for key in _ORDER:
        if key not in data:
            continue
        value = data[key]
        prefix = "- " if first else "  "
        first = False
        if key == "attention":
            out.append(f"{prefix}attention:")
            out += [f"    - {_flow(g, _GROUP_ORDER)}" for g in value]
        elif key == "gguf":
            out.append(f"{prefix}gguf:")
            for repo in value:
                quants = {
                    q: (round(s, 2) if s is not None else None) for q, s in repo["quants"].items()
                }
                out.append(f"    - repo: {repo['repo']}")
                out.append(f"      quants: {_flow(quants)}")
        elif isinstance(value, dict):
            if key == "rope_scaling" or key == "mtp":
                value = {k: v for k, v in value.items() if k != "source"}
                value["source"] = data["source"].split(" ")[0]
            out.append(f"{prefix}{key}: {_flow(value)}")
        elif isinstance(value, list):
            out.append(f"{prefix}{key}: [{', '.join(_scalar(v) for v in value)}]")
        else:
            out.append(f"{prefix}{key}: {_scalar(value)}")
    return "\n".join(out) + "\n"
