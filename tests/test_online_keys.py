"""Application keys (PEM and .NET RSA XML) and the signed system token, checked against
OpenSSL: the keys in ``tests/data/online`` and the expected signature were made by OpenSSL
(see the README there), and a live ``openssl dgst -sign`` run where OpenSSL is installed."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from superoffice_email._online import load_private_key, signed_system_token
from superoffice_email.errors import PrivateKeyError, UsageError
from superoffice_email.testing._online_keys import generate_test_key

DATA = Path(__file__).parent / "data" / "online"
PEM = (DATA / "app_key.pem").read_bytes()
PEM_PKCS1 = (DATA / "app_key_pkcs1.pem").read_bytes()
PEM_ENCRYPTED = (DATA / "app_key_encrypted.pem").read_bytes()
XML = (DATA / "app_key.xml").read_text()
SYSTEM_TOKEN = "SuperOffice AS-Test system token 7bL4"
# 2026-12-03 07:26 UTC; the signature below is OpenSSL's (see tests/data/online/README.md)
MOMENT = datetime(2026, 12, 3, 7, 26, 59, tzinfo=UTC)
OPENSSL_SIGNATURE = (
    "XGANPBjAHV+rhdUq6BNxuHo3drKqRZ9k41Jq3KYcN9fctIDuNyHGb4apd4AKa+tGMh2l9tKJr6Djzs+S"
    "thYjGAys99yN5vkkQ+J5EeJimb09cCDnA8EQRb+/ElaYgFzVjY0NQ1dE1vybdEYyev2L/gu14kVAN05j"
    "lac0uQT+6QT1/wY9DfmU1oFKLT8vYtl32fuoatv+vr0TPKTLNcOL48Nz3Th+DjIZlsaBi41MtOAxl4pw"
    "28z8XuW9UY8Y6Ls5HPMOumyyIfMeW6E1Y7dKYAj8iIrdHI21Jq345qCXHrLoHw+4E5DnoKxrrBv9FvZi"
    "/A+YZM+9h9k4hL1TbjPScA=="
)


def numbers(key: rsa.RSAPrivateKey) -> rsa.RSAPrivateNumbers:
    return key.private_numbers()


def xml_element(name: str) -> str:
    found = re.search(rf"<{name}>([^<]*)</{name}>", XML)
    assert found is not None
    return found.group(1)


def xml_without(name: str) -> str:
    return re.sub(rf"<{name}>[^<]*</{name}>", "", XML)


def assert_quiet(error: BaseException, *secrets: str) -> None:
    """No key material in the message, and no chain to another library's error."""
    message = str(error)
    for secret in secrets:
        assert secret[:24] not in message
    assert error.__cause__ is None and error.__context__ is None


# --- loading ------------------------------------------------------------------------------


def test_pem_pkcs1_pkcs8_encrypted_and_xml_are_the_same_key() -> None:
    expected = numbers(load_private_key(PEM))
    assert numbers(load_private_key(PEM_PKCS1)) == expected
    assert numbers(load_private_key(PEM_ENCRYPTED, password="test-password")) == expected
    assert numbers(load_private_key(PEM_ENCRYPTED, password=b"test-password")) == expected
    assert numbers(load_private_key(XML)) == expected
    assert numbers(load_private_key(XML.encode())) == expected
    assert expected.public_numbers.e == 65537
    assert load_private_key(PEM).key_size == 2048


def test_xml_in_dotnet_layout_with_whitespace_declaration_and_bom() -> None:
    spaced = XML.replace("><", ">\n  <").replace("<Modulus>", "<Modulus>\n    ")
    text = "\ufeff<?xml version='1.0' encoding='utf-8'?>\n" + spaced
    assert numbers(load_private_key(text.encode("utf-8"))) == numbers(load_private_key(PEM))


def test_the_key_repr_shows_no_numbers() -> None:
    key = load_private_key(XML)
    assert str(key.private_numbers().d)[:12] not in repr(key)
    assert xml_element("D")[:12] not in repr(key)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (xml_without("D"), "lacks <D>"),
        (xml_without("InverseQ"), "lacks <InverseQ>"),
        (xml_without("Modulus"), "lacks <Modulus>"),
        (
            "<RSAKeyValue><Modulus>AQAB</Modulus><Exponent>AQAB</Exponent></RSAKeyValue>",
            "is a public key",
        ),
        (XML.replace(xml_element("P"), "not*base64!"), "<RSAKeyValue>/<P> is not base64"),
        (XML.replace(xml_element("DQ"), " "), "<RSAKeyValue>/<DQ> is empty"),
        (XML.replace("<P>", "<P>AAAB"), "do not form a valid RSA key"),
        (XML.replace("</RSAKeyValue>", "<Q>AQAB</Q></RSAKeyValue>"), "more than one <Q>"),
        (XML.replace("RSAKeyValue", "DSAKeyValue"), "must be <RSAKeyValue>"),
        (XML.replace("</RSAKeyValue>", ""), "not well-formed"),
        (
            '<!DOCTYPE k [<!ENTITY d "AQAB">]>' + XML.replace(xml_element("D"), "&d;"),
            "DTD or entities",
        ),
        ("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "neither PEM"),
        (
            PEM.decode().replace("PRIVATE KEY", "PUBLIC KEY"),
            "holds a public key, not a private key",
        ),
        (PEM.decode()[:200] + "\n-----END PRIVATE KEY-----\n", "cannot be read"),
    ],
)
def test_bad_keys_say_what_is_wrong_and_quote_nothing(text: str, words: str) -> None:
    with pytest.raises(PrivateKeyError) as caught:
        load_private_key(text)
    assert words in str(caught.value)
    assert_quiet(caught.value, xml_element("D"), xml_element("P"), xml_element("Modulus"))
    assert isinstance(caught.value, UsageError)


