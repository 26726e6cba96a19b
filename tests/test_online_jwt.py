"""The system user JWT: RS256 only, the key by ``kid``, issuer and time checked, the ticket
taken from its claim; every refusal a typed error that carries neither token nor ticket."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.x509.oid import NameOID

from superoffice_email._online import (
    ENVIRONMENTS,
    TICKET_CLAIM,
    system_user_ticket,
    verify_system_user_jwt,
)
from superoffice_email.errors import AuthenticationError, TokenValidationError, UsageError
from superoffice_email.testing._online_keys import (
    TestKeyPair,
    generate_test_key,
    issue_system_user_jwt,
)

ISSUER = ENVIRONMENTS["sod"].issuer
TICKET = "7T:c3lzdGVtIHVzZXIgdGlja2V0OzQy"
NOW = dt.datetime(2026, 12, 3, 7, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def key() -> TestKeyPair:
    return generate_test_key(kid="sod-2026")


@pytest.fixture(scope="module")
def other_key() -> TestKeyPair:
    return generate_test_key(kid="sod-2026")  # same kid, other numbers: a forger's key


def issue(key: TestKeyPair, **claims: Any) -> str:
    return issue_system_user_jwt(
        claims, key, ISSUER, dt.timedelta(minutes=5), ticket=TICKET, now=NOW
    )


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def hand_made(header: Mapping[str, Any], payload: Mapping[str, Any], secret: bytes | None) -> str:
    """A JWT written by hand, signed with HMAC-SHA256 when ``secret`` is given."""
    signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(payload).encode())
    signature = b""
    if secret is not None:
        signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64url(signature)


def payload(**overrides: Any) -> dict[str, Any]:
    now = int(NOW.timestamp())
    values: dict[str, Any] = {"iss": ISSUER, "exp": now + 300, "nbf": now, TICKET_CLAIM: TICKET}
    values.update(overrides)
    return values


def refused(token: str, reason: str, **kwargs: Any) -> TokenValidationError:
    arguments: dict[str, Any] = {"issuer": ISSUER, "now": NOW, **kwargs}
    with pytest.raises(TokenValidationError) as caught:
        verify_system_user_jwt(token, **arguments)
    error = caught.value
    assert error.reason == reason
    assert isinstance(error, AuthenticationError)
    for text in (str(error), repr(error), repr(error.args)):
        assert token not in text
        signature = token.split(".")[-1]
        assert not signature or signature[:16] not in text
        assert TICKET not in text
    # nothing in a traceback leads to the JWT library's exception (or its text)
    assert error.__cause__ is None and error.__context__ is None
    return error


# --- accepted ---------------------------------------------------------------------------------


def test_a_good_token_gives_its_claims_and_ticket(key: TestKeyPair) -> None:
    token = issue(key, sub="system user")
    claims = verify_system_user_jwt(token, jwks=key.jwks(), issuer=ISSUER, now=NOW)
    assert claims["iss"] == ISSUER
    assert claims["sub"] == "system user"
    assert claims["exp"] == int(NOW.timestamp()) + 300
    assert system_user_ticket(claims) == TICKET


def test_the_key_may_be_a_public_key_or_certificate(key: TestKeyPair) -> None:
    token = issue(key)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "SuperOffice test")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key)
        .serial_number(1)
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=1))
        .sign(key.private_key, hashes.SHA256())
    )
    from cryptography.hazmat.primitives.serialization import Encoding

    for source in (
        {"public_key": key.public_key},
        {"public_key": key.public_pem()},
        {"public_key": key.public_pem().decode()},
        {"certificate": certificate},
        {"certificate": certificate.public_bytes(Encoding.PEM)},
    ):
        claims = verify_system_user_jwt(token, issuer=ISSUER, now=NOW, **source)
        assert system_user_ticket(claims) == TICKET


def test_the_test_kit_signs_plain_rs256(key: TestKeyPair) -> None:
    # checked with cryptography alone, without PyJWT: the signature covers header.payload
    token = issue(key)
    header_b64, payload_b64, signature_b64 = token.split(".")
    header = json.loads(base64.urlsafe_b64decode(header_b64 + "=" * (-len(header_b64) % 4)))
    assert header["alg"] == "RS256" and header["kid"] == "sod-2026"
    signature = base64.urlsafe_b64decode(signature_b64 + "=" * (-len(signature_b64) % 4))
    key.public_key.verify(
        signature, f"{header_b64}.{payload_b64}".encode(), padding.PKCS1v15(), hashes.SHA256()
    )
    jwk = key.jwks()["keys"][0]
    n = int.from_bytes(base64.urlsafe_b64decode(jwk["n"] + "=" * (-len(jwk["n"]) % 4)), "big")
    assert n == key.public_key.public_numbers().n
    assert jwk["e"] == "AQAB"  # 65537, as RFC 7518's example writes it


def test_time_is_checked_against_now_with_leeway(key: TestKeyPair) -> None:
    token = issue(key)
    expires = NOW + dt.timedelta(minutes=5)
    jwks = key.jwks()
    leeway = dt.timedelta(seconds=30)
    last = expires + leeway - dt.timedelta(seconds=1)
    verify_system_user_jwt(token, jwks=jwks, issuer=ISSUER, now=last, leeway=leeway)
    refused(token, "expired", jwks=jwks, now=expires + leeway, leeway=leeway)
    refused(token, "expired", jwks=jwks, now=expires, leeway=dt.timedelta(0))
    # nbf is NOW: a clock 30 s behind is inside the default leeway, 31 s is not
    verify_system_user_jwt(token, jwks=jwks, issuer=ISSUER, now=NOW - leeway)
    refused(token, "not valid yet (nbf)", jwks=jwks, now=NOW - dt.timedelta(seconds=31))
    # another time zone, same instant
    oslo = dt.timezone(dt.timedelta(hours=1))
    verify_system_user_jwt(token, jwks=jwks, issuer=ISSUER, now=NOW.astimezone(oslo))


def test_audience_is_checked_when_given(key: TestKeyPair) -> None:
    token = issue(key, aud="spn:my-app")
    jwks = key.jwks()
    verify_system_user_jwt(token, jwks=jwks, issuer=ISSUER, now=NOW)
    verify_system_user_jwt(token, jwks=jwks, issuer=ISSUER, now=NOW, audience="spn:my-app")
    refused(token, "wrong audience", jwks=jwks, audience="spn:other-app")


# --- refused ------------------------------------------------------------------------------------


def test_bad_signature(key: TestKeyPair, other_key: TestKeyPair) -> None:
    refused(issue(other_key), "bad signature", jwks=key.jwks())
    refused(issue(other_key), "bad signature", public_key=key.public_key)
    head, _body, signature = issue(key).split(".")
    forged_body = b64url(json.dumps(payload(**{TICKET_CLAIM: "7T:b3RoZXI="})).encode())
    refused(f"{head}.{forged_body}.{signature}", "bad signature", jwks=key.jwks())


def test_another_issuer(key: TestKeyPair) -> None:
    token = issue_system_user_jwt({}, key, ENVIRONMENTS["online"].issuer, ticket=TICKET, now=NOW)
    refused(token, "wrong issuer", jwks=key.jwks())
    refused(issue(key, iss=None), "no 'iss' claim", jwks=key.jwks())
    refused(issue(key, iss=ISSUER + "/"), "wrong issuer", jwks=key.jwks())


def test_odd_claim_types_are_refused(key: TestKeyPair) -> None:
    import jwt

    # PyJWT's encoder refuses a number as iss: sign the raw payload with its JWS layer
    for odd in ({"iss": 42}, {"iss": [ISSUER]}, {"exp": None}, {"nbf": "now"}):
        body = json.dumps(payload(**odd)).encode()
        token = jwt.PyJWS().encode(body, key.private_key, "RS256", {"kid": key.kid})
        with pytest.raises(TokenValidationError) as caught:
            verify_system_user_jwt(token, jwks=key.jwks(), issuer=ISSUER, now=NOW)
        assert caught.value.__context__ is None


def test_a_token_without_exp(key: TestKeyPair) -> None:
    import jwt

    token = jwt.encode(
        {"iss": ISSUER, TICKET_CLAIM: TICKET}, key.private_key, "RS256", {"kid": key.kid}
    )
    refused(token, "no 'exp' claim", jwks=key.jwks())
    refused(issue(key, exp="tomorrow"), "the 'exp' claim is not a number", jwks=key.jwks())


def test_alg_none_is_refused(key: TestKeyPair) -> None:
    token = hand_made({"alg": "none", "typ": "JWT", "kid": key.kid}, payload(), None)
    refused(token, "algorithm 'none' is not allowed (RS256 only)", jwks=key.jwks())
    refused(token, "algorithm 'none' is not allowed (RS256 only)", public_key=key.public_key)


def test_hs256_keyed_with_the_public_key_is_refused(key: TestKeyPair) -> None:
    # the classic confusion: an HMAC "signed" with the RSA public key everybody can fetch
    for secret in (key.public_pem(), key.public_pem().strip()):
        token = hand_made({"alg": "HS256", "typ": "JWT", "kid": key.kid}, payload(), secret)
        for source in ({"jwks": key.jwks()}, {"public_key": key.public_pem()}):
            refused(token, "algorithm 'HS256' is not allowed (RS256 only)", **source)
    other = issue_system_user_jwt({}, key, ISSUER, ticket=TICKET, now=NOW, headers={"alg": "RS512"})
    refused(other, "algorithm 'RS512' is not allowed (RS256 only)", jwks=key.jwks())


def test_an_hmac_key_in_the_jwks_is_never_used(key: TestKeyPair) -> None:
    secret = b"shared-secret-0123456789abcdef0123"
    token = hand_made({"alg": "RS256", "kid": "hmac"}, payload(), secret)
    jwks = {"keys": [{"kty": "oct", "kid": "hmac", "k": b64url(secret)}, *key.jwks()["keys"]]}
    refused(token, "the JWKS key for the token's kid is not an RSA key", jwks=jwks)


def test_kid_must_name_a_key_of_the_jwks(key: TestKeyPair) -> None:
    no_kid = issue_system_user_jwt({}, key, ISSUER, ticket=TICKET, now=NOW, headers={"kid": None})
    refused(no_kid, "the token names no signing key (no 'kid' in its header)", jwks=key.jwks())
    # with the key given directly, no kid is needed
    verify_system_user_jwt(no_kid, public_key=key.public_key, issuer=ISSUER, now=NOW)
    unknown = generate_test_key(kid="retired-2019")
    refused(issue(unknown), "no key 'retired-2019' in the JWKS (unknown kid)", jwks=key.jwks())
    twice = {"keys": key.jwks()["keys"] * 2}
    refused(issue(key), "the JWKS has more than one key with the token's kid", jwks=twice)
    encryption = {"keys": [{**key.jwks()["keys"][0], "use": "enc"}]}
    refused(
        issue(key), "the JWKS key for the token's kid is not an RS256 signing key", jwks=encryption
    )


@pytest.mark.parametrize(
    "token", ["not a token", "a.b.c", "eyJhbGciOiJSUzI1NiJ9", "e30.e30.", "!!.??.**"]
)
def test_malformed_tokens(key: TestKeyPair, token: str) -> None:
    with pytest.raises(TokenValidationError) as caught:
        verify_system_user_jwt(token, jwks=key.jwks(), issuer=ISSUER, now=NOW)
    assert caught.value.__context__ is None
    assert token not in str(caught.value)


def test_no_ticket_claim() -> None:
    with pytest.raises(TokenValidationError, match="no ticket claim") as caught:
        system_user_ticket({"iss": ISSUER})
    assert TICKET_CLAIM in str(caught.value)
    with pytest.raises(TokenValidationError, match="no ticket claim"):
        system_user_ticket({TICKET_CLAIM: ["7T:a", "7T:b"]})


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({}, "exactly one of jwks, public_key or certificate"),
        ({"jwks": {"keys": []}, "public_key": b"x"}, "exactly one of"),
        ({"jwks": {"no": "keys"}}, "a dict with a 'keys' list"),
        ({"public_key": b"-----BEGIN PUBLIC KEY-----\n"}, "not a PEM public key"),
        ({"certificate": "not a certificate"}, "not a PEM X.509 certificate"),
        ({"public_key": "secret"}, "not a PEM public key"),
        ({"jwks": {"keys": []}, "now": dt.datetime(2026, 12, 3)}, "must carry a time zone"),
        ({"jwks": {"keys": []}, "leeway": 30}, "leeway must be a timedelta"),
        ({"jwks": {"keys": []}, "issuer": ""}, "issuer must be a non-empty str"),
    ],
)
def test_bad_arguments_are_usage_errors(
    key: TestKeyPair, kwargs: dict[str, Any], words: str
) -> None:
    arguments: dict[str, Any] = {"issuer": ISSUER, "now": NOW, **kwargs}
    with pytest.raises(UsageError, match=words) as caught:
        verify_system_user_jwt(issue(key), **arguments)
    assert caught.value.__context__ is None


def test_an_ec_public_key_is_refused(key: TestKeyPair) -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    ec_key = ec.generate_private_key(ec.SECP256R1()).public_key()
    with pytest.raises(UsageError, match="must be an RSA public key"):
        verify_system_user_jwt(issue(key), public_key=ec_key, issuer=ISSUER, now=NOW)  # type: ignore[arg-type]
