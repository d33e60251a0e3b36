"""canirun's fit engine: will this model run on this hardware, how fast, and how to run it.

Pure Python, no network: fitengine.hub, which reads Hugging Face repos into catalog Models for the
CLI and the bot, is the only part that does. The public API (imported lazily, so `canirun
--version` stays instant):

- analyze(model, hardware, ...) -> Report        one model on one setup          (engine)
- ask(text) -> Answer, parse(text) -> Query       free-text questions             (answers, nlq)
- best_models, best_hardware, compare_hardware,
  compare_models, compare_setups, memory_needed   ranked and side-by-side answers (advise)
- resolve_model / resolve_hardware                messy names to catalog entries  (resolve)
- complete_models / complete_hardware             autocomplete suggestions        (resolve)
- default_catalog(), Catalog                      models, hardware, quants, workloads (catalog)
- EngineError, NotFound, BadInput                 friendly, user-facing errors    (engine)
"""

from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "Catalog": "catalog",
    "CatalogError": "catalog",
    "Hardware": "catalog",
    "Model": "catalog",
    "QuantType": "catalog",
    "Workload": "catalog",
    "default_catalog": "catalog",
    "BadInput": "engine",
    "EngineError": "engine",
    "NotFound": "engine",
    "analyze": "engine",
    "Report": "report",
    "Resolution": "resolve",
    "Suggestion": "resolve",
    "complete_hardware": "resolve",
    "complete_models": "resolve",
    "resolve_hardware": "resolve",
    "resolve_model": "resolve",
    "Query": "nlq",
    "parse": "nlq",
    "Answer": "answers",
    "answer_query": "answers",
    "ask": "answers",
    "render_answer_text": "answers",
    "best_models": "advise",
    "best_hardware": "advise",
    "compare_hardware": "advise",
    "compare_models": "advise",
    "compare_setups": "advise",
    "memory_needed": "advise",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'fitengine' has no attribute {name!r}")
