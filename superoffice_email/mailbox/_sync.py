"""``sync_to``: every mail of a folder as an ``.eml`` file, resumable, in bounded memory.

The files and the state are :class:`~._sync_state.SyncState`'s (crash-safe, see there). This
plan lists the folder once, skips what the state has, and fetches the rest one mail at a
time with the stream operation (``GetEMailAsStream``: the message's RFC 822 bytes), so memory
holds one mail and the set of done ids, whatever the folder's size.

A mail that vanished between the listing and its fetch (moved or deleted meanwhile) fails its
fetch; the folder is then listed again, and a mail no longer in it is reported in
:attr:`SyncReport.vanished` and skipped. Any other failure (a mail still listed, an expired
ticket) stops the sync: what was written stays, and the next run goes on from there.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import attrs

from ..errors import MailboxError, NetServerError
from ._plan import Plan
from ._plans import Place, ids, stream
from ._sync_state import MailId, SyncState

#: called after each mail with (mails handled so far, mails to handle in this run)
Progress = Callable[[int, int], object]


@attrs.frozen
class SyncReport:
    """What one ``sync_to`` run did."""

    directory: Path
    listed: int  # mails in the folder when listed
    fetched: int  # written by this run
    already: int  # on disk from earlier runs
    vanished: list[MailId] = attrs.field(factory=list)  # gone before they could be fetched


def sync_to(
    place: Place, directory: str | os.PathLike[str], progress: Progress | None
) -> Plan[SyncReport]:
    account = place.account.address or str(place.account.id)
    state = SyncState.open(directory, account=account, folder=place.folder)
    try:
        listed = yield from ids(place)
        todo = [mail_id for mail_id in listed if not state.done(mail_id)]
        vanished: list[MailId] = []
        fetched = 0
        for count, mail_id in enumerate(todo, 1):
            try:
                data = yield from stream(place, mail_id)
            except (NetServerError, MailboxError) as error:
                still = yield from ids(place)
                if mail_id in still:
                    raise error from None
                vanished.append(mail_id)
            else:
                state.write_mail(mail_id, data)
                del data  # one mail in memory at a time
                fetched += 1
            if progress is not None:
                progress(count, len(todo))
        return SyncReport(
            directory=state.directory,
            listed=len(listed),
            fetched=fetched,
            already=len(listed) - len(todo),
            vanished=vanished,
        )
    finally:
        state.close()
