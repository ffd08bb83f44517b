"""The juror's screens (issue 17): what each role gets on every juror address, guessed
ids included; reading and scoring an application; a fixed number of queries."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accelerator.tests.staff import login_staff
from seasons.models import CommitteeSession, Review, ReviewState, SessionStatus
from seasons.selection import reviewing
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import AttachmentFactory, ReferentFactory, ReviewFactory
from seasons.tests.jury_helpers import invite, juror_session
from seasons.tests.test_review import member_of, score_all

pytestmark = pytest.mark.django_db
MISSING = 999_999
SIGN_IN = "/jury/connexion/"


@pytest.fixture
def jury():
    """(session, juror, first item, its file): three applications on the docket."""
    session, juror = juror_session()
    item = session.items.order_by("position").first()
    attachment = AttachmentFactory(submission=item.submission)
    return session, juror, item, attachment


def juror_urls(session, item, attachment):
    return [
        "/jury/",
        f"/jury/seances/{session.pk}/",
        f"/jury/candidatures/{item.pk}/",
        f"/jury/fichiers/{attachment.pk}/",
    ]


def guessed_urls():
    return [
        f"/jury/seances/{MISSING}/",
        f"/jury/candidatures/{MISSING}/",
        f"/jury/fichiers/{MISSING}/",
    ]


def client_as(role, jury):
    """A client signed in as `role`, who may hold something of the application."""
    session, _juror, item, _attachment = jury
    client = Client()
    if role == "applicant":
        client.get(reverse("applications:status", args=[item.submission.access_key]))
    elif role == "reviewer":
        reviewer = member_of(REVIEWER, "evaluatrice")
        ReviewFactory(submission=item.submission, reviewer=reviewer)
        login_staff(client, reviewer)
    elif role in (OBSERVER, PROGRAM_MANAGER):
        user = member_of(role, "equipe")
        session.members.add(user)
        login_staff(client, user)
    elif role == "superuser":
        login_staff(client, User.objects.create_superuser("racine", "racine@example.org", "x"))
    elif role == "not a juror":
        client.force_login(User.objects.create_user("citoyen", "citoyen@example.org"))
    return client


# A laureate team member's case is in `laureates/tests/test_space_and_jury.py` (seasons'
# tests import nothing of laureates).
NOT_JURORS = [
    "anonymous", "applicant", "reviewer", OBSERVER, PROGRAM_MANAGER,
    "superuser", "not a juror",
]  # fmt: skip


@pytest.mark.parametrize("role", NOT_JURORS)
def test_every_other_role_is_sent_to_the_jurors_sign_in_on_every_address(role, jury):
    client = client_as(role, jury)
    for url in [*juror_urls(*jury[::2], jury[3]), *guessed_urls()]:
        response = client.get(url)
        assert (url, response.status_code, response["Location"]) == (url, 302, SIGN_IN)
        assert client.post(url).status_code in (302, 405)


def test_the_juror_reads_each_page_of_their_session(client, jury):
    session, juror, item, attachment = jury
    client.force_login(juror)
    statuses = [client.get(url).status_code for url in juror_urls(session, item, attachment)]
    assert statuses == [200, 200, 200, 200]
    assert [client.get(url).status_code for url in guessed_urls()] == [404, 404, 404]


def test_a_juror_of_another_session_gets_404_on_this_one(client, jury):
    session, _juror, item, attachment = jury
    _other_session, other = juror_session(title="Autre")
    client.force_login(other)
    assert client.get("/jury/").status_code == 200
    for url in juror_urls(session, item, attachment)[1:]:
        assert (url, client.get(url).status_code) == (url, 404)
    assert client.post(f"/jury/candidatures/{item.pk}/", {"action": "save"}).status_code == 404


def test_a_closed_session_leaves_the_jurors_screens(client, jury):
    session, juror, item, attachment = jury
    CommitteeSession.objects.filter(pk=session.pk).update(
        status=SessionStatus.CLOSED, closed_at=timezone.now()
    )
    client.force_login(juror)
    assert "Vous ne siégez à aucune séance en préparation." in client.get("/jury/").content.decode()
    for url in juror_urls(session, item, attachment)[1:]:
        assert (url, client.get(url).status_code) == (url, 404)


def test_a_juror_who_is_also_made_staff_loses_the_jurors_screens(client, jury):
    _session, juror, _item, _attachment = jury
    User.objects.filter(pk=juror.pk).update(is_staff=True)
    client.force_login(User.objects.get(pk=juror.pk))
    assert client.get("/jury/")["Location"] == SIGN_IN


def test_the_home_lists_the_jurors_sessions_with_their_progress(client, jury):
    session, juror, _item, _attachment = jury
    review = Review.objects.filter(reviewer=juror).first()
    reviewing.save_review(review, conflict_of_interest=True, submit=True)
    client.force_login(juror)
    page = client.get("/jury/").content.decode()
    assert f'href="/jury/seances/{session.pk}/">Jury</a>' in page
    assert "0 sur 3 · 1 conflit d’intérêts" in page
    assert "12 juin 2024" in page


def test_the_docket_shows_each_applications_state(client, jury):
    session, juror, _item, _attachment = jury
    items = list(session.items.order_by("position").select_related("submission"))
    reviews = {r.submission_id: r for r in Review.objects.filter(reviewer=juror)}
    score_all(reviews[items[0].submission_id], 4)
    reviewing.save_review(reviews[items[1].submission_id], conflict_of_interest=True, submit=True)
    client.force_login(juror)
    page = client.get(f"/jury/seances/{session.pk}/").content.decode()
    states = [page.index(label) for label in ["notée", "conflit d’intérêts", "à noter"]]
    assert states == sorted(states)
    assert [item.submission.display_name for item in items] == ["Projet 5", "Projet 4", "Projet 3"]
    assert page.index("Projet 5") < page.index("Projet 4") < page.index("Projet 3")


def test_the_application_page_shows_the_answers_the_referents_and_the_files(client, jury):
    session, juror, item, attachment = jury
    ReferentFactory(submission=item.submission, first_name="Alex", last_name="Martin")
    client.force_login(juror)
    response = client.get(f"/jury/candidatures/{item.pk}/")
    page = response.content.decode()
    assert response["Cache-Control"] == "no-store, private"
    assert "<h1>Projet 5</h1>" in page
    assert "Alex Martin — Président, alex.martin@example.org" in page  # as reviewers see it
    assert f'href="/jury/fichiers/{attachment.pk}/"' in page
    assert 'id="previous"' not in page
    following = session.items.order_by("position")[1]
    assert f'href="/jury/candidatures/{following.pk}/" id="next"' in page


def test_the_file_is_sent_as_a_download_the_browser_cannot_run(client, jury):
    _session, juror, _item, attachment = jury
    client.force_login(juror)
    response = client.get(f"/jury/fichiers/{attachment.pk}/")
    assert response["Content-Disposition"] == 'attachment; filename="statuts.pdf"'
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"


def test_a_file_of_an_application_off_the_docket_is_404(client, jury):
    _session, juror, _item, _attachment = jury
    elsewhere = AttachmentFactory()
    client.force_login(juror)
    assert client.get(f"/jury/fichiers/{elsewhere.pk}/").status_code == 404


def post_review(client, item, action, **answers):
    return client.post(f"/jury/candidatures/{item.pk}/", {"action": action, **answers})


def scores(item, value):
    return {f"score_{c.pk}": str(value) for c in item.submission.call.criteria.all()}


def test_a_draft_is_saved_then_the_review_is_submitted(client, jury):
    _session, juror, item, _attachment = jury
    client.force_login(juror)
    first = item.submission.call.criteria.order_by("position").first()
    saved = post_review(client, item, "save", conflict="no", **{f"score_{first.pk}": "3"})
    assert (saved.status_code, saved["Location"]) == (302, f"/jury/candidatures/{item.pk}/")
    review = Review.objects.get(reviewer=juror, submission=item.submission)
    assert (review.state, [s.value for s in review.scores.all()]) == (ReviewState.OPEN, [3])
    page = client.get(saved["Location"]).content.decode()
    assert "Votre brouillon est enregistré." in page
    assert f'id="id_score_{first.pk}_3" name="score_{first.pk}" value="3" checked' in page
    done = post_review(client, item, "submit", conflict="no", comment="Solide", **scores(item, 4))
    assert done.status_code == 302
    review.refresh_from_db()
    assert (review.state, review.comment) == (ReviewState.DONE, "Solide")
    assert sorted(s.value for s in review.scores.all()) == [4] * 5
    page = client.get(done["Location"]).content.decode()
    assert "Votre évaluation est envoyée ; elle ne peut plus être modifiée." in page
    assert 'id="scoring"' not in page and page.count(" : 4/5</li>") == 5
    assert post_review(client, item, "save", conflict="yes").status_code == 404


def test_submitting_with_scores_missing_says_so_beside_each_and_keeps_the_rest(client, jury):
    _session, juror, item, _attachment = jury
    client.force_login(juror)
    criteria = list(item.submission.call.criteria.order_by("position"))
    response = post_review(
        client,
        item,
        "submit",
        conflict="no",
        comment="Mon avis",
        **{f"score_{criteria[0].pk}": "2"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("Donnez une note de 0 à 5.") == 4
    assert "Mon avis</textarea>" in page
    assert f'name="score_{criteria[0].pk}" value="2" checked' in page
    assert Review.objects.get(reviewer=juror, submission=item.submission).state == "open"


def test_scoring_without_declaring_the_conflict_first_is_refused_beside_it(client, jury):
    _session, juror, item, _attachment = jury
    client.force_login(juror)
    response = post_review(client, item, "save", **scores(item, 3))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_conflict-messages"' in page
    assert "Déclarez d’abord si vous avez un conflit d’intérêts." in page


def test_a_declared_conflict_cannot_score_and_is_recorded(client, jury):
    _session, juror, item, _attachment = jury
    client.force_login(juror)
    refused = post_review(client, item, "submit", conflict="yes", **scores(item, 3))
    assert refused.status_code == 400
    assert "vous ne pouvez pas noter cette candidature" in refused.content.decode()
    declared = post_review(client, item, "submit", conflict="yes", conflict_details="Bénévole")
    assert declared.status_code == 302
    review = Review.objects.get(reviewer=juror, submission=item.submission)
    assert (review.state, review.conflict_details) == (ReviewState.CONFLICT, "Bénévole")
    page = client.get(declared["Location"]).content.decode()
    assert "Vous avez déclaré un conflit d’intérêts : vous ne notez pas cette candidature." in page


def test_a_juror_added_as_a_member_without_an_invitation_reads_without_scoring(client, jury):
    session, _juror, item, _attachment = jury
    second = invite(session, name="Thomas Nguyen", email="thomas@example.org")
    Review.objects.filter(reviewer=second, submission=item.submission).delete()
    client.force_login(second)
    page = client.get(f"/jury/candidatures/{item.pk}/").content.decode()
    assert "Cette candidature ne vous est pas attribuée" in page
    assert post_review(client, item, "save", conflict="no").status_code == 404


def docket_of(count):
    session, juror = juror_session(scores=tuple(range(count)), title=f"J{count}")
    return session, juror, session.items.order_by("position")[count // 2]


@pytest.mark.parametrize("count", [1, 4])
def test_the_docket_page_costs_the_same_whatever_its_length(
    client, django_assert_num_queries, count
):
    session, juror, _item = docket_of(count)
    client.force_login(juror)
    # Session, user, juror's group, the session, its items, the juror's reviews.
    with django_assert_num_queries(6):
        response = client.get(f"/jury/seances/{session.pk}/")
    assert response.content.decode().count("/jury/candidatures/") == count


@pytest.mark.parametrize("count", [1, 4])
def test_the_application_page_costs_the_same_whatever_the_docket(
    client, django_assert_num_queries, count
):
    _session, juror, item = docket_of(count)
    AttachmentFactory(submission=item.submission)
    client.force_login(juror)
    # Session, user, juror's group, the item with its referents and files, the review
    # and its scores, the criteria, the docket's order, the call's form.
    with django_assert_num_queries(11):
        response = client.get(f"/jury/candidatures/{item.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_the_home_costs_the_same_whatever_the_number_of_sessions(
    client, django_assert_num_queries, count
):
    _session, juror = juror_session(title="Premier")
    for n in range(1, count):
        other, _juror = juror_session(title=f"Autre{n}")
        invite(other, email=juror.email)
    client.force_login(juror)
    # Session, user, juror's group, the sessions with their counts.
    with django_assert_num_queries(4):
        response = client.get("/jury/")
    assert response.content.decode().count("/jury/seances/") == count
