"""The applicant's pages: the form, the confirmation, the private status page.

No account: a private link (the application's access key) opens an application. The
views parse the request, call `seasons.applying.services`, and render; they never write.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..calls.views import seasons_crumb
from ..models import Call, Submission, SubmissionStatus
from ..models.submission import new_access_key
from ..selection import workflow
from . import antispam, form_language, services
from .answers import summarize
from .forms import SECTIONS, ApplicationForm, AttachmentsForm, ReferentForm


def private_page(referrer_policy="no-referrer"):
    """Pages behind a private link: never stored by a cache, never leaked as a referrer.

    Pages holding a form use "same-origin": with "no-referrer" the browser sends
    `Origin: null` on the POST and CSRF protection rightly refuses it. Their address
    still never reaches another site.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, private"
            response["Referrer-Policy"] = referrer_policy
            return response

        return wrapped

    return decorator


FORM_PAGE = "same-origin"


def get_call(season_slug, slug):
    return get_object_or_404(
        Call.objects.published().select_related("season"), season__slug=season_slug, slug=slug
    )


def get_submission(key):
    """The application behind a private link; 404 for an unknown or altered key."""
    # The key is the only authority: an application stays reachable by its applicant even
    # if its season is later unpublished.
    return get_object_or_404(Submission.objects.select_related("call__season"), access_key=key)


@require_http_methods(["GET", "POST"])
@private_page(FORM_PAGE)
def apply(request, season_slug, slug):
    call = get_call(season_slug, slug)
    if request.method == "POST":
        return post_form(request, call, submission=None)
    return render_form(request, call, None, build_forms(call, None), stamp_key=new_access_key())


@require_http_methods(["GET", "POST"])
@private_page(FORM_PAGE)
def edit(request, key):
    submission = get_submission(key)
    if request.method == "POST":
        return post_form(request, submission.call, submission)
    if not services.can_edit(submission):
        messages.info(request, _("This application can no longer be changed."))
        return redirect("applications:status", key=key)
    return render_form(
        request, submission.call, submission, build_forms(submission.call, submission)
    )


def build_forms(call, submission, data=None, files=None, complete=False):
    organisation_type = (data or {}).get("organisation_type") or (
        submission.organisation_type if submission else ""
    )
    existing = {a.kind: a for a in submission.attachments.all()} if submission else {}
    referents = {r.position: r for r in submission.referents.all()} if submission else {}
    return (
        ApplicationForm(data, instance=submission, call=call, complete=complete),
        [
            ReferentForm(
                data,
                instance=referents.get(position),
                prefix=f"referent{position}",
                needed=position == 1,
                complete=complete,
            )
            for position in (1, 2)
        ],
        AttachmentsForm(
            data,
            files,
            existing=existing,
            organisation_type=organisation_type,
            complete=complete,
        ),
    )


def all_valid(forms):
    answers, referents, attachments = forms
    results = [answers.is_valid(), attachments.is_valid()] + [f.is_valid() for f in referents]
    return all(results)


def post_form(request, call, submission):
    """The form's own buttons, or a language button of the header or footer (see
    `seasons.applying.form_language`): the form is saved, then shown in the chosen language."""
    language = form_language.chosen(request)
    if language is None:
        return handle_post(request, call, submission)
    return form_language.switched(
        request, language, lambda: handle_post(request, call, submission, switching=True)
    )


