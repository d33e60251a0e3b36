"""Fixed numbers of the memory model, each with where it comes from.

Speed constants are not here: they are fitted on ../shared/calibration/speed.csv by
bench/calibrate.py and read from catalog/calibration.json.
"""

GIB = 1024**3
MIB = 1024**2
GB = 1e9

# The most cards one setup holds: a cluster of servers (design choice: 16 nodes of 8 GPUs, the
# "128张A800" people deploy DeepSeek on, DeepSeek-V3 issue 11's "4*8 A800"); past this a count
# is answered for one card and said why. Counts people write for clusters reach 128
# (https://github.com/deepseek-ai/DeepSeek-V3/issues/11).
MAX_GPUS = 128

# The most sequences one answer sizes a KV cache for (llama-server --parallel, Ollama's
# OLLAMA_NUM_PARALLEL): design choice. A server's batch cap said beyond it (vLLM --max-num-seqs 256,
# whose paged cache holds no full window per sequence) is answered for this many, and said.
MAX_PARALLEL = 64

# Bytes per cached element for llama.cpp's KV cache types (ggml block sizes: q8_0 stores 32
# values in 34 bytes, q4_0 in 18, q5_0 in 22, q5_1 in 24, iq4_nl in 18).
KV_BYTES = {
    "f32": 4.0,
    "f16": 2.0,
    "bf16": 2.0,
    "q8_0": 34 / 32,
    "q5_1": 24 / 32,
    "q5_0": 22 / 32,
    "iq4_nl": 18 / 32,
    "q4_1": 20 / 32,
    "q4_0": 18 / 32,
}

# llama.cpp defaults: n_ubatch 512 (a larger ubatch speeds prefill and grows the compute buffer).
N_UBATCH = 512
N_BATCH = 2048

# DeepSeek V4's compressed caches hold ceil(n_ctx / ratio) rows padded up to a multiple of 256
# (GGML_PAD(dsv4_comp_size(kv_size, ratio), 256) in llama.cpp's src/llama-kv-cache-dsv4.cpp).
DSV4_COMP_ROW_PAD = 256

# Compute buffer (llama.cpp's graph allocator reuses one buffer, so its size is the larger stage).
# Fitted to the allocation logs in ../shared/calibration/memory.csv (Llama 3 8B, no flash
# attention): 258.5 MiB at 512 context = logits (n_vocab x ubatch x 4 B = 250.5 MiB) + 1 row of
# activations (ubatch x hidden x 4 B = 8 MiB); 560 MiB at 8192 context = the KQ scores
# (n_ctx x ubatch x n_head x 4 B = 512 MiB) + 6 activation rows (48 MiB).
COMPUTE_LOGITS_ROWS = 1
COMPUTE_ATTN_ROWS = 6

# Runtime overhead per GPU outside llama.cpp's buffers: the CUDA/ROCm context is ~0.3-0.5 GiB
# (../shared/design/estimation.md; the calibration memory logs exclude it).
BACKEND_CONTEXT_GIB = {
    "cuda": 0.4,
    "rocm": 0.4,
    "sycl": 0.4,
    "vulkan": 0.3,
    "metal": 0.0,
    "cpu": 0.0,
}

# llama.cpp's `--fit` keeps 1 GiB free per device; below that margin a fit is "tight".
FIT_MARGIN_GIB = 1.0
# ... and on a big device at least this share of it (design choice: one more long prompt, a
# desktop or a second app takes a few percent; 1 GiB of a 412 GB Mac is no headroom).
HEADROOM_SHARE = 0.05

# Apple's GPU wired limit (recommendedMaxWorkingSetSize): 2/3 of RAM up to 36 GB, 3/4 above.
# The calibration logs confirm it: M1 8 GB -> 5461 MiB (2/3), M1 Max 64 GB and M2 Ultra 192 GB
# -> exactly 3/4.
APPLE_WIRED_SMALL = 2 / 3
APPLE_WIRED_LARGE = 3 / 4
APPLE_WIRED_SPLIT_GB = 36
# What people raise the limit to (`sudo sysctl iogpu.wired_limit_mb=N`): exo's configure_mlx.sh
# sets N to the larger of 80% of RAM and RAM minus 5 GiB, so the system keeps a fifth of a small
# Mac (3.2 GiB of 16, 4.8 of 24) and 5 GiB of any Mac from 32 GB up
# (https://github.com/exo-explore/exo/blob/191553a2981e2101c490e30b793e259c2f681597/configure_mlx.sh).
APPLE_RAISED_SHARE = 0.80
APPLE_RAISED_RESERVE_GIB = 5.0
# ... and a raised limit already takes the system's slack, so a run offered under it keeps at
# least this much of it free: a weights file estimated from bits per weight and a compute buffer
# that differs between builds are off by a few hundred MiB (design choice; gpt-oss-120b's 59.0 of
# 59.0 GiB on a 64 GB Mac is no fit, gpt-oss-20b's 12.4 of 12.8 on a 16 GB one is)
APPLE_RAISED_MIN_SPARE_GIB = 0.25
# With part of the model run by the CPU from the same memory (the default wired limit kept), the
# system keeps more: the CPU side's compute buffers and the pages macOS will not wire come out of
# it (design choice, the earlier reserve of the raised limit: a 2-bit 32B spilling past a 16 GB
# Mac's GPU share is no advice).
APPLE_CPU_SIDE_RESERVE_GIB = 8.0

