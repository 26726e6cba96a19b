"""The generator: reproducible output, the right counts, and the naming rules."""

from __future__ import annotations

import enum
import importlib
import inspect
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import attrs
import pytest
from lxml import etree

import superoffice_email as so
from codegen import WsdlError, generate_all, read_wsdl, sources
from codegen.module import constant_case, snake_case
from codegen.operation_docs import OPERATION_DOCS
from codegen.wsdl import describe
from superoffice_email import VERSIONS, services
from superoffice_email._schema import load
from superoffice_email._wire import soap_action
from superoffice_email.agents import services88
from superoffice_email.services import MODULES

from .conftest import FIXTURES

# operations per version, as the reference README states them for each version's newest
# edition (2026-07 for Services84 to 88; checked there against the portType of every WSDL)
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
    "Services88": 110,
}
XS = "{http://www.w3.org/2001/XMLSchema}"
REST_DOCS: dict[str, str] = json.loads(
    (FIXTURES / "descriptions.json").read_text(encoding="utf-8")
)["rest"]["EMail"]
WSDL = "{http://schemas.xmlsoap.org/wsdl/}"
SOAP = "{http://schemas.xmlsoap.org/wsdl/soap/}"


def test_generated_modules_are_up_to_date() -> None:
    for path, text in generate_all().items():
        assert path.read_text(encoding="utf-8") == text, f"{path} differs: run the generator"


def test_versions_and_sources() -> None:
    assert so.VERSIONS == tuple(OPERATIONS_PER_VERSION)
    chosen = sources()
    assert chosen["EMail", "Services73"].parent.name == "wsdl-live"
    for version in OPERATIONS_PER_VERSION:
        newest = "2026-07" if version >= "Services84" else "2021-03"
        if version != "Services73":
            assert chosen["EMail", version].parent.parent.name == newest


@pytest.mark.parametrize(("version", "count"), OPERATIONS_PER_VERSION.items())
def test_operation_counts(version: str, count: int) -> None:
    assert len(so.models(version).OPERATIONS) == count


@pytest.mark.parametrize("version", ["Services73", "Services75", "Services87", "Services88"])
def test_operations_match_live_port_type(version: str) -> None:
    """What an installation serves is in the models (Services88 has grown since)."""
    tree = etree.parse(str(FIXTURES / "wsdl-live" / f"{version}-EMail.wsdl"))
    port_ops = {
        op.get("name")
        for op in tree.iterfind(
            ".//{http://schemas.xmlsoap.org/wsdl/}portType/{http://schemas.xmlsoap.org/wsdl/}operation"
        )
    }
    operations = so.models(version).OPERATIONS
    assert {n for n, o in operations.items() if o.since in ("live", "2021-03")} == port_ops


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
            xml = [f.metadata["xml"] for f in attrs.fields(operation.request)]
            for cls in (module.EMailAgent, module.AsyncEMailAgent):
                method = getattr(cls, snake_case(name))
                signature = inspect.signature(method)
                params = list(signature.parameters.values())[1:]
                assert [p.name for p in params] == fields, (version, name)
                for param, element in zip(params, xml, strict=True):
                    # None is allowed exactly where the schema allows nil
                    assert param.annotation.endswith(" | None") == element.nillable
                    if element.type == "xs:boolean":
                        assert param.kind is param.KEYWORD_ONLY, (name, param.name)
                assert inspect.iscoroutinefunction(method) == (cls is module.AsyncEMailAgent)
                assert (signature.return_annotation == "None") == (operation.response is None)
                assert method.__doc__ is not None
                described = OPERATION_DOCS.get(name) or REST_DOCS[name]
                assert method.__doc__.startswith(described[:40])


def test_return_annotations() -> None:
    hints = {
        "refresh_folder": "int",  # not nillable: never None
        "create_folder": "None",
        "get_folder_info": "list[EMailFolder]",  # an array: [] for nil; a nil item left out
        "get_email_as_stream": "bytes | None",
        "get_email_from_id": "EMailEntity | None",
        "get_email_message_ids": "list[str]",
    }
    for method, expected in hints.items():
        sync = inspect.signature(getattr(services88.EMailAgent, method)).return_annotation
        asynchronous = inspect.signature(getattr(services88.AsyncEMailAgent, method))
        assert sync == asynchronous.return_annotation == expected


@pytest.mark.parametrize("version", VERSIONS)
def test_every_non_nillable_parameter_is_required(version: str) -> None:
    """Over the generated tables: what the schema does not allow nil has no default."""
    module = importlib.import_module(f"superoffice_email.agents.{version.lower()}")
    for name, operation in load(version).operations.items():
        method = getattr(module.EMailAgent, snake_case(name))
        params = inspect.signature(method).parameters
        for field in attrs.fields(operation.request):
            param = params[field.name]
            if not field.metadata["xml"].nillable:
                assert param.default is param.empty, (name, field.name)
            # flags, enumerations and booleans are named at the call
            if field.metadata["xml"].type == "xs:boolean" or (isinstance(
                load(version).types.get(field.metadata["xml"].type.partition(":")[2]), type
            ) and issubclass(load(version).types[field.metadata["xml"].type[4:]], enum.Enum)):
                assert param.kind is param.KEYWORD_ONLY, (name, field.name)


