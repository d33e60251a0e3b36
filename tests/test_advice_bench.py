"""The advice benchmark's question file is well formed, and its checks read answers as documented.

Fast: no question is asked of the engine here (python -m bench.advice does that).
"""

from __future__ import annotations

import fnmatch
import typing
from types import SimpleNamespace

import pytest

from bench.advice import load, split_of
from bench.advice_checks import (
    ASSUMPTION_KINDS,
    CHECKS,
    INVARIANTS,
    NEXT_STEP_KINDS,
    ROUTES,
    Ctx,
    Expect,
    Pending,
    Question,
    _hw_spec,
    evaluate,
)
from fitengine import constants as C
from fitengine.report import FIT_LABELS, PlacementOut

MODEL_FIELDS = ("top_models_any", "top_models_exclude", "answer_models_any")
HARDWARE_FIELDS = ("hardware_top_any", "hardware_exclude_top")
PLACEMENTS = typing.get_args(PlacementOut.model_fields["kind"].annotation)


@pytest.fixture(scope="module")
def bench():
    return load()


def _known_models(bench, cat) -> set[str]:
    return set(cat.models) | set(bench.pending.models)


def _model_specs(q: Question) -> list[str]:
    specs = [s for f in MODEL_FIELDS for s in getattr(q.expect, f) or []]
    if q.expect.faster_is and not _is_hardware(q.expect.faster_is):
        specs.append(q.expect.faster_is)
    return specs + q.names


def _is_hardware(spec: str) -> bool:
    from fitengine.catalog import default_catalog

    hw_id = _hw_spec(spec)[1]
    return bool(fnmatch.filter(default_catalog().hardware, hw_id))  # an id or a glob of ids


def _resolves(spec: str, bench, known: set[str]) -> bool:
    if spec.startswith("@"):
        return spec[1:] in bench.groups
    if any(c in spec for c in "*?["):
        return bool(fnmatch.filter(known, spec))
    return spec in known


def test_enough_questions_in_every_class(bench):
    assert len(bench.questions) >= 90
    for cls in bench.classes:
        n = sum(q.cls == cls for q in bench.questions)
        assert n >= 5, f"class {cls} has {n} questions"
    assert {q.cls for q in bench.questions} <= set(bench.classes)


def test_ids_and_texts_are_unique(bench):
    ids = [q.id for q in bench.questions]
    texts = [q.text.lower() for q in bench.questions]
    assert len(ids) == len(set(ids))
    assert len(texts) == len(set(texts))


def test_every_question_cites_known_sources_and_every_reference_is_cited(bench):
    cited = set()
    for q in bench.questions:
        for s in q.sources:
            assert s in bench.references or s.startswith("http"), f"{q.id}: unknown source {s}"
            cited.add(s)
    assert set(bench.references) <= cited, set(bench.references) - cited


def test_model_ids_exist_or_are_pending(bench, cat):
    known = _known_models(bench, cat)
    for q in bench.questions:
        for spec in _model_specs(q):
            assert _resolves(spec, bench, known), (
                f"{q.id}: {spec} is neither in the catalog nor pending"
            )


def test_groups_name_catalog_models(bench, cat):
    known = _known_models(bench, cat)
    for name, specs in bench.groups.items():
        for spec in specs:
            assert _resolves(spec, bench, known), f"group {name}: {spec} matches no model"


def test_pending_ids_follow_the_convention_and_are_used(bench):
    used = {s for q in bench.questions for s in _model_specs(q)}
    for mid in bench.pending.models:
        assert mid == mid.lower() and " " not in mid
        assert mid in used, f"pending {mid} is not used by any question"
    assert len(bench.pending.models) == len(set(bench.pending.models))


def test_hardware_specs_exist(bench, cat):
    known = set(cat.hardware) | set(bench.pending.hardware)
    for q in bench.questions:
        specs = [s for f in HARDWARE_FIELDS for s in getattr(q.expect, f) or []]
        if q.expect.faster_is and _is_hardware(q.expect.faster_is):
            specs.append(q.expect.faster_is)
        for spec in specs:
            # a glob ("m4-max-*", "2x *") must match some device the catalog has
            hw_id = _hw_spec(spec)[1]
            assert hw_id in known or fnmatch.filter(known, hw_id), (
                f"{q.id}: unknown hardware {spec}"
            )
        for spec in q.hardware:
            for alt in spec.split("|"):
                assert fnmatch.filter(known, _hw_spec(alt)[1]), f"{q.id}: on {alt} matches nothing"


