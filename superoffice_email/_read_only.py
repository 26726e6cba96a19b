"""Which operations change nothing, per agent: the ones a retry may repeat after any failure.

A call that failed after its request may have reached NetServer (a read timeout, a reset
connection, a 5xx) is repeated only for an operation listed here; one that never left (no
connection) or an HTTP 503 with ``Retry-After`` may be repeated for any operation.

REVIEWED by hand, one operation at a time, against its description in SuperOffice's reference
(the 2021-03 and 2025-11 pages and the REST twin's descriptions, see ``fixtures/README.md``) and
ours (``codegen/operation_docs.py``); never from the name alone. An operation is listed only
when its description says it reads (from the database, the mail server, DNS) or computes a value
and no parameter asks for a change. Left out, with the reason, in :data:`NOT_READ_ONLY`: those
whose description or parameters say they change state, and those with no description at all.
Every operation of every agent is in one table or the other (a test checks it), so a new
operation fails that test until someone reviews it and adds it here.

Reviewed again (issue 11): the 2026-07 edition's 14 read-like additions checked again
against the REST twin's descriptions and parameters, the 2025-11 pages and
``netserver-in-use.md``. The 13 listed read (the database, the mail server, DNS) with no
parameter that asks for a change; ``GetEMailFromServerIdentifier`` has the ``flags`` that
``GetEMailFromId``'s page says are applied to the fetched item, so it stays out. No page says
that fetching from the mail server marks a mail seen (an IMAP ``FETCH BODY[]`` would, RFC 3501
6.4.5, ``BODY.PEEK[]`` does not), and if it did, a repeat would set the same flag again: a
retry repeats no change. The other agents' operations and the EMail agent's plain writes
(save, send, move, delete, mark, sync) are listed too, each with its reason.
"""

from __future__ import annotations

__all__ = ["NOT_READ_ONLY", "READ_ONLY", "is_read_only"]