def test_mark_as_read_without_read_is_a_type_error() -> None:
    agent = so.EMailAgent("https://host/t/Remote/", version="Services88")
    models = so.models("Services88")
    with pytest.raises(TypeError, match="read"):
        agent.mark_as_read(models.EMailConnectionInfo(), [101])  # type: ignore[call-arg]
    agent.close()


def test_operation_docs_cover_exactly_the_operations() -> None:
    names = {name for version in VERSIONS for name in load(version).operations}
    # written here for every operation of 2021; newer ones take the REST twin's description
    assert set(OPERATION_DOCS) <= names <= set(OPERATION_DOCS) | set(REST_DOCS)
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
                # __annotations__: Python makes one in a class's dict when anything (pydoc,
                # this test) reads it, so it says nothing about the generated methods
                dunders = {"__doc__", "__module__", "__qualname__", "__annotations__"}
                assert not shadowed - dunders, (cls, base)


def test_the_generator_is_not_in_the_package() -> None:
    assert importlib.util.find_spec("superoffice_email.codegen") is None


def _module(agent: str, version: str) -> ModuleType:
    return importlib.import_module(f"superoffice_email.services.{MODULES[agent, version]}")


def test_registry_lists_every_generated_module() -> None:
    folder = Path(services.__file__).parent
    on_disk = {p.stem for p in folder.glob("*.py")} - {"__init__"}
    assert set(MODULES.values()) == on_disk
    assert {version for agent, version in MODULES if agent == "EMail"} == set(VERSIONS)
    # SoPrincipal for every version that has a WSDL (73 and 75 to 88), Batch where 2026-07 has it
    assert sorted(v for a, v in MODULES if a == "SoPrincipal") == list(VERSIONS)
    assert sorted(v for a, v in MODULES if a == "Batch") == [f"Services{n}" for n in range(84, 89)]
    assert ("PartnerSystemUserService", "") in MODULES


@pytest.mark.parametrize(("agent", "version"), sorted(MODULES))
def test_each_module_states_its_agent_namespace_and_actions(agent: str, version: str) -> None:
    module = _module(agent, version)
    assert (module.AGENT, module.VERSION) == (agent, version)
    tree = etree.parse(str(sources()[agent, version]))
    # the portType's operations, and the binding's SOAPAction of each, read here with lxml
    port_ops = {str(op.get("name")) for op in tree.iterfind(f".//{WSDL}portType/{WSDL}operation")}
    assert set(module.OPERATIONS) == port_ops
    actions = {
        str(op.get("name")): op.find(f"{SOAP}operation").get("soapAction")  # type: ignore[union-attr]
        for op in tree.iterfind(f".//{WSDL}binding/{WSDL}operation")
    }
    for name in port_ops:
        assert module.SOAP_ACTION_PREFIX + name == actions[name]
    if version:
        assert module.NAMESPACE == f"http://www.superoffice.net/ws/crm/NetServer/{version}"
        assert module.SOAP_ACTION_PREFIX + "X" == soap_action(version, "X", agent)
        assert [h.name for h in module.REQUEST_HEADERS][:1] == ["ApplicationToken"]
    assert module.PREFIXES["tns"] == (agent, module.NAMESPACE)


def test_partner_system_user_service() -> None:
    module = _module("PartnerSystemUserService", "")
    assert module.NAMESPACE == "http://www.superoffice.com/superid/partnersystemuser/0.1"
    assert [h.name for h in module.REQUEST_HEADERS] == ["ApplicationToken", "ContextIdentifier"]
    operation = module.OPERATIONS["Authenticate"]
    assert operation.request_wrapper == "AuthenticationRequest"
    assert (operation.response_wrapper, operation.wrapped) == ("AuthenticationResponse", False)
    fields = [f.metadata["xml"].name for f in attrs.fields(module.AuthenticationResponse)]
    assert fields == ["IsSuccessful", "Token", "ErrorMessage"]
    assert [f.name for f in attrs.fields(operation.request)] == [
        "signed_system_token",
        "return_token_type",
    ]


def test_soprincipal_logins_share_one_response_wrapper() -> None:
    module = _module("SoPrincipal", "Services86")
    assert "AuthenticateWithAccessToken" in module.OPERATIONS
    assert "AuthenticateWithAccessToken" not in _module("SoPrincipal", "Services85").OPERATIONS
    login = module.OPERATIONS["AuthenticateUsernamePassword"]
    assert (login.response_wrapper, login.wrapped) == ("AuthenticateResponse", False)
    fields = [f.metadata["xml"].name for f in attrs.fields(module.AuthenticateResponse)]
    assert fields == ["Response", "Credentials", "AuthenticationSucceeded"]
    # DSAParameters lives in .NET's cryptography namespace, and says so
    assert module.DSAParameters.__xml_prefix__ == "sec"
    assert module.PREFIXES["sec"][1].endswith("System.Security.Cryptography")


