"""Selecting what the core speaks: the agent (``agent=``) and the edition (``edition=``)."""

from __future__ import annotations

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
