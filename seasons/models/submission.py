"""Applications to a call: the submission, its referents and its attachments.

The fields follow the application form of the AIC's season 2 (structure, referents,
project, impact, other); every answer is optional at the database level because a draft
may be saved half-filled. What a complete application needs is checked by the form.
"""

import secrets
import uuid
from pathlib import PurePath

from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .fields import valid_choice
from .season import Call, OrganisationType

DESCRIPTION_MAX_LENGTH = 800


class SubmissionStatus(models.TextChoices):
    """Internal states, as staff see them. Applicants see `public_status_label`."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    IN_REVIEW = "in_review", _("under review")
    SHORTLISTED = "shortlisted", _("shortlisted")
    SELECTED = "selected", _("selected")
    WAITLISTED = "waitlisted", _("waiting list")
    REJECTED = "rejected", _("not selected")
    WITHDRAWN = "withdrawn", _("withdrawn")


# What an applicant is told: staff distinctions that mean nothing to them are merged.
PUBLIC_STATUS_LABELS = {
    SubmissionStatus.DRAFT: _("draft, not sent"),
    SubmissionStatus.SUBMITTED: _("received"),
    SubmissionStatus.IN_REVIEW: _("being examined"),
    SubmissionStatus.SHORTLISTED: _("shortlisted"),
    SubmissionStatus.SELECTED: _("selected"),
    SubmissionStatus.WAITLISTED: _("on the waiting list"),
    SubmissionStatus.REJECTED: _("not selected"),
    SubmissionStatus.WITHDRAWN: _("withdrawn"),
}


class CommonsNature(models.TextChoices):
    DIGITAL = "digital", _("digital commons")
    NON_DIGITAL = "non_digital", _("commons whose digital part is not central")


class HeardAbout(models.TextChoices):
    PROGRAM_WEBSITE = "website", _("the program’s website")
    SOCIAL_NETWORKS = "social_networks", _("social networks")
    PRESS = "press", _("the press")
    NEWSLETTER = "newsletter", _("a newsletter")
    ADMINISTRATION = "administration", _("a public administration")
    WORD_OF_MOUTH = "word_of_mouth", _("word of mouth")
    EVENT = "event", _("an event")
    OTHER = "other", _("other")


def new_access_key():
    """The secret of an application's private links: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


class SubmissionQuerySet(models.QuerySet):
    def sent(self):
        """Everything that left the draft state (withdrawn included)."""
        return self.exclude(status=SubmissionStatus.DRAFT)


