"""Every public entry point, fed wrong types and hostile values: only the library's errors escape.

For each callable in ``superoffice_email.__all__`` (and ``validate.validate_envelope``, the
testing kit's ``assert_envelope_equal``, the agents' call paths), one argument at a time is
replaced by a wrong or hostile value while the others stay valid. Whatever happens, the only
exceptions allowed out are subclasses of ``superoffice_email.Error`` (and ``AssertionError``
from ``assert_envelope_equal``, whose job it is). A value that is accepted is fine too: the
point is that a caller never has to catch ``TypeError``, ``OverflowError`` or lxml's errors.

Exception classes are left out: the library raises them, callers do not feed them input.
"""

from __future__ import annotations

import asyncio
import datetime
import inspect
import math
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import superoffice_email as so
from superoffice_email.testing import assert_envelope_equal
from superoffice_email.testing._online_keys import generate_test_key
from superoffice_email.validate import validate_envelope

V = "Services88"
M = so.models(V)
TEN_MB_OF_LT = "<" * 10_000_000
RESPONSE = so.example_envelope(V, "RefreshFolder", "response", layout="wire", soap="1.1")
REQUEST = so.example_envelope(V, "RefreshFolder", layout="wire", soap="1.1")
DEAD_URL = "http://127.0.0.1:9/Remote/"  # loopback; nothing listens on the discard port
APP_KEY = generate_test_key(1024).private_pem()
CLAIM = "http://schemes.superoffice.net/identity/"

#: wrong types and hostile values, by name (the name is the test id)
BAD: dict[str, Any] = {
    "None": None,
    "True": True,
    "int": 7,
    "negative int": -1,
    "int 2**64": 2**64,
    "int of 5000 digits": 10**5000,
    "float": 1.5,
    "NaN": math.nan,
    "-inf": -math.inf,
    "bytes": b"Services88",
    "bytearray": bytearray(b"<x/>"),
    "memoryview": memoryview(b"<x/>"),
    "str": "RefreshFolder",
    "empty str": "",
    "lone surrogate": "a\ud800b",
    "NUL": "a\x00b",
    "list": ["INBOX"],
    "list of None": [None],
    "dict": {"a": 1},
    "dict with an unhashable-looking key": {(): []},
    "object": object(),
    "datetime with a seconds offset": datetime.datetime(
        1930, 5, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=1, minutes=19, seconds=32))
    ),
    "timedelta": datetime.timedelta(days=10**8),
}
#: large values, given only where a caller could plausibly pass a document or a text
HUGE = {"10 MB of '<'": TEN_MB_OF_LT, "10 MB of '<' as bytes": TEN_MB_OF_LT.encode()}


def outcome_is_ours(call: Callable[[], Any], *, assertion_ok: bool = False) -> None:
    """Run ``call``; a value or a library error passes, any other exception fails the test."""
    try:
        result = call()
        if inspect.iscoroutine(result):
            asyncio.run(result)
    except so.Error:
        pass
    except AssertionError:
        if not assertion_ok:
            raise
    except BaseException as error:  # the point of the test
        pytest.fail(f"{type(error).__name__} escaped: {str(error)[:300]}")


def connection_info() -> Any:
    return M.EMailConnectionInfo(
        server_name="imap.example.com", user_name="me", password="pw", folder="INBOX"
    )