# Shared-memory GPUs on Linux: amdgpu's GTT and the DGX Spark driver let the GPU map most of the
# RAM; what the OS and desktop keep is about this much.
UNIFIED_OS_RESERVE_GIB = 8.0
# ... but a small board (an 8 GB Jetson) cannot give 8 GiB: there it keeps a quarter (design choice).
UNIFIED_OS_RESERVE_SHARE = 0.25
# Small iGPUs (780M, 890M): the Linux default GTT size is half of system RAM (amdgpu sets
# max(3 GB, 1/2 of system RAM): kernel commit "drm/amdgpu: Adjust logic around GTT size (v3)",
# https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=f7ba887f606b1895dabf718547cf7397924f0d3a).
IGPU_SHARE = 0.5
# An AMD APU's GPU past that default: on Linux the ttm.pages_limit (4 KiB pages) and
# amdgpu.gttsize (MiB) kernel parameters raise what the GPU maps (ROCm's RDNA3.5 system
# optimization page, https://rocm.docs.amd.com/en/latest/how-to/system-optimization/strixhalo.html);
# on Windows AMD's Variable Graphics Memory gives it at most 3/4 of the RAM, 96 GB of a 128 GB
# Ryzen AI Max+ 395 (https://www.amd.com/en/blogs/2025/faqs-amd-variable-graphics-memory-vram-ai-model-sizes-quantization-mcp-more.html).
AMD_VGM_MAX_SHARE = 0.75
TTM_PAGES_PER_GIB = 262144  # 4 KiB pages
# CPU-only systems: RAM left for the model after the OS and applications.
CPU_OS_RESERVE_GIB = 2.0
CPU_OS_RESERVE_SHARE = 0.1
# A GPU box's system RAM also runs the desktop someone uses while the model answers (a gaming
# laptop, a desktop PC): Windows 11 with office apps open uses 4.3 GB of a 16 GB system and 3.7 GB
# of a 32 GB one, 2.1 / 1.9 GB idle (https://www.windowsnews.ai/article/windows-11-ram-usage-
# explained-how-to-optimize-performance-on-any-pc.372081). Experts in system RAM are read from the
# page cache (mmap), so the OS evicts them first when it runs short and decode stalls on the disk:
# keep this much (or CPU_OS_RESERVE_SHARE, whichever is more) free of the model.
HOST_DESKTOP_RESERVE_GIB = 4.0
# The smallest system that reserve was measured on (16 GB): a smaller one runs a lighter desktop,
# taken as the same share of its RAM (memory.host_reserve).
HOST_DESKTOP_MEASURED_GIB = 16.0

# What a model larger than VRAM + RAM together is read at: llama.cpp maps the file (mmap) and the
# part the memory cannot hold is read from the disk again as tokens need it. An NVMe drive sits on
# a PCIe 3.0 x4 or 4.0 x4 link and reads at most that link's rate (catalog.pcie_link_gbps: 3.94 /
# 7.88 GB/s); real drives get close on large sequential reads.
NVME_LINKS = ("3.0 x4", "4.0 x4")

# When the user does not say how much system RAM a GPU box has, assume this much (the most common
# amount among desktop PCs in Steam's hardware survey); every report that relies on it says so.
DEFAULT_RAM_GIB = 32.0

# The smallest context worth running (one llama-bench prompt plus a short answer).
MIN_CONTEXT = 1024

# Quants offered for a model whose GGUF repos are not catalogued (the types most repos publish).
COMMON_QUANTS = ("F16", "Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "IQ4_XS", "Q3_K_M", "Q2_K")

# Weights stored as plain floats: llama.cpp runs them through cuBLAS/BLAS, not its quant kernels.
UNQUANTIZED = ("F32", "F16", "BF16")
