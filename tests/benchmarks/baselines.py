"""The benchmark's baselines: what a person would write by hand with lxml, and zeep.

The hand-written builders take the same attrs request objects as ``build_request`` and write
the same bytes (``bench`` and ``test_benchmark_smoke`` check that), with explicit
``SubElement`` calls, literal namespaces and tags, and no schema: the floor a schema-driven
writer is measured against. The hand-written readers turn the WCF-style responses into plain
Python values (dicts, lists, ints, bools, datetimes, enumerations as their strings).

zeep reads the live Services88 WSDL offline (``tests.zeep_support``): ``create_message`` for
the builds, ``SoapBinding.process_reply`` for replies: what ``client.service.Op(...)`` runs on
the HTTP response (parse, fault check, ``operation.process_reply`` -> ``output.deserialize``).
"""

from __future__ import annotations

import base64
import binascii
import datetime
from collections.abc import Callable
from typing import Any

from lxml import etree
from lxml.etree import SubElement

from ..zeep_support import client as zeep_client

S11 = "http://schemas.xmlsoap.org/soap/envelope/"
S12 = "http://www.w3.org/2003/05/soap-envelope"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS = "http://www.superoffice.net/ws/crm/NetServer/Services88"
ARR = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"

XSI_TYPE = f"{{{XSI}}}type"
XSI_NIL = f"{{{XSI}}}nil"


def _nsmap(envelope: str, encoding: str) -> dict[str, str]:
    return {
        "SOAP-ENV": envelope,
        "SOAP-ENC": encoding,
        "xsi": XSI,
        "xsd": "http://www.w3.org/2001/XMLSchema",
        "NetServerServices882": ARR,
        "NetServerServices881": "http://schemas.microsoft.com/2003/10/Serialization/",
        "EMail": NS,
    }


NSMAP11 = _nsmap(S11, "http://schemas.xmlsoap.org/soap/encoding/")
NSMAP12 = _nsmap(S12, "http://www.w3.org/2003/05/soap-encoding")


