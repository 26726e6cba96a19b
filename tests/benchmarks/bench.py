"""The opt-in performance benchmark: ours vs hand-written lxml vs zeep, one run, same inputs.

Run from the repository root::

    .venv/bin/python -m tests.benchmarks.bench           # the full run (a few minutes)
    .venv/bin/python -m tests.benchmarks.bench --quick   # small inputs, few repeats: a smoke run
    .venv/bin/python -m tests.benchmarks.bench --attachment-mb 100  # (d) with 100 MB

Cases: (a) build RefreshFolder (documented layout, and the SOAP 1.1 wire layout); (b) build
SendEMails with 20 emails of 3 recipients and a 100 KB attachment each; (c) parse and map a
WCF-style GetEMailEnvelopes response of 5,000 envelopes; (d) parse a GetEMailFromId response
with a 20 MB attachment (time and peak memory); (e) import times, in fresh interpreters.

Times are medians of repeated ``time.perf_counter`` runs, interleaved across the
implementations of a case (see :func:`compare`); each run makes enough calls to last
``MIN_RUN`` seconds, garbage collected before it and with GC enabled during it. Memory, each
in a fresh interpreter that has loaded its input and warmed up on a small one (the input
bytes are not counted): the ``tracemalloc`` peak of one call (Python allocations only) and
the growth of the process's peak RSS, VmHWM (which also sees libxml2's tree). For every MISS,
ours is profiled with cProfile. Nothing here is collected by pytest (no ``test_`` names);
``tests/test_benchmark_smoke.py`` checks that the functions agree on small inputs.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import cProfile
import dataclasses
import datetime
import enum
import gc
import json
import os
import platform
import pstats
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import attrs
import zeep
from lxml import etree

import superoffice_email as so
from superoffice_email._model import XmlFlags

from . import baselines

VERSION = "Services88"
TOKEN = "app-token-0123456789"
TICKET = "7T:dGlja2V0LXNlY3JldA=="
SENT = datetime.datetime(2024, 3, 25, 21, 36, 8, tzinfo=datetime.UTC)
MIN_RUN = 0.05
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Sizes:
    emails: int = 20
    recipients: int = 3
    attachment: int = 100 * 1024
    envelopes: int = 5000
    big: int = 20 * 1024 * 1024
    repeat: int = 15  # timed runs per measurement
    repeat_slow: int = 5  # for measurements of a second or more (zeep on 5,000 envelopes)
    imports: int = 15  # fresh interpreters per import measurement


FULL = Sizes()
QUICK = Sizes(
    emails=3,
    attachment=4 * 1024,
    envelopes=200,
    big=1024 * 1024,
    repeat=3,
    repeat_slow=1,
    imports=3,
)


# --- inputs -------------------------------------------------------------------------------


def models() -> Any:
    return so.models(VERSION)


def refresh_folder_params() -> Any:
    m = models()
    info = m.EMailConnectionInfo(
        server_name="imap.example.com",
        user_name="jane.doe@example.com",
        password="pa<ss>&word",
        folder="INBOX",
        use_ssl=True,
        use_graph_api=False,  # Services88 of 2026-07: the documented layout writes every field
    )
    return m.RefreshFolderRequest(connection_info=info, folders=["INBOX", "Sent Items", "Arkiv"])


def _address(m: Any, n: int) -> Any:
    return m.EMailAddress(
        contact_id=100 + n,
        contact_name=f"Firma {n} AS",
        person_id=200 + n,
        person_name=f"\u00c5se Nordmann {n}",
        associate_id=7,
        address=f"person{n}@example.com",
        email_id=300 + n,
        duplicate_person_ids=[n, n + 1],
        name=f"\u00c5se {n}",
    )


def send_emails_params(emails: int, recipients: int, attachment: int) -> Any:
    """SendEMails: ``emails`` EMailEntity, each to ``recipients`` and with one attachment."""
    m = models()
    rng = random.Random(88)
    info = m.EMailConnectionInfo(
        server_name="smtp.example.com", user_name="jane", password="secret", use_ssl=True
    )
    entities = []
    for i in range(emails):
        stream = rng.randbytes(attachment)
        entities.append(
            m.EMailEntity(
                to=[_address(m, i * 10 + r) for r in range(recipients)],
                subject=f"Quarterly report {i} & \u201cnumbers\u201d",
                html_body=f"<p>Hello {i},</p><p>see the attached report.</p>" * 20,
                from_=_address(m, 9999),
                sent=SENT,
                size=attachment + 4000,
                priority=m.EMailPriority.NORMAL,
                flags=m.EMailFlags.SEEN | m.EMailFlags.FLAGGED,
                message_id=f"<{i}.report@example.com>",
                plain_body=f"Hello {i},\n\nsee the attached report.\n" * 20,
                is_sent=False,
                server_id=0,
                attachments=[
                    m.EMailAttachment(
                        description="Report",
                        filename=f"report-{i}.pdf",
                        size=attachment,
                        type="application/pdf",
                        encoding="base64",
                        id=f"att-{i}",
                        disposition="attachment",
                        stream=stream,
                    )
                ],
                folder_name="Sent Items",
                email_item_id=0,
                account_id=3,
                has_calendar_data=False,
                cal_method=m.CalMethod.UNKNOWN,
                cal_reply_status=m.CalReplyStatus.UNKNOWN,
            )
        )
    return m.SendEMailsRequest(
        outgoing_connection_info=info, emails=entities, sent_items_connection_info=info
    )


def zeep_values(value: Any) -> Any:
    """One of our values in zeep's terms: dicts by element name, token lists for flags."""
    if attrs.has(type(value)):
        result: dict[str, Any] = {}
        for field in attrs.fields(type(value)):
            item = getattr(value, field.name)
            if item is None:
                continue
            xml = field.metadata["xml"]
            if isinstance(item, list):
                name = models().ARRAYS[xml.type].item.name
                result[xml.name] = {name: [zeep_values(v) for v in item]}
            else:
                result[xml.name] = zeep_values(item)
        return result
    if isinstance(value, XmlFlags):
        return flag_tokens(value).split()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def flag_tokens(value: XmlFlags) -> str:
    cls = type(value)
    return " ".join(t for m, t in zip(cls, cls.__xml_tokens__, strict=True) if m in value)