#: agent -> operation -> what the description says it does (why it is safe to repeat)
READ_ONLY: dict[str, dict[str, str]] = {
    "EMail": {
        # from the database or the document archive
        "GetEMail": "gets an e-mail by its primary key in the DB",
        "GetAttachmentFromId": "retrieves an attachment of a stored mail item",
        "GetEMailFromAttachmentId": "gets an e-mail attached to a stored e-mail",
        "GetEMailFromDocumentId": "gets an e-mail from an archived document",
        "GetEMailFromDocumentIdWithoutAttachmentStream": "the same, without attachment bytes",
        "GetEMailFromDocumentAttachmentId": "gets an e-mail attached to an archived e-mail",
        "GetEmailDocumentAsMimeStream": "gets an archived document in MIME form",
        "GetPreviewAttachmentFromId": "retrieves an attachment for a preview",
        "GetPreviewAttachmentFromDocId": "retrieves an archived attachment for a preview",
        "GetEMailAccount": "gets an EMailAccount",
        "GetEMailAccountFromEMailAddress": "returns the account for an address",
        "GetCurrentAccount": "gets the associate's current account",
        "GetCurrentAccountId": "gets the id of the associate's current account",
        "GetEMailAddresses": "gets e-mail address records by id",
        "GetEMailSOInfo": "gets an EMailSOInfo",
        "GetEmailAppointment": "gets the appointment in a mail's iCal attachment",
        "GetEmailAppointmentRecurrence": "gets the recurrence in a mail's iCal attachment",
        "GetParticipantInfoFromEmailAddress": "gets participant data from an iCal attachment",
        "GetMailFromInReplyTo": "gets an e-mail from the DB by In-Reply-To",
        "GetMailFromMessageId": "gets an e-mail from the DB by Message-ID",
        "GetPersonEntitiesFromEmailAddress": "gets the persons and contacts of an address",
        "GetPersonsFromEmailAddress": "gets the persons and contacts of an address",
        "GetReadySyncEmailAccounts": "gets the list of accounts due for a sync",
        "HasNewMail": "a fast check for new mail in the database",
        "LatestItemIdByFolder": "returns the latest mail item id of a folder",
        "FindAddress": "searches contacts and persons by exact e-mail address",
        # from the mail server, without flags to set
        "GetEMailAsStream": "retrieves an e-mail from the mail server as a stream",
        "GetEMailEnvelopes": "retrieves e-mail envelopes from the mail server",
        "GetAttachment": "retrieves an attachment from an e-mail on the mail server",
        "GetFolderInfo": "retrieves information about folders",
        "GetFolderList": "retrieves the account's folders",
        "GetFolderEMailCount": "retrieves the total or unread count of a folder",
        # from DNS, or computed from the arguments alone
        "HasMXRecord": "true if DNS has MX records for the domain",
        "CreateEMailFromMimeMessage": "gets an e-mail object from a MIME message",
        "CreateEMailFromDocumentEntity": "gets an e-mail object from a DocumentEntity",
        "CreateInlineHtmlHeader": "creates an Outlook-style HTML header text",
        "CreateDefaultEMailAccount": "loads default values into a new, unsaved object",
        "CreateDefaultEMailAddress": "loads default values into a new, unsaved object",
        "CreateDefaultEMailAppointment": "loads default values into a new, unsaved object",
        "CreateDefaultEMailAttachment": "loads default values into a new, unsaved object",
        "CreateDefaultEMailConnectionInfo": "loads default values into a new, unsaved object",
        "CreateDefaultEMailConnectionInfoExtended": "loads default values into a new object",
        "CreateDefaultEMailCustomHeader": "loads default values into a new, unsaved object",
        "CreateDefaultEMailEntity": "loads default values into a new, unsaved object",
        "CreateDefaultEMailEnvelope": "loads default values into a new, unsaved object",
        "CreateDefaultEMailFolder": "loads default values into a new, unsaved object",
        "CreateDefaultEMailSOInfo": "loads default values into a new, unsaved object",
        # the 2026-07 edition's additions (the descriptions on its WSDL and our docstrings)
        "GetAttachmentFromServerIdentifier": "retrieves an attachment from an e-mail",
        "GetEMailAsEmlStream": "serializes a loaded inbox e-mail as an .eml stream",
        "GetEMailAsStreamFromServerIdentifier": "retrieves an e-mail as a stream",
        "GetEMailEnvelopesFromServerIds": "retrieves a set of e-mail envelopes",
        "GetExtendedEmailMessageIds": "gets the Message-Ids with their UIDs and uidvalidity",
        "GetUnsanitizedEMail": "gets an e-mail by its primary key in the DB, unsanitized",
        "GetUnsanitizedEMailFromAttachmentId": "gets an e-mail attached to a stored e-mail",
        "GetUnsanitizedEMailFromDocumentAttachmentId": "an attached e-mail of an archived one",
        "GetUnsanitizedEMailFromDocumentId": "gets an e-mail from an archived document",
        "GetUnsanitizedEMailFromDocumentIdWithoutAttachmentStream": "the same, no attachments",
        "GetUnsanitizedPreviewAttachmentFromDocId": "an archived attachment for a preview",
        "GetUnsanitizedPreviewAttachmentFromId": "retrieves an attachment for a preview",
        "HasSPFRecord": "true if the target domain's SPF record is under the given one (DNS)",
        "ResolveEMailRecipients": "splits a text into addresses and looks up their persons",
    },
    "Batch": {
        "GetBatchTaskInfo": "gets a single BatchTaskInfo by its id",
        "GetAllBatchTaskInfosByName": "gets the system and user tasks of a name",
        "GetAllBatchTaskInfosByNameAndState": "the same, in a state",
        "GetBatchTaskInfosByAssociates": "gets the tasks of the given associates",
        "GetBatchTaskInfosByAssociatesAndState": "the same, in a state",
        "GetBatchTaskInfosByNameAndAssociates": "gets the tasks of a name and associates",
        "GetBatchTaskInfosByNameAndState": "gets the user tasks of a name in a state",
        "GetBatchTaskInfosByState": "gets the user tasks in a state",
        "GetSystemBatchTaskInfosByName": "gets the system tasks of a name",
        "GetSystemBatchTaskInfosByNameAndState": "the same, in a state",
    },
}

#: the reason for an operation that came with a newer WSDL and awaits its review
NOT_REVIEWED = "not reviewed yet (came with a newer edition's WSDL)"

