"""The Hub for the synchronous command line: the resolve hook `canirun fit`, `batch` and `ask` call
before the engine, the "did you mean" search for unknown names, and `canirun hub import|search`.

Each call runs one short event loop (asyncio.run): the CLI answers one question at a time, and
what was read is in the cache file for the next one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # the command line imports this module at start: heavy parts on first use
    from ..catalog import Model
    from ..request import NotFound
    from .service import HubModel, HubService

T = TypeVar("T")


def _run(work: Callable[[HubService], Awaitable[T]]) -> T:
    import asyncio

    from .service import HubService
    from .settings import HubSettings

    async def main() -> T:
        async with HubService(HubSettings.from_env()) as svc:
            return await work(svc)

    return asyncio.run(main())


def parse(text: str):
    """The HubRef a model argument names (None: a catalog name); a bad link is a BadInput."""
    from ..request import BadInput
    from .refs import RefError, parse_ref
    from .settings import HubSettings

    try:
        return parse_ref(text, extra_hosts=frozenset({HubSettings.from_env().host}))
    except RefError as exc:
        raise BadInput(str(exc)) from None


def is_ref(text: str) -> bool:
    from ..request import BadInput

    try:
        return parse(text) is not None
    except BadInput:
        return True  # a link: it is the model argument, refused when resolved


def model_for(text: str, kw: dict[str, Any]) -> tuple[str | Model, HubModel | None]:
    """The model argument as the engine takes it: the text itself for a catalog name, the Model
    read from the Hub for a repo reference. The file the reference picks sets the quant unless
    one was asked for (kw is updated)."""
    if parse(text) is None:
        return text, None
    from .questions import read_model

    hm = _run(lambda svc: read_model(svc, text))
    assert hm is not None
    if hm.quant and not kw.get("quant"):
        kw["quant"] = hm.quant
    return hm.model, hm


def with_hub_suggestions(exc: NotFound, limit: int = 3) -> NotFound:
    """An unknown model name: add the most downloaded matching GGUF repos (bounded in time)."""
    if exc.kind != "model":
        return exc
    from . import questions

    return _run(lambda svc: questions.with_hub_suggestions(svc, exc, limit))


def with_hub_repos(answer: Any) -> Any:
    """An unclear answer about an unknown model name: the Hub's matching repos offered too."""
    from ..answers import read_as_held

    if getattr(answer, "intent", None) != "unclear" and not read_as_held(answer):
        return answer
    from . import questions

    return _run(lambda svc: questions.with_hub_repos(svc, answer))


def prepare_question(text: str) -> tuple[str, dict[str, Model], list[HubModel], list[str]]:
    """The repo references in a question, read (see questions.read_question)."""
    from .refs import find_refs

    if not find_refs(text):  # no reference: no event loop, no cache file opened
        return text, {}, [], []
    from .questions import read_question

    return _run(lambda svc: read_question(svc, text))


def with_source(payload: dict, hub: HubModel | None) -> dict:
    """A report's JSON with where the model came from (docs/json-report.md, `source`)."""
    if hub is not None:
        payload["source"] = hub.source_json()
    return payload


def card_note(hub: HubModel | None) -> str:
    """The lines above a card: where its figures come from, and what could not be read."""
    return source_lines([hub.source_json()]) if hub is not None else ""


def source_lines(sources: list[dict]) -> str:
    """The same lines from the `source` JSON of each model read from the Hub."""
    from .service import provenance_text

    lines: list[str] = []
    for src in sources:
        lines.append(provenance_text(src))
        lines += [f"  not read: {n}" for n in src.get("not_read", [])]
        if src.get("other_files"):
            lines.append(f"  not modelled here: {', '.join(src['other_files'][:8])}")
    return "\n".join(lines) + "\n\n" if lines else ""


# --------------------------------------------------------------------------- canirun hub


def add_parser(sub: Any) -> None:
    """`canirun hub import OWNER/REPO` and `canirun hub search QUERY`."""
    h = sub.add_parser(
        "hub",
        help="read a model from Hugging Face (catalog import, search)",
        description="Models on Hugging Face: write a catalog entry from a repo, or search GGUF "
        "repos. HF_ENDPOINT, HF_TOKEN and HF_HUB_OFFLINE are read as huggingface_hub reads them.",
    )
    # the same parser class as the other commands: a usage mistake is one line and exit 2
    hs = h.add_subparsers(dest="hub_command", metavar="ACTION", parser_class=sub._parser_class)
    imp = hs.add_parser(
        "import",
        help="print a catalog YAML entry read from a repo",
        description="Read a repo (GGUF header, file list) and print a catalog YAML entry with the "
        "values read and where each came from: canirun hub import OWNER/REPO > entry.yaml",
    )
    imp.add_argument("repo", help="OWNER/REPO, hf.co/OWNER/REPO or a Hugging Face link")
    imp.set_defaults(func=cmd_import)
    s = hs.add_parser("search", help="GGUF repos matching a name, most downloaded first")
    s.add_argument("query", nargs="+")
    s.add_argument("--limit", type=int, default=10)
    s.set_defaults(func=cmd_search)
    h.set_defaults(func=lambda args: _usage(h))


def _usage(p: argparse.ArgumentParser) -> int:
    p.print_help(sys.stderr)
    return 2


def cmd_import(args: argparse.Namespace) -> int:
    from ..request import BadInput
    from .entry import to_yaml

    ref = parse(args.repo)
    if ref is None:
        raise BadInput(f"{args.repo!r} is not a Hugging Face repo (OWNER/REPO).")
    hm = _run(lambda svc: svc.resolve(ref))
    sys.stdout.write(to_yaml(hm))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    hits = _run(lambda svc: svc.search(" ".join(args.query), max(1, min(args.limit, 50))))
    if not hits:
        print("no GGUF repo found (or the Hub did not answer in time)", file=sys.stderr)
        return 2
    for h in hits:
        print(f"{h.repo:<60} {h.downloads:>12,} downloads")
    return 0
