"""Decisions and reviewer assignment: in bulk on the applications' changelist, and one
application at a time from its own page.

Each decision shows a confirmation page listing exactly what will change and what is
refused (with the reason) before anything happens. "Selected" also asks what the apps
that build on seasons need (the laureates app asks for the track and the start date).
Both ways share that page and call `selection.decisions.decide`, with the same right
(`permissions.can_decide`).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accelerator.people import PeopleChoiceIterator

from ..announcement import announcement_warnings
from ..models import SubmissionStatus
from ..selection import decisions, feedback, permissions, reviewing, workflow
from .feedback import FeedbackForm, redrafted_messages

S = SubmissionStatus


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (kept in the status history, never sent)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    draft_emails = forms.BooleanField(
        label=gettext_lazy("Prepare the decision e-mails in the outbox (nothing is sent now)"),
        required=False,
        initial=True,
    )


def hook_forms(to_status, data):
    if to_status != S.SELECTED:
        return []
    return [
        hook.form_class(data, prefix=f"hook{index}")
        for index, hook in enumerate(workflow.SELECTION_HOOKS)
        if hook.form_class
    ]


def confirm_decision(modeladmin, request, queryset, to_status, label, *, original=None):
    """The confirmation page, then the decision once confirmed (None: it is taken).

    `original` is the application whose own page asked (the page links back to it)."""
    submissions = list(queryset.select_related("call__season"))
    allowed, refused = decisions.split_allowed(submissions, to_status, request.user)
    confirmed = "confirm" in request.POST
    form = DecisionForm(request.POST if confirmed else None)
    extra_forms = hook_forms(to_status, request.POST if confirmed else None)
    feedback_form = decision_feedback_form(original, to_status, request.POST if confirmed else None)
    valid = form.is_valid() and all(f.is_valid() for f in [*extra_forms, feedback_form] if f)
    # With nothing allowed, a confirmation (a stale page, a guessed POST) shows the page
    # again, which says why, rather than "0 applications changed".
    if confirmed and allowed and valid:
        details = {}
        for extra in extra_forms:
            details.update(extra.cleaned_data)
        outcome = decisions.decide(
            allowed,
            to_status,
            user=request.user,
            reason=form.cleaned_data["reason"],
            details=details,
            draft_emails=form.cleaned_data["draft_emails"] and to_status in decisions.ANNOUNCED,
            absolute=request.build_absolute_uri,
        )
        changed, emails = len(outcome.changed), outcome.emails
        modeladmin.message_user(
            request,
            _("%(changed)s, %(emails)s")
            % {
                "changed": ngettext(
                    "%(count)d application changed", "%(count)d applications changed", changed
                )
                % {"count": changed},
                "emails": ngettext(
                    "%(count)d e-mail prepared in the outbox.",
                    "%(count)d e-mails prepared in the outbox.",
                    emails,
                )
                % {"count": emails},
            },
            messages.SUCCESS,
        )
        for submission, reason in outcome.refused + refused:
            modeladmin.message_user(request, f"{submission}: {reason}", messages.WARNING)
        if feedback_form and outcome.changed:
            write_decision_feedback(request, feedback_form, original)
        if to_status == SubmissionStatus.SELECTED:
            calls = {submission.call_id: submission.call for submission in outcome.changed}
            for call in calls.values():
                for warning in announcement_warnings(call):
                    modeladmin.message_user(request, warning, messages.WARNING)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Confirm: %(decision)s") % {"decision": label},
        "decision": label,
        "to_status": S(to_status).label,
        "allowed": allowed,
        "refused": refused,
        "form": form,
        "extra_forms": extra_forms,
        "feedback_form": feedback_form,
        "announces": to_status in decisions.ANNOUNCED,
        "action": request.POST.get("action"),
        "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        "opts": modeladmin.model._meta,
        "original": original,
        "cancel_url": (
            reverse("admin:seasons_submission_change", args=[original.pk])
            if original
            else reverse("admin:seasons_submission_changelist")
        ),
    }
    return TemplateResponse(request, "admin/seasons/submission/decision.html", context)


def decision_feedback_form(original, to_status, data):
    """The feedback fields, when one application's own page declines it."""
    if original is None or not feedback.receives_feedback(to_status):
        return None
    texts = feedback.texts_of(original.decision_feedback.select_related("criterion"))
    criteria = feedback.rubric(original.call_id)
    return FeedbackForm(data, criteria=criteria, texts=texts, prefix="feedback")


