"""Laureates, their follow-up (milestones, the season's plan, reminders, support logged,
tranches, reports) and impact."""

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
from .reminder import MilestoneReminder, ReportReminder, TeamReminder, TeamReminderKind
from .report import (
    REPORT_QUESTION_TYPES,
    Report,
    ReportComment,
    ReportKind,
    ReportQuestion,
    ReportStatus,
    ReportVersion,
)
from .support import HOURS_PER_DAY, PlannedHours, SupportLog
from .team import SignInLink, TeamMember, TeamMemberQuerySet
from .tranche import CONDITION_MET, Tranche, TrancheCondition, TrancheStatus
from .update import TeamUpdate, TeamUpdateQuerySet, UpdateFile, UpdateStatus

__all__ = [
    "CONDITION_MET",
    "HOURS_PER_DAY",
    "MAX_PLAN_MONTHS",
    "NOT_COUNTED_STATUSES",
    "OPEN_STATUSES",
    "REPORT_QUESTION_TYPES",
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
    "PlannedHours",
    "Report",
    "ReportComment",
    "ReportKind",
    "ReportQuestion",
    "ReportReminder",
    "ReportStatus",
    "ReportVersion",
    "SignInLink",
    "SupportKind",
    "SupportLog",
    "TeamMember",
    "TeamMemberQuerySet",
    "TeamReminder",
    "TeamReminderKind",
    "TeamUpdate",
    "TeamUpdateQuerySet",
    "Track",
    "Tranche",
    "TrancheCondition",
    "TrancheStatus",
    "UpdateFile",
    "UpdateStatus",
    "logo_path",
]
