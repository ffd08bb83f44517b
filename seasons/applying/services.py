"""The applicant's side of an application: drafts, sending, editing and withdrawing.

The views parse the request and call these functions; every write happens here, inside
one transaction per action, so a failure half-way leaves nothing half-saved. Status
changes go through `seasons.selection.workflow.change_status`.
"""

from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accelerator.dates import format_moment

from .. import outbox, private_links
from ..models import (
    Attachment,
    CallState,
    EmailKind,
    Referent,
    Submission,
    SubmissionStatus,
)
from ..selection import workflow
from . import own_form, stored_answers
from .answers import summarize


class ApplicationClosed(Exception):
    """The call does not take applications now; the message says since or until when."""


def check_call_open(call, when=None):
    when = when or timezone.now()
    state = call.state_at(when)
    if state == CallState.UPCOMING:
        raise ApplicationClosed(
            _("This call opens on %(moment)s: nothing can be sent or saved before.")
            % {"moment": format_moment(call.opens_at)}
        )
    if state == CallState.CLOSED:
        raise ApplicationClosed(
            _("This call closed on %(moment)s: nothing more can be sent or changed.")
            % {"moment": format_moment(call.closes_at)}
        )


def can_edit(submission, when=None):
    """Drafts, and applications sent but not yet examined, while the call is open."""
    editable = submission.status in (SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED)
    return editable and submission.call.state_at(when or timezone.now()) == CallState.OPEN


def can_withdraw(submission):
    """Before the final decision. A selected applicant declines the award instead
    (`selection.award.decline`), which passes the place on."""
    return submission.status != SubmissionStatus.SELECTED and workflow.can_change(
        submission, SubmissionStatus.WITHDRAWN, workflow.Actor.APPLICANT
    )


def links(submission):
    """The applicant's private links as placeholders: the e-mail row never holds the key,
    the sender builds the links (`private_links`)."""
    return {
        "status_url": private_links.placeholder("status", submission),
        "edit_url": private_links.placeholder("edit", submission),
    }


def link_base(absolute):
    """Scheme and host of this site (`absolute` is `request.build_absolute_uri`)."""
    return absolute("/").rstrip("/")


@contextmanager
def atomic_with_files():
    """A transaction that also undoes the files it stored: a rollback undoes rows, not
    files, and an applicant's document must not stay on disk without its row. Yields the
    list where `replace_attachment` records each file it stores."""
    new_files = []
    try:
        with transaction.atomic():
            yield new_files
    except BaseException:
        for file in new_files:
            file.delete(save=False)
        raise


def save_draft(*, call, access_key, submission, forms, language):
    """Write every valid answer of `forms` into the draft, creating it if needed.

    An answer that did not pass its checks keeps its previous value; the form shows the
    problem. Returns the submission.
    """
    check_call_open(call)
    with atomic_with_files() as new_files:
        if submission is None:
            submission = create_draft(call, access_key, language)
        else:
            submission = lock(submission)
            if submission.status != SubmissionStatus.DRAFT:
                # Sent from another tab meanwhile: a draft save must not touch it.
                raise ApplicationClosed(
                    _("This application was sent meanwhile: change it from its page.")
                )
        write_answers(submission, forms, new_files)
    return submission


def lock(submission):
    """The row as it is now, locked until the transaction ends, with the call (and its
    season) the caller already has. Only the application's row is locked: locking the
    call's too (`FOR UPDATE` of a join) would queue every sending of a call behind the
    one before until its commit."""
    locked = Submission.objects.select_for_update(of=("self",)).get(pk=submission.pk)
    locked.call = submission.call
    return locked


def create_draft(call, access_key, language):
    """A new draft under the form's key; a replay of the same form finds the first one."""
    try:
        with transaction.atomic():
            return Submission.objects.create(call=call, access_key=access_key, language=language)
    except IntegrityError:
        return Submission.objects.select_for_update().get(access_key=access_key, call=call)