#: agent -> operation -> why a name that looks like a read is not listed above
NOT_READ_ONLY: dict[str, dict[str, str]] = {
    "EMail": {
        "GetEMailFromId": "its flags parameter sets flags (Seen, Answered) on the message",
        "RefreshFolder": "fetches from the mail server and updates the database cache",
        "CacheFolderList": "fetches the folder list and caches it in the database",
        "GetNewMail": "returns the downloaded envelopes: it downloads into the cache",
        "GetFolderHasNewEMail": "'new since previous access': the check may move that mark",
        "Authenticate": "a login on the mail server; no description (failures may count)",
        "AuthenticateIncoming": "a login on the mail server; failed ones may count to lockout",
        "AuthenticateOutgoing": "a login on the mail server; failed ones may count to lockout",
        "TestAuthenticate": "logs in to the mail server, as the Authenticate operations do",
        "FindContactOrPersonByEmailName": "no description in the reference",
        "FindContactOrPersonByEmailNameWithLimit": "no description in the reference",
        "GetEmailMessageIds": "no description in the reference",
        "GetEmailsAsString": "no description in the reference",
        "GetEMailFromTemp": "no description in the reference (reads a temporary file)",
        "CreateForwardEmail": "'Create forward email': may create a draft; not said otherwise",
        "GetEMailFromServerIdentifier": "its flags parameter sets flags, as GetEMailFromId's",
        "RefreshFolderForAssociate": "fetches the associate's mail, as RefreshFolder does",
        # plain writes: what their descriptions say they change
        "CreateFolder": "creates a folder on the mail server",
        "CreateNewPhysicalDocumentFromEmail": "saves the mail as a document file",
        "CreateNewPhysicalDocumentFromEmailAttachment": "saves an attachment as a document file",
        "Delete": "deletes mails",
        "DeleteEMailAccount": "deletes an account",
        "DeleteEmails": "deletes mails",
        "DeleteExtended": "deletes mails by their extended message ids",
        "DeleteFolder": "deletes a folder on the mail server",
        "DeleteFromServerIdentifier": "deletes mails by their Graph ids",
        "EmptyFolder": "deletes every item in a folder",
        "MarkAsRead": "sets or clears the Seen flag",
        "MarkAsReadFromServerIdentifiers": "sets or clears the read state of Graph mails",
        "MarkEmailsAsRead": "sets or clears the read state of stored mails",
        "MoveEmailsToFolder": "moves mails",
        "MoveEmailsToTrash": "moves mails to the trash",
        "MoveToFolder": "moves mails",
        "MoveToFolderFromServerIdentifier": "moves Graph mails",
        "RelayMessage": "sends a raw message through the outgoing server",
        "Save": "saves a mail to the mail server",
        "SaveDraft": "saves a draft",
        "SaveEMail": "saves a mail to the database",
        "SaveEMailAccount": "saves an account",
        "SaveEmailToTmpDocument": "saves the mail as a temporary document",
        "SaveToMailServer": "saves the mail back to the mail server",
        "Send": "sends a mail (a repeat sends it twice)",
        "SendAndSaveEmailToTmpDocument": "sends a mail and saves a temporary document",
        "SendEMails": "sends mails (a repeat sends them twice)",
        "SetRepliedAt": "sets the replied-at field of a stored mail",
        "SetSubscription": "subscribes to or unsubscribes from folders",
        "SyncEmailAccount": "syncs an account into the database cache",
        "SyncEmailAccounts": "starts sync tasks (at most 10, one call at a time)",
        "ToggleSubscription": "subscribes to or unsubscribes from folders",
    },
    "Batch": {
        "DeleteBatchTask": "deletes a batch task",
        "DeleteBatchTasks": "deletes batch tasks",
        "StartBatchJob": "starts a batch job",
        "StopBatchJob": "stops a batch job",
        "UpdateBatchTask": "updates a task's state, description, request or response",
    },
    "SoPrincipal": {
        "AuthenticateUsernamePassword": "a login: failed ones may count towards a lockout",
        "AuthenticateWithAccessToken": "a login: issues a ticket",
        "AuthenticateGeneric": "a login: failed ones may count towards a lockout",
        "AuthenticateImplicit": "a login with the Windows identity: issues a ticket",
        "GetSystemInfo": "no description in the reference",
    },
    "PartnerSystemUserService": {
        "Authenticate": "a login: issues a signed token",
    },
}


def is_read_only(agent: str, operation: str) -> bool:
    """Whether ``operation`` of ``agent`` is reviewed as changing nothing."""
    return operation in READ_ONLY.get(agent, {})
