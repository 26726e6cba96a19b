"""Record real exchanges as golden files, and replay them from the fake server.

:class:`RecordingTransport` wraps any httpx transport (sync or async) and writes each
exchange into a directory: ``0001-RefreshFolder.request.xml`` and
``0001-RefreshFolder.response.xml``, secrets scrubbed (``_redact``, as golden files are), and
``index.json`` listing each exchange's agent, version, operation, HTTP status and content
type. :class:`Replay` reads such a directory back for ``FakeNetServer.replay``: a request
gets the recorded answer of its agent and operation, the recorded ones in order when there
are several (the last one again once they are used up).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
from pathlib import Path
from typing import Any

import attrs
import httpx
from lxml import etree

from .._envelope import split_envelope
from .._xml import parse_xml
from ..errors import Error, UsageError
from ._checks import _media_type
from ._dispatch import Reply, split_target
from ._golden import scrub_envelope

INDEX = "index.json"
_AGENT_PATH = re.compile(r"/(Services\d\d)/(\w+)\.svc$")
_NAME = re.compile(r"[^A-Za-z0-9_.-]")


def _operation(request: httpx.Request, body: bytes) -> str:
    """The operation: the action's last step, else the Body's element, else ``unknown``."""
    action = str(request.headers.get("soapaction", "")).strip().strip('"')
    if not action:  # SOAP 1.2: the Content-Type's action parameter
        action = _media_type(request.headers.get("content-type", ""))[1].get("action", "")
    if action:
        return action.rstrip("/").rpartition("/")[2]
    try:
        payload = split_envelope(parse_xml(body)).payload
    except Error:
        return "unknown"
    return etree.QName(payload).localname if payload is not None else "unknown"


class RecordingTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Wraps ``transport`` (sync or async; by default a new ``httpx.HTTPTransport``) and
    records every exchange in ``directory`` as a pair of golden files plus ``index.json``.

    Use it as ``httpx.Client(transport=RecordingTransport(dir))`` (or ``AsyncClient``, with
    an async transport such as ``httpx.AsyncHTTPTransport()``) and pass that client to an
    agent. Recording continues the numbering of what ``directory`` already holds. Bodies
    are held in memory to be written; answers reach the client unchanged.
    """

    def __init__(
        self,
        directory: str | os.PathLike[str],
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.transport = transport if transport is not None else httpx.HTTPTransport()
        self._lock = threading.Lock()
        self._entries: list[dict[str, Any]] = _read_index(self.directory, missing_ok=True)

    def __repr__(self) -> str:
        return f"<RecordingTransport {str(self.directory)!r} exchanges={len(self._entries)}>"

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(self.transport, httpx.BaseTransport):
            raise UsageError("this RecordingTransport wraps an async transport: use AsyncClient")
        body = request.read()
        response = self.transport.handle_request(request)
        try:
            raw = b"".join(response.iter_raw())  # as sent: still compressed, if it was
        finally:
            response.close()
        return self._recorded(request, body, response, raw)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(self.transport, httpx.AsyncBaseTransport):
            raise UsageError("this RecordingTransport wraps a sync transport: use Client")
        body = await request.aread()
        response = await self.transport.handle_async_request(request)
        try:
            raw = b"".join([chunk async for chunk in response.aiter_raw()])
        finally:
            await response.aclose()
        return self._recorded(request, body, response, raw)

    def close(self) -> None:
        if isinstance(self.transport, httpx.BaseTransport):
            self.transport.close()

    async def aclose(self) -> None:
        if isinstance(self.transport, httpx.AsyncBaseTransport):
            await self.transport.aclose()

    def _recorded(
        self, request: httpx.Request, body: bytes, response: httpx.Response, raw: bytes
    ) -> httpx.Response:
        # the body as the client will see it, decompressed, for the golden file
        decoded = httpx.Response(response.status_code, headers=response.headers, content=raw)
        self._write(request, body, response, decoded.read())
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=httpx.ByteStream(raw),
            extensions=response.extensions,
        )

    def _write(
        self, request: httpx.Request, body: bytes, response: httpx.Response, content: bytes
    ) -> None:
        path, _ = split_target(request.url.raw_path.decode("ascii"))
        where = _AGENT_PATH.search(path)
        version, agent = where.groups() if where else (None, None)
        operation = _NAME.sub("_", _operation(request, body))
        with self._lock:
            number = len(self._entries) + 1
            stem = f"{number:04d}-{operation}"
            entry = {
                "exchange": number,
                "agent": agent,
                "version": version,
                "operation": operation,
                "status": response.status_code,
                "content_type": response.headers.get("content-type"),
                "request": f"{stem}.request.xml",
                "response": f"{stem}.response.xml",
            }
            (self.directory / entry["request"]).write_bytes(scrub_envelope(body))
            (self.directory / entry["response"]).write_bytes(scrub_envelope(content))
            self._entries.append(entry)
            _write_index(self.directory, self._entries)


def _read_index(directory: Path, *, missing_ok: bool = False) -> list[dict[str, Any]]:
    path = directory / INDEX
    try:
        entries = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        if missing_ok:
            return []
        raise UsageError(f"{str(directory)!r} holds no recording ({INDEX} is missing)") from None
    except (OSError, ValueError) as error:
        raise UsageError(f"cannot read the recording index {str(path)!r}: {error}") from None
    if not isinstance(entries, list):
        raise UsageError(f"{str(path)!r} is not a recording index (a JSON list)")
    return entries


def _write_index(directory: Path, entries: list[dict[str, Any]]) -> None:
    """Replace the index whole, so a reader never sees half of it."""
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".index-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump(entries, file, indent=2)
        file.write("\n")
    os.replace(temporary, directory / INDEX)


@attrs.define
class Replay:
    """Recorded answers by (agent, operation), each list in recorded order."""

    answers: dict[tuple[str, str], list[Reply]]
    used: dict[tuple[str, str], int] = attrs.field(factory=dict)
    lock: threading.Lock = attrs.field(factory=threading.Lock)

    @classmethod
    def load(cls, directory: str | os.PathLike[str]) -> Replay:
        folder = Path(directory)
        answers: dict[tuple[str, str], list[Reply]] = {}
        for entry in _read_index(folder):
            try:
                key = (str(entry["agent"]), str(entry["operation"]))
                body = (folder / str(entry["response"])).read_bytes()
                reply = Reply(int(entry["status"]), body, entry.get("content_type"))
            except (KeyError, TypeError, ValueError, OSError) as error:
                where = f"recording {str(folder)!r}"
                raise UsageError(f"{where}: bad entry {entry!r}: {error}") from None
            answers.setdefault(key, []).append(reply)
        return cls(answers)

    def next(self, agent: str, operation: str) -> Reply | None:
        """The next recorded answer to this operation (the last again once used up)."""
        replies = self.answers.get((agent, operation))
        if not replies:
            return None
        with self.lock:
            index = self.used.get((agent, operation), 0)
            self.used[agent, operation] = index + 1
        return replies[min(index, len(replies) - 1)]
