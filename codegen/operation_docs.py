"""What each EMail agent operation does, in a sentence or two: the generated methods' docstrings.

Written for this library (not copied from SuperOffice's reference). One entry per operation
name across every service version; the agent generator refuses an operation missing here.
"""

from __future__ import annotations

OPERATION_DOCS: dict[str, str] = {
    "Authenticate": (
        "Log in with the incoming and outgoing settings of an extended connection description, "
        "to find out whether they work. Returns true when the login succeeded."
    ),
    "AuthenticateIncoming": (
        "Log in to the incoming mail server (IMAP or POP) described by the connection info, to "
        "check the settings. Returns true when the login succeeded."
    ),
    "AuthenticateOutgoing": (
        "Log in to the outgoing (SMTP) server described by the connection info, to check the "
        "settings. Returns true when the login succeeded."
    ),
    "CacheFolderList": (
        "Read the current account's folders from the mail server and keep the list in the "
        "database. Returns the folders."
    ),
    "CreateDefaultEMailAccount": (
        "A new EMailAccount holding the defaults NetServer fills in; nothing is stored."
    ),
    "CreateDefaultEMailAddress": (
        "A new EMailAddress holding the defaults NetServer fills in; nothing is stored."
    ),
    "CreateDefaultEMailAppointment": (
        "A new EMailAppointment holding the defaults NetServer fills in; nothing is stored."
    ),
    "CreateDefaultEMailAttachment": (
        "A new EMailAttachment holding the defaults NetServer fills in; nothing is stored."
    ),
    "CreateDefaultEMailConnectionInfo": (
        "A new EMailConnectionInfo holding the defaults NetServer fills in; nothing is stored."
    ),
    "CreateDefaultEMailConnectionInfoExtended": (
        "A new EMailConnectionInfoExtended holding the defaults NetServer fills in; nothing is "
        "stored."
    ),
    "CreateDefaultEMailCustomHeader": (
        "A new EMailCustomHeader holding the defaults NetServer fills in; nothing is stored."
    ),
    "CreateDefaultEMailEntity": (
        "A new EMailEntity (an e-mail) holding the defaults NetServer fills in; nothing is stored."
    ),
    "CreateDefaultEMailEnvelope": (
        "A new EMailEnvelope holding the defaults NetServer fills in; nothing is stored."
    ),
    "CreateDefaultEMailFolder": (
        "A new EMailFolder holding the defaults NetServer fills in; nothing is stored."
    ),
    "CreateDefaultEMailSOInfo": (
        "A new EMailSOInfo (how an e-mail links to SuperOffice records) holding the defaults "
        "NetServer fills in; nothing is stored."
    ),
    "CreateEMailFromDocumentEntity": (
        "Turn a document entity that holds an archived e-mail into an e-mail object."
    ),
    "CreateEMailFromMimeMessage": "Parse a MIME message, given as text, into an e-mail object.",
    "CreateFolder": "Create the folder named in the connection info on the mail server.",
    "CreateForwardEmail": (
        "Prepare a forward of the given e-mail: a new, unsent e-mail that carries the original."
    ),
    "CreateInlineHtmlHeader": (
        "Render the given e-mail's sender, date, recipients and subject as an Outlook-style HTML "
        "block, for quoting it in a reply or printing it."
    ),
    "Delete": (
        "Delete messages, by their ids on the mail server, from the folder in the connection "
        "info; when a folder name is given they are moved there instead."
    ),
    "DeleteEMailAccount": "Remove the e-mail account with the given id.",
    "DeleteEmails": (
        "Delete stored mail items by their database ids; when a folder name is given they are "
        "moved there instead."
    ),
    "DeleteExtended": (
        "Delete messages, named by their message ids, from the mailbox an extended connection "
        "description points at."
    ),
    "DeleteFolder": "Remove the folder named in the connection info from the mail server.",
    "EmptyFolder": (
        "Remove every message from the folder named in the connection info, or move them all to "
        "another folder when one is given."
    ),
    "FindAddress": "Look up the contacts and persons that have exactly this e-mail address.",
    "FindContactOrPersonByEmailName": (
        "Look up contacts and persons by e-mail address and display name together."
    ),
    "FindContactOrPersonByEmailNameWithLimit": (
        "Look up contacts and persons by e-mail address and display name, with an upper bound on "
        "how many contacts and how many persons come back."
    ),
    "GetAttachment": (
        "Download one attachment of a message on the mail server, given the message's server id "
        "and the attachment's id."
    ),
    "GetAttachmentFromId": (
        "Read one attachment of a stored mail item, given the item's id and the attachment's id."
    ),
    "GetCurrentAccount": (
        "The e-mail account the signed-in associate works with now (normally the one last "
        "logged into)."
    ),
    "GetCurrentAccountId": "The id of the signed-in associate's current e-mail account.",
    "GetEMail": "Load a stored e-mail by its database id, with or without its attachments.",
    "GetEMailAccount": "Load the e-mail account with the given id.",
    "GetEMailAccountFromEMailAddress": (
        "The signed-in associate's e-mail account for a sender address; an empty account when "
        "there is none."
    ),
    "GetEMailAddresses": "Details of the e-mail address records with the given ids.",
    "GetEMailAsStream": (
        "Download a message from the mail server as its raw MIME bytes, optionally with the "
        "attachments left out."
    ),
    "GetEMailEnvelopes": (
        "The envelopes (headers and summary, without the body) of messages on the mail server, "
        "by their server ids."
    ),
    "GetEMailFromAttachmentId": (
        "Open an e-mail attached to a stored e-mail (a forwarded message) as an e-mail object, "
        "given the stored e-mail's id and the attachment ids."
    ),
    "GetEMailFromDocumentAttachmentId": (
        "Open an e-mail attached to an archived e-mail document as an e-mail object, given the "
        "document's id and the attachment ids."
    ),
    "GetEMailFromDocumentId": "Load the e-mail archived as the document with the given id.",
    "GetEMailFromDocumentIdWithoutAttachmentStream": (
        "Load the e-mail archived as the document with the given id, without the attachments' "
        "contents (lighter when only the text and metadata are needed)."
    ),
    "GetEMailFromId": (
        "Download a message from the mail server by its server id, choosing whether addresses "
        "are matched to SuperOffice contacts and whether attachments come along."
    ),
    "GetEMailFromTemp": "Load an e-mail from a file in NetServer's temporary area, by file name.",
    "GetEMailSOInfo": "Load the SuperOffice link information (EMailSOInfo) with the given id.",
    "GetEmailAppointment": "The meeting invitation a stored mail item carries, if it carries one.",
    "GetEmailAppointmentRecurrence": (
        "The repetition pattern of the meeting invitation a stored mail item carries."
    ),
    "GetEmailDocumentAsMimeStream": "An archived e-mail document as its raw MIME bytes.",
    "GetEmailMessageIds": (
        "The message ids found in the mailbox an extended connection description points at."
    ),
    "GetEmailsAsString": (
        "The raw text of the messages with the given message ids, from the mailbox an extended "
        "connection description points at."
    ),
    "GetFolderEMailCount": (
        "Count the messages in the folder named in the connection info: all of them, or only "
        "the unread ones."
    ),
    "GetFolderHasNewEMail": (
        "Whether the folder named in the connection info received messages since it was last "
        "looked at."
    ),
    "GetFolderInfo": (
        "Information about the named folders; without names, about every subscribed folder."
    ),
    "GetFolderList": (
        "Every folder of the mail account, each as one string of sections separated by a "
        "pilcrow: the hierarchy delimiter, the name, then optionally unread and total counts."
    ),
    "GetMailFromInReplyTo": (
        "The stored e-mail that replies to the message with the given Message-ID."
    ),
    "GetMailFromMessageId": "The stored e-mail whose Message-ID is the given one.",
    "GetNewMail": (
        "Fetch what arrived in the given folders for the signed-in associate. Returns the "
        "envelopes of the new messages."
    ),
    "GetParticipantInfoFromEmailAddress": (
        "The person behind an e-mail address, described as a participant of the given appointment."
    ),
    "GetPersonEntitiesFromEmailAddress": (
        "The person entities (with their contacts) that have this e-mail address."
    ),
    "GetPersonsFromEmailAddress": "The persons that have this e-mail address.",
    "GetPreviewAttachmentFromDocId": (
        "A preview of one attachment of an archived e-mail document."
    ),
    "GetPreviewAttachmentFromId": (
        "A preview of one attachment of a stored mail item, given the attachment's id, type and "
        "file name."
    ),
    "GetReadySyncEmailAccounts": "The accounts that are due to be synchronised with their servers.",
    "HasMXRecord": "Whether a mail domain has an MX record in DNS (can receive mail).",
    "HasNewMail": (
        "A quick look in the database: is there a mail item newer than the given one in the "
        "given folder?"
    ),
    "LatestItemIdByFolder": "The id of the newest mail item in a folder.",
    "MarkAsRead": "Flag messages on the mail server, by server id, as read or unread.",
    "MarkEmailsAsRead": "Flag stored mail items, by database id, as read or unread.",
    "MoveEmailsToFolder": (
        "Move stored mail items into another folder, in the database and on the mail server."
    ),
    "MoveEmailsToTrash": "Move stored mail items into the Trash folder.",
    "MoveToFolder": (
        "Move messages, by server id, from the folder in the connection info into a target "
        "folder on the mail server."
    ),
    "RefreshFolder": (
        "Bring the database copy of the given folders up to date with the mail server. Returns "
        "0 when that finished at once, or the id of the batch task doing it."
    ),
    "RefreshFolderForAssociate": (
        "Fetch the signed-in associate's mail in the given folders. Returns a JSON text with "
        "an entry per folder."
    ),
    "RelayMessage": (
        "Pass a raw RFC 822 message on through the outgoing server of an extended connection "
        "description, with the given envelope sender and recipients."
    ),
    "Save": "Store an e-mail's changes in the database. Returns the e-mail as saved.",
    "SaveDraft": "Store an e-mail in the Drafts folder. Returns the e-mail as saved.",
    "SaveEMail": (
        "Write an e-mail to the mail server of the connection info. Returns the e-mail as saved."
    ),
    "SaveEMailAccount": (
        "Store an e-mail account: update it, or create it when its id is 0. Returns the account "
        "as stored."
    ),
    "SaveEmailToTmpDocument": (
        "Write an e-mail into a temporary document, ready to be archived. Returns the temporary "
        "file's name."
    ),
    "SaveToMailServer": "Write an e-mail back to its mail server. Returns the e-mail as saved.",
    "Send": "Send e-mails. Returns them as sent, with their message ids filled in.",
    "SendAndSaveEmailToTmpDocument": (
        "Send an e-mail and write it into a temporary document for archiving. Returns the "
        "temporary file's name."
    ),
    "SendEMails": (
        "Send e-mails through the given outgoing server and keep copies in the given sent-items "
        "folder. Returns them as sent."
    ),
    "SetRepliedAt": "Record that the stored e-mail with this Message-ID has been replied to.",
    "SetSubscription": "Subscribe to or unsubscribe from folders, as each folder says.",
    "SyncEmailAccount": "Synchronise one account with its mail server.",
    "SyncEmailAccounts": "Start synchronising the given accounts with their mail servers.",
    "TestAuthenticate": "Whether the signed-in user has a mail account that works.",
    "ToggleSubscription": "Subscribe to or unsubscribe from one folder, by folder id.",
}
