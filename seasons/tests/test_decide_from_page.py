"""A decision taken from an application's own page: the bulk action's rights, page and
domain function, for one application."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from accelerator.tests.staff import login_staff
from seasons.models import EmailKind, EmailStatus, OutboundEmail, Submission, SubmissionStatus
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import ReviewFactory, SubmissionFactory
from seasons.tests.test_decisions import transition_of
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db

S = SubmissionStatus


def change_url(submission):
    return reverse("admin:seasons_submission_change", args=[submission.pk])


def decide_url(pk, to_status):
    return reverse("admin:seasons_submission_decide", args=[pk, to_status])


@pytest.fixture
def manager(client):
    user = member_of(PROGRAM_MANAGER, "responsable")
    login_staff(client, user)
    return user


def offered(html):
    """The decisions the page offers: [(label, url)]."""
    if 'id="decide"' not in html:
        return []
    block = html.split('id="decide"')[1].split("</fieldset>")[0]
    found = []
    for item in block.split('<a class="button" href="')[1:]:
        url, rest = item.split('">', 1)
        found.append((rest.split("</a>")[0], url))
    return found


def test_the_page_offers_the_staff_moves_from_the_current_status(client, manager):
    shortlisted = SubmissionFactory(status=S.SHORTLISTED)
    html = client.get(change_url(shortlisted)).content.decode()
    assert "Décider (actuellement « présélectionnée »)" in html
    assert offered(html) == [
        ("Retenir", decide_url(shortlisted.pk, S.SELECTED)),
        ("Mettre en liste d’attente", decide_url(shortlisted.pk, S.WAITLISTED)),
        ("Ne pas retenir", decide_url(shortlisted.pk, S.REJECTED)),
    ]
    submitted = SubmissionFactory(status=S.SUBMITTED)
    assert [
        label for label, _url in offered(client.get(change_url(submitted)).content.decode())
    ] == [
        "Passer en instruction",
        "Ne pas retenir",
    ]
    # A final decision leaves nothing to decide.
    rejected = SubmissionFactory(status=S.REJECTED)
    assert offered(client.get(change_url(rejected)).content.decode()) == []


def test_a_decision_asks_for_confirmation_then_changes_logs_and_drafts_the_email(client, manager):
    submission = SubmissionFactory(status=S.IN_REVIEW, contact_email="porteur@example.org")
    page = client.get(decide_url(submission.pk, S.SHORTLISTED))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Cette candidature deviendra « présélectionnée » :" in html
    assert f'<a href="{change_url(submission)}" class="button cancel-link">Annuler</a>' in html
    assert Submission.objects.get(pk=submission.pk).status == S.IN_REVIEW
    response = client.post(
        decide_url(submission.pk, S.SHORTLISTED),
        {"confirm": "1", "reason": "Dossier solide", "draft_emails": "on"},
    )
    assert (response.status_code, response["Location"]) == (302, change_url(submission))
    submission.refresh_from_db()
    assert submission.status == S.SHORTLISTED
    assert transition_of(submission) == (S.IN_REVIEW, S.SHORTLISTED, "Dossier solide", manager)
    assert submission.history.first().history_change_reason == "Dossier solide"
    email = OutboundEmail.objects.get()
    assert (email.kind, email.status, email.to) == (
        EmailKind.DECISION,
        EmailStatus.DRAFT,
        "porteur@example.org",
    )
    assert mail.outbox == []
    html = client.get(change_url(submission)).content.decode()
    assert "1 candidature modifiée, 1 courriel préparé dans la boîte d’envoi." in html


def test_a_refused_move_is_explained_and_never_applied(client, manager):
    submission = SubmissionFactory(status=S.SUBMITTED)
    for method in (client.get, client.post):
        page = method(decide_url(submission.pk, S.SELECTED), {"confirm": "1"})
        html = page.content.decode()
        assert page.status_code == 200
        assert "Une candidature « déposée » ne peut pas devenir « retenue »." in html
        assert 'name="confirm"' not in html
        assert "Revenir à la candidature" in html
    page = client.post(decide_url(submission.pk, S.WITHDRAWN), {"confirm": "1"})
    assert "Seul le candidat peut faire ce changement." in page.content.decode()
    assert Submission.objects.get(pk=submission.pk).status == S.SUBMITTED
    assert not submission.transitions.exists()


def test_a_status_that_does_not_exist_or_an_application_that_does_not_is_a_404(client, manager):
    submission = SubmissionFactory(status=S.IN_REVIEW)
    assert client.get(decide_url(submission.pk, "promoted")).status_code == 404
    assert client.post(decide_url(999_999, S.SHORTLISTED), {"confirm": "1"}).status_code == 404


def test_a_status_changed_meanwhile_is_a_warning_not_an_error(client, manager):
    submission = SubmissionFactory(status=S.IN_REVIEW)
    client.get(decide_url(submission.pk, S.SHORTLISTED))
    # A colleague rejects it before the confirmation.
    Submission.objects.filter(pk=submission.pk).update(status=S.REJECTED)
    page = client.post(decide_url(submission.pk, S.SHORTLISTED), {"confirm": "1"})
    assert page.status_code == 200
    assert "Une candidature « non retenue » ne peut pas devenir « présélectionnée »." in (
        page.content.decode()
    )
    assert Submission.objects.get(pk=submission.pk).status == S.REJECTED


@pytest.mark.parametrize("role", [OBSERVER, REVIEWER])
def test_observers_and_reviewers_get_no_buttons_and_cannot_decide_by_guessed_posts(client, role):
    user = member_of(role, "personne")
    submission = SubmissionFactory(status=S.IN_REVIEW)
    ReviewFactory(submission=submission, reviewer=user)
    login_staff(client, user)
    page = client.get(change_url(submission))
    assert page.status_code == 200
    assert offered(page.content.decode()) == []
    assert client.get(decide_url(submission.pk, S.SHORTLISTED)).status_code == 403
    response = client.post(
        decide_url(submission.pk, S.SHORTLISTED), {"confirm": "1", "draft_emails": "on"}
    )
    assert response.status_code == 403
    assert Submission.objects.get(pk=submission.pk).status == S.IN_REVIEW
    assert OutboundEmail.objects.count() == 0


def test_a_reviewer_gets_the_same_404_for_an_application_not_theirs_and_a_missing_one(client):
    reviewer = member_of(REVIEWER, "evaluatrice")
    login_staff(client, reviewer)
    not_theirs = SubmissionFactory(status=S.IN_REVIEW)
    for pk in (not_theirs.pk, 999_999):
        assert client.post(decide_url(pk, S.SHORTLISTED), {"confirm": "1"}).status_code == 404
    assert Submission.objects.get(pk=not_theirs.pk).status == S.IN_REVIEW


def test_anonymous_visitors_are_sent_to_the_sign_in_page(client):
    submission = SubmissionFactory(status=S.IN_REVIEW)
    response = client.post(decide_url(submission.pk, S.SHORTLISTED), {"confirm": "1"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert Submission.objects.get(pk=submission.pk).status == S.IN_REVIEW


def test_a_superuser_decides_from_the_page(client):
    root = get_user_model().objects.create_superuser("racine", "r@example.org", "pw")
    login_staff(client, root)
    submission = SubmissionFactory(status=S.SHORTLISTED)
    html = client.get(change_url(submission)).content.decode()
    assert [label for label, _url in offered(html)] == [
        "Retenir",
        "Mettre en liste d’attente",
        "Ne pas retenir",
    ]
    client.post(decide_url(submission.pk, S.WAITLISTED), {"confirm": "1"})
    assert Submission.objects.get(pk=submission.pk).status == S.WAITLISTED
    assert OutboundEmail.objects.count() == 0  # the e-mail box was left unticked
