"""Staff write the feedback where they decline: the committee's outcomes page, an
application's decision page and its feedback page; every role, guessed ids included."""

import pytest
from django.urls import reverse

from accelerator.tests.staff import login_staff
from seasons import outbox
from seasons.models import DecisionFeedback, DocketItem, OutboundEmail, SubmissionStatus
from seasons.selection import committee, feedback
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.committee_helpers import make_session
from seasons.tests.factories import ReviewFactory, SubmissionFactory
from seasons.tests.test_committee_admin import outcome_data, queries, url
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db
S = SubmissionStatus
MISSING = 999_999
REFUSED = (
    "Seule une candidature non retenue reçoit un retour : videz ces champs ou choisissez "
    "« non retenue »."
)


@pytest.fixture
def manager(client):
    user = member_of(PROGRAM_MANAGER, "responsable")
    login_staff(client, user)
    return user


@pytest.fixture
def session():
    session = make_session()
    committee.assemble_docket(session)
    return session


def impact_key(call):
    return feedback.field_key(call.criteria.get(title="Impact"))


def feedback_field(item, key):
    return f"item{item.pk}-feedback-{key}"


def test_the_outcomes_page_records_the_feedback_of_a_declined_item(client, manager, session):
    page = client.get(url("outcomes", session.pk)).content.decode()
    item = session.items.get(position=2)
    impact = feedback_field(item, impact_key(session.call))
    assert f'<label for="id_{impact}">Impact\u00a0:</label>' in page
    assert (
        f'<label for="id_{feedback_field(item, "general")}">Remarque générale\u00a0:</label>'
        in page
    )
    data = outcome_data(
        session, {1: (S.SELECTED, None), 2: (S.REJECTED, None), 3: (S.REJECTED, None)}
    )
    data[impact] = "Trop local pour l’instant."
    data[feedback_field(item, "general")] = "Revenez l’an prochain."
    response = client.post(url("outcomes", session.pk), data)
    assert response.status_code == 302
    assert outbox.feedback_entries(item.submission) == [
        ("Impact", "Trop local pour l’instant."),
        (None, "Revenez l’an prochain."),
    ]
    # Shown again, unfolded, when the page is read again; the others stay folded.
    page = client.get(url("outcomes", session.pk)).content.decode()
    assert (page.count('<details class="feedback" open>'), page.count("<details")) == (1, 3)
    assert ">\nTrop local pour l’instant.</textarea>" in page
    assert client.post(url("close", session.pk), {"confirm": "1"}).status_code == 302
    body = OutboundEmail.objects.get(submission=item.submission).body
    assert (
        "Nos remarques sur votre candidature :\n- Impact : Trop local pour l’instant.\n"
        "- Remarque générale : Revenez l’an prochain.\n\n"
    ) in body