def write_decision_feedback(request, form, submission):
    """After the decision: the feedback, which the decision e-mail just drafted then
    carries (`outbox.redraft_feedback`)."""
    redrafted = form.write(submission, request.user)
    if redrafted is None:
        errors = " ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, _("The feedback was not saved: %(errors)s") % {"errors": errors})
    else:
        redrafted_messages(request, redrafted)


def decision_action(name, to_status, label):
    def action(modeladmin, request, queryset):
        return confirm_decision(modeladmin, request, queryset, to_status, label)

    action.__name__ = name
    return admin.action(description=label, permissions=["decide"])(action)


DECISION_LABELS = {
    S.IN_REVIEW: gettext_lazy("Put under review"),
    S.SHORTLISTED: gettext_lazy("Shortlist"),
    S.SELECTED: gettext_lazy("Select"),
    S.WAITLISTED: gettext_lazy("Put on the waiting list"),
    S.REJECTED: gettext_lazy("Do not select"),
}
ACTION_NAMES = {
    S.IN_REVIEW: "put_in_review",
    S.SHORTLISTED: "shortlist",
    S.SELECTED: "select",
    S.WAITLISTED: "waitlist",
    S.REJECTED: "reject",
}
DECISION_ACTIONS = [
    decision_action(ACTION_NAMES[status], status, label)
    for status, label in DECISION_LABELS.items()
]


def decision_label(to_status):
    return DECISION_LABELS.get(to_status) or S(to_status).label


def decisions_offered(user, submission):
    """[(label, url)] of the decisions `user` may take from the application's page: the
    staff's moves from its current status (`workflow.TRANSITIONS`), for those who decide."""
    if not permissions.can_decide(user):
        return []
    return [
        (
            decision_label(to_status),
            reverse("admin:seasons_submission_decide", args=[submission.pk, to_status]),
        )
        for to_status in workflow.next_statuses(submission.status, workflow.Actor.STAFF)
    ]


def decide_view(model_admin):
    """One application's decision, from its page: the bulk action's confirmation page and
    domain function, for one. Hidden and missing applications are the same 404; a status
    it cannot take is explained on the page, never applied."""

    def view(request, object_id, to_status):
        submission = model_admin.get_object(request, object_id)
        if submission is None or to_status not in S.values:
            raise Http404
        if not model_admin.has_decide_permission(request):
            raise PermissionDenied
        queryset = model_admin.get_queryset(request).filter(pk=submission.pk)
        response = confirm_decision(
            model_admin, request, queryset, to_status, decision_label(to_status),
            original=submission,
        )  # fmt: skip
        return response or redirect("admin:seasons_submission_change", submission.pk)

    return view


class ReviewersField(forms.ModelMultipleChoiceField):
    """Reviewers by full name (with their username where two share a name), in French
    order: who is who, for the staff who assign them."""

    iterator = PeopleChoiceIterator


class AssignForm(forms.Form):
    reviewers = ReviewersField(
        label=gettext_lazy("Reviewers"),
        queryset=reviewing.reviewer_accounts().none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = reviewing.reviewer_accounts()


@admin.action(description=gettext_lazy("Assign reviewers"), permissions=["assign"])
def assign_reviewers(modeladmin, request, queryset):
    confirmed = "confirm" in request.POST
    form = AssignForm(request.POST if confirmed else None)
    submissions = list(queryset)
    drafts = len(submissions) - len(reviewing.assignable(submissions))
    if confirmed and form.is_valid():
        created = reviewing.assign(
            submissions, form.cleaned_data["reviewers"], request.build_absolute_uri("/")[:-1]
        )
        modeladmin.message_user(
            request, _("%(count)d assignment(s) made.") % {"count": created}, messages.SUCCESS
        )
        if drafts:
            modeladmin.message_user(request, drafts_left_out(drafts), messages.WARNING)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Assign reviewers"),
        "submissions": reviewing.assignable(submissions),
        "drafts_left_out": drafts_left_out(drafts) if drafts else "",
        "form": form,
        "action": request.POST.get("action"),
        "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        "opts": modeladmin.model._meta,
    }
    return TemplateResponse(request, "admin/seasons/submission/assign.html", context)


def drafts_left_out(count):
    return _("%(count)d draft(s) left out: an application not sent yet cannot be reviewed.") % {
        "count": count
    }
