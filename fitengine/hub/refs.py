"""Model references to Hugging Face repos: the one parser every entry point uses.

Accepted forms (what people paste):

    hf.co/OWNER/REPO[:QUANT]                 llama.cpp's `-hf` form (also huggingface.co/...)
    OWNER/REPO[:QUANT]                       a repo id
    https://huggingface.co/OWNER/REPO        a link to the repo page ...
    https://huggingface.co/OWNER/REPO/blob/REV/PATH.gguf    ... or to one of its GGUF files
    https://huggingface.co/OWNER/REPO/resolve/REV/PATH.gguf
    https://huggingface.co/OWNER/REPO/tree/REV[/FOLDER]

A link is taken apart into owner, repo, revision and file; the client later builds its own URLs
from those parts against HF_ENDPOINT, so no text anyone types decides which host or path is
requested. A link to any other host, or to a dataset or a Space, is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

# Hub names: letters, digits, '-', '_', '.'; no '--' or '..' (the Hub refuses both), at most 96
_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?"
_NAME_RE = re.compile(rf"^{_NAME}$")
_QUANT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
_REV_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
_PATH_PART_RE = re.compile(r"^[A-Za-z0-9_.+-]{1,200}$")
# hosts a pasted link may name (the configured endpoint's host is added at run time)
HUB_HOSTS = frozenset({"huggingface.co", "www.huggingface.co", "hf.co"})
_SHORT_PREFIXES = ("hf.co/", "huggingface.co/", "www.huggingface.co/")
_NOT_MODELS = frozenset({"datasets", "spaces", "collections", "papers", "docs", "blog", "api"})
# a parameter count in a repo name ("8B", "0.6b", "30B-A3B", "270m", "E4B"): what tells a model
# repo id apart from "3090/4090" or "chat/coding" in free text
_SIZE_IN_NAME = re.compile(r"(?:^|[-_.])[ae]?\d+(?:\.\d+)?[bm](?=$|[-_.])", re.I)

MAX_REF = 400


class RefError(ValueError):
    """Text that looks like a link or repo reference but cannot be one; str() says why."""


@dataclass(frozen=True)
class HubRef:
    """One model repo on the Hub, and what the reference pinned down in it."""

    owner: str
    name: str
    quant: str | None = None  # as typed after ':' (llama.cpp's tag), or read from a file name
    file: str | None = None  # a path inside the repo (a .gguf file) when a file link was given
    revision: str = "main"

    @property
    def repo_id(self) -> str:
        return f"{self.owner}/{self.name}"

    @property
    def text(self) -> str:
        """The canonical short form, as llama.cpp's -hf takes it."""
        tail = f":{self.quant}" if self.quant else ""
        return f"hf.co/{self.repo_id}{tail}"

    def with_quant(self, quant: str | None) -> HubRef:
        return HubRef(self.owner, self.name, quant, None if quant else self.file, self.revision)


def _valid_name(part: str) -> bool:
    return bool(_NAME_RE.match(part)) and "--" not in part and ".." not in part


def _ref(owner: str, name: str, quant: str | None = None, **kw) -> HubRef:
    if not (_valid_name(owner) and _valid_name(name)):
        raise RefError(f"{owner}/{name} is not a Hugging Face repo id.")
    if quant is not None and not _QUANT_RE.match(quant):
        raise RefError(f"{quant!r} is not a quantization name.")
    return HubRef(owner, name, quant, **kw)


def parse_ref(text: str, *, extra_hosts: frozenset[str] = frozenset()) -> HubRef | None:
    """The HubRef `text` names, None when `text` is not written as a repo reference at all
    (a plain model name), RefError when it looks like one but cannot be (another host, a
    dataset, a malformed link). `extra_hosts`: the configured endpoint's host."""
    s = (text or "").strip()
    if not s or len(s) > MAX_REF or any(c.isspace() for c in s):
        return None
    low = s.lower()
    if low.startswith(("http://", "https://")):
        return _parse_url(s, extra_hosts)
    if "://" in s:
        raise RefError("Only Hugging Face links (https://huggingface.co/...) can be read.")
    for prefix in _SHORT_PREFIXES:
        if low.startswith(prefix):
            return _parse_short(s[len(prefix) :], strict=True)
    return _parse_short(s, strict=False)


def _parse_short(s: str, *, strict: bool) -> HubRef | None:
    """OWNER/REPO[:QUANT]. Not strict (no hf.co/ prefix): anything else is not a reference."""
    body, _, quant = s.partition(":")
    parts = body.split("/")
    if len(parts) != 2 or not all(parts):
        if strict:
            raise RefError(f"hf.co/{s} is not of the form hf.co/OWNER/REPO[:QUANT].")
        return None
    owner, name = parts
    if not strict and not (_valid_name(owner) and _valid_name(name)):
        return None
    return _ref(owner, name, quant or None)