class T:
    """Clark tags, written out once."""

    ENVELOPE11, HEADER11, BODY11 = f"{{{S11}}}Envelope", f"{{{S11}}}Header", f"{{{S11}}}Body"
    ENVELOPE12, BODY12 = f"{{{S12}}}Envelope", f"{{{S12}}}Body"
    APPLICATION_TOKEN = f"{{{NS}}}ApplicationToken"
    CREDENTIALS = f"{{{NS}}}Credentials"
    TICKET = f"{{{NS}}}Ticket"
    REFRESH_FOLDER = f"{{{NS}}}RefreshFolder"
    SEND_EMAILS = f"{{{NS}}}SendEMails"
    CONNECTION_INFO = f"{{{NS}}}ConnectionInfo"
    OUTGOING_CONNECTION_INFO = f"{{{NS}}}OutgoingConnectionInfo"
    SENT_ITEMS_CONNECTION_INFO = f"{{{NS}}}SentItemsConnectionInfo"
    SERVER_NAME = f"{{{NS}}}ServerName"
    USER_NAME = f"{{{NS}}}UserName"
    PASSWORD = f"{{{NS}}}Password"
    FOLDER = f"{{{NS}}}Folder"
    USE_SSL = f"{{{NS}}}UseSSL"
    USE_GRAPH_API = f"{{{NS}}}UseGraphApi"  # Services88 of 2026-07
    FOLDERS = f"{{{NS}}}Folders"
    STRING = f"{{{ARR}}}string"
    INT = f"{{{ARR}}}int"
    EMAILS = f"{{{NS}}}Emails"
    EMAIL_ENTITY = f"{{{NS}}}EMailEntity"
    TO, CC, BCC = f"{{{NS}}}To", f"{{{NS}}}Cc", f"{{{NS}}}Bcc"
    SUBJECT = f"{{{NS}}}Subject"
    HTML_BODY = f"{{{NS}}}HTMLBody"
    FROM = f"{{{NS}}}From"
    SENT = f"{{{NS}}}Sent"
    SIZE = f"{{{NS}}}Size"
    PRIORITY = f"{{{NS}}}Priority"
    FLAGS = f"{{{NS}}}Flags"
    MESSAGE_ID_ENTITY = f"{{{NS}}}MessageID"
    PLAIN_BODY = f"{{{NS}}}PlainBody"
    IS_SENT = f"{{{NS}}}IsSent"
    SERVER_ID = f"{{{NS}}}ServerId"
    ATTACHMENTS = f"{{{NS}}}Attachments"
    EMAIL_ATTACHMENT = f"{{{NS}}}EMailAttachment"
    CUSTOM_HEADER_LIST = f"{{{NS}}}CustomHeaderList"
    EMAIL_CUSTOM_HEADER = f"{{{NS}}}EMailCustomHeader"
    VALUES = f"{{{NS}}}Values"
    FOLDER_NAME = f"{{{NS}}}FolderName"
    EMAIL_ITEM_ID = f"{{{NS}}}EmailItemId"
    ACCOUNT_ID = f"{{{NS}}}AccountId"
    RECEIVED_AT = f"{{{NS}}}ReceivedAt"
    REPLIED_AT = f"{{{NS}}}RepliedAt"
    HAS_CALENDAR_DATA = f"{{{NS}}}HasCalendarData"
    CAL_METHOD = f"{{{NS}}}CalMethod"
    CAL_REPLY_STATUS = f"{{{NS}}}CalReplyStatus"
    EMAIL_ADDRESS = f"{{{NS}}}EMailAddress"
    CONTACT_ID = f"{{{NS}}}ContactId"
    CONTACT_NAME = f"{{{NS}}}ContactName"
    PERSON_ID = f"{{{NS}}}PersonId"
    PERSON_NAME = f"{{{NS}}}PersonName"
    ASSOCIATE_ID = f"{{{NS}}}AssociateId"
    ADDRESS = f"{{{NS}}}Address"
    EMAIL_ID = f"{{{NS}}}EmailId"
    DUPLICATE_PERSON_IDS = f"{{{NS}}}DuplicatePersonIds"
    NAME = f"{{{NS}}}Name"
    DESCRIPTION = f"{{{NS}}}Description"
    FILENAME = f"{{{NS}}}Filename"
    TYPE = f"{{{NS}}}Type"
    ENCODING = f"{{{NS}}}Encoding"
    ID = f"{{{NS}}}Id"
    DISPOSITION = f"{{{NS}}}Disposition"
    IS_SAFE_FILE_EXTENSION = f"{{{NS}}}IsSafeFileExtension"
    STREAM = f"{{{NS}}}Stream"
    SUCCEEDED = f"{{{NS}}}Succeeded"
    RESPONSE = f"{{{NS}}}Response"
    EMAIL_ENVELOPE = f"{{{NS}}}EMailEnvelope"
    MESSAGE_ID = f"{{{NS}}}MessageId"
    EMAIL_SO_INFO = f"{{{NS}}}EMailSOInfo"
    DOCUMENT_ID = f"{{{NS}}}DocumentId"
    APPOINTMENT_ID = f"{{{NS}}}AppointmentId"
    PROJECT_ID = f"{{{NS}}}ProjectId"
    SALE_ID = f"{{{NS}}}SaleId"
    ARCHIVED = f"{{{NS}}}Archived"
    ARCHIVED_AT = f"{{{NS}}}ArchivedAt"
    ARCHIVED_BY = f"{{{NS}}}ArchivedBy"
    ARCHIVED_DISPLAY_NAME = f"{{{NS}}}ArchivedDisplayName"
    TABLE_RIGHT = f"{{{NS}}}TableRight"
    FIELD_PROPERTIES = f"{{{NS}}}FieldProperties"


# --- hand-written builders ----------------------------------------------------------------

_XML_DECLARATION_WIRE = b'<?xml version="1.0" encoding="utf-8"?>\n'
_XML_DECLARATION_DOCUMENTED = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def _documented_leaf(
    parent: etree._Element, tag: str, xsi_type: str, text: str, tail: str
) -> etree._Element:
    element = SubElement(parent, tag, {XSI_TYPE: xsi_type})
    element.text = text
    element.tail = tail
    return element