def handle_post(request, call, submission, switching=False):
    action = "draft" if switching else request.POST.get("action", "draft")
    if switching and submission is None:
        blank = post_forms(request, call, None, action)
        if not form_language.answered(blank, request.FILES):
            return redirect(request.path)  # nothing typed: no draft to keep
    try:
        key, submission = stamped_submission(request, call, submission)
        sent = submission is not None and submission.status != SubmissionStatus.DRAFT
        antispam.check_honeypot(request.POST)
        if sent and action == "send":
            # A double click or a replayed POST: the application is already sent.
            return redirect("applications:sent", key=submission.access_key)
        services.check_call_open(call)
        # Built once the application is known, so that its stored files count as attached.
        forms = post_forms(request, call, submission, action)
        valid = all_valid(forms)
        if action == "send" and valid:
            # Only a send that goes through counts: a person correcting errors is not.
            antispam.hit_rate_limit(request, "submit", settings.APPLICATION_SUBMIT_LIMIT)
    except antispam.Refused as refusal:
        return render_form(
            request,
            call,
            submission,
            post_forms(request, call, submission, action),
            refusal=str(refusal),
            status=refusal.status_code,
            stamp_key=submission.access_key if submission else new_access_key(),
        )
    except services.ApplicationClosed as closed:
        forms = post_forms(request, call, submission, action)
        return render_form(request, call, submission, forms, refusal=str(closed), status=409)

    language = translation.get_language()
    try:
        if sent:
            return save_sent(request, submission, forms, valid, stay=switching)
        if action == "send" and valid:
            submission = services.send_application(
                call=call,
                access_key=key,
                submission=submission,
                forms=forms,
                language=language,
                absolute=request.build_absolute_uri,
            )
            return redirect("applications:sent", key=submission.access_key)
        previous_email = submission.contact_email if submission else ""
        submission = services.save_draft(
            call=call, access_key=key, submission=submission, forms=forms, language=language
        )
    except services.ApplicationClosed as closed:
        return render_form(request, call, submission, forms, refusal=str(closed), status=409)
    email_note = email_draft_link(request, submission, previous_email)
    if valid:
        messages.success(request, _("Your draft is saved.") + " " + email_note)
        return redirect("applications:edit", key=submission.access_key)
    if action == "send":
        note = _("Your application is not sent yet: correct what is marked below.")
    else:
        note = _("Your draft is saved, except the answers marked below.")
    attachments = forms[2]
    attachments.show_stored({a.kind: a for a in submission.attachments.all()})
    files_kept = not attachments.non_field_errors()
    return render_form(
        request,
        call,
        submission,
        forms,
        refusal=f"{note} {email_note}",
        status=400,
        files_kept=files_kept,
    )


def stamped_submission(request, call, submission):
    """(key, submission) of the form's stamp: the page's application, or the draft a
    first save of this same form created. Refused when the stamp is not this form's."""
    key, shown_at = antispam.read_stamp(request.POST.get("stamp"))
    if submission is not None:
        if key != submission.access_key:
            raise antispam.Refused(_("This form belongs to another application."))
        return key, submission
    found = Submission.objects.filter(access_key=key).first()
    if found is not None and found.call_id != call.pk:
        raise antispam.Refused(_("This form belongs to another application."))
    # Robots fill in new forms at once; a saved application was opened by a person.
    antispam.check_fill_time(shown_at)
    return key, found


def post_forms(request, call, submission, action):
    sent = submission is not None and submission.status != SubmissionStatus.DRAFT
    complete = action == "send" or sent
    return build_forms(call, submission, request.POST, request.FILES, complete=complete)


def save_sent(request, submission, forms, valid, stay=False):
    """`stay`: back to the form (a language switch) rather than to the status page."""
    if not valid:
        note = _("Your changes are not saved yet: correct what is marked below.")
        return render_form(request, submission.call, submission, forms, refusal=note, status=400)
    services.update_sent_application(submission=submission, forms=forms)
    messages.success(request, _("Your changes are saved."))
    return redirect(
        "applications:edit" if stay else "applications:status", key=submission.access_key
    )


def email_draft_link(request, submission, previous_email):
    """Send the draft's private link when there is a new address to send it to."""
    if not submission.contact_email or submission.contact_email == previous_email:
        return ""
    try:
        antispam.hit_rate_limit(request, "draft_email", settings.APPLICATION_DRAFT_EMAIL_LIMIT)
    except antispam.RateLimited:
        return _("Too many e-mails were sent from your connection: keep the address of this page.")
    services.send_draft_link(submission, request.build_absolute_uri)
    return _("We e-mailed the link to come back to it to %(email)s.") % {
        "email": submission.contact_email
    }