def create_with_answers(call, access_key, language, forms, new_files):
    """A new application sent at once, without a draft before: its row made with its
    answers in one INSERT (one version in the history), then its referents and files,
    none to look for or replace. A replay of the same form that created the row first
    gets that row, locked, its answers written as for a draft (if it is still one).

    The rows written are kept on the application (as `prefetch_related` would), so that
    the confirmation's summary reads them without asking the database again."""
    submission = Submission(call=call, access_key=access_key, language=language)
    if isinstance(forms, own_form.ApplicantForm):
        submission.answers = forms.stored_answers(submission.answers)
        for name, value in own_form.typed_columns(submission.answers).items():
            setattr(submission, name, value)
        referents, files = [], forms.valid_files()
    else:
        answers, referent_forms, attachments = forms
        for name, value in answers.cleaned_data.items():
            setattr(submission, name, value)
        referents = [
            Referent(submission=submission, position=position, **form.cleaned_data)
            for position, form in enumerate(referent_forms, start=1)
            if form.has_answers()
        ]
        submission.answers = stored_answers.from_columns(
            submission,
            [{n: getattr(r, n) for n in stored_answers.REFERENT_FIELDS} for r in referents],
        )
        files = {} if attachments.non_field_errors() else attachments.valid_files()
    try:
        with transaction.atomic():
            submission.save(force_insert=True)
    except IntegrityError:
        submission = Submission.objects.select_for_update(of=("self",)).get(
            access_key=access_key, call=call
        )
        submission.call = call
        if submission.status == SubmissionStatus.DRAFT:
            write_answers(submission, forms, new_files)
        return submission
    for referent in referents:
        store_referent(referent)
    stored = [
        store_attachment(submission, kind, uploaded, file_type, new_files)
        for kind, (uploaded, file_type) in files.items()
    ]
    submission._prefetched_objects_cache = {
        "referents": referents,
        "attachments": sorted(stored, key=lambda a: (a.kind, a.pk)),
    }
    return submission


def write_answers(submission, forms, new_files):
    if isinstance(forms, own_form.ApplicantForm):
        write_own_form_answers(submission, forms, new_files)
        return
    answers, referents, attachments = forms
    for name, value in answers.cleaned_data.items():
        setattr(submission, name, value)
    rows = [write_referent(submission, n, form) for n, form in enumerate(referents, start=1)]
    # The columns and `answers` in step (`stored_answers`): one place to read them all.
    submission.answers = stored_answers.from_columns(
        submission,
        [{name: getattr(r, name) for name in stored_answers.REFERENT_FIELDS} for r in rows if r],
    )
    # The answers only: the status, reference and dates belong to the workflow.
    submission.save(update_fields=[*answers.cleaned_data, "answers", "updated_at"])
    if not attachments.non_field_errors():
        for kind in attachments.removed():
            remove_attachment(submission, kind)
        for kind, (uploaded, file_type) in attachments.valid_files().items():
            replace_attachment(submission, kind, uploaded, file_type, new_files)


def write_own_form_answers(submission, form, new_files):
    """The answers of a call's own form, the typed columns read from them, its files."""
    submission.answers = form.stored_answers(submission.answers)
    typed = own_form.typed_columns(submission.answers)
    for name, value in typed.items():
        setattr(submission, name, value)
    submission.save(update_fields=["answers", *typed, "updated_at"])
    if form.non_field_errors():
        return  # too heavy together: no file is stored, the page says which to choose again
    for name in form.files_to_remove():
        remove_attachment(submission, name)
    for name, (uploaded, file_type) in form.valid_files().items():
        replace_attachment(submission, name, uploaded, file_type, new_files)


def write_referent(submission, position, form):
    """The referent at `position` as the form says (deleted when emptied), or None."""
    referent = submission.referents.filter(position=position).first()
    if not form.has_answers():
        if referent:
            referent.delete()
        return None
    referent = referent or Referent(submission=submission, position=position)
    for name, value in form.cleaned_data.items():
        setattr(referent, name, value)
    store_referent(referent)
    return referent


def store_referent(referent):
    referent.save()


def remove_attachment(submission, kind):
    """Delete the stored file of this kind; the file leaves the disk once committed."""
    for old in submission.attachments.filter(kind=kind):
        stored = old.file
        old.delete()
        transaction.on_commit(lambda stored=stored: stored.delete(save=False))