def documented_refresh_folder(params: Any, token: str, ticket: str) -> bytes:
    """RefreshFolder in the documented layout (SOAP 1.2, headers in the Envelope, xsi:type).

    Every value must be set: the documented form of ``None`` (``xsi:nil``) is not written here.
    """
    root = etree.Element(T.ENVELOPE12, nsmap=NSMAP12)
    root.text = "\n  "
    element = SubElement(root, T.APPLICATION_TOKEN)
    element.text = token
    element.tail = "\n  "
    credentials = SubElement(root, T.CREDENTIALS)
    credentials.text = "\n    "
    credentials.tail = "\n "
    element = SubElement(credentials, T.TICKET)
    element.text = ticket
    element.tail = "\n  "
    body = SubElement(root, T.BODY12)
    body.text = "\n   "
    body.tail = "\n"
    wrapper = SubElement(body, T.REFRESH_FOLDER)
    wrapper.text = "\n    "
    wrapper.tail = "\n\n "

    info = params.connection_info
    parent = SubElement(wrapper, T.CONNECTION_INFO, {XSI_TYPE: "EMail:EMailConnectionInfo"})
    parent.text = "\n     "
    parent.tail = "\n    "
    _documented_leaf(parent, T.SERVER_NAME, "xsd:string", info.server_name, "\n     ")
    _documented_leaf(parent, T.USER_NAME, "xsd:string", info.user_name, "\n     ")
    _documented_leaf(parent, T.PASSWORD, "xsd:string", info.password, "\n     ")
    _documented_leaf(parent, T.FOLDER, "xsd:string", info.folder, "\n     ")
    use_ssl = "true" if info.use_ssl else "false"
    graph = getattr(info, "use_graph_api", None)  # the 2026-07 field, where it is set
    _documented_leaf(parent, T.USE_SSL, "xsd:boolean", use_ssl, "\n    ")
    if graph is not None:
        parent[-1].tail = "\n     "
        _documented_leaf(parent, T.USE_GRAPH_API, "xsd:boolean", str(graph).lower(), "\n    ")

    folders = SubElement(wrapper, T.FOLDERS, {XSI_TYPE: "NetServerServices882:ArrayOfstring"})
    folders.text = "\n     "
    folders.tail = "\n   "
    last = None
    for name in params.folders:
        last = _documented_leaf(folders, T.STRING, "xsd:string", name, "\n     ")
    if last is None:
        folders.text = "\n    "
    else:
        last.tail = "\n    "

    data = etree.tostring(root, encoding="utf-8")
    # one namespace declaration a line in the Envelope's start tag
    end = data.index(b">")
    start = data[:end].replace(b" xmlns:", b"\n xmlns:")
    return _XML_DECLARATION_DOCUMENTED + start + data[end:] + b"\n"


def _wire_envelope(token: str, ticket: str) -> tuple[etree._Element, etree._Element]:
    root = etree.Element(T.ENVELOPE11, nsmap=NSMAP11)
    header = SubElement(root, T.HEADER11)
    SubElement(header, T.APPLICATION_TOKEN).text = token
    SubElement(SubElement(header, T.CREDENTIALS), T.TICKET).text = ticket
    return root, SubElement(root, T.BODY11)


def _wire_bytes(root: etree._Element) -> bytes:
    return _XML_DECLARATION_WIRE + etree.tostring(root, encoding="utf-8")


# leaves that skip None, as the wire layout does for optional elements


def _text(parent: etree._Element, tag: str, value: str | None) -> None:
    if value is not None:
        SubElement(parent, tag).text = value


def _int(parent: etree._Element, tag: str, value: int | None) -> None:
    if value is not None:
        SubElement(parent, tag).text = str(value)


def _bool(parent: etree._Element, tag: str, value: bool | None) -> None:
    if value is not None:
        SubElement(parent, tag).text = "true" if value else "false"


def _datetime(parent: etree._Element, tag: str, value: datetime.datetime | None) -> None:
    # the benchmark's dates are whole seconds in UTC
    if value is not None:
        SubElement(parent, tag).text = f"{value:%Y-%m-%dT%H:%M:%S}Z"


def _enum(parent: etree._Element, tag: str, value: Any) -> None:
    if value is not None:
        SubElement(parent, tag).text = value.value


