"""Raw requests in the shapes real SOAP clients write, over a plain socket.

Each request is written by hand from what that client is documented or known to send:

- NuSOAP 0.9.5 (SuperOffice's PHP sample): HTTP/1.0, the absolute URL in the request line,
  ``Content-Type: text/xml; charset=UTF-8``, a quoted ``SOAPAction``, the XML declaration,
  ``SOAP-ENV`` with ``encodingStyle``, the header's namespace declared on ``SOAP-ENV:Header``
  under a random prefix (``ns8093``), the Body's operation in a default namespace;
- zeep 4: HTTP/1.1 keep-alive, ``soap-env`` and ``ns0`` prefixes, gzip accepted;
- .NET's WCF client (``BasicHttpBinding``): ``Expect: 100-continue`` (the body follows the
  server's ``100 Continue``), ``Connection: Keep-Alive``, ``s`` prefix, default namespaces,
  ``xsi``/``xsd`` declared on ``s:Body``;
- httpx (our agents): HTTP/1.1, ``EMail`` prefix; SOAP 1.2 with the action parameter.

Answers are read with lxml; the values expected are the configured ones.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from lxml import etree

from superoffice_email.testing import FakeNetServer

V = "Services88"
NS = "http://www.superoffice.net/ws/crm/NetServer/Services88"
ACTION = f"{NS}/EMail/GetFolderEMailCount"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
TICKET = "7T:clientShapeTicket=="

CONNECTION_INFO = (
    "<ServerName>imap.example.com</ServerName><UserName>anna</UserName>"
    "<Password>pw-1234</Password><Folder>INBOX</Folder><UseSSL>true</UseSSL>"
)


def nusoap_body() -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope '
        'SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" '
        f'xmlns:SOAP-ENV="{SOAP11}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/">'
        f'<SOAP-ENV:Header xmlns:ns8093="{NS}"><ns8093:Credentials>'
        f"<ns8093:Ticket>{TICKET}</ns8093:Ticket></ns8093:Credentials></SOAP-ENV:Header>"
        f'<SOAP-ENV:Body><GetFolderEMailCount xmlns="{NS}"><ConnectionInfo>'
        f"{CONNECTION_INFO}</ConnectionInfo><OnlyUnread>true</OnlyUnread>"
        "</GetFolderEMailCount></SOAP-ENV:Body></SOAP-ENV:Envelope>"
    ).encode()


def zeep_body() -> bytes:
    info = CONNECTION_INFO.replace("<", "<ns0:").replace("<ns0:/", "</ns0:")
    return (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        f'<soap-env:Envelope xmlns:soap-env="{SOAP11}"><soap-env:Header>'
        f'<ns0:Credentials xmlns:ns0="{NS}"><ns0:Ticket>{TICKET}</ns0:Ticket></ns0:Credentials>'
        f'</soap-env:Header><soap-env:Body><ns0:GetFolderEMailCount xmlns:ns0="{NS}">'
        f"<ns0:ConnectionInfo>{info}</ns0:ConnectionInfo><ns0:OnlyUnread>true</ns0:OnlyUnread>"
        "</ns0:GetFolderEMailCount></soap-env:Body></soap-env:Envelope>"
    ).encode()


def wcf_body() -> bytes:
    return (
        f'<s:Envelope xmlns:s="{SOAP11}"><s:Header><Credentials xmlns="{NS}">'
        f"<Ticket>{TICKET}</Ticket></Credentials></s:Header>"
        '<s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        f'<GetFolderEMailCount xmlns="{NS}"><ConnectionInfo>{CONNECTION_INFO}</ConnectionInfo>'
        "<OnlyUnread>true</OnlyUnread></GetFolderEMailCount></s:Body></s:Envelope>"
    ).encode()


def httpx_body(soap: str) -> bytes:
    envelope_ns = SOAP11 if soap == "1.1" else SOAP12
    info = CONNECTION_INFO.replace("<", "<EMail:").replace("<EMail:/", "</EMail:")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<SOAP-ENV:Envelope xmlns:SOAP-ENV="{envelope_ns}" '
        f'xmlns:EMail="{NS}"><SOAP-ENV:Header><EMail:Credentials><EMail:Ticket>{TICKET}'
        "</EMail:Ticket></EMail:Credentials></SOAP-ENV:Header><SOAP-ENV:Body>"
        f"<EMail:GetFolderEMailCount><EMail:ConnectionInfo>{info}</EMail:ConnectionInfo>"
        "<EMail:OnlyUnread>true</EMail:OnlyUnread></EMail:GetFolderEMailCount>"
        "</SOAP-ENV:Body></SOAP-ENV:Envelope>"
    ).encode()


class Raw:
    """A socket that writes requests as given and reads HTTP answers by hand."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.buffer = b""

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def _fill(self) -> bool:
        chunk = self.sock.recv(65536)
        self.buffer += chunk
        return bool(chunk)

    def head(self) -> tuple[str, int, dict[str, str]]:
        while b"\r\n\r\n" not in self.buffer:
            assert self._fill(), "connection closed before the headers"
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        status_line, *lines = head.decode("latin-1").split("\r\n")
        version, status, _ = status_line.split(" ", 2)
        headers = {}
        for line in lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return version, int(status), headers

    def answer(self) -> tuple[int, dict[str, str], bytes]:
        _, status, headers = self.head()
        length = int(headers["content-length"])
        while len(self.buffer) < length:
            assert self._fill(), "connection closed inside the body"
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return status, headers, body

    def closed_by_server(self) -> bool:
        try:
            return self.sock.recv(1) == b""
        except TimeoutError:
            return False

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def server() -> Iterator[FakeNetServer]:
    with FakeNetServer(ticket=TICKET) as fake:
        fake.respond("GetFolderEMailCount", 17)
        yield fake


