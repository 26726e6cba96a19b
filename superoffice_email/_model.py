"""The declarations generated modules are written in: field metadata and the shape tables.

Generated modules (``superoffice_email.services``) hold data only; everything they need to
describe a service version is here, and every behaviour lives in the hand-written core.

A generated module declares its classes with :func:`model` (to a type checker,
``attrs.define``) and ends with :func:`lazy_models`: each class is made an attrs class on
first use, with the classes it names. Making all of a version's 160 classes costs about 80 ms
(attrs compiles each class's methods), and a call needs a handful.
"""

from __future__ import annotations

import enum
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar

import attrs


@attrs.frozen
class XmlElement:
    """An element particle: XML local name, type reference and what the schema allows.

    Type references are written ``prefix:Name`` with fixed prefixes: ``xs`` (XML Schema),
    ``ser`` (Microsoft serialization: guid, char, duration), ``arr`` (Microsoft arrays) and
    ``tns`` (the version's service namespace).
    """

    name: str
    type: str
    nillable: bool = False
    required: bool = False
    since: str = ""  # the first edition ("2026-07") whose WSDL has it; "" where not tracked


def xml_field(
    name: str,
    type: str,
    *,
    nillable: bool = False,
    required: bool = False,
    secret: bool = False,
    since: str = "",
    array: bool = False,
    default: Any = None,
    struct: bool = False,
) -> Any:
    """A field for one element of a :func:`model` class, made an attrs field when the class
    is made; ``secret`` keeps the value out of ``repr``.

    The default: an empty list for an ``array`` (a nil or missing array reads as ``[]``);
    ``None`` for a nillable element; for any other, what NetServer's .NET deserializer gives
    an element left out: ``default`` (0, false, ``datetime.min``...; for an enumeration or
    flags type, its value for ``default``: the first token, or 0 for no flags), or for a
    ``struct`` type an instance of its own defaults. ``since`` is the first edition of the
    version's WSDL that has the element.
    """
    return _XmlField((name, type, nillable, required, since), secret, default, array, struct)


class _XmlField:
    """An :func:`xml_field` until its class is made: a module declares hundreds, and an
    attrs field costs ten times as much to create."""

    __slots__ = ("array", "default", "element", "secret", "struct")

    def __init__(
        self,
        element: tuple[str, str, bool, bool, str],
        secret: bool,
        default: Any = None,
        array: bool = False,
        struct: bool = False,
    ) -> None:
        self.element = element
        self.secret = secret
        self.default = default
        self.array = array
        self.struct = struct

    def made(self, resolve: Callable[[str], type | None]) -> Any:
        """The attrs field; ``resolve`` gives the module's class of a name (made), or None."""
        metadata = {"xml": XmlElement(*self.element), "secret": self.secret}
        if self.array:
            return attrs.field(factory=list, repr=not self.secret, metadata=metadata)
        default = self.default
        if self.struct or default is not None:
            cls = resolve(self.element[1].partition(":")[2])  # an enumeration, flags, a struct
            if self.struct and cls is not None:
                return attrs.field(factory=cls, repr=not self.secret, metadata=metadata)
            if cls is not None and issubclass(cls, enum.Enum):
                default = cls(default)
        return attrs.field(default=default, repr=not self.secret, metadata=metadata)


@attrs.frozen
class Array:
    """An ``ArrayOfX`` type: a Python list of its one repeated item element."""

    item: XmlElement


@attrs.frozen
class Dictionary:
    """A WCF dictionary type: a Python dict of its repeated key/value pair element."""

    pair: str
    key: XmlElement
    value: XmlElement


@attrs.frozen
class Operation:
    """One agent operation: the request wrapper class and the response element.

    NetServer's agents wrap a request in an element named like the operation and the answer
    in ``<Operation>Response`` holding one element (``Response``, or ``SystemInfo`` and the
    like). Where a service differs, the wrappers are named: SoPrincipal's logins all answer
    ``AuthenticateResponse``; PartnerSystemUserService wraps ``Authenticate`` in
    ``AuthenticationRequest`` and answers an ``AuthenticationResponse`` whose fields are the
    answer itself (``wrapped=False``: ``response`` is that body element, read as a class).
    """

    name: str
    _request: type  # as declared; ``request`` is the attrs class it is made into
    response: XmlElement | None  # None: the operation returns nothing
    request_wrapper: str = ""  # the request body element; "" means ``name``
    response_wrapper: str = ""  # the response body element; "" means ``name + "Response"``
    wrapped: bool = True  # False: ``response`` is the response body element itself
    since: str = ""  # the first edition ("2023-03") whose WSDL has the operation
    doc: str = ""  # what the operation does, in a sentence or two (the agents' docstrings)

    @property
    def request(self) -> type:
        """The request wrapper's attrs class (``RefreshFolderRequest``)."""
        return made(self._request)


class XmlEnum(enum.Enum):
    """An ``xs:enumeration`` simple type; each value is the token written in XML."""


class XmlFlags(enum.Flag):
    """An ``xs:list`` of enumeration tokens (.NET ``[Flags]``), written space-separated.

    ``__xml_tokens__`` lists the XML token of each member in declaration order.
    """

    __xml_tokens__: ClassVar[tuple[str, ...]] = ()


