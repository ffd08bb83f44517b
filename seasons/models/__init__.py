from .season import Call, CallQuerySet, CallState, Season, SeasonQuerySet
from .submission import (
    DESCRIPTION_MAX_LENGTH,
    PUBLIC_STATUS_LABELS,
    Attachment,
    AttachmentKind,
    CommonsNature,
    HeardAbout,
    OrganisationType,
    Referent,
    Submission,
    SubmissionQuerySet,
    SubmissionStatus,
)

__all__ = [
    "DESCRIPTION_MAX_LENGTH",
    "PUBLIC_STATUS_LABELS",
    "Attachment",
    "AttachmentKind",
    "Call",
    "CallQuerySet",
    "CallState",
    "CommonsNature",
    "HeardAbout",
    "OrganisationType",
    "Referent",
    "Season",
    "SeasonQuerySet",
    "Submission",
    "SubmissionQuerySet",
    "SubmissionStatus",
]
