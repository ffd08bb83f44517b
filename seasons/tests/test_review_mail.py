"""Reviewers' e-mails: one digest per assignment batch, reminders sent once each."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from accelerator.tests.staff import login_staff
from seasons.models import EmailKind, OutboundEmail, ReviewReminder, Submission
from seasons.selection import reviewing
from seasons.selection.review_mail import send_review_reminders
from seasons.selection.roles import PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import PARIS, CallFactory, ReviewFactory, SubmissionFactory
from seasons.tests.test_review import member_of, score_all
from seasons.tests.test_review_conflicts import declare_conflict

pytestmark = pytest.mark.django_db

DEADLINE = dt.datetime(2023, 10, 1, 18, 0, tzinfo=PARIS)
BASE = "https://aic.example.org"


def reviewer_with_email(username, first_name=""):
    user = member_of(REVIEWER, username)
    User.objects.filter(pk=user.pk).update(email=f"{username}@example.org", first_name=first_name)
    user.refresh_from_db()
    return user


def emails(kind):
    return list(OutboundEmail.objects.filter(kind=kind).order_by("to", "pk"))


def test_five_assignments_make_one_digest_per_reviewer():
    anne, bruno = reviewer_with_email("anne", "Anne"), reviewer_with_email("bruno")
    call = CallFactory(title="Communs 2023", review_deadline=DEADLINE)
    submissions = [
        SubmissionFactory(call=call, reference=f"AIC-2023-000{n}", organisation_name=f"Asso {n}")
        for n in range(1, 6)
    ]
    assert reviewing.assign(submissions, [anne, bruno], BASE) == 10
    digests = emails(EmailKind.REVIEW_ASSIGNMENT)
    assert [(e.to, e.subject) for e in digests] == [
        ("anne@example.org", "5 candidatures vous sont attribuées pour évaluation"),
        ("bruno@example.org", "5 candidatures vous sont attribuées pour évaluation"),
    ]
    assert digests[0].body == (
        "Bonjour Anne,\n\n"
        "5 candidatures vous ont été attribuées pour évaluation :\n"
        "- AIC-2023-0001 — Asso 1 (Communs 2023)\n"
        "- AIC-2023-0002 — Asso 2 (Communs 2023)\n"
        "- AIC-2023-0003 — Asso 3 (Communs 2023)\n"
        "- AIC-2023-0004 — Asso 4 (Communs 2023)\n"
        "- AIC-2023-0005 — Asso 5 (Communs 2023)\n\n"
        "Les évaluations de « Communs 2023 » sont attendues au plus tard le "
        "1 octobre 2023 18:00.\n\n"
        "Déclarez d’abord si vous avez un conflit d’intérêts avec chacune d’elles ; "
        "dans ce cas, la candidature est confiée à un autre évaluateur.\n\n"
        "Vos évaluations : https://aic.example.org/admin/seasons/review/?state=open\n\n"
        "— Accélérateur d’initiatives citoyennes\n"
    )


def test_a_second_batch_mails_only_what_is_new_and_nothing_when_nothing_is():
    anne = reviewer_with_email("anne")
    first, second = SubmissionFactory(), SubmissionFactory(reference="AIC-2023-0999")
    reviewing.assign([first], [anne], BASE)
    reviewing.assign([first, second], [anne], BASE)
    reviewing.assign([first, second], [anne], BASE)
    digests = emails(EmailKind.REVIEW_ASSIGNMENT)
    assert [e.subject for e in digests] == [
        "1 candidature vous est attribuée pour évaluation",
        "1 candidature vous est attribuée pour évaluation",
    ]
    assert "AIC-2023-0999" in digests[1].body and first.reference not in digests[1].body


def test_a_reviewer_without_address_gets_no_digest():
    reviewing.assign([SubmissionFactory()], [member_of(REVIEWER, "sans-adresse")], BASE)
    assert emails(EmailKind.REVIEW_ASSIGNMENT) == []


def test_a_conflict_offered_to_another_reviewer_mails_them():
    anne, bruno = reviewer_with_email("anne"), reviewer_with_email("bruno")
    conflict = declare_conflict(ReviewFactory(reviewer=anne))
    reviewing.reassign(conflict, BASE)
    assert [
        (e.to, conflict.submission.reference in e.body) for e in emails("review_assignment")
    ] == [(bruno.email, True)]


def test_assigning_from_the_admin_mails_each_reviewer_once_with_the_sites_address(client):
    anne, bruno = reviewer_with_email("anne"), reviewer_with_email("bruno")
    submissions = SubmissionFactory.create_batch(3)
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    client.post(
        reverse("admin:seasons_submission_changelist"),
        {
            "action": "assign_reviewers",
            "_selected_action": [s.pk for s in submissions],
            "confirm": "1",
            "reviewers": [anne.pk, bruno.pk],
        },
    )
    digests = emails(EmailKind.REVIEW_ASSIGNMENT)
    assert [e.to for e in digests] == [anne.email, bruno.email]
    assert "http://testserver/admin/seasons/review/?state=open" in digests[0].body


@pytest.fixture
def reviews():
    """Anne: one open, one done, one conflict; Bruno: one open. In a call due DEADLINE."""
    anne, bruno = reviewer_with_email("anne"), reviewer_with_email("bruno")
    call = CallFactory(review_deadline=DEADLINE)

    def review(reviewer, reference):
        submission = SubmissionFactory(call=call, reference=reference)
        return ReviewFactory(submission=submission, reviewer=reviewer)

    open_ = review(anne, "AIC-2023-0001")
    score_all(review(anne, "AIC-2023-0002"), 3)
    declare_conflict(review(anne, "AIC-2023-0003"))
    review(bruno, "AIC-2023-0004")
    OutboundEmail.objects.all().delete()
    return anne, bruno, open_


def test_no_reminder_earlier_than_three_days_before_the_deadline(reviews):
    summary = send_review_reminders(DEADLINE - dt.timedelta(days=3, minutes=1), BASE)
    assert (summary.emails, emails(EmailKind.REVIEW_REMINDER)) == (0, [])


def test_reminders_three_days_before_only_for_open_reviews_and_once(reviews):
    anne, bruno, _open = reviews
    moment = DEADLINE - dt.timedelta(days=3)
    first = send_review_reminders(moment, BASE)
    again = send_review_reminders(moment + dt.timedelta(hours=6), BASE)
    sent = emails(EmailKind.REVIEW_REMINDER)
    assert [(e.to, e.subject) for e in sent] == [
        (anne.email, "1 évaluation à terminer"),
        (bruno.email, "1 évaluation à terminer"),
    ]
    # Neither the done review nor the conflict of interest is reminded.
    assert "AIC-2023-0001" in sent[0].body
    assert ("AIC-2023-0002" in sent[0].body, "AIC-2023-0003" in sent[0].body) == (False, False)
    assert "La date limite des évaluations approche pour :" in sent[0].body
    assert (first.emails, first.due_soon, first.overdue) == (2, 2, 0)
    assert (again.emails, again.already_sent) == (0, 2)


def test_once_overdue_a_second_reminder_leaves_once(reviews):
    _anne, _bruno, open_ = reviews
    send_review_reminders(DEADLINE - dt.timedelta(days=1), BASE)
    score_all(open_, 4)  # Anne finishes hers: only Bruno is late.
    late = send_review_reminders(DEADLINE, BASE)
    send_review_reminders(DEADLINE + dt.timedelta(days=2), BASE)
    overdue = emails(EmailKind.REVIEW_REMINDER)[2:]
    assert (late.emails, late.overdue, [e.to for e in overdue]) == (1, 1, ["bruno@example.org"])
    assert "La date limite des évaluations est passée pour :" in overdue[0].body
    assert ReviewReminder.objects.count() == 3


def test_withdrawn_applications_and_calls_without_deadline_are_not_reminded(reviews):
    _anne, bruno, open_ = reviews
    Submission.objects.filter(pk=open_.submission_id).update(status="withdrawn")
    ReviewFactory(reviewer=bruno)  # in a call without deadline
    summary = send_review_reminders(DEADLINE, BASE)
    assert [e.to for e in emails(EmailKind.REVIEW_REMINDER)] == [bruno.email]
    assert summary.overdue == 1


def test_the_command_says_what_it_did_and_nothing_more_on_a_second_run(reviews, capsys):
    call_command("send_review_reminders", "--at", "2023-10-02T09:00", "--site-url", BASE + "/")
    call_command("send_review_reminders", "--at", "2023-10-02T10:00", "--site-url", BASE)
    first, second = capsys.readouterr().out.splitlines()
    assert first == (
        "Rappels d’évaluation : 2 courriel(s) envoyé(s) pour 0 évaluation(s) attendue(s) "
        "dans les 3 jours et 2 en retard ; 0 déjà rappelée(s) ; 0 sans adresse électronique "
        "d’évaluateur."
    )
    assert second.startswith("Rappels d’évaluation : 0 courriel(s) envoyé(s)")
    assert "https://aic.example.org/admin/seasons/review/?state=open" in (
        emails(EmailKind.REVIEW_REMINDER)[0].body
    )