#: name -> (function, valid keyword arguments); positional-only ones are not needed
ENTRY_POINTS: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {
    "Retry": (
        so.Retry,
        {"attempts": 3, "backoff_base": 0.5, "backoff_cap": 30.0, "jitter": True},
    ),
    "build_request": (
        so.build_request,
        {
            "version": V,
            "operation": "RefreshFolder",
            "params": None,
            "application_token": "token",
            "ticket": "7T:ticket",
            "time_zone": None,
            "layout": "wire",
            "soap": "1.1",
            "connection_info": connection_info(),
            "folders": ["INBOX"],
        },
    ),
    "build_response": (
        so.build_response,
        {
            "version": V,
            "operation": "RefreshFolder",
            "value": 1,
            "succeeded": True,
            "exception_info": None,
            "extra_info": {"a": "b"},
            "time_zone": None,
            "layout": "wire",
            "soap": "1.2",
        },
    ),
    "parse_response": (
        so.parse_response,
        {"version": V, "operation": "RefreshFolder", "data": RESPONSE},
    ),
    "parse_request": (so.parse_request, {"version": V, "data": REQUEST}),
    "example_envelope": (
        so.example_envelope,
        {
            "version": V,
            "operation": "RefreshFolder",
            "direction": "request",
            "layout": "documented",
            "soap": "1.2",
        },
    ),
    "models": (so.models, {"version": V}),
    "operations": (so.operations, {"version": V, "agent": "EMail", "edition": None}),
    # its fields are only kept; what it does with them, its methods show
    "TypedOperation": (
        lambda data, **fields: so.TypedOperation(**fields).parse_response(data),
        {"version": V, "name": "RefreshFolder", "agent": "EMail", "edition": None}
        | {"data": RESPONSE},
    ),
    "TypedOperation.build_request": (
        lambda params, **fields: so.TypedOperation(**fields).build_request(params),
        {"params": M.RefreshFolderRequest(folders=["INBOX"])}
        | {"version": V, "name": "RefreshFolder"},
    ),
    "validate_envelope": (validate_envelope, {"version": V, "data": REQUEST}),
    "assert_envelope_equal": (
        assert_envelope_equal,
        {"actual": REQUEST, "golden": REQUEST, "exact": False},
    ),
    "XmlText": (so.XmlText, {"object": "x"}),
    "Result": (so.Result, {"value": 1, "succeeded": True}),
    "ParsedRequest": (so.ParsedRequest, {"operation": "RefreshFolder", "params": None}),
    "Ticket": (so.Ticket, {"ticket": "7T:ticket"}),
    "UsernamePassword": (so.UsernamePassword, {"username": "ann", "password": "s3cret"}),
    "AccessToken": (so.AccessToken, {"token": "8A:token"}),
    "SystemUser": (
        so.SystemUser,
        {
            "system_token": "SysToken",
            "private_key": APP_KEY,
            "application_token": "app",
            "context_identifier": "Cust1",
            "environment": "online",
        },
    ),
    "discover": (so.discover, {"url": DEAD_URL, "timeout": 2.0}),
    "adiscover": (so.adiscover, {"url": DEAD_URL, "timeout": 2.0}),
    "from_id_token_claims": (
        so.from_id_token_claims,
        {
            "claims": {
                CLAIM + "netserver_url": "https://sod.superoffice.com/Cust1/Remote/Services88/",
                CLAIM + "ctx": "Cust1",
            }
        },
    ),
    "SiteInfo": (
        so.SiteInfo,
        {"base_url": DEAD_URL, "version": V, "context_identifier": "Cust1"},
    ),
}
#: argument names that take a document or a text, and so get the 10 MB values too
DOCUMENT_ARGUMENTS = {"data", "actual", "golden", "version", "operation", "ticket", "folders"}


def call_with(name: str, argument: str, value: Any) -> Callable[[], Any]:
    function, valid = ENTRY_POINTS[name]
    arguments = {**valid, argument: value}
    if name == "XmlText":
        return lambda: function(arguments["object"])
    return lambda: function(**arguments)


def cases() -> Iterator[Any]:
    for name, (_, valid) in ENTRY_POINTS.items():
        for argument in valid:
            values = dict(BAD, **HUGE) if argument in DOCUMENT_ARGUMENTS else BAD
            for label in values:
                yield pytest.param(name, argument, label, id=f"{name}-{argument}-{label}")


def test_every_public_callable_is_covered() -> None:
    # AgentOptions is a TypedDict: a type for annotations, not a function taking data
    covered = set(ENTRY_POINTS) | {
        "EMailAgent",
        "AsyncEMailAgent",
        "guard_pools",
        "AgentOptions",
        # records the library makes and hands to hooks; callers read them, never build them
        "CallEvent",
        "HistoryEntry",
    }
    covered.add("Credentials")  # the base class: takes no arguments
    public = {
        name
        for name in so.__all__
        if callable(getattr(so, name))
        and not (isinstance(getattr(so, name), type) and issubclass(getattr(so, name), Exception))
    }
    assert public <= covered, public - covered


