"""Outside jurors: inviting one to a session, taking one off, and their sign-in by an
e-mailed link (issue 17)."""

import datetime as dt
import hashlib

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.test import Client
from django.utils import timezone

from accelerator.tests.staff import login_staff
from seasons import private_links
from seasons.jury import invitations
from seasons.models import (
    CommitteeSession,
    EmailKind,
    JurorSignInLink,
    OutboundEmail,
    Review,
    SessionStatus,
    SubmissionStatus,
)
from seasons.selection import committee, reviewing
from seasons.selection import permissions as p
from seasons.selection.permissions import is_juror
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.factories import SubmissionFactory
from seasons.tests.jury_helpers import ask_link, invite, juror_session, last_token, sign_in
from seasons.tests.sign_in_checks import answer_to_asking, assert_the_click_spends_the_link
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db
SIGN_IN = "/jury/connexion/"


@pytest.fixture
def jury():
    return juror_session()


def close(session):
    CommitteeSession.objects.filter(pk=session.pk).update(
        status=SessionStatus.CLOSED, closed_at=timezone.now()
    )


def test_inviting_makes_a_juror_who_is_not_staff_with_a_review_of_each_application(jury):
    session, juror = jury
    assert (juror.username, juror.email, juror.first_name, juror.last_name) == (
        "jure-jury@example.org", "jure-jury@example.org", "Hélène", "Martin",
    )  # fmt: skip
    assert (juror.is_staff, juror.is_superuser, juror.has_usable_password()) == (False,) * 3
    assert is_juror(juror) and list(juror.committee_sessions.all()) == [session]
    docket = sorted(item.submission_id for item in session.items.all())
    reviews = Review.objects.filter(reviewer=juror)
    assert sorted(reviews.values_list("submission_id", flat=True)) == docket
    assert reviews.still_open().count() == 3
    # The staff members of the session are not given the docket to review.
    staff = session.members.filter(is_staff=True)
    assert Review.objects.filter(reviewer__in=staff).count() == 0
    email = OutboundEmail.objects.get()
    assert (email.kind, email.to, email.subject) == (
        EmailKind.JUROR_INVITATION, "jure-jury@example.org", "Vous êtes invité au jury : Jury",
    )  # fmt: skip
    assert email.body.startswith("Bonjour Hélène Martin,\n\nVous êtes invité à siéger au jury")
    assert "http://testserver/jury/connexion/\n" in email.body  # to ask for another link
    token = last_token(juror.email)
    link = JurorSignInLink.objects.get()
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
    assert round((link.expires_at - link.created_at).total_seconds() / 3600) == 72


def test_inviting_again_in_another_case_reuses_the_account_and_sends_a_new_link(jury):
    session, juror = jury
    again = invite(session, name="H. Martin", email="  Jure-JURY@Example.org ")
    assert again == juror and User.objects.filter(email__iexact=juror.email).count() == 1
    assert again.get_full_name() == "Hélène Martin"  # an existing account keeps its name
    assert Review.objects.filter(reviewer=juror).count() == 3
    assert OutboundEmail.objects.filter(kind=EmailKind.JUROR_INVITATION).count() == 2
    assert JurorSignInLink.objects.filter(user=juror).count() == 2


def test_a_staff_address_an_empty_name_or_a_closed_session_is_refused(jury):
    session, _juror = jury
    manager = member_of(PROGRAM_MANAGER, "gestion")
    manager.email = "gestion@example.org"
    manager.save()
    with pytest.raises(committee.SessionRefused) as refused:
        invite(session, email="GESTION@example.org")
    assert refused.value.errors == {
        "email": "Cette adresse est celle d’un compte de l’équipe : ajoutez-le plutôt aux membres."
    }
    with pytest.raises(committee.SessionRefused) as refused:
        invite(session, name="  ", email="x@example.org")
    assert list(refused.value.errors) == ["full_name"]
    close(session)
    with pytest.raises(committee.SessionRefused) as refused:
        invite(session, email="nouveau@example.org")
    closed = "Cette séance est close : plus personne ne peut y siéger."
    assert refused.value.errors == {None: closed}
    assert not User.objects.filter(email="nouveau@example.org").exists()
    assert OutboundEmail.objects.count() == 1  # the first invitation only


def test_what_the_docket_gains_later_goes_to_its_jurors(jury):
    session, juror = jury
    late = SubmissionFactory(call=session.call, status=SubmissionStatus.SHORTLISTED)
    added = committee.assemble_docket(session)
    assert [item.submission for item in added] == [late]
    assert Review.objects.filter(reviewer=juror, submission=late).count() == 1
    assert Review.objects.filter(submission=late).count() == 1  # nobody else
    # No assignment digest: the invitation said it, the juror's screens list it.
    assert not OutboundEmail.objects.filter(kind=EmailKind.REVIEW_ASSIGNMENT).exists()


def test_taking_a_juror_off_deletes_only_the_reviews_not_started(jury):
    session, juror = jury
    first, second, _third = (
        Review.objects.filter(reviewer=juror).order_by("submission__reference").all()
    )
    reviewing.save_review(first, conflict_of_interest=False, comment="à relire")
    reviewing.save_review(second, conflict_of_interest=True, submit=True)
    assert invitations.remove_juror(session, juror) == 1
    assert juror not in session.members.all()
    assert sorted(Review.objects.filter(reviewer=juror).values_list("pk", flat=True)) == sorted(
        [first.pk, second.pk]
    )
    assert not is_juror(juror) or not juror.committee_sessions.exists()


