"""canirun's fit engine: will this model run on this hardware, how fast, and how to run it.

Pure Python, no network. The public API:

- analyze(model, hardware, ...) -> Report      one model on one setup (fitengine.engine)
- resolve_model / resolve_hardware              messy names to catalog entries (fitengine.resolve)
- complete_models / complete_hardware           autocomplete suggestions
- default_catalog()                             models, hardware, quants, workloads (fitengine.catalog)
- EngineError, NotFound, BadInput               friendly, user-facing errors
"""

from .catalog import Catalog, CatalogError, Hardware, Model, QuantType, Workload, default_catalog
from .engine import BadInput, EngineError, NotFound, analyze
from .report import Report
from .resolve import (
    Resolution,
    Suggestion,
    complete_hardware,
    complete_models,
    resolve_hardware,
    resolve_model,
)

__all__ = [
    "BadInput",
    "Catalog",
    "CatalogError",
    "EngineError",
    "Hardware",
    "Model",
    "NotFound",
    "QuantType",
    "Report",
    "Resolution",
    "Suggestion",
    "Workload",
    "analyze",
    "complete_hardware",
    "complete_models",
    "default_catalog",
    "resolve_hardware",
    "resolve_model",
]
