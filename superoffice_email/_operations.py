"""Operations as typed values: ``operations("Services88").GetEMailFromId``.

``parse_response(version, "GetEMailFromId", data)`` cannot know its value's type: the operation
is a string. ``operations(version)`` names each operation of a version as an attribute, a
:class:`TypedOperation` that carries its request and response types for mypy (the
per-version classes that list them are generated into ``_versions.py``, for mypy only), so
``ops.GetEMailFromId.parse_response(data)`` is a ``Result[EMailEntity | None]`` and
``agent.call(ops.RefreshFolder, request)`` an ``int``. At run time an attribute is looked up
in the version's operation table, and a :class:`TypedOperation` is four strings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, BinaryIO, Generic, TypeVar

import attrs

from ._reader import Result, parse_response
from ._schema import DEFAULT_AGENT, load
from ._writer import build_request
from .errors import UnknownOperationError, UsageError

if TYPE_CHECKING:
    from ._config import Layout
    from ._stream import Sink
    from ._wire import SoapVersion

__all__ = ["Operations", "TypedOperation", "UntypedOperations", "operation_name", "operations"]

RequestT = TypeVar("RequestT", contravariant=True)
ResponseT = TypeVar("ResponseT", covariant=True)


@attrs.frozen
class TypedOperation(Generic[RequestT, ResponseT]):
    """One operation of one version, typed by its request and its ``Response`` value.

    Get one from :func:`operations`; pass it to an agent's ``call`` for a typed value.
    """

    version: str
    name: str
    agent: str = DEFAULT_AGENT
    #: the documentation edition whose view of the version it uses (None: the newest)
    edition: str | None = None

    def build_request(
        self,
        request: RequestT | None = None,
        /,
        *,
        application_token: str | None = None,
        ticket: str | None = None,
        time_zone: Any = None,
        layout: Layout = "documented",
        soap: SoapVersion = "1.2",
        context_identifier: str | None = None,
        **fields: Any,
    ) -> bytes:
        """:func:`~superoffice_email.build_request` for this operation."""
        return build_request(
            self.version,
            self.name,
            request,
            application_token=application_token,
            ticket=ticket,
            time_zone=time_zone,
            layout=layout,
            soap=soap,
            agent=self.agent,
            edition=self.edition,
            context_identifier=context_identifier,
            **fields,
        )

    def parse_response(
        self, data: bytes | str | BinaryIO, *, sink: Sink | None = None
    ) -> Result[ResponseT]:
        """:func:`~superoffice_email.parse_response` for this operation, its value typed.

        The value is the operation's ``Response`` as typed when ``result.succeeded``; after
        a NetServer failure it is whatever the answer held (usually None): call
        ``result.raise_for_error()`` before using it. With ``sink``, base64 values go to the
        sink and are None in the value.
        """
        result: Result[ResponseT] = parse_response(
            self.version, self.name, data, agent=self.agent, edition=self.edition, sink=sink
        )
        return result


class _NoSuchOperation(UnknownOperationError, AttributeError):
    """An attribute of :class:`Operations` that names no operation (``hasattr`` is False)."""


class Operations:
    """The operations of one agent's version, as attributes (``ops.GetEMailFromId``).

    ``dir(ops)`` lists them; an unknown name raises :class:`UnknownOperationError` (also an
    ``AttributeError``) naming the version. At run time they are an :class:`UntypedOperations`;
    mypy sees a subclass per version that lists them with their types (``_versions.py``), or
    the :class:`UntypedOperations` of a version known only at run time.
    """

    def __init__(self, version: str, agent: str = DEFAULT_AGENT, edition: str | None = None):
        schema = load(version, agent, edition)  # a clear error for a bad version or edition
        self._names = frozenset(schema.operations)
        self._label = schema.label
        self.version, self.agent, self.edition = version, agent, edition

    def _operation(self, name: str) -> TypedOperation[Any, Any]:
        if name.startswith("_"):  # copy, pickle and friends probe for dunders
            raise AttributeError(name)
        if name not in self._names:
            raise _NoSuchOperation(f"{self._label} has no operation {name!r}")
        return TypedOperation(self.version, name, self.agent, self.edition)

    def __dir__(self) -> list[str]:
        return sorted(self._names)

    def __repr__(self) -> str:
        return f"<operations of {self._label}: {len(self._names)}>"


class UntypedOperations(Operations):
    """The operations of a version known only at run time: any name, typed ``Any``."""

    def __getattr__(self, name: str) -> TypedOperation[Any, Any]:
        return self._operation(name)


def operations(
    version: str, agent: str = DEFAULT_AGENT, edition: str | None = None
) -> UntypedOperations:
    """The operations of a version as typed attributes: ``operations("Services88")
    .GetEMailFromId.parse_response(data)`` is a ``Result[EMailEntity | None]``.

    ``agent`` names another agent (``"SoPrincipal"``), ``edition`` an older edition's view.
    """
    return UntypedOperations(version, agent, edition)


def operation_name(operation: str | TypedOperation[Any, Any], version: str, agent: str) -> str:
    """The name to call: a :class:`TypedOperation` of this version and agent gives its name,
    one of another is refused; anything else is left for the call to judge (and refuse)."""
    if not isinstance(operation, TypedOperation):
        return operation
    if (operation.version, operation.agent) != (version, agent):
        raise UsageError(
            f"{operation.name} of {operation.agent} {operation.version or '(no version)'} "
            f"given to an agent of {agent} {version}: take it from "
            f"operations({version!r}) instead"
        )
    return operation.name
