"""``Result`` generic in its value, and the typed path where the operation is known statically:
``so.operations(version).Op`` (its ``parse_response``, ``build_request``, and an agent's
``call``), under ``mypy --strict`` and at run time."""

from __future__ import annotations

import ast
import asyncio
import io
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

import superoffice_email as so
from superoffice_email.testing import FakeNetServer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TICKET = "7T:typing-ticket"

USER_SCRIPT = '''\
import io
from typing import Any, assert_type

import superoffice_email as so
from superoffice_email.services import services86 as m86
from superoffice_email.services import services88 as m88

data = b"<answer/>"
untyped = so.parse_response("Services88", "GetEMailFromId", data)
assert_type(untyped, so.Result[Any])
ops = so.operations("Services88")
mail = ops.GetEMailFromId.parse_response(data)
assert_type(mail, so.Result[m88.EMailEntity | None])
assert_type(ops.RefreshFolder.parse_response(data).value, int)
assert_type(ops.GetFolderInfo.parse_response(data).value, list[m88.EMailFolder])
assert_type(ops.MarkEmailsAsRead.parse_response(data).value, None)
assert_type(ops.GetEMailAsStream.parse_response(data).value, bytes | None)
refresh86 = so.operations("Services86").RefreshFolder
assert_type(refresh86, so.TypedOperation[m86.RefreshFolderRequest, int])
request = m88.RefreshFolderRequest(folders=["INBOX"])
assert_type(ops.RefreshFolder.build_request(request), bytes)
agent = so.EMailAgent("https://host/tenant/Remote/", version="Services88")
assert_type(agent.call(ops.RefreshFolder, request), int)
assert_type(agent.call(ops.GetEMailFromId), m88.EMailEntity | None)
assert_type(agent.call("RefreshFolder"), Any)
async def main(agent: so.AsyncEMailAgent) -> None:
    assert_type(await agent.call(ops.RefreshFolder, request), int)
version: str = "Services8" + "8"
assert_type(so.operations(version).RefreshFolder, so.TypedOperation[Any, Any])
ops.RefreshFolder.parse_response(data).value.upper()  # line 30: an int has no upper
agent.call(ops.RefreshFolder, m86.RefreshFolderRequest())  # line 31: another version's request
so.operations("Services73").GetReadySyncEmailAccounts  # line 32: Services73 lacks it
ops.GetEMailFromIdd  # line 33: no such operation
ops.RefreshFolder.build_request(m86.RefreshFolderRequest())  # line 34: another version's
login = so.operations("Services88", "SoPrincipal").AuthenticateUsernamePassword  # untyped
assert_type(login, so.TypedOperation[Any, Any])
def sink(owner: object) -> io.BytesIO:
    return io.BytesIO()
assert_type(agent.call_streaming(ops.GetAttachment, sink=sink), m88.EMailAttachment | None)
streamed = ops.GetAttachment.parse_response(io.BytesIO(data), sink=sink)
assert_type(streamed, so.Result[m88.EMailAttachment | None])
'''


def test_typed_operations_under_mypy(tmp_path: Path) -> None:
    """A user's script under ``mypy --strict``: the typed forms, and the expected errors."""
    from mypy import api

    script = tmp_path / "user.py"
    script.write_text(USER_SCRIPT, encoding="utf-8")
    out, err, _ = api.run(["--strict", "--no-error-summary", str(script)])
    errors = sorted(
        (int(line.split(":")[1]), line.split("error: ")[1])
        for line in out.splitlines()
        if ": error: " in line
    )
    assert [line for line, _ in errors] == [30, 31, 32, 33, 34], out + err
    assert '"int" has no attribute "upper"' in errors[0][1]
    # mypy cannot solve the request type from a Services88 operation and a Services86 request
    assert 'type parameter "RequestT" of "call"' in errors[1][1]
    assert '"GetReadySyncEmailAccounts"' in errors[2][1]
    assert '"GetEMailFromIdd"' in errors[3][1]
    assert 'services86.RefreshFolderRequest"; expected "superoffice_email.services.services88.' in (
        errors[4][1]
    )


def _wsdl_response_types(version: str) -> dict[str, str | None]:
    """operation -> the XSD type of its ``Response`` (None: void), read from the WSDL alone."""
    xs = "{http://www.w3.org/2001/XMLSchema}"
    path = sorted(FIXTURES.glob(f"editions/*/wsdl/{version}-EMail.wsdl"))[-1]
    found: dict[str, str | None] = {}
    for schema in etree.parse(str(path)).iter(f"{xs}schema"):
        for element in schema.findall(f"{xs}element"):
            name = element.get("name", "")
            if name.endswith("Response"):
                inner = element.find(f"{xs}complexType/{xs}sequence/{xs}element[@name='Response']")
                found[name[: -len("Response")]] = None if inner is None else inner.get("type")
    return found


def _operation_annotations(version: str) -> dict[str, str]:
    """The attributes of ``_versions.py``'s ``ServicesNNOperations`` (there for mypy only)."""
    source = Path(so.__file__).with_name("_versions.py").read_text(encoding="utf-8")
    found = next(
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ClassDef) and node.name == f"{version}Operations"
    )
    return {
        node.target.id: ast.unparse(node.annotation)
        for node in found.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    }