# WCF's DataContractSerializer answers in this form: SOAP 1.1 with prefix s, the response
# headers each declaring their own prefix h, a default namespace on the payload, i:nil,
# no xsi:type, every member written (nil when null), dates with 7 fraction digits or none.

_NS = baselines.NS
_I = baselines.XSI
_ARR = baselines.ARR
_DATES = (
    "2024-03-25T21:36:08.1234567Z",
    "2024-03-25T23:36:09+02:00",
    "2024-03-26T04:30:00-03:30",
    "0001-01-01T00:00:00",
)
_PRIORITIES = ("Normal", "High", "Low", "NoPriority")
_FLAGS = ("Seen", "Seen Flagged", "Seen Answered", "Recent")
_CARRIER = '<TableRight i:nil="true"/><FieldProperties i:nil="true"/>'


def _wcf_head(operation: str) -> str:
    return (
        f'<s:Envelope xmlns:s="{baselines.S11}"><s:Header>'
        f'<h:ExceptionInfo i:nil="true" xmlns:h="{_NS}" xmlns:i="{_I}"/>'
        f'<h:ExtraInfo i:nil="true" xmlns:h="{_NS}" xmlns:i="{_I}"/>'
        f'<h:Succeeded xmlns:h="{_NS}">true</h:Succeeded>'
        f'<h:TimeZone i:nil="true" xmlns:h="{_NS}" xmlns:i="{_I}"/>'
        f'</s:Header><s:Body><{operation}Response xmlns="{_NS}">'
        f'<Response xmlns:i="{_I}">'
    )


def _wcf_tail(operation: str) -> str:
    return f"</Response></{operation}Response></s:Body></s:Envelope>"


