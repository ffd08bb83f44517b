from .email import EmailKind, EmailStatus, OutboundEmail
from .season import (
    DEFAULT_ELIGIBLE_TYPES,
    Call,
    CallQuerySet,
    CallState,
    OrganisationType,
    Season,
    SeasonQuerySet,
)
from .submission import (
    DESCRIPTION_MAX_LENGTH,
    PUBLIC_STATUS_LABELS,
    Attachment,
    AttachmentKind,
    CommonsNature,
    HeardAbout,
    Referent,
    Submission,
    SubmissionQuerySet,
    SubmissionStatus,
)
from .workflow import ReferenceCounter, SubmissionTransition

__all__ = [
    "DEFAULT_ELIGIBLE_TYPES",
    "DESCRIPTION_MAX_LENGTH",
    "PUBLIC_STATUS_LABELS",
    "Attachment",
    "AttachmentKind",
    "Call",
    "CallQuerySet",
    "CallState",
    "CommonsNature",
    "EmailKind",
    "EmailStatus",
    "HeardAbout",
    "OrganisationType",
    "OutboundEmail",
    "ReferenceCounter",
    "Referent",
    "Season",
    "SeasonQuerySet",
    "Submission",
    "SubmissionQuerySet",
    "SubmissionStatus",
    "SubmissionTransition",
]
