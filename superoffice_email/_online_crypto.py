"""The system user flow's cryptography: keys, the signed system token, the JWT that answers.

Needs the ``online`` extra: ``cryptography`` (RSA, X.509) and ``PyJWT`` (JWT, JWKS), both
widely used and kept up to date. They are imported inside the functions, so the rest of the
library works without them; a call without them raises :class:`MissingExtraError`.
Nothing here quotes a key, a token or a ticket in an error, and no error of ours chains to
another library's (whose text could).
"""

from __future__ import annotations

import base64
import binascii
import functools
import importlib
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from lxml import etree

from ._xml import parse_xml
from .errors import (
    Error,
    ForbiddenXmlError,
    MissingExtraError,
    PrivateKeyError,
    ProtocolError,
    TokenValidationError,
    UsageError,
)

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey, RSAPublicKey
    from cryptography.x509 import Certificate

#: prefix of SuperOffice's claims in its id_tokens and system user tokens
CLAIM_PREFIX = "http://schemes.superoffice.net/identity/"
#: the system user token's claim that holds the NetServer ticket
TICKET_CLAIM = CLAIM_PREFIX + "ticket"

_INSTALL_HINT = "pip install 'superoffice_email[online]'"

_T = TypeVar("_T")
_Failure = tuple[type[Exception] | tuple[type[Exception], ...], Error]


def _guarded(call: Callable[[], _T], *failures: _Failure) -> _T:
    """``call()``, with each listed exception replaced by its library error.

    The replacement is raised outside the handler, so it has neither ``__cause__`` nor
    ``__context__``: a traceback never shows the original text, which may quote a key or a
    token.
    """
    replacement: Error | None = None
    try:
        return call()
    except Exception as error:
        replacement = next((mine for kind, mine in failures if isinstance(error, kind)), None)
        if replacement is None:
            raise
    raise replacement


def require_online_extra() -> None:
    """Raise :class:`MissingExtraError` naming the extra unless cryptography and PyJWT import."""
    for module in ("cryptography", "jwt"):
        missing = MissingExtraError(
            f"the Online login needs the optional dependencies cryptography and PyJWT "
            f"({module!r} is missing): {_INSTALL_HINT}"
        )
        _guarded(functools.partial(importlib.import_module, module), (ImportError, missing))


# --- private keys ------------------------------------------------------------------------

#: .NET's RSAParameters as ``ToXmlString(true)`` writes them, in RSAPrivateNumbers' order
RSA_XML_ELEMENTS = ("Modulus", "Exponent", "D", "P", "Q", "DP", "DQ", "InverseQ")


def load_private_key(data: str | bytes, password: str | bytes | None = None) -> RSAPrivateKey:
    """An application's RSA private key from PEM (PKCS#1 ``RSA PRIVATE KEY`` or PKCS#8
    ``PRIVATE KEY``; ``ENCRYPTED PRIVATE KEY`` with ``password``) or from .NET's RSA XML
    (``<RSAKeyValue>`` with ``Modulus``, ``Exponent``, ``D``, ``P``, ``Q``, ``DP``, ``DQ``,
    ``InverseQ``, each base64 of a big-endian number), as SuperOffice issues them.

    Raises :class:`PrivateKeyError` naming what is wrong, never quoting the key.
    """
    require_online_extra()
    if isinstance(data, str):
        data = data.encode("utf-8", "replace")  # a lone surrogate: an unreadable key, below
    if not isinstance(data, bytes):
        raise PrivateKeyError(f"a private key must be str or bytes, not {type(data).__name__}")
    text = data.lstrip(b"\xef\xbb\xbf \t\r\n")  # a UTF-8 BOM, as Windows tools write
    if text.startswith(b"<"):
        if password is not None:
            raise PrivateKeyError("an RSA XML key is never encrypted: give no password")
        return _from_rsa_xml(text)
    if text.startswith(b"-----BEGIN "):
        return _from_pem(text, password)
    raise PrivateKeyError("the private key is neither PEM (-----BEGIN ...) nor RSA XML")