@pytest.mark.parametrize(("name", "argument", "label"), list(cases()))
def test_wrong_argument(name: str, argument: str, label: str) -> None:
    value = HUGE[label] if label in HUGE else BAD[label]
    outcome_is_ours(call_with(name, argument, value), assertion_ok=name == "assert_envelope_equal")


def test_the_valid_calls_are_valid() -> None:
    # so that each case above varies one argument of a call that works
    for name, (function, valid) in ENTRY_POINTS.items():
        if name in ("discover", "adiscover"):
            # they reach the dead loopback port: a TransportError is their valid outcome
            with pytest.raises(so.TransportError):
                outcome = function(**valid)
                if inspect.iscoroutine(outcome):
                    asyncio.run(outcome)
        elif name == "XmlText":
            function(valid["object"])
        else:
            function(**valid)


# -- values inside the models: every field of the request objects, each a wrong value --------

MODEL_CASES = [
    ("RefreshFolder", "connection_info", M.EMailConnectionInfo),
    ("SaveEMail", "email", M.EMailEntity),
]


def model_cases() -> Iterator[Any]:
    for operation, argument, cls in MODEL_CASES:
        for field in cls.__attrs_attrs__:
            for label in BAD:
                yield pytest.param(
                    operation,
                    argument,
                    cls,
                    field.name,
                    label,
                    id=f"{cls.__name__}.{field.name}-{label}",
                )


@pytest.mark.parametrize(("operation", "argument", "cls", "field", "label"), list(model_cases()))
@pytest.mark.parametrize("layout", ["wire", "documented"])
def test_wrong_field_value(
    operation: str, argument: str, cls: type, field: str, label: str, layout: str
) -> None:
    value = cls(**{field: BAD[label]})
    outcome_is_ours(
        lambda: so.build_request(V, operation, layout=layout, **{argument: value})  # type: ignore[arg-type]
    )
    # the server side writes what it is given, nil and all: the same rule for errors
    outcome_is_ours(lambda: so.build_response(V, "GetEMailFromId", value))


# -- the agents: their arguments, and calls with wrong values ---------------------------------

AGENT_OPTIONS: dict[str, Any] = {
    "version": V,
    "ticket": "7T:ticket",
    "credentials": None,
    "application_token": "token",
    "time_zone": None,
    "timeout": 5.0,
    "deadline": None,
    "soap": "1.1",
    "layout": "wire",
    "max_response_bytes": 1000,
}


@pytest.mark.parametrize("agent_class", ["EMailAgent", "AsyncEMailAgent"])
@pytest.mark.parametrize("argument", ["url", "client", *AGENT_OPTIONS])
def test_agent_arguments(agent_class: str, argument: str) -> None:
    cls = getattr(so, agent_class)
    shared = httpx.Client() if agent_class == "EMailAgent" else httpx.AsyncClient()
    try:
        for label, value in BAD.items():
            options = {"url": DEAD_URL, "client": shared, **AGENT_OPTIONS, argument: value}
            try:
                cls(**options)
            except so.Error:
                continue
            except BaseException as error:
                pytest.fail(f"{label}: {type(error).__name__} escaped: {str(error)[:300]}")
    finally:
        if isinstance(shared, httpx.Client):
            shared.close()
        else:
            asyncio.run(shared.aclose())


def test_guard_pools_with_anything() -> None:
    for value in BAD.values():
        outcome_is_ours(lambda: so.guard_pools(value))  # noqa: B023 (called at once)


@pytest.fixture(scope="module")
def dead_agents() -> Iterator[tuple[Any, Any]]:
    sync = so.EMailAgent(DEAD_URL, timeout=2.0)
    asynchronous = so.AsyncEMailAgent(DEAD_URL, timeout=2.0)
    yield sync, asynchronous
    sync.close()
    asyncio.run(asynchronous.aclose())


@pytest.mark.parametrize("label", sorted(BAD))
def test_agent_calls_with_wrong_values(label: str, dead_agents: tuple[Any, Any]) -> None:
    value = BAD[label]
    for agent in dead_agents:
        # every outcome ends before the network or at a refused loopback connection
        outcome_is_ours(lambda: agent.call(value))  # noqa: B023 (called at once)
        outcome_is_ours(lambda: agent.call("RefreshFolder", value))  # noqa: B023
        outcome_is_ours(lambda: agent.call("RefreshFolder", folders=value))  # noqa: B023
        outcome_is_ours(lambda: agent.refresh_folder(value, value))  # noqa: B023


