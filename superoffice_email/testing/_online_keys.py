"""Test keys and tokens for the Online login: SuperOffice's side of the system user flow.

:func:`generate_test_key` makes an RSA key pair with a ``kid``, its public JWKS and its
private key as PEM and as .NET RSA XML (as SuperOffice hands out application keys);
:func:`issue_system_user_jwt` signs a token as PartnerSystemUserService does. For tests and
the fake server only: keys are made fresh in memory. Needs the ``online`` extra.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from .._online_crypto import ALGORITHM, TICKET_CLAIM, require_online_extra

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey, RSAPublicKey


@attrs.frozen
class TestKeyPair:
    """An RSA key pair for tests; ``kid`` names it in a JWKS and in the tokens it signs."""

    __test__ = False  # not a pytest test class, despite the name

    private_key: RSAPrivateKey = attrs.field(repr=False)
    kid: str

    @property
    def public_key(self) -> RSAPublicKey:
        return self.private_key.public_key()

    def jwks(self) -> dict[str, Any]:
        """The public key as a JSON Web Key Set, as ``/login/.well-known/jwks`` serves it."""
        numbers = self.public_key.public_numbers()
        return {
            "keys": [
                {
                    "kty": "RSA",
                    "use": "sig",
                    "alg": ALGORITHM,
                    "kid": self.kid,
                    "n": _b64url(_unsigned(numbers.n)),
                    "e": _b64url(_unsigned(numbers.e)),
                }
            ]
        }

    def private_pem(self, *, pkcs8: bool = True, password: bytes | None = None) -> bytes:
        """The private key as PEM: PKCS#8 (or PKCS#1 with ``pkcs8=False``), encrypted with
        ``password`` if given (PKCS#8 only)."""
        from cryptography.hazmat.primitives import serialization

        encryption: serialization.KeySerializationEncryption = (
            serialization.BestAvailableEncryption(password)
            if password is not None
            else serialization.NoEncryption()
        )
        layout = (
            serialization.PrivateFormat.PKCS8
            if pkcs8 or password is not None
            else serialization.PrivateFormat.TraditionalOpenSSL
        )
        return self.private_key.private_bytes(serialization.Encoding.PEM, layout, encryption)

    def public_pem(self) -> bytes:
        from cryptography.hazmat.primitives import serialization

        return self.public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def rsa_xml(self) -> str:
        """The private key in .NET's ``RSA.ToXmlString(true)`` form: fixed-length
        big-endian numbers (the modulus' length, half of it for the primes' parts)."""
        numbers = self.private_key.private_numbers()
        size = (self.private_key.key_size + 7) // 8
        half = (size + 1) // 2
        parts = [
            ("Modulus", _b64(numbers.public_numbers.n.to_bytes(size, "big"))),
            ("Exponent", _b64(_unsigned(numbers.public_numbers.e))),
            ("P", _b64(numbers.p.to_bytes(half, "big"))),
            ("Q", _b64(numbers.q.to_bytes(half, "big"))),
            ("DP", _b64(numbers.dmp1.to_bytes(half, "big"))),
            ("DQ", _b64(numbers.dmq1.to_bytes(half, "big"))),
            ("InverseQ", _b64(numbers.iqmp.to_bytes(half, "big"))),
            ("D", _b64(numbers.d.to_bytes(size, "big"))),
        ]
        return "<RSAKeyValue>" + "".join(f"<{n}>{v}</{n}>" for n, v in parts) + "</RSAKeyValue>"


def _unsigned(value: int) -> bytes:
    return value.to_bytes((value.bit_length() + 7) // 8 or 1, "big")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def generate_test_key(bits: int = 2048, kid: str | None = None) -> TestKeyPair:
    """A fresh RSA key pair (public exponent 65537) named ``kid`` (random if not given)."""
    require_online_extra()
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    return TestKeyPair(key, kid or uuid.uuid4().hex)


def issue_system_user_jwt(
    claims: Mapping[str, Any],
    key: TestKeyPair,
    issuer: str,
    expires_in: timedelta = timedelta(minutes=5),
    *,
    ticket: str | None = None,
    now: datetime | None = None,
    headers: Mapping[str, Any] | None = None,
) -> str:
    """A system user JWT as SuperOffice signs it: RS256 with ``key`` (``kid`` in the
    header), ``iss`` ``issuer``, ``iat``/``nbf`` ``now`` and ``exp`` ``now + expires_in``,
    ``ticket`` as the ticket claim, then ``claims`` (which override any of these).
    ``headers`` add to (or replace) the JWT header. A ``None`` value, in either, leaves that
    name out."""
    require_online_extra()
    import jwt

    moment = now or datetime.now(UTC)
    payload: dict[str, Any] = {
        "iss": issuer,
        "iat": int(moment.timestamp()),
        "nbf": int(moment.timestamp()),
        "exp": int((moment + expires_in).timestamp()),
    }
    if ticket is not None:
        payload[TICKET_CLAIM] = ticket
    payload.update(claims)
    header = {"kid": key.kid, **(headers or {})}
    # None takes a claim or header out, to make the broken tokens tests need
    payload = {name: value for name, value in payload.items() if value is not None}
    header = {name: value for name, value in header.items() if value is not None}
    return jwt.encode(payload, key.private_key, algorithm=ALGORITHM, headers=header)


__all__ = ["TestKeyPair", "generate_test_key", "issue_system_user_jwt"]
