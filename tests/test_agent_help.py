"""Discoverable and honest agents: help() lists the operations, dir(so) the public API only,
and an attribute nothing reads cannot be set."""

from __future__ import annotations

import inspect
import pydoc

import pytest

import superoffice_email as so
from superoffice_email._schema import load


def test_dir_of_the_package_is_its_public_api() -> None:
    assert dir(so) == sorted({*so.__all__, "__version__"})
    for private in ("Any", "ModuleType", "TYPE_CHECKING", "annotations"):
        assert private not in dir(so)


@pytest.mark.parametrize("cls", [so.EMailAgent, so.AsyncEMailAgent])
def test_help_of_the_public_class_lists_every_operation(cls: type) -> None:
    text = pydoc.plain(pydoc.render_doc(cls))
    plan = load(so.LATEST_VERSION)
    assert len(plan.operations) > 80
    for operation in ("GetEMailFromId", "MarkAsRead", "RefreshFolder"):
        assert f"SOAP operation ``{operation}``" not in text  # one line each, not whole docs
    assert "    mark_as_read(connection_info" in text
    assert "Flag messages on the mail server, by server id, as read or unread." in text
    assert text.count("(") > len(plan.operations)


def test_help_and_dir_of_an_agent_show_its_version() -> None:
    agent = so.EMailAgent("http://127.0.0.1:9/t/Remote/", version="Services86")
    methods = [name for name in dir(agent) if not name.startswith("_")]
    assert "refresh_folder" in methods and "mark_as_read" in methods
    assert inspect.getdoc(agent.refresh_folder)
    assert "refresh_folder(" in pydoc.plain(pydoc.render_doc(agent))
    agent.close()


def test_setting_an_attribute_nothing_reads_raises() -> None:
    agent = so.EMailAgent("http://127.0.0.1:9/t/Remote/", ticket="7T:old")
    with pytest.raises(so.UsageError, match="no setting 'ticket'") as caught:
        agent.ticket = "7T:new"  # type: ignore[attr-defined]
    assert "7T:" not in str(caught.value)
    with pytest.raises(so.UsageError, match="no setting 'timout'"):
        agent.timout = 3  # type: ignore[attr-defined]
    agent.deadline = 5.0  # an option the agent reads at each call stays settable
    assert agent.deadline == 5.0
    agent.close()