class Submission(models.Model):
    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("call")
    )
    reference = models.CharField(
        _("reference"),
        max_length=32,
        blank=True,
        default="",
        help_text=_("Given when the application is submitted, for example AIC-2023-0042."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
    )
    # The applicant has no account: this key, sent to them by e-mail, opens their private
    # pages. It also serves as the idempotency key of the form that created the draft, so
    # a replayed or double-clicked POST finds the application instead of making another.
    access_key = models.CharField(
        _("access key"), max_length=64, unique=True, default=new_access_key, editable=False
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        default="fr",
        help_text=_("The language the applicant used, for the e-mails sent to them."),
    )

    # Structure
    contact_email = models.EmailField(_("applicant e-mail"), blank=True)
    organisation_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    project_name = models.CharField(
        _("project name"),
        max_length=200,
        blank=True,
        help_text=_("If different from the organisation’s name."),
    )
    organisation_type = models.CharField(
        _("organisation type"), max_length=40, choices=OrganisationType.choices, blank=True
    )
    commons_nature = models.CharField(
        _("nature of the project"), max_length=20, choices=CommonsNature.choices, blank=True
    )
    description = models.CharField(
        _("short description"), max_length=DESCRIPTION_MAX_LENGTH, blank=True
    )
    resource_pooling = models.TextField(
        _("how the project pools a resource of collective interest"), blank=True
    )
    commons_rationale = models.TextField(
        _("why the project is a commons"),
        blank=True,
        help_text=_("Free licence, protective terms of use, transparency, shared governance."),
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    budget_last_year = models.PositiveIntegerField(
        _("budget of the last year (euros)"), null=True, blank=True
    )
    budget_year_before = models.PositiveIntegerField(
        _("budget of the year before (euros)"), null=True, blank=True
    )
    main_funders = models.TextField(
        _("main funders of the last years"),
        blank=True,
        help_text=_("Needed to check the State-aid “de minimis” ceiling."),
    )
    has_paid_activity = models.BooleanField(_("paid economic activity"), null=True, blank=True)
    paid_activity_details = models.TextField(_("paid activity details"), blank=True)
    has_related_structures = models.BooleanField(_("related structures"), null=True, blank=True)
    related_structures_details = models.TextField(_("related structures details"), blank=True)
    contributors_count = models.PositiveIntegerField(
        _("approximate number of contributors"), null=True, blank=True
    )

    # Referents (the people themselves are Referent rows)
    availability_confirmed = models.BooleanField(
        _("referents available 2–3 days a month"), default=False
    )

    # Project
    problem = models.TextField(_("problem addressed"), blank=True)
    main_impact = models.TextField(_("main intended impact"), blank=True)
    impact_indicator = models.CharField(_("impact indicator"), max_length=200, blank=True)
    impact_indicator_unit = models.CharField(_("unit"), max_length=50, blank=True)
    impact_baseline = models.DecimalField(
        _("baseline value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    impact_target = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    impact_strategy = models.TextField(_("impact strategy for the next six months"), blank=True)
    state_collaboration_goals = models.TextField(
        _("goals of a closer work with the State"), blank=True
    )
    other_actors = models.TextField(_("other actors on the same problem"), blank=True)
    goal_1 = models.CharField(_("first goal"), max_length=300, blank=True)
    goal_2 = models.CharField(_("second goal"), max_length=300, blank=True)
    goal_3 = models.CharField(_("third goal"), max_length=300, blank=True)

    # Other
    heard_about = models.CharField(
        _("how the applicant heard of the call"),
        max_length=20,
        choices=HeardAbout.choices,
        blank=True,
    )
    news_opt_in = models.BooleanField(_("wants to receive the program’s news"), default=False)

    # Every answer, {question key: value} (`seasons.applying.stored_answers`); the typed
    # columns above that the program reads are kept in step with it.
    answers = models.JSONField(_("answers"), default=dict, blank=True)

    # Not auto_now_add: applications imported from another tool keep their real date.
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(
        _("anonymised at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The day the application's personal data (names, contact details, free texts, "
            "files, e-mails) was erased, once the retention period after its end had "
            "passed (not selected, withdrawn, left on the waiting list, or a draft never "
            "sent). Empty while it is kept."
        ),
    )

    objects = SubmissionQuerySet.as_manager()
    # Every change, by whom; the private key stays out of the history.
    history = HistoricalRecords(excluded_fields=["access_key"])

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference=""),
                name="submission_reference_unique",
            ),
            valid_choice("status", SubmissionStatus, "submission_status_valid"),
            models.CheckConstraint(
                condition=Q(status=SubmissionStatus.DRAFT)
                | (~Q(reference="") & Q(submitted_at__isnull=False)),
                name="submission_sent_has_reference",
            ),
            # PostgreSQL enforces max_length through varchar; SQLite needs the check.
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("description"), DESCRIPTION_MAX_LENGTH),
                name="submission_description_max_length",
            ),
        ]
        indexes = [
            models.Index(fields=["status"], name="submission_status_idx"),
            # The admin's order (newest sent first) and its date filter's first and last
            # dates, read from the index instead of sorting every application.
            models.Index(fields=["-submitted_at", "-id"], name="submission_sent_order_idx"),
        ]
        permissions = [
            ("decide_submission", _("Can change the status of applications")),
            ("view_all_submissions", _("Can see every application, not only assigned ones")),
            ("assign_reviewers", _("Can assign reviewers to applications")),
            ("export_submissions", _("Can export applications")),
        ]

    def __str__(self):
        label = self.display_name or _("untitled application")
        return f"{self.reference} — {label}" if self.reference else str(label)

    @property
    def display_name(self):
        return self.project_name or self.organisation_name

    @property
    def public_status_label(self):
        return PUBLIC_STATUS_LABELS[SubmissionStatus(self.status)]


class Referent(models.Model):
    """One of the one or two people the program talks to for an application."""

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="referents",
        verbose_name=_("application"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("referent")
        verbose_name_plural = _("referents")
        ordering = ["submission", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "position"], name="referent_position_unique"
            ),
            models.CheckConstraint(condition=Q(position__in=[1, 2]), name="referent_at_most_two"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class AttachmentKind(models.TextChoices):
    STATUTES = "statutes", _("statutes")
    ACCOUNTS = "accounts", _("last certified accounts")
    PRESENTATION = "presentation", _("presentation")
    LOGO = "logo", _("logo")


def private_storage():
    """Applicants' files: a storage that no URL serves (see PRIVATE_MEDIA_ROOT)."""
    return storages["private"]


def attachment_path(instance, filename):
    # A generated name: the applicant's file name is kept in `original_name` for display
    # only, so it can never choose where the file is written nor collide with another.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"attachments/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("application"),
    )
    # The key of the file question it answers (the season-2 form's are AttachmentKind).
    kind = models.CharField(_("kind"), max_length=60, choices=AttachmentKind.choices)
    file = models.FileField(
        _("file"), upload_to=attachment_path, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("original name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["submission", "kind", "pk"]

    def __str__(self):
        return self.original_name