_FLAG_TOKENS = (
    (1, "Seen"),
    (2, "Deleted"),
    (4, "Recent"),
    (8, "Flagged"),
    (16, "Draft"),
    (32, "Answered"),
)


def _flags(parent: etree._Element, tag: str, value: Any) -> None:
    if value is not None:
        bits = value.value
        SubElement(parent, tag).text = " ".join(t for bit, t in _FLAG_TOKENS if bits & bit)


def _connection_info(parent: etree._Element, tag: str, info: Any) -> None:
    if info is None:
        return
    element = SubElement(parent, tag)
    _text(element, T.SERVER_NAME, info.server_name)
    _text(element, T.USER_NAME, info.user_name)
    _text(element, T.PASSWORD, info.password)
    _text(element, T.FOLDER, info.folder)
    _bool(element, T.USE_SSL, info.use_ssl)
    _bool(element, T.USE_GRAPH_API, getattr(info, "use_graph_api", None))


def _strings(parent: etree._Element, tag: str, values: list[str | None] | None) -> None:
    if values is None:
        return
    element = SubElement(parent, tag)
    for value in values:
        if value is None:
            SubElement(element, T.STRING, {XSI_NIL: "true"})
        else:
            SubElement(element, T.STRING).text = value


def wire_refresh_folder(params: Any, token: str, ticket: str) -> bytes:
    """RefreshFolder as sent: SOAP 1.1, headers in SOAP-ENV:Header, no whitespace."""
    root, body = _wire_envelope(token, ticket)
    wrapper = SubElement(body, T.REFRESH_FOLDER)
    _connection_info(wrapper, T.CONNECTION_INFO, params.connection_info)
    _strings(wrapper, T.FOLDERS, params.folders)
    return _wire_bytes(root)


def _address(parent: etree._Element, tag: str, address: Any) -> None:
    if address is None:
        SubElement(parent, tag, {XSI_NIL: "true"})
        return
    element = SubElement(parent, tag)
    _int(element, T.CONTACT_ID, address.contact_id)
    _text(element, T.CONTACT_NAME, address.contact_name)
    _int(element, T.PERSON_ID, address.person_id)
    _text(element, T.PERSON_NAME, address.person_name)
    _int(element, T.ASSOCIATE_ID, address.associate_id)
    _text(element, T.ADDRESS, address.address)
    _int(element, T.EMAIL_ID, address.email_id)
    if address.duplicate_person_ids is not None:
        ids = SubElement(element, T.DUPLICATE_PERSON_IDS)
        for person_id in address.duplicate_person_ids:
            SubElement(ids, T.INT).text = str(person_id)
    _text(element, T.NAME, address.name)


def _addresses(parent: etree._Element, tag: str, addresses: list[Any] | None) -> None:
    if addresses is None:
        return
    element = SubElement(parent, tag)
    for address in addresses:
        _address(element, T.EMAIL_ADDRESS, address)


def _attachment(parent: etree._Element, attachment: Any) -> None:
    if attachment is None:
        SubElement(parent, T.EMAIL_ATTACHMENT, {XSI_NIL: "true"})
        return
    element = SubElement(parent, T.EMAIL_ATTACHMENT)
    _text(element, T.DESCRIPTION, attachment.description)
    _text(element, T.FILENAME, attachment.filename)
    _int(element, T.SIZE, attachment.size)
    _text(element, T.TYPE, attachment.type)
    _text(element, T.ENCODING, attachment.encoding)
    _text(element, T.ID, attachment.id)
    _text(element, T.DISPOSITION, attachment.disposition)
    _bool(element, T.IS_SAFE_FILE_EXTENSION, attachment.is_safe_file_extension)
    if attachment.stream is not None:
        SubElement(element, T.STREAM).text = base64.b64encode(attachment.stream).decode("ascii")


def _custom_header(parent: etree._Element, header: Any) -> None:
    element = SubElement(parent, T.EMAIL_CUSTOM_HEADER)
    _text(element, T.NAME, header.name)
    _strings(element, T.VALUES, header.values)


