"""Feedback to a declined application, as staff write it: the form (one field per
criterion of the call's rubric and a general remark) that the committee's outcomes page,
the decision's confirmation page and the application's feedback page share, and that
page itself (managers write, observers read, reviewers are refused).

The form parses; `selection.feedback.write_feedback` decides and writes.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .. import outbox
from ..models import FEEDBACK_MAX_LENGTH
from ..selection import feedback, permissions

GENERAL_LABEL = gettext_lazy("General remark")


def text_field(label):
    """The browser stops at the limit; the domain says why to whoever gets past it."""
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": FEEDBACK_MAX_LENGTH}),
    )


class FeedbackForm(forms.Form):
    """One text per criterion of the rubric (`criteria`, in order), then a general remark;
    `texts` ({field key: text}) the feedback written so far."""

    def __init__(self, *args, criteria, texts, **kwargs):
        super().__init__(*args, initial=texts, **kwargs)
        for criterion in criteria:
            self.fields[feedback.field_key(criterion)] = text_field(criterion.title)
        self.fields[feedback.GENERAL] = text_field(GENERAL_LABEL)

    @property
    def has_text(self):
        """Something written or typed: the outcomes page shows the fields unfolded."""
        if self.is_bound:
            return any(self[key].value() for key in self.fields)
        return any(self.initial.values())

    def clean(self):
        """The lengths, before anything is decided (the decision page decides first)."""
        for key, text in list(self.cleaned_data.items()):
            if text and feedback.too_long(text):
                self.add_error(key, feedback.too_long(text))
        return self.cleaned_data

    def texts(self):
        return {key: self.cleaned_data[key] for key in self.fields}

    def write(self, submission, user, decision=None):
        """Write the feedback if it changed; None when refused (the errors are then the
        form's), else the `outbox.Redrafted` (nothing when unchanged)."""
        if not self.has_changed():
            return outbox.Redrafted(0, 0)
        try:
            return feedback.write_feedback(submission, self.texts(), user=user, decision=decision)
        except feedback.FeedbackRefused as refused:
            for key, error in refused.errors.items():
                self.add_error(key if key in self.fields else None, error)
            return None


def redrafted_messages(request, redrafted):
    if redrafted and redrafted.updated:
        messages.info(
            request,
            ngettext(
                "The unsent decision e-mail now carries this feedback.",
                "The %(count)d unsent decision e-mails now carry this feedback.",
                redrafted.updated,
            )
            % {"count": redrafted.updated},
        )
    if redrafted and redrafted.edited:
        messages.warning(
            request,
            _(
                "The unsent decision e-mail was edited by hand: it was left as it is; "
                "update its feedback in the outbox."
            ),
        )


def feedback_context(user, submission):
    """The application page's feedback block: for managers and observers, on a declined
    application (no query otherwise)."""
    if submission is None or not permissions.sees_every_submission(user):
        return {}
    if not feedback.receives_feedback(submission.status):
        return {}
    return {
        "feedback_entries": outbox.feedback_entries(submission),
        "feedback_url": reverse("admin:seasons_submission_feedback", args=[submission.pk]),
        "feedback_editable": permissions.can_decide(user),
    }


def feedback_view(model_admin):
    """The feedback of one application: managers write it while it is "not selected",
    observers read it; a reviewer is refused (403), a hidden or missing application is
    a 404."""

    def view(request, object_id):
        submission = model_admin.get_object(request, object_id)
        if submission is None:
            raise Http404
        if not permissions.sees_every_submission(request.user):
            raise PermissionDenied
        editable = permissions.can_decide(request.user)
        if request.method == "POST" and not editable:
            raise PermissionDenied
        entries = outbox.feedback_entries(submission)
        criteria = feedback.rubric(submission.call_id)
        form = None
        if editable:
            texts = feedback.texts_of(submission.decision_feedback.select_related("criterion"))
            data = request.POST if request.method == "POST" else None
            form = FeedbackForm(data, criteria=criteria, texts=texts)
            if data is not None and form.is_valid():
                redrafted = form.write(submission, request.user)
                if redrafted is not None:
                    messages.success(request, _("The feedback is saved."))
                    redrafted_messages(request, redrafted)
                    return redirect("admin:seasons_submission_change", submission.pk)
        change_url = reverse("admin:seasons_submission_change", args=[submission.pk])
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "original": submission,
            "title": _("Feedback to the applicant: %(application)s") % {"application": submission},
            "form": form,
            "entries": entries,
            "open": feedback.receives_feedback(submission.status),
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/seasons/submission/feedback.html", context)

    return view
