"""The JSON contract (docs/json-report.md) against real reports.

Every field the page documents must be present with the documented type, the Report must have no
field the page does not document, and values must stay in their documented ranges -- for a dense
single-GPU case, a multi-GPU case, offload cases, a CPU case, an Apple case, a won't-fit case and a
"GPU with N GB" case.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fitengine import analyze, default_catalog
from fitengine.cli import BATCH_ALL_KEYS, answer_line, to_json
from fitengine.report import FIT_LABELS, Report, verdict_label

DOC = Path(__file__).resolve().parent.parent / "docs" / "json-report.md"

CASES = {
    "dense_gpu": (("llama-3.1-8b", "rtx-3090"), {}),
    "multi_gpu": (("llama-3.3-70b", "rtx-3090"), {"gpus": 2}),
    "partial_offload": (("llama-3.3-70b", None), {"vram_gb": 12}),
    "moe_offload": (("qwen3-30b-a3b", "rtx-3060"), {"context": 32768}),
    "cpu": (("llama-3.1-8b", "cpu-ddr5-2ch"), {}),
    "apple": (("llama-3.3-70b", "m2-max-38c"), {"kv_type": "q8_0"}),
    "wont_fit": (("deepseek-v3", "rtx-4090"), {}),
    "scale_out": (("qwen2.5-7b", "rtx-4090"), {"mode": "scale_out"}),
}

EXPECTED = {
    "dense_gpu": ("gpu", {"runs_well", "tight"}),
    "multi_gpu": ("multi_gpu", {"runs_well", "tight"}),
    "partial_offload": ("partial_offload", {"offload"}),
    "moe_offload": ("moe_offload", {"offload"}),
    "cpu": ("cpu", {"runs_well", "tight"}),
    "apple": ("unified", {"runs_well", "tight"}),
    "wont_fit": (None, {"wont_fit"}),
    "scale_out": ("gpu", {"runs_well", "tight"}),
}


# --------------------------------------------------------------------------- the documentation


def _section(text: str, title: str) -> str:
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else len(text)]


def _table(section: str) -> list[tuple[str, str]]:
    """(path, type) of every `| `path` | type | ...` row."""
    rows = []
    lines = section.splitlines()
    for i, line in enumerate(lines):
        header = i + 1 < len(lines) and lines[i + 1].startswith("|--")
        m = re.match(r"^\|\s*`([^`]+)`\s*\|\s*([^|]*?)\s*\|", line)
        if m and not header:
            rows.append((m.group(1), m.group(2)))
    return rows


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def fields(doc) -> dict[str, str]:
    rows = _table(_section(doc, "The report"))
    out = dict(rows)
    assert len(out) == len(rows), "a field is documented twice"
    return out


def _schema_paths(model: type, prefix: str = "") -> set[str]:
    """Every field path of a pydantic model, `[]` for list elements."""
    from typing import get_args

    from pydantic import BaseModel

    out: set[str] = set()
    for name, f in model.model_fields.items():
        path = f"{prefix}{name}"
        out.add(path)
        # (type, inside a list): `list[X] | None` is an array of X too
        stack = [(f.annotation, False)]
        while stack:
            t, in_list = stack.pop()
            args = get_args(t)
            if isinstance(t, type) and issubclass(t, BaseModel):
                out |= _schema_paths(t, path + ("[]." if in_list else "."))
            listy = in_list or getattr(t, "__origin__", None) is list
            stack.extend((a, listy) for a in args)
    return out


# --------------------------------------------------------------------------- type checking


def _type_ok(value, doc_type: str) -> bool:
    alts = [t.strip() for t in doc_type.split(" or ")]
    for t in alts:
        if t == "null" and value is None:
            return True
        if t == "string" and isinstance(value, str):
            return True
        if t == "boolean" and isinstance(value, bool):
            return True
        if t == "integer" and isinstance(value, int) and not isinstance(value, bool):
            return True
        if t == "number" and isinstance(value, int | float) and not isinstance(value, bool):
            return True
        if t == "object" and isinstance(value, dict):
            return True
        if t == "array" and isinstance(value, list):
            return True
        if t.startswith("array of ") and isinstance(value, list):
            inner = t.removeprefix("array of ")
            return all(_type_ok(v, inner) for v in value)
    return False


def _values(data, path: str) -> list:
    """All values at a documented path; elements of arrays via `[]`; a null parent skips."""
    current = [data]
    for part in path.split("."):
        nxt = []
        many = part.endswith("[]")
        key = part.removesuffix("[]")
        for obj in current:
            if obj is None:
                continue
            assert isinstance(obj, dict), f"{path}: parent of {key!r} is not an object"
            assert key in obj, f"documented key {path!r} missing"
            v = obj[key]
            if many:
                if v is None:  # an "array or null" that is null: nothing below it
                    continue
                assert isinstance(v, list), f"{path}: not an array"
                nxt.extend(v)
            else:
                nxt.append(v)
        current = nxt
    return current


def _all_paths(data, prefix: str = "") -> set[str]:
    out = set()
    if isinstance(data, dict):
        for k, v in data.items():
            p = f"{prefix}{k}"
            out.add(p)
            if isinstance(v, dict):
                out |= _all_paths(v, p + ".")
            elif isinstance(v, list):
                for item in v:
                    if isinstance(item, dict):
                        out |= _all_paths(item, p + "[].")
    return out


# --------------------------------------------------------------------------- reports


@pytest.fixture(scope="module")
def reports() -> dict[str, dict]:
    out = {}
    for name, (args, kw) in CASES.items():
        r = analyze(*args, **kw)
        assert isinstance(r, Report)
        # strict JSON (no NaN/Infinity) that round-trips
        out[name] = json.loads(to_json(r.model_dump(mode="json")))
    return out


def test_doc_lists_every_report_field(fields):
    schema = _schema_paths(Report)
    assert schema - set(fields) == set(), "Report fields missing from docs/json-report.md"
    assert set(fields) - schema == set(), "docs/json-report.md documents fields Report lacks"


def test_doc_types_are_known(fields):
    for path, t in fields.items():
        for alt in t.split(" or "):
            alt = alt.strip().removeprefix("array of ")
            assert alt in {"string", "integer", "number", "boolean", "object", "array", "null"}, (
                path,
                t,
            )


@pytest.mark.parametrize("case", list(CASES))
def test_every_documented_key_has_its_type(case, reports, fields):
    data = reports[case]
    for path, t in fields.items():
        for v in _values(data, path):
            assert _type_ok(v, t), f"{case}: {path} = {v!r} is not {t}"


@pytest.mark.parametrize("case", list(CASES))
def test_no_undocumented_keys(case, reports, fields):
    extra = _all_paths(reports[case]) - set(fields)
    assert not extra, f"{case}: undocumented keys {sorted(extra)}"


@pytest.mark.parametrize("case", list(CASES))
def test_values_in_documented_ranges(case, reports):
    d = reports[case]
    kind, fits = EXPECTED[case]
    cat = default_catalog()
    assert d["fit"] in fits
    assert d["fit_label"] == verdict_label(d["fit"], d["grade"], d["placement"]["kind"])
    if d["grade"] not in ("D", "F") and d["placement"]["kind"] != "moe_offload":
        assert d["fit_label"] == FIT_LABELS[d["fit"]]
    if kind:
        assert d["placement"]["kind"] == kind
    assert d["placement"]["kind"] in {
        "gpu",
        "multi_gpu",
        "partial_offload",
        "moe_offload",
        "cpu",
        "unified",
    }
    assert d["hardware"]["kind"] in {"gpu", "apple", "unified", "igpu", "cpu"}
    assert d["backend"] in {"cuda", "rocm", "vulkan", "metal", "sycl", "cpu"}
    assert d["mode"] in {"interactive", "balanced", "light_api", "scale_out"}
    assert d["workload"] in cat.workloads
    assert d["quant"] in cat.quants
    assert d["model"]["id"] in cat.models
    assert d["hardware"]["count"] >= 1
    assert d["model"]["active_params_b"] <= d["model"]["params_b"]

    m = d["memory"]
    assert m["total_gb"] == pytest.approx(
        m["weights_gb"] + m["kv_cache_gb"] + m["overhead_gb"], abs=0.02
    )
    assert all(m[k] >= 0 for k in m)
    assert d["safe_context"] >= 0
    assert d["context"] > 0

    names = [q["quant"] for q in d["quants"]]
    assert names and len(names) == len(set(names))
    assert d["recommended_quant"] is None or d["recommended_quant"] in names
    for q in d["quants"]:
        assert q["fit"] in FIT_LABELS
        assert 0 <= q["quality"] <= 100
        assert (q["decode_tok_s"] is None) == (q["fit"] == "wont_fit")

    assert [w["id"] for w in d["workloads"]] == list(cat.workloads)
    for w in d["workloads"]:
        assert w["grade"] in {"S", "A", "B", "C", "D", "F", None}
        assert w["score"] is None or 0 <= w["score"] <= 100
    assert d["grade"] in {"S", "A", "B", "C", "D", "F"}
    assert 0 <= d["score"] <= 100

    wont = d["fit"] == "wont_fit"
    for key in ("decode_tok_s", "prefill_tok_s", "ttft_ms"):
        assert (d[key] is None) == wont, key
        assert d[key] is None or d[key] > 0
    for band, value in (("decode_band", "decode_tok_s"), ("prefill_band", "prefill_tok_s")):
        if d[band] is not None:
            assert d[band]["low"] <= d[value] <= d[band]["high"]
    if wont:
        assert d["grade"] == "F"
        assert d["warnings"]
    assert d["commands"]["llama_cpp"].startswith("llama-server ")
    assert (d["parallel"] > 1) == (d["aggregate_tok_s"] is not None)
    assert d["assumptions"]


def test_cases_cover_the_documented_shapes(reports):
    assert reports["multi_gpu"]["hardware"]["count"] == 2
    assert len(reports["multi_gpu"]["placement"]["devices"]) == 2
    assert reports["cpu"]["placement"]["devices"][0]["name"] == "RAM"
    assert reports["cpu"]["placement"]["gpu_layers"] == 0
    assert reports["apple"]["hardware"]["kind"] == "apple"
    assert reports["apple"]["commands"]["docker"] is None
    assert reports["moe_offload"]["placement"]["n_cpu_moe"] > 0
    assert reports["partial_offload"]["hardware"]["id"] == "generic-gpu"
    assert reports["wont_fit"]["recommended_quant"] is None
    assert reports["scale_out"]["parallel"] > 1


# --------------------------------------------------------------------------- batch and errors


def test_batch_keys_match_the_doc(doc):
    documented = {p for p, _ in _table(_section(doc, "Batch input"))}
    assert documented == set(BATCH_ALL_KEYS)


def test_batch_success_line_is_the_report(reports):
    out = answer_line(json.dumps({"model": "llama-3.1-8b", "hardware": "rtx-3090"}), 1)
    assert out == reports["dense_gpu"]


def _error_types(doc: str) -> set[str]:
    section = _section(doc, "Error objects")
    return {p for p, _ in _table(section) if not p.startswith("error.")}


def test_error_types_match_the_doc(doc):
    types = _error_types(doc)
    assert types == {
        "empty_line",
        "invalid_json",
        "not_an_object",
        "bad_value",
        "not_found",
        "bad_input",
        "unavailable",
        "hub",
        "internal",
    }


@pytest.mark.parametrize(
    "line, etype",
    [
        ("", "empty_line"),
        ("   ", "empty_line"),
        ("{", "invalid_json"),
        (b"\xff\xfe{}", "invalid_json"),
        ("[1, 2]", "not_an_object"),
        ("null", "not_an_object"),
        ('{"modle": "llama-3.1-8b"}', "bad_value"),
        ('{"model": "llama-3.1-8b", "hardware": "rtx-3090", "gpus": "lots"}', "bad_value"),
        ('{"model": "no such model xyz", "hardware": "rtx-3090"}', "not_found"),
        ('{"model": "llama-3.1-8b", "hardware": "rtx-3090", "gpus": 999}', "bad_input"),
    ],
)
def test_error_objects_follow_the_doc(doc, line, etype):
    fields = dict(_table(_section(doc, "Error objects")))
    out = answer_line(line, 3)
    assert set(out) == {"error"}
    err = out["error"]
    assert err["type"] == etype
    for key in ("error.type", "error.message", "error.suggestions"):
        assert key.removeprefix("error.") in err
    for key, value in err.items():
        path = f"error.{key}"
        assert path in fields, f"undocumented error key {key}"
        assert _type_ok(value, fields[path]), (path, value)
    for s in err["suggestions"]:
        assert set(s) == {"id", "name"}
    assert err["line"] == 3
    assert err["message"] and "\n" not in err["message"]
    json.loads(to_json(out))


def test_not_found_names_the_kind_and_suggests():
    out = answer_line('{"model": "llama 70b", "hardware": "rtx-3090"}', 1)["error"]
    assert out["kind"] == "model"
    ids = [s["id"] for s in out["suggestions"]]
    assert "llama-3.3-70b" in ids


def test_exit_codes_are_documented(doc):
    section = _section(doc, "Exit codes")
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 130 |"):
        assert code in section


def test_ask_payload_keys_match_the_doc(doc):
    from fitengine.cli import ask_payload

    documented = {p for p, _ in _table(_section(doc, "Ask and parse"))}
    assert documented == {
        "query",
        "intent",
        "answer",
        "message",
        "suggestions",
        "assumed",
        "sources",
    }
    try:
        _, payload = ask_payload("can my 3090 run llama 3.1 8b?")
    except Exception as exc:  # no natural-language module in this build
        pytest.skip(str(exc))
    assert set(payload) == documented - {"sources"}  # sources: only for Hugging Face repos
    json.loads(to_json(payload))