def replace_attachment(submission, kind, uploaded, file_type, new_files):
    remove_attachment(submission, kind)
    store_attachment(submission, kind, uploaded, file_type, new_files)


def store_attachment(submission, kind, uploaded, file_type, new_files):
    attachment = Attachment.objects.create(
        submission=submission,
        kind=kind,
        file=uploaded,
        original_name=uploaded.name[:255],
        size=uploaded.size,
        content_type=file_type.content_type,
    )
    new_files.append(attachment.file)
    return attachment


def send_application(*, call, access_key, submission, forms, language, absolute):
    """Save the complete answers and send the application, in one transaction.

    The call is checked again at this moment; the reference is given; the confirmation
    e-mail (reference, summary, private link) is queued. A replay of the same form finds
    the application already sent and changes nothing. Returns the submission.
    """
    with atomic_with_files() as new_files:
        check_call_open(call)
        if submission is None:
            submission = create_with_answers(call, access_key, language, forms, new_files)
        else:
            submission = lock(submission)
            if submission.status == SubmissionStatus.DRAFT:
                write_answers(submission, forms, new_files)
        if submission.status != SubmissionStatus.DRAFT:
            return submission  # a double click or a replayed POST: already sent
        try:
            # The row is ours until the commit: created here, or locked above.
            workflow.change_status(
                submission, SubmissionStatus.SUBMITTED, actor=workflow.Actor.APPLICANT, locked=True
            )
        except workflow.TransitionConflict:
            submission.refresh_from_db()
            return submission
        # The summary from the form just read: the definition is not read a second time.
        own = forms.definition if isinstance(forms, own_form.ApplicantForm) else None
        summary = summarize(submission, definition=own)
        queue_applicant_email(
            submission, EmailKind.CONFIRMATION, "confirmation", absolute, summary=summary
        )
    return submission


def update_sent_application(*, submission, forms):
    """Replace the answers of an application already sent (complete answers only)."""
    with atomic_with_files() as new_files:
        check_call_open(submission.call)
        submission = lock(submission)
        if not can_edit(submission):
            raise ApplicationClosed(
                _("This application is being examined: its answers can no longer be changed.")
            )
        write_answers(submission, forms, new_files)
    return submission


def withdraw(submission, absolute):
    """Withdraw the application for good and confirm it by e-mail."""
    if submission.status == SubmissionStatus.SELECTED:
        raise workflow.TransitionRefused(
            _("A selected application is not withdrawn: decline the award instead.")
        )
    with transaction.atomic():
        workflow.change_status(
            submission,
            SubmissionStatus.WITHDRAWN,
            actor=workflow.Actor.APPLICANT,
            reason=_("Withdrawn by the applicant."),
        )
        queue_applicant_email(submission, EmailKind.WITHDRAWAL, "withdrawal", absolute)
    return submission


def send_draft_link(submission, absolute):
    """E-mail the private link of a draft to its contact address."""
    with transaction.atomic():
        return queue_applicant_email(submission, EmailKind.DRAFT_LINK, "draft_link", absolute)


def queue_applicant_email(submission, kind, template, absolute, **extra):
    if not submission.contact_email:
        return None
    context = {"submission": submission, "call": submission.call, **links(submission), **extra}
    return outbox.queue_email(
        kind=kind,
        to=submission.contact_email,
        template=f"seasons/emails/{template}",
        context=context,
        language=submission.language,
        submission=submission,
        link_base=link_base(absolute),
    )


def send_links_again(email, absolute):
    """E-mail the private links of every application made with this address, or nothing
    when there is none: the page says the same either way, so it reveals nobody."""
    submissions = list(
        Submission.objects.filter(contact_email__iexact=email.strip())
        .select_related("call")
        .order_by("-created_at")
    )
    if not submissions:
        return None
    context = {
        "applications": [(s, links(s)) for s in submissions],
        "email": email,
    }
    with transaction.atomic():
        return outbox.queue_email(
            kind=EmailKind.LINKS,
            to=submissions[0].contact_email,
            template="seasons/emails/links",
            context=context,
            language=submissions[0].language,
            link_base=link_base(absolute),
        )