def _email_entity(parent: etree._Element, email: Any) -> None:
    """The EMailEntity fields the benchmark sets (not EMailSOInfo, InReplyTo, Carrier's)."""
    element = SubElement(parent, T.EMAIL_ENTITY)
    _addresses(element, T.TO, email.to)
    _addresses(element, T.CC, email.cc)
    _addresses(element, T.BCC, email.bcc)
    _text(element, T.SUBJECT, email.subject)
    _text(element, T.HTML_BODY, email.html_body)
    if email.from_ is not None:
        _address(element, T.FROM, email.from_)
    _datetime(element, T.SENT, email.sent)
    _int(element, T.SIZE, email.size)
    _enum(element, T.PRIORITY, email.priority)
    _flags(element, T.FLAGS, email.flags)
    _text(element, T.MESSAGE_ID_ENTITY, email.message_id)
    _text(element, T.PLAIN_BODY, email.plain_body)
    _bool(element, T.IS_SENT, email.is_sent)
    _int(element, T.SERVER_ID, email.server_id)
    if email.attachments is not None:
        attachments = SubElement(element, T.ATTACHMENTS)
        for attachment in email.attachments:
            _attachment(attachments, attachment)
    if email.custom_header_list is not None:
        headers = SubElement(element, T.CUSTOM_HEADER_LIST)
        for header in email.custom_header_list:
            _custom_header(headers, header)
    _text(element, T.FOLDER_NAME, email.folder_name)
    _int(element, T.EMAIL_ITEM_ID, email.email_item_id)
    _int(element, T.ACCOUNT_ID, email.account_id)
    _datetime(element, T.RECEIVED_AT, email.received_at)
    _datetime(element, T.REPLIED_AT, email.replied_at)
    _bool(element, T.HAS_CALENDAR_DATA, email.has_calendar_data)
    _enum(element, T.CAL_METHOD, email.cal_method)
    _enum(element, T.CAL_REPLY_STATUS, email.cal_reply_status)


def wire_send_emails(params: Any, token: str, ticket: str) -> bytes:
    """SendEMails as sent (SOAP 1.1 wire layout)."""
    root, body = _wire_envelope(token, ticket)
    wrapper = SubElement(body, T.SEND_EMAILS)
    _connection_info(wrapper, T.OUTGOING_CONNECTION_INFO, params.outgoing_connection_info)
    if params.emails is not None:
        emails = SubElement(wrapper, T.EMAILS)
        for email in params.emails:
            _email_entity(emails, email)
    _connection_info(wrapper, T.SENT_ITEMS_CONNECTION_INFO, params.sent_items_connection_info)
    return _wire_bytes(root)


# --- hand-written readers -----------------------------------------------------------------

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)

Convert = Callable[[etree._Element], Any]


def _read_text(element: etree._Element) -> str:
    return element.text or ""


def _read_int(element: etree._Element) -> int:
    return int(element.text or "")


def _read_bool(element: etree._Element) -> bool:
    return element.text == "true"


def _read_datetime(element: etree._Element) -> datetime.datetime:
    # .NET's 7 fraction digits: fromisoformat keeps 6, as the library does
    return datetime.datetime.fromisoformat(element.text or "")


def _read_ints(element: etree._Element) -> list[int]:
    return [int(child.text or "") for child in element]


def _record(fields: dict[str, tuple[str, Convert]], element: etree._Element) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for child in element:
        field = fields.get(child.tag)
        if field is not None:
            name, convert = field
            values[name] = None if child.get(XSI_NIL) == "true" else convert(child)
    return values


_CARRIER: dict[str, tuple[str, Convert]] = {
    T.TABLE_RIGHT: ("table_right", lambda e: None),  # always nil in the benchmark
    T.FIELD_PROPERTIES: ("field_properties", lambda e: None),
}
_ADDRESS_FIELDS: dict[str, tuple[str, Convert]] = {
    **_CARRIER,
    T.CONTACT_ID: ("contact_id", _read_int),
    T.CONTACT_NAME: ("contact_name", _read_text),
    T.PERSON_ID: ("person_id", _read_int),
    T.PERSON_NAME: ("person_name", _read_text),
    T.ASSOCIATE_ID: ("associate_id", _read_int),
    T.ADDRESS: ("address", _read_text),
    T.EMAIL_ID: ("email_id", _read_int),
    T.DUPLICATE_PERSON_IDS: ("duplicate_person_ids", _read_ints),
    T.NAME: ("name", _read_text),
}


