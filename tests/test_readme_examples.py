"""The README's examples, run as written (against the fake server instead of a real host)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import superoffice_email as so
from superoffice_email.testing import FakeNetServer, assert_envelope_equal

m = so.models("Services88")
info = m.EMailConnectionInfo(
    server_name="imap.example.com", user_name="me", password="secret", folder="INBOX", use_ssl=True
)


def test_refresh(fake_netserver: FakeNetServer) -> None:
    fake_netserver.respond("RefreshFolder", 7)
    with so.EMailAgent(fake_netserver.url) as agent:
        assert agent.refresh_folder(info, ["INBOX"]) == 7
    assert fake_netserver.last_request.params.folders == ["INBOX"]


def test_async_agent(fake_netserver: FakeNetServer) -> None:
    async def main() -> Any:
        async with so.AsyncEMailAgent(fake_netserver.url, ticket="7T:...") as agent:
            return await agent.get_ready_sync_email_accounts()

    assert asyncio.run(main()) == [
        m.SyncUserAccount(account_id=0, associate_name="", associate_id=0)
    ]


def test_golden(tmp_path: Path) -> None:
    info86 = so.models("Services86").EMailConnectionInfo(
        server_name="imap.example.com",
        user_name="me",
        password="secret",
        folder="INBOX",
        use_ssl=True,
    )
    envelope = so.build_request(
        "Services86", "RefreshFolder", connection_info=info86, folders=["INBOX"]
    )
    golden = tmp_path / "refresh_folder.xml"
    golden.write_bytes(envelope)
    assert_envelope_equal(envelope, golden)
    assert_envelope_equal(envelope, golden, exact=True)