@pytest.mark.parametrize(
    ("version", "agent"), [(v, a) for v in VERSIONS[1:] for a in ("EMail", "SoPrincipal")]
)
def test_documented_prefixes_match_the_pages(version: str, agent: str) -> None:
    """The pages declare each namespace under the prefix the module names for it."""
    folder = FIXTURES / "docs" / version / ("" if agent == "EMail" else agent)
    page = sorted(folder.glob("*.response.xml"))[0]
    declared = etree.fromstring(page.read_bytes()).nsmap
    module = _module(agent, version)
    for prefix, (documented, namespace) in module.PREFIXES.items():
        assert declared.get(documented) == namespace, (prefix, documented)


@pytest.mark.parametrize(
    "response",
    [
        b'<EMail:Response xsi:nil="true"/>',  # nil
        b"",  # missing
    ],
)
def test_a_nil_or_missing_list_result_reads_as_empty(response: bytes) -> None:
    """The agents type list results as ``list[T]``: the reader keeps that promise."""
    envelope = (
        b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"'
        b' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        b' xmlns:EMail="http://www.superoffice.net/ws/crm/NetServer/Services88">'
        b"<s:Body><EMail:GetFolderInfoResponse>" + response + b"</EMail:GetFolderInfoResponse>"
        b"</s:Body></s:Envelope>"
    )
    assert so.parse_response("Services88", "GetFolderInfo", envelope).value == []


USER_SCRIPT = '''\
import datetime
from typing import assert_type

import superoffice_email as so
from superoffice_email.agents import services73, services86, services88
from superoffice_email.services import services86 as m86

url = "https://host/tenant/Remote/"
agent = so.EMailAgent(url, version="Services86")
assert_type(agent, services86.EMailAgent)
assert_type(so.AsyncEMailAgent(url, version="Services86"), services86.AsyncEMailAgent)
assert_type(so.EMailAgent(url), services88.EMailAgent)
old = so.EMailAgent(url, version="Services73")
assert_type(old, services73.EMailAgent)
old.get_ready_sync_email_accounts()  # line 15: Services73 has no such operation
info = so.models("Services86").EMailConnectionInfo(server_name="imap.example.com")
assert_type(info, m86.EMailConnectionInfo)
agent.refresh_folder(info, ["INBOX"])
agent.mark_as_read(info, [101])  # line 19: read is required
reveal_type(so.models("Services86").EMailFlags.SEEN)  # line 20: a note, not an error
# what the schema does not allow nil is never None; lists are list[T] with items T
folders = agent.get_folder_info(info, ["INBOX"])
assert_type(folders, list[m86.EMailFolder])
assert_type(folders[0].unread_items, int)
assert_type(folders[0].name, str | None)
assert_type(agent.refresh_folder(info, ["INBOX"]), int)
envelopes = agent.get_email_envelopes(info, [1, 2])
assert_type(envelopes, list[m86.EMailEnvelope])
assert_type(envelopes[0].sent, datetime.datetime)
assert_type(envelopes[0].flags, m86.EMailFlags)
assert_type(envelopes[0].to, list[m86.EMailAddress])
assert_type(envelopes[0].to[0].address, str | None)
assert_type(agent.get_email_message_ids(m86.EMailConnectionInfoExtended()), list[str])
mail = agent.get_email_from_id(
    info, 1, lookup_addresses=False, flags=m86.EMailFlags(0), include_attachments=True
)
assert_type(mail, m86.EMailEntity | None)
if mail is not None:
    assert_type(mail.attachments, list[m86.EMailAttachment])
    assert_type(mail.attachments[0].size, int)
    unread: int = sum(f.unread_items for f in folders)  # no None to rule out
    mail.size = None  # line 42: not nillable
'''


def test_typed_per_version_under_mypy(tmp_path: Path) -> None:
    """A user's script under ``mypy --strict``: types per version, and the expected errors."""
    from mypy import api

    script = tmp_path / "user.py"
    script.write_text(USER_SCRIPT, encoding="utf-8")
    out, err, _ = api.run(["--strict", "--no-error-summary", str(script)])
    errors = sorted(
        (int(line.split(":")[1]), line.split("error: ")[1])
        for line in out.splitlines()
        if ": error: " in line
    )
    assert [line for line, _ in errors] == [15, 19, 42], out + err
    assert 'user.py:20: note: Revealed type is "Literal[' in out, out
    assert 'has no attribute "get_ready_sync_email_accounts"' in errors[0][1]
    assert '"read"' in errors[1][1]
    assert '"None"' in errors[2][1] and '"int"' in errors[2][1]


def test_a_wsdl_without_operations_is_refused_naming_the_file(tmp_path: Path) -> None:
    wsdl = (
        b'<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" '
        b'targetNamespace="http://www.superoffice.net/ws/crm/NetServer/Services88">'
        b'<wsdl:portType name="IEMail"/>'
        b'<wsdl:binding name="b" type="tns:IEMail"/>'
        b"</wsdl:definitions>"
    )
    with pytest.raises(WsdlError, match=r"^Empty\.wsdl: portType IEMail has no operations$"):
        describe(etree.fromstring(wsdl), tmp_path / "Empty.wsdl")
