"""safe_filename and save_attachment: hostile attachment names saved inside the directory.

Expected names are written out by hand from the rules in ``mailbox/_files.py``'s docstring
(Windows' naming rules: learn.microsoft.com, "Naming Files, Paths, and Namespaces").
"""

from __future__ import annotations

import io
import os
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from superoffice_email.errors import Error, MailboxError, UsageError
from superoffice_email.mailbox import safe_filename, save_attachment

HOSTILE = [
    # (what a sender wrote, the name it is saved under)
    ("../../etc/passwd", "_.._etc_passwd"),
    ("..\\..\\Windows\\win.ini", "_.._Windows_win.ini"),
    ("C:\\x", "C__x"),
    ("/etc/passwd", "_etc_passwd"),
    ("a/b", "a_b"),
    ("a\x00b.pdf", "a_b.pdf"),
    ("\x00", "_"),
    ("CON", "_CON"),
    ("con.txt", "_con.txt"),
    ("Nul.tar.gz", "_Nul.tar.gz"),
    ("CON .txt", "_CON .txt"),
    ("aux.", "_aux"),
    ("COM1", "_COM1"),
    ("lpt9.doc", "_lpt9.doc"),
    ("COM\u00b9.txt", "_COM\u00b9.txt"),
    ("conin$", "_conin$"),
    ("CONSOLE.txt", "CONSOLE.txt"),  # not a device: only the exact names are
    ("COM10", "COM10"),
    ('a<b>c:d"e|f?g*h', "a_b_c_d_e_f_g_h"),
    ("report.pdf. . ", "report.pdf"),
    ("  report.pdf", "report.pdf"),
    (".bashrc", "bashrc"),
    (".htaccess", "htaccess"),
    ("line\nbreak\r.txt", "line_break_.txt"),
    ("tab\there\x7f\x85.txt", "tab_here__.txt"),
    ("invoice\u202efdp.exe", "invoice_fdp.exe"),
    ("para\u2029graph", "para_graph"),
    ("lone\udc80surrogate", "lone_surrogate"),
    ("caf" + "e\u0301" + ".txt", "caf\u00e9.txt"),  # NFC
    ("stream.txt:secret", "stream.txt_secret"),
    ("Résumé 2024.pdf", "Résumé 2024.pdf"),
    ("日本語.txt", "日本語.txt"),
]

EMPTY = ["", ".", "..", "...", " ", " . ", "\u3000"]


@pytest.mark.parametrize(("name", "expected"), HOSTILE)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


@pytest.mark.parametrize("name", [*EMPTY, None])
def test_nothing_left_takes_the_fallback(name: str | None) -> None:
    assert safe_filename(name) == "attachment"
    assert safe_filename(name, fallback="mail.eml") == "mail.eml"


@pytest.mark.parametrize("fallback", ["", "..", "a/b", "CON", "x."])
def test_an_unsafe_fallback_is_refused(fallback: str) -> None:
    with pytest.raises(UsageError, match="fallback"):
        safe_filename("..", fallback=fallback)


def test_a_name_that_is_not_a_str_is_refused() -> None:
    with pytest.raises(UsageError, match="bytes"):
        safe_filename(b"a.txt")  # type: ignore[arg-type]


def test_length_is_capped_in_utf8_bytes_keeping_the_extension() -> None:
    assert safe_filename("x" * 300 + ".pdf") == "x" * 251 + ".pdf"
    # é is two bytes in UTF-8: 127 of them (254 bytes) fit, 128 do not
    assert safe_filename("e\u0301" * 200) == "\u00e9" * 127
    # an "extension" over 32 bytes is no extension: cut as a whole
    assert safe_filename("a." + "b" * 300) == "a." + "b" * 253
    # 4-byte characters are never split
    assert safe_filename("\U0001f600" * 70 + ".png") == "\U0001f600" * 62 + ".png"


def test_the_cut_keeps_a_combining_mark_with_its_base() -> None:
    # q + U+0301 has no composed form: 3 bytes a pair; the cut at 255 bytes falls between
    # the 85th q and its accent, so both go
    assert safe_filename("a" + "q\u0301" * 100) == "a" + "q\u0301" * 84


def test_the_cut_leaves_no_trailing_dot_or_space() -> None:
    assert safe_filename("x" * 254 + " .y" + "z" * 40) == "x" * 254


FORBIDDEN = set('/\\<>:"|?*')
DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{port}{digit}" for port in ("COM", "LPT") for digit in "0123456789¹²³"
}


@settings(max_examples=300)
@given(st.text(st.characters(codec=None), max_size=300) | st.sampled_from(EMPTY))
def test_any_name_becomes_a_safe_one(name: str) -> None:
    safe = safe_filename(name)
    assert safe and len(safe.encode("utf-8")) <= 255
    assert unicodedata.normalize("NFC", safe) == safe
    assert not FORBIDDEN & set(safe)
    assert all(unicodedata.category(c) not in {"Cc", "Cs", "Zl", "Zp"} for c in safe)
    assert safe[0] not in ". " and safe[-1] not in ". "
    assert safe.split(".")[0].rstrip(" ").upper() not in DEVICES
    assert safe_filename(safe) == safe
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory, safe)
        path.write_bytes(b"ok")
        assert os.listdir(directory) == [safe]


@pytest.fixture
def box(tmp_path: Path) -> Path:
    """The target directory, one level down, so that a write outside it would show."""
    directory = tmp_path / "box"
    directory.mkdir()
    return directory


def listing(directory: Path) -> list[str]:
    return sorted(os.listdir(directory))


