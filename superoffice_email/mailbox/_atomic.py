"""Writing a file so that it is either absent or complete, whatever happens mid-way.

Mail and attachments arrive as bytes from a stranger, possibly hundreds of megabytes, possibly
cut off by a network error, a full disk or a killed process. So every file is written the same
way, here, once:

- chunk by chunk, never joined: memory stays at one chunk whatever the size;
- into a temp file created exclusively in the *same* directory (a rename is atomic only within
  one file system), named ``.tmp-*.part`` so that it is hidden and recognisably ours to delete;
- flushed and ``fsync``'d before the caller renames it with ``os.replace``, so that after a
  power cut the final name never points at a file whose data did not reach the disk;
- the directory ``fsync``'d after the rename (POSIX), so that the rename itself is durable
  before anything (a journal line) records it.

Temp files keep the mode ``tempfile`` gives them (0600): mail is private.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import UsageError

#: what the callers accept as content: bytes, an iterable of bytes chunks, or a binary file
Chunk = bytes | bytearray | memoryview
Data = Chunk | Iterable[Chunk] | BinaryIO

TEMP_PREFIX = ".tmp-"
TEMP_SUFFIX = ".part"

# a binary file is read in pieces of this size (an iterable keeps the caller's chunking)
_READ_SIZE = 1 << 20


def iter_chunks(data: Data) -> Iterator[bytes | bytearray | memoryview]:
    """The content as chunks, checking each is bytes: a ``str`` would be encoded by guess."""
    if isinstance(data, bytes | bytearray | memoryview):
        yield data
        return
    if isinstance(data, str):
        raise UsageError("content must be bytes, an iterable of bytes or a binary file, not str")
    read = getattr(data, "read", None)
    if callable(read):
        while chunk := read(_READ_SIZE):
            yield _checked(chunk)
        return
    if not isinstance(data, Iterable):
        raise UsageError(
            "content must be bytes, an iterable of bytes or a binary file, "
            f"not {type(data).__name__}"
        )
    for chunk in data:
        yield _checked(chunk)


def _checked(chunk: object) -> bytes | bytearray | memoryview:
    if not isinstance(chunk, bytes | bytearray | memoryview):
        raise UsageError(f"content chunks must be bytes, not {type(chunk).__name__}")
    return chunk


def write_temp(directory: Path, data: Data, fail: Callable[[OSError], Exception]) -> Path:
    """Stream ``data`` into a new temp file in ``directory``, fsync'd; return its path.

    An ``OSError`` of our own file operations is raised as ``fail(error)``; whatever the caller's
    content raises (a ``ConnectionResetError`` from a socket, say, is an ``OSError`` too)
    propagates unchanged. Either way the temp file is removed.
    """
    try:
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=directory)
    except OSError as exc:
        raise fail(exc) from exc
    path = Path(name)
    try:
        with open(fd, "wb", buffering=0) as out:
            for chunk in iter_chunks(data):
                try:
                    view = memoryview(chunk)
                    while view:
                        view = view[out.write(view) or 0 :]
                except OSError as exc:
                    raise fail(exc) from exc
            try:
                os.fsync(out.fileno())
            except OSError as exc:
                raise fail(exc) from exc
    except BaseException:
        remove_quietly(path)
        raise
    return path


def fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable; Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_quietly(path: Path) -> None:
    """Remove a file of ours if it is there; a cleanup never hides the error that caused it."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
