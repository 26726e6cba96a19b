"""The Online login's sans-I/O parts: environments, URLs, id_token claims, the missing extra.

Keys and the signed system token: ``test_online_keys.py``; the system user JWT:
``test_online_jwt.py``. Expected values are SuperOffice's documented ones, written out by hand.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from superoffice_email import _online
from superoffice_email._online import (
    ENVIRONMENTS,
    SiteInfo,
    from_id_token_claims,
    resolve_environment,
)
from superoffice_email.errors import MissingExtraError, UsageError

PREFIX = "http://schemes.superoffice.net/identity/"


# --- environments and URLs ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["sod", "stage", "online"])
def test_environments_have_the_documented_urls(name: str) -> None:
    environment = ENVIRONMENTS[name]
    assert environment.base_url == f"https://{name}.superoffice.com"
    assert environment.issuer == f"https://{name}.superoffice.com"
    assert environment.jwks_url == f"https://{name}.superoffice.com/login/.well-known/jwks"
    assert environment.partner_system_user_url == (
        f"https://{name}.superoffice.com/Login/Services/PartnerSystemUserService.svc"
    )
    assert environment.partner_system_user_rest_url == (
        f"https://{name}.superoffice.com/Login/api/PartnerSystemUser/Authenticate"
    )
    assert resolve_environment(name) is environment
    assert resolve_environment(name.upper()) is environment


def test_environments_are_read_only() -> None:
    with pytest.raises(TypeError):
        ENVIRONMENTS["evil"] = ENVIRONMENTS["sod"]  # type: ignore[index]
    assert sorted(ENVIRONMENTS) == ["online", "sod", "stage"]


@pytest.mark.parametrize(
    ("given", "base"),
    [
        ("https://login.example.com", "https://login.example.com"),
        ("https://login.example.com/", "https://login.example.com"),
        ("https://login.example.com:8443/prefix/", "https://login.example.com:8443/prefix"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://localhost:1234/", "http://localhost:1234"),
        ("http://[::1]:9/", "http://[::1]:9"),
    ],
)
def test_a_base_url_stands_for_an_environment(given: str, base: str) -> None:
    environment = resolve_environment(given)
    assert environment.base_url == base
    assert environment.issuer == base
    assert environment.jwks_url == base + "/login/.well-known/jwks"
    assert environment.partner_system_user_url == (
        base + "/Login/Services/PartnerSystemUserService.svc"
    )


@pytest.mark.parametrize(
    ("given", "words", "hidden"),
    [
        ("http://login.example.com", "must use https", None),
        ("http://10.0.0.1/", "must use https", None),
        ("ftp://login.example.com", "https://", None),
        ("https://", "with a host", None),
        ("https://ann:s3cret-pw@login.example.com", "user info", "s3cret-pw"),
        ("https://login.example.com/?ticket=7T:secret-ticket", "query", "secret-ticket"),
        ("https://login.example.com/#token=secret-frag", "fragment", "secret-frag"),
        ("https://login.example.com:99999", "not a valid URL", None),
        ("nowhere", "unknown environment 'nowhere'", None),
    ],
)
def test_bad_environments_are_usage_errors(given: str, words: str, hidden: str | None) -> None:
    with pytest.raises(UsageError) as caught:
        resolve_environment(given)
    message = str(caught.value)
    assert words in message
    assert "environment" in message
    if hidden is not None:
        assert hidden not in message
        assert caught.value.__context__ is None


def test_an_environment_must_be_a_string() -> None:
    with pytest.raises(UsageError, match="environment must be a str"):
        resolve_environment(42)  # type: ignore[arg-type]


# --- id_token claims ----------------------------------------------------------------------


def claims(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "netserver_url": "https://sod.superoffice.com/Cust26759/Remote/Services86/",
        "ctx": "Cust26759",
        "webapi_url": "https://sod.superoffice.com/Cust26759/api/",
        "system_token": "SuperOffice AS-Test system token 7bL4",
        "ticket": "7T:dGhpcyBpcyBhIHRpY2tldA==",
    }
    values.update(overrides)
    result = {PREFIX + name: value for name, value in values.items() if value is not None}
    result.update({"iss": "https://sod.superoffice.com", "sub": "ann@example.com"})
    return result


def test_claims_give_the_site() -> None:
    site = from_id_token_claims(claims())
    assert site == SiteInfo(
        base_url="https://sod.superoffice.com/Cust26759/Remote/",
        version="Services86",
        context_identifier="Cust26759",
        webapi_url="https://sod.superoffice.com/Cust26759/api/",
        ticket="7T:dGhpcyBpcyBhIHRpY2tldA==",
        system_token="SuperOffice AS-Test system token 7bL4",
    )


def test_optional_claims_may_be_absent() -> None:
    site = from_id_token_claims(
        claims(
            netserver_url="https://online.superoffice.com/Cust1/Remote/Services88",
            ctx="Cust1",
            webapi_url=None,
            system_token=None,
            ticket=None,
        )
    )
    assert site == SiteInfo("https://online.superoffice.com/Cust1/Remote/", "Services88", "Cust1")
    assert site.ticket is None and site.system_token is None and site.webapi_url is None


def test_site_repr_hides_the_ticket_and_system_token() -> None:
    site = from_id_token_claims(claims())
    text = repr(site)
    assert "dGhpcyBpcyBhIHRpY2tldA" not in text
    assert "7bL4" not in text
    assert "ticket=***" in text and "system_token=***" in text
    assert "Cust26759" in text
    absent = repr(from_id_token_claims(claims(ticket=None)))
    assert "ticket=None" in absent


def test_site_info_is_frozen() -> None:
    site = from_id_token_claims(claims())
    with pytest.raises(AttributeError):
        site.ticket = "other"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"netserver_url": None}, PREFIX + "netserver_url"),
        ({"ctx": None}, PREFIX + "ctx"),
        ({"ctx": ""}, "'" + PREFIX + "ctx' must be a non-empty string"),
        ({"ctx": ["Cust1", "Cust2"]}, "must be a non-empty string, not list"),
        ({"ticket": 17}, PREFIX + "ticket"),
        ({"system_token": {"x": 1}}, PREFIX + "system_token"),
        ({"netserver_url": "https://sod.superoffice.com/Cust1/api/"}, "/Remote/ServicesNN/"),
        ({"netserver_url": "https://sod.superoffice.com/Cust1/Remote/"}, "/Remote/ServicesNN/"),
        ({"netserver_url": "http://sod.superoffice.com/Cust1/Remote/Services88/"}, "https"),
        ({"webapi_url": "http://sod.superoffice.com/Cust1/api/"}, PREFIX + "webapi_url"),
    ],
)
def test_missing_or_odd_claims_are_named(overrides: dict[str, Any], words: str) -> None:
    with pytest.raises(UsageError) as caught:
        from_id_token_claims(claims(**overrides))
    assert words in str(caught.value)
    assert "dGhpcyBpcyBhIHRpY2tldA" not in str(caught.value)


def test_an_odd_secret_claim_is_never_quoted() -> None:
    with pytest.raises(UsageError) as caught:
        from_id_token_claims(claims(ticket=["7T:c2VjcmV0LXRpY2tldA=="]))
    assert "c2VjcmV0" not in str(caught.value)


def test_claims_must_be_a_mapping() -> None:
    with pytest.raises(UsageError, match="claims must be a mapping"):
        from_id_token_claims([("ctx", "Cust1")])  # type: ignore[arg-type]


# --- the optional extra -------------------------------------------------------------------


@pytest.mark.parametrize("missing", ["cryptography", "jwt"])
def test_without_the_extra_the_error_names_it(
    monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    # None in sys.modules makes ``import`` fail as if the package were not installed
    monkeypatch.setitem(sys.modules, missing, None)
    now = datetime.now(UTC)
    calls: list[Callable[[], object]] = [
        lambda: _online.load_private_key("-----BEGIN PRIVATE KEY-----"),
        lambda: _online.signed_system_token("token", b"key", now),
        lambda: _online.verify_system_user_jwt("a.b.c", issuer="https://x", now=now, jwks={}),
    ]
    for call in calls:
        with pytest.raises(MissingExtraError) as caught:
            call()
        assert "pip install 'superoffice_email[online]'" in str(caught.value)
        assert repr(missing) in str(caught.value)
        assert isinstance(caught.value, UsageError)
        assert caught.value.__context__ is None and caught.value.__cause__ is None


def test_the_module_imports_and_reads_claims_without_the_extra() -> None:
    # a fresh interpreter, so that nothing has imported cryptography or PyJWT yet
    program = (
        "import sys\n"
        "sys.modules['cryptography'] = sys.modules['jwt'] = None\n"
        "from superoffice_email import _online\n"
        f"site = _online.from_id_token_claims({claims()!r})\n"
        "print(_online.resolve_environment('stage').jwks_url, site.version)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == [
        "https://stage.superoffice.com/login/.well-known/jwks",
        "Services86",
    ]
