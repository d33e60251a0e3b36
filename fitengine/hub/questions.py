"""What the command line and the bot share around the engine: the repos a question names, read;
the Hub's repos offered for a name nobody knows."""

from __future__ import annotations

import asyncio

from ..catalog import Model
from ..request import BadInput, NotFound
from ..resolve import Suggestion
from .refs import RefError, find_refs
from .service import HubModel, HubService


async def read_model(svc: HubService, text: str) -> HubModel | None:
    """The model a name argument means when it is a repo reference (None: a catalog name)."""
    try:
        ref = svc.parse(text)
    except RefError as exc:
        raise BadInput(str(exc)) from None
    return None if ref is None else await svc.resolve(ref)


async def read_question(svc: HubService, text: str) -> tuple[str, dict[str, Model], list[HubModel]]:
    """The repo references in a question, read: the question with each reference's quant pinned
    to the file it picks (so the parser reads it), the models by repo id for ask(models=...), and
    what was read. A link to another site is refused in a sentence."""
    found = find_refs(text, extra_hosts=frozenset({svc.settings.host}))
    bad = next((f for f in found if f.ref is None), None)
    if bad is not None:
        raise BadInput(bad.error or "That link cannot be read.")
    refs = [f for f in found if f.ref is not None]
    if not refs:
        return text, {}, []
    hubs = list(await asyncio.gather(*(svc.resolve(f.ref) for f in refs)))  # type: ignore[arg-type]
    out, prev = [], 0
    for f, hm in zip(refs, hubs, strict=True):
        out.append(text[prev : f.start])
        quant = f.ref.quant or hm.quant  # type: ignore[union-attr]
        out.append(f"{hm.ref.repo_id}:{quant}" if quant else hm.ref.repo_id)
        prev = f.end
    out.append(text[prev:])
    return "".join(out), {hm.ref.repo_id: hm.model for hm in hubs}, hubs


async def with_hub_suggestions(
    svc: HubService, exc: NotFound, limit: int = 3, *, cache_only: bool = False
) -> NotFound:
    """An unknown model name: its suggestions plus the most downloaded GGUF repos whose name
    matches (bounded in time; none offline or when the Hub is slow)."""
    if exc.kind != "model" or not exc.query.strip():
        return exc
    hits = await svc.search(exc.query, limit, cache_only=cache_only)
    if not hits:
        return exc
    extra = [
        Suggestion(h.repo, f"{h.repo} (Hugging Face, {h.downloads:,} downloads)", 0.0) for h in hits
    ]
    return NotFound("model", exc.query, [*exc.suggestions[:2], *extra])


async def with_hub_repos(svc: HubService, answer, limit: int = 3):
    """A question whose model name nobody knows ("which model do you mean by 'zork 7b'?"): the
    answer offers the Hub's most downloaded matching GGUF repos too (bounded in time)."""
    if getattr(answer, "intent", None) != "unclear" or getattr(answer, "query", None) is None:
        return answer
    names = [u.text for u in answer.query.unsure if u.kind == "model"]
    if not names:
        return answer
    hits = await svc.search(names[0], limit)
    if not hits:
        return answer
    listed = ", ".join(f"{h.repo} ({h.downloads:,} downloads)" for h in hits)
    return answer.model_copy(
        update={
            "message": f"{answer.message} On Hugging Face: {listed}.",
            "suggestions": [*(f"hf.co/{h.repo}" for h in hits), *answer.suggestions],
        }
    )
