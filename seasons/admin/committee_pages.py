"""A committee session's own pages, routed by `CommitteeSessionAdmin.get_urls`: the
docket's assembly, the outcomes of the meeting, the closing, and its files (the docket as
XLSX and PDF, the minutes as PDF).

Each page finds the session through the admin's queryset (empty for reviewers: 404, as a
missing session), then asks its predicate in `selection.permissions`; the changes are
made by `selection.committee`.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accelerator.admin_access import parsed_pk
from accelerator.people import person_labels

from ..models import VOTES, CommitteeSession, SessionStatus, SubmissionStatus
from ..selection import committee, docket, docket_pdf, feedback, permissions
from .feedback import FeedbackForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILES = {
    "xlsx": (gettext_lazy("Docket (XLSX)"), lambda s: (docket.as_xlsx(s), XLSX, "xlsx")),
    "pdf": (
        gettext_lazy("Docket (PDF)"),
        lambda s: (docket_pdf.docket_pdf(s), "application/pdf", "pdf"),
    ),
    "minutes": (
        gettext_lazy("Minutes (PDF)"),
        lambda s: (docket_pdf.minutes_pdf(s), "application/pdf", "pdf"),
    ),
}


def session_or_404(model_admin, request, pk, predicate=None):
    """The session if the reader may see it (404 otherwise, as a missing one), and may do
    what `predicate` asks (403: they know the session already)."""
    key = parsed_pk(CommitteeSession, pk)
    session = None
    if key is not None:
        session = model_admin.get_queryset(request).select_related("call").filter(pk=key).first()
    if session is None:
        raise Http404
    if predicate is not None and not predicate(request.user):
        raise PermissionDenied
    return session


def page(model_admin, request, session, template, title, **context):
    return TemplateResponse(
        request,
        f"admin/seasons/committeesession/{template}.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "title": title,
            "session": session,
            **context,
        },
    )


def back(session):
    return redirect("admin:seasons_committeesession_change", session.pk)


def refused_on_closed(request, session):
    messages.error(request, _("This session is closed: its outcomes can no longer change."))
    return back(session)


class DocketForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Add the call’s applications whose status is"),
        choices=[(s, lab) for s, lab in SubmissionStatus.choices if s != SubmissionStatus.DRAFT],
    )


def docket_view(model_admin):
    def view(request, pk):
        session = session_or_404(model_admin, request, pk, permissions.can_manage_sessions)
        form = DocketForm(
            request.POST if request.method == "POST" else None,
            initial={"status": session.docket_status},
        )
        if form.is_valid():
            try:
                added = committee.assemble_docket(session, form.cleaned_data["status"])
            except committee.SessionRefused as refused:
                messages.error(request, str(refused))
            else:
                added = _("%(count)d applications added to the docket.") % {"count": len(added)}
                messages.success(request, added)
            return back(session)
        title = _("Assemble the docket of %(session)s") % {"session": session}
        return page(model_admin, request, session, "docket", title, form=form)

    return view


class OutcomeForm(forms.Form):
    decision = forms.ChoiceField(label=gettext_lazy("Decision"), required=False)
    by_consensus = forms.BooleanField(label=gettext_lazy("By consensus"), required=False)
    votes_for = forms.IntegerField(
        label=gettext_lazy("For"), min_value=0, max_value=999, required=False
    )
    votes_against = forms.IntegerField(
        label=gettext_lazy("Against"), min_value=0, max_value=999, required=False
    )
    abstentions = forms.IntegerField(
        label=gettext_lazy("Abstentions"), min_value=0, max_value=999, required=False
    )
    not_voting = forms.MultipleChoiceField(
        label=gettext_lazy("Not voting (conflict of interest)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reasons = forms.CharField(
        label=gettext_lazy("Reasons"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, data=None, *, item, members, criteria=(), feedback_texts=None, conflicted=()
    ):
        """`conflicted`: the members who declared a conflict of interest on the item's
        application (`committee.declared_conflicts`): ticked, named as such, and recorded
        as not voting whatever is ticked."""
        initial = {name: getattr(item, name) for name in ["decision", "by_consensus", *VOTES]}
        initial["reasons"] = item.reasons
        recorded = {user.pk for user in item.not_voting.all()}
        initial["not_voting"] = [str(pk) for pk in sorted(recorded | set(conflicted))]
        super().__init__(data, initial=initial, prefix=f"item{item.pk}")
        self.item = item
        self.members = members
        # The feedback to the applicant, for a decision "not selected".
        self.feedback = FeedbackForm(
            data, criteria=criteria, texts=feedback_texts or {}, prefix=f"item{item.pk}-feedback"
        )
        allowed = committee.allowed_decisions(item.from_status)
        self.fields["decision"].choices = [("", _("not recorded yet"))] + [
            (status, SubmissionStatus(status).label) for status in allowed
        ]
        labels = person_labels(members.values())
        for pk in conflicted:
            if pk in labels:
                labels[pk] = _("%(member)s (conflict of interest declared)") % {
                    "member": labels[pk]
                }
        self.fields["not_voting"].choices = sorted(
            ((str(pk), label) for pk, label in labels.items()), key=lambda choice: choice[1]
        )

    def record(self, user):
        """Write the outcome if one was given and changed, then the feedback; False when
        refused (the errors are then the forms')."""
        if not self.record_outcome(user):
            return False
        decision = self.cleaned_data["decision"] or self.item.decision
        return self.feedback.write(self.item.submission, user, decision=decision) is not None

    def record_outcome(self, user):
        data = self.cleaned_data
        if not data["decision"] or not self.has_changed():
            return True
        try:
            committee.record_outcome(
                self.item,
                decision=data["decision"],
                by_consensus=data["by_consensus"],
                votes={name: data[name] for name in VOTES},
                reasons=data["reasons"],
                not_voting=[self.members[int(pk)] for pk in data["not_voting"]],
                user=user,
            )
        except committee.SessionRefused as refused:
            for field, error in refused.errors.items():
                self.add_error(field, error)
            return False
        return True


def record_all(outcome_forms, user):
    """Every outcome of the page, or none (what was typed stays on the page)."""
    every_form = [f for form in outcome_forms for f in (form, form.feedback)]
    if not all(form.is_valid() for form in every_form):  # the others validate as shown
        return False
    with transaction.atomic():
        # A list, not a generator: each refused form gets its errors, not only the first.
        recorded = [form.record(user) for form in outcome_forms]
        if not all(recorded):
            transaction.set_rollback(True)
    return all(recorded)


def outcomes_view(model_admin):
    def view(request, pk):
        session = session_or_404(model_admin, request, pk, permissions.can_manage_sessions)
        if session.status == SessionStatus.CLOSED:
            return refused_on_closed(request, session)
        members = {user.pk: user for user in session.members.all()}
        data = request.POST if request.method == "POST" else None
        items = docket.docket_items(session)
        criteria = feedback.rubric(session.call_id)
        written = feedback.feedback_by_submission([item.submission_id for item in items])
        conflicts = committee.declared_conflicts(session)
        outcome_forms = [
            OutcomeForm(
                data,
                item=item,
                members=members,
                criteria=criteria,
                feedback_texts=written.get(item.submission_id),
                conflicted=conflicts.get(item.submission_id, ()),
            )
            for item in items
        ]
        if data is not None and record_all(outcome_forms, request.user):
            messages.success(request, _("The outcomes are recorded."))
            return back(session)
        if data is not None:
            messages.error(request, _("No outcome was recorded: correct what is shown below."))
        title = _("Outcomes of %(session)s") % {"session": session}
        return page(
            model_admin, request, session, "outcomes", title, forms=outcome_forms, members=members
        )

    return view


class CloseForm(forms.Form):
    release_at = forms.DateTimeField(
        label=gettext_lazy("Release the decision e-mails on"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=gettext_lazy(
            "Empty: the e-mails wait as drafts until you send them from the outbox."
        ),
    )

    def clean_release_at(self):
        moment = self.cleaned_data["release_at"]
        if moment is not None and moment <= timezone.now():
            raise forms.ValidationError(_("Choose a moment to come."))
        return moment


def closed_message(moved, release_at):
    if release_at is None:
        return _(
            "Session closed: %(count)d applications have their decision; the decision "
            "e-mails wait in the outbox until you release them."
        ) % {"count": moved}
    return _(
        "Session closed: %(count)d applications have their decision; the decision e-mails "
        "leave on %(moment)s."
    ) % {"count": moved, "moment": date_format(timezone.localtime(release_at), "DATETIME_FORMAT")}


def close_view(model_admin):
    def view(request, pk):
        session = session_or_404(model_admin, request, pk, permissions.can_close_session)
        if session.status == SessionStatus.CLOSED:
            return refused_on_closed(request, session)
        form = CloseForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                moved = committee.close_session(
                    session,
                    user=request.user,
                    absolute=request.build_absolute_uri,
                    release_at=form.cleaned_data["release_at"],
                )
            except committee.SessionRefused as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, closed_message(moved, form.cleaned_data["release_at"]))
                return back(session)
        title = _("Close %(session)s") % {"session": session}
        rows = docket.docket_rows(session)
        return page(model_admin, request, session, "close", title, rows=rows, form=form)

    return view


def file_view(model_admin):
    def view(request, pk, kind):
        session = session_or_404(model_admin, request, pk)
        if kind not in FILES:
            raise Http404
        content, content_type, extension = FILES[kind][1](session)
        response = HttpResponse(content, content_type=content_type)
        name = f"{slugify(session.title) or 'seance'}-{kind}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    return view