def _wcf_address(n: int) -> str:
    ids = "".join(f"<a:int>{k}</a:int>" for k in range(n % 3))
    contact = (
        '<ContactName i:nil="true"/>'
        if n % 5 == 0
        else f"<ContactName>Firma {n} &amp; Co</ContactName>"
    )
    return (
        f"{_CARRIER}<ContactId>{100 + n}</ContactId>{contact}"
        f"<PersonId>{200 + n}</PersonId><PersonName>\u00c5se Nordmann {n}</PersonName>"
        f"<AssociateId>7</AssociateId><Address>person{n}@example.com</Address>"
        f'<EmailId>{300 + n}</EmailId><DuplicatePersonIds xmlns:a="{_ARR}">{ids}'
        f"</DuplicatePersonIds><Name>\u00c5se {n}</Name>"
    )


def _wcf_so_info(i: int) -> str:
    if i % 2:
        return '<EMailSOInfo i:nil="true"/>'
    return (
        f"<EMailSOInfo>{_CARRIER}<DocumentId>{i}</DocumentId><AppointmentId>0</AppointmentId>"
        f"<ProjectId>0</ProjectId><SaleId>{i % 7}</SaleId><Archived>true</Archived>"
        f"<ArchivedAt>{_DATES[(i // 2) % 4]}</ArchivedAt><ArchivedBy>9</ArchivedBy>"
        f"<ArchivedDisplayName>Ola Nordmann</ArchivedDisplayName></EMailSOInfo>"
    )


def wcf_envelope(i: int) -> str:
    subject = escape(f'Re: Q{i % 4 + 1} results & "numbers" \u2713 {i}')
    return (
        f"<EMailEnvelope>{_CARRIER}<ServerId>{1000 + i}</ServerId>"
        f"<MessageId>&lt;{i}.4f2a@mail.example.com&gt;</MessageId><Subject>{subject}</Subject>"
        f"<From>{_wcf_address(i)}</From>"
        f"<To><EMailAddress>{_wcf_address(i + 1)}</EMailAddress>"
        f"<EMailAddress>{_wcf_address(i + 2)}</EMailAddress></To>"
        f"<Sent>{_DATES[i % 4]}</Sent><Priority>{_PRIORITIES[i % 4]}</Priority>"
        f"<Flags>{_FLAGS[i % 4]}</Flags><Size>{2048 + 7 * i}</Size>{_wcf_so_info(i)}"
        "</EMailEnvelope>"
    )


def wcf_envelopes_response(count: int) -> bytes:
    """A GetEMailEnvelopes response of ``count`` envelopes, as WCF writes it."""
    items = "".join(wcf_envelope(i) for i in range(count))
    operation = "GetEMailEnvelopes"
    return (_wcf_head(operation) + items + _wcf_tail(operation)).encode("utf-8")


def wcf_email_response(stream: bytes) -> bytes:
    """A GetEMailFromId response: one EMailEntity with one attachment holding ``stream``."""
    operation = "GetEMailFromId"
    head = (
        f"{_wcf_head(operation)}{_CARRIER}"
        f"<To><EMailAddress>{_wcf_address(1)}</EMailAddress></To><Cc/><Bcc/>"
        f"<Subject>Big file</Subject><HTMLBody>&lt;p&gt;Attached.&lt;/p&gt;</HTMLBody>"
        f"<From>{_wcf_address(2)}</From><Sent>{_DATES[0]}</Sent><Size>{len(stream)}</Size>"
        f"<Priority>Normal</Priority><Flags>Seen</Flags><MessageID>&lt;big@example.com&gt;"
        f"</MessageID><PlainBody>Attached.</PlainBody><IsSent>false</IsSent>"
        f'<EMailSOInfo i:nil="true"/><ServerId>42</ServerId><Attachments><EMailAttachment>'
        f"{_CARRIER}<Description>Big file</Description><Filename>big.bin</Filename>"
        f"<Size>{len(stream)}</Size><Type>application/octet-stream</Type>"
        f"<Encoding>base64</Encoding><Id>att-1</Id><Disposition>attachment</Disposition>"
        f"<Stream>"
    )
    tail = (
        "</Stream></EMailAttachment></Attachments>"
        '<CustomHeaderList i:nil="true"/><FolderName>INBOX</FolderName>'
        "<EmailItemId>0</EmailItemId><AccountId>3</AccountId>"
        f"<ReceivedAt>{_DATES[1]}</ReceivedAt>"
        '<InReplyTo i:nil="true"/><RepliedAt>0001-01-01T00:00:00</RepliedAt>'
        "<HasCalendarData>false</HasCalendarData><CalMethod>Unknown</CalMethod>"
        f"<CalReplyStatus>Unknown</CalReplyStatus>{_wcf_tail(operation)}"
    )
    return head.encode("utf-8") + base64.b64encode(stream) + tail.encode("utf-8")