def request(head: str, body: bytes) -> bytes:
    return head.replace("\n", "\r\n").encode() + b"\r\n" + body


def count_of(body: bytes, soap_ns: str = SOAP11) -> str | None:
    root = etree.fromstring(body)
    assert etree.QName(root).namespace == soap_ns
    assert root.findtext(f"{{{soap_ns}}}Header/{{{NS}}}Succeeded") == "true"
    return root.findtext(f"{{{soap_ns}}}Body/{{{NS}}}GetFolderEMailCountResponse/{{{NS}}}Response")


def check_recorded(server: FakeNetServer) -> None:
    record = server.last_request
    assert (record.operation, record.error, record.ticket) == ("GetFolderEMailCount", None, TICKET)
    assert record.params.connection_info.server_name == "imap.example.com"
    assert record.params.only_unread is True


def test_nusoap_http10_absolute_form(server: FakeNetServer) -> None:
    body = nusoap_body()
    raw = Raw(server.port)
    raw.send(
        request(
            f"POST http://127.0.0.1:{server.port}/tenant/Remote/{V}/EMail.svc HTTP/1.0\n"
            f"Host: 127.0.0.1:{server.port}\n"
            "User-Agent: NuSOAP/0.9.5 (1.123)\n"
            "Content-Type: text/xml; charset=UTF-8\n"
            f'SOAPAction: "{ACTION}"\n'
            f"Content-Length: {len(body)}\n",
            body,
        )
    )
    status, headers, answer = raw.answer()
    assert status == 200, answer
    assert headers["content-type"] == "text/xml; charset=utf-8"
    assert count_of(answer) == "17"
    # HTTP/1.0 without keep-alive: the server closes after the answer
    assert headers.get("connection", "").lower() == "close"
    assert raw.closed_by_server()
    raw.close()
    check_recorded(server)


def test_http10_keep_alive_keeps_the_connection(server: FakeNetServer) -> None:
    body = nusoap_body()
    raw = Raw(server.port)
    head = (
        f"POST /tenant/Remote/{V}/EMail.svc HTTP/1.0\nConnection: keep-alive\n"
        f'Content-Type: text/xml; charset=UTF-8\nSOAPAction: "{ACTION}"\n'
        f"Content-Length: {len(body)}\n"
    )
    for _ in range(2):
        raw.send(request(head, body))
        status, headers, answer = raw.answer()
        assert status == 200 and count_of(answer) == "17"
        assert headers["connection"].lower() == "keep-alive"
    raw.close()
    assert len(server.requests) == 2