def test_a_review_on_another_open_session_of_the_juror_stays(jury):
    session, juror = jury
    other = CommitteeSession.objects.create(
        call=session.call, title="Autre", held_on=dt.date(2024, 7, 1)
    )
    committee.assemble_docket(other, SubmissionStatus.SHORTLISTED)
    invite(other, email=juror.email)
    assert invitations.remove_juror(session, juror) == 0
    assert Review.objects.filter(reviewer=juror).count() == 3


def test_a_jurors_address_gets_a_link_and_every_other_the_same_answer(jury):
    _session, juror = jury
    closed_session, closed_juror = juror_session(title="Ancien")
    close(closed_session)
    manager = member_of(PROGRAM_MANAGER, "gestion")
    manager.email = "gestion@example.org"
    manager.save()
    OutboundEmail.objects.all().delete()

    def answer(address):
        return answer_to_asking(ask_link, address, "10.0.2")

    known = answer(juror.email.upper())
    assert known == answer("personne@example.org") == answer(closed_juror.email)
    assert known == answer("gestion@example.org")
    assert "Si ADDRESS est l’adresse d’un juré, un lien de connexion vient" in known[2]
    email = OutboundEmail.objects.get()
    assert (email.kind, email.to) == (EmailKind.JUROR_SIGN_IN, juror.email)
    assert "dans les 20 minutes" in email.body
    link = JurorSignInLink.objects.filter(user=juror).latest("pk")
    assert round((link.expires_at - link.created_at).total_seconds() / 60) == 20


def test_the_link_asks_for_a_click_and_the_click_spends_it(client, jury):
    _session, juror = jury
    url = f"{SIGN_IN}{last_token(juror.email)}/"
    assert_the_click_spends_the_link(client, url, "/jury/", SIGN_IN)


def test_an_expired_or_made_up_link_signs_nobody_in(client, jury):
    _session, juror = jury
    token = last_token(juror.email)
    JurorSignInLink.objects.update(expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert client.post(f"{SIGN_IN}{token}/").status_code == 410
    assert client.get(f"{SIGN_IN}{token}/").status_code == 410
    assert client.post(f"{SIGN_IN}not-a-token/").status_code == 410
    assert client.get("/jury/")["Location"] == SIGN_IN


def test_a_link_of_a_juror_whose_only_session_closed_signs_nobody_in(client, jury):
    session, juror = jury
    close(session)
    assert client.post(f"{SIGN_IN}{last_token(juror.email)}/").status_code == 410


def test_asking_too_often_from_one_client_is_refused_for_any_address(settings, jury):
    _session, juror = jury
    settings.JUROR_SIGN_IN_CLIENT_LIMIT = 2
    OutboundEmail.objects.all().delete()
    client = Client(REMOTE_ADDR="10.0.3.1")
    ask_link(client, "a@example.org")
    ask_link(client, "b@example.org")
    refused = ask_link(client, juror.email)
    assert refused.status_code == 429
    assert "Trop de liens demandés dans la dernière heure" in refused.content.decode()
    assert f'value="{juror.email}"' in refused.content.decode()
    assert OutboundEmail.objects.count() == 0


def test_asking_too_often_for_one_address_is_refused_from_any_client(settings, jury):
    _session, juror = jury
    settings.JUROR_SIGN_IN_ADDRESS_LIMIT = 2
    OutboundEmail.objects.all().delete()
    statuses = [
        ask_link(Client(REMOTE_ADDR=f"10.0.4.{n}"), juror.email).status_code for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert OutboundEmail.objects.count() == 2


def test_a_bad_address_is_said_beside_the_field_and_kept(client):
    response = ask_link(client, "pas-une-adresse")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="pas-une-adresse"' in page and 'aria-invalid="true"' in page


def test_signing_out_ends_the_jurors_session_only(client, jury):
    _session, juror = jury
    sign_in(client, juror)
    response = client.post("/jury/deconnexion/")
    assert (response.status_code, response["Location"]) == (302, SIGN_IN)
    assert client.get("/jury/")["Location"] == SIGN_IN
    manager = member_of(PROGRAM_MANAGER, "gestion")
    login_staff(client, manager)
    client.post("/jury/deconnexion/")
    assert client.get("/admin/").status_code == 200  # staff stay signed in


def test_a_signed_in_juror_gets_nothing_in_the_admin(client, jury):
    _session, juror = jury
    sign_in(client, juror)
    for url in ["/admin/", "/admin/seasons/referent/", "/admin/seasons/review/"]:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (
            302, f"/admin/login/?next={url}",
        )  # fmt: skip


def test_staff_see_the_jurors_link_masked_in_the_outbox(jury):
    _session, juror = jury
    email = OutboundEmail.objects.get(kind=EmailKind.JUROR_INVITATION)
    token = last_token(juror.email)
    shown = private_links.mask(email.body)
    assert token not in shown and "[lien privé]" in shown
    assert "http://testserver/jury/connexion/\n" in shown  # the page asking for a link stays


def test_the_jurors_predicates_for_every_role(jury):
    session, juror = jury
    _other_session, other = juror_session(title="Autre")
    manager = member_of(PROGRAM_MANAGER, "gestion")
    session.members.add(manager)  # staff sit on sessions too, without becoming jurors
    review = Review.objects.filter(reviewer=juror).select_related("submission").first()
    submission = review.submission

    def table(user):
        return (
            p.is_juror(user),
            p.is_juror_of_session(user, session),
            p.can_juror_read_submission(user, submission),
            p.can_juror_score(user, review),
        )

    assert table(juror) == (True, True, True, True)
    assert table(other) == (True, False, False, False)
    assert table(manager) == (False, False, False, False)
    assert table(AnonymousUser()) == (False, False, False, False)
    close(session)
    assert table(juror) == (True, False, False, False)
