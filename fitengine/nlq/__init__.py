"""Free-text questions to a structured query: "can my 2x3090 run qwen2.5-coder 32b at q4 with 32k?"

The parser works in three passes over the lowercased text, all built from data (the catalog and
catalog/language.yaml):

1. Extraction (`spans`): span patterns (`patterns`) find and mask what is not a model or a device
   name: CPU names, software versions, years, wattages, speed and usage figures, then context
   sizes, quantization types (from catalog/quants.yaml aliases), bits-per-weight and memory.
2. Names (`names`): the rest is tokenized the way `resolve.normalize` splits names, typos are
   mapped onto the catalog vocabulary, and runs of catalog words are matched against every id,
   name, alias and ollama tag through an inverted index (`index`).
3. The choice of entities (`choose`): GPU counts ("2x", "dual", "x4", "two ... s"), memory
   (attached to the device it sits next to, or VRAM / RAM by the words around it), CPU-only cues,
   workload and intent.

The work is bounded: only the first MAX_CHARS characters are read and at most names.MAX_RUNS
candidate runs are matched, so a 10,000-character paste costs about as much as a short question.
"""

from __future__ import annotations

from .parser import MAX_CHARS, parse
from .query import Choice, HardwareRef, Intent, ModelRef, Query, SetupRef, Unsure

__all__ = [
    "MAX_CHARS",
    "Choice",
    "HardwareRef",
    "Intent",
    "ModelRef",
    "Query",
    "SetupRef",
    "Unsure",
    "parse",
]