def test_zeep_shape_keeps_the_connection(server: FakeNetServer) -> None:
    body = zeep_body()
    raw = Raw(server.port)
    head = (
        f"POST /tenant/Remote/{V}/EMail.svc HTTP/1.1\nHost: 127.0.0.1:{server.port}\n"
        "User-Agent: Zeep/4.3.1 (www.python-zeep.org)\nAccept-Encoding: gzip, deflate\n"
        f'Accept: */*\nConnection: keep-alive\nSOAPAction: "{ACTION}"\n'
        f"Content-Type: text/xml; charset=utf-8\nContent-Length: {len(body)}\n"
    )
    for _ in range(2):  # HTTP/1.1: the same connection serves the next call
        raw.send(request(head, body))
        status, headers, answer = raw.answer()
        assert status == 200 and count_of(answer) == "17", answer
        assert "connection" not in headers
    raw.close()
    check_recorded(server)


def test_wcf_client_shape_with_expect_continue(server: FakeNetServer) -> None:
    body = wcf_body()
    raw = Raw(server.port)
    raw.send(
        request(
            f"POST /tenant/Remote/{V}/EMail.svc HTTP/1.1\n"
            "Content-Type: text/xml; charset=utf-8\n"
            f'SOAPAction: "{ACTION}"\n'
            f"Host: 127.0.0.1:{server.port}\n"
            f"Content-Length: {len(body)}\n"
            "Expect: 100-continue\n"
            "Accept-Encoding: gzip, deflate\n"
            "Connection: Keep-Alive\n",
            b"",
        )
    )
    _, status, _ = raw.head()
    assert status == 100  # the body goes only now, as .NET's HttpWebRequest does
    raw.send(body)
    status, _, answer = raw.answer()
    assert status == 200 and count_of(answer) == "17", answer
    raw.close()
    check_recorded(server)


@pytest.mark.parametrize("soap", ["1.1", "1.2"])
def test_httpx_shape(server: FakeNetServer, soap: str) -> None:
    body = httpx_body(soap)
    if soap == "1.1":
        typed = f'Content-Type: text/xml; charset=utf-8\nSOAPAction: "{ACTION}"\n'
    else:
        typed = f'Content-Type: application/soap+xml; charset=utf-8; action="{ACTION}"\n'
    raw = Raw(server.port)
    raw.send(
        request(
            f"POST /tenant/Remote/{V}/EMail.svc HTTP/1.1\nHost: 127.0.0.1:{server.port}\n"
            "Accept: */*\nAccept-Encoding: gzip, deflate\nConnection: keep-alive\n"
            f"User-Agent: python-httpx/0.28.1\n{typed}Content-Length: {len(body)}\n",
            body,
        )
    )
    status, headers, answer = raw.answer()
    assert status == 200, answer
    assert headers["content-type"].startswith("text/xml" if soap == "1.1" else "application/soap")
    assert count_of(answer, SOAP11 if soap == "1.1" else SOAP12) == "17"
    raw.close()
    check_recorded(server)


def test_http11_connection_close_is_honoured(server: FakeNetServer) -> None:
    body = zeep_body()
    raw = Raw(server.port)
    raw.send(
        request(
            f"POST /tenant/Remote/{V}/EMail.svc HTTP/1.1\nHost: x\nConnection: close\n"
            f'SOAPAction: "{ACTION}"\nContent-Type: text/xml; charset=utf-8\n'
            f"Content-Length: {len(body)}\n",
            body,
        )
    )
    status, headers, _ = raw.answer()
    assert status == 200 and headers["connection"] == "close"
    assert raw.closed_by_server()
    raw.close()


def test_absolute_form_to_an_unknown_path_is_404(server: FakeNetServer) -> None:
    raw = Raw(server.port)
    raw.send(
        request(
            f"POST http://127.0.0.1:{server.port}/elsewhere/EMail.svc HTTP/1.1\nHost: x\n"
            "Content-Length: 0\n",
            b"",
        )
    )
    status, _, answer = raw.answer()
    assert status == 404 and b"/tenant/Remote/ServicesNN/" in answer
    raw.close()
