"""Laureates, their follow-up (milestones, the season's plan, reminders) and impact."""

from .impact import ImpactIndicator, Measurement
from .laureate import SUMMARY_MAX_LENGTH, Domain, Laureate, LaureateQuerySet, Track, logo_path
from .milestone import (
    NOT_COUNTED_STATUSES,
    OPEN_STATUSES,
    Milestone,
    MilestoneQuerySet,
    MilestoneStatus,
    SupportKind,
)
from .plan import MAX_PLAN_MONTHS, FollowUpPlan, FollowUpPlanStep
from .reminder import MilestoneReminder
from .team import SignInLink, TeamMember, TeamMemberQuerySet
from .update import TeamUpdate, TeamUpdateQuerySet, UpdateFile, UpdateStatus

__all__ = [
    "MAX_PLAN_MONTHS",
    "NOT_COUNTED_STATUSES",
    "OPEN_STATUSES",
    "SUMMARY_MAX_LENGTH",
    "Domain",
    "FollowUpPlan",
    "FollowUpPlanStep",
    "ImpactIndicator",
    "Laureate",
    "LaureateQuerySet",
    "Measurement",
    "Milestone",
    "MilestoneQuerySet",
    "MilestoneReminder",
    "MilestoneStatus",
    "SignInLink",
    "SupportKind",
    "TeamMember",
    "TeamMemberQuerySet",
    "TeamUpdate",
    "TeamUpdateQuerySet",
    "Track",
    "UpdateFile",
    "UpdateStatus",
    "logo_path",
]