def big_stream(size: int) -> bytes:
    return random.Random(20).randbytes(size)


# --- the functions measured -------------------------------------------------------------


def ours_documented_refresh_folder(params: Any) -> bytes:
    return so.build_request(
        VERSION, "RefreshFolder", params, application_token=TOKEN, ticket=TICKET
    )


def ours_wire(operation: str, params: Any) -> bytes:
    return so.build_request(
        VERSION,
        operation,
        params,
        application_token=TOKEN,
        ticket=TICKET,
        layout="wire",
        soap="1.1",
    )


def ours_envelopes(data: bytes) -> list[Any]:
    result = so.parse_response(VERSION, "GetEMailEnvelopes", data)
    value: list[Any] = result.value
    return value


def ours_stream(data: bytes) -> bytes:
    result = so.parse_response(VERSION, "GetEMailFromId", data)
    stream: bytes = result.value.attachments[0].stream
    return stream


ZEEP_HEADERS = {"ApplicationToken": TOKEN, "Credentials": {"Ticket": TICKET}}


def normalize(value: Any) -> Any:
    """Ours or the hand-written reader's values in one shape: dicts without None entries,
    enumerations as their tokens, datetimes as (wall clock, UTC offset)."""
    if attrs.has(type(value)):
        value = {f.name: getattr(value, f.name) for f in attrs.fields(type(value))}
    if isinstance(value, dict):
        return {k: normalize(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [normalize(v) for v in value]
    if isinstance(value, XmlFlags):
        return flag_tokens(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None), value.utcoffset()
    return value


# --- measuring ----------------------------------------------------------------------------


def _run(fn: Callable[[], object], number: int) -> float:
    gc.collect()
    start = time.perf_counter()
    for _ in range(number):
        fn()
    return time.perf_counter() - start


def compare(
    fns: dict[str, Callable[[], object]], repeat: int, slow: dict[str, int] | None = None
) -> dict[str, float]:
    """Seconds per call of each function: the median of its runs.

    One warm-up call each sets how many calls a run makes (at least ``MIN_RUN`` seconds);
    then the runs are interleaved, one of each function per round, so that a machine
    slowing down or speeding up mid-way hits all alike. ``slow`` caps some functions' runs.
    """
    numbers = {name: int(MIN_RUN / max(_run(fn, 1), 1e-9)) for name, fn in fns.items()}
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for round_ in range(repeat):
        for name, fn in fns.items():
            if round_ < (slow or {}).get(name, repeat):
                number = max(1, min(10_000, numbers[name]))
                samples[name].append(_run(fn, number) / number)
    return {name: statistics.median(values) for name, values in samples.items()}


def _peak_rss() -> int:
    """This process's peak RSS in bytes: VmHWM, which (unlike ``ru_maxrss``) does not start
    at the parent's size after fork and exec, and which ``_reset_peak_rss`` can lower."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    assert match is not None
    return int(match[1]) * 1024


def _reset_peak_rss() -> None:
    # "5" resets the peak RSS to the current RSS (Linux >= 4.0); harmless where refused
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


# the memory cases: name -> (input kind, {implementation: function of the input})
_MEMORY_CASES: dict[str, tuple[str, dict[str, Callable[[Any], object]]]] = {
    "b": (
        "send",
        {
            "ours": lambda p: ours_wire("SendEMails", p),
            "hand": lambda p: baselines.wire_send_emails(p, TOKEN, TICKET),
        },
    ),
    "c": (
        "envelopes",
        {
            "ours": ours_envelopes,
            "hand": baselines.read_envelopes,
            "zeep": lambda d: baselines.zeep_reply("GetEMailEnvelopes", d),
        },
    ),
    "d": ("email", {"ours": ours_stream, "hand": baselines.read_stream}),
}


def _child_inputs(kind: str, path: str, sizes: Sizes) -> tuple[Any, Any]:
    """(the input, a small input of the same kind for the warm-up)."""
    if kind == "send":
        small = send_emails_params(1, 1, 16)
        return send_emails_params(sizes.emails, sizes.recipients, sizes.attachment), small
    data = Path(path).read_bytes()
    if kind == "envelopes":
        return data, wcf_envelopes_response(3)
    return data, wcf_email_response(b"warm-up")


def memory_child(case: str, impl: str, mode: str, path: str, quick: bool) -> dict[str, float]:
    """One call's tracemalloc peak, or peak-RSS growth, in bytes (run in a fresh process)."""
    kind, functions = _MEMORY_CASES[case]
    fn = functions[impl]
    value, small = _child_inputs(kind, path, QUICK if quick else FULL)
    fn(small)  # imports, caches and plans are not what is measured
    gc.collect()
    if mode == "tracemalloc":
        tracemalloc.start()
        result = fn(value)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    else:
        _reset_peak_rss()
        before = _peak_rss()
        result = fn(value)
        peak = _peak_rss() - before
    del result
    return {"peak": float(peak)}


def measure_memory(case: str, impl: str, mode: str, path: str, quick: bool) -> float:
    command = [sys.executable, "-m", "tests.benchmarks.bench", "--child", case, impl, mode, path]
    if quick:
        command.append("--quick")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    peak: float = json.loads(done.stdout.strip().splitlines()[-1])["peak"]
    return peak


_IMPORT_SNIPPETS = {
    "import superoffice_email": "import superoffice_email",
    "import + models('Services88')": "import superoffice_email as so; so.models('Services88')",
    "import + first build_request (wire)": "import superoffice_email as so; so.build_request("
    "'Services88', 'RefreshFolder', layout='wire', soap='1.1')",
}


def _wall(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    return time.perf_counter() - start


def import_times(runs: int) -> dict[str, float]:
    """Seconds: each snippet's median wall time in fresh interpreters minus ``-c pass``'s."""
    samples: dict[str, list[float]] = {name: [] for name in ("pass", *_IMPORT_SNIPPETS)}
    for _ in range(runs):  # interleaved, so drift hits all alike
        samples["pass"].append(_wall("pass"))
        for name, code in _IMPORT_SNIPPETS.items():
            samples[name].append(_wall(code))
    base = statistics.median(samples["pass"])
    result = {name: statistics.median(samples[name]) - base for name in _IMPORT_SNIPPETS}
    result["pass"] = base
    return result


def importtime_report(runs: int) -> tuple[float, list[tuple[int, str]]]:
    """``-X importtime``: superoffice_email's cumulative seconds (median), and the slowest
    modules by self time in the last run (microseconds, name)."""
    cumulative: list[float] = []
    rows: list[tuple[int, str]] = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import superoffice_email"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        rows = []
        for line in done.stderr.splitlines():
            match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|\s*(\S+)", line)
            if match:
                rows.append((int(match[1]), match[3]))
                if match[3] == "superoffice_email":
                    cumulative.append(int(match[2]) / 1e6)
    return statistics.median(cumulative), sorted(rows, reverse=True)[:12]


# --- reporting ----------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    lxml_version = ".".join(map(str, etree.LXML_VERSION))
    libxml2 = ".".join(map(str, etree.LIBXML_VERSION))
    compiled = ".".join(map(str, etree.LIBXML_COMPILED_VERSION))
    return [
        f"CPU: {cpu}; cores: {os.cpu_count()} (usable: {usable})",
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}",
        f"lxml {lxml_version}, libxml2 {libxml2} (compiled against {compiled}), "
        f"zeep {zeep.__version__}",
    ]


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    value = seconds * 1000
    return f"{value:.3g} ms" if value < 1000 else f"{value:,.0f} ms"


def ratio(a: float | None, b: float | None) -> str:
    return "-" if a is None or b is None else f"{a / b:.2f}x"


def mib(value: float) -> str:
    return f"{value / 2**20:.1f} MiB"


def print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


@dataclass
class Times:
    case: str
    ours: float | None
    hand: float | None = None
    zeep: float | None = None
    note: str = ""

    def cells(self) -> tuple[str, ...]:
        return (
            self.case,
            ms(self.ours),
            ms(self.hand),
            ms(self.zeep),
            ratio(self.ours, self.hand),
            ratio(self.zeep, self.ours),
            self.note,
        )


TIME_HEADER = ("case", "ours", "hand-written", "zeep", "ours/hand", "zeep/ours", "note")


@dataclass
class Target:
    name: str
    value: float
    limit: float
    at_most: bool  # value <= limit passes; else value >= limit passes
    unit: str = "x"
    profile: Callable[[], object] | None = None  # ours, to profile on a MISS
    calls: int = 1  # calls per profile

    @property
    def passed(self) -> bool:
        return self.value <= self.limit if self.at_most else self.value >= self.limit

    def line(self) -> str:
        sign = "<=" if self.at_most else ">="
        verdict = "PASS" if self.passed else "MISS"
        target = f"target {sign} {self.limit:g}{self.unit}"
        return f"{verdict}  {self.name}: {self.value:.2f}{self.unit} ({target})"


def build_targets(case: str, t: Times, fn: Callable[[], object], calls: int) -> list[Target]:
    assert t.ours and t.hand and t.zeep
    return [
        Target(f"{case}: ours/hand-written", t.ours / t.hand, 1.3, True, profile=fn, calls=calls),
        Target(f"{case}: zeep/ours", t.zeep / t.ours, 5, False, profile=fn, calls=calls),
    ]


def profile(fn: Callable[[], object], calls: int, limit: int = 15) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        fn()
    profiler.disable()
    pstats.Stats(profiler).strip_dirs().sort_stats("tottime").print_stats(limit)


# --- the run ------------------------------------------------------------------------------


def check_equal(label: str, ours: Any, hand: Any) -> None:
    if ours != hand:
        raise SystemExit(f"{label}: the hand-written baseline does not match ours; no timing")


def _touch_every_element(data: bytes) -> int:
    """The floor of any reader that visits the lxml tree from Python: parse, then read each
    element's tag and text, nothing else."""
    count = 0
    for element in etree.fromstring(data, baselines._PARSER).iter():
        element.tag  # noqa: B018
        element.text  # noqa: B018
        count += 1
    return count


def run_builds(sizes: Sizes, times: list[Times], targets: list[Target]) -> bytes:
    """(a) and (b); returns (b)'s request, for the memory table."""
    params = refresh_folder_params()
    check_equal(
        "(a) documented",
        ours_documented_refresh_folder(params),
        baselines.documented_refresh_folder(params, TOKEN, TICKET),
    )
    check_equal(
        "(a) wire",
        ours_wire("RefreshFolder", params),
        baselines.wire_refresh_folder(params, TOKEN, TICKET),
    )
    zeep_refresh = zeep_values(params)
    a_doc = lambda: ours_documented_refresh_folder(params)  # noqa: E731
    a_wire = lambda: ours_wire("RefreshFolder", params)  # noqa: E731
    result = compare(
        {
            "doc": a_doc,
            "doc hand": lambda: baselines.documented_refresh_folder(params, TOKEN, TICKET),
            "wire": a_wire,
            "wire hand": lambda: baselines.wire_refresh_folder(params, TOKEN, TICKET),
            "zeep": lambda: baselines.zeep_build("RefreshFolder", zeep_refresh, ZEEP_HEADERS),
        },
        sizes.repeat,
    )
    doc = Times(
        "(a) RefreshFolder build, documented",
        result["doc"],
        result["doc hand"],
        result["zeep"],
        "SOAP 1.2; zeep column: create_message (SOAP 1.1 + WS-Addressing headers)",
    )
    wire = Times(
        "(a) RefreshFolder build, wire",
        result["wire"],
        result["wire hand"],
        result["zeep"],
        "SOAP 1.1",
    )
    times += [doc, wire]
    targets += build_targets("(a) documented", doc, a_doc, 300)
    targets += build_targets("(a) wire", wire, a_wire, 300)

    send = send_emails_params(sizes.emails, sizes.recipients, sizes.attachment)
    request = ours_wire("SendEMails", send)
    check_equal("(b)", request, baselines.wire_send_emails(send, TOKEN, TICKET))
    zeep_send = zeep_values(send)
    b_ours = lambda: ours_wire("SendEMails", send)  # noqa: E731
    result = compare(
        {
            "ours": b_ours,
            "hand": lambda: baselines.wire_send_emails(send, TOKEN, TICKET),
            "zeep": lambda: baselines.zeep_build("SendEMails", zeep_send, ZEEP_HEADERS),
        },
        sizes.repeat,
    )
    label = f"(b) SendEMails build, wire ({sizes.emails} emails)"
    b = Times(
        label, result["ours"], result["hand"], result["zeep"], f"SOAP 1.1; {mib(len(request))}"
    )
    times.append(b)
    targets.extend(build_targets("(b)", b, b_ours, 10))
    return request


def run_parses(sizes: Sizes, times: list[Times], targets: list[Target]) -> tuple[bytes, bytes]:
    """(c) and (d); returns their responses, for the memory table."""
    envelopes = wcf_envelopes_response(sizes.envelopes)
    check_equal(
        "(c)",
        normalize(ours_envelopes(envelopes)),
        normalize(baselines.read_envelopes(envelopes)[1]),
    )
    zeep_read = baselines.zeep_reply("GetEMailEnvelopes", envelopes).body.Response.EMailEnvelope
    if len(zeep_read) != sizes.envelopes:
        raise SystemExit(f"(c): zeep read {len(zeep_read)} envelopes, not {sizes.envelopes}")
    c_ours = lambda: ours_envelopes(envelopes)  # noqa: E731
    result = compare(
        {
            "ours": c_ours,
            "hand": lambda: baselines.read_envelopes(envelopes),
            "zeep": lambda: baselines.zeep_reply("GetEMailEnvelopes", envelopes),
            "floor": lambda: _touch_every_element(envelopes),
        },
        sizes.repeat,
        slow={"zeep": sizes.repeat_slow},
    )
    c = Times(
        f"(c) GetEMailEnvelopes parse+map ({sizes.envelopes:,})",
        result["ours"],
        result["hand"],
        result["zeep"],
        f"{mib(len(envelopes))} WCF-style, from bench.wcf_envelopes_response",
    )
    times.append(c)
    count = _touch_every_element(envelopes)
    times.append(
        Times(
            "(c) floor: fromstring + tag/text of every element",
            None,
            result["floor"],
            note=f"{count:,} elements; not a target: any lxml-tree reader's minimum",
        )
    )
    assert c.ours and c.hand and c.zeep
    targets.append(Target("(c): ours/hand-written", c.ours / c.hand, 2, True, profile=c_ours))
    targets.append(Target("(c): zeep/ours", c.zeep / c.ours, 10, False, profile=c_ours))

    stream = big_stream(sizes.big)
    email = wcf_email_response(stream)
    check_equal("(d)", ours_stream(email), stream)
    check_equal("(d)", baselines.read_stream(email), stream)
    del stream
    d_ours = lambda: ours_stream(email)  # noqa: E731
    result = compare({"ours": d_ours, "hand": lambda: baselines.read_stream(email)}, sizes.repeat)
    d = Times(
        f"(d) GetEMailFromId parse ({mib(sizes.big)} attachment)",
        result["ours"],
        result["hand"],
        note=f"response {mib(len(email))}; hand-written: fromstring(huge_tree) + a2b_base64",
    )
    times.append(d)
    assert d.ours and d.hand
    targets.append(
        Target("(d): time ours/(fromstring + base64)", d.ours / d.hand, 2, True, profile=d_ours)
    )
    return envelopes, email


def run_memory(
    quick: bool, sizes: dict[str, int], inputs: dict[str, bytes], targets: list[Target]
) -> None:
    rows: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory() as folder:
        for case, (_, functions) in _MEMORY_CASES.items():
            path = str(Path(folder) / f"{case}.xml")
            if case in inputs:
                Path(path).write_bytes(inputs[case])
            for impl in functions:
                peak = measure_memory(case, impl, "tracemalloc", path, quick)
                rss = measure_memory(case, impl, "rss", path, quick)
                size = sizes[case]
                rows.append(
                    (
                        f"({case})",
                        impl,
                        mib(size),
                        mib(peak),
                        f"{peak / size:.2f}x",
                        mib(rss),
                        f"{rss / size:.2f}x",
                    )
                )
                if case == "d" and impl == "ours":
                    targets.append(
                        Target("(d): ours, tracemalloc peak / response size", peak / size, 3, True)
                    )
                    targets.append(
                        Target("(d): ours, peak RSS growth / response size", rss / size, 3, True)
                    )
    print_table(
        (
            "case",
            "impl",
            "message",
            "tracemalloc peak",
            "x message",
            "peak RSS growth",
            "x message",
        ),
        rows,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.bench")
    parser.add_argument("--quick", action="store_true", help="small inputs, few repeats")
    parser.add_argument("--no-profile", action="store_true", help="do not profile the misses")
    parser.add_argument(
        "--attachment-mb",
        type=int,
        metavar="MB",
        help="(d)'s attachment in MiB (default 20; 100 for the hardening target)",
    )
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        case, impl, mode, path = args.child
        print(json.dumps(memory_child(case, impl, mode, path, quick=args.quick)))
        return 0
    sizes = QUICK if args.quick else FULL
    if args.attachment_mb:
        sizes = dataclasses.replace(sizes, big=args.attachment_mb << 20)
    print(
        "superoffice_email benchmark"
        + (" --quick: small inputs, NOT the targets' sizes" if args.quick else "")
    )
    for line in machine():
        print("  " + line)
    print(
        f"  medians of {sizes.repeat} interleaved runs (zeep on (c): {sizes.repeat_slow}); GC on\n"
    )

    times: list[Times] = []
    targets: list[Target] = []
    request = run_builds(sizes, times, targets)
    envelopes, email = run_parses(sizes, times, targets)
    imports = import_times(sizes.imports)
    cumulative, slowest = importtime_report(sizes.imports)
    for name in _IMPORT_SNIPPETS:
        note = ""
        if name == "import superoffice_email":
            note = (
                f"-X importtime: {ms(cumulative)}; `python -c pass` itself: {ms(imports['pass'])}"
            )
        times.append(Times(f"(e) {name}", imports[name], note=note))

    print_table(TIME_HEADER, [t.cells() for t in times])
    print("\nmemory of one call, each in a fresh interpreter (input bytes not counted):")
    sizes_by_case = {"b": len(request), "c": len(envelopes), "d": len(email)}
    run_memory(args.quick, sizes_by_case, {"c": envelopes, "d": email}, targets)
    targets.append(
        Target(
            "(e) import superoffice_email",
            imports["import superoffice_email"] * 1000,
            150,
            True,
            " ms",
        )
    )
    print()
    for target in targets:
        print(target.line())
    print("\nslowest modules under `import superoffice_email` (-X importtime, self time):")
    for micros, name in slowest:
        print(f"  {micros / 1000:8.2f} ms  {name}")

    if args.no_profile:
        return 0
    profiled: set[int] = set()
    for target in targets:
        if target.passed or target.profile is None or id(target.profile) in profiled:
            continue
        profiled.add(id(target.profile))
        print(f"\n=== cProfile of ours, by own time, {target.calls} call(s), for: {target.name}")
        profile(target.profile, target.calls)
    return 0


if __name__ == "__main__":
    sys.exit(main())
