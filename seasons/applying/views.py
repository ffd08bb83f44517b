"""The application form's pages: a new application, its editing, the list of questions.

No account: a private link (the application's access key) opens an application. The
views parse the request, call `seasons.applying.services`, and render; they never write.
The other pages behind the private link are in `private_pages`.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..call_forms.eligibility import carried_answers
from ..calls.views import seasons_crumb
from ..models import Call, Submission, SubmissionStatus
from ..models.submission import new_access_key
from . import antispam, form_language, own_form, services
from .attachment_form import AttachmentsForm
from .forms import SECTIONS, ApplicationForm, ReferentForm
from .own_form import ApplicantForm
from .private_pages import FORM_PAGE, get_submission, private_page


def get_call(season_slug, slug):
    return get_object_or_404(
        Call.objects.published().select_related("season"), season__slug=season_slug, slug=slug
    )


@require_http_methods(["GET", "POST"])
@private_page(FORM_PAGE)
def apply(request, season_slug, slug):
    call = get_call(season_slug, slug)
    if request.method == "POST":
        return post_form(request, call, submission=None)
    forms = build_forms(call, None)
    if isinstance(forms, ApplicantForm) and call.is_open:
        # The eligibility step comes first; its accepted answers arrive in the address.
        carried = carried_answers(forms.definition, request.GET)
        if carried is None:
            return redirect("seasons:eligibility", call.season.slug, call.slug)
        forms.initial.update(carried)
    return render_form(request, call, None, forms, stamp_key=new_access_key())


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
    """The call's own form when it has one (`own_form`), else the season-2 forms:
    (answers, referents, attachments)."""
    definition = own_form.definition_of(call)
    if definition is not None:
        return ApplicantForm(definition, data, files, submission=submission, complete=complete)
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
    if isinstance(forms, ApplicantForm):
        return forms.is_valid()
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
    """Check the stamp, the honeypot and the call, then one outcome: the sent application
    changed, the application sent, or the draft saved (each below)."""
    action = "draft" if switching else request.POST.get("action", "draft")
    if switching and submission is None:
        blank = post_forms(request, call, None, action)
        if not form_language.answered(blank, request.FILES):
            return redirect(request.path)  # nothing typed: no draft to keep
    try:
        key, submission = stamped_submission(request, call, submission)
        antispam.check_honeypot(request.POST)
        if is_sent(submission) and action == "send":
            # A double click or a replayed POST: the application is already sent.
            return redirect("applications:sent", key=submission.access_key)
        services.check_call_open(call)
        # Built once the application is known, so that its stored files count as attached.
        forms = post_forms(request, call, submission, action)
        valid = all_valid(forms)
        if action == "send" and valid:
            # Only a send that goes through counts: a person correcting errors is not.
            antispam.hit_rate_limit(request, "submit", settings.APPLICATION_SUBMIT_LIMIT)
        if is_sent(submission):
            return save_sent(request, submission, forms, valid, stay=switching)
        if action == "send" and valid:
            return send(request, call, key, submission, forms)
        return save_draft(request, call, key, submission, forms, valid, action)
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


def is_sent(submission):
    return submission is not None and submission.status != SubmissionStatus.DRAFT


def send(request, call, key, submission, forms):
    submission = services.send_application(
        call=call,
        access_key=key,
        submission=submission,
        forms=forms,
        language=translation.get_language(),
        absolute=request.build_absolute_uri,
    )
    return redirect("applications:sent", key=submission.access_key)


def save_draft(request, call, key, submission, forms, valid, action):
    """Saved even when some answers are refused: those are shown to be corrected."""
    previous_email = submission.contact_email if submission else ""
    submission = services.save_draft(
        call=call,
        access_key=key,
        submission=submission,
        forms=forms,
        language=translation.get_language(),
    )
    email_note = email_draft_link(request, submission, previous_email)
    if valid:
        messages.success(request, _("Your draft is saved.") + " " + email_note)
        return redirect("applications:edit", key=submission.access_key)
    if action == "send":
        note = _("Your application is not sent yet: correct what is marked below.")
    else:
        note = _("Your draft is saved, except the answers marked below.")
    files = forms if isinstance(forms, ApplicantForm) else forms[2]
    files.show_stored({a.kind: a for a in submission.attachments.all()})
    files_kept = not files.non_field_errors()
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
    complete = action == "send" or is_sent(submission)
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
    edit_url = reverse("applications:edit", args=[submission.access_key]) if submission else ""
    context = {
        "call": call,
        "submission": submission,
        **form_context(forms, files_kept),
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
        "sent": is_sent(submission),
        "now": timezone.now(),
        "is_open": services.can_edit(submission) if submission else call.is_open,
        "breadcrumb": call_crumbs(call),
    }
    if context["is_open"] or context["answers"].is_bound:  # the page shows the form
        context["language_switch_form"] = form_language.FORM_ID
    return render(request, "seasons/application_form.html", context, status=status)


def form_context(forms, files_kept):
    """What the page shows of the forms: sections, fields, errors, files not kept."""
    if isinstance(forms, ApplicantForm):
        return {
            "own_form": True,
            "sections": forms.sections(),
            "answers": forms,
            "errors": forms.error_list() if forms.is_bound else [],
            "files_not_kept": [] if files_kept else forms.received_files(),
        }
    answers, referents, attachments = forms
    return {
        "sections": form_sections(answers),
        "answers": answers,
        "referents": referents,
        "attachments": attachments,
        "errors": error_summary(forms),
        "files_not_kept": [] if files_kept else attachments.received_files(),
    }


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


def questions(request, season_slug, slug):
    """Every question and attachment of the form, readable before starting."""
    call = get_call(season_slug, slug)
    forms = build_forms(call, None, complete=True)
    if isinstance(forms, ApplicantForm):
        page = {"own_form": True, "sections": forms.sections()}
    else:
        answers, referents, attachments = forms
        page = {
            "sections": form_sections(answers),
            "referent": referents[0],
            "attachments": attachments,
        }
    context = {
        "call": call,
        **page,
        "breadcrumb": call_crumbs(call),
        "apply_url": reverse("seasons:apply", args=[call.season.slug, call.slug]),
    }
    return render(request, "seasons/call_questions.html", context)


def form_sections(answers):
    """The form's sections, each with its bound fields, in the order of the page."""
    return [
        {"anchor": anchor, "title": title, "intro": intro, "fields": [answers[n] for n in names]}
        for anchor, title, intro, names in SECTIONS
    ]


def call_crumbs(call):
    return [
        seasons_crumb(),
        (call.season.get_absolute_url(), call.season.title),
        (call.get_absolute_url(), call.title),
    ]
