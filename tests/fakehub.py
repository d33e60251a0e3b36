"""A fake Hugging Face Hub on 127.0.0.1 that behaves like the real one for what canirun asks.

Two servers, two origins, as in production: the Hub (API and /resolve) and its CDN.

    GET /api/models/{owner}/{repo}[/revision/{rev}]?blobs=true   repo info, siblings with sizes
    GET /api/models?search=...&filter=gguf&sort=downloads...     search, most downloaded first
    GET /{owner}/{repo}/resolve/{rev}/{path}                      302 to a signed CDN URL for a
                                                                  GGUF (an LFS file); small files
                                                                  (config.json) answered directly
    CDN GET /blob/{id}?sig=...                                    Range requests (206), 416 past
                                                                  the end

Like the real Hub: a gated repo's info is public but its files need a token of an account that
accepted the terms (401 + X-Error-Code: GatedRepo); a private or missing repo is a 401
RepoNotFound without a token (404 with one); a missing file is a 404 EntryNotFound. Faults on
demand: `fail(route, status)` (429 with Retry-After, 500, 503), `delay(route, seconds)`,
`reset(route)` (the connection drops). Every request is recorded with its headers, so tests can
check that the token went to the Hub and never to the CDN. A request to a route the fake does not
know is recorded in `unknown` and fails the test.

The servers run on their own thread and event loop, so the synchronous CLI (asyncio.run inside)
and async tests can both talk to it.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web

CDN_SECRET = "fake-cdn-secret"


@dataclass
class FakeFile:
    head: bytes  # the first bytes (a GGUF header, or a whole small file)
    size: int  # the size the listing states; bytes past `head` read as zeros
    lfs: bool = True


@dataclass
class FakeRepo:
    repo: str
    files: dict[str, FakeFile]
    gated: bool = False
    private: bool = False
    downloads: int = 0
    card: dict[str, Any] = field(default_factory=dict)
    gguf_total: int | None = None
    safetensors_total: int | None = None
    sha: str = ""

    def __post_init__(self):
        if not self.sha:
            self.sha = hashlib.sha1(self.repo.encode()).hexdigest()


@dataclass
class Recorded:
    site: str  # "hub" or "cdn"
    method: str
    path: str
    query: str
    headers: dict[str, str]
    status: int = 0


@dataclass
class _Fault:
    site: str
    pattern: re.Pattern
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    reset: bool = False
    times: int = 1


class FakeHub:
    def __init__(self):
        self.repos: dict[str, FakeRepo] = {}
        self.tokens: set[str] = set()  # valid tokens
        self.accepted: dict[str, set[str]] = {}  # gated repo -> tokens whose account accepted
        self.requests: list[Recorded] = []
        self.unknown: list[str] = []
        self._faults: list[_Fault] = []
        self._blobs: dict[str, tuple[str, str]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runners: list[web.AppRunner] = []
        self.hub_port = 0
        self.cdn_port = 0

    # ------------------------------------------------------------------ set-up

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.hub_port}"

    def add_repo(self, repo: str, files: dict[str, FakeFile], **kw: Any) -> FakeRepo:
        r = FakeRepo(repo, files, **kw)
        self.repos[repo] = r
        return r

    def add_fixture(self, fx, **kw: Any) -> FakeRepo:
        files = {p: FakeFile(head, size) for p, (head, size) in fx.files.items()}
        kw.setdefault("gguf_total", fx.gguf_total)
        return self.add_repo(fx.repo, files, **kw)

    def fail(self, route: str, status: int, *, site: str = "hub", times: int = 1, **headers):
        hdrs = {k.replace("_", "-"): str(v) for k, v in headers.items()}
        self._faults.append(_Fault(site, re.compile(route), status, hdrs, times=times))

    def delay(self, route: str, seconds: float, *, site: str = "hub", times: int = 1):
        self._faults.append(_Fault(site, re.compile(route), delay=seconds, times=times))

    def reset(self, route: str, *, site: str = "hub", times: int = 1):
        self._faults.append(_Fault(site, re.compile(route), reset=True, times=times))

    def count(self, site: str | None = None) -> int:
        return sum(1 for r in self.requests if site is None or r.site == site)

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)

    def stop(self) -> None:
        if self._loop is None:
            return
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(5)
        self._loop.close()
        self._loop = None

    async def _start(self) -> None:
        for site, handler in (("hub", self._hub), ("cdn", self._cdn)):
            app = web.Application()
            app.router.add_route("*", "/{tail:.*}", handler)
            runner = web.AppRunner(app, access_log=None)
            await runner.setup()
            tcp = web.TCPSite(runner, "127.0.0.1", 0)
            await tcp.start()
            port = tcp._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            if site == "hub":
                self.hub_port = port
            else:
                self.cdn_port = port
            self._runners.append(runner)

    async def _stop(self) -> None:
        for runner in self._runners:
            await runner.cleanup()
        self._runners.clear()

    # ------------------------------------------------------------------ helpers

    def _token(self, request: web.Request) -> str | None:
        auth = request.headers.get("Authorization", "")
        return auth[7:] if auth.startswith("Bearer ") else None

    async def _fault(self, site: str, request: web.Request) -> web.StreamResponse | None:
        target = request.path_qs
        for f in self._faults:
            if f.site != site or f.times <= 0 or not f.pattern.search(target):
                continue
            f.times -= 1
            if f.delay:
                await asyncio.sleep(f.delay)
                return None
            if f.reset:  # the connection drops before any answer
                if request.transport is not None:
                    request.transport.abort()
                return web.Response(status=499)
            return web.Response(status=f.status, headers=f.headers, text="fault")
        return None

    def _record(self, site: str, request: web.Request) -> Recorded:
        rec = Recorded(
            site, request.method, request.path, request.query_string, dict(request.headers)
        )
        self.requests.append(rec)
        return rec

    @staticmethod
    def _error(status: int, code: str, message: str) -> web.Response:
        return web.Response(
            status=status,
            headers={"X-Error-Code": code, "X-Error-Message": message},
            text=json.dumps({"error": message}),
            content_type="application/json",
        )

    def _access(self, repo: FakeRepo | None, token: str | None, files: bool) -> web.Response | None:
        valid = token in self.tokens
        if token is not None and not valid:
            return self._error(401, "", "Invalid credentials in Authorization header")
        if repo is None or (repo.private and not valid):
            status = 404 if valid else 401
            return self._error(status, "RepoNotFound", "Repository not found")
        if files and repo.gated and token not in self.accepted.get(repo.repo, set()):
            return self._error(
                401 if not valid else 403,
                "GatedRepo",
                f"Access to model {repo.repo} is restricted. You must have access to it.",
            )
        return None

    # ------------------------------------------------------------------ the Hub

    async def _hub(self, request: web.Request) -> web.StreamResponse:
        rec = self._record("hub", request)
        resp = await self._fault("hub", request) or await self._hub_route(request)
        rec.status = resp.status
        return resp

    async def _hub_route(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        token = self._token(request)
        if request.method != "GET":
            self.unknown.append(f"{request.method} {path}")
            return web.Response(status=405)
        if path == "/api/models":
            return self._search(request)
        m = re.fullmatch(r"/api/models/([^/]+)/([^/]+)(?:/revision/([^/]+))?", path)
        if m:
            repo = self.repos.get(f"{m.group(1)}/{m.group(2)}")
            if (err := self._access(repo, token, files=False)) is not None:
                return err
            assert repo is not None
            if m.group(3) and m.group(3) not in ("main", repo.sha):
                return self._error(404, "RevisionNotFound", "Invalid rev id")
            return _json(self._info(repo, blobs=request.query.get("blobs") == "true"))
        m = re.fullmatch(r"/([^/]+)/([^/]+)/resolve/([^/]+)/(.+)", path)
        if m:
            repo = self.repos.get(f"{m.group(1)}/{m.group(2)}")
            if (err := self._access(repo, token, files=True)) is not None:
                return err
            assert repo is not None
            if m.group(3) not in ("main", repo.sha):
                return self._error(404, "RevisionNotFound", "Invalid rev id")
            f = repo.files.get(m.group(4))
            if f is None:
                return self._error(404, "EntryNotFound", "Entry not found")
            if not f.lfs:
                return web.Response(body=f.head, headers={"X-Repo-Commit": repo.sha})
            blob = hashlib.sha1(f"{repo.repo}/{m.group(4)}".encode()).hexdigest()
            self._blobs[blob] = (repo.repo, m.group(4))
            sig = hashlib.sha1(f"{CDN_SECRET}{blob}".encode()).hexdigest()
            location = f"http://127.0.0.1:{self.cdn_port}/blob/{blob}?sig={sig}&Expires=3600"
            return web.Response(
                status=302,
                headers={
                    "Location": location,
                    "X-Linked-Size": str(f.size),
                    "X-Repo-Commit": repo.sha,
                },
            )
        self.unknown.append(f"GET {path}")
        return web.Response(status=404, text="unknown route")

    def _info(self, repo: FakeRepo, *, blobs: bool) -> dict[str, Any]:
        siblings = []
        for p, f in repo.files.items():
            s: dict[str, Any] = {"rfilename": p}
            if blobs:
                s["size"] = f.size
                s["blobId"] = hashlib.sha1(p.encode()).hexdigest()
                if f.lfs:
                    s["lfs"] = {"size": f.size, "sha256": "0" * 64, "pointerSize": 135}
            siblings.append(s)
        info: dict[str, Any] = {
            "_id": repo.sha[:24],
            "id": repo.repo,
            "modelId": repo.repo,
            "sha": repo.sha,
            "private": repo.private,
            "gated": "manual" if repo.gated else False,
            "disabled": False,
            "downloads": repo.downloads,
            "likes": 0,
            "tags": ["gguf"] if any(p.endswith(".gguf") for p in repo.files) else [],
            "cardData": repo.card,
            "siblings": siblings,
        }
        if repo.gguf_total:
            info["gguf"] = {"total": repo.gguf_total}
        if repo.safetensors_total:
            info["safetensors"] = {
                "parameters": {"BF16": repo.safetensors_total},
                "total": repo.safetensors_total,
            }
        return info

    def _search(self, request: web.Request) -> web.Response:
        q = request.query.get("search", "").lower()
        want_gguf = request.query.get("filter") == "gguf"
        limit = int(request.query.get("limit", "20"))
        hits = [
            r
            for r in self.repos.values()
            if q in r.repo.lower()
            and not r.private
            and (not want_gguf or any(p.endswith(".gguf") for p in r.files))
        ]
        if request.query.get("sort") == "downloads":
            hits.sort(key=lambda r: r.downloads, reverse=request.query.get("direction") == "-1")
        return _json(
            [{"id": r.repo, "modelId": r.repo, "downloads": r.downloads} for r in hits[:limit]]
        )

    # ------------------------------------------------------------------ the CDN

    async def _cdn(self, request: web.Request) -> web.StreamResponse:
        rec = self._record("cdn", request)
        resp = await self._fault("cdn", request) or self._cdn_route(request)
        rec.status = resp.status
        return resp

    def _cdn_route(self, request: web.Request) -> web.StreamResponse:
        m = re.fullmatch(r"/blob/([0-9a-f]+)", request.path)
        if m is None or m.group(1) not in self._blobs:
            self.unknown.append(f"CDN GET {request.path}")
            return web.Response(status=404)
        blob = m.group(1)
        if request.query.get("sig") != hashlib.sha1(f"{CDN_SECRET}{blob}".encode()).hexdigest():
            return web.Response(status=403, text="bad signature")
        repo, path = self._blobs[blob]
        f = self.repos[repo].files[path]
        rng = re.fullmatch(r"bytes=(\d+)-(\d*)", request.headers.get("Range", ""))
        if rng is None:  # a whole-file GET: the test never needs more than the head
            return web.Response(body=f.head, headers={"Content-Length": str(len(f.head))})
        start = int(rng.group(1))
        end = min(int(rng.group(2)) if rng.group(2) else f.size - 1, f.size - 1)
        if start >= f.size:
            return web.Response(status=416, headers={"Content-Range": f"bytes */{f.size}"})
        body = f.head[start : end + 1]
        body += bytes(end + 1 - start - len(body))
        return web.Response(
            status=206,
            body=body,
            headers={"Content-Range": f"bytes {start}-{end}/{f.size}", "Accept-Ranges": "bytes"},
        )


def _json(data: Any) -> web.Response:
    return web.Response(
        text=json.dumps(data), headers={"Content-Type": "application/json; charset=utf-8"}
    )


# --------------------------------------------------------------------------- pytest fixture


@pytest.fixture
def fake_hub(monkeypatch, tmp_path):
    """A running fake Hub, with the environment pointing canirun at it (online, no token, a
    fresh cache file). Fails the test if canirun asked for a route the fake does not know."""
    hub = FakeHub()
    hub.start()
    monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
    monkeypatch.setenv("CANIRUN_HUB_CACHE", str(tmp_path / "hub-cache.sqlite3"))
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE", "CANIRUN_OFFLINE"):
        monkeypatch.delenv(name, raising=False)
    try:
        yield hub
    finally:
        hub.stop()
    assert not hub.unknown, f"requests to routes the fake Hub does not know: {hub.unknown}"
