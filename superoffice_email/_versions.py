# mypy: disable-error-code="overload-overlap"
# (the last overloads take any str, which may hold any version: overlap by design)
"""Typing per service version, for mypy only; generated, do not edit by hand.

Regenerate with ``python -m codegen``. ``Version`` names the EMail agent's versions.
``EMailAgentTyping`` and ``AsyncEMailAgentTyping`` overload ``__new__`` on them, so
that ``EMailAgent(url, version="Services86")`` is typed as Services86's agent (a
method that version lacks is a type error); the public agents inherit them and keep
their own ``__new__`` out of mypy's sight. ``models`` is overloaded likewise, each
version's models described as a module type that lists its classes. At run time
the module holds ``Version`` and two empty classes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

Version = Literal["Services73", "Services75", "Services80", "Services81", "Services82", "Services83", "Services84", "Services85", "Services86", "Services87", "Services88"]

if TYPE_CHECKING:
    from collections.abc import Mapping
    from types import ModuleType
    from typing import Unpack, overload

    import httpx

    from ._agent import AgentOptions
    from ._model import Operation as _Operation
    from .agents import services73 as _a73
    from .agents import services75 as _a75
    from .agents import services80 as _a80
    from .agents import services81 as _a81
    from .agents import services82 as _a82
    from .agents import services83 as _a83
    from .agents import services84 as _a84
    from .agents import services85 as _a85
    from .agents import services86 as _a86
    from .agents import services87 as _a87
    from .agents import services88 as _a88
    from .services import services73 as _m73
    from .services import services75 as _m75
    from .services import services80 as _m80
    from .services import services81 as _m81
    from .services import services82 as _m82
    from .services import services83 as _m83
    from .services import services84 as _m84
    from .services import services85 as _m85
    from .services import services86 as _m86
    from .services import services87 as _m87
    from .services import services88 as _m88

    class Services73Models(ModuleType):
        """What ``models("Services73")`` holds: its classes and tables."""

        VERSION: str
        NAMESPACE: str
        OPERATIONS: dict[str, _Operation]
        TYPES: Mapping[str, type]
        ActivityStatus: type[_m73.ActivityStatus]
        Address: type[_m73.Address]
        AppointmentType: type[_m73.AppointmentType]
        Associate: type[_m73.Associate]
        Carrier: type[_m73.Carrier]
        Contact: type[_m73.Contact]
        DocTmplDirection: type[_m73.DocTmplDirection]
        DocTmplType: type[_m73.DocTmplType]
        DocumentEntity: type[_m73.DocumentEntity]
        DocumentLockSemantics: type[_m73.DocumentLockSemantics]
        DocumentTemplate: type[_m73.DocumentTemplate]
        EFieldRight: type[_m73.EFieldRight]
        EMailAddress: type[_m73.EMailAddress]
        EMailAttachment: type[_m73.EMailAttachment]
        EMailConnectionInfo: type[_m73.EMailConnectionInfo]
        EMailConnectionInfoExtended: type[_m73.EMailConnectionInfoExtended]
        EMailCustomHeader: type[_m73.EMailCustomHeader]
        EMailEntity: type[_m73.EMailEntity]
        EMailEnvelope: type[_m73.EMailEnvelope]
        EMailFlags: type[_m73.EMailFlags]
        EMailFolder: type[_m73.EMailFolder]
        EMailPriority: type[_m73.EMailPriority]
        EMailSOInfo: type[_m73.EMailSOInfo]
        ETableRight: type[_m73.ETableRight]
        FieldProperty: type[_m73.FieldProperty]
        FieldRight: type[_m73.FieldRight]
        Link: type[_m73.Link]
        LocalizedField: type[_m73.LocalizedField]
        Person: type[_m73.Person]
        Project: type[_m73.Project]
        Sale: type[_m73.Sale]
        SaleStatus: type[_m73.SaleStatus]
        SoCredentials: type[_m73.SoCredentials]
        SoExceptionInfo: type[_m73.SoExceptionInfo]
        SoTimeZone: type[_m73.SoTimeZone]
        TableRight: type[_m73.TableRight]
        UserType: type[_m73.UserType]
        Visibility: type[_m73.Visibility]
        VisibleFor: type[_m73.VisibleFor]
        AuthenticateIncomingRequest: type[_m73.AuthenticateIncomingRequest]
        AuthenticateOutgoingRequest: type[_m73.AuthenticateOutgoingRequest]
        AuthenticateRequest: type[_m73.AuthenticateRequest]
        CreateDefaultEMailAddressRequest: type[_m73.CreateDefaultEMailAddressRequest]
        CreateDefaultEMailAttachmentRequest: type[_m73.CreateDefaultEMailAttachmentRequest]
        CreateDefaultEMailConnectionInfoExtendedRequest: type[_m73.CreateDefaultEMailConnectionInfoExtendedRequest]
        CreateDefaultEMailConnectionInfoRequest: type[_m73.CreateDefaultEMailConnectionInfoRequest]
        CreateDefaultEMailCustomHeaderRequest: type[_m73.CreateDefaultEMailCustomHeaderRequest]
        CreateDefaultEMailEntityRequest: type[_m73.CreateDefaultEMailEntityRequest]
        CreateDefaultEMailEnvelopeRequest: type[_m73.CreateDefaultEMailEnvelopeRequest]
        CreateDefaultEMailFolderRequest: type[_m73.CreateDefaultEMailFolderRequest]
        CreateDefaultEMailSOInfoRequest: type[_m73.CreateDefaultEMailSOInfoRequest]
        CreateEMailFromDocumentEntityRequest: type[_m73.CreateEMailFromDocumentEntityRequest]
        CreateFolderRequest: type[_m73.CreateFolderRequest]
        DeleteExtendedRequest: type[_m73.DeleteExtendedRequest]
        DeleteFolderRequest: type[_m73.DeleteFolderRequest]
        DeleteRequest: type[_m73.DeleteRequest]
        EmptyFolderRequest: type[_m73.EmptyFolderRequest]
        FindAddressRequest: type[_m73.FindAddressRequest]
        GetAttachmentRequest: type[_m73.GetAttachmentRequest]
        GetEMailAddressesRequest: type[_m73.GetEMailAddressesRequest]
        GetEMailAsStreamRequest: type[_m73.GetEMailAsStreamRequest]
        GetEMailEnvelopesRequest: type[_m73.GetEMailEnvelopesRequest]
        GetEMailFromDocumentIdRequest: type[_m73.GetEMailFromDocumentIdRequest]
        GetEMailFromIdRequest: type[_m73.GetEMailFromIdRequest]
        GetEMailFromTempRequest: type[_m73.GetEMailFromTempRequest]
        GetEMailSOInfoRequest: type[_m73.GetEMailSOInfoRequest]
        GetEmailMessageIdsRequest: type[_m73.GetEmailMessageIdsRequest]
        GetEmailsAsStringRequest: type[_m73.GetEmailsAsStringRequest]
        GetFolderEMailCountRequest: type[_m73.GetFolderEMailCountRequest]
        GetFolderHasNewEMailRequest: type[_m73.GetFolderHasNewEMailRequest]
        GetFolderInfoRequest: type[_m73.GetFolderInfoRequest]
        GetFolderListRequest: type[_m73.GetFolderListRequest]
        MarkAsReadRequest: type[_m73.MarkAsReadRequest]
        MoveToFolderRequest: type[_m73.MoveToFolderRequest]
        RefreshFolderRequest: type[_m73.RefreshFolderRequest]
        RelayMessageRequest: type[_m73.RelayMessageRequest]
        SaveEMailRequest: type[_m73.SaveEMailRequest]
        SendEMailsRequest: type[_m73.SendEMailsRequest]
        SetSubscriptionRequest: type[_m73.SetSubscriptionRequest]

    class Services75Models(ModuleType):
        """What ``models("Services75")`` holds: its classes and tables."""

        VERSION: str
        NAMESPACE: str
        OPERATIONS: dict[str, _Operation]
        TYPES: Mapping[str, type]
        ActivityStatus: type[_m75.ActivityStatus]
        Address: type[_m75.Address]
        AppointmentType: type[_m75.AppointmentType]
        Associate: type[_m75.Associate]
        Carrier: type[_m75.Carrier]
        Contact: type[_m75.Contact]
        DocTmplDirection: type[_m75.DocTmplDirection]
        DocTmplQuoteType: type[_m75.DocTmplQuoteType]
        DocTmplType: type[_m75.DocTmplType]
        DocumentEntity: type[_m75.DocumentEntity]
        DocumentLockSemantics: type[_m75.DocumentLockSemantics]
        DocumentTemplate: type[_m75.DocumentTemplate]
        EFieldRight: type[_m75.EFieldRight]
        EMailAddress: type[_m75.EMailAddress]
        EMailAttachment: type[_m75.EMailAttachment]
        EMailConnectionInfo: type[_m75.EMailConnectionInfo]
        EMailConnectionInfoExtended: type[_m75.EMailConnectionInfoExtended]
        EMailCustomHeader: type[_m75.EMailCustomHeader]
        EMailEntity: type[_m75.EMailEntity]
        EMailEnvelope: type[_m75.EMailEnvelope]
        EMailFlags: type[_m75.EMailFlags]
        EMailFolder: type[_m75.EMailFolder]
        EMailPriority: type[_m75.EMailPriority]
        EMailSOInfo: type[_m75.EMailSOInfo]
        ETableRight: type[_m75.ETableRight]
        FieldProperty: type[_m75.FieldProperty]
        FieldRight: type[_m75.FieldRight]
        Link: type[_m75.Link]
        LocalizedField: type[_m75.LocalizedField]
        Person: type[_m75.Person]
        Project: type[_m75.Project]
        Sale: type[_m75.Sale]
        SaleStatus: type[_m75.SaleStatus]
        SoCredentials: type[_m75.SoCredentials]
        SoExceptionInfo: type[_m75.SoExceptionInfo]
        SoTimeZone: type[_m75.SoTimeZone]
        TableRight: type[_m75.TableRight]
        UserType: type[_m75.UserType]
        Visibility: type[_m75.Visibility]
        VisibleFor: type[_m75.VisibleFor]
        AuthenticateIncomingRequest: type[_m75.AuthenticateIncomingRequest]
        AuthenticateOutgoingRequest: type[_m75.AuthenticateOutgoingRequest]
        AuthenticateRequest: type[_m75.AuthenticateRequest]
        CreateDefaultEMailAddressRequest: type[_m75.CreateDefaultEMailAddressRequest]
        CreateDefaultEMailAttachmentRequest: type[_m75.CreateDefaultEMailAttachmentRequest]
        CreateDefaultEMailConnectionInfoExtendedRequest: type[_m75.CreateDefaultEMailConnectionInfoExtendedRequest]
        CreateDefaultEMailConnectionInfoRequest: type[_m75.CreateDefaultEMailConnectionInfoRequest]
        CreateDefaultEMailCustomHeaderRequest: type[_m75.CreateDefaultEMailCustomHeaderRequest]
        CreateDefaultEMailEntityRequest: type[_m75.CreateDefaultEMailEntityRequest]
        CreateDefaultEMailEnvelopeRequest: type[_m75.CreateDefaultEMailEnvelopeRequest]
        CreateDefaultEMailFolderRequest: type[_m75.CreateDefaultEMailFolderRequest]
        CreateDefaultEMailSOInfoRequest: type[_m75.CreateDefaultEMailSOInfoRequest]
        CreateEMailFromDocumentEntityRequest: type[_m75.CreateEMailFromDocumentEntityRequest]
        CreateFolderRequest: type[_m75.CreateFolderRequest]
        DeleteExtendedRequest: type[_m75.DeleteExtendedRequest]
        DeleteFolderRequest: type[_m75.DeleteFolderRequest]
        DeleteRequest: type[_m75.DeleteRequest]
        EmptyFolderRequest: type[_m75.EmptyFolderRequest]
        FindAddressRequest: type[_m75.FindAddressRequest]
        GetAttachmentRequest: type[_m75.GetAttachmentRequest]
        GetEMailAddressesRequest: type[_m75.GetEMailAddressesRequest]
        GetEMailAsStreamRequest: type[_m75.GetEMailAsStreamRequest]
        GetEMailEnvelopesRequest: type[_m75.GetEMailEnvelopesRequest]
        GetEMailFromDocumentIdRequest: type[_m75.GetEMailFromDocumentIdRequest]
        GetEMailFromIdRequest: type[_m75.GetEMailFromIdRequest]
        GetEMailFromTempRequest: type[_m75.GetEMailFromTempRequest]
        GetEMailSOInfoRequest: type[_m75.GetEMailSOInfoRequest]
        GetEmailMessageIdsRequest: type[_m75.GetEmailMessageIdsRequest]
        GetEmailsAsStringRequest: type[_m75.GetEmailsAsStringRequest]
        GetFolderEMailCountRequest: type[_m75.GetFolderEMailCountRequest]
        GetFolderHasNewEMailRequest: type[_m75.GetFolderHasNewEMailRequest]
        GetFolderInfoRequest: type[_m75.GetFolderInfoRequest]
        GetFolderListRequest: type[_m75.GetFolderListRequest]
        MarkAsReadRequest: type[_m75.MarkAsReadRequest]
        MoveToFolderRequest: type[_m75.MoveToFolderRequest]
        RefreshFolderRequest: type[_m75.RefreshFolderRequest]
        RelayMessageRequest: type[_m75.RelayMessageRequest]
        SaveEMailRequest: type[_m75.SaveEMailRequest]
        SendEMailsRequest: type[_m75.SendEMailsRequest]
        SetSubscriptionRequest: type[_m75.SetSubscriptionRequest]

    class Services80Models(ModuleType):
        """What ``models("Services80")`` holds: its classes and tables."""

        VERSION: str
        NAMESPACE: str
        OPERATIONS: dict[str, _Operation]
        TYPES: Mapping[str, type]
        ActivityStatus: type[_m80.ActivityStatus]
        Address: type[_m80.Address]
        AppointmentType: type[_m80.AppointmentType]
        Associate: type[_m80.Associate]
        Carrier: type[_m80.Carrier]
        Contact: type[_m80.Contact]
        DocTmplDirection: type[_m80.DocTmplDirection]
        DocTmplQuoteType: type[_m80.DocTmplQuoteType]
        DocTmplType: type[_m80.DocTmplType]
        DocumentEntity: type[_m80.DocumentEntity]
        DocumentLockSemantics: type[_m80.DocumentLockSemantics]
        DocumentTemplate: type[_m80.DocumentTemplate]
        EFieldRight: type[_m80.EFieldRight]
        EMailAddress: type[_m80.EMailAddress]
        EMailAttachment: type[_m80.EMailAttachment]
        EMailConnectionInfo: type[_m80.EMailConnectionInfo]
        EMailConnectionInfoExtended: type[_m80.EMailConnectionInfoExtended]
        EMailCustomHeader: type[_m80.EMailCustomHeader]
        EMailEntity: type[_m80.EMailEntity]
        EMailEnvelope: type[_m80.EMailEnvelope]
        EMailFlags: type[_m80.EMailFlags]
        EMailFolder: type[_m80.EMailFolder]
        EMailPriority: type[_m80.EMailPriority]
        EMailSOInfo: type[_m80.EMailSOInfo]
        ETableRight: type[_m80.ETableRight]
        FieldProperty: type[_m80.FieldProperty]
        FieldRight: type[_m80.FieldRight]
        Link: type[_m80.Link]
        LocalizedField: type[_m80.LocalizedField]
        Person: type[_m80.Person]
        Project: type[_m80.Project]
        Sale: type[_m80.Sale]
        SaleStatus: type[_m80.SaleStatus]
        SoCredentials: type[_m80.SoCredentials]
        SoExceptionInfo: type[_m80.SoExceptionInfo]
        SoTimeZone: type[_m80.SoTimeZone]
        TableRight: type[_m80.TableRight]
        UserType: type[_m80.UserType]
        Visibility: type[_m80.Visibility]
        VisibleFor: type[_m80.VisibleFor]
        AuthenticateIncomingRequest: type[_m80.AuthenticateIncomingRequest]
        AuthenticateOutgoingRequest: type[_m80.AuthenticateOutgoingRequest]
        AuthenticateRequest: type[_m80.AuthenticateRequest]
        CreateDefaultEMailAddressRequest: type[_m80.CreateDefaultEMailAddressRequest]
        CreateDefaultEMailAttachmentRequest: type[_m80.CreateDefaultEMailAttachmentRequest]
        CreateDefaultEMailConnectionInfoExtendedRequest: type[_m80.CreateDefaultEMailConnectionInfoExtendedRequest]
        CreateDefaultEMailConnectionInfoRequest: type[_m80.CreateDefaultEMailConnectionInfoRequest]
        CreateDefaultEMailCustomHeaderRequest: type[_m80.CreateDefaultEMailCustomHeaderRequest]
        CreateDefaultEMailEntityRequest: type[_m80.CreateDefaultEMailEntityRequest]
        CreateDefaultEMailEnvelopeRequest: type[_m80.CreateDefaultEMailEnvelopeRequest]
        CreateDefaultEMailFolderRequest: type[_m80.CreateDefaultEMailFolderRequest]
        CreateDefaultEMailSOInfoRequest: type[_m80.CreateDefaultEMailSOInfoRequest]
        CreateEMailFromDocumentEntityRequest: type[_m80.CreateEMailFromDocumentEntityRequest]
        CreateFolderRequest: type[_m80.CreateFolderRequest]
        DeleteExtendedRequest: type[_m80.DeleteExtendedRequest]
        DeleteFolderRequest: type[_m80.DeleteFolderRequest]
        DeleteRequest: type[_m80.DeleteRequest]
        EmptyFolderRequest: type[_m80.EmptyFolderRequest]
        FindAddressRequest: type[_m80.FindAddressRequest]
        GetAttachmentRequest: type[_m80.GetAttachmentRequest]
        GetEMailAddressesRequest: type[_m80.GetEMailAddressesRequest]
        GetEMailAsStreamRequest: type[_m80.GetEMailAsStreamRequest]
        GetEMailEnvelopesRequest: type[_m80.GetEMailEnvelopesRequest]
        GetEMailFromDocumentIdRequest: type[_m80.GetEMailFromDocumentIdRequest]
        GetEMailFromIdRequest: type[_m80.GetEMailFromIdRequest]
        GetEMailFromTempRequest: type[_m80.GetEMailFromTempRequest]
        GetEMailSOInfoRequest: type[_m80.GetEMailSOInfoRequest]
        GetEmailMessageIdsRequest: type[_m80.GetEmailMessageIdsRequest]
        GetEmailsAsStringRequest: type[_m80.GetEmailsAsStringRequest]
        GetFolderEMailCountRequest: type[_m80.GetFolderEMailCountRequest]
        GetFolderHasNewEMailRequest: type[_m80.GetFolderHasNewEMailRequest]
        GetFolderInfoRequest: type[_m80.GetFolderInfoRequest]
        GetFolderListRequest: type[_m80.GetFolderListRequest]
        MarkAsReadRequest: type[_m80.MarkAsReadRequest]
        MoveToFolderRequest: type[_m80.MoveToFolderRequest]
        RefreshFolderRequest: type[_m80.RefreshFolderRequest]
        RelayMessageRequest: type[_m80.RelayMessageRequest]
        SaveEMailRequest: type[_m80.SaveEMailRequest]
        SendEMailsRequest: type[_m80.SendEMailsRequest]
        SetSubscriptionRequest: type[_m80.SetSubscriptionRequest]

    class Services81Models(ModuleType):
        """What ``models("Services81")`` holds: its classes and tables."""

        VERSION: str
        NAMESPACE: str
        OPERATIONS: dict[str, _Operation]
        TYPES: Mapping[str, type]
        ActivityStatus: type[_m81.ActivityStatus]
        Address: type[_m81.Address]
        AppointmentType: type[_m81.AppointmentType]
        Associate: type[_m81.Associate]
        Carrier: type[_m81.Carrier]
        Contact: type[_m81.Contact]
        DocTmplDirection: type[_m81.DocTmplDirection]
        DocTmplQuoteType: type[_m81.DocTmplQuoteType]
        DocTmplType: type[_m81.DocTmplType]
        DocumentEntity: type[_m81.DocumentEntity]
        DocumentLockSemantics: type[_m81.DocumentLockSemantics]
        DocumentTemplate: type[_m81.DocumentTemplate]
        EFieldRight: type[_m81.EFieldRight]
        EMailAddress: type[_m81.EMailAddress]
        EMailAttachment: type[_m81.EMailAttachment]
        EMailConnectionInfo: type[_m81.EMailConnectionInfo]
        EMailConnectionInfoExtended: type[_m81.EMailConnectionInfoExtended]
        EMailCustomHeader: type[_m81.EMailCustomHeader]
        EMailEntity: type[_m81.EMailEntity]
        EMailEnvelope: type[_m81.EMailEnvelope]
        EMailFlags: type[_m81.EMailFlags]
        EMailFolder: type[_m81.EMailFolder]
        EMailPriority: type[_m81.EMailPriority]
        EMailSOInfo: type[_m81.EMailSOInfo]
        ETableRight: type[_m81.ETableRight]
        FieldProperty: type[_m81.FieldProperty]
        FieldRight: type[_m81.FieldRight]
        Link: type[_m81.Link]
        LocalizedField: type[_m81.LocalizedField]
        Person: type[_m81.Person]
        Project: type[_m81.Project]
        Sale: type[_m81.Sale]
        SaleStatus: type[_m81.SaleStatus]
        SoCredentials: type[_m81.SoCredentials]
        SoExceptionInfo: type[_m81.SoExceptionInfo]
        SoTimeZone: type[_m81.SoTimeZone]
        TableRight: type[_m81.TableRight]
        UserType: type[_m81.UserType]
        Visibility: type[_m81.Visibility]
        VisibleFor: type[_m81.VisibleFor]
        AuthenticateIncomingRequest: type[_m81.AuthenticateIncomingRequest]
        AuthenticateOutgoingRequest: type[_m81.AuthenticateOutgoingRequest]
        AuthenticateRequest: type[_m81.AuthenticateRequest]
        CreateDefaultEMailAddressRequest: type[_m81.CreateDefaultEMailAddressRequest]
        CreateDefaultEMailAttachmentRequest: type[_m81.CreateDefaultEMailAttachmentRequest]
        CreateDefaultEMailConnectionInfoExtendedRequest: type[_m81.CreateDefaultEMailConnectionInfoExtendedRequest]
        CreateDefaultEMailConnectionInfoRequest: type[_m81.CreateDefaultEMailConnectionInfoRequest]
        CreateDefaultEMailCustomHeaderRequest: type[_m81.CreateDefaultEMailCustomHeaderRequest]
        CreateDefaultEMailEntityRequest: type[_m81.CreateDefaultEMailEntityRequest]
        CreateDefaultEMailEnvelopeRequest: type[_m81.CreateDefaultEMailEnvelopeRequest]
        CreateDefaultEMailFolderRequest: type[_m81.CreateDefaultEMailFolderRequest]
        CreateDefaultEMailSOInfoRequest: type[_m81.CreateDefaultEMailSOInfoRequest]
        CreateEMailFromDocumentEntityRequest: type[_m81.CreateEMailFromDocumentEntityRequest]
        CreateEMailFromMimeMessageRequest: type[_m81.CreateEMailFromMimeMessageRequest]
        CreateFolderRequest: type[_m81.CreateFolderRequest]
        DeleteExtendedRequest: type[_m81.DeleteExtendedRequest]
        DeleteFolderRequest: type[_m81.DeleteFolderRequest]
        DeleteRequest: type[_m81.DeleteRequest]
        EmptyFolderRequest: type[_m81.EmptyFolderRequest]
        FindAddressRequest: type[_m81.FindAddressRequest]
        GetAttachmentRequest: type[_m81.GetAttachmentRequest]
        GetEMailAddressesRequest: type[_m81.GetEMailAddressesRequest]
        GetEMailAsStreamRequest: type[_m81.GetEMailAsStreamRequest]
        GetEMailEnvelopesRequest: type[_m81.GetEMailEnvelopesRequest]
        GetEMailFromDocumentIdRequest: type[_m81.GetEMailFromDocumentIdRequest]
        GetEMailFromIdRequest: type[_m81.GetEMailFromIdRequest]
        GetEMailFromTempRequest: type[_m81.GetEMailFromTempRequest]
        GetEMailSOInfoRequest: type[_m81.GetEMailSOInfoRequest]
        GetEmailMessageIdsRequest: type[_m81.GetEmailMessageIdsRequest]
        GetEmailsAsStringRequest: type[_m81.GetEmailsAsStringRequest]
        GetFolderEMailCountRequest: type[_m81.GetFolderEMailCountRequest]
        GetFolderHasNewEMailRequest: type[_m81.GetFolderHasNewEMailRequest]
        GetFolderInfoRequest: type[_m81.GetFolderInfoRequest]
        GetFolderListRequest: type[_m81.GetFolderListRequest]
        MarkAsReadRequest: type[_m81.MarkAsReadRequest]
        MoveToFolderRequest: type[_m81.MoveToFolderRequest]
        RefreshFolderRequest: type[_m81.RefreshFolderRequest]
        RelayMessageRequest: type[_m81.RelayMessageRequest]
        SaveEMailRequest: type[_m81.SaveEMailRequest]
        SendEMailsRequest: type[_m81.SendEMailsRequest]
        SetSubscriptionRequest: type[_m81.SetSubscriptionRequest]

    class Services82Models(ModuleType):
        """What ``models("Services82")`` holds: its classes and tables."""

        VERSION: str
        NAMESPACE: str
        OPERATIONS: dict[str, _Operation]
        TYPES: Mapping[str, type]
        ActivityStatus: type[_m82.ActivityStatus]
        Address: type[_m82.Address]
        AppointmentType: type[_m82.AppointmentType]
        Associate: type[_m82.Associate]
        Carrier: type[_m82.Carrier]
        Contact: type[_m82.Contact]
        DocTmplDirection: type[_m82.DocTmplDirection]
        DocTmplQuoteType: type[_m82.DocTmplQuoteType]
        DocTmplType: type[_m82.DocTmplType]
        DocumentEntity: type[_m82.DocumentEntity]
        DocumentLockSemantics: type[_m82.DocumentLockSemantics]
        DocumentTemplate: type[_m82.DocumentTemplate]
        EFieldRight: type[_m82.EFieldRight]
        EMailAddress: type[_m82.EMailAddress]
        EMailAttachment: type[_m82.EMailAttachment]
        EMailConnectionInfo: type[_m82.EMailConnectionInfo]
        EMailConnectionInfoExtended: type[_m82.EMailConnectionInfoExtended]
        EMailCustomHeader: type[_m82.EMailCustomHeader]
        EMailEntity: type[_m82.EMailEntity]
        EMailEnvelope: type[_m82.EMailEnvelope]
        EMailFlags: type[_m82.EMailFlags]
        EMailFolder: type[_m82.EMailFolder]
        EMailPriority: type[_m82.EMailPriority]
        EMailSOInfo: type[_m82.EMailSOInfo]
        ETableRight: type[_m82.ETableRight]
        FieldProperty: type[_m82.FieldProperty]
        FieldRight: type[_m82.FieldRight]
        Link: type[_m82.Link]
        LocalizedField: type[_m82.LocalizedField]
        Person: type[_m82.Person]
        Project: type[_m82.Project]
        Sale: type[_m82.Sale]
        SaleStatus: type[_m82.SaleStatus]
        SoCredentials: type[_m82.SoCredentials]
        SoExceptionInfo: type[_m82.SoExceptionInfo]
        SoTimeZone: type[_m82.SoTimeZone]
        TableRight: type[_m82.TableRight]
        UserType: type[_m82.UserType]
        Visibility: type[_m82.Visibility]
        VisibleFor: type[_m82.VisibleFor]
        AuthenticateIncomingRequest: type[_m82.AuthenticateIncomingRequest]
        AuthenticateOutgoingRequest: type[_m82.AuthenticateOutgoingRequest]
        AuthenticateRequest: type[_m82.AuthenticateRequest]
        CreateDefaultEMailAddressRequest: type[_m82.CreateDefaultEMailAddressRequest]
        CreateDefaultEMailAttachmentRequest: type[_m82.CreateDefaultEMailAttachmentRequest]
        CreateDefaultEMailConnectionInfoExtendedRequest: type[_m82.CreateDefaultEMailConnectionInfoExtendedRequest]
        CreateDefaultEMailConnectionInfoRequest: type[_m82.CreateDefaultEMailConnectionInfoRequest]
        CreateDefaultEMailCustomHeaderRequest: type[_m82.CreateDefaultEMailCustomHeaderRequest]
        CreateDefaultEMailEntityRequest: type[_m82.CreateDefaultEMailEntityRequest]
        CreateDefaultEMailEnvelopeRequest: type[_m82.CreateDefaultEMailEnvelopeRequest]
        CreateDefaultEMailFolderRequest: type[_m82.CreateDefaultEMailFolderRequest]
        CreateDefaultEMailSOInfoRequest: type[_m82.CreateDefaultEMailSOInfoRequest]
        CreateEMailFromDocumentEntityRequest: type[_m82.CreateEMailFromDocumentEntityRequest]
        CreateEMailFromMimeMessageRequest: type[_m82.CreateEMailFromMimeMessageRequest]
        CreateFolderRequest: type[_m82.CreateFolderRequest]
        DeleteExtendedRequest: type[_m82.DeleteExtendedRequest]
        DeleteFolderRequest: type[_m82.DeleteFolderRequest]
        DeleteRequest: type[_m82.DeleteRequest]
        EmptyFolderRequest: type[_m82.EmptyFolderRequest]
        FindAddressRequest: type[_m82.FindAddressRequest]
        GetAttachmentRequest: type[_m82.GetAttachmentRequest]
        GetEMailAddressesRequest: type[_m82.GetEMailAddressesRequest]
        GetEMailAsStreamRequest: type[_m82.GetEMailAsStreamRequest]
        GetEMailEnvelopesRequest: type[_m82.GetEMailEnvelopesRequest]
        GetEMailFromDocumentIdRequest: type[_m82.GetEMailFromDocumentIdRequest]
        GetEMailFromIdRequest: type[_m82.GetEMailFromIdRequest]
        GetEMailFromTempRequest: type[_m82.GetEMailFromTempRequest]
        GetEMailSOInfoRequest: type[_m82.GetEMailSOInfoRequest]
        GetEmailMessageIdsRequest: type[_m82.GetEmailMessageIdsRequest]
        GetEmailsAsStringRequest: type[_m82.GetEmailsAsStringRequest]
        GetFolderEMailCountRequest: type[_m82.GetFolderEMailCountRequest]
        GetFolderHasNewEMailRequest: type[_m82.GetFolderHasNewEMailRequest]
        GetFolderInfoRequest: type[_m82.GetFolderInfoRequest]
        GetFolderListRequest: type[_m82.GetFolderListRequest]
        MarkAsReadRequest: type[_m82.MarkAsReadRequest]
        MoveToFolderRequest: type[_m82.MoveToFolderRequest]
        RefreshFolderRequest: type[_m82.RefreshFolderRequest]
        RelayMessageRequest: type[_m82.RelayMessageRequest]
        SaveEMailRequest: type[_m82.SaveEMailRequest]
        SendEMailsRequest: type[_m82.SendEMailsRequest]
        SetSubscriptionRequest: type[_m82.SetSubscriptionRequest]

    class Services83Models(ModuleType):
        """What ``models("Services83")`` holds: its classes and tables."""

        VERSION: str
        NAMESPACE: str
        OPERATIONS: dict[str, _Operation]
        TYPES: Mapping[str, type]
        ActivityStatus: type[_m83.ActivityStatus]
        Address: type[_m83.Address]
        AppointmentType: type[_m83.AppointmentType]
        Associate: type[_m83.Associate]
        Business: type[_m83.Business]
        Carrier: type[_m83.Carrier]
        Category: type[_m83.Category]
        Contact: type[_m83.Contact]
        ContactOrPersonFromEmail: type[_m83.ContactOrPersonFromEmail]
        Country: type[_m83.Country]
        CustomerLanguage: type[_m83.CustomerLanguage]
        DocTmplDirection: type[_m83.DocTmplDirection]
        DocTmplQuoteType: type[_m83.DocTmplQuoteType]
        DocTmplType: type[_m83.DocTmplType]
        DocumentEntity: type[_m83.DocumentEntity]
        DocumentLockSemantics: type[_m83.DocumentLockSemantics]
        DocumentTemplate: type[_m83.DocumentTemplate]
        EFieldRight: type[_m83.EFieldRight]
        EMailAccount: type[_m83.EMailAccount]
        EMailAddress: type[_m83.EMailAddress]
        EMailAttachment: type[_m83.EMailAttachment]
        EMailConnectionInfo: type[_m83.EMailConnectionInfo]
        EMailConnectionInfoExtended: type[_m83.EMailConnectionInfoExtended]
        EMailCustomHeader: type[_m83.EMailCustomHeader]
        EMailEntity: type[_m83.EMailEntity]
        EMailEnvelope: type[_m83.EMailEnvelope]
        EMailFlags: type[_m83.EMailFlags]
        EMailFolder: type[_m83.EMailFolder]
        EMailPriority: type[_m83.EMailPriority]
        EMailSOInfo: type[_m83.EMailSOInfo]
        ETableRight: type[_m83.ETableRight]
        EntityElement: type[_m83.EntityElement]
        FieldProperty: type[_m83.FieldProperty]
        FieldRight: type[_m83.FieldRight]
        Link: type[_m83.Link]
        LocalizedField: type[_m83.LocalizedField]
        Person: type[_m83.Person]
        PersonEntity: type[_m83.PersonEntity]
        Position: type[_m83.Position]
        Project: type[_m83.Project]
        Sale: type[_m83.Sale]
        SaleStatus: type[_m83.SaleStatus]
        SelectableMDOListItem: type[_m83.SelectableMDOListItem]
        ServiceAuth: type[_m83.ServiceAuth]
        SoCredentials: type[_m83.SoCredentials]
        SoExceptionInfo: type[_m83.SoExceptionInfo]
        SoTimeZone: type[_m83.SoTimeZone]
        SyncUserAccount: type[_m83.SyncUserAccount]
        TableRight: type[_m83.TableRight]
        TicketPriority: type[_m83.TicketPriority]
        UserInfo: type[_m83.UserInfo]
        UserType: type[_m83.UserType]
        Visibility: type[_m83.Visibility]
        VisibleFor: type[_m83.VisibleFor]
        AuthenticateIncomingRequest: type[_m83.AuthenticateIncomingRequest]
        AuthenticateOutgoingRequest: type[_m83.AuthenticateOutgoingRequest]
        AuthenticateRequest: type[_m83.AuthenticateRequest]
        CacheFolderListRequest: type[_m83.CacheFolderListRequest]
        CreateDefaultEMailAccountRequest: type[_m83.CreateDefaultEMailAccountRequest]
        CreateDefaultEMailAddressRequest: type[_m83.CreateDefaultEMailAddressRequest]
        CreateDefaultEMailAttachmentRequest: type[_m83.CreateDefaultEMailAttachmentRequest]
        CreateDefaultEMailConnectionInfoExtendedRequest: type[_m83.CreateDefaultEMailConnectionInfoExtendedRequest]
        CreateDefaultEMailConnectionInfoRequest: type[_m83.CreateDefaultEMailConnectionInfoRequest]
        CreateDefaultEMailCustomHeaderRequest: type[_m83.CreateDefaultEMailCustomHeaderRequest]
        CreateDefaultEMailEntityRequest: type[_m83.CreateDefaultEMailEntityRequest]
        CreateDefaultEMailEnvelopeRequest: type[_m83.CreateDefaultEMailEnvelopeRequest]
        CreateDefaultEMailFolderRequest: type[_m83.CreateDefaultEMailFolderRequest]
        CreateDefaultEMailSOInfoRequest: type[_m83.CreateDefaultEMailSOInfoRequest]
        CreateEMailFromDocumentEntityRequest: type[_m83.CreateEMailFromDocumentEntityRequest]
        CreateEMailFromMimeMessageRequest: type[_m83.CreateEMailFromMimeMessageRequest]
        CreateFolderRequest: type[_m83.CreateFolderRequest]
        CreateForwardEmailRequest: type[_m83.CreateForwardEmailRequest]
        DeleteEMailAccountRequest: type[_m83.DeleteEMailAccountRequest]
        DeleteEmailsRequest: type[_m83.DeleteEmailsRequest]
        DeleteExtendedRequest: type[_m83.DeleteExtendedRequest]
        DeleteFolderRequest: type[_m83.DeleteFolderRequest]
        DeleteRequest: type[_m83.DeleteRequest]
        EmptyFolderRequest: type[_m83.EmptyFolderRequest]
        FindAddressRequest: type[_m83.FindAddressRequest]
        FindContactOrPersonByEmailNameRequest: type[_m83.FindContactOrPersonByEmailNameRequest]
        GetAttachmentFromIdRequest: type[_m83.GetAttachmentFromIdRequest]
        GetAttachmentRequest: type[_m83.GetAttachmentRequest]
        GetCurrentAccountIdRequest: type[_m83.GetCurrentAccountIdRequest]
        GetCurrentAccountRequest: type[_m83.GetCurrentAccountRequest]
        GetEMailAccountFromEMailAddressRequest: type[_m83.GetEMailAccountFromEMailAddressRequest]
        GetEMailAccountRequest: type[_m83.GetEMailAccountRequest]
        GetEMailAddressesRequest: type[_m83.GetEMailAddressesRequest]
        GetEMailAsStreamRequest: type[_m83.GetEMailAsStreamRequest]
        GetEMailEnvelopesRequest: type[_m83.GetEMailEnvelopesRequest]
        GetEMailFromDocumentIdRequest: type[_m83.GetEMailFromDocumentIdRequest]
        GetEMailFromDocumentIdWithoutAttachmentStreamRequest: type[_m83.GetEMailFromDocumentIdWithoutAttachmentStreamRequest]
        GetEMailFromIdRequest: type[_m83.GetEMailFromIdRequest]
        GetEMailFromTempRequest: type[_m83.GetEMailFromTempRequest]
        GetEMailRequest: type[_m83.GetEMailRequest]
        GetEMailSOInfoRequest: type[_m83.GetEMailSOInfoRequest]
        GetEmailMessageIdsRequest: type[_m83.GetEmailMessageIdsRequest]
        GetEmailsAsStringRequest: type[_m83.GetEmailsAsStringRequest]
        GetFolderEMailCountRequest: type[_m83.GetFolderEMailCountRequest]
        GetFolderHasNewEMailRequest: type[_m83.GetFolderHasNewEMailRequest]
        GetFolderInfoRequest: type[_m83.GetFolderInfoRequest]
        GetFolderListRequest: type[_m83.GetFolderListRequest]
        GetMailFromInReplyToRequest: type[_m83.GetMailFromInReplyToRequest]
        GetMailFromMessageIdRequest: type[_m83.GetMailFromMessageIdRequest]
        GetNewMailRequest: type[_m83.GetNewMailRequest]
        GetPersonEntitiesFromEmailAddressRequest: type[_m83.GetPersonEntitiesFromEmailAddressRequest]
        GetReadySyncEmailAccountsRequest: type[_m83.GetReadySyncEmailAccountsRequest]
        HasNewMailRequest: type[_m83.HasNewMailRequest]
        MarkAsReadRequest: type[_m83.MarkAsReadRequest]
        MarkEmailsAsReadRequest: type[_m83.MarkEmailsAsReadRequest]
        MoveEmailsToFolderRequest: type[_m83.MoveEmailsToFolderRequest]
        MoveEmailsToTrashRequest: type[_m83.MoveEmailsToTrashRequest]
        MoveToFolderRequest: type[_m83.MoveToFolderRequest]
        RefreshFolderForAssociateRequest: type[_m83.RefreshFolderForAssociateRequest]
        RefreshFolderRequest: type[_m83.RefreshFolderRequest]
        RelayMessageRequest: type[_m83.RelayMessageRequest]
        SaveDraftRequest: type[_m83.SaveDraftRequest]
        SaveEMailAccountRequest: type[_m83.SaveEMailAccountRequest]
        SaveEMailRequest: type[_m83.SaveEMailRequest]
        SaveEmailToTmpDocumentRequest: type[_m83.SaveEmailToTmpDocumentRequest]
        SaveRequest: type[_m83.SaveRequest]
        SaveToMailServerRequest: type[_m83.SaveToMailServerRequest]
        SendAndSaveEmailToTmpDocumentRequest: type[_m83.SendAndSaveEmailToTmpDocumentRequest]
        SendEMailsRequest: type[_m83.SendEMailsRequest]
        SendRequest: type[_m83.SendRequest]
        SetRepliedAtRequest: type[_m83.SetRepliedAtRequest]
        SetSubscriptionRequest: type[_m83.SetSubscriptionRequest]
        SyncEmailAccountRequest: type[_m83.SyncEmailAccountRequest]
        SyncEmailAccountsRequest: type[_m83.SyncEmailAccountsRequest]
        TestAuthenticateRequest: type[_m83.TestAuthenticateRequest]
        ToggleSubscriptionRequest: type[_m83.ToggleSubscriptionRequest]

    class Services84Models(ModuleType):
        """What ``models("Services84")`` holds: its classes and tables."""

        VERSION: str
        NAMESPACE: str
        OPERATIONS: dict[str, _Operation]
        TYPES: Mapping[str, type]
        ActivityStatus: type[_m84.ActivityStatus]
        Address: type[_m84.Address]
        AppointmentType: type[_m84.AppointmentType]
        Associate: type[_m84.Associate]
        Business: type[_m84.Business]
        Carrier: type[_m84.Carrier]
        Category: type[_m84.Category]
        ConsentInfo: type[_m84.ConsentInfo]
        Contact: type[_m84.Contact]
        ContactOrPersonFromEmail: type[_m84.ContactOrPersonFromEmail]
        Country: type[_m84.Country]
        CustomerLanguage: type[_m84.CustomerLanguage]
        DocTmplDirection: type[_m84.DocTmplDirection]
        DocTmplQuoteType: type[_m84.DocTmplQuoteType]
        DocTmplType: type[_m84.DocTmplType]
        DocumentEntity: type[_m84.DocumentEntity]
        DocumentLockSemantics: type[_m84.DocumentLockSemantics]
        DocumentTemplate: type[_m84.DocumentTemplate]
        EFieldRight: type[_m84.EFieldRight]
        EMailAccount: type[_m84.EMailAccount]
        EMailAddress: type[_m84.EMailAddress]
        EMailAttachment: type[_m84.EMailAttachment]
        EMailConnectionInfo: type[_m84.EMailConnectionInfo]
        EMailConnectionInfoExtended: type[_m84.EMailConnectionInfoExtended]
        EMailCustomHeader: type[_m84.EMailCustomHeader]
        EMailEntity: type[_m84.EMailEntity]
        EMailEnvelope: type[_m84.EMailEnvelope]
        EMailFlags: type[_m84.EMailFlags]
        EMailFolder: type[_m84.EMailFolder]
        EMailPriority: type[_m84.EMailPriority]
        EMailSOInfo: type[_m84.EMailSOInfo]
        ETableRight: type[_m84.ETableRight]
        EntityElement: type[_m84.EntityElement]
        FieldProperty: type[_m84.FieldProperty]
        FieldRight: type[_m84.FieldRight]
        Link: type[_m84.Link]
        LocalizedField: type[_m84.LocalizedField]
        Person: type[_m84.Person]
        PersonEntity: type[_m84.PersonEntity]
        Position: type[_m84.Position]
        Project: type[_m84.Project]
        Sale: type[_m84.Sale]
        SaleStatus: type[_m84.SaleStatus]
        SelectableMDOListItem: type[_m84.SelectableMDOListItem]
        ServiceAuth: type[_m84.ServiceAuth]
        SoCredentials: type[_m84.SoCredentials]
        SoExceptionInfo: type[_m84.SoExceptionInfo]
        SoTimeZone: type[_m84.SoTimeZone]
        SyncUserAccount: type[_m84.SyncUserAccount]
        TableRight: type[_m84.TableRight]
        TicketPriority: type[_m84.TicketPriority]
        UserInfo: type[_m84.UserInfo]
        UserType: type[_m84.UserType]
        Visibility: type[_m84.Visibility]
        VisibleFor: type[_m84.VisibleFor]
        AuthenticateIncomingRequest: type[_m84.AuthenticateIncomingRequest]
        AuthenticateOutgoingRequest: type[_m84.AuthenticateOutgoingRequest]
        AuthenticateRequest: type[_m84.AuthenticateRequest]
        CacheFolderListRequest: type[_m84.CacheFolderListRequest]
        CreateDefaultEMailAccountRequest: type[_m84.CreateDefaultEMailAccountRequest]
        CreateDefaultEMailAddressRequest: type[_m84.CreateDefaultEMailAddressRequest]
        CreateDefaultEMailAttachmentRequest: type[_m84.CreateDefaultEMailAttachmentRequest]
        CreateDefaultEMailConnectionInfoExtendedRequest: type[_m84.CreateDefaultEMailConnectionInfoExtendedRequest]
        CreateDefaultEMailConnectionInfoRequest: type[_m84.CreateDefaultEMailConnectionInfoRequest]
        CreateDefaultEMailCustomHeaderRequest: type[_m84.CreateDefaultEMailCustomHeaderRequest]
        CreateDefaultEMailEntityRequest: type[_m84.CreateDefaultEMailEntityRequest]
        CreateDefaultEMailEnvelopeRequest: type[_m84.CreateDefaultEMailEnvelopeRequest]
        CreateDefaultEMailFolderRequest: type[_m84.CreateDefaultEMailFolderRequest]
        CreateDefaultEMailSOInfoRequest: type[_m84.CreateDefaultEMailSOInfoRequest]
        CreateEMailFromDocumentEntityRequest: type[_m84.CreateEMailFromDocumentEntityRequest]
        CreateEMailFromMimeMessageRequest: type[_m84.CreateEMailFromMimeMessageRequest]
        CreateFolderRequest: type[_m84.CreateFolderRequest]
        CreateForwardEmailRequest: type[_m84.CreateForwardEmailRequest]
        DeleteEMailAccountRequest: type[_m84.DeleteEMailAccountRequest]
        DeleteEmailsRequest: type[_m84.DeleteEmailsRequest]
        DeleteExtendedRequest: type[_m84.DeleteExtendedRequest]
        DeleteFolderRequest: type[_m84.DeleteFolderRequest]
        DeleteRequest: type[_m84.DeleteRequest]
        EmptyFolderRequest: type[_m84.EmptyFolderRequest]
        FindAddressRequest: type[_m84.FindAddressRequest]
        FindContactOrPersonByEmailNameRequest: type[_m84.FindContactOrPersonByEmailNameRequest]
        GetAttachmentFromIdRequest: type[_m84.GetAttachmentFromIdRequest]
        GetAttachmentRequest: type[_m84.GetAttachmentRequest]
        GetCurrentAccountIdRequest: type[_m84.GetCurrentAccountIdRequest]
        GetCurrentAccountRequest: type[_m84.GetCurrentAccountRequest]
        GetEMailAccountFromEMailAddressRequest: type[_m84.GetEMailAccountFromEMailAddressRequest]
        GetEMailAccountRequest: type[_m84.GetEMailAccountRequest]
        GetEMailAddressesRequest: type[_m84.GetEMailAddressesRequest]
        GetEMailAsStreamRequest: type[_m84.GetEMailAsStreamRequest]
        GetEMailEnvelopesRequest: type[_m84.GetEMailEnvelopesRequest]
        GetEMailFromDocumentIdRequest: type[_m84.GetEMailFromDocumentIdRequest]
        GetEMailFromDocumentIdWithoutAttachmentStreamRequest: type[_m84.GetEMailFromDocumentIdWithoutAttachmentStreamRequest]
        GetEMailFromIdRequest: type[_m84.GetEMailFromIdRequest]
        GetEMailFromTempRequest: type[_m84.GetEMailFromTempRequest]
        GetEMailRequest: type[_m84.GetEMailRequest]
        GetEMailSOInfoRequest: type[_m84.GetEMailSOInfoRequest]
        GetEmailMessageIdsRequest: type[_m84.GetEmailMessageIdsRequest]
        GetEmailsAsStringRequest: type[_m84.GetEmailsAsStringRequest]
        GetFolderEMailCountRequest: type[_m84.GetFolderEMailCountRequest]
        GetFolderHasNewEMailRequest: type[_m84.GetFolderHasNewEMailRequest]
        GetFolderInfoRequest: type[_m84.GetFolderInfoRequest]
        GetFolderListRequest: type[_m84.GetFolderListRequest]
        GetMailFromInReplyToRequest: type[_m84.GetMailFromInReplyToRequest]
        GetMailFromMessageIdRequest: type[_m84.GetMailFromMessageIdRequest]
        GetNewMailRequest: type[_m84.GetNewMailRequest]
        GetPersonEntitiesFromEmailAddressRequest: type[_m84.GetPersonEntitiesFromEmailAddressRequest]
        GetReadySyncEmailAccountsRequest: type[_m84.GetReadySyncEmailAccountsRequest]
        HasNewMailRequest: type[_m84.HasNewMailRequest]
        LatestItemIdByFolderRequest: type[_m84.LatestItemIdByFolderRequest]
        MarkAsReadRequest: type[_m84.MarkAsReadRequest]
        MarkEmailsAsReadRequest: type[_m84.MarkEmailsAsReadRequest]
        MoveEmailsToFolderRequest: type[_m84.MoveEmailsToFolderRequest]
        MoveEmailsToTrashRequest: type[_m84.MoveEmailsToTrashRequest]
        MoveToFolderRequest: type[_m84.MoveToFolderRequest]
        RefreshFolderForAssociateRequest: type[_m84.RefreshFolderForAssociateRequest]
        RefreshFolderRequest: type[_m84.RefreshFolderRequest]
        RelayMessageRequest: type[_m84.RelayMessageRequest]
        SaveDraftRequest: type[_m84.SaveDraftRequest]
        SaveEMailAccountRequest: type[_m84.SaveEMailAccountRequest]
        SaveEMailRequest: type[_m84.SaveEMailRequest]
        SaveEmailToTmpDocumentRequest: type[_m84.SaveEmailToTmpDocumentRequest]
        SaveRequest: type[_m84.SaveRequest]
        SaveToMailServerRequest: type[_m84.SaveToMailServerRequest]
        SendAndSaveEmailToTmpDocumentRequest: type[_m84.SendAndSaveEmailToTmpDocumentRequest]
        SendEMailsRequest: type[_m84.SendEMailsRequest]
        SendRequest: type[_m84.SendRequest]
        SetRepliedAtRequest: type[_m84.SetRepliedAtRequest]
        SetSubscriptionRequest: type[_m84.SetSubscriptionRequest]
        SyncEmailAccountRequest: type[_m84.SyncEmailAccountRequest]
        SyncEmailAccountsRequest: type[_m84.SyncEmailAccountsRequest]
        TestAuthenticateRequest: type[_m84.TestAuthenticateRequest]
        ToggleSubscriptionRequest: type[_m84.ToggleSubscriptionRequest]

    class Services85Models(ModuleType):
        """What ``models("Services85")`` holds: its classes and tables."""

        VERSION: str
        NAMESPACE: str
        OPERATIONS: dict[str, _Operation]
        TYPES: Mapping[str, type]
        ActivityStatus: type[_m85.ActivityStatus]
        Address: type[_m85.Address]
        AppointmentType: type[_m85.AppointmentType]
        Associate: type[_m85.Associate]
        Business: type[_m85.Business]
        Carrier: type[_m85.Carrier]
        Category: type[_m85.Category]
        ConsentInfo: type[_m85.ConsentInfo]
        Contact: type[_m85.Contact]
        ContactOrPersonFromEmail: type[_m85.ContactOrPersonFromEmail]
        Country: type[_m85.Country]
        CustomerLanguage: type[_m85.CustomerLanguage]
        DocTmplDirection: type[_m85.DocTmplDirection]
        DocTmplQuoteType: type[_m85.DocTmplQuoteType]
        DocTmplType: type[_m85.DocTmplType]
        DocumentEntity: type[_m85.DocumentEntity]
        DocumentLockSemantics: type[_m85.DocumentLockSemantics]
        DocumentTemplate: type[_m85.DocumentTemplate]
        EFieldRight: type[_m85.EFieldRight]
        EMailAccount: type[_m85.EMailAccount]
        EMailAddress: type[_m85.EMailAddress]
        EMailAttachment: type[_m85.EMailAttachment]
        EMailConnectionInfo: type[_m85.EMailConnectionInfo]
        EMailConnectionInfoExtended: type[_m85.EMailConnectionInfoExtended]
        EMailCustomHeader: type[_m85.EMailCustomHeader]
        EMailEntity: type[_m85.EMailEntity]
        EMailEnvelope: type[_m85.EMailEnvelope]
        EMailFlags: type[_m85.EMailFlags]
        EMailFolder: type[_m85.EMailFolder]
        EMailPriority: type[_m85.EMailPriority]
        EMailSOInfo: type[_m85.EMailSOInfo]
        ETableRight: type[_m85.ETableRight]
        EntityElement: type[_m85.EntityElement]
        FieldProperty: type[_m85.FieldProperty]
        FieldRight: type[_m85.FieldRight]
        Link: type[_m85.Link]
        LocalizedField: type[_m85.LocalizedField]
        Person: type[_m85.Person]
        PersonEntity: type[_m85.PersonEntity]
        Position: type[_m85.Position]
        Project: type[_m85.Project]
        Sale: type[_m85.Sale]
        SaleStatus: type[_m85.SaleStatus]
        SelectableMDOListItem: type[_m85.SelectableMDOListItem]
        ServiceAuth: type[_m85.ServiceAuth]
        SoCredentials: type[_m85.SoCredentials]
        SoExceptionInfo: type[_m85.SoExceptionInfo]
        SoTimeZone: type[_m85.SoTimeZone]
        SyncUserAccount: type[_m85.SyncUserAccount]
        TableRight: type[_m85.TableRight]
        TicketPriority: type[_m85.TicketPriority]
        UserInfo: type[_m85.UserInfo]
        UserType: type[_m85.UserType]
        Visibility: type[_m85.Visibility]
        VisibleFor: type[_m85.VisibleFor]
        AuthenticateIncomingRequest: type[_m85.AuthenticateIncomingRequest]
        AuthenticateOutgoingRequest: type[_m85.AuthenticateOutgoingRequest]
        AuthenticateRequest: type[_m85.AuthenticateRequest]
        CacheFolderListRequest: type[_m85.CacheFolderListRequest]
        CreateDefaultEMailAccountRequest: type[_m85.CreateDefaultEMailAccountRequest]
        CreateDefaultEMailAddressRequest: type[_m85.CreateDefaultEMailAddressRequest]
        CreateDefaultEMailAttachmentRequest: type[_m85.CreateDefaultEMailAttachmentRequest]
        CreateDefaultEMailConnectionInfoExtendedRequest: type[_m85.CreateDefaultEMailConnectionInfoExtendedRequest]
        CreateDefaultEMailConnectionInfoRequest: type[_m85.CreateDefaultEMailConnectionInfoRequest]
        CreateDefaultEMailCustomHeaderRequest: type[_m85.CreateDefaultEMailCustomHeaderRequest]
        CreateDefaultEMailEntityRequest: type[_m85.CreateDefaultEMailEntityRequest]
        CreateDefaultEMailEnvelopeRequest: type[_m85.CreateDefaultEMailEnvelopeRequest]
        CreateDefaultEMailFolderRequest: type[_m85.CreateDefaultEMailFolderRequest]
        CreateDefaultEMailSOInfoRequest: type[_m85.CreateDefaultEMailSOInfoRequest]
        CreateEMailFromDocumentEntityRequest: type[_m85.CreateEMailFromDocumentEntityRequest]
        CreateEMailFromMimeMessageRequest: type[_m85.CreateEMailFromMimeMessageRequest]
        CreateFolderRequest: type[_m85.CreateFolderRequest]
        CreateForwardEmailRequest: type[_m85.CreateForwardEmailRequest]
        CreateInlineHtmlHeaderRequest: type[_m85.CreateInlineHtmlHeaderRequest]
        DeleteEMailAccountRequest: type[_m85.DeleteEMailAccountRequest]
        DeleteEmailsRequest: type[_m85.DeleteEmailsRequest]
        DeleteExtendedRequest: type[_m85.DeleteExtendedRequest]
        DeleteFolderRequest: type[_m85.DeleteFolderRequest]
        DeleteRequest: type[_m85.DeleteRequest]
        EmptyFolderRequest: type[_m85.EmptyFolderRequest]
        FindAddressRequest: type[_m85.FindAddressRequest]
        FindContactOrPersonByEmailNameRequest: type[_m85.FindContactOrPersonByEmailNameRequest]
        GetAttachmentFromIdRequest: type[_m85.GetAttachmentFromIdRequest]
        GetAttachmentRequest: type[_m85.GetAttachmentRequest]
        GetCurrentAccountIdRequest: type[_m85.GetCurrentAccountIdRequest]
        GetCurrentAccountRequest: type[_m85.GetCurrentAccountRequest]
        GetEMailAccountFromEMailAddressRequest: type[_m85.GetEMailAccountFromEMailAddressRequest]
        GetEMailAccountRequest: type[_m85.GetEMailAccountRequest]
        GetEMailAddressesRequest: type[_m85.GetEMailAddressesRequest]
        GetEMailAsStreamRequest: type[_m85.GetEMailAsStreamRequest]
        GetEMailEnvelopesRequest: type[_m85.GetEMailEnvelopesRequest]
        GetEMailFromDocumentIdRequest: type[_m85.GetEMailFromDocumentIdRequest]
        GetEMailFromDocumentIdWithoutAttachmentStreamRequest: type[_m85.GetEMailFromDocumentIdWithoutAttachmentStreamRequest]
        GetEMailFromIdRequest: type[_m85.GetEMailFromIdRequest]
        GetEMailFromTempRequest: type[_m85.GetEMailFromTempRequest]
        GetEMailRequest: type[_m85.GetEMailRequest]
        GetEMailSOInfoRequest: type[_m85.GetEMailSOInfoRequest]
        GetEmailMessageIdsRequest: type[_m85.GetEmailMessageIdsRequest]
        GetEmailsAsStringRequest: type[_m85.GetEmailsAsStringRequest]
        GetFolderEMailCountRequest: type[_m85.GetFolderEMailCountRequest]
        GetFolderHasNewEMailRequest: type[_m85.GetFolderHasNewEMailRequest]
        GetFolderInfoRequest: type[_m85.GetFolderInfoRequest]
        GetFolderListRequest: type[_m85.GetFolderListRequest]
        GetMailFromInReplyToRequest: type[_m85.GetMailFromInReplyToRequest]
        GetMailFromMessageIdRequest: type[_m85.GetMailFromMessageIdRequest]
        GetNewMailRequest: type[_m85.GetNewMailRequest]
        GetPersonEntitiesFromEmailAddressRequest: type[_m85.GetPersonEntitiesFromEmailAddressRequest]
        GetReadySyncEmailAccountsRequest: type[_m85.GetReadySyncEmailAccountsRequest]
        HasNewMailRequest: type[_m85.HasNewMailRequest]
        LatestItemIdByFolderRequest: type[_m85.LatestItemIdByFolderRequest]
        MarkAsReadRequest: type[_m85.MarkAsReadRequest]
        MarkEmailsAsReadRequest: type[_m85.MarkEmailsAsReadRequest]
        MoveEmailsToFolderRequest: type[_m85.MoveEmailsToFolderRequest]
        MoveEmailsToTrashRequest: type[_m85.MoveEmailsToTrashRequest]
        MoveToFolderRequest: type[_m85.MoveToFolderRequest]
        RefreshFolderForAssociateRequest: type[_m85.RefreshFolderForAssociateRequest]
        RefreshFolderRequest: type[_m85.RefreshFolderRequest]
        RelayMessageRequest: type[_m85.RelayMessageRequest]
        SaveDraftRequest: type[_m85.SaveDraftRequest]
        SaveEMailAccountRequest: type[_m85.SaveEMailAccountRequest]
        SaveEMailRequest: type[_m85.SaveEMailRequest]
        SaveEmailToTmpDocumentRequest: type[_m85.SaveEmailToTmpDocumentRequest]
        SaveRequest: type[_m85.SaveRequest]
        SaveToMailServerRequest: type[_m85.SaveToMailServerRequest]
        SendAndSaveEmailToTmpDocumentRequest: type[_m85.SendAndSaveEmailToTmpDocumentRequest]
        SendEMailsRequest: type[_m85.SendEMailsRequest]
        SendRequest: type[_m85.SendRequest]
        SetRepliedAtRequest: type[_m85.SetRepliedAtRequest]
        SetSubscriptionRequest: type[_m85.SetSubscriptionRequest]
        SyncEmailAccountRequest: type[_m85.SyncEmailAccountRequest]
        SyncEmailAccountsRequest: type[_m85.SyncEmailAccountsRequest]
        TestAuthenticateRequest: type[_m85.TestAuthenticateRequest]
        ToggleSubscriptionRequest: type[_m85.ToggleSubscriptionRequest]

    class Services86Models(ModuleType):
        """What ``models("Services86")`` holds: its classes and tables."""

        VERSION: str
        NAMESPACE: str
        OPERATIONS: dict[str, _Operation]
        TYPES: Mapping[str, type]
        ActivityStatus: type[_m86.ActivityStatus]
        Address: type[_m86.Address]
        AddressType: type[_m86.AddressType]
        AppointmentType: type[_m86.AppointmentType]
        Associate: type[_m86.Associate]
        Business: type[_m86.Business]
        Carrier: type[_m86.Carrier]
        Category: type[_m86.Category]
        ConsentInfo: type[_m86.ConsentInfo]
        Contact: type[_m86.Contact]
        ContactOrPersonFromEmail: type[_m86.ContactOrPersonFromEmail]
        Country: type[_m86.Country]
        CustomerLanguage: type[_m86.CustomerLanguage]
        DocTmplDirection: type[_m86.DocTmplDirection]
        DocTmplQuoteType: type[_m86.DocTmplQuoteType]
        DocTmplType: type[_m86.DocTmplType]
        DocumentEntity: type[_m86.DocumentEntity]
        DocumentLockSemantics: type[_m86.DocumentLockSemantics]
        DocumentTemplate: type[_m86.DocumentTemplate]
        EFieldRight: type[_m86.EFieldRight]
        EMailAccount: type[_m86.EMailAccount]
        EMailAddress: type[_m86.EMailAddress]
        EMailAttachment: type[_m86.EMailAttachment]
        EMailConnectionInfo: type[_m86.EMailConnectionInfo]
        EMailConnectionInfoExtended: type[_m86.EMailConnectionInfoExtended]
        EMailCustomHeader: type[_m86.EMailCustomHeader]
        EMailEntity: type[_m86.EMailEntity]
        EMailEnvelope: type[_m86.EMailEnvelope]
        EMailFlags: type[_m86.EMailFlags]
        EMailFolder: type[_m86.EMailFolder]
        EMailPriority: type[_m86.EMailPriority]
        EMailSOInfo: type[_m86.EMailSOInfo]
        ETableRight: type[_m86.ETableRight]
        EntityElement: type[_m86.EntityElement]
        FieldProperty: type[_m86.FieldProperty]
        FieldRight: type[_m86.FieldRight]
        Link: type[_m86.Link]
        LocalizedField: type[_m86.LocalizedField]
        Person: type[_m86.Person]
        PersonEntity: type[_m86.PersonEntity]
        Position: type[_m86.Position]
        Project: type[_m86.Project]
        Sale: type[_m86.Sale]
        SaleStatus: type[_m86.SaleStatus]
        SelectableMDOListItem: type[_m86.SelectableMDOListItem]
        ServiceAuth: type[_m86.ServiceAuth]
        SoCredentials: type[_m86.SoCredentials]
        SoExceptionInfo: type[_m86.SoExceptionInfo]
        SoTimeZone: type[_m86.SoTimeZone]
        StructuredAddress: type[_m86.StructuredAddress]
        SyncUserAccount: type[_m86.SyncUserAccount]
        TableRight: type[_m86.TableRight]
        TicketPriority: type[_m86.TicketPriority]
        UserInfo: type[_m86.UserInfo]
        UserType: type[_m86.UserType]
        Visibility: type[_m86.Visibility]
        VisibleFor: type[_m86.VisibleFor]
        AuthenticateIncomingRequest: type[_m86.AuthenticateIncomingRequest]
        AuthenticateOutgoingRequest: type[_m86.AuthenticateOutgoingRequest]
        AuthenticateRequest: type[_m86.AuthenticateRequest]
        CacheFolderListRequest: type[_m86.CacheFolderListRequest]
        CreateDefaultEMailAccountRequest: type[_m86.CreateDefaultEMailAccountRequest]
        CreateDefaultEMailAddressRequest: type[_m86.CreateDefaultEMailAddressRequest]
        CreateDefaultEMailAttachmentRequest: type[_m86.CreateDefaultEMailAttachmentRequest]
        CreateDefaultEMailConnectionInfoExtendedRequest: type[_m86.CreateDefaultEMailConnectionInfoExtendedRequest]
        CreateDefaultEMailConnectionInfoRequest: type[_m86.CreateDefaultEMailConnectionInfoRequest]
        CreateDefaultEMailCustomHeaderRequest: type[_m86.CreateDefaultEMailCustomHeaderRequest]
        CreateDefaultEMailEntityRequest: type[_m86.CreateDefaultEMailEntityRequest]
        CreateDefaultEMailEnvelopeRequest: type[_m86.CreateDefaultEMailEnvelopeRequest]
        CreateDefaultEMailFolderRequest: type[_m86.CreateDefaultEMailFolderRequest]
        CreateDefaultEMailSOInfoRequest: type[_m86.CreateDefaultEMailSOInfoRequest]
        CreateEMailFromDocumentEntityRequest: type[_m86.CreateEMailFromDocumentEntityRequest]
        CreateEMailFromMimeMessageRequest: type[_m86.CreateEMailFromMimeMessageRequest]
        CreateFolderRequest: type[_m86.CreateFolderRequest]
        CreateForwardEmailRequest: type[_m86.CreateForwardEmailRequest]
        CreateInlineHtmlHeaderRequest: type[_m86.CreateInlineHtmlHeaderRequest]
        DeleteEMailAccountRequest: type[_m86.DeleteEMailAccountRequest]
        DeleteEmailsRequest: type[_m86.DeleteEmailsRequest]
        DeleteExtendedRequest: type[_m86.DeleteExtendedRequest]
        DeleteFolderRequest: type[_m86.DeleteFolderRequest]
        DeleteRequest: type[_m86.DeleteRequest]
        EmptyFolderRequest: type[_m86.EmptyFolderRequest]
        FindAddressRequest: type[_m86.FindAddressRequest]
        FindContactOrPersonByEmailNameRequest: type[_m86.FindContactOrPersonByEmailNameRequest]
        GetAttachmentFromIdRequest: type[_m86.GetAttachmentFromIdRequest]
        GetAttachmentRequest: type[_m86.GetAttachmentRequest]
        GetCurrentAccountIdRequest: type[_m86.GetCurrentAccountIdRequest]
        GetCurrentAccountRequest: type[_m86.GetCurrentAccountRequest]
        GetEMailAccountFromEMailAddressRequest: type[_m86.GetEMailAccountFromEMailAddressRequest]
        GetEMailAccountRequest: type[_m86.GetEMailAccountRequest]
        GetEMailAddressesRequest: type[_m86.GetEMailAddressesRequest]
        GetEMailAsStreamRequest: type[_m86.GetEMailAsStreamRequest]
        GetEMailEnvelopesRequest: type[_m86.GetEMailEnvelopesRequest]
        GetEMailFromAttachmentIdRequest: type[_m86.GetEMailFromAttachmentIdRequest]
        GetEMailFromDocumentAttachmentIdRequest: type[_m86.GetEMailFromDocumentAttachmentIdRequest]
        GetEMailFromDocumentIdRequest: type[_m86.GetEMailFromDocumentIdRequest]
        GetEMailFromDocumentIdWithoutAttachmentStreamRequest: type[_m86.GetEMailFromDocumentIdWithoutAttachmentStreamRequest]
        GetEMailFromIdRequest: type[_m86.GetEMailFromIdRequest]
        GetEMailFromTempRequest: type[_m86.GetEMailFromTempRequest]
        GetEMailRequest: type[_m86.GetEMailRequest]
        GetEMailSOInfoRequest: type[_m86.GetEMailSOInfoRequest]
        GetEmailMessageIdsRequest: type[_m86.GetEmailMessageIdsRequest]
        GetEmailsAsStringRequest: type[_m86.GetEmailsAsStringRequest]
        GetFolderEMailCountRequest: type[_m86.GetFolderEMailCountRequest]
        GetFolderHasNewEMailRequest: type[_m86.GetFolderHasNewEMailRequest]
        GetFolderInfoRequest: type[_m86.GetFolderInfoRequest]
        GetFolderListRequest: type[_m86.GetFolderListRequest]
        GetMailFromInReplyToRequest: type[_m86.GetMailFromInReplyToRequest]
        GetMailFromMessageIdRequest: type[_m86.GetMailFromMessageIdRequest]
        GetNewMailRequest: type[_m86.GetNewMailRequest]
        GetPersonEntitiesFromEmailAddressRequest: type[_m86.GetPersonEntitiesFromEmailAddressRequest]
        GetReadySyncEmailAccountsRequest: type[_m86.GetReadySyncEmailAccountsRequest]
        HasNewMailRequest: type[_m86.HasNewMailRequest]
        LatestItemIdByFolderRequest: type[_m86.LatestItemIdByFolderRequest]
        MarkAsReadRequest: type[_m86.MarkAsReadRequest]
        MarkEmailsAsReadRequest: type[_m86.MarkEmailsAsReadRequest]
        MoveEmailsToFolderRequest: type[_m86.MoveEmailsToFolderRequest]
        MoveEmailsToTrashRequest: type[_m86.MoveEmailsToTrashRequest]
        MoveToFolderRequest: type[_m86.MoveToFolderRequest]
        RefreshFolderForAssociateRequest: type[_m86.RefreshFolderForAssociateRequest]
        RefreshFolderRequest: type[_m86.RefreshFolderRequest]
        RelayMessageRequest: type[_m86.RelayMessageRequest]
        SaveDraftRequest: type[_m86.SaveDraftRequest]
        SaveEMailAccountRequest: type[_m86.SaveEMailAccountRequest]
        SaveEMailRequest: type[_m86.SaveEMailRequest]
        SaveEmailToTmpDocumentRequest: type[_m86.SaveEmailToTmpDocumentRequest]
        SaveRequest: type[_m86.SaveRequest]
        SaveToMailServerRequest: type[_m86.SaveToMailServerRequest]
        SendAndSaveEmailToTmpDocumentRequest: type[_m86.SendAndSaveEmailToTmpDocumentRequest]
        SendEMailsRequest: type[_m86.SendEMailsRequest]
        SendRequest: type[_m86.SendRequest]
        SetRepliedAtRequest: type[_m86.SetRepliedAtRequest]
        SetSubscriptionRequest: type[_m86.SetSubscriptionRequest]
        SyncEmailAccountRequest: type[_m86.SyncEmailAccountRequest]
        SyncEmailAccountsRequest: type[_m86.SyncEmailAccountsRequest]
        TestAuthenticateRequest: type[_m86.TestAuthenticateRequest]
        ToggleSubscriptionRequest: type[_m86.ToggleSubscriptionRequest]

    class Services87Models(ModuleType):
        """What ``models("Services87")`` holds: its classes and tables."""

        VERSION: str
        NAMESPACE: str
        OPERATIONS: dict[str, _Operation]
        TYPES: Mapping[str, type]
        ActivityStatus: type[_m87.ActivityStatus]
        Address: type[_m87.Address]
        AddressType: type[_m87.AddressType]
        Appointment: type[_m87.Appointment]
        AppointmentCautionWarning: type[_m87.AppointmentCautionWarning]
        AppointmentPrivate: type[_m87.AppointmentPrivate]
        AppointmentType: type[_m87.AppointmentType]
        AssignmentStatus: type[_m87.AssignmentStatus]
        Associate: type[_m87.Associate]
        BookingType: type[_m87.BookingType]
        Business: type[_m87.Business]
        CalMethod: type[_m87.CalMethod]
        CalReplyStatus: type[_m87.CalReplyStatus]
        Carrier: type[_m87.Carrier]
        Category: type[_m87.Category]
        ConsentInfo: type[_m87.ConsentInfo]
        Contact: type[_m87.Contact]
        ContactOrPersonFromEmail: type[_m87.ContactOrPersonFromEmail]
        Country: type[_m87.Country]
        CustomerLanguage: type[_m87.CustomerLanguage]
        DocTmplDirection: type[_m87.DocTmplDirection]
        DocTmplQuoteType: type[_m87.DocTmplQuoteType]
        DocTmplType: type[_m87.DocTmplType]
        DocumentEntity: type[_m87.DocumentEntity]
        DocumentLockSemantics: type[_m87.DocumentLockSemantics]
        DocumentTemplate: type[_m87.DocumentTemplate]
        EFieldRight: type[_m87.EFieldRight]
        EMailAccount: type[_m87.EMailAccount]
        EMailAddress: type[_m87.EMailAddress]
        EMailAppointment: type[_m87.EMailAppointment]
        EMailAttachment: type[_m87.EMailAttachment]
        EMailConnectionInfo: type[_m87.EMailConnectionInfo]
        EMailConnectionInfoExtended: type[_m87.EMailConnectionInfoExtended]
        EMailCustomHeader: type[_m87.EMailCustomHeader]
        EMailEntity: type[_m87.EMailEntity]
        EMailEnvelope: type[_m87.EMailEnvelope]
        EMailFlags: type[_m87.EMailFlags]
        EMailFolder: type[_m87.EMailFolder]
        EMailPriority: type[_m87.EMailPriority]
        EMailSOInfo: type[_m87.EMailSOInfo]
        ETableRight: type[_m87.ETableRight]
        EntityElement: type[_m87.EntityElement]
        FieldProperty: type[_m87.FieldProperty]
        FieldRight: type[_m87.FieldRight]
        InvitationStatus: type[_m87.InvitationStatus]
        Link: type[_m87.Link]
        LocalizedField: type[_m87.LocalizedField]
        Person: type[_m87.Person]
        PersonEntity: type[_m87.PersonEntity]
        Position: type[_m87.Position]
        Project: type[_m87.Project]
        RecurrenceDailyPattern: type[_m87.RecurrenceDailyPattern]
        RecurrenceDate: type[_m87.RecurrenceDate]
        RecurrenceDayPattern: type[_m87.RecurrenceDayPattern]
        RecurrenceEndType: type[_m87.RecurrenceEndType]
        RecurrenceInfo: type[_m87.RecurrenceInfo]
        RecurrenceMonthPattern: type[_m87.RecurrenceMonthPattern]
        RecurrenceMonthlyPattern: type[_m87.RecurrenceMonthlyPattern]
        RecurrencePattern: type[_m87.RecurrencePattern]
        RecurrenceWeekPattern: type[_m87.RecurrenceWeekPattern]
        RecurrenceYearPattern: type[_m87.RecurrenceYearPattern]
        RecurrenceYearlyPattern: type[_m87.RecurrenceYearlyPattern]
        Sale: type[_m87.Sale]
        SaleStatus: type[_m87.SaleStatus]
        SelectableMDOListItem: type[_m87.SelectableMDOListItem]
        ServiceAuth: type[_m87.ServiceAuth]
        SoCredentials: type[_m87.SoCredentials]
        SoExceptionInfo: type[_m87.SoExceptionInfo]
        SoTimeZone: type[_m87.SoTimeZone]
        StructuredAddress: type[_m87.StructuredAddress]
        SyncUserAccount: type[_m87.SyncUserAccount]
        TableRight: type[_m87.TableRight]
        TaskType: type[_m87.TaskType]
        TicketPriority: type[_m87.TicketPriority]
        UserInfo: type[_m87.UserInfo]
        UserType: type[_m87.UserType]
        Visibility: type[_m87.Visibility]
        VisibleFor: type[_m87.VisibleFor]
        WeekOfMonth: type[_m87.WeekOfMonth]
        Weekday: type[_m87.Weekday]
        AuthenticateIncomingRequest: type[_m87.AuthenticateIncomingRequest]
        AuthenticateOutgoingRequest: type[_m87.AuthenticateOutgoingRequest]
        AuthenticateRequest: type[_m87.AuthenticateRequest]
        CacheFolderListRequest: type[_m87.CacheFolderListRequest]
        CreateDefaultEMailAccountRequest: type[_m87.CreateDefaultEMailAccountRequest]
        CreateDefaultEMailAddressRequest: type[_m87.CreateDefaultEMailAddressRequest]
        CreateDefaultEMailAppointmentRequest: type[_m87.CreateDefaultEMailAppointmentRequest]
        CreateDefaultEMailAttachmentRequest: type[_m87.CreateDefaultEMailAttachmentRequest]
        CreateDefaultEMailConnectionInfoExtendedRequest: type[_m87.CreateDefaultEMailConnectionInfoExtendedRequest]
        CreateDefaultEMailConnectionInfoRequest: type[_m87.CreateDefaultEMailConnectionInfoRequest]
        CreateDefaultEMailCustomHeaderRequest: type[_m87.CreateDefaultEMailCustomHeaderRequest]
        CreateDefaultEMailEntityRequest: type[_m87.CreateDefaultEMailEntityRequest]
        CreateDefaultEMailEnvelopeRequest: type[_m87.CreateDefaultEMailEnvelopeRequest]
        CreateDefaultEMailFolderRequest: type[_m87.CreateDefaultEMailFolderRequest]
        CreateDefaultEMailSOInfoRequest: type[_m87.CreateDefaultEMailSOInfoRequest]
        CreateEMailFromDocumentEntityRequest: type[_m87.CreateEMailFromDocumentEntityRequest]
        CreateEMailFromMimeMessageRequest: type[_m87.CreateEMailFromMimeMessageRequest]
        CreateFolderRequest: type[_m87.CreateFolderRequest]
        CreateForwardEmailRequest: type[_m87.CreateForwardEmailRequest]
        CreateInlineHtmlHeaderRequest: type[_m87.CreateInlineHtmlHeaderRequest]
        DeleteEMailAccountRequest: type[_m87.DeleteEMailAccountRequest]
        DeleteEmailsRequest: type[_m87.DeleteEmailsRequest]
        DeleteExtendedRequest: type[_m87.DeleteExtendedRequest]
        DeleteFolderRequest: type[_m87.DeleteFolderRequest]
        DeleteRequest: type[_m87.DeleteRequest]
        EmptyFolderRequest: type[_m87.EmptyFolderRequest]
        FindAddressRequest: type[_m87.FindAddressRequest]
        FindContactOrPersonByEmailNameRequest: type[_m87.FindContactOrPersonByEmailNameRequest]
        FindContactOrPersonByEmailNameWithLimitRequest: type[_m87.FindContactOrPersonByEmailNameWithLimitRequest]
        GetAttachmentFromIdRequest: type[_m87.GetAttachmentFromIdRequest]
        GetAttachmentRequest: type[_m87.GetAttachmentRequest]
        GetCurrentAccountIdRequest: type[_m87.GetCurrentAccountIdRequest]
        GetCurrentAccountRequest: type[_m87.GetCurrentAccountRequest]
        GetEMailAccountFromEMailAddressRequest: type[_m87.GetEMailAccountFromEMailAddressRequest]
        GetEMailAccountRequest: type[_m87.GetEMailAccountRequest]
        GetEMailAddressesRequest: type[_m87.GetEMailAddressesRequest]
        GetEMailAsStreamRequest: type[_m87.GetEMailAsStreamRequest]
        GetEMailEnvelopesRequest: type[_m87.GetEMailEnvelopesRequest]
        GetEMailFromAttachmentIdRequest: type[_m87.GetEMailFromAttachmentIdRequest]
        GetEMailFromDocumentAttachmentIdRequest: type[_m87.GetEMailFromDocumentAttachmentIdRequest]
        GetEMailFromDocumentIdRequest: type[_m87.GetEMailFromDocumentIdRequest]
        GetEMailFromDocumentIdWithoutAttachmentStreamRequest: type[_m87.GetEMailFromDocumentIdWithoutAttachmentStreamRequest]
        GetEMailFromIdRequest: type[_m87.GetEMailFromIdRequest]
        GetEMailFromTempRequest: type[_m87.GetEMailFromTempRequest]
        GetEMailRequest: type[_m87.GetEMailRequest]
        GetEMailSOInfoRequest: type[_m87.GetEMailSOInfoRequest]
        GetEmailAppointmentRecurrenceRequest: type[_m87.GetEmailAppointmentRecurrenceRequest]
        GetEmailAppointmentRequest: type[_m87.GetEmailAppointmentRequest]
        GetEmailDocumentAsMimeStreamRequest: type[_m87.GetEmailDocumentAsMimeStreamRequest]
        GetEmailMessageIdsRequest: type[_m87.GetEmailMessageIdsRequest]
        GetEmailsAsStringRequest: type[_m87.GetEmailsAsStringRequest]
        GetFolderEMailCountRequest: type[_m87.GetFolderEMailCountRequest]
        GetFolderHasNewEMailRequest: type[_m87.GetFolderHasNewEMailRequest]
        GetFolderInfoRequest: type[_m87.GetFolderInfoRequest]
        GetFolderListRequest: type[_m87.GetFolderListRequest]
        GetMailFromInReplyToRequest: type[_m87.GetMailFromInReplyToRequest]
        GetMailFromMessageIdRequest: type[_m87.GetMailFromMessageIdRequest]
        GetNewMailRequest: type[_m87.GetNewMailRequest]
        GetParticipantInfoFromEmailAddressRequest: type[_m87.GetParticipantInfoFromEmailAddressRequest]
        GetPersonEntitiesFromEmailAddressRequest: type[_m87.GetPersonEntitiesFromEmailAddressRequest]
        GetPersonsFromEmailAddressRequest: type[_m87.GetPersonsFromEmailAddressRequest]
        GetPreviewAttachmentFromDocIdRequest: type[_m87.GetPreviewAttachmentFromDocIdRequest]
        GetPreviewAttachmentFromIdRequest: type[_m87.GetPreviewAttachmentFromIdRequest]
        GetReadySyncEmailAccountsRequest: type[_m87.GetReadySyncEmailAccountsRequest]
        HasMXRecordRequest: type[_m87.HasMXRecordRequest]
        HasNewMailRequest: type[_m87.HasNewMailRequest]
        LatestItemIdByFolderRequest: type[_m87.LatestItemIdByFolderRequest]
        MarkAsReadRequest: type[_m87.MarkAsReadRequest]
        MarkEmailsAsReadRequest: type[_m87.MarkEmailsAsReadRequest]
        MoveEmailsToFolderRequest: type[_m87.MoveEmailsToFolderRequest]
        MoveEmailsToTrashRequest: type[_m87.MoveEmailsToTrashRequest]
        MoveToFolderRequest: type[_m87.MoveToFolderRequest]
        RefreshFolderForAssociateRequest: type[_m87.RefreshFolderForAssociateRequest]
        RefreshFolderRequest: type[_m87.RefreshFolderRequest]
        RelayMessageRequest: type[_m87.RelayMessageRequest]
        SaveDraftRequest: type[_m87.SaveDraftRequest]
        SaveEMailAccountRequest: type[_m87.SaveEMailAccountRequest]
        SaveEMailRequest: type[_m87.SaveEMailRequest]
        SaveEmailToTmpDocumentRequest: type[_m87.SaveEmailToTmpDocumentRequest]
        SaveRequest: type[_m87.SaveRequest]
        SaveToMailServerRequest: type[_m87.SaveToMailServerRequest]
        SendAndSaveEmailToTmpDocumentRequest: type[_m87.SendAndSaveEmailToTmpDocumentRequest]
        SendEMailsRequest: type[_m87.SendEMailsRequest]
        SendRequest: type[_m87.SendRequest]
        SetRepliedAtRequest: type[_m87.SetRepliedAtRequest]
        SetSubscriptionRequest: type[_m87.SetSubscriptionRequest]
        SyncEmailAccountRequest: type[_m87.SyncEmailAccountRequest]
        SyncEmailAccountsRequest: type[_m87.SyncEmailAccountsRequest]
        TestAuthenticateRequest: type[_m87.TestAuthenticateRequest]
        ToggleSubscriptionRequest: type[_m87.ToggleSubscriptionRequest]

    class Services88Models(ModuleType):
        """What ``models("Services88")`` holds: its classes and tables."""

        VERSION: str
        NAMESPACE: str
        OPERATIONS: dict[str, _Operation]
        TYPES: Mapping[str, type]
        ActivityStatus: type[_m88.ActivityStatus]
        Address: type[_m88.Address]
        AddressType: type[_m88.AddressType]
        Appointment: type[_m88.Appointment]
        AppointmentCautionWarning: type[_m88.AppointmentCautionWarning]
        AppointmentExternalOwner: type[_m88.AppointmentExternalOwner]
        AppointmentPrivate: type[_m88.AppointmentPrivate]
        AppointmentType: type[_m88.AppointmentType]
        AssignmentStatus: type[_m88.AssignmentStatus]
        Associate: type[_m88.Associate]
        BookingType: type[_m88.BookingType]
        Business: type[_m88.Business]
        CalMethod: type[_m88.CalMethod]
        CalReplyStatus: type[_m88.CalReplyStatus]
        Carrier: type[_m88.Carrier]
        Category: type[_m88.Category]
        CategoryGroup: type[_m88.CategoryGroup]
        ConsentInfo: type[_m88.ConsentInfo]
        Contact: type[_m88.Contact]
        ContactOrPersonFromEmail: type[_m88.ContactOrPersonFromEmail]
        Country: type[_m88.Country]
        CustomerLanguage: type[_m88.CustomerLanguage]
        DocTmplDirection: type[_m88.DocTmplDirection]
        DocTmplQuoteType: type[_m88.DocTmplQuoteType]
        DocTmplType: type[_m88.DocTmplType]
        DocumentEntity: type[_m88.DocumentEntity]
        DocumentLockSemantics: type[_m88.DocumentLockSemantics]
        DocumentTemplate: type[_m88.DocumentTemplate]
        EFieldRight: type[_m88.EFieldRight]
        EMailAccount: type[_m88.EMailAccount]
        EMailAddress: type[_m88.EMailAddress]
        EMailAppointment: type[_m88.EMailAppointment]
        EMailAttachment: type[_m88.EMailAttachment]
        EMailConnectionInfo: type[_m88.EMailConnectionInfo]
        EMailConnectionInfoExtended: type[_m88.EMailConnectionInfoExtended]
        EMailCustomHeader: type[_m88.EMailCustomHeader]
        EMailEntity: type[_m88.EMailEntity]
        EMailEnvelope: type[_m88.EMailEnvelope]
        EMailFlags: type[_m88.EMailFlags]
        EMailFolder: type[_m88.EMailFolder]
        EMailPriority: type[_m88.EMailPriority]
        EMailSOInfo: type[_m88.EMailSOInfo]
        ETableRight: type[_m88.ETableRight]
        EntityElement: type[_m88.EntityElement]
        FieldProperty: type[_m88.FieldProperty]
        FieldRight: type[_m88.FieldRight]
        InvitationStatus: type[_m88.InvitationStatus]
        Link: type[_m88.Link]
        LocalizedField: type[_m88.LocalizedField]
        Person: type[_m88.Person]
        PersonEntity: type[_m88.PersonEntity]
        Position: type[_m88.Position]
        Project: type[_m88.Project]
        RecurrenceDailyPattern: type[_m88.RecurrenceDailyPattern]
        RecurrenceDate: type[_m88.RecurrenceDate]
        RecurrenceDayPattern: type[_m88.RecurrenceDayPattern]
        RecurrenceEndType: type[_m88.RecurrenceEndType]
        RecurrenceInfo: type[_m88.RecurrenceInfo]
        RecurrenceMonthPattern: type[_m88.RecurrenceMonthPattern]
        RecurrenceMonthlyPattern: type[_m88.RecurrenceMonthlyPattern]
        RecurrencePattern: type[_m88.RecurrencePattern]
        RecurrenceWeekPattern: type[_m88.RecurrenceWeekPattern]
        RecurrenceYearPattern: type[_m88.RecurrenceYearPattern]
        RecurrenceYearlyPattern: type[_m88.RecurrenceYearlyPattern]
        Sale: type[_m88.Sale]
        SaleStatus: type[_m88.SaleStatus]
        SavedUtmParameters: type[_m88.SavedUtmParameters]
        SelectableMDOListItem: type[_m88.SelectableMDOListItem]
        ServiceAuth: type[_m88.ServiceAuth]
        SoCredentials: type[_m88.SoCredentials]
        SoExceptionInfo: type[_m88.SoExceptionInfo]
        SoTimeZone: type[_m88.SoTimeZone]
        StructuredAddress: type[_m88.StructuredAddress]
        SyncUserAccount: type[_m88.SyncUserAccount]
        TableRight: type[_m88.TableRight]
        TaskType: type[_m88.TaskType]
        TicketPriority: type[_m88.TicketPriority]
        UserInfo: type[_m88.UserInfo]
        UserType: type[_m88.UserType]
        Visibility: type[_m88.Visibility]
        VisibleFor: type[_m88.VisibleFor]
        WeekOfMonth: type[_m88.WeekOfMonth]
        Weekday: type[_m88.Weekday]
        AuthenticateIncomingRequest: type[_m88.AuthenticateIncomingRequest]
        AuthenticateOutgoingRequest: type[_m88.AuthenticateOutgoingRequest]
        AuthenticateRequest: type[_m88.AuthenticateRequest]
        CacheFolderListRequest: type[_m88.CacheFolderListRequest]
        CreateDefaultEMailAccountRequest: type[_m88.CreateDefaultEMailAccountRequest]
        CreateDefaultEMailAddressRequest: type[_m88.CreateDefaultEMailAddressRequest]
        CreateDefaultEMailAppointmentRequest: type[_m88.CreateDefaultEMailAppointmentRequest]
        CreateDefaultEMailAttachmentRequest: type[_m88.CreateDefaultEMailAttachmentRequest]
        CreateDefaultEMailConnectionInfoExtendedRequest: type[_m88.CreateDefaultEMailConnectionInfoExtendedRequest]
        CreateDefaultEMailConnectionInfoRequest: type[_m88.CreateDefaultEMailConnectionInfoRequest]
        CreateDefaultEMailCustomHeaderRequest: type[_m88.CreateDefaultEMailCustomHeaderRequest]
        CreateDefaultEMailEntityRequest: type[_m88.CreateDefaultEMailEntityRequest]
        CreateDefaultEMailEnvelopeRequest: type[_m88.CreateDefaultEMailEnvelopeRequest]
        CreateDefaultEMailFolderRequest: type[_m88.CreateDefaultEMailFolderRequest]
        CreateDefaultEMailSOInfoRequest: type[_m88.CreateDefaultEMailSOInfoRequest]
        CreateEMailFromDocumentEntityRequest: type[_m88.CreateEMailFromDocumentEntityRequest]
        CreateEMailFromMimeMessageRequest: type[_m88.CreateEMailFromMimeMessageRequest]
        CreateFolderRequest: type[_m88.CreateFolderRequest]
        CreateForwardEmailRequest: type[_m88.CreateForwardEmailRequest]
        CreateInlineHtmlHeaderRequest: type[_m88.CreateInlineHtmlHeaderRequest]
        CreateNewPhysicalDocumentFromEmailAttachmentRequest: type[_m88.CreateNewPhysicalDocumentFromEmailAttachmentRequest]
        CreateNewPhysicalDocumentFromEmailRequest: type[_m88.CreateNewPhysicalDocumentFromEmailRequest]
        DeleteEMailAccountRequest: type[_m88.DeleteEMailAccountRequest]
        DeleteEmailsRequest: type[_m88.DeleteEmailsRequest]
        DeleteExtendedRequest: type[_m88.DeleteExtendedRequest]
        DeleteFolderRequest: type[_m88.DeleteFolderRequest]
        DeleteFromServerIdentifierRequest: type[_m88.DeleteFromServerIdentifierRequest]
        DeleteRequest: type[_m88.DeleteRequest]
        EmptyFolderRequest: type[_m88.EmptyFolderRequest]
        FindAddressRequest: type[_m88.FindAddressRequest]
        FindContactOrPersonByEmailNameRequest: type[_m88.FindContactOrPersonByEmailNameRequest]
        FindContactOrPersonByEmailNameWithLimitRequest: type[_m88.FindContactOrPersonByEmailNameWithLimitRequest]
        GetAttachmentFromIdRequest: type[_m88.GetAttachmentFromIdRequest]
        GetAttachmentFromServerIdentifierRequest: type[_m88.GetAttachmentFromServerIdentifierRequest]
        GetAttachmentRequest: type[_m88.GetAttachmentRequest]
        GetCurrentAccountIdRequest: type[_m88.GetCurrentAccountIdRequest]
        GetCurrentAccountRequest: type[_m88.GetCurrentAccountRequest]
        GetEMailAccountFromEMailAddressRequest: type[_m88.GetEMailAccountFromEMailAddressRequest]
        GetEMailAccountRequest: type[_m88.GetEMailAccountRequest]
        GetEMailAddressesRequest: type[_m88.GetEMailAddressesRequest]
        GetEMailAsEmlStreamRequest: type[_m88.GetEMailAsEmlStreamRequest]
        GetEMailAsStreamFromServerIdentifierRequest: type[_m88.GetEMailAsStreamFromServerIdentifierRequest]
        GetEMailAsStreamRequest: type[_m88.GetEMailAsStreamRequest]
        GetEMailEnvelopesFromServerIdsRequest: type[_m88.GetEMailEnvelopesFromServerIdsRequest]
        GetEMailEnvelopesRequest: type[_m88.GetEMailEnvelopesRequest]
        GetEMailFromAttachmentIdRequest: type[_m88.GetEMailFromAttachmentIdRequest]
        GetEMailFromDocumentAttachmentIdRequest: type[_m88.GetEMailFromDocumentAttachmentIdRequest]
        GetEMailFromDocumentIdRequest: type[_m88.GetEMailFromDocumentIdRequest]
        GetEMailFromDocumentIdWithoutAttachmentStreamRequest: type[_m88.GetEMailFromDocumentIdWithoutAttachmentStreamRequest]
        GetEMailFromIdRequest: type[_m88.GetEMailFromIdRequest]
        GetEMailFromServerIdentifierRequest: type[_m88.GetEMailFromServerIdentifierRequest]
        GetEMailFromTempRequest: type[_m88.GetEMailFromTempRequest]
        GetEMailRequest: type[_m88.GetEMailRequest]
        GetEMailSOInfoRequest: type[_m88.GetEMailSOInfoRequest]
        GetEmailAppointmentRecurrenceRequest: type[_m88.GetEmailAppointmentRecurrenceRequest]
        GetEmailAppointmentRequest: type[_m88.GetEmailAppointmentRequest]
        GetEmailDocumentAsMimeStreamRequest: type[_m88.GetEmailDocumentAsMimeStreamRequest]
        GetEmailMessageIdsRequest: type[_m88.GetEmailMessageIdsRequest]
        GetEmailsAsStringRequest: type[_m88.GetEmailsAsStringRequest]
        GetExtendedEmailMessageIdsRequest: type[_m88.GetExtendedEmailMessageIdsRequest]
        GetFolderEMailCountRequest: type[_m88.GetFolderEMailCountRequest]
        GetFolderHasNewEMailRequest: type[_m88.GetFolderHasNewEMailRequest]
        GetFolderInfoRequest: type[_m88.GetFolderInfoRequest]
        GetFolderListRequest: type[_m88.GetFolderListRequest]
        GetMailFromInReplyToRequest: type[_m88.GetMailFromInReplyToRequest]
        GetMailFromMessageIdRequest: type[_m88.GetMailFromMessageIdRequest]
        GetNewMailRequest: type[_m88.GetNewMailRequest]
        GetParticipantInfoFromEmailAddressRequest: type[_m88.GetParticipantInfoFromEmailAddressRequest]
        GetPersonEntitiesFromEmailAddressRequest: type[_m88.GetPersonEntitiesFromEmailAddressRequest]
        GetPersonsFromEmailAddressRequest: type[_m88.GetPersonsFromEmailAddressRequest]
        GetPreviewAttachmentFromDocIdRequest: type[_m88.GetPreviewAttachmentFromDocIdRequest]
        GetPreviewAttachmentFromIdRequest: type[_m88.GetPreviewAttachmentFromIdRequest]
        GetReadySyncEmailAccountsRequest: type[_m88.GetReadySyncEmailAccountsRequest]
        GetUnsanitizedEMailFromAttachmentIdRequest: type[_m88.GetUnsanitizedEMailFromAttachmentIdRequest]
        GetUnsanitizedEMailFromDocumentAttachmentIdRequest: type[_m88.GetUnsanitizedEMailFromDocumentAttachmentIdRequest]
        GetUnsanitizedEMailFromDocumentIdRequest: type[_m88.GetUnsanitizedEMailFromDocumentIdRequest]
        GetUnsanitizedEMailFromDocumentIdWithoutAttachmentStreamRequest: type[_m88.GetUnsanitizedEMailFromDocumentIdWithoutAttachmentStreamRequest]
        GetUnsanitizedEMailRequest: type[_m88.GetUnsanitizedEMailRequest]
        GetUnsanitizedPreviewAttachmentFromDocIdRequest: type[_m88.GetUnsanitizedPreviewAttachmentFromDocIdRequest]
        GetUnsanitizedPreviewAttachmentFromIdRequest: type[_m88.GetUnsanitizedPreviewAttachmentFromIdRequest]
        HasMXRecordRequest: type[_m88.HasMXRecordRequest]
        HasNewMailRequest: type[_m88.HasNewMailRequest]
        HasSPFRecordRequest: type[_m88.HasSPFRecordRequest]
        LatestItemIdByFolderRequest: type[_m88.LatestItemIdByFolderRequest]
        MarkAsReadFromServerIdentifiersRequest: type[_m88.MarkAsReadFromServerIdentifiersRequest]
        MarkAsReadRequest: type[_m88.MarkAsReadRequest]
        MarkEmailsAsReadRequest: type[_m88.MarkEmailsAsReadRequest]
        MoveEmailsToFolderRequest: type[_m88.MoveEmailsToFolderRequest]
        MoveEmailsToTrashRequest: type[_m88.MoveEmailsToTrashRequest]
        MoveToFolderFromServerIdentifierRequest: type[_m88.MoveToFolderFromServerIdentifierRequest]
        MoveToFolderRequest: type[_m88.MoveToFolderRequest]
        RefreshFolderForAssociateRequest: type[_m88.RefreshFolderForAssociateRequest]
        RefreshFolderRequest: type[_m88.RefreshFolderRequest]
        RelayMessageRequest: type[_m88.RelayMessageRequest]
        ResolveEMailRecipientsRequest: type[_m88.ResolveEMailRecipientsRequest]
        SaveDraftRequest: type[_m88.SaveDraftRequest]
        SaveEMailAccountRequest: type[_m88.SaveEMailAccountRequest]
        SaveEMailRequest: type[_m88.SaveEMailRequest]
        SaveEmailToTmpDocumentRequest: type[_m88.SaveEmailToTmpDocumentRequest]
        SaveRequest: type[_m88.SaveRequest]
        SaveToMailServerRequest: type[_m88.SaveToMailServerRequest]
        SendAndSaveEmailToTmpDocumentRequest: type[_m88.SendAndSaveEmailToTmpDocumentRequest]
        SendEMailsRequest: type[_m88.SendEMailsRequest]
        SendRequest: type[_m88.SendRequest]
        SetRepliedAtRequest: type[_m88.SetRepliedAtRequest]
        SetSubscriptionRequest: type[_m88.SetSubscriptionRequest]
        SyncEmailAccountRequest: type[_m88.SyncEmailAccountRequest]
        SyncEmailAccountsRequest: type[_m88.SyncEmailAccountsRequest]
        TestAuthenticateRequest: type[_m88.TestAuthenticateRequest]
        ToggleSubscriptionRequest: type[_m88.ToggleSubscriptionRequest]

    @overload
    def models(version: Literal["Services73"], agent: Literal["EMail"] = ...) -> Services73Models: ...
    @overload
    def models(version: Literal["Services75"], agent: Literal["EMail"] = ...) -> Services75Models: ...
    @overload
    def models(version: Literal["Services80"], agent: Literal["EMail"] = ...) -> Services80Models: ...
    @overload
    def models(version: Literal["Services81"], agent: Literal["EMail"] = ...) -> Services81Models: ...
    @overload
    def models(version: Literal["Services82"], agent: Literal["EMail"] = ...) -> Services82Models: ...
    @overload
    def models(version: Literal["Services83"], agent: Literal["EMail"] = ...) -> Services83Models: ...
    @overload
    def models(version: Literal["Services84"], agent: Literal["EMail"] = ...) -> Services84Models: ...
    @overload
    def models(version: Literal["Services85"], agent: Literal["EMail"] = ...) -> Services85Models: ...
    @overload
    def models(version: Literal["Services86"], agent: Literal["EMail"] = ...) -> Services86Models: ...
    @overload
    def models(version: Literal["Services87"], agent: Literal["EMail"] = ...) -> Services87Models: ...
    @overload
    def models(version: Literal["Services88"], agent: Literal["EMail"] = ...) -> Services88Models: ...
    @overload
    def models(version: str, agent: str = ...) -> ModuleType: ...
    def models(version: str, agent: str = ...) -> Any: ...

    class EMailAgentTyping:
        """``EMailAgent(url, version=...)``, typed."""

        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services73"],
            client: httpx.Client | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a73.EMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services75"],
            client: httpx.Client | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a75.EMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services80"],
            client: httpx.Client | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a80.EMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services81"],
            client: httpx.Client | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a81.EMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services82"],
            client: httpx.Client | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a82.EMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services83"],
            client: httpx.Client | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a83.EMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services84"],
            client: httpx.Client | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a84.EMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services85"],
            client: httpx.Client | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a85.EMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services86"],
            client: httpx.Client | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a86.EMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services87"],
            client: httpx.Client | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a87.EMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services88"],
            client: httpx.Client | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a88.EMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: str = ...,
            client: httpx.Client | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a88.EMailAgent: ...
        def __new__(
            cls,
            url: str,
            *,
            version: str = ...,
            client: httpx.Client | None = None,
            **options: Unpack[AgentOptions],
        ) -> Any: ...

    class AsyncEMailAgentTyping:
        """``AsyncEMailAgent(url, version=...)``, typed."""

        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services73"],
            client: httpx.AsyncClient | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a73.AsyncEMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services75"],
            client: httpx.AsyncClient | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a75.AsyncEMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services80"],
            client: httpx.AsyncClient | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a80.AsyncEMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services81"],
            client: httpx.AsyncClient | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a81.AsyncEMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services82"],
            client: httpx.AsyncClient | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a82.AsyncEMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services83"],
            client: httpx.AsyncClient | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a83.AsyncEMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services84"],
            client: httpx.AsyncClient | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a84.AsyncEMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services85"],
            client: httpx.AsyncClient | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a85.AsyncEMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services86"],
            client: httpx.AsyncClient | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a86.AsyncEMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services87"],
            client: httpx.AsyncClient | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a87.AsyncEMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: Literal["Services88"],
            client: httpx.AsyncClient | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a88.AsyncEMailAgent: ...
        @overload
        def __new__(
            cls,
            url: str,
            *,
            version: str = ...,
            client: httpx.AsyncClient | None = None,
            **options: Unpack[AgentOptions],
        ) -> _a88.AsyncEMailAgent: ...
        def __new__(
            cls,
            url: str,
            *,
            version: str = ...,
            client: httpx.AsyncClient | None = None,
            **options: Unpack[AgentOptions],
        ) -> Any: ...

else:

    class EMailAgentTyping:
        """Typing only (see the module docstring)."""

    class AsyncEMailAgentTyping:
        """Typing only (see the module docstring)."""
