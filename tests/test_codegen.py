"""The generator: reproducible output, the right counts, and the naming rules."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys

import attrs
import pytest
from lxml import etree

import superoffice_email as so
from codegen import generate_all, read_wsdl, sources
from codegen.module import constant_case, snake_case
from codegen.operation_docs import OPERATION_DOCS
from superoffice_email import VERSIONS
from superoffice_email._schema import load
from superoffice_email.agents import services88

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


def test_every_operation_has_a_method_shaped_like_its_request() -> None:
    for version in VERSIONS:
        module = importlib.import_module(f"superoffice_email.agents.{version.lower()}")
        for name, operation in load(version).operations.items():
            fields = [f.name for f in attrs.fields(operation.request)]
            annotations = [f.type for f in attrs.fields(operation.request)]
            for cls in (module.EMailAgent, module.AsyncEMailAgent):
                method = getattr(cls, snake_case(name))
                signature = inspect.signature(method)
                params = list(signature.parameters.values())[1:]
                assert [p.name for p in params] == fields, (version, name)
                assert [p.annotation for p in params] == annotations
                assert all(p.default is None for p in params)
                assert all(p.kind is p.POSITIONAL_OR_KEYWORD for p in params)
                assert inspect.iscoroutinefunction(method) == (cls is module.AsyncEMailAgent)
                assert (signature.return_annotation == "None") == (operation.response is None)
                assert method.__doc__ is not None
                assert method.__doc__.startswith(OPERATION_DOCS[name][:40])


def test_return_annotations() -> None:
    hints = {
        "refresh_folder": "int | None",
        "create_folder": "None",
        "get_folder_info": "list[EMailFolder | None] | None",
        "get_email_as_stream": "bytes | None",
        "get_email_from_id": "EMailEntity | None",
    }
    for method, expected in hints.items():
        sync = inspect.signature(getattr(services88.EMailAgent, method)).return_annotation
        asynchronous = inspect.signature(getattr(services88.AsyncEMailAgent, method))
        assert sync == asynchronous.return_annotation == expected


def test_operation_docs_cover_exactly_the_operations() -> None:
    names = {name for version in VERSIONS for name in load(version).operations}
    assert set(OPERATION_DOCS) == names
    assert all(doc.strip() and len(doc) < 300 for doc in OPERATION_DOCS.values())


def test_generated_modules_say_how_to_regenerate() -> None:
    for version in VERSIONS:
        module = importlib.import_module(f"superoffice_email.agents.{version.lower()}")
        assert module.__doc__ is not None
        assert "python -m codegen" in module.__doc__


def test_no_operation_method_shadows_an_agent_attribute() -> None:
    for version in VERSIONS:
        module = importlib.import_module(f"superoffice_email.agents.{version.lower()}")
        for cls in (module.EMailAgent, module.AsyncEMailAgent):
            generated = set(vars(cls)) - {"version"}
            for base in cls.__mro__[1:]:
                shadowed = generated & (set(vars(base)) | set(getattr(base, "__annotations__", {})))
                assert not shadowed - {"__doc__", "__module__", "__qualname__"}, (cls, base)


def test_the_generator_is_not_in_the_package() -> None:
    assert importlib.util.find_spec("superoffice_email.codegen") is None
