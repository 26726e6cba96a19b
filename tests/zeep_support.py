"""zeep, an independent SOAP stack, driven offline over the live WSDLs in fixtures/wsdl-live.

The live WSDLs hold all their schemas inline (no ``schemaLocation``), so nothing needs to be
fetched; :class:`OfflineTransport` makes sure nothing is: a remote load or any HTTP call
fails the test instead of reaching the network.

Values zeep reads are compared as *plain* data (:func:`plain`): dicts keyed by XML element
name, ``None`` entries dropped (zeep reports every absent element as ``None``), and
datetimes turned into ``(wall clock, UTC offset)`` so that ``10:00+02:00`` and ``08:00Z``,
equal as instants, still compare different.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import attrs
import zeep
import zeep.helpers
from lxml import etree
from zeep.transports import Transport

LIVE_WSDLS = Path(__file__).resolve().parent.parent / "fixtures" / "wsdl-live"
LIVE_VERSIONS = ("Services73", "Services75", "Services87", "Services88")


class NetworkRefused(AssertionError):
    """zeep tried to reach the network; these tests must run offline."""


class OfflineTransport(Transport):
    """A zeep transport that reads local files and refuses everything else.

    ``loaded`` lists every document zeep asked for, so a test can check they were all local.
    """

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.loaded: list[str] = []

    def load(self, url: str) -> bytes:
        self.loaded.append(url)
        if urlparse(url).scheme not in ("", "file"):
            raise NetworkRefused(f"zeep tried to load {url!r}; only local files are allowed")
        result: bytes = super().load(url)  # type: ignore[no-untyped-call]
        return result

    def get(self, address: str, params: Any, headers: Any) -> Any:
        raise NetworkRefused(f"zeep tried to GET {address!r}")

    def post(self, address: str, message: Any, headers: Any) -> Any:
        raise NetworkRefused(f"zeep tried to POST to {address!r}")


#: the newest WSDLs, which the models of Services84 to 88 come from (Services88 has grown)
NEWEST_WSDLS = LIVE_WSDLS.parent / "editions" / "2026-07" / "wsdl"


@functools.cache
def client(version: str) -> Any:
    """A zeep client over the WSDL the models of ``version`` come from, loaded once."""
    newest = NEWEST_WSDLS / f"{version}-EMail.wsdl"
    wsdl = str(newest if newest.is_file() else LIVE_WSDLS / f"{version}-EMail.wsdl")
    return zeep.Client(wsdl, transport=OfflineTransport())  # type: ignore[no-untyped-call]


def operation(version: str, name: str) -> Any:
    """zeep's bound SOAP 1.1 operation (input and output messages) of the live binding."""
    return client(version).service._binding.get(name)


def read_request(version: str, name: str, data: bytes) -> tuple[dict[str, Any], dict[str, Any]]:
    """zeep's reading of a request envelope: (SOAP headers, body wrapper), as plain data."""
    message = operation(version, name).input.deserialize(etree.fromstring(data))
    return plain(message.header) or {}, plain(message.body) or {}


def read_response(version: str, name: str, data: bytes) -> tuple[dict[str, Any], dict[str, Any]]:
    """zeep's reading of a response envelope: (SOAP headers, body wrapper), as plain data."""
    message = operation(version, name).output.deserialize(etree.fromstring(data))
    return plain(message.header) or {}, plain(message.body) or {}


def write_response(
    version: str, name: str, response: Any = None, headers: Mapping[str, Any] | None = None
) -> bytes:
    """The response envelope zeep serializes for ``name``, as bytes.

    ``response`` is the ``Response`` element's value in zeep's terms (dicts keyed by element
    name, lists of tokens for flags, bytes for base64Binary); ``None`` leaves it out, as a
    void operation must. ``headers`` are the SOAP header values (Succeeded, ExceptionInfo, ...).
    """
    body = {} if response is None else {"Response": response}
    message = operation(version, name).output.serialize(
        **body, _soapheaders=dict(headers) if headers else None
    )
    result: bytes = etree.tostring(message.content, xml_declaration=True, encoding="utf-8")
    return result


def plain(value: Any) -> Any:
    """zeep values (CompoundValue, OrderedDict) as comparable plain data; see the module doc."""
    return _normalize(zeep.helpers.serialize_object(value, dict))  # type: ignore[no-untyped-call]


def _normalize(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _normalize(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_normalize(v) for v in value]
    if isinstance(value, datetime.datetime):
        return stamp(value)
    return value


def stamp(value: datetime.datetime) -> tuple[datetime.datetime, datetime.timedelta | None]:
    """A datetime as (wall clock, UTC offset): equal only when both the instant and zone are."""
    return value.replace(tzinfo=None), value.utcoffset()


def comparable(value: Any) -> Any:
    """One of our typed values (attrs models, lists, dicts) with datetimes as :func:`stamp`.

    Class names are kept, so an ``EMailEnvelope`` never equals an ``EMailEntity`` with the
    same fields; ``None`` fields are kept too, as they are part of what our parser returns.
    """
    if attrs.has(type(value)):
        fields = {f.name: comparable(getattr(value, f.name)) for f in attrs.fields(type(value))}
        return (type(value).__name__, fields)
    if isinstance(value, list):
        return [comparable(v) for v in value]
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items()}
    if isinstance(value, datetime.datetime):
        return stamp(value)
    return value