def test_expectation_values_are_in_their_vocabularies(bench, cat):
    for q in bench.questions:
        e = q.expect
        assert set(e.fit_in or []) | set(e.fit_not_in or []) <= set(FIT_LABELS), q.id
        assert set(e.placement_in or []) <= set(PLACEMENTS), q.id
        if e.any_placement_in_top:
            assert set(e.any_placement_in_top.kinds) <= set(PLACEMENTS), q.id
        assert set(e.kv_type_in or []) <= set(C.KV_BYTES), q.id
        assert set(e.hardware_routes_include or []) <= set(ROUTES), q.id
        assert set(e.next_step_any or []) <= set(NEXT_STEP_KINDS), q.id
        assert set(e.must_state_assumption or []) <= set(ASSUMPTION_KINDS), q.id
        tags = set(e.top_tags_any or []) | ({e.top_n_tag.tag} if e.top_n_tag else set())
        assert tags <= set(bench.tags), q.id
        for pattern in [*(e.quant_in or []), *(e.quant_not_in or [])]:
            hits = [x for x in cat.quants if fnmatch.fnmatchcase(x.upper(), pattern.upper())]
            assert hits or pattern.startswith("TQ"), f"{q.id}: quant {pattern} matches none"


def test_every_expectation_key_is_a_check_and_every_invariant_exists(bench):
    assert set(CHECKS) == set(Expect.model_fields)
    assert set(bench.invariants) <= set(INVARIANTS)


def test_the_held_out_part_is_a_third_by_hash(bench):
    held = [q for q in bench.questions if split_of(q.text) == "heldout"]
    assert 0.2 <= len(held) / len(bench.questions) <= 0.45
    assert split_of("can I run gpt-oss-120b on a 4090?") == split_of(
        "can I run gpt-oss-120b on a 4090?"
    )


# --------------------------------------------------------------------------- checks on fake answers


def _report(model="gpt-oss-120b", hw="rtx-3090", count=1, **kw):
    devices = kw.pop("devices", [])
    r = dict(
        model=SimpleNamespace(id=model, name=model, params_b=116.8, active_params_b=5.1),
        hardware=SimpleNamespace(id=hw, name=hw, count=count, kind="gpu"),
        quant="MXFP4",
        fit="offload",
        grade="B",
        kv_type="f16",
        context=8192,
        safe_context=8192,
        decode_tok_s=30.0,
        quants=[SimpleNamespace(quant="MXFP4", bpw=4.25)],
        memory=SimpleNamespace(total_gb=64.0, available_gb=25.3),
        placement=SimpleNamespace(kind="moe_offload", devices=devices),
        commands=SimpleNamespace(llama_cpp="llama-server -hf x"),
    )
    r.update(kw)
    return SimpleNamespace(**r)


def _ctx(bench, cat, *reports, intent="fit"):
    answer = SimpleNamespace(intent=intent, reports=list(reports), message="")
    return Ctx(answer=answer, catalog=cat, bench=bench, rendered="needs 64 GB of RAM")


def _q(expect: dict, names=()) -> Question:
    return Question.model_validate(
        {
            "id": "t",
            "class": "quant",
            "text": "a question?",
            "written": True,
            "answer": "an answer in words",
            "names": list(names),
            "expect": expect,
            "sources": ["x"],
        }
    )


def _status(outcomes, check):
    return next(o.status for o in outcomes if o.check == check)


def test_a_missing_engine_field_is_reported_not_raised(bench, cat):
    out = evaluate(_ctx(bench, cat, _report()), _q({"must_state_assumption": ["ram"]}), [])
    assert _status(out, "must_state_assumption") == "needs_field"


def test_a_stated_assumption_passes_whatever_shape_it_has(bench, cat):
    r = _report(assumed=[{"what": "ram", "value": 32}])
    out = evaluate(_ctx(bench, cat, r), _q({"must_state_assumption": ["ram"]}), [])
    assert _status(out, "must_state_assumption") == "pass"


def _with_pending(bench, model_id: str):
    """The bench with one model id that is being added (not in the catalog yet)."""
    return bench.model_copy(update={"pending": Pending(models=[model_id])})


def test_expected_models_all_pending_is_needs_entry(bench, cat):
    pending = "zz-model-being-added"
    bench = _with_pending(bench, pending)
    out = evaluate(_ctx(bench, cat, _report()), _q({"top_models_any": [pending]}), [])
    assert _status(out, "top_models_any") == "needs_entry"


def test_a_question_naming_a_pending_model_fails_as_needs_entry(bench, cat):
    pending = "zz-model-being-added"
    bench = _with_pending(bench, pending)
    out = evaluate(_ctx(bench, cat, _report()), _q({"quant_in": ["Q8_0"]}, [pending]), [])
    assert {o.status for o in out if not o.ok} == {"needs_entry"}


def test_quants_and_placements_match_by_glob_and_bits(bench, cat):
    out = evaluate(
        _ctx(bench, cat, _report()),
        _q({"quant_in": ["MXFP4*"], "quant_not_in": ["*Q2*"], "quant_min_bpw": 4.0}),
        [],
    )
    assert all(o.ok for o in out)


