"""Task 4: send a mail with a 1 MB attachment to two recipients."""

from _demo import run

import superoffice_email as so


def main(agent: so.EMailAgent) -> None:
    report = bytes(1024 * 1024)  # stands for a real file: attachments=[Path("report.pdf")]
    account = agent.accounts()[0]
    message_id = account.send(
        to=["bob@example.com", "carol@example.com"],
        subject="The report",
        body="Attached, as promised.",
        attachments=[("report.bin", report)],
    )
    print("sent", message_id)
    print("in Sent:", [e.subject for e in agent.mailbox(account, "Sent").envelopes()])


if __name__ == "__main__":
    run(main)
