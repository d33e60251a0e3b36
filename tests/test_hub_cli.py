"""The command line with Hugging Face repos: `fit`, `batch` and `ask` take a repo wherever they take
a model name, `hub import` writes a catalog entry, unknown names get Hub suggestions."""

from __future__ import annotations

import json

import pytest
import yaml
from fakehub import FakeFile
from hubfixtures import fixture

from fitengine.catalog import Model
from fitengine.cli import answer_line, main
from fitengine.memory import kv_bytes

QWEN = "hubtest/Qwen3.6-27B-GGUF"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_fit_a_repo_takes_llama_cpps_file_and_says_where_figures_come_from(fake_hub, capsys):
    fake_hub.add_fixture(fixture("hybrid"))
    code, out, err = run(capsys, "fit", f"hf.co/{QWEN}", "rtx", "3090", "--brief")
    assert code == 0, err
    first, rest = out.split("\n", 1)
    assert first.startswith("Figures from the repo's files: hf.co/hubtest/Qwen3.6-27B-GGUF:")
    assert "Qwen3.6-27B-Q4_K_M.gguf" in first and "GGUF header" in first
    assert f"{QWEN}  on  NVIDIA GeForce RTX 3090" in rest
    assert f"llama-server -hf {QWEN}:Q4_K_M" in rest


def test_fit_json_has_the_source_and_every_quant_with_its_exact_size(fake_hub, capsys):
    fake_hub.add_fixture(fixture("hybrid"))
    code, out, _ = run(capsys, "fit", f"https://huggingface.co/{QWEN}", "rtx-4090", "--json")
    assert code == 0
    report = json.loads(out)
    src = report["source"]
    assert src["repo"] == QWEN and src["read"] == "gguf" and src["quant"] == "Q4_K_M"
    assert src["file"] == "Qwen3.6-27B-Q4_K_M.gguf" and src["parts"] == 1
    assert report["quant"] == "Q4_K_M" and report["model"]["name"] == QWEN
    sizes = {q["quant"]: q for q in report["quants"]}
    assert {"UD-Q4_K_XL", "IQ4_XS", "UD-Q3_K_XL", "Q8_0", "Q4_K_M"} <= set(sizes)


def test_a_quant_after_the_colon_is_the_card_quant(fake_hub, capsys):
    fake_hub.add_fixture(fixture("hybrid"))
    code, out, _ = run(capsys, "fit", f"{QWEN}:iq4_xs", "rtx-3090", "--json")
    assert code == 0 and json.loads(out)["quant"] == "IQ4_XS"
    assert json.loads(out)["memory"]["weights_gb"] == pytest.approx(15.43, abs=0.01)


def test_batch_lines_take_repos_and_the_second_makes_no_request(fake_hub):
    fake_hub.add_fixture(fixture("mla"))
    line = json.dumps({"model": "hubtest/DeepSeek-V2-Lite-Chat-GGUF", "hardware": "rtx-3060"})
    first = answer_line(line, 1)
    assert "error" not in first, first
    assert first["source"]["repo"] == "hubtest/DeepSeek-V2-Lite-Chat-GGUF"
    before = fake_hub.count()
    again = answer_line(
        json.dumps(
            {"model": "hf.co/hubtest/DeepSeek-V2-Lite-Chat-GGUF:Q8_0", "hardware": "m2 max 64gb"}
        ),
        2,
    )
    assert again["quant"] == "Q8_0" and fake_hub.count() == before


def test_batch_hub_failures_are_error_objects(fake_hub):
    fake_hub.add_fixture(fixture("mla"))
    fake_hub.fail("/api/models/", 429, Retry_After=30)
    out = answer_line(
        json.dumps({"model": "hubtest/DeepSeek-V2-Lite-Chat-GGUF", "hardware": "rtx-3090"}), 3
    )
    assert out["error"]["type"] == "hub" and out["error"]["kind"] == "rate_limited"
    assert out["error"]["retry_after"] == 30 and out["error"]["line"] == 3
    bad = answer_line(json.dumps({"model": "https://evil.example/a/b", "hardware": "rtx-3090"}), 4)
    assert bad["error"]["type"] == "bad_input" and "Hugging Face" in bad["error"]["message"]


def test_ask_reads_a_pasted_link(fake_hub, capsys):
    fake_hub.add_fixture(fixture("moe"))
    code, out, err = run(
        capsys,
        "ask",
        "can https://huggingface.co/hubtest/GLM-4.5-Air-GGUF run on 2x3090 with 64gb ram?",
    )
    assert code == 0, err
    assert out.startswith("Figures from the repo's files: hf.co/hubtest/GLM-4.5-Air-GGUF:")
    assert (
        "hubtest/GLM-4.5-Air-GGUF on 2× NVIDIA GeForce RTX 3090 with 64 GB RAM at UD-Q4_K_XL" in out
    )
    code, out, _ = run(capsys, "ask", "--json", "will hubtest/GLM-4.5-Air-GGUF fit a 4090?")
    payload = json.loads(out)
    assert (
        payload["intent"] == "fit" and payload["sources"][0]["repo"] == "hubtest/GLM-4.5-Air-GGUF"
    )
    assert payload["answer"]["model"]["name"] == "hubtest/GLM-4.5-Air-GGUF"


