"""Task 2: the newest 50 envelopes of INBOX, newest first."""

from _demo import run

import superoffice_email as so


def main(agent: so.EMailAgent) -> None:
    account = agent.accounts()[0]
    for envelope in agent.mailbox(account, "INBOX").envelopes(newest=50):
        print(envelope.sent, envelope.sender, envelope.subject)


if __name__ == "__main__":
    run(main)
