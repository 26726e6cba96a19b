"""Log in with a user name and password, then read a folder's newest mail.

Against the fake: a NetServer that knows the user ``ann``. Against a real one:
``python log_in_and_read_a_folder.py https://host/tenant/Remote/ USER`` with the password in
``$SUPEROFFICE_PASSWORD`` (never on the command line: it would show in ``ps``).
"""

import os
import sys

from _demo import demo_mailboxes

import superoffice_email as so
from superoffice_email.testing import FakeNetServer


def main(url: str, user: str, password: str) -> None:
    credentials = so.UsernamePassword(user, password)  # SoPrincipal, on first use
    with so.EMailAgent(url, credentials=credentials) as agent:
        inbox = agent.mailbox(agent.accounts()[0], "INBOX")
        for envelope in inbox.envelopes(newest=3):
            print(envelope.subject)


if __name__ == "__main__":
    if len(sys.argv) > 2:
        main(sys.argv[1], sys.argv[2], os.environ["SUPEROFFICE_PASSWORD"])
    else:
        with FakeNetServer(users={"ann": "s3cret"}, mailboxes=demo_mailboxes()) as server:
            main(server.url, "ann", "s3cret")