def _from_pem(data: bytes, password: str | bytes | None) -> RSAPrivateKey:
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    label = data[len(b"-----BEGIN ") :].split(b"-----", 1)[0].decode("ascii", "replace")
    if label in ("PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE"):
        raise PrivateKeyError(f"the PEM holds a {label.lower()}, not a private key")
    secret = password.encode("utf-8", "replace") if isinstance(password, str) else password
    # cryptography's TypeError means a password was missing or one too many
    password_problem = (
        "the PEM private key is encrypted: give its password"
        if secret is None
        else "the PEM private key is not encrypted: give no password"
    )
    what = "or the password is wrong" if secret is not None else "or is damaged"
    key = _guarded(
        lambda: load_pem_private_key(data, secret),
        (TypeError, PrivateKeyError(password_problem)),
        (UnsupportedAlgorithm, PrivateKeyError("the PEM private key's algorithm is unsupported")),
        (ValueError, PrivateKeyError(f"the PEM {label} cannot be read ({what})")),
    )
    if not isinstance(key, rsa.RSAPrivateKey):
        raise PrivateKeyError(f"the PEM holds a {type(key).__name__}, not an RSA private key")
    return key


def _from_rsa_xml(data: bytes) -> RSAPrivateKey:
    from cryptography.hazmat.primitives.asymmetric import rsa

    # lxml's own message may quote a line of the key: say only what kind of problem
    root = _guarded(
        lambda: parse_xml(data),
        (ForbiddenXmlError, PrivateKeyError("the RSA XML key uses a DTD or entities")),
        (ProtocolError, PrivateKeyError("the RSA XML key is not well-formed XML")),
    )
    if etree.QName(root).localname != "RSAKeyValue":
        raise PrivateKeyError("an RSA XML key's root element must be <RSAKeyValue>")
    numbers: dict[str, int] = {}
    for child in root:
        if not isinstance(child.tag, str):
            continue  # comments and processing instructions
        name = etree.QName(child).localname
        if name not in RSA_XML_ELEMENTS:
            continue  # .NET ignores what it does not know too
        if name in numbers:
            raise PrivateKeyError(f"<RSAKeyValue> has more than one <{name}>")
        numbers[name] = _xml_number(name, child.text or "")
    if set(numbers) == {"Modulus", "Exponent"}:
        raise PrivateKeyError("the RSA XML key is a public key (no <D>, <P>, <Q>...)")
    missing = [name for name in RSA_XML_ELEMENTS if name not in numbers]
    if missing:
        raise PrivateKeyError(f"<RSAKeyValue> lacks <{'>, <'.join(missing)}>")
    private = rsa.RSAPrivateNumbers(
        p=numbers["P"],
        q=numbers["Q"],
        d=numbers["D"],
        dmp1=numbers["DP"],
        dmq1=numbers["DQ"],
        iqmp=numbers["InverseQ"],
        public_numbers=rsa.RSAPublicNumbers(numbers["Exponent"], numbers["Modulus"]),
    )
    invalid = PrivateKeyError("the RSA XML key's numbers do not form a valid RSA key")
    return _guarded(private.private_key, (ValueError, invalid))


def _xml_number(name: str, text: str) -> int:
    compact = "".join(text.split())
    if not compact:
        raise PrivateKeyError(f"<RSAKeyValue>/<{name}> is empty")
    raw = _guarded(
        lambda: base64.b64decode(compact, validate=True),
        ((binascii.Error, ValueError), PrivateKeyError(f"<RSAKeyValue>/<{name}> is not base64")),
    )
    return int.from_bytes(raw, "big")


# --- the signed system token --------------------------------------------------------------


