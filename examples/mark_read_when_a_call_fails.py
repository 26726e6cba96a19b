"""Task 5: mark three mails read when a call fails: the error says which, then retry."""

from _demo import run

import superoffice_email as so


def main(agent: so.EMailAgent) -> None:
    inbox = agent.mailbox(agent.accounts()[0], "INBOX")
    three = [envelope.id for envelope in inbox.envelopes(newest=3)]
    try:
        inbox.mark_read(three)
    except so.NetServerError as error:  # names the account, folder and mails
        print("failed:", error)
        inbox.mark_read(three)
    print("read now:", [e.read for e in inbox.envelopes(newest=3)])


if __name__ == "__main__":
    run(main, fail_once="MarkAsRead")
