"""Task 3: a mail with its attachments written to disk, under safe names."""

import tempfile
from pathlib import Path

from _demo import run

import superoffice_email as so


def main(agent: so.EMailAgent) -> None:
    directory = Path(tempfile.mkdtemp(prefix="attachments-"))
    inbox = agent.mailbox(agent.accounts()[0], "INBOX")
    newest_with_files = next(e for e in inbox.envelopes(newest=50) if e.size > 100)
    mail = inbox.get(newest_with_files.id)
    for attachment in mail.attachments:
        print(mail.subject, "->", attachment.save(directory))


if __name__ == "__main__":
    run(main)