def test_a_whole_bit_count_asked_is_met_by_a_file_of_that_level(bench, cat):
    """ "At least 4-bit": unsloth's UD-IQ4_XS of a big MoE (3.92 bpw) is a 4-bit file as people
    read it; a 3-bit one is not, and 4.5 bpw asked is a size, not a level."""
    iq4 = _report(quant="UD-IQ4_XS", quants=[SimpleNamespace(quant="UD-IQ4_XS", bpw=3.92)])
    q3 = _report(quant="UD-Q3_K_XL", quants=[SimpleNamespace(quant="UD-Q3_K_XL", bpw=3.95)])
    assert all(o.ok for o in evaluate(_ctx(bench, cat, iq4), _q({"quant_min_bpw": 4.0}), []))
    assert not any(o.ok for o in evaluate(_ctx(bench, cat, q3), _q({"quant_min_bpw": 4.0}), []))
    assert not any(o.ok for o in evaluate(_ctx(bench, cat, iq4), _q({"quant_min_bpw": 4.5}), []))


def test_moe_offload_that_leaves_a_gpu_empty_does_not_fill_all_gpus(bench, cat):
    gpu = "NVIDIA GeForce RTX 3090 #{}"
    devices = [
        SimpleNamespace(
            name=gpu.format(1), weights_gb=2.0, kv_gb=0.1, total_gb=2.5, available_gb=25.3
        ),
        SimpleNamespace(
            name=gpu.format(2), weights_gb=24.0, kv_gb=0.5, total_gb=25.0, available_gb=25.3
        ),
        SimpleNamespace(name="RAM", weights_gb=40.0, kv_gb=0.0, total_gb=40.0, available_gb=60.0),
    ]
    r = _report(count=2, devices=devices)
    out = evaluate(_ctx(bench, cat, r), _q({"fills_all_gpus": True}), [])
    assert _status(out, "fills_all_gpus") == "fail"
    devices[0].total_gb = 24.0
    out = evaluate(_ctx(bench, cat, r), _q({"fills_all_gpus": True}), [])
    assert _status(out, "fills_all_gpus") == "pass"


def test_runs_well_without_headroom_contradicts_the_card(bench, cat):
    r = _report(fit="runs_well", memory=SimpleNamespace(total_gb=411.0, available_gb=412.0))
    out = evaluate(_ctx(bench, cat, r), _q({"fit_in": ["runs_well"]}), ["card_headroom"])
    assert _status(out, "card_headroom") == "fail"


def test_a_comparison_at_two_quants_is_not_like_with_like(bench, cat):
    a, b = _report(), _report(hw="rtx-4090", quant="Q4_K_M", decode_tok_s=40.0)
    out = evaluate(_ctx(bench, cat, a, b), _q({"same_quant": True, "faster_is": "rtx-4090"}), [])
    assert _status(out, "same_quant") == "fail"
    assert _status(out, "faster_is") == "pass"


def test_hardware_answers_are_read_as_routes(bench, cat):
    gpu = _report(hw="rtx-3090", count=2, placement=SimpleNamespace(kind="multi_gpu", devices=[]))
    mac = _report(hw="m3-ultra-80c", placement=SimpleNamespace(kind="unified", devices=[]))
    h100 = _report(hw="h100-sxm", placement=SimpleNamespace(kind="gpu", devices=[]))
    ok = evaluate(_ctx(bench, cat, gpu, mac, h100), _q({"consumer_first": True}), [])
    assert _status(ok, "consumer_first") == "pass"
    bad = evaluate(_ctx(bench, cat, h100, gpu), _q({"consumer_first": True}), [])
    assert _status(bad, "consumer_first") == "fail"
    routes = evaluate(
        _ctx(bench, cat, gpu, mac), _q({"hardware_routes_include": ["apple", "hybrid"]}), []
    )
    assert _status(routes, "hardware_routes_include") == "fail"


def test_a_mixed_rig_answer_is_about_each_card_it_has(bench, cat):
    rig = _report(hw="rx-9070-xt", count=2)
    rig.hardware.parts = [
        SimpleNamespace(id="rx-9070-xt", count=1),
        SimpleNamespace(id="rtx-3060-ti", count=1),
    ]
    q = _q({"report_count_at_least": 1})
    q = q.model_copy(update={"hardware": ["rx-9070-xt", "rtx-3060-ti"]})
    assert _status(evaluate(_ctx(bench, cat, rig), q, []), "named_hardware") == "pass"
    q = q.model_copy(update={"hardware": ["2x rx-9070-xt"]})
    assert _status(evaluate(_ctx(bench, cat, rig), q, []), "named_hardware") == "fail"


def test_a_mac_is_priced_as_configured_when_ordering_by_price(bench, cat):
    card = _report(hw="rx-7900-xtx")  # $999
    mac = _report(hw="m4", placement=SimpleNamespace(kind="unified", devices=[]))
    mac.hardware.kind, mac.hardware.memory_gb = "apple", 32  # the $999 Mac mini, not the $599 one
    out = evaluate(_ctx(bench, cat, card, mac), _q({"hardware_order": "price"}), [])
    assert _status(out, "hardware_order") == "pass"
    mac.hardware.memory_gb = 16
    out = evaluate(_ctx(bench, cat, card, mac), _q({"hardware_order": "price"}), [])
    assert _status(out, "hardware_order") == "fail"
