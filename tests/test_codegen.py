"""The generator: reproducible output, the right counts, and the naming rules."""

from __future__ import annotations

import subprocess
import sys

import attrs
import pytest
from lxml import etree

import superoffice_email as so
from superoffice_email.codegen import generate_all, read_wsdl, sources
from superoffice_email.codegen.module import constant_case, snake_case

from .conftest import FIXTURES

# operations per version, as the reference README states them (checked there against the
# portType of every live WSDL)
OPERATIONS_PER_VERSION = {
    "Services73": 40,
    "Services75": 40,
    "Services80": 40,
    "Services81": 41,
    "Services82": 41,
    "Services83": 76,
    "Services84": 77,
    "Services85": 78,
    "Services86": 80,
    "Services87": 90,
    "Services88": 90,
}
XS = "{http://www.w3.org/2001/XMLSchema}"


def test_generated_modules_are_up_to_date() -> None:
    for path, text in generate_all().items():
        assert path.read_text(encoding="utf-8") == text, f"{path} differs: run the generator"


def test_versions_and_sources() -> None:
    assert so.VERSIONS == tuple(OPERATIONS_PER_VERSION)
    chosen = sources()
    assert chosen["Services73"].parent.name == "wsdl-live"
    others = [v for v in OPERATIONS_PER_VERSION if v != "Services73"]
    assert all(chosen[v].parent.parent.name == "2021-03" for v in others)


@pytest.mark.parametrize(("version", "count"), OPERATIONS_PER_VERSION.items())
def test_operation_counts(version: str, count: int) -> None:
    assert len(so.models(version).OPERATIONS) == count


@pytest.mark.parametrize("version", ["Services73", "Services75", "Services87", "Services88"])
def test_operations_match_live_port_type(version: str) -> None:
    """Every X/XResponse element pair is exactly one operation of the served portType."""
    tree = etree.parse(str(FIXTURES / "wsdl-live" / f"{version}-EMail.wsdl"))
    port_ops = {
        op.get("name")
        for op in tree.iterfind(
            ".//{http://schemas.xmlsoap.org/wsdl/}portType/{http://schemas.xmlsoap.org/wsdl/}operation"
        )
    }
    assert set(so.models(version).OPERATIONS) == port_ops


def test_types_cover_every_named_complex_type() -> None:
    path = FIXTURES / "editions" / "2021-03" / "wsdl" / "Services88-EMail.wsdl"
    schema = read_wsdl(path)
    tree = etree.parse(str(path))
    service = next(
        s for s in tree.iterfind(f".//{XS}schema") if "NetServer" in s.get("targetNamespace", "")
    )
    assert service is not None
    named = {c.get("name") for c in service.iterfind(f"{XS}complexType")}
    described = (
        {c.name for c in schema.classes}
        | {a.name.split(":")[1] for a in schema.arrays if a.name.startswith("tns:")}
        | {d.name.split(":")[1] for d in schema.dictionaries}
    )
    assert named == described


def test_import_is_lazy() -> None:
    code = (
        "import sys, superoffice_email as so;"
        "loaded = [m for m in sys.modules if m.startswith('superoffice_email.services.')];"
        "assert loaded == [], loaded;"
        "so.models('Services82');"
        "loaded = [m for m in sys.modules if m.startswith('superoffice_email.services.')];"
        "assert loaded == ['superoffice_email.services.services82'], loaded;"
        "assert 'httpx' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_model_shape() -> None:
    models = so.models("Services86")
    fields = {f.name: f for f in attrs.fields(models.EMailEntity)}
    # the Carrier base is kept, first, as XSD extension orders it
    assert list(fields)[:2] == ["table_right", "field_properties"]
    assert fields["from_"].metadata["xml"].name == "From"
    assert fields["html_body"].metadata["xml"].type == "xs:string"
    assert fields["email_so_info"].metadata["xml"].name == "EMailSOInfo"
    assert issubclass(models.EMailEntity, models.Carrier)
    assert models.EMailFlags.SEEN | models.EMailFlags.DRAFT  # flags combine
    assert models.EMailPriority("Highest") is models.EMailPriority.HIGHEST


def test_secrets_are_not_in_repr() -> None:
    models = so.models("Services86")
    info = models.EMailConnectionInfo(server_name="imap", password="hunter2")
    credentials = models.SoCredentials(ticket="7T:secret-ticket")
    assert "hunter2" not in repr(info) and "imap" in repr(info)
    assert "secret-ticket" not in repr(credentials)


def test_naming_rules() -> None:
    assert snake_case("HTMLBody") == "html_body"
    assert snake_case("UseSSL") == "use_ssl"
    assert snake_case("MessageID") == "message_id"
    assert snake_case("EMailSOInfo") == "email_so_info"
    assert snake_case("From") == "from_"
    assert constant_case("NoPriority") == "NO_PRIORITY"
    assert constant_case("inDiary") == "IN_DIARY"
    assert constant_case("UIHintReadOnly") == "UI_HINT_READ_ONLY"