def test_passwords_must_fit_the_pem() -> None:
    with pytest.raises(PrivateKeyError, match="encrypted: give its password") as missing:
        load_private_key(PEM_ENCRYPTED)
    assert_quiet(missing.value)
    with pytest.raises(PrivateKeyError, match="password is wrong") as wrong:
        load_private_key(PEM_ENCRYPTED, password="Wrong-password-7")
    assert "Wrong-password-7" not in str(wrong.value)
    assert_quiet(wrong.value)
    with pytest.raises(PrivateKeyError, match="not encrypted: give no password"):
        load_private_key(PEM, password="test-password")
    with pytest.raises(PrivateKeyError, match="never encrypted"):
        load_private_key(XML, password="test-password")


def test_a_key_that_is_not_rsa_is_refused() -> None:
    ec_pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()
    )
    with pytest.raises(PrivateKeyError, match="not an RSA private key"):
        load_private_key(ec_pem)
    public_pem = load_private_key(PEM).public_key().public_bytes(Encoding.PEM, PublicFormat.PKCS1)
    with pytest.raises(PrivateKeyError, match="rsa public key, not a private key"):
        load_private_key(public_pem)
    with pytest.raises(PrivateKeyError, match="must be str or bytes, not int"):
        load_private_key(12345)  # type: ignore[arg-type]


# --- the signed system token -----------------------------------------------------------------


def test_signed_system_token_matches_openssl() -> None:
    expected = f"{SYSTEM_TOKEN}.202612030726.{OPENSSL_SIGNATURE}"
    assert signed_system_token(SYSTEM_TOKEN, load_private_key(PEM), MOMENT) == expected
    assert signed_system_token(SYSTEM_TOKEN, load_private_key(XML), MOMENT) == expected
    # keys given as text are loaded on the way
    assert signed_system_token(SYSTEM_TOKEN, XML, MOMENT) == expected
    assert signed_system_token(SYSTEM_TOKEN, PEM_PKCS1, MOMENT) == expected


def test_the_time_is_utc_to_the_minute() -> None:
    oslo = timezone(timedelta(hours=1))
    local = datetime(2026, 12, 3, 8, 26, 1, tzinfo=oslo)  # 07:26 UTC
    signed = signed_system_token(SYSTEM_TOKEN, XML, local)
    assert signed == f"{SYSTEM_TOKEN}.202612030726.{OPENSSL_SIGNATURE}"
    late = signed_system_token(SYSTEM_TOKEN, XML, datetime(2026, 1, 2, 3, 4, tzinfo=UTC))
    assert late.startswith(f"{SYSTEM_TOKEN}.202601020304.")


def test_the_signature_verifies_with_the_public_key() -> None:
    key = generate_test_key()
    signed = signed_system_token("Some-App-token", key.private_key, MOMENT)
    message, _, signature = signed.rpartition(".")
    assert message == "Some-App-token.202612030726"
    raw = base64.b64decode(signature, validate=True)  # standard alphabet, padded
    assert len(raw) == 256
    key.public_key.verify(raw, message.encode(), padding.PKCS1v15(), hashes.SHA256())


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_signature_matches_a_live_openssl_run(tmp_path: Path) -> None:
    key = generate_test_key()
    pem = tmp_path / "key.pem"
    pem.write_bytes(key.private_pem())
    stamp = datetime(2031, 5, 6, 22, 59, 59, tzinfo=UTC)
    message = "Ärger-token ✓.203105062259"  # UTF-8 bytes are what is signed
    signature = subprocess.run(
        ["openssl", "dgst", "-sha256", "-sign", str(pem)],
        input=message.encode("utf-8"),
        capture_output=True,
        check=True,
    ).stdout
    expected = f"{message}.{base64.b64encode(signature).decode()}"
    assert signed_system_token("Ärger-token ✓", key.rsa_xml(), stamp) == expected


@pytest.mark.parametrize(
    ("token", "key", "now", "words"),
    [
        ("", XML, MOMENT, "system_token must be a non-empty str"),
        (SYSTEM_TOKEN, XML, datetime(2026, 12, 3, 7, 26), "must carry a time zone"),
        (SYSTEM_TOKEN, XML, "202612030726", "now must be a datetime"),
        (SYSTEM_TOKEN, 17, MOMENT, "private_key must be an RSA private key"),
    ],
)
def test_bad_arguments_to_sign(token: str, key: object, now: object, words: str) -> None:
    with pytest.raises(UsageError, match=words) as caught:
        signed_system_token(token, key, now)  # type: ignore[arg-type]
    assert_quiet(caught.value, xml_element("D"))


def test_the_test_kit_writes_keys_the_loader_reads() -> None:
    key = generate_test_key(kid="k1")
    expected = numbers(key.private_key)
    assert numbers(load_private_key(key.rsa_xml())) == expected
    assert numbers(load_private_key(key.private_pem(pkcs8=False))) == expected
    encrypted = key.private_pem(password=b"pw")
    assert numbers(load_private_key(encrypted, password="pw")) == expected
    assert "private_key" not in repr(key) and "kid='k1'" in repr(key)
