"""validate: SOAP's structure (the parser's own judgement), the version, then the schema.

Every envelope here is written by hand from SOAP 1.1/1.2 and the Services86/88 WSDLs; the
expectations are what those say (one Body, Header first, the service namespace), not what
the code produced.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

import superoffice_email as so
from superoffice_email.validate import MAX_PROBLEMS, check_envelope, validate_envelope

S11 = "http://schemas.xmlsoap.org/soap/envelope/"
S12 = "http://www.w3.org/2003/05/soap-envelope"
NS86 = "http://www.superoffice.net/ws/crm/NetServer/Services86"
ARR = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"

REFRESH = (
    '<RefreshFolder xmlns="{ns}"><ConnectionInfo><ServerName>imap</ServerName></ConnectionInfo>'
    '<Folders><string xmlns="' + ARR + '">INBOX</string>{items}</Folders></RefreshFolder>'
)


def refresh(ns: str = NS86, items: str = "") -> str:
    return REFRESH.format(ns=ns, items=items)


def envelope(inside: str, soap: str = S11, before: str = "") -> bytes:
    return (f'{before}<s:Envelope xmlns:s="{soap}">{inside}</s:Envelope>').encode()


GOOD = envelope(f"<s:Header/><s:Body>{refresh()}</s:Body>")

# (envelope, what the message must name)
BROKEN = {
    "no Body": (envelope(f"<s:Header>{refresh()}</s:Header>"), "the envelope has no Body"),
    "two Bodies": (
        envelope(f"<s:Body>{refresh()}</s:Body><s:Body>{refresh()}</s:Body>"),
        "two Body elements",
    ),
    "SOAP 1.2 Body in a 1.1 Envelope": (
        envelope(f'<b:Body xmlns:b="{S12}">{refresh()}</b:Body>'),
        "a SOAP 1.2 Body in a SOAP 1.1 Envelope",
    ),
    "Envelope nested in the Body": (
        envelope(f'<s:Body><s:Envelope><s:Body>{refresh()}</s:Body></s:Envelope></s:Body>'),
        "an Envelope nested in the Body",
    ),
    "foreign namespace": (
        envelope(f"<s:Body>{refresh(ns='urn:other')}</s:Body>"),
        "not a NetServer service namespace",
    ),
    "Header after Body": (
        envelope(f"<s:Body>{refresh()}</s:Body><s:Header/>"),
        "the Header comes after the Body",
    ),
    "empty Body": (envelope("<s:Body/>"), "the Body is empty"),
    "two operations": (
        envelope(f"<s:Body>{refresh()}{refresh()}</s:Body>"),
        "the Body holds 2 elements",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_structure_is_refused_by_validate_and_the_parser(case: str) -> None:
    data, expected = BROKEN[case]
    report = check_envelope(data, "Services86" if case == "foreign namespace" else None)
    assert not report.valid and any(expected in p.message for p in report.problems), report
    # one judgement: the parser refuses the same envelope
    with pytest.raises(so.ProtocolError):
        so.parse_request("Services86", data)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_cli_exits_non_zero_naming_the_problem(case: str, tmp_path: Path) -> None:
    data, expected = BROKEN[case]
    file = tmp_path / "envelope.xml"
    file.write_bytes(data)
    done = cli("validate", str(file))
    assert done.returncode == 1 and expected in done.stdout, done.stdout + done.stderr


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "superoffice_email", *args], capture_output=True, text=True
    )


def test_a_sound_envelope_is_valid_and_its_version_comes_from_the_namespace() -> None:
    report = check_envelope(GOOD)
    assert (report.valid, report.version, report.problems) == (True, "Services86", ())
    # a comment naming another version changes nothing
    commented = envelope(
        f"<!-- NetServer/Services88 --><s:Body>{refresh()}</s:Body>",
        before="<!-- http://www.superoffice.net/ws/crm/NetServer/Services88 -->",
    )
    assert check_envelope(commented).version == "Services86"


def test_an_envelope_of_another_version_does_not_pass(tmp_path: Path) -> None:
    report = check_envelope(GOOD, "Services73")
    assert not report.valid
    assert "RefreshFolder is of Services86, not Services73" in report.problems[0].message
    file = tmp_path / "e.xml"
    file.write_bytes(GOOD)
    done = cli("validate", str(file), "--version", "Services73")
    assert done.returncode == 1 and "not Services73" in done.stdout
    assert cli("validate", str(file)).returncode == 0


def test_a_header_of_another_version_is_a_problem() -> None:
    header = '<Credentials xmlns="http://www.superoffice.net/ws/crm/NetServer/Services88"/>'
    report = check_envelope(envelope(f"<s:Header>{header}</s:Header><s:Body>{refresh()}</s:Body>"))
    assert [p.message for p in report.problems] == [
        "Credentials is of Services88, not Services86 "
        "(http://www.superoffice.net/ws/crm/NetServer/Services86)"
    ]


def test_schema_problems_have_paths_and_lines() -> None:
    data = envelope(f"<s:Body>\n{refresh(items='<bogus/>')}</s:Body>")
    (problem,) = check_envelope(data).problems
    assert problem.path == "Envelope/Body/RefreshFolder/Folders/bogus"
    assert problem.line == 2


def test_a_fault_is_a_sound_envelope() -> None:
    fault = envelope(
        "<s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>no</faultstring>"
        "</s:Fault></s:Body>"
    )
    assert check_envelope(fault).valid


def many_invalid_items(count: int) -> bytes:
    bad = f'<string xmlns="{ARR}"><x/></string>' * count
    return envelope(f"<s:Body>{refresh(items=bad)}</s:Body>")


def test_problems_are_capped_and_counted(tmp_path: Path) -> None:
    report = check_envelope(many_invalid_items(3000))
    assert report.total == 3000 and len(report.problems) == MAX_PROBLEMS
    assert report.problems[0].path == "Envelope/Body/RefreshFolder/…/string"
    assert "Element content is not allowed" in report.problems[0].message
    assert len(validate_envelope("Services86", many_invalid_items(3000))) == MAX_PROBLEMS
    file = tmp_path / "e.xml"
    file.write_bytes(many_invalid_items(3000))
    done = cli("validate", str(file))
    assert done.returncode == 1 and "... and 2950 more problems" in done.stdout
    # a few problems in a large element still get their exact paths
    few = check_envelope(envelope(f"<s:Body>{refresh(items='<x/>' + '<string/>' * 3000)}</s:Body>"))
    assert [p.path for p in few.problems] == ["Envelope/Body/RefreshFolder/Folders/x"]


def seconds(data: bytes) -> float:
    start = time.perf_counter()
    check_envelope(data)
    return time.perf_counter() - start


def test_time_is_linear_in_the_number_of_invalid_elements() -> None:
    check_envelope(GOOD)  # the schema compiled
    small, large = many_invalid_items(10_000), many_invalid_items(40_000)
    ratio = min(seconds(large) for _ in range(2)) / min(seconds(small) for _ in range(2))
    assert ratio < 8, ratio  # quadratic would be 16; linear 4


def test_a_missing_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    done = cli("validate", str(tmp_path / "missing.xml"))
    # exit 2, as for every usage error of the command line (its --help lists the codes)
    assert done.returncode == 2 and "No such file" in done.stderr
    assert "Traceback" not in done.stderr