def render_form(
    request, call, submission, forms, refusal="", status=200, stamp_key=None, files_kept=False
):
    """The form; after a refused POST, with what was typed, the files stored, and the
    names of the files received but not kept (`files_kept` False), to be chosen again."""
    answers, referents, attachments = forms
    edit_url = reverse("applications:edit", args=[submission.access_key]) if submission else ""
    sections = []
    for anchor, title, intro, names in SECTIONS:
        sections.append(
            {
                "anchor": anchor,
                "title": title,
                "intro": intro,
                "fields": [answers[n] for n in names],
            }
        )
    context = {
        "call": call,
        "submission": submission,
        "sections": sections,
        "answers": answers,
        "referents": referents,
        "attachments": attachments,
        "errors": error_summary(forms),
        "files_not_kept": [] if files_kept else attachments.received_files(),
        "form_action": edit_url or request.path,
        # A draft without a valid address got no e-mail: its link is shown instead.
        "private_link": (
            request.build_absolute_uri(edit_url)
            if edit_url and not submission.contact_email
            else ""
        ),
        "refusal": refusal,
        "stamp": antispam.form_stamp(
            stamp_key or (submission.access_key if submission else new_access_key())
        ),
        "honeypot": antispam.HONEYPOT_FIELD,
        "sent": submission is not None and submission.status != SubmissionStatus.DRAFT,
        "now": timezone.now(),
        "is_open": services.can_edit(submission) if submission else call.is_open,
        "breadcrumb": [
            seasons_crumb(),
            (call.season.get_absolute_url(), call.season.title),
            (call.get_absolute_url(), call.title),
        ],
    }
    if context["is_open"] or answers.is_bound:  # the page shows the form
        context["language_switch_form"] = form_language.FORM_ID
    return render(request, "seasons/application_form.html", context, status=status)


def error_summary(forms):
    """[(anchor, label, message)] of every error, in the order of the page."""
    answers, referents, attachments = forms
    summary = []
    for form in [answers, *referents, attachments]:
        if not form.is_bound:
            continue
        prefix = ""
        if isinstance(form, ReferentForm):
            prefix = _("Referent %(position)d") % {"position": int(form.prefix[-1])} + " — "
        for name, errors in form.errors.items():
            if name == "__all__":
                summary += [("section-pieces-jointes", _("Attachments"), e) for e in errors]
                continue
            bound = form[name]
            anchor = bound.id_for_label or bound.auto_id
            summary += [(anchor, f"{prefix}{bound.label}", e) for e in errors]
    return summary


@private_page()
def sent(request, key):
    submission = get_submission(key)
    if submission.status == SubmissionStatus.DRAFT:
        return redirect("applications:edit", key=key)
    return render(
        request,
        "seasons/application_sent.html",
        {"submission": submission, "call": submission.call},
    )


@private_page()
def status(request, key):
    submission = get_submission(key)
    submission_with_answers = Submission.objects.prefetch_related("referents", "attachments").get(
        pk=submission.pk
    )
    return render(
        request,
        "seasons/application_status.html",
        {
            "submission": submission,
            "call": submission.call,
            "summary": summarize(submission_with_answers),
            "can_edit": services.can_edit(submission),
            "can_withdraw": services.can_withdraw(submission),
        },
    )


@require_http_methods(["GET", "POST"])
@private_page(FORM_PAGE)
def withdraw(request, key):
    submission = get_submission(key)
    if request.method == "POST":
        try:
            services.withdraw(submission, request.build_absolute_uri)
        except workflow.TransitionRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request, _("Your application is withdrawn. We sent you a confirmation.")
            )
        return redirect("applications:status", key=key)
    if not services.can_withdraw(submission):
        messages.info(request, _("This application cannot be withdrawn any more."))
        return redirect("applications:status", key=key)
    return render(
        request,
        "seasons/application_withdraw.html",
        {"submission": submission, "call": submission.call},
    )


def questions(request, season_slug, slug):
    """Every question and attachment of the form, readable before starting."""
    call = get_call(season_slug, slug)
    forms = build_forms(call, None, complete=True)
    answers, referents, attachments = forms
    context = {
        "call": call,
        "sections": [
            {
                "anchor": anchor,
                "title": title,
                "intro": intro,
                "fields": [answers[n] for n in names],
            }
            for anchor, title, intro, names in SECTIONS
        ],
        "referent": referents[0],
        "attachments": attachments,
        "breadcrumb": [
            seasons_crumb(),
            (call.season.get_absolute_url(), call.season.title),
            (call.get_absolute_url(), call.title),
        ],
        "apply_url": reverse("seasons:apply", args=[call.season.slug, call.slug]),
    }
    return render(request, "seasons/call_questions.html", context)
