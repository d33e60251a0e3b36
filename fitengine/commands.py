"""Run commands built from catalog facts only: never a repo that lacks the file."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .cards import ServerRoute, ServingTp, parallel_sizes, tp_divides
from .catalog import Hardware, Model, RopeScaling
from .report import Commands, approx_tok_s

# ggml-org publishes one llama.cpp server image per backend
DOCKER_IMAGES = {
    "cuda": ("ghcr.io/ggml-org/llama.cpp:server-cuda", "--gpus all"),
    "rocm": ("ghcr.io/ggml-org/llama.cpp:server-rocm", "--device /dev/kfd --device /dev/dri"),
    "vulkan": ("ghcr.io/ggml-org/llama.cpp:server-vulkan", "--device /dev/dri"),
    "sycl": ("ghcr.io/ggml-org/llama.cpp:server-intel", "--device /dev/dri"),
    "cpu": ("ghcr.io/ggml-org/llama.cpp:server", ""),
}


# Ollama's library tags of recent models ship Q4_K_M, or the native MXFP4 of models released in it
OLLAMA_DEFAULT_QUANTS = ("Q4_K_M", "MXFP4")


def gguf_repo(model: Model, quant: str) -> str | None:
    """The first catalogued GGUF repo that really has this quant."""
    for repo in model.gguf:
        if quant in repo.quants:
            return repo.repo
    return None


def rope_args(rope: RopeScaling) -> list[str]:
    """llama.cpp's flags that turn on a model's rope scaling past its native window."""
    args = ["--rope-scaling", rope.type, "--rope-scale", f"{rope.factor:g}"]
    return args + (["--yarn-orig-ctx", str(rope.original_context)] if rope.type == "yarn" else [])


def _server_args(
    *,
    context: int,
    gpu_layers: int,
    n_cpu_moe: int,
    kv_type: str,
    backend: str,
    parallel: int,
    rope: RopeScaling | None = None,
    split: Sequence[int] | None = None,
    devices: Sequence[str] | None = None,
) -> list[str]:
    args = ["-c", str(context)]
    if rope is not None:
        # context beyond the native window: the scaling the model card documents, opted into
        args += rope_args(rope)
    if backend == "cpu":
        args += ["-ngl", "0"]
    else:
        args += ["-ngl", str(gpu_layers)]
        if n_cpu_moe:
            args += ["--n-cpu-moe", str(n_cpu_moe)]
        if devices:
            # some of the rig's cards (cards.py); -ts then follows the order of -dev
            args += ["-dev", ",".join(devices)]
        if split:
            args += ["-ts", ",".join(str(n) for n in split)]
        args += ["-fa", "on"]
    if kv_type != "f16":
        # a quantized V cache needs flash attention, which the GPU path turns on above
        args += ["-ctk", kv_type, "-ctv", kv_type]
    if parallel > 1:
        args += ["--parallel", str(parallel)]
    return args


def build(
    model: Model,
    hardware: Hardware,
    quant: str,
    *,
    context: int,
    gpu_layers: int,
    n_cpu_moe: int,
    kv_type: str,
    backend: str,
    parallel: int = 1,
    rope: RopeScaling | None = None,
    split: Sequence[int] | None = None,
    layered_tok_s: float | None = None,
    devices: Sequence[str] | None = None,
    rpc_nodes: int = 0,
    rpc_port: int = 0,  # rpc-server's port (catalog/multi_gpu.yaml clusters), with rpc_nodes
) -> Commands:
    repo = gguf_repo(model, quant)
    source = ["-hf", f"{repo}:{quant}"] if repo else ["-m", f"./{model.id}-{quant}.gguf"]
    if rpc_nodes:
        # machines joined over a network: llama.cpp's RPC backend, an rpc-server on each of the
        # others (their addresses are the person's; node2.. stand for them)
        nodes = ",".join(f"node{i + 2}:{rpc_port}" for i in range(rpc_nodes))
        source += ["--rpc", nodes]
    args = source + _server_args(
        context=context,
        gpu_layers=gpu_layers,
        n_cpu_moe=n_cpu_moe,
        kv_type=kv_type,
        backend=backend,
        parallel=parallel,
        rope=rope,
        split=split,
        devices=devices,
    )
    # a card ROCm has no kernels for loads a sibling's under the override (catalog data)
    override = (
        f"HSA_OVERRIDE_GFX_VERSION={hardware.rocm_gfx_override}"
        if hardware.rocm_gfx_override
        else ""
    )
    gfx_env = override if backend == "rocm" else ""
    llama = (f"{gfx_env} " if gfx_env else "") + "llama-server " + " ".join(args)
    if rpc_nodes:
        # Docker and Ollama have no part in an RPC cluster: the one command that runs it
        serve = f"rpc-server -H 0.0.0.0 -p {rpc_port} -c"
        return Commands(
            llama_cpp=f"{serve} (on each other machine); then {llama}", docker=None, ollama=None
        )

    docker = None
    if hardware.kind != "apple" and repo:  # Docker on macOS has no Metal
        image, flags = DOCKER_IMAGES.get(backend, DOCKER_IMAGES["cpu"])
        parts = ["docker run --rm -it -p 8080:8080", "-v ~/.cache/llama.cpp:/root/.cache/llama.cpp"]
        if flags:
            parts.append(flags)
        if gfx_env:
            parts.append(f"-e {gfx_env}")
        parts += [image, *args, "--host 0.0.0.0 --port 8080"]
        docker = " ".join(parts)

    ollama = None
    if model.ollama:
        if repo:
            # the exact file: Ollama pulls any quant of a Hugging Face GGUF repo by name, while a
            # library tag's quant depends on when the model was added (Q4_0 for older ones)
            ollama = f"ollama run hf.co/{repo}:{quant}"
        elif quant in OLLAMA_DEFAULT_QUANTS:
            ollama = f"ollama run {model.ollama}"
    note = None
    if ollama:
        env = _ollama_env(context, kv_type, backend, devices)
        if override:
            # Ollama drives AMD cards through ROCm whichever llama.cpp build is shown (its Vulkan
            # runner is opt-in), so the override applies to it on any backend (docs/gpu.md)
            env = f"{override} {env}"
        ollama = f"{env} ollama serve & {ollama}"
        note = _ollama_cannot(n_cpu_moe, rope, split, layered_tok_s, devices, backend)
    return Commands(llama_cpp=llama, docker=docker, ollama=ollama, ollama_note=note)


def _ollama_env(
    context: int, kv_type: str, backend: str, devices: Sequence[str] | None = None
) -> str:
    """The server settings Ollama takes for what llama-server gets as flags: the window
    (OLLAMA_CONTEXT_LENGTH; without it Ollama picks 4K-256K by VRAM, docs.ollama.com/context-length)
    and the KV cache type (OLLAMA_KV_CACHE_TYPE, which needs OLLAMA_FLASH_ATTENTION=1; Ollama PR
    #6279)."""
    env = [f"OLLAMA_CONTEXT_LENGTH={context}"]
    if devices and backend == "cuda":
        # some of the cards: a CUDA program sees only those CUDA_VISIBLE_DEVICES lists
        # (llama.cpp docs/multi-gpu.md), Ollama's runner included
        env.insert(0, "CUDA_VISIBLE_DEVICES=" + ",".join(d.removeprefix("CUDA") for d in devices))
    if kv_type != "f16" and backend != "cpu":
        env += ["OLLAMA_FLASH_ATTENTION=1", f"OLLAMA_KV_CACHE_TYPE={kv_type}"]
    return " ".join(env)


def ollama_rope_clause(rope: RopeScaling) -> str:
    """What Ollama cannot do for a window past the native one, as _ollama_cannot says it (and
    answers drops it where its fuller note on rope scaling follows)."""
    return f"turn on {rope.type.upper()} rope scaling past the native window"


def _ollama_cannot(
    n_cpu_moe: int,
    rope: RopeScaling | None,
    split: Sequence[int] | None,
    layered_tok_s: float | None = None,
    devices: Sequence[str] | None = None,
    backend: str = "cuda",
) -> str:
    """What the llama.cpp command does that Ollama has no setting for, said rather than dropped:
    it places whole layers (num_gpu), never the experts alone (ollama/ollama#11772, open; its
    PRs #12333 and #16688 were not merged), and splits layers by its own rule. The speed whole
    layers give, when known, says what that costs."""
    missing = []
    if n_cpu_moe:
        cost = (
            f"about {approx_tok_s(layered_tok_s)} tok/s here instead" if layered_tok_s else "slower"
        )
        missing.append(
            f"keep only the experts of {n_cpu_moe} layers in RAM (--n-cpu-moe): it offloads whole "
            f"layers, {cost}"
        )
    if rope is not None:
        missing.append(ollama_rope_clause(rope))
    if split:
        missing.append("take a --tensor-split")
    if devices and backend != "cuda":
        missing.append("be told which cards to use (-dev)")
    return "Ollama cannot " + "; nor ".join(missing) + "." if missing else None


# --------------------------------------------------------------------------- GPU servers


def has_fp8(rules: ServingTp, hardware: Hardware, model: Model | None = None) -> bool:
    """The card runs FP8 weights in such a server: FP8 compute, or weight-only (FP8 Marlin), the
    latter not for a MoE's experts (`model`: catalog/multi_gpu.yaml fp8_moe_needs_compute)."""
    if fp8_moe_weight_only(rules, hardware, model):
        return False
    return hardware.arch in (
        rules.fp8_archs | rules.fp8_weight_only_archs | rules.fp8_unknown_archs
    )


def fp8_moe_weight_only(rules: ServingTp, hardware: Hardware, model: Model | None) -> bool:
    """A MoE on a card whose FP8 is weight-only: the server's fused-MoE kernel needs FP8 compute,
    so its FP8 checkpoint does not load there (catalog/multi_gpu.yaml fp8_moe_needs_compute)."""
    return (
        model is not None
        and model.moe is not None
        and rules.fp8_moe_needs_compute
        and hardware.arch in rules.fp8_weight_only_archs
    )


def checkpoint_of(
    rules: ServingTp, model: Model, quant: str, bpw: float, *, fp8: bool = True
) -> tuple[str, str] | None:
    """The checkpoint a vLLM / SGLang server loads for an estimate at this quant, and the repo or
    build it comes from (catalog/multi_gpu.yaml serving_tp.checkpoints): a model released in a
    GGUF quant type as released (gpt-oss's MXFP4), else the widest format the quant's bits hold
    that the card runs (`fp8`: it has an FP8 path, has_fp8); None below them all (GGUF's 3-bit mixes:
    llama.cpp's route)."""
    if model.native_quant and (quant == model.native_quant or model.native_bulk):
        return f"{model.native_quant} (as released)", model.hf_repo
    for c in rules.checkpoints:
        if c.quantize_fp8 and not fp8:
            continue
        if bpw >= c.min_bpw:
            return c.name, c.build.format(repo=model.hf_repo) if c.build else model.hf_repo
    return None


def _tensor_parallel_cards(model: Model, cards: int, rig_cards: int | None, node: int) -> int:
    """The cards a server runs the model over: the `cards` the estimate uses, or, where its
    attention heads do not divide over them and the rig has more, the fewest more that they do
    divide over within one server (Llama 3.3 70B's 64 heads on 3 of 8 cards: tensor parallel 4,
    not pipeline parallel over 3)."""
    if tp_divides(model, cards) or not rig_cards or rig_cards <= cards:
        return cards
    top = min(rig_cards, node)
    return next((d for d in range(cards + 1, top + 1) if tp_divides(model, d)), cards)


def serve(
    route: ServerRoute,
    rules: ServingTp,
    model: Model,
    hardware: Hardware,
    quant: str,
    bpw: float,
    *,
    cards: int,
    context: int,
    kv_type: str,
    memory_share: float,
    rig_cards: int | None = None,
) -> tuple[str | None, str | None, str | None]:
    """(command, checkpoint format, note) of a run on a GPU server, over the estimate llama.cpp's
    command is for: `vllm serve <repo>` with tensor parallel over the cards (cards.parallel_sizes;
    more of the rig's `rig_cards` where the heads do not divide over those the estimate uses),
    the window as the longest sequence, an FP8 KV cache where the estimate quantized it, and the
    share of each card raised where the estimate needs more than the default. No command for
    weights narrower than any checkpoint format (the note says llama.cpp's route)."""
    fp8 = has_fp8(rules, hardware, model)
    ck = checkpoint_of(rules, model, quant, bpw, fp8=fp8)
    if ck is None:
        return (
            None,
            None,
            f"{route.name} has no checkpoint format as small as {quant}; this estimate is"
            " llama.cpp's GGUF route.",
        )
    fmt, repo = ck
    args = [route.serve.format(repo=repo)]
    node = hardware.server_gpus or rules.node_gpus
    over = _tensor_parallel_cards(model, cards, rig_cards, node)
    tp, pp = parallel_sizes(model, over, node)
    if tp > 1:
        args.append(f"{route.tp} {tp}")
    if pp > 1:
        args.append(f"{route.pp} {pp}")
    args.append(f"{route.context} {context}")
    if fmt == "FP8":
        args.append(route.quantize_fp8)
    if kv_type != "f16":
        # the estimate quantized the cache to fit the window: the server's one quantized type
        args.append(route.kv_fp8)
    share = min(math.ceil(memory_share * 100) / 100, rules.max_memory_share)
    if share > rules.default_memory_share:
        args.append(f"{route.memory} {share:g}")
    notes = []
    if over != cards:
        notes.append(
            f"{route.name}'s tensor parallel splits the {model.heads} attention heads evenly: over {over} of"
            f" the cards, where llama.cpp's estimate uses {cards} ({rules.sources[0]})."
        )
    if fmt == "FP8" and hardware.arch in rules.fp8_weight_only_archs:
        notes.append(
            f"{hardware.name} ({hardware.arch.title()}) has no FP8 compute: {route.name} runs FP8"
            " weights weight-only (W8A16, the FP8 Marlin kernel), FP8's memory at 16-bit compute"
            f" ({rules.fp8_source})."
        )
    elif not fp8 and (checkpoint_of(rules, model, quant, bpw) or ("",))[0] == "FP8":
        if fp8_moe_weight_only(rules, hardware, model):
            src = rules.fp8_moe_sources[0] if rules.fp8_moe_sources else rules.fp8_source
            notes.append(
                f"{hardware.name} ({hardware.arch.title()}) has no FP8 compute, and {route.name}'s"
                f" MoE kernel needs it for FP8 experts (an FP8 checkpoint stops at load: {src}):"
                f" {fmt} in place of 8-bit weights."
            )
        else:
            notes.append(
                f"{hardware.name} has no FP8 kernels in {route.name} ({rules.fp8_source}): {fmt}"
                " in place of 8-bit weights."
            )
    if kv_type not in ("f16", "q8_0"):
        notes.append(
            f"The estimate's {kv_type} cache is smaller than {route.name}'s FP8 one: the window"
            " may need a lower --max-model-len there."
        )
    return " ".join(args), fmt, " ".join(notes) or None
