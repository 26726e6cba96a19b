"""Attachment names from strangers, made safe to use as file names; attachments saved under them.

An attachment's name is whatever the sender wrote. Used as a path it can climb out of the target
directory (``../../etc/passwd``), name a device on Windows (``CON``, ``nul.txt``), be refused by
one file system and not another, or silently replace a file already there. :func:`safe_filename`
turns any string into one name that is valid and harmless on Windows, macOS and Linux alike, so a
mailbox synced on one machine can be copied to another. Each rule and why:

- **Path separators** ``/`` and ``\\`` become ``_``: the name stays *one* component, so it
  cannot leave the directory. They are replaced, not cut at: keeping only the last component
  of ``C:\\x`` or ``a/b`` would drop what the sender wrote and make different attachments
  (``a/b``, ``c/b``) collide; ``a_b`` keeps the information.
- **Characters Windows forbids** (``< > : " | ? *``) become ``_`` too; ``:`` is also what
  macOS's Finder shows for ``/`` and what NTFS uses for alternate data streams (``a:b``).
- **Control characters** (C0, DEL, C1, NUL included), lone surrogates, Unicode line and
  paragraph separators and the bidirectional controls become ``_``: NUL ends a C string (what
  the OS sees would differ from what we checked), newlines break logs and scripts that list
  the files, U+202E makes ``invoice‮fdp.exe`` look like a PDF, and a surrogate cannot be
  encoded to UTF-8 at all.
- **Leading and trailing dots and spaces** are stripped: Windows drops trailing ones itself
  (so ``a.txt.`` and ``a.txt`` would be one file there, two here), a leading dot hides the
  file on Unix and could plant a ``.htaccess`` or ``.bashrc``; ``.`` and ``..`` become empty.
- **Windows device names** (``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM0``-``COM9``,
  ``LPT0``-``LPT9``, their superscript-digit forms, ``CONIN$``, ``CONOUT$``) get a ``_``
  in front, also with an extension or trailing spaces (``con .txt``), in any case: Windows
  opens the device, not a file, for ``nul.txt``.
- **Length** is capped at 255 bytes of UTF-8, the limit of ext4, APFS, NTFS and most others
  (UTF-8 bytes are never fewer than the UTF-16 units NTFS and HFS+ count), cutting the stem and
  keeping a short extension (up to 32 bytes) so the file still opens with the right program;
  the cut never splits a character or leaves a combining mark without its base.
- **Unicode** is normalised to NFC, so the same name typed on macOS (decomposed) and on Windows
  (composed) is one name, not two files that look alike.
- A name left **empty** by these rules (``..``, ``""``, ``None``) takes the fallback.

What this does not do: Windows' 260-character path limit depends on the directory, not the name;
a name can still look like another (homoglyphs) and still run as a program if it ends in
``.exe``. Deciding whether to open an attachment is the caller's business.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from ..errors import MailboxError, UsageError
from ._atomic import Data, fsync_directory, remove_quietly, write_temp

#: the longest name, in bytes of UTF-8, that every common file system accepts
MAX_NAME_BYTES = 255

# an extension longer than this is not one a program is chosen by; it is cut with the stem
_MAX_EXTENSION_BYTES = 32

_FORBIDDEN = frozenset('/\\<>:"|?*')
# arabic letter mark, LRM, RLM, the embeddings and overrides, the isolates
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_REPLACED_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{digit}" for port in ("COM", "LPT") for digit in "0123456789\u00b9\u00b2\u00b3"}
)

# how many ``name (n).ext`` variants save_attachment tries before giving up
_MAX_VARIANTS = 10_000


def safe_filename(name: str | None, *, fallback: str = "attachment") -> str:
    """``name`` made into one file name that is safe on Windows, macOS and Linux.

    The rules, and why each exists, are in this module's docstring. ``fallback`` is used when
    nothing of ``name`` survives; it must itself be safe (``UsageError`` if not).
    """
    if name is not None and not isinstance(name, str):
        raise UsageError(f"a file name must be a str, not {type(name).__name__}")
    safe = _sanitize(name) if name else ""
    if safe:
        return safe
    if not isinstance(fallback, str) or not fallback or _sanitize(fallback) != fallback:
        raise UsageError(f"fallback {fallback!r} is not itself a safe file name")
    return fallback


def _sanitize(name: str) -> str:
    """The rules, in an order that makes the result stable: sanitizing it again changes nothing."""
    text = "".join(_safe_char(char) for char in unicodedata.normalize("NFC", name))
    text = _strip_edges(text)
    if not text:
        return ""
    if _is_windows_device(text):
        text = "_" + text
    return _cap(text)


def _safe_char(char: str) -> str:
    if (
        char in _FORBIDDEN
        or char in _BIDI_CONTROLS
        or unicodedata.category(char) in _REPLACED_CATEGORIES
    ):
        return "_"
    return char


def _strip_edges(text: str) -> str:
    start, end = 0, len(text)
    while start < end and (text[start] == "." or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] == "." or text[end - 1].isspace()):
        end -= 1
    return text[start:end]


def _is_windows_device(text: str) -> bool:
    # Windows looks at the part before the first dot, trailing spaces ignored, in any case
    return text.split(".", 1)[0].rstrip(" ").upper() in _WINDOWS_DEVICES


def _split_extension(text: str) -> tuple[str, str]:
    """(stem, ".ext"), or (text, "") when there is no extension worth keeping."""
    stem, dot, extension = text.rpartition(".")
    if not dot or not stem or len(extension.encode()) + 1 > _MAX_EXTENSION_BYTES:
        return text, ""
    return stem, dot + extension


def _cap(text: str, tail: str = "") -> str:
    """``text`` with ``tail`` inserted before its extension, cut to MAX_NAME_BYTES."""
    stem, extension = _split_extension(text)
    if len((text + tail).encode()) <= MAX_NAME_BYTES:
        return stem + tail + extension
    budget = MAX_NAME_BYTES - len((tail + extension).encode())
    kept = len(stem.encode()[:budget].decode("utf-8", "ignore"))
    # a combining mark belongs to the character before it: cut before both
    while 0 < kept < len(stem) and unicodedata.combining(stem[kept]):
        kept -= 1
    cut = stem[:kept]
    if not tail:
        cut = _strip_edges(cut) or "_"
    return cut + tail + extension


def save_attachment(
    directory: str | os.PathLike[str], name: str | None, data: Data, *, overwrite: bool = False
) -> Path:
    """Write ``data`` to ``directory`` under ``safe_filename(name)`` and return the path.

    ``data`` is bytes, an iterable of bytes chunks (written one by one, never joined) or a
    binary file. The bytes go to a temp file in the same directory, which is then renamed into
    place with ``os.replace``, so the name never shows a partial file. With ``overwrite=False``
    an existing file is never replaced: the first free name of ``name.ext``, ``name (1).ext``,
    ``name (2).ext``... is claimed by exclusive creation, so two savers running at once never
    take the same one. The directory must exist. A file system failure raises
    :class:`MailboxError` naming the directory and the safe name.
    """
    safe = safe_filename(name)
    try:
        folder = Path(directory).resolve(strict=True)
    except OSError as exc:
        raise MailboxError(f"cannot save {safe!r}: no directory {os.fspath(directory)!r}") from exc
    if not folder.is_dir():
        raise MailboxError(f"cannot save {safe!r}: {str(folder)!r} is not a directory")
    temp = write_temp(folder, data, lambda exc: _failed(folder, safe, exc))
    claimed: Path | None = None
    try:
        target = _inside(folder, safe) if overwrite else (claimed := _claim(folder, safe))
        os.replace(temp, target)
    except BaseException as exc:
        remove_quietly(temp)
        if claimed is not None:  # our empty placeholder, never someone else's file
            remove_quietly(claimed)
        if isinstance(exc, OSError):
            raise _failed(folder, safe, exc) from exc
        raise
    try:
        fsync_directory(folder)
    except OSError as exc:
        raise _failed(folder, safe, exc) from exc
    return target


def _inside(folder: Path, name: str) -> Path:
    """``folder / name``, refused unless it is directly inside ``folder`` (belt and braces)."""
    target = folder / name
    if target.parent != folder or target.name != name or name in {"", ".", ".."}:
        raise MailboxError(f"{name!r} would not be a file directly inside {str(folder)!r}")
    return target


def _claim(folder: Path, safe: str) -> Path:
    """Create the first free ``safe``, ``safe (1)``... empty and exclusively; return it.

    Exclusive creation (``O_CREAT | O_EXCL``) is what makes two savers pick different names:
    the file system, not a check before the write, decides who gets a name. It also never
    follows a symbolic link planted under that name.
    """
    for number in range(_MAX_VARIANTS):
        candidate = _inside(folder, _cap(safe, f" ({number})") if number else safe)
        try:
            with open(candidate, "xb"):
                return candidate
        except FileExistsError:
            continue
    raise MailboxError(
        f"cannot save {safe!r} in {str(folder)!r}: {_MAX_VARIANTS} names taken already"
    )


def _failed(folder: Path, safe: str, exc: OSError) -> MailboxError:
    reason = exc.strerror or type(exc).__name__
    return MailboxError(f"cannot save {safe!r} in {str(folder)!r}: {reason}")