def _read_address(element: etree._Element) -> dict[str, Any]:
    return _record(_ADDRESS_FIELDS, element)


def _read_addresses(element: etree._Element) -> list[dict[str, Any] | None]:
    return [
        None if child.get(XSI_NIL) == "true" else _record(_ADDRESS_FIELDS, child)
        for child in element
    ]


_SO_INFO_FIELDS: dict[str, tuple[str, Convert]] = {
    **_CARRIER,
    T.DOCUMENT_ID: ("document_id", _read_int),
    T.APPOINTMENT_ID: ("appointment_id", _read_int),
    T.PROJECT_ID: ("project_id", _read_int),
    T.SALE_ID: ("sale_id", _read_int),
    T.ARCHIVED: ("archived", _read_bool),
    T.ARCHIVED_AT: ("archived_at", _read_datetime),
    T.ARCHIVED_BY: ("archived_by", _read_int),
    T.ARCHIVED_DISPLAY_NAME: ("archived_display_name", _read_text),
}

_ENVELOPE_FIELDS: dict[str, tuple[str, Convert]] = {
    **_CARRIER,
    T.SERVER_ID: ("server_id", _read_int),
    T.MESSAGE_ID: ("message_id", _read_text),
    T.SUBJECT: ("subject", _read_text),
    T.FROM: ("from_", _read_address),
    T.TO: ("to", _read_addresses),
    T.SENT: ("sent", _read_datetime),
    T.PRIORITY: ("priority", _read_text),
    T.FLAGS: ("flags", _read_text),
    T.SIZE: ("size", _read_int),
    T.EMAIL_SO_INFO: ("email_so_info", lambda e: _record(_SO_INFO_FIELDS, e)),
}


def _succeeded(root: etree._Element) -> bool:
    header = root.find(f"{{{S11}}}Header")
    found = None if header is None else header.find(T.SUCCEEDED)
    return found is None or found.text == "true"


def read_envelopes(data: bytes) -> tuple[bool, list[dict[str, Any] | None]]:
    """A WCF GetEMailEnvelopes response: (Succeeded, the envelopes as plain dicts)."""
    root = etree.fromstring(data, _PARSER)
    body = root.find(T.BODY11)
    assert body is not None
    response = body[0].find(T.RESPONSE)
    assert response is not None
    envelopes = [
        None if item.get(XSI_NIL) == "true" else _record(_ENVELOPE_FIELDS, item)
        for item in response
    ]
    return _succeeded(root), envelopes


_HUGE = etree.XMLParser(huge_tree=True)


def read_stream(data: bytes) -> bytes:
    """GetEMailFromId's one attachment: ``fromstring`` (huge_tree) + base64 of Stream's text.

    ``binascii.a2b_base64`` takes the str as it is; ``base64.b64decode`` would first copy it
    to ASCII bytes (+1x the text in memory and time), a weaker baseline.
    """
    root = etree.fromstring(data, _HUGE)
    stream = next(root.iter(T.STREAM))
    return binascii.a2b_base64(stream.text or "")


# --- zeep ---------------------------------------------------------------------------------


class FakeResponse:
    """What zeep's ``process_reply`` reads of a ``requests.Response``."""

    def __init__(self, content: bytes) -> None:
        self.status_code = 200
        self.content = content
        self.headers = {"Content-Type": "text/xml; charset=utf-8"}
        self.encoding = "utf-8"


def zeep_build(operation: str, values: dict[str, Any], headers: dict[str, Any]) -> bytes:
    """zeep's request envelope for ``operation``, serialized."""
    client = zeep_client("Services88")
    message = client.create_message(client.service, operation, **values, _soapheaders=headers)
    result: bytes = etree.tostring(message, encoding="utf-8")
    return result


def zeep_reply(operation: str, data: bytes) -> Any:
    """zeep's processing of an HTTP 200 reply: parse, fault check, deserialize."""
    client = zeep_client("Services88")
    binding = client.service._binding
    return binding.process_reply(client, binding.get(operation), FakeResponse(data))
