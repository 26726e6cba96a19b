"""The benchmark's inputs (requests as attrs values, WCF-style responses), the functions
of ours it times, and the one shape values are compared in."""

from __future__ import annotations

import base64
import datetime
import enum
import random
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

import attrs

import superoffice_email as so
from superoffice_email._model import XmlFlags

from . import baselines

VERSION = "Services88"
TOKEN = "app-token-0123456789"
TICKET = "7T:dGlja2V0LXNlY3JldA=="
SENT = datetime.datetime(2024, 3, 25, 21, 36, 8, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Sizes:
    emails: int = 20
    recipients: int = 3
    attachment: int = 100 * 1024
    envelopes: int = 5000
    big: int = 20 * 1024 * 1024
    repeat: int = 15  # timed runs per measurement
    # rounds of (c), where zeep and xsdata take seconds a call: every function of it runs in
    # each, so that its ratios compare the same minutes of a machine whose speed drifts
    repeat_slow: int = 9
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
                received_at=SENT,
                replied_at=SENT,
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


def wcf_email_parts(size: int) -> tuple[bytes, bytes]:
    """A GetEMailFromId response around one attachment of ``size`` bytes: what comes before
    its base64 text and what comes after (case (f) writes the text between, in chunks)."""
    operation = "GetEMailFromId"
    head = (
        f"{_wcf_head(operation)}{_CARRIER}"
        f"<To><EMailAddress>{_wcf_address(1)}</EMailAddress></To><Cc/><Bcc/>"
        f"<Subject>Big file</Subject><HTMLBody>&lt;p&gt;Attached.&lt;/p&gt;</HTMLBody>"
        f"<From>{_wcf_address(2)}</From><Sent>{_DATES[0]}</Sent><Size>{size}</Size>"
        f"<Priority>Normal</Priority><Flags>Seen</Flags><MessageID>&lt;big@example.com&gt;"
        f"</MessageID><PlainBody>Attached.</PlainBody><IsSent>false</IsSent>"
        f'<EMailSOInfo i:nil="true"/><ServerId>42</ServerId><Attachments><EMailAttachment>'
        f"{_CARRIER}<Description>Big file</Description><Filename>big.bin</Filename>"
        f"<Size>{size}</Size><Type>application/octet-stream</Type>"
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
    return head.encode("utf-8"), tail.encode("utf-8")


def wcf_email_response(stream: bytes) -> bytes:
    """A GetEMailFromId response: one EMailEntity with one attachment holding ``stream``."""
    head, tail = wcf_email_parts(len(stream))
    return head + base64.b64encode(stream) + tail


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