@pytest.mark.parametrize(("name", "expected"), HOSTILE)
def test_hostile_names_are_saved_inside_the_directory(box: Path, name: str, expected: str) -> None:
    path = save_attachment(box, name, b"payload")
    assert path == box.resolve() / expected
    assert path.read_bytes() == b"payload"
    assert listing(box) == [expected]
    assert listing(box.parent) == ["box"]


def test_existing_files_are_never_replaced(box: Path) -> None:
    (box / "a.txt").write_bytes(b"mine")
    first = save_attachment(box, "a.txt", b"one")
    second = save_attachment(box, "a.txt", b"two")
    third = save_attachment(box, "A/B", b"three")
    fourth = save_attachment(box, "A_B", b"four")
    assert (first.name, second.name, third.name, fourth.name) == (
        "a (1).txt",
        "a (2).txt",
        "A_B",
        "A_B (1)",
    )
    assert (box / "a.txt").read_bytes() == b"mine"
    assert [first.read_bytes(), second.read_bytes()] == [b"one", b"two"]


def test_overwrite_replaces_the_file(box: Path) -> None:
    (box / "a.txt").write_bytes(b"old")
    assert save_attachment(box, "a.txt", b"new", overwrite=True) == box.resolve() / "a.txt"
    assert listing(box) == ["a.txt"]
    assert (box / "a.txt").read_bytes() == b"new"


def test_a_numbered_name_is_capped_too(box: Path) -> None:
    save_attachment(box, "x" * 300 + ".pdf", b"1")
    second = save_attachment(box, "x" * 300 + ".pdf", b"2")
    assert second.name == "x" * 247 + " (1).pdf"


def test_a_planted_symlink_is_neither_followed_nor_written_through(
    box: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"precious")
    (box / "evil.txt").symlink_to(outside)
    assert save_attachment(box, "evil.txt", b"x").name == "evil (1).txt"
    save_attachment(box, "evil.txt", b"y", overwrite=True)
    assert outside.read_bytes() == b"precious"
    assert not (box / "evil.txt").is_symlink()


def chunks(count: int, size: int) -> Iterator[bytes]:
    for index in range(count):
        yield bytes([index % 256]) * size


def test_content_as_chunks_or_a_binary_file(box: Path) -> None:
    expected = b"".join(chunks(5, 1000))
    assert save_attachment(box, "a", chunks(5, 1000)).read_bytes() == expected
    assert save_attachment(box, "b", io.BytesIO(expected)).read_bytes() == expected
    assert save_attachment(box, "c", [bytearray(b"ab"), memoryview(b"cd")]).read_bytes() == (
        b"abcd"
    )
    assert save_attachment(box, "empty", []).read_bytes() == b""


def test_a_failing_source_leaves_nothing_behind(box: Path) -> None:
    def broken() -> Iterator[bytes]:
        yield b"half"
        raise ConnectionResetError("the server went away")

    with pytest.raises(ConnectionResetError):
        save_attachment(box, "a.txt", broken())
    assert listing(box) == []


@pytest.mark.parametrize("data", ["text", ["text"], [b"ok", 3], io.StringIO("text"), 5])
def test_content_that_is_not_bytes_is_refused(box: Path, data: object) -> None:
    with pytest.raises(UsageError, match="bytes"):
        save_attachment(box, "a.txt", data)  # type: ignore[arg-type]
    assert listing(box) == []


def test_a_missing_directory_is_a_typed_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(MailboxError, match=r"'_CON'.*nowhere") as caught:
        save_attachment(tmp_path / "nowhere", "CON", b"x")
    assert isinstance(caught.value, Error)
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(MailboxError, match="not a directory"):
        save_attachment(tmp_path / "file", "a", b"x")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX, not root")
def test_an_unwritable_directory_is_a_typed_error(box: Path) -> None:
    box.chmod(0o500)
    try:
        with pytest.raises(MailboxError, match=r"cannot save '_.._x' in .*box.*Permission denied"):
            save_attachment(box, "../x", b"x")
    finally:
        box.chmod(0o700)


def test_concurrent_savers_never_clobber_each_other(box: Path) -> None:
    threads, each = 8, 10
    barrier = threading.Barrier(threads)
    saved: list[Path] = []
    lock = threading.Lock()

    def saver(number: int) -> None:
        barrier.wait()
        for round_ in range(each):
            content = f"{number}-{round_}".encode() * 1000
            path = save_attachment(box, "same.bin", chunks_of(content))
            with lock:
                saved.append(path)

    def chunks_of(content: bytes) -> Iterator[bytes]:
        yield content[:10]
        yield content[10:]

    workers = [threading.Thread(target=saver, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    names = {"same.bin"} | {f"same ({n}).bin" for n in range(1, threads * each)}
    assert listing(box) == sorted(names)
    assert sorted(path.name for path in saved) == sorted(names)
    contents = {path.read_bytes() for path in saved}
    assert contents == {f"{n}-{r}".encode() * 1000 for n in range(threads) for r in range(each)}


def test_a_failed_rename_is_a_typed_error_and_leaves_nothing_behind(
    box: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(MailboxError, match=r"cannot save '_CON' in .*box.*No space left"):
        save_attachment(box, "CON", b"x")
    assert listing(box) == []  # neither the temp file nor the claimed name


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_concurrent_processes_never_clobber_each_other(box: Path) -> None:
    processes, each = 4, 10
    children = []
    for number in range(processes):
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                for round_ in range(each):
                    save_attachment(box, "same.bin", f"{number}-{round_}".encode() * 5000)
                code = 0
            finally:
                os._exit(code)
        children.append(pid)
    for pid in children:
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    names = {"same.bin"} | {f"same ({n}).bin" for n in range(1, processes * each)}
    assert listing(box) == sorted(names)
    contents = {(box / name).read_bytes() for name in names}
    assert contents == {f"{n}-{r}".encode() * 5000 for n in range(processes) for r in range(each)}