def test_feedback_on_an_item_not_declined_is_refused_beside_the_field_and_kept(
    client, manager, session
):
    item = session.items.get(position=1)
    impact = feedback_field(item, impact_key(session.call))
    data = outcome_data(session, {1: (S.SELECTED, None), 2: (S.REJECTED, None)})
    data[impact] = "Très bon dossier."
    response = client.post(url("outcomes", session.pk), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<ul class="errorlist" id="id_{impact}_error"><li>{REFUSED}</li></ul>' in html
    assert ">\nTrès bon dossier.</textarea>" in html
    assert html.count('<details class="feedback" open>') == 1
    assert "Aucune décision n’a été notée : corrigez ce qui est signalé ci-dessous." in html
    # All or nothing: not even the other item's outcome.
    assert not DocketItem.objects.exclude(decision="").exists()
    assert not DecisionFeedback.objects.exists()


def test_clearing_the_feedback_allows_another_decision(client, manager, session):
    item = session.items.get(position=2)
    impact = feedback_field(item, impact_key(session.call))
    data = outcome_data(session, {2: (S.REJECTED, None)})
    data[impact] = "Trop local."
    client.post(url("outcomes", session.pk), data)
    data = outcome_data(session, {2: (S.WAITLISTED, None)})
    data[impact] = ""
    assert client.post(url("outcomes", session.pk), data).status_code == 302
    assert DocketItem.objects.get(pk=item.pk).decision == S.WAITLISTED
    assert not DecisionFeedback.objects.exists()


def test_the_outcomes_page_costs_the_same_queries_with_feedback_on_1_and_30_items(client, manager):
    counts = []
    for title, size in [("Petit", 1), ("Grand", 30)]:
        session = make_session(title=title, scores=[n % 6 for n in range(size)])
        committee.assemble_docket(session)
        for item in session.items.all():
            feedback.write_feedback(
                item.submission,
                {impact_key(session.call): "Trop local.", "general": "Merci."},
                user=manager,
                decision=S.REJECTED,
            )
        client.get(url("outcomes", session.pk))
        counts.append(queries(client, url("outcomes", session.pk)))
    # As without feedback (test_committee_admin): the rubric and the feedback, once each
    # (and the members' declared conflicts).
    assert counts == [12, 12]


def decide_url(submission, to_status):
    return reverse("admin:seasons_submission_decide", args=[submission.pk, to_status])


def feedback_url(pk):
    return reverse("admin:seasons_submission_feedback", args=[pk])


def change_url(submission):
    return reverse("admin:seasons_submission_change", args=[submission.pk])


def test_declining_from_the_application_page_writes_the_feedback_into_the_email(client, manager):
    submission = SubmissionFactory(status=S.IN_REVIEW, reference="AIC-2024-0042")
    key = impact_key(submission.call)
    page = client.get(decide_url(submission, S.REJECTED)).content.decode()
    assert "<h2>Retour au candidat</h2>" in page
    assert f'<label for="id_feedback-{key}">Impact\u00a0:</label>' in page
    assert 'maxlength="600"' in page
    response = client.post(
        decide_url(submission, S.REJECTED),
        {"confirm": "1", "draft_emails": "on", f"feedback-{key}": "Trop local."},
    )
    assert (response.status_code, response["Location"]) == (302, change_url(submission))
    submission.refresh_from_db()
    assert submission.status == S.REJECTED
    assert outbox.feedback_entries(submission) == [("Impact", "Trop local.")]
    body = OutboundEmail.objects.get(submission=submission).body
    assert (
        "cette fois-ci.\n\nNos remarques sur votre candidature :\n- Impact : Trop local.\n\n"
        in (body)
    )
    html = client.get(change_url(submission)).content.decode()
    assert "Le courriel de décision non envoyé porte maintenant ce retour." in html
    assert '<dl id="feedback-entries">' in html and "<dd>Trop local.</dd>" in html


def test_too_long_a_feedback_keeps_everything_typed_and_decides_nothing(client, manager):
    submission = SubmissionFactory(status=S.IN_REVIEW)
    key = impact_key(submission.call)
    response = client.post(
        decide_url(submission, S.REJECTED),
        {"confirm": "1", "reason": "Hors champ", f"feedback-{key}": "x" * 601},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "600 caractères au plus (601 saisis) : raccourcissez ce texte." in html
    assert f">\n{'x' * 601}</textarea>" in html and ">\nHors champ</textarea>" in html
    submission.refresh_from_db()
    assert (submission.status, DecisionFeedback.objects.count()) == (S.IN_REVIEW, 0)


def test_other_decisions_ask_no_feedback(client, manager):
    submission = SubmissionFactory(status=S.SHORTLISTED)
    for to_status in (S.SELECTED, S.WAITLISTED):
        assert (
            "Retour au candidat"
            not in client.get(decide_url(submission, to_status)).content.decode()
        )


def test_the_feedback_page_lets_a_manager_change_the_feedback_of_a_declined_application(
    client, manager
):
    submission = SubmissionFactory(status=S.REJECTED)
    key = impact_key(submission.call)
    page = client.get(feedback_url(submission.pk)).content.decode()
    assert 'id="feedback-form"' in page
    response = client.post(feedback_url(submission.pk), {key: "Trop local.", "general": "Merci."})
    assert (response.status_code, response["Location"]) == (302, change_url(submission))
    assert outbox.feedback_entries(submission) == [("Impact", "Trop local."), (None, "Merci.")]
    html = client.get(change_url(submission)).content.decode()
    assert "Le retour est enregistré." in html
    assert f'<a class="button" href="{feedback_url(submission.pk)}">Écrire le retour</a>' in html


def test_the_feedback_page_refuses_feedback_to_an_application_not_declined(client, manager):
    submission = SubmissionFactory(status=S.SELECTED)
    page = client.get(feedback_url(submission.pk)).content.decode()
    assert "Seule une candidature non retenue reçoit un retour." in page
    assert 'id="feedback-form"' not in page
    response = client.post(feedback_url(submission.pk), {impact_key(submission.call): "Bien."})
    html = response.content.decode()
    assert response.status_code == 200
    assert REFUSED in html and ">\nBien.</textarea>" in html
    assert not DecisionFeedback.objects.exists()
    # Its page has no feedback block.
    assert 'id="feedback"' not in client.get(change_url(submission)).content.decode()


def test_an_observer_reads_the_feedback_and_cannot_write_it(client):
    submission = SubmissionFactory(status=S.REJECTED)
    writer = member_of(PROGRAM_MANAGER, "responsable")
    feedback.write_feedback(submission, {"general": "Merci."}, user=writer)
    login_staff(client, member_of(OBSERVER, "lecteur"))
    page = client.get(feedback_url(submission.pk)).content.decode()
    assert 'id="feedback-form"' not in page
    assert "<dt>Remarque générale</dt>" in page and "<dd>Merci.</dd>" in page
    assert client.post(feedback_url(submission.pk), {"general": "Autre."}).status_code == 403
    assert outbox.feedback_entries(submission) == [(None, "Merci.")]
    html = client.get(change_url(submission)).content.decode()
    assert "<dd>Merci.</dd>" in html and "Écrire le retour" not in html
    # The outcomes page stays a manager's.
    session = make_session(title="Lecture")
    assert client.get(url("outcomes", session.pk)).status_code == 403


def test_a_reviewer_never_sees_the_feedback(client):
    assigned = SubmissionFactory(status=S.REJECTED)
    other = SubmissionFactory(status=S.REJECTED)
    writer = member_of(PROGRAM_MANAGER, "responsable")
    for submission in (assigned, other):
        feedback.write_feedback(submission, {"general": "Merci."}, user=writer)
    reviewer = member_of(REVIEWER, "evaluatrice")
    ReviewFactory(submission=assigned, reviewer=reviewer)
    login_staff(client, reviewer)
    assert client.get(feedback_url(assigned.pk)).status_code == 403
    assert client.post(feedback_url(assigned.pk), {"general": "x"}).status_code == 403
    for pk in (other.pk, MISSING, "abc"):
        assert client.get(feedback_url(pk)).status_code == 404, pk
    html = client.get(change_url(assigned)).content.decode()
    assert "Merci." not in html and 'id="feedback"' not in html
    assert outbox.feedback_entries(assigned) == [(None, "Merci.")]


def test_guessed_feedback_urls_answer_404_to_staff(client, manager):
    for pk in (MISSING, "abc", "0"):
        assert client.get(feedback_url(pk)).status_code == 404, pk


def test_anonymous_visitors_are_sent_to_the_staff_login(client):
    submission = SubmissionFactory(status=S.REJECTED)
    for address in (feedback_url(submission.pk), decide_url(submission, S.REJECTED)):
        response = client.get(address)
        assert (response.status_code, response.url.split("?")[0]) == (302, reverse("admin:login"))
