"""Selecting what the core speaks: the agent (``agent=``) and the edition (``edition=``)."""


import json
import subprocess
import sys

import pytest

import superoffice_email as so
from superoffice_email._config import endpoint_url
from superoffice_email._schema import AGENT_VERSIONS, load

ROOT_URL = "https://sod.superoffice.com/Cust12345/Remote/"


def test_the_default_agent_is_email() -> None:
    assert load("Services86") is load("Services86", "EMail")
    assert so.example_envelope("Services86", "RefreshFolder", agent="EMail") == (
        so.example_envelope("Services86", "RefreshFolder")
    )
    request = so.build_request("Services86", "GetAttachment", agent="EMail", message_server_id=3)
    parsed = so.parse_request("Services86", request, agent="EMail")
    assert parsed.params.message_server_id == 3


@pytest.mark.parametrize("agent", ["Email", "Contact", 7, None, ""])
def test_an_unknown_agent_is_a_usage_error_naming_the_agents(agent: object) -> None:
    with pytest.raises(so.UsageError) as raised:
        so.example_envelope("Services86", "RefreshFolder", agent=agent)  # type: ignore[arg-type]
    message = str(raised.value)
    assert "agent must be one of" in message
    for known in AGENT_VERSIONS:
        assert repr(known) in message


def test_each_agent_has_its_own_endpoint_beside_email() -> None:
    # the WSDLs' soap:address (fixtures/wsdl-live): …/Remote/Services88/SoPrincipal.svc
    assert endpoint_url(ROOT_URL, "Services88", "SoPrincipal") == (
        "https://sod.superoffice.com/Cust12345/Remote/Services88/SoPrincipal.svc"
    )
    full = ROOT_URL + "Services88/SoPrincipal.svc"
    assert endpoint_url(full, "Services88", "SoPrincipal") == full
    with pytest.raises(so.UsageError, match="not an EMail agent endpoint"):
        endpoint_url(full, "Services88")
    # PartnerSystemUserService lives under the host's login path, outside the versions
    assert endpoint_url("https://online.superoffice.com", "", "PartnerSystemUserService") == (
        "https://online.superoffice.com/Login/Services/PartnerSystemUserService.svc"
    )


@pytest.mark.parametrize("edition", ["2024-01", "2021", "latest"])
def test_an_unknown_edition_is_a_usage_error_naming_the_editions(edition: str) -> None:
    with pytest.raises(so.UsageError) as raised:
        so.example_envelope("Services88", "RefreshFolder", edition=edition)
    message = str(raised.value)
    assert repr(edition) in message
    for known in ("2021-03", "2023-03", "2025-11", "2026-07"):
        assert known in message
    with pytest.raises(so.UsageError, match=r"editions there are: 2021-03$"):
        so.example_envelope("Services82", "RefreshFolder", edition="2025-11")
    with pytest.raises(so.UsageError, match="edition must be a str"):
        so.example_envelope("Services88", "RefreshFolder", edition=2025)  # type: ignore[arg-type]


def test_an_older_edition_has_only_what_it_had() -> None:
    # the Graph operations came with SuperOffice's WSDLs of 2026-07 (the reference README)
    assert len(load("Services88").operations) == 110
    assert load("Services88", edition="2026-07") is load("Services88")  # the newest: no view
    assert load("Services88", edition="2021-03") is load("Services88", "EMail", "2021-03")
    assert len(load("Services88", edition="2025-11").operations) == 102
    assert len(load("Services88", edition="2023-03").operations) == 99
    assert len(load("Services88", edition="2021-03").operations) == 90
    with pytest.raises(so.UnknownOperationError, match="in the 2025-11 edition"):
        so.example_envelope("Services88", "GetEMailAsEmlStream", edition="2025-11")
    newest = so.example_envelope("Services88", "GetEMailFromId", "response")
    older = so.example_envelope("Services88", "GetEMailFromId", "response", edition="2021-03")
    assert b"ServerIdentifier" in newest and b"ServerIdentifier" not in older
    # each edition's own instant: fixtures/editions/2025-11/docs/Services88/GetEMailFromId.*,
    # fixtures/docs/Services88/GetEMailFromId.*
    assert b"2025-11-26T12:07:36Z" in newest and b"2021-03-25T21:36:57Z" in older


_FIRST_CALLS = """
import gc, json
import superoffice_email as so
from superoffice_email import _examples
from superoffice_email._schema import Schema
request = so.build_request("Services88", "GetAttachment", message_server_id=1)
so.parse_request("Services88", request)
so.example_envelope("Services88", "GetAttachment", "response")
views = [s.edition for s in gc.get_objects() if isinstance(s, Schema) and s.edition]
print(json.dumps(views))
"""


def test_older_editions_cost_nothing_until_asked_for() -> None:
    # a fresh interpreter: today's models, built and read and exemplified, build no older view
    run = subprocess.run(
        [sys.executable, "-c", _FIRST_CALLS], capture_output=True, text=True, check=True
    )
    assert json.loads(run.stdout) == []
