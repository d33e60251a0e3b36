"""What can go wrong reading the Hub, each as one sentence a user can act on.

Messages name the repo, never a URL (a CDN link carries a signature) and never the token.
"""

from __future__ import annotations

from ..request import EngineError


class HubError(EngineError):
    """A question about a Hub repo that cannot be answered now; str() is one friendly sentence."""

    kind = "hub"


class RepoNotFound(HubError):
    kind = "not_found"


class GatedRepo(HubError):
    kind = "gated"


class RateLimited(HubError):
    kind = "rate_limited"

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class HubUnavailable(HubError):
    """Network failure, timeout, a 5xx, or offline mode."""

    kind = "unavailable"


class NotAModel(HubError):
    """The repo has nothing canirun can read a model from (no GGUF, no config.json)."""

    kind = "not_a_model"


class TooLarge(HubError):
    kind = "too_large"


class FileTooShort(HubError):
    """The file ended before its GGUF header did."""

    kind = "not_a_model"