def signed_system_token(
    system_token: str, private_key: RSAPrivateKey | str | bytes, now: datetime
) -> str:
    """``system_token.yyyyMMddHHmm.signature`` for PartnerSystemUserService ``Authenticate``.

    The signature is RSA PKCS#1 v1.5 with SHA-256 over the UTF-8 bytes of
    ``system_token + "." + yyyyMMddHHmm`` (``now`` in UTC), in standard base64 as .NET's
    ``Convert.ToBase64String`` writes it. ``now`` must carry a time zone. ``private_key`` is a
    loaded key or what :func:`load_private_key` reads. The result is a secret.
    """
    require_online_extra()
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    if not isinstance(system_token, str) or not system_token.strip():
        raise UsageError("system_token must be a non-empty str")
    if isinstance(private_key, str | bytes):
        private_key = load_private_key(private_key)
    if not isinstance(private_key, rsa.RSAPrivateKey):
        raise UsageError(
            f"private_key must be an RSA private key, PEM or RSA XML, "
            f"not {type(private_key).__name__}"
        )
    stamp = _utc(now, "now").strftime("%Y%m%d%H%M")
    message = f"{system_token}.{stamp}"
    data = message.encode("utf-8", "surrogatepass")
    signature = private_key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    return f"{message}.{base64.b64encode(signature).decode('ascii')}"


def _utc(moment: datetime, name: str) -> datetime:
    if not isinstance(moment, datetime):
        raise UsageError(f"{name} must be a datetime, not {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise UsageError(f"{name} must carry a time zone (datetime.now(UTC))")
    return moment.astimezone(UTC)


# --- the system user JWT -------------------------------------------------------------------

#: the only algorithm a SuperOffice system user token is signed with
ALGORITHM = "RS256"


def verify_system_user_jwt(
    token: str,
    *,
    issuer: str,
    now: datetime,
    jwks: Mapping[str, Any] | None = None,
    public_key: RSAPublicKey | str | bytes | None = None,
    certificate: Certificate | str | bytes | None = None,
    leeway: timedelta = timedelta(seconds=30),
    audience: str | None = None,
) -> dict[str, Any]:
    """The claims of a system user JWT, after checking its RS256 signature, issuer and time.

    The key is exactly one of: ``jwks`` (a JSON Web Key Set as a dict, from the
    environment's ``jwks_url``; the token's ``kid`` picks the key), ``public_key`` (RSA,
    loaded or PEM) or ``certificate`` (X.509, loaded or PEM). ``exp`` must be present and
    after ``now - leeway``; ``nbf``, if present, before ``now + leeway``. ``audience`` is
    checked when given. Any other algorithm (``none``, ``HS256``...) is refused.

    Raises :class:`TokenValidationError` with the reason, never with the token.
    """
    require_online_extra()
    import jwt

    if not isinstance(token, str) or not token:
        raise UsageError("token must be a non-empty str")
    if not isinstance(issuer, str) or not issuer:
        raise UsageError("issuer must be a non-empty str")
    if not isinstance(leeway, timedelta) or leeway < timedelta(0):
        raise UsageError("leeway must be a timedelta of zero or more")
    instant = _utc(now, "now")
    if sum(key is not None for key in (jwks, public_key, certificate)) != 1:
        raise UsageError("give exactly one of jwks, public_key or certificate")
    header = _guarded(
        lambda: jwt.get_unverified_header(token),
        (Exception, TokenValidationError("not a JWT (malformed header)")),
    )
    algorithm = header.get("alg")
    if algorithm != ALGORITHM:
        shown = algorithm if isinstance(algorithm, str) and len(algorithm) <= 10 else "?"
        raise TokenValidationError(f"algorithm {shown!r} is not allowed (RS256 only)")
    key = _verification_key(header, jwks, public_key, certificate)
    claims = _decode(token, key, issuer, audience)
    _check_times(claims, instant, leeway)
    return claims


# PyJWT's exceptions by what they mean; anything else it raises is a malformed token
_JWT_REASONS = (
    ("InvalidSignatureError", "bad signature"),
    ("InvalidIssuerError", "wrong issuer"),
    ("InvalidAudienceError", "wrong audience"),
)


def _decode(token: str, key: RSAPublicKey, issuer: str, audience: str | None) -> dict[str, Any]:
    import jwt

    reason = "malformed token"
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            issuer=issuer,
            audience=audience,
            # time is checked by the caller against its own ``now``
            options={
                "require": ["exp", "iss"],
                "verify_exp": False,
                "verify_nbf": False,
                "verify_iat": False,
                "verify_aud": audience is not None,
            },
        )
        return claims
    except jwt.MissingRequiredClaimError as error:
        reason = f"no {error.claim!r} claim"
    except Exception as error:  # whatever an untrusted token makes PyJWT raise
        for name, meaning in _JWT_REASONS:
            if isinstance(error, getattr(jwt, name)):
                reason = meaning
    # raised here, outside the handler, so that no exception chain leads to PyJWT's
    raise TokenValidationError(reason)