def test_hub_import_writes_a_catalog_entry_that_validates(fake_hub, capsys, cat):
    fake_hub.add_fixture(fixture("mamba"))
    code, out, err = run(capsys, "hub", "import", "hubtest/NVIDIA-Nemotron-3-Super-120B-A12B-GGUF")
    assert code == 0, err
    assert out.startswith("# Read from hf.co/hubtest/NVIDIA-Nemotron-3-Super-120B-A12B-GGUF")
    assert "# To review before merging" in out
    entry = Model.model_validate(yaml.safe_load(out)[0])
    assert entry.id == "nvidia-nemotron-3-super-120b-a12b"
    ref = cat.models["nemotron-3-super-120b-a12b"]
    assert kv_bytes(entry, 262144) == pytest.approx(kv_bytes(ref, 262144), rel=0.02)
    assert entry.gguf[0].quants == {"UD-Q3_K_XL": 62.6}


def test_unknown_names_are_offered_hub_repos_most_downloaded_first(fake_hub, capsys):
    for name, downloads in (("Zork-7B-GGUF", 10), ("zork-7b-instruct-GGUF", 5000)):
        fake_hub.add_repo(
            f"lab/{name}",
            {f"{name}-Q4_K_M.gguf": FakeFile(b"GGUF", 4_000_000_000)},
            downloads=downloads,
        )
    code, _, err = run(capsys, "fit", "zork-7b", "rtx-3090")
    assert code == 2
    assert err.index("lab/zork-7b-instruct-GGUF") < err.index("lab/Zork-7B-GGUF")
    assert "5,000 downloads" in err


def test_offline_is_the_catalog_as_today(capsys):
    code, _, err = run(capsys, "fit", "zork-7b", "rtx-3090")
    assert code == 2 and "Hugging Face" not in err
    code, out, _ = run(capsys, "fit", "llama-3.1-8b", "rtx-3090", "--brief")
    assert code == 0 and "Figures from" not in out
    code, _, err = run(capsys, "fit", "hf.co/someone/Thing-GGUF", "rtx-3090")
    assert code == 2 and "offline" in err


def test_a_link_to_another_site_is_refused(fake_hub, capsys):
    code, _, err = run(capsys, "fit", "https://evil.example/x/y.gguf", "rtx-3090")
    assert code == 2 and "Only Hugging Face links" in err
    assert fake_hub.count() == 0


def test_a_question_citing_another_site_is_answered_without_opening_it(fake_hub, capsys):
    """A question that quotes a blog post's link (review10: "According to https://www.dfrobot.com
    /..., LLaMA2-7B on a Jetson AGX Orin does 1.53 tokens/s") was refused whole; the link is left
    out, said, and the rest answered. A Hub link beside it is still read."""
    code, out, err = run(
        capsys,
        "ask",
        "According to https://blog.example/post-13496.html, llama 3.1 8b does 12 tok/s on a 3090."
        " Is that the real speed?",
    )
    assert code == 0, err
    assert out.startswith(
        "Did not read https://blog.example/post-13496.html: only Hugging Face links"
    )
    assert "Llama 3.1 8B" in out and "NVIDIA GeForce RTX 3090" in out
    assert fake_hub.count() == 0
    fake_hub.add_fixture(fixture("moe"))
    code, out, err = run(
        capsys,
        "ask",
        "per https://blog.example/a/b can https://huggingface.co/hubtest/GLM-4.5-Air-GGUF run on "
        "2x3090 with 64gb ram?",
    )
    assert code == 0, err
    assert "Did not read https://blog.example/a/b" in out
    assert "hubtest/GLM-4.5-Air-GGUF on 2× NVIDIA GeForce RTX 3090" in out


def test_a_question_that_is_only_a_link_elsewhere_is_refused(fake_hub, capsys):
    code, _, err = run(capsys, "ask", "https://blog.example/x/y.gguf ?")
    assert code == 2 and "Only Hugging Face links" in err
    assert fake_hub.count() == 0


def test_a_question_about_an_unknown_model_offers_hub_repos(fake_hub, capsys):
    fake_hub.add_repo(
        "lab/zork-7b-instruct-GGUF",
        {"zork-7b-instruct-Q4_K_M.gguf": FakeFile(b"GGUF", 4_000_000_000)},
        downloads=5000,
    )
    code, out, _ = run(capsys, "ask", "--json", "can my 3090 run zork 7b?")
    payload = json.loads(out)
    # answered for 7B models (advice61), the Hub's repos for the name offered too
    assert code == 0 and payload["intent"] == "fit" and payload["answer"]
    assert payload["suggestions"][0] == "hf.co/lab/zork-7b-instruct-GGUF"
    assert "On Hugging Face: lab/zork-7b-instruct-GGUF (5,000 downloads)" in payload["message"]


def test_a_repo_that_cannot_be_read_is_said_and_the_rest_of_a_long_paste_is_answered(capsys):
    # offline: the link is one line of a report, not the question's only subject
    code, out, _ = run(
        capsys,
        "ask",
        "--json",
        "my setup: 3090, 64gb ram. I tried https://hf.co/someone/Foo-Bar-13B-GGUF and also"
        " llama 3.1 8b at q4_k_m, how fast should llama 3.1 8b be?",
    )
    payload = json.loads(out)
    assert code == 0 and payload["message"].startswith(
        "Could not read someone/Foo-Bar-13B-GGUF from Hugging Face: canirun is offline"
    )
    assert payload["intent"] == "fit" and payload["answer"]["model"]["id"] == "llama-3.1-8b"


def test_a_repo_nobody_could_read_is_unknown_not_a_catalog_model_that_looks_like_it(capsys):
    code, out, _ = run(capsys, "ask", "--json", "hf.co/someone/Foo-Bar-13B-GGUF on my 3090?")
    payload = json.loads(out)
    # answered for 13B models, the name said unknown (advice61)
    assert code == 0
    assert "I don't know the model 'someone/Foo-Bar-13B-GGUF'" in payload["message"]
    assert "answered for 13B models" in payload["message"]
