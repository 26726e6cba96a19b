"""Which mails of one account's folder are already on disk as ``.eml``, surviving any crash.

A sync of a large mailbox runs for hours and will be interrupted: a killed process, a power cut,
a full disk, a mail that fails to download. The next run must fetch only what is missing and
must never leave a mail twice, half-written, or lost. Every mail is therefore written in a
fixed order, and each point where a crash can stop that order leaves a state the next
:meth:`SyncState.open` recognises and repairs:

1. the bytes are streamed into ``<folder>/.tmp-*.part`` and fsync'd
   (crash: a temp file, **deleted** on open; the mail is fetched again);
2. the temp file is renamed to its final name with ``os.replace``, atomically (crash: an
   ``.eml`` that the journal does not list; it is complete, because only a finished, fsync'd
   temp file is ever renamed, so it is **adopted** and journalled on open);
3. one JSON line ``{"id": ...}`` is appended to the folder's journal and fsync'd (crash during
   the append: a **torn last line**, ignored and cut off on open, and the mail adopted as in 2).

A journal line whose file is gone (deleted by hand, or a rename a power cut undid after the
line reached the disk) is **dropped**: the mail is fetched again. So the data fsync before the
rename is the one that correctness needs; the journal's fsync saves refetching, and the folder
is not fsync'd after each rename (two fsyncs a mail, not three). The final name is derived
from the id alone, so writing a mail again replaces its file and can never make a second copy.

File names. ``<directory>/<folder>/<id>.eml``, ``<folder>`` being ``safe_filename(folder)``.
IMAP ids (int) are written in decimal (``123.eml``). Graph ``ServerIdentifier``s (str) are
case-sensitive base64 while the file systems of Windows and macOS are not, so a str id is
written as ``s-`` and an escape that uses lower case only: ``a-z``, ``0-9`` and ``-`` as
they are, an upper-case letter as ``_`` and the letter in lower case, anything else as
``%xx`` per UTF-8 byte (``AAMk=`` is ``s-_a_a_mk%3d.eml``). The name maps back to the id,
which is how step 2's files are adopted. An id whose escape would exceed 255 bytes is written
as ``h-<sha256 of the id>.eml``; such a file cannot be mapped back, so if a crash leaves one
unjournalled it is deleted and fetched again rather than adopted.

The journal, ``<folder>/.superoffice-sync.jsonl``, starts with a line naming the account and
folder: two folders whose safe names collide (``a/b`` and ``a_b``, ``Inbox`` and ``INBOX`` on a
case-insensitive disk), or two accounts sharing a directory, are refused instead of mixed. A
lock file (``fcntl.flock`` where the OS has it) keeps a second sync of the same folder out;
the OS releases it when a process dies. Memory is the set of done ids; mails stream to disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from ..errors import MailboxError, UsageError
from ._atomic import TEMP_PREFIX, TEMP_SUFFIX, Data, fsync_directory, remove_quietly, write_temp
from ._files import MAX_NAME_BYTES, safe_filename

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one sync per folder is then up to the caller
    fcntl = None  # type: ignore[assignment]

#: a mail's id: an IMAP server id (int) or a Graph ``ServerIdentifier`` (str)
MailId = int | str

JOURNAL_NAME = ".superoffice-sync.jsonl"
LOCK_NAME = ".superoffice-sync.lock"
_FORMAT = 1

_INT_NAME = re.compile(r"(0|-?[1-9][0-9]*)\.eml")
_STR_NAME = re.compile(r"s-([a-z0-9_%-]+)\.eml")
_HASH_NAME = re.compile(r"h-[0-9a-f]{64}\.eml")
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def mail_file_name(mail_id: MailId) -> str:
    """The ``.eml`` file name of a mail id (see the module docstring)."""
    _check_id(mail_id)
    if isinstance(mail_id, int):
        return f"{mail_id}.eml"
    name = f"s-{_escape(mail_id)}.eml"
    if len(name) <= MAX_NAME_BYTES:
        return name
    return f"h-{hashlib.sha256(mail_id.encode()).hexdigest()}.eml"


def mail_id_from_file_name(name: str) -> MailId | None:
    """The id a file name was made from, or None for a name that is not one of ours or hashed."""
    if _INT_NAME.fullmatch(name):
        return int(name[:-4])
    match = _STR_NAME.fullmatch(name)
    if match is None:
        return None
    mail_id = _unescape(match.group(1))
    # only the one spelling mail_file_name writes is ours (not "%41" for "_a", say)
    return mail_id if mail_id is not None and mail_file_name(mail_id) == name else None


def _check_id(mail_id: object) -> None:
    if isinstance(mail_id, bool) or not isinstance(mail_id, int | str):
        raise UsageError(f"a mail id is an int or a str, not {type(mail_id).__name__}")
    if isinstance(mail_id, str):
        if not mail_id:
            raise UsageError("a mail id must not be empty")
        try:
            mail_id.encode()
        except UnicodeEncodeError:
            raise UsageError(f"mail id {mail_id!r} is not valid Unicode") from None


def _escape(text: str) -> str:
    out = []
    for char in text:
        if char in _PLAIN:
            out.append(char)
        elif "A" <= char <= "Z":
            out.append("_" + char.lower())
        else:
            out.extend(f"%{byte:02x}" for byte in char.encode())
    return "".join(out)


def _unescape(text: str) -> str | None:
    raw = bytearray()
    index = 0
    while index < len(text):
        char = text[index]
        if char == "_" and index + 1 < len(text) and "a" <= text[index + 1] <= "z":
            raw += text[index + 1].upper().encode()
            index += 2
        elif char == "%" and re.fullmatch(r"[0-9a-f]{2}", text[index + 1 : index + 3]):
            raw.append(int(text[index + 1 : index + 3], 16))
            index += 3
        elif char in _PLAIN:
            raw += char.encode()
            index += 1
        else:
            return None
    try:
        return raw.decode()
    except UnicodeDecodeError:
        return None


class SyncState:
    """The done mails of one account's folder in a directory; see the module docstring.

    Open with :meth:`open` (or use as a context manager); not for sharing between threads.
    """

    def __init__(self, folder_dir: Path, account: str, folder: str) -> None:
        self.directory = folder_dir
        self.account = account
        self.folder = folder
        self._done: set[MailId] = set()
        self._journal: IO[bytes] | None = None
        self._lock: IO[bytes] | None = None

    @classmethod
    def open(cls, directory: str | os.PathLike[str], *, account: str, folder: str) -> SyncState:
        """Open (creating if needed) ``directory/<folder>`` and reconcile it after any crash."""
        for label, value in (("account", account), ("folder", folder)):
            if not isinstance(value, str) or not value:
                raise UsageError(f"{label} must be a non-empty str, not {value!r}")
        root = Path(directory).resolve()
        state = cls(root / safe_filename(folder, fallback="folder"), account, folder)
        try:
            state.directory.mkdir(parents=True, exist_ok=True)
            state._take_lock()
            state._reconcile()
        except OSError as exc:
            state.close()
            raise state._error("cannot open the sync state", exc) from exc
        except BaseException:
            state.close()
            raise
        return state

    @property
    def count(self) -> int:
        """How many mails are on disk and done."""
        return len(self._done)

    def done(self, mail_id: MailId) -> bool:
        """Whether the mail is on disk already (and need not be fetched)."""
        _check_id(mail_id)
        return mail_id in self._done

    def path(self, mail_id: MailId) -> Path:
        """Where the mail's ``.eml`` file is (or will be)."""
        return self.directory / mail_file_name(mail_id)

    def write_mail(self, mail_id: MailId, data: Data) -> Path:
        """Stream the mail to its ``.eml`` file, then journal it; return the path.

        ``data`` is an iterable of bytes chunks (or bytes, or a binary file). Writing a done
        mail again replaces its file. If the caller's iterable raises, nothing is written and
        the exception propagates; a file system failure raises :class:`MailboxError`, and after
        a failed journal append the state is closed (open it again to go on).
        """
        target = self.path(mail_id)
        journal = self._open_journal()
        temp = write_temp(
            self.directory, data, lambda exc: self._error(f"cannot write mail {mail_id!r}", exc)
        )
        try:
            # no fsync of the folder here: if a power cut loses the rename, the journal line
            # that outlives it names a missing file, is dropped on open and the mail refetched
            os.replace(temp, target)
        except BaseException as exc:
            remove_quietly(temp)
            if isinstance(exc, OSError):
                what = f"cannot write mail {mail_id!r} to {target.name!r}"
                raise self._error(what, exc) from exc
            raise
        try:
            _append(journal, [mail_id])
        except BaseException as exc:
            # the line may be torn: only a reopen (which cuts it off) makes appending safe again
            self.close()
            if isinstance(exc, OSError):
                raise self._error(f"cannot journal mail {mail_id!r}", exc) from exc
            raise
        self._done.add(mail_id)
        return target

    def close(self) -> None:
        """Close the journal and release the lock; the files stay as they are."""
        for handle in (self._journal, self._lock):
            if handle is not None:
                handle.close()
        self._journal = self._lock = None

    def __enter__(self) -> SyncState:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return (
            f"SyncState({str(self.directory)!r}, account={self.account!r}, "
            f"folder={self.folder!r}, count={self.count})"
        )

    def _open_journal(self) -> IO[bytes]:
        if self._journal is None:
            raise MailboxError(
                f"account {self.account!r}, folder {self.folder!r}: the sync state is closed"
            )
        return self._journal

    def _error(self, what: str, exc: OSError) -> MailboxError:
        reason = exc.strerror or type(exc).__name__
        return MailboxError(
            f"account {self.account!r}, folder {self.folder!r}: {what} in "
            f"{str(self.directory)!r}: {reason}"
        )

    def _take_lock(self) -> None:
        self._lock = open(self.directory / LOCK_NAME, "ab")  # noqa: SIM115 (held until close)
        if fcntl is None:
            return
        try:
            fcntl.flock(self._lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise MailboxError(
                f"account {self.account!r}, folder {self.folder!r}: another sync is using "
                f"{str(self.directory)!r}"
            ) from None

    def _reconcile(self) -> None:
        present: set[MailId] = set()
        hashed: set[str] = set()
        for entry in os.scandir(self.directory):
            name = entry.name
            if not entry.is_file(follow_symlinks=False):
                continue
            if name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX):
                os.unlink(entry.path)
            elif _HASH_NAME.fullmatch(name):
                hashed.add(name)
            elif (mail_id := mail_id_from_file_name(name)) is not None:
                present.add(mail_id)
        journal_path = self.directory / JOURNAL_NAME
        if not journal_path.exists():
            self._create_journal(journal_path)
        for mail_id in self._read_journal(journal_path):
            name = mail_file_name(mail_id)
            if mail_id in present or name in hashed:
                self._done.add(mail_id)
                hashed.discard(name)
        for name in hashed:  # unjournalled, and its id cannot be read back from the name
            os.unlink(self.directory / name)
        adopted = [mail_id for mail_id in present if mail_id not in self._done]
        self._journal = open(journal_path, "ab", buffering=0)  # noqa: SIM115 (held until close)
        if adopted:
            _append(self._journal, adopted)
            self._done.update(adopted)

    def _create_journal(self, path: Path) -> None:
        header = {"superoffice_email_sync": _FORMAT, "account": self.account, "folder": self.folder}
        temp = write_temp(self.directory, (json.dumps(header) + "\n").encode(), _reraise)
        try:
            os.replace(temp, path)
        except BaseException:
            remove_quietly(temp)
            raise
        fsync_directory(self.directory)

    def _read_journal(self, path: Path) -> Iterable[MailId]:
        """The journalled ids; a torn last line (no newline) is cut off the file."""
        with open(path, "r+b") as journal:
            header = journal.readline()
            self._check_header(path, header)
            complete = journal.tell()
            number = 1
            for line in journal:
                number += 1
                if not line.endswith(b"\n"):
                    break
                yield _journal_id(path, number, line)
                complete += len(line)
            journal.truncate(complete)

    def _check_header(self, path: Path, line: bytes) -> None:
        try:
            header: Any = json.loads(line) if line.endswith(b"\n") else None
        except ValueError:
            header = None
        if not isinstance(header, dict) or header.get("superoffice_email_sync") != _FORMAT:
            raise MailboxError(f"{str(path)!r} is not a sync journal this library wrote")
        if (header.get("account"), header.get("folder")) != (self.account, self.folder):
            raise MailboxError(
                f"{str(self.directory)!r} holds account {header.get('account')!r}, folder "
                f"{header.get('folder')!r}, not account {self.account!r}, folder {self.folder!r}"
            )


def _reraise(exc: OSError) -> OSError:
    return exc  # open() turns it into a MailboxError naming the account and folder


def _journal_id(path: Path, number: int, line: bytes) -> MailId:
    try:
        record: Any = json.loads(line)
        mail_id = record["id"]
        _check_id(mail_id)
    except (ValueError, TypeError, KeyError, UsageError):
        # a crash tears only the last line; a bad line before it was damaged by something else
        raise MailboxError(f"{str(path)!r}, line {number}: not a journal entry") from None
    return mail_id  # type: ignore[no-any-return]


def _append(journal: IO[bytes], mail_ids: Iterable[MailId]) -> None:
    """Append one line per id in one write, and fsync: the line is the commit of each mail."""
    data = b"".join(json.dumps({"id": mail_id}).encode() + b"\n" for mail_id in mail_ids)
    view = memoryview(data)
    while view:
        view = view[journal.write(view) or 0 :]
    os.fsync(journal.fileno())