def _check_times(claims: Mapping[str, Any], now: datetime, leeway: timedelta) -> None:
    stamp = now.timestamp()
    slack = leeway.total_seconds()
    expires = claims.get("exp")
    if isinstance(expires, bool) or not isinstance(expires, int | float):
        raise TokenValidationError("the 'exp' claim is not a number")
    if stamp - slack >= expires:
        raise TokenValidationError("expired")
    if "nbf" in claims:
        not_before = claims["nbf"]
        if isinstance(not_before, bool) or not isinstance(not_before, int | float):
            raise TokenValidationError("the 'nbf' claim is not a number")
        if stamp + slack < not_before:
            raise TokenValidationError("not valid yet (nbf)")


def _verification_key(
    header: Mapping[str, Any],
    jwks: Mapping[str, Any] | None,
    public_key: RSAPublicKey | str | bytes | None,
    certificate: Certificate | str | bytes | None,
) -> RSAPublicKey:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    key: object
    if jwks is not None:
        key = _key_from_jwks(header, jwks)
    elif certificate is not None:
        if isinstance(certificate, str | bytes):
            data = (
                certificate.encode("ascii", "replace")
                if isinstance(certificate, str)
                else certificate
            )
            certificate = _guarded(
                lambda: x509.load_pem_x509_certificate(data),
                (ValueError, UsageError("certificate is not a PEM X.509 certificate")),
            )
        if not isinstance(certificate, x509.Certificate):
            raise UsageError(f"certificate must be an X.509 certificate, not {type(certificate)}")
        key = certificate.public_key()
    else:
        if isinstance(public_key, str | bytes):
            data = (
                public_key.encode("ascii", "replace") if isinstance(public_key, str) else public_key
            )
            public_key = _guarded(  # type: ignore[assignment]
                lambda: load_pem_public_key(data),
                (ValueError, UsageError("public_key is not a PEM public key")),
            )
        key = public_key
    if not isinstance(key, rsa.RSAPublicKey):
        # an HMAC secret or an EC key here would open the door to algorithm confusion
        raise UsageError(f"the verification key must be an RSA public key, not {type(key)}")
    return key


def _key_from_jwks(header: Mapping[str, Any], jwks: Mapping[str, Any]) -> object:
    import jwt

    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise TokenValidationError("the token names no signing key (no 'kid' in its header)")
    keys = jwks.get("keys") if isinstance(jwks, Mapping) else None
    if not isinstance(keys, list):
        raise UsageError("jwks must be a JSON Web Key Set: a dict with a 'keys' list")
    matches = [k for k in keys if isinstance(k, Mapping) and k.get("kid") == kid]
    if not matches:
        shown = kid if len(kid) <= 64 else kid[:61] + "..."
        raise TokenValidationError(f"no key {shown!r} in the JWKS (unknown kid)")
    if len(matches) > 1:
        raise TokenValidationError("the JWKS has more than one key with the token's kid")
    entry = matches[0]
    if entry.get("kty") != "RSA":
        raise TokenValidationError("the JWKS key for the token's kid is not an RSA key")
    if entry.get("use", "sig") != "sig" or entry.get("alg", ALGORITHM) != ALGORITHM:
        raise TokenValidationError("the JWKS key for the token's kid is not an RS256 signing key")
    return _guarded(
        lambda: jwt.PyJWK.from_dict(dict(entry), algorithm=ALGORITHM).key,
        (jwt.PyJWTError, UsageError("the JWKS key for the token's kid cannot be read")),
    )


def system_user_ticket(claims: Mapping[str, Any]) -> str:
    """The NetServer ticket in a verified system user token's claims (a secret)."""
    ticket = claims.get(TICKET_CLAIM)
    if not isinstance(ticket, str) or not ticket.strip():
        raise TokenValidationError(f"no ticket claim ({TICKET_CLAIM})")
    return ticket.strip()
