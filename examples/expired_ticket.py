"""Task 6: mark three mails read with an expired ticket: a typed error, then a new ticket."""

from _demo import fresh_ticket, run

import superoffice_email as so


def main(agent: so.EMailAgent) -> None:
    try:
        agent.accounts()
    except so.NetServerError as error:  # NetServer refused the ticket: log in again
        print("refused:", error)
        agent = so.EMailAgent(agent.url, ticket=fresh_ticket())
    inbox = agent.mailbox(agent.accounts()[0], "INBOX")
    inbox.mark_read([envelope.id for envelope in inbox.envelopes(newest=3)])
    print("read now:", [e.read for e in inbox.envelopes(newest=3)])
    agent.close()


if __name__ == "__main__":
    run(main, ticket="7T:expired")
