"""A GGUF header reader for the first bytes of a file: metadata and tensor infos, no tensor data.

Why not llama.cpp's gguf-py (the `gguf` package)? Its GGUFReader memory-maps a whole file: given
only the first megabytes it fails with an IndexError deep inside numpy instead of saying how much
more it needs, it builds a view of every tensor's data (which a header-only read does not have),
and it makes one numpy array per tokenizer string (17 s for a 150k-token vocabulary on our CI
machines). Reading over HTTP needs the opposite: parse what has arrived, skip the tokenizer
arrays, and say "truncated" so the caller fetches the next range. The format is small and
stable (version 2 and 3, little-endian as every published GGUF is), so this reader is ~150
lines of `struct`; the tests write their fixtures with gguf-py, which keeps the two honest.

Spec: https://github.com/ggml-org/ggml/blob/master/docs/gguf.md
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any

MAGIC = b"GGUF"

# value types (gguf.md "gguf_metadata_value_type")
_UINT8, _INT8, _UINT16, _INT16, _UINT32, _INT32, _FLOAT32, _BOOL, _STRING, _ARRAY = range(10)
_UINT64, _INT64, _FLOAT64 = 10, 11, 12
_SCALARS: dict[int, struct.Struct] = {
    _UINT8: struct.Struct("<B"),
    _INT8: struct.Struct("<b"),
    _UINT16: struct.Struct("<H"),
    _INT16: struct.Struct("<h"),
    _UINT32: struct.Struct("<I"),
    _INT32: struct.Struct("<i"),
    _FLOAT32: struct.Struct("<f"),
    _BOOL: struct.Struct("<?"),
    _UINT64: struct.Struct("<Q"),
    _INT64: struct.Struct("<q"),
    _FLOAT64: struct.Struct("<d"),
}
_U32 = struct.Struct("<I")
_U64 = struct.Struct("<Q")

# arrays longer than this are kept as their length only (tokenizer tokens, scores, merges):
# per-layer arrays have at most a few hundred entries
MAX_KEPT_ARRAY = 4096
# sanity limits: a corrupt or hostile file must not make us allocate or loop without end
MAX_KV = 100_000
MAX_TENSORS = 1_000_000
MAX_DIMS = 8
MAX_STRING = 64 * 1024 * 1024


class Truncated(Exception):
    """The buffer ends before the header does; `need` is a lower bound of the bytes required."""

    def __init__(self, need: int):
        super().__init__(f"the GGUF header is longer than the {need} bytes read")
        self.need = need


class NotGGUF(ValueError):
    """The bytes are not a GGUF file (or a version this reader does not know)."""


@dataclass(frozen=True)
class ArrayLen:
    """An array too long to keep (a tokenizer list): its element type and length."""

    type: int
    length: int


@dataclass(frozen=True)
class TensorInfo:
    name: str
    shape: tuple[int, ...]  # ggml order (ne0 first)
    type: int  # ggml type id

    @property
    def elements(self) -> int:
        n = 1
        for d in self.shape:
            n *= d
        return n


@dataclass
class Header:
    version: int
    metadata: dict[str, Any] = field(default_factory=dict)
    tensors: list[TensorInfo] = field(default_factory=list)
    size: int = 0  # bytes of metadata + tensor infos (where the alignment padding starts)


class _Buf:
    __slots__ = ("data", "pos")

    def __init__(self, data: bytes | memoryview):
        self.data = memoryview(data)
        self.pos = 0

    def take(self, n: int) -> memoryview:
        end = self.pos + n
        if end > len(self.data):
            raise Truncated(end)
        out = self.data[self.pos : end]
        self.pos = end
        return out

    def skip(self, n: int) -> None:
        end = self.pos + n
        if end > len(self.data):
            raise Truncated(end)
        self.pos = end

    def unpack(self, st: struct.Struct) -> Any:
        end = self.pos + st.size
        if end > len(self.data):
            raise Truncated(end)
        value = st.unpack_from(self.data, self.pos)[0]
        self.pos = end
        return value

    def string(self) -> str:
        n = self.unpack(_U64)
        if n > MAX_STRING:
            raise NotGGUF(f"a string of {n} bytes")
        return bytes(self.take(n)).decode("utf-8", errors="replace")


def _value(buf: _Buf, vtype: int) -> Any:
    if vtype in _SCALARS:
        return buf.unpack(_SCALARS[vtype])
    if vtype == _STRING:
        return buf.string()
    if vtype == _ARRAY:
        etype = buf.unpack(_U32)
        n = buf.unpack(_U64)
        if n > MAX_STRING:
            raise NotGGUF(f"an array of {n} elements")
        if etype in _SCALARS:
            st = _SCALARS[etype]
            if n > MAX_KEPT_ARRAY:
                buf.skip(n * st.size)
                return ArrayLen(etype, n)
            raw = buf.take(n * st.size)
            return list(struct.unpack(f"<{n}{st.format[-1]}", raw))
        if etype == _STRING:
            if n > MAX_KEPT_ARRAY:
                _skip_strings(buf, n)
                return ArrayLen(etype, n)
            return [buf.string() for _ in range(n)]
        if etype == _ARRAY:  # nested arrays: no model metadata uses them; keep the length
            for _ in range(n):
                _value(buf, _ARRAY)
            return ArrayLen(etype, n)
        raise NotGGUF(f"unknown array element type {etype}")
    raise NotGGUF(f"unknown value type {vtype}")


def _skip_strings(buf: _Buf, n: int) -> None:
    """Skip n length-prefixed strings (a tokenizer list: hundreds of thousands of them)."""
    data, pos, end = buf.data, buf.pos, len(buf.data)
    unpack = _U64.unpack_from
    for _ in range(n):
        if pos + 8 > end:
            raise Truncated(pos + 8)
        pos += 8 + unpack(data, pos)[0]
    if pos > end:
        raise Truncated(pos)
    buf.pos = pos


class HeaderReader:
    """Parses a header from a buffer that grows (ranged reads): each feed() resumes after the
    last whole key or tensor info, so a 10 MB tokenizer is not parsed again at every read."""

    def __init__(self) -> None:
        self._header: Header | None = None
        self._counts = (0, 0)  # tensors, keys
        self._pos = 0
        self._keys_done = 0
        self._tensors_done = 0

    def feed(self, data: bytes | memoryview) -> Header:
        """The header, once `data` holds all of it; Truncated until then, NotGGUF if it is not
        a GGUF file. `data` must start at the file's first byte and only ever grow."""
        buf = _Buf(data)
        if self._header is None:
            if bytes(buf.take(4)) != MAGIC:
                raise NotGGUF("no GGUF magic")
            version = buf.unpack(_U32)
            if version not in (2, 3):
                raise NotGGUF(f"GGUF version {version}")
            n_tensors = buf.unpack(_U64)
            n_kv = buf.unpack(_U64)
            if n_tensors > MAX_TENSORS or n_kv > MAX_KV:
                raise NotGGUF("implausible tensor or key count")
            self._header, self._counts, self._pos = Header(version), (n_tensors, n_kv), buf.pos
        header = self._header
        n_tensors, n_kv = self._counts
        buf.pos = self._pos
        while self._keys_done < n_kv:
            key = buf.string()
            vtype = buf.unpack(_U32)
            header.metadata[key] = _value(buf, vtype)
            self._keys_done += 1
            self._pos = buf.pos
        while self._tensors_done < n_tensors:
            name = buf.string()
            n_dims = buf.unpack(_U32)
            if n_dims > MAX_DIMS:
                raise NotGGUF(f"tensor {name!r} has {n_dims} dimensions")
            shape = tuple(buf.unpack(_U64) for _ in range(n_dims))
            ttype = buf.unpack(_U32)
            buf.unpack(_U64)  # offset into the data section
            header.tensors.append(TensorInfo(name, shape, ttype))
            self._tensors_done += 1
            self._pos = buf.pos
        header.size = buf.pos
        return header


def parse_header(data: bytes | memoryview) -> Header:
    """Metadata and tensor infos from the start of a GGUF file. Raises Truncated when `data`
    ends inside the header, NotGGUF when it is not a GGUF file."""
    return HeaderReader().feed(data)
