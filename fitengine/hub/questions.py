"""What the command line and the bot share around the engine: the repos a question names, read;
the Hub's repos offered for a name nobody knows."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from ..catalog import Model
from ..request import BadInput, NotFound
from ..resolve import Suggestion
from .errors import HubError
from .refs import Found, RefError, find_refs
from .service import HubModel, HubService


async def read_model(svc: HubService, text: str) -> HubModel | None:
    """The model a name argument means when it is a repo reference (None: a catalog name)."""
    try:
        ref = svc.parse(text)
    except RefError as exc:
        raise BadInput(str(exc)) from None
    return None if ref is None else await svc.resolve(ref)


async def read_question(
    svc: HubService, text: str
) -> tuple[str, dict[str, Model], list[HubModel], list[str]]:
    """The repo references in a question, read: the question with each reference's quant pinned
    to the file it picks (so the parser reads it), the models by repo id for ask(models=...), what
    was read, and a sentence for each repo that could not be read (offline, gone, gated): the rest
    of the question is still answered, a pasted link in a long report never sinks it. A link to
    another site (a blog post cited, an issue thread) is not opened: it leaves the question, and
    a sentence says so; a question that is nothing but such a link is refused in that sentence."""
    found = find_refs(text, extra_hosts=frozenset({svc.settings.host}))
    bad = next((f for f in found if f.ref is None), None)
    left: list[str] = []
    if bad is not None:
        text, found, left = _without_links(text, found)
        if not any(c.isalnum() for c in text):
            raise BadInput(bad.error or "That link cannot be read.")
    refs = found
    if not refs:
        return text, {}, [], left
    tried = await asyncio.gather(*(svc.resolve(f.ref) for f in refs), return_exceptions=True)  # type: ignore[arg-type]
    out, prev, hubs, unread = [], 0, [], left
    for f, hm in zip(refs, tried, strict=True):
        if isinstance(hm, HubError):
            unread.append(f"Could not read {f.ref.repo_id} from Hugging Face: {hm}")  # type: ignore[union-attr]
            continue
        if isinstance(hm, BaseException):
            raise hm
        out.append(text[prev : f.start])
        quant = f.ref.quant or hm.quant  # type: ignore[union-attr]
        out.append(f"{hm.ref.repo_id}:{quant}" if quant else hm.ref.repo_id)
        prev = f.end
        hubs.append(hm)
    out.append(text[prev:])
    return "".join(out), {hm.ref.repo_id: hm.model for hm in hubs}, hubs, unread


def _without_links(text: str, found: list[Found]) -> tuple[str, list[Found], list[str]]:
    """The question with the links that are not read taken out (no part of an address is read as
    a model or a device), the references left, moved to where they now are, and a sentence for
    each link taken out."""
    out, prev, shift, kept, said = [], 0, 0, [], []
    for f in found:
        if f.ref is None:
            out.append(text[prev : f.start])
            prev, shift = f.end, shift + f.end - f.start
            why = f.error or "That link cannot be read."
            said.append(f"Did not read {text[f.start : f.end]}: {why[:1].lower()}{why[1:]}")
        else:
            kept.append(replace(f, start=f.start - shift, end=f.end - shift))
    out.append(text[prev:])
    return "".join(out), kept, said


def with_unread(answer, unread: list[str]):
    """The answer with the repos that could not be read said first."""
    if not unread or not hasattr(answer, "message"):
        return answer
    said = [u.rstrip(".") + "." for u in unread]
    asides = [*said, *getattr(answer, "asides", [])]
    return answer.model_copy(
        update={"message": " ".join([*said, answer.message]).strip(), "asides": asides}
    )


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
    from ..answers import read_as_held

    if getattr(answer, "query", None) is None or (
        getattr(answer, "intent", None) != "unclear" and not read_as_held(answer)
    ):
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