# -- hypothesis: any mix of values for the core functions' arguments --------------------------

ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=2**60, max_value=2**70),
    st.floats(),
    st.text(max_size=30),
    st.binary(max_size=30),
    st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=5)), max_size=3),
    st.dictionaries(st.text(max_size=5), st.one_of(st.none(), st.integers()), max_size=2),
    st.sampled_from([V, "RefreshFolder", "request", "response", "wire", "1.1", RESPONSE]),
)


@settings(max_examples=60)
@given(version=ANYTHING, operation=ANYTHING, data=ANYTHING)
def test_parse_response_with_anything(version: Any, operation: Any, data: Any) -> None:
    outcome_is_ours(lambda: so.parse_response(version, operation, data))


@settings(max_examples=60)
@given(
    operation=ANYTHING,
    layout=ANYTHING,
    soap=ANYTHING,
    ticket=ANYTHING,
    folders=ANYTHING,
    info=ANYTHING,
)
def test_build_request_with_anything(
    operation: Any, layout: Any, soap: Any, ticket: Any, folders: Any, info: Any
) -> None:
    outcome_is_ours(
        lambda: so.build_request(
            V,
            operation,
            layout=layout,
            soap=soap,
            ticket=ticket,
            folders=folders,
            connection_info=info,
        )
    )


@settings(max_examples=60)
@given(operation=ANYTHING, value=ANYTHING, succeeded=ANYTHING, extra_info=ANYTHING, soap=ANYTHING)
def test_build_response_with_anything(
    operation: Any, value: Any, succeeded: Any, extra_info: Any, soap: Any
) -> None:
    outcome_is_ours(
        lambda: so.build_response(
            V, operation, value, succeeded=succeeded, extra_info=extra_info, soap=soap
        )
    )


@settings(max_examples=60)
@given(version=ANYTHING, operation=ANYTHING, direction=ANYTHING, layout=ANYTHING, soap=ANYTHING)
def test_example_envelope_with_anything(
    version: Any, operation: Any, direction: Any, layout: Any, soap: Any
) -> None:
    outcome_is_ours(
        lambda: so.example_envelope(version, operation, direction, layout=layout, soap=soap)
    )


# -- the named cases of issue 13 --------------------------------------------------------------


@pytest.mark.parametrize(("version", "kind"), [(None, "NoneType"), (86, "int"), ([], "list")])
def test_version_of_another_type(version: Any, kind: str) -> None:
    message = f"version must be a str such as 'Services86', not {kind}"
    calls: list[Callable[[], object]] = [
        lambda: so.models(version),
        lambda: validate_envelope(version, REQUEST),
    ]
    if version is not None:  # an agent's version=None is the default: from the URL or newest
        calls.append(lambda: so.EMailAgent(DEAD_URL, version=version))
        calls.append(lambda: so.AsyncEMailAgent(DEAD_URL, version=version))
    for call in calls:
        with pytest.raises(so.UnknownVersionError) as caught:
            call()
        assert str(caught.value) == message


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://[::1/Remote/", "its IPv6 address lacks a ']'"),
        ("http://host:port/Remote/", "its port is not a number from 0 to 65535"),
        ("http://host:70000/Remote/", "its port is not a number from 0 to 65535"),
    ],
)
def test_url_urllib_cannot_split(url: str, problem: str) -> None:
    with pytest.raises(so.UsageError) as caught:
        so.EMailAgent(url)
    assert str(caught.value) == (
        f"url is not a valid URL: {problem}; give one such as 'https://host/tenant/Remote/'"
    )
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_a_10_mb_version_name_is_not_quoted() -> None:
    with pytest.raises(so.UnknownVersionError) as caught:
        so.models(TEN_MB_OF_LT)
    assert str(caught.value).startswith("no models for a version name of 10000000 characters;")
    assert len(str(caught.value)) < 300


def test_operation_of_another_type() -> None:
    with pytest.raises(so.UnknownOperationError, match="operation must be a str, not list"):
        so.build_request(V, ["RefreshFolder"])  # type: ignore[arg-type]
