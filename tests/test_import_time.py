"""What ``import superoffice_email`` and a first call load, and the classes made on first use.

The time itself is the benchmark's case (e) (``python -m tests.benchmarks.bench``: import
plus the first ``build_request``, target under 100 ms); here is what keeps it low, checked
in fresh interpreters: the package imports nothing until a name is used, a build pulls in
neither the reader nor httpx, and a version's model classes are made when first used.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading
import typing

import attrs
import pytest

import superoffice_email as so
from superoffice_email import _model
from superoffice_email._model import XmlFlags


def run(code: str) -> None:
    """``code`` in a fresh interpreter: nothing the test process imported counts."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_import_loads_nothing_but_the_package() -> None:
    run(
        "import sys, superoffice_email\n"
        "ours = sorted(m for m in sys.modules if m.startswith('superoffice_email'))\n"
        "assert ours == ['superoffice_email'], ours\n"
        "for name in ('httpx', 'httpcore', 'anyio', 'attrs', 'lxml', 'importlib.metadata'):\n"
        "    assert name not in sys.modules, name\n"
    )


def test_first_build_needs_neither_the_reader_nor_httpx() -> None:
    # nor lxml: the writer writes text
    run(
        "import sys, superoffice_email as so\n"
        "so.build_request('Services88', 'RefreshFolder', layout='wire', soap='1.1')\n"
        "for name in ('httpx', 'httpcore', 'anyio', 'lxml', 'superoffice_email._reader',\n"
        "             'superoffice_email._examples', 'superoffice_email._agent',\n"
        "             'superoffice_email.agents', 'email.utils', 'importlib.metadata'):\n"
        "    assert name not in sys.modules, name\n"
    )


def test_first_build_makes_only_the_classes_it_needs() -> None:
    # RefreshFolder's request holds an EMailConnectionInfo (a Carrier: TableRight, FieldRight,
    # FieldProperty, and their enums ETableRight, EFieldRight); the envelope's headers are
    # SoCredentials, SoTimeZone, SoExceptionInfo
    run(
        "import enum, sys, attrs, superoffice_email as so\n"
        "so.build_request('Services88', 'RefreshFolder', layout='wire', soap='1.1')\n"
        "module = sys.modules['superoffice_email.services.services88']\n"
        "made = sorted(n for n, v in vars(module).items()\n"
        "    if isinstance(v, type) and attrs.has(v) and v.__module__ == module.__name__)\n"
        "assert made == ['Carrier', 'EMailConnectionInfo', 'FieldProperty', 'FieldRight',\n"
        "    'RefreshFolderRequest', 'SoCredentials', 'SoExceptionInfo', 'SoTimeZone',\n"
        "    'TableRight'], made\n"
        "enums = sorted(n for n, v in vars(module).items() if isinstance(v, enum.EnumType))\n"
        "assert enums == ['EFieldRight', 'ETableRight'], enums\n"
    )


def test_an_agent_makes_a_request_class_when_its_method_runs() -> None:
    # the agent's own load makes the headers' classes and the Carrier; no request class
    run(
        "import sys, superoffice_email as so\n"
        "from superoffice_email.testing import FakeNetServer\n"
        "module = so.models('Services88')\n"
        "requests = lambda: sorted(n for n in vars(module) if n.endswith('Request'))\n"
        "with FakeNetServer() as server:\n"
        "    with so.EMailAgent(server.url, version='Services88') as agent:\n"
        "        assert requests() == [], requests()\n"
        "        agent.refresh_folder(None, ['INBOX'])\n"
        "        assert requests() == ['RefreshFolderRequest'], requests()\n"
    )


def test_every_public_name_resolves_and_help_renders() -> None:
    run(
        "import pydoc, superoffice_email as so\n"
        "missing = [n for n in so.__all__ if getattr(so, n, None) is None]\n"
        "assert not missing, missing\n"
        "text = pydoc.render_doc(so)\n"
        "assert 'build_request' in text and 'EMailAgent' in text\n"
    )


def test_every_public_name_has_a_home_and_no_other_does() -> None:
    assert set(so._HOMES) | {"models", "operations"} == set(so.__all__)


def test_unknown_public_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'build_requests'"):
        _ = so.build_requests  # type: ignore[attr-defined]


def test_models_made_on_first_use_are_the_classes_every_path_sees() -> None:
    module = so.models("Services86")
    entity = module.EMailEntity
    assert attrs.has(entity) and entity.__module__ == module.__name__
    assert entity.__mro__[1] is module.Carrier and attrs.has(module.Carrier)
    assert module.TYPES["EMailEntity"] is entity
    assert dict(module.TYPES)["Carrier"] is module.Carrier
    assert module.OPERATIONS["Save"].request is module.SaveRequest
    from superoffice_email.services.services86 import EMailEnvelope

    assert EMailEnvelope is module.EMailEnvelope
    assert {"EMailEntity", "SaveRequest", "TYPES"} <= set(dir(module))
    # slotted, keyword-only, fields in schema order, the Carrier's first
    assert "__slots__" in vars(entity)
    names = [f.name for f in attrs.fields(entity)]
    assert names[:2] == ["table_right", "field_properties"] and names[2] == "to"
    with pytest.raises(TypeError):
        entity("subject")  # type: ignore[call-arg]
    # enums too, members in declaration order (the WSDL's: Seen, Deleted, Recent, ...)
    flags = module.EMailFlags
    assert issubclass(flags, XmlFlags) and flags.__xml_tokens__[:3] == ("Seen", "Deleted", "Recent")
    assert [m.name for m in flags][:3] == ["SEEN", "DELETED", "RECENT"]
    assert [m.value for m in flags][:3] == [1, 2, 4]
    both = flags.SEEN | flags.DELETED
    assert pickle.loads(pickle.dumps(both)) == both
    with pytest.raises(AttributeError, match="services86' has no attribute 'Nope'"):
        _ = module.Nope


def test_made_class_and_the_classes_it_names_resolve_for_type_hints() -> None:
    # made alone, EMailEnvelope's annotations name EMailAddress and EMailSOInfo: both are in
    # the module's namespace as soon as EMailEnvelope is, so get_type_hints finds them
    code = (
        "import sys, typing, superoffice_email as so\n"
        "module = so.models('Services85')\n"
        "hints = typing.get_type_hints(module.EMailEnvelope)\n"
        "assert hints['from_'] == module.EMailAddress | None, hints['from_']\n"
        "assert hints['email_so_info'] == module.EMailSOInfo | None\n"
        "assert 'EMailEntity' not in vars(module)\n"
    )
    run(code)
    module = so.models("Services85")
    assert attrs.resolve_types(module.EMailEntity) is module.EMailEntity
    from superoffice_email.services.services85 import EMailAddress

    assert typing.get_type_hints(module.EMailEntity)["to"] == list[EMailAddress]


def test_threads_racing_for_a_class_get_the_same_one() -> None:
    run(
        "import threading, superoffice_email as so\n"
        "module = so.models('Services84')\n"
        "seen = []\n"
        "start = threading.Barrier(8)\n"
        "def get():\n"
        "    start.wait()\n"
        "    seen.append(module.SendEMailsRequest)\n"
        "threads = [threading.Thread(target=get) for _ in range(8)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "assert len(seen) == 8 and len({id(c) for c in seen}) == 1, seen\n"
        "assert seen[0] is module.OPERATIONS['SendEMails'].request\n"
    )


def test_made_passes_other_classes_through() -> None:
    class Local:
        pass

    assert _model.made(Local) is Local
    assert threading.Thread is _model.made(threading.Thread)