def _parse_url(s: str, extra_hosts: frozenset[str]) -> HubRef:
    try:
        url = urlsplit(s)
        host = (url.hostname or "").lower()
        port = url.port
    except ValueError:
        raise RefError("That link cannot be read.") from None
    if host not in HUB_HOSTS | extra_hosts or (port is not None and host in HUB_HOSTS):
        raise RefError("Only Hugging Face links (https://huggingface.co/...) can be read.")
    parts = [unquote(p) for p in url.path.split("/") if p]
    if parts and parts[0] == "models":  # huggingface.co/models/OWNER/REPO is not a page, but
        parts = parts[1:]  # people write it
    if len(parts) < 2 or parts[0].lower() in _NOT_MODELS:
        raise RefError("That link is not a model repo (https://huggingface.co/OWNER/REPO).")
    owner, name, rest = parts[0], parts[1], parts[2:]
    name, _, quant = name.partition(":")
    if not rest:
        return _ref(owner, name, quant or None)
    kind = rest[0]
    if kind not in ("blob", "resolve", "tree", "raw") or len(rest) < 2:
        # .../discussions, .../commits: the repo is still the one meant
        return _ref(owner, name, quant or None)
    revision = rest[1]
    if not _REV_RE.match(revision) or ".." in revision:
        raise RefError(f"{revision!r} is not a revision canirun reads (a branch, tag or commit).")
    path = rest[2:]
    if path and not all(_PATH_PART_RE.match(p) and p not in (".", "..") for p in path):
        raise RefError("That file path cannot be read.")
    file = "/".join(path) if path and path[-1].lower().endswith(".gguf") else None
    folder_quant = None
    if kind == "tree" and path:  # a folder of split files: unsloth names them by quant
        folder_quant = path[-1]
    return _ref(owner, name, quant or folder_quant or None, file=file, revision=revision)


# --------------------------------------------------------------------------- in free text

_LINK_RE = re.compile(
    r"(?:https?://[^\s<>()\[\]{}'\"`]+)"
    r"|(?<![\w./])(?:(?:www\.)?huggingface\.co|hf\.co)/[^\s<>()\[\]{}'\"`,;!?]+"
    rf"|(?<![\w./:@-]){_NAME}/{_NAME}(?::[A-Za-z0-9][A-Za-z0-9_.-]*)?(?![\w/])",
    re.I,
)


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    ref: HubRef | None
    error: str | None = None  # a link that cannot be read, said instead of guessed at


def find_refs(text: str, *, extra_hosts: frozenset[str] = frozenset()) -> list[Found]:
    """Repo references in a question ("can unsloth/Qwen3-8B-GGUF run on my 3090?"). A bare
    OWNER/REPO counts only when it reads as a model repo: a GGUF repo, a quant after ':', or a
    parameter count in the repo name ("Qwen3-8B"); "3090/4090" and "chat/coding" do not."""
    out: list[Found] = []
    if not text or "/" not in text:
        return out  # every reference has a slash: most questions skip the scan
    for m in _link_matches(text):
        raw = m.group(0).rstrip(".,;:!?)'\"")
        end = m.start() + len(raw)
        bare = not raw.lower().startswith(("http", "hf.co/", "huggingface.co/", "www."))
        try:
            ref = parse_ref(raw, extra_hosts=extra_hosts)
        except RefError as exc:
            if raw.lower().startswith("http") and not bare:
                out.append(Found(m.start(), end, None, str(exc)))
            continue
        if ref is None:
            continue
        if bare and not _looks_like_model_repo(ref):
            continue
        out.append(Found(m.start(), end, ref))
    return out


def _link_matches(text: str) -> Iterator[re.Match]:
    """_LINK_RE.finditer(text), run only over the words that hold a '/'. No match holds a space
    and every one holds a '/'; the edges of a word (a space, or the text's ends) pass the
    pattern's look-behinds and look-aheads as they do in the whole text. Otherwise the pattern
    tries an OWNER/REPO at each word start of the question (~70 us for 300 characters)."""
    for word in _SLASHED_WORD_RE.finditer(text):
        yield from _LINK_RE.finditer(text, *word.span())


# a whole word (a run of non-spaces) with a '/' in it; linear: only a word's start is tried
_SLASHED_WORD_RE = re.compile(r"(?<!\S)\S*/\S*")


def _looks_like_model_repo(ref: HubRef) -> bool:
    if ref.quant or "gguf" in ref.name.lower():
        return True
    if not re.search(r"[A-Za-z]", ref.owner):
        return False
    return bool(_SIZE_IN_NAME.search(ref.name))