def test_every_operation_is_typed_as_the_wsdl_says() -> None:
    """Each ``Services88Operations`` attribute names the request class and a response type
    that fits the WSDL's: void is None, ArrayOfX a list, a scalar its Python type."""
    annotations = _operation_annotations("Services88")
    wsdl = _wsdl_response_types("Services88")
    assert set(annotations) == set(wsdl) == set(so.models("Services88").OPERATIONS)
    scalars = {"xs:int": "int", "xs:boolean": "bool", "xs:string": "str"}
    scalars["xs:base64Binary"] = "bytes"
    for name, annotation in annotations.items():
        request, _, returns = annotation.partition(", ")
        assert request == f"_Op[_m88.{name}Request"
        response = wsdl[name]
        if response is None:
            assert returns == "None]", name
        elif response.partition(":")[2].startswith("ArrayOf"):
            assert returns.startswith("list[") and "None" not in returns, name  # items T
        elif response in scalars:
            assert returns.partition(" |")[0].rstrip("]") == scalars[response], name
        else:
            assert returns.partition(" |")[0].rstrip("]") == f"_m88.{response.partition(':')[2]}"


def test_operations_at_run_time() -> None:
    ops = so.operations("Services88")
    assert "GetEMailFromId" in dir(ops) and len(dir(ops)) == len(so.models("Services88").OPERATIONS)
    op = ops.GetEMailFromId
    assert op == so.TypedOperation("Services88", "GetEMailFromId", "EMail", None)
    assert pickle.loads(pickle.dumps(op)) == op
    assert hasattr(ops, "GetEMailAsEmlStream") and not hasattr(ops, "NoSuchThing")
    with pytest.raises(so.UnknownOperationError, match=r"Services88 .*'GetEMailFromIdd'"):
        _ = ops.GetEMailFromIdd  # type: ignore[attr-defined]  # mypy sees it too
    # an older edition's view lacks the newer operations
    with pytest.raises(so.UnknownOperationError):
        _ = so.operations("Services88", edition="2021-03").GetEMailAsEmlStream
    with pytest.raises(so.UnknownVersionError):
        so.operations("Services99")
    soprincipal = so.operations("Services88", "SoPrincipal")
    assert soprincipal.AuthenticateUsernamePassword.agent == "SoPrincipal"


def test_a_typed_operation_builds_and_parses_as_the_untyped_functions() -> None:
    ops = so.operations("Services86")
    m = so.models("Services86")
    request = m.RefreshFolderRequest(folders=["INBOX"])
    assert ops.RefreshFolder.build_request(request, ticket=TICKET) == so.build_request(
        "Services86", "RefreshFolder", request, ticket=TICKET
    )
    answer = so.example_envelope("Services86", "GetEMailFromId", "response")
    typed = ops.GetEMailFromId.parse_response(answer)
    assert typed == so.parse_response("Services86", "GetEMailFromId", answer)
    assert isinstance(typed.value, m.EMailEntity) and typed.succeeded


@pytest.fixture(scope="module")
def server() -> Iterator[FakeNetServer]:
    with FakeNetServer(ticket=TICKET) as fake:
        yield fake


def test_an_agent_calls_a_typed_operation(server: FakeNetServer) -> None:
    ops = so.operations("Services86")
    m = so.models("Services86")
    server.respond("RefreshFolder", 7)
    with so.EMailAgent(server.url, version="Services86", ticket=TICKET) as agent:
        assert agent.call(ops.RefreshFolder, m.RefreshFolderRequest(folders=["INBOX"])) == 7
        assert agent.call(ops.RefreshFolder, folders=["INBOX"]) == 7
        assert server.last_request.params == m.RefreshFolderRequest(folders=["INBOX"])
        with pytest.raises(so.UsageError) as caught:
            agent.call(so.operations("Services88").RefreshFolder)  # only at run time
    assert str(caught.value) == (
        "RefreshFolder of EMail Services88 given to an agent of EMail Services86: take it "
        "from operations('Services86') instead"
    )

    async def run() -> int:
        async with so.AsyncEMailAgent(server.url, version="Services86", ticket=TICKET) as agent:
            return await agent.call(ops.RefreshFolder, folders=["Sent"])

    assert asyncio.run(run()) == 7


def test_an_agent_streams_a_typed_operation(server: FakeNetServer) -> None:
    ops = so.operations("Services86")
    m = so.models("Services86")
    server.respond("GetAttachment", m.EMailAttachment(filename="a.pdf", stream=b"%PDF-1.7"))
    out = io.BytesIO()
    with so.EMailAgent(server.url, version="Services86", ticket=TICKET) as agent:
        value = agent.call_streaming(ops.GetAttachment, sink=lambda owner: out, attachment_id="1")
    assert value is not None and value.filename == "a.pdf" and value.stream is None
    assert out.getvalue() == b"%PDF-1.7"
    # the same through the typed parser, from a stream
    answer = so.build_response("Services86", "GetAttachment", m.EMailAttachment(stream=b"xyz"))
    again = io.BytesIO()
    result = ops.GetAttachment.parse_response(io.BytesIO(answer), sink=lambda owner: again)
    assert again.getvalue() == b"xyz" and result.value is not None and result.value.stream is None