# --- model classes made on first use -------------------------------------------------------

#: the classes declared (:func:`model`, :class:`DeclaredEnum`) and no :func:`lazy_models`
#: has taken yet, by module: class name -> (the class as declared, its attrs.define options
#: or the enum class it is made an instance of)
_DECLARED: dict[str, dict[str, tuple[type, dict[str, Any] | type[enum.Enum]]]] = {}
#: a declared class -> the models of its module
_OWNERS: dict[type, _Models] = {}
#: one lock for all modules: a class and the classes it names are made once, in one piece
_LOCK = threading.RLock()
_NAME = re.compile(r"[A-Za-z_]\w*")


def model(cls: type | None = None, /, **options: Any) -> Any:
    """Declare a model class (``@model(kw_only=True)``): at run time it is made into
    ``attrs.define(**options)(cls)`` on first use; see :func:`lazy_models`."""

    def declare(cls: type) -> type:
        _DECLARED.setdefault(cls.__module__, {})[cls.__name__] = (cls, options)
        return cls

    return declare if cls is None else declare(cls)


class DeclaredEnum:
    """What a generated module's enums extend at run time (to a type checker, ``XmlEnum``):
    each is made an :class:`XmlEnum` on first use, as its class statement would make it."""

    _made_as: ClassVar[type[enum.Enum]] = XmlEnum

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__module__ != __name__:  # not DeclaredFlags
            _DECLARED.setdefault(cls.__module__, {})[cls.__name__] = (cls, cls._made_as)


class DeclaredFlags(DeclaredEnum):
    """What a generated module's flags extend at run time (to a type checker, ``XmlFlags``)."""

    _made_as = XmlFlags


def made(cls: type) -> type:
    """The attrs class a declared model class is made into; any other class unchanged."""
    owner = _OWNERS.get(cls)
    return cls if owner is None else owner.get_class(cls.__name__)


def lazy_models(namespace: dict[str, Any], names: tuple[str, ...]) -> Mapping[str, type]:
    """End a generated module (``namespace``: its ``globals()``): take the classes it declared
    out of it, and install a module ``__getattr__`` and ``__dir__`` (PEP 562) that make each
    on first use. Returns ``TYPES``: the module's ``names`` (enums and classes) by name.

    A class is made together with its bases and every class its annotations name, so that
    ``typing.get_type_hints`` and ``attrs.resolve_types`` find them all in the module.
    """
    models = _Models(namespace, names)
    namespace["__getattr__"] = models.module_getattr
    namespace["__dir__"] = models.module_dir
    return models


class _Models(Mapping[str, type]):
    """A generated module's types by name; its model classes made on first use."""

    def __init__(self, namespace: dict[str, Any], names: tuple[str, ...]) -> None:
        self._namespace = namespace
        self._module: str = namespace["__name__"]
        self._names = names
        self._declared = _DECLARED.pop(self._module, {})
        for name, (cls, _) in self._declared.items():
            del namespace[name]  # so that a look-up reaches module_getattr
            _OWNERS[cls] = self

    def __getitem__(self, name: str) -> type:
        if name not in self._names:
            raise KeyError(name)
        return self.get_class(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def module_getattr(self, name: str) -> Any:
        if name in self._declared:
            return self.get_class(name)
        raise AttributeError(f"module {self._module!r} has no attribute {name!r}")

    def module_dir(self) -> list[str]:
        return sorted({*self._namespace, *self._declared})

    def get_class(self, name: str) -> type:
        """The module's class ``name``, made now if it was not yet."""
        cls: type | None = self._namespace.get(name)
        if cls is None:
            with _LOCK:
                cls = self._namespace.get(name)
                if cls is None:
                    made: dict[str, type] = {}
                    cls = self._make(name, made)
                    # the class asked for last: a thread that finds it (no lock on that path)
                    # finds the classes it names too
                    del made[name]
                    self._namespace.update(made)
                    self._namespace[name] = cls
        return cls

    def _make(self, name: str, made: dict[str, type]) -> type:
        cls: type | None = self._namespace.get(name) or made.get(name)
        if cls is not None:
            return cls
        declared, options = self._declared[name]
        if not isinstance(options, dict):  # an enum: made from its body, members in order
            metaclass: Any = type(options)  # EnumType
            namespace = metaclass.__prepare__(name, (options,))
            for key, value in vars(declared).items():
                if key not in ("__dict__", "__weakref__"):
                    namespace[key] = value
            made[name] = metaclass(name, (options,), namespace)
            return made[name]
        # a declared base: the class extends the attrs class it is made into
        bases = tuple(
            self._make(base.__name__, made) if _OWNERS.get(base) is self else base
            for base in declared.__bases__
        )
        def resolve(named: str) -> type | None:
            return self._make(named, made) if named in self._declared else None

        body = {
            key: value.made(resolve) if isinstance(value, _XmlField) else value
            for key, value in vars(declared).items()
            if key not in ("__dict__", "__weakref__")
        }
        declared = type(declared)(declared.__name__, bases, body)
        cls = made[name] = attrs.define(declared, **options)
        for annotation in vars(declared).get("__annotations__", {}).values():
            for named in _NAME.findall(str(annotation)):
                if named in self._declared:
                    self._make(named, made)
        return cls

