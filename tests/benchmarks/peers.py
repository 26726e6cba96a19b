"""xsdata as a peer: bindings generated at benchmark time from the live Services88 WSDL.

``xsdata generate`` writes dataclasses for the WSDL's types and one envelope class per
operation and direction (``EmailSendEmailsInput``, ``EmailGetEmailEnvelopesOutput``) into a
temporary folder; nothing generated is committed. The peer uses xsdata's lxml writer and
reader (``LxmlEventWriter``, ``LxmlEventHandler``). Requests are built from the same attrs
values as ours, converted once before timing (as the zeep baseline converts them to dicts).
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import importlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import attrs
from xsdata.formats.dataclass.context import XmlContext
from xsdata.formats.dataclass.parsers import XmlParser
from xsdata.formats.dataclass.parsers.handlers import LxmlEventHandler
from xsdata.formats.dataclass.serializers import XmlSerializer
from xsdata.formats.dataclass.serializers.writers import LxmlEventWriter
from xsdata.models.datatype import XmlDateTime

from .inputs import TICKET, TOKEN, flag_tokens

ROOT = Path(__file__).resolve().parents[2]
# the WSDL NetServer serves today (SuperOffice's of 2026-07), which our Services88 models and
# the benchmark's inputs (UseGraphApi) follow; the older live copy lacks the Graph fields
WSDL = ROOT / "fixtures" / "editions" / "2026-07" / "wsdl" / "Services88-EMail.wsdl"
PACKAGE = "bench_xsdata_services88"

# xsdata's class names for our operation names, as its generator spells them
_CLASS_NAMES = {
    "RefreshFolder": "RefreshFolder",
    "SendEMails": "SendEmails",
    "GetEMailEnvelopes": "GetEmailEnvelopes",
    "GetEMailFromId": "GetEmailFromId",
}


@dataclass
class Peer:
    """The generated module, xsdata's lxml reader and writer, and how long generating took."""

    module: Any
    seconds: float
    context: XmlContext
    parser: XmlParser
    serializer: XmlSerializer

    def envelope(self, operation: str, direction: str) -> Any:
        return getattr(self.module, f"Email{_CLASS_NAMES[operation]}{direction}")

    # --- building -------------------------------------------------------------------------

    def request(self, operation: str, params: Any) -> Any:
        """Our request object as xsdata's envelope object (converted once, before timing)."""
        envelope = self.envelope(operation, "Input")
        header = _make(
            self.context,
            envelope.Header,
            application_token=self.module.ApplicationToken(value=TOKEN),
            credentials=self.module.Credentials(ticket=TICKET),
        )
        body_meta = self.context.build(envelope.Body)
        (payload,) = [v for v in body_meta.get_all_vars() if v.init]
        assert payload.clazz is not None
        body = envelope.Body(**{payload.name: self.convert(params, payload.clazz)})
        return envelope(header=header, body=body)

    def build(self, value: Any) -> bytes:
        return self.serializer.render(value).encode("utf-8")

    def convert(self, value: Any, cls: type) -> Any:
        """One of our values (attrs object, list, enumeration, flags) as an instance of the
        xsdata class ``cls``, field by field through xsdata's own metadata."""
        if value is None:
            return None
        variables = [v for v in self.context.build(cls).get_all_vars() if v.init]
        text = next((v for v in variables if v.is_text), None)
        if text is not None:  # simple content in a class: enumerations, flags, tokens
            return _make(self.context, cls, **{text.name: _scalar(value, text)})
        if isinstance(value, list):  # ArrayOfX: one repeated item element
            (item,) = [v for v in variables if v.is_element]
            return cls(**{item.name: [self._field(v, item) for v in value]})
        ours = {f.metadata["xml"].name: getattr(value, f.name) for f in attrs.fields(type(value))}
        return cls(**{v.name: self._field(ours.get(v.local_name), v) for v in variables})

    def _field(self, value: Any, variable: Any) -> Any:
        if value is None:
            return None
        if variable.clazz is not None:
            return self.convert(value, variable.clazz)
        return _scalar(value, variable)

    # --- reading ----------------------------------------------------------------------------

    def parse(self, operation: str, data: bytes) -> Any:
        return self.parser.from_bytes(data, self.envelope(operation, "Output"))

    def envelopes(self, data: bytes) -> list[Any]:
        body = self.parse("GetEMailEnvelopes", data).body
        items: list[Any] = body.get_email_envelopes_response.response.email_envelope
        return items

    def stream(self, data: bytes) -> object:
        """What xsdata reads as the first attachment's ``Stream`` (the bytes, when right), or
        what it returned instead of the envelope."""
        envelope = self.parse("GetEMailFromId", data)
        if not isinstance(envelope, self.envelope("GetEMailFromId", "Output")):
            # from about 7.2 MiB of attachment (base64 text past libxml2's 10,000,000
            # characters) xsdata's lxml reader returns the string 'attachment', silently
            return envelope
        entity = envelope.body.get_email_from_id_response.response
        stream: object = entity.attachments.email_attachment[0].stream
        return stream


def _make(context: XmlContext, cls: type, **values: Any) -> Any:
    """``cls(**values)``, every other field None: the generated dataclasses are keyword-only
    with required fields (such as a header's ``time_zone``)."""
    names = [v.name for v in context.build(cls).get_all_vars() if v.init]
    return cls(**{name: values.get(name) for name in names})


def _scalar(value: Any, variable: Any) -> Any:
    kind = variable.types[0]
    if variable.tokens:  # a flags list: xsdata wants a list of its enumeration's members
        return [kind(token) for token in flag_tokens(value).split()]
    if isinstance(value, enum.Enum):
        return kind(value.value)
    if isinstance(value, datetime.datetime):
        return XmlDateTime.from_datetime(value)
    return value


def generate(folder: Path) -> float:
    """Runs ``xsdata generate`` on the live WSDL into ``folder``; returns the seconds taken."""
    start = time.perf_counter()
    bin_folder = str(Path(sys.executable).parent)  # xsdata formats its output with ruff
    env = {**os.environ, "PATH": bin_folder + os.pathsep + os.environ.get("PATH", "")}
    command = [sys.executable, "-m", "xsdata", "generate", str(WSDL), "--package", PACKAGE]
    subprocess.run(command, cwd=folder, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


@contextlib.contextmanager
def xsdata_peer() -> Iterator[Peer]:
    """Generates the bindings into a temporary folder, imports them, and removes both after."""
    with tempfile.TemporaryDirectory(prefix="bench-xsdata-") as folder:
        seconds = generate(Path(folder))
        sys.path.insert(0, folder)
        try:
            module = importlib.import_module(f"{PACKAGE}.services88_email")
            context = XmlContext()
            yield Peer(
                module,
                seconds,
                context,
                XmlParser(context=context, handler=LxmlEventHandler),
                XmlSerializer(context=context, writer=LxmlEventWriter),
            )
        finally:
            sys.path.remove(folder)
            for name in [n for n in sys.modules if n.split(".")[0] == PACKAGE]:
                del sys.modules[name]
