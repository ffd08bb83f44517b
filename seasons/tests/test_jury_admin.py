"""Staff's page of a session's outside jurors: invite, send a new link, take off; for
every staff role, guessed ids included. And the reminders a juror gets."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from accelerator.tests.staff import login_staff
from seasons.models import CommitteeSession, EmailKind, OutboundEmail, Review, SessionStatus
from seasons.selection.review_mail import send_review_reminders
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.jury_helpers import juror_session
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db
MISSING = 999_999


def page_url(pk):
    return f"/admin/seasons/committeesession/{pk}/jurors/"


@pytest.fixture
def jury():
    return juror_session()


def staff_client(role):
    client = Client()
    if role == "superuser":
        user = User.objects.create_superuser("racine", "racine@example.org", "x")
    else:
        user = member_of(role, "equipe")
    return login_staff(client, user)


@pytest.mark.parametrize(
    ("role", "expected"),
    [(PROGRAM_MANAGER, 200), ("superuser", 200), (OBSERVER, 403), (REVIEWER, 404)],
)
def test_the_jurors_page_by_role_and_guessed_ids(role, expected, jury):
    session, _juror = jury
    client = staff_client(role)
    assert client.get(page_url(session.pk)).status_code == expected
    assert client.get(page_url(MISSING)).status_code == 404
    assert client.get(page_url("x")).status_code == 404


def test_anonymous_a_juror_and_an_applicant_are_sent_to_the_staff_login(client, jury):
    session, juror = jury
    url = page_url(session.pk)
    assert client.get(url)["Location"] == f"/admin/login/?next={url}"
    client.force_login(juror)
    assert client.get(url)["Location"] == f"/admin/login/?next={url}"


def test_the_manager_sees_each_juror_with_their_progress_and_invites_another(jury):
    session, _juror = jury
    client = staff_client(PROGRAM_MANAGER)
    page = client.get(page_url(session.pk)).content.decode()
    assert "<td>Hélène Martin</td>" in page and "<td>0/3</td>" in page
    response = client.post(
        page_url(session.pk),
        {"action": "invite", "full_name": "Thomas Nguyen", "email": "Thomas@Example.org"},
    )
    assert (response.status_code, response["Location"]) == (302, page_url(session.pk))
    thomas = User.objects.get(email="thomas@example.org")
    assert (thomas.get_full_name(), thomas.is_staff) == ("Thomas Nguyen", False)
    assert Review.objects.filter(reviewer=thomas).count() == 3
    email = OutboundEmail.objects.filter(to="thomas@example.org").get()
    assert email.kind == EmailKind.JUROR_INVITATION
    assert "http://testserver/jury/connexion/" in email.body
    page = client.get(response["Location"]).content.decode()
    assert "Invitation de thomas@example.org placée dans la boîte d’envoi." in page


def test_a_refused_invitation_says_why_beside_the_field_and_keeps_what_was_typed(jury):
    session, _juror = jury
    client = staff_client(PROGRAM_MANAGER)
    staff = member_of(REVIEWER, "relais")
    User.objects.filter(pk=staff.pk).update(email="relais@example.org")
    response = client.post(
        page_url(session.pk),
        {"action": "invite", "full_name": "Relais", "email": "relais@example.org"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cette adresse est celle d’un compte de l’équipe" in page
    assert 'value="Relais"' in page and 'value="relais@example.org"' in page
    bad = client.post(page_url(session.pk), {"action": "invite", "full_name": "", "email": "x"})
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()
    assert OutboundEmail.objects.count() == 1  # the fixture's invitation only


def test_a_new_link_and_taking_a_juror_off(jury):
    session, juror = jury
    client = staff_client(PROGRAM_MANAGER)
    client.post(page_url(session.pk), {"action": "resend", "juror": juror.pk})
    assert OutboundEmail.objects.filter(to=juror.email).count() == 2
    response = client.post(page_url(session.pk), {"action": "remove", "juror": juror.pk})
    page = client.get(response["Location"]).content.decode()
    assert f"Retiré de cette séance : {juror.email} (3 évaluations non commencées" in page
    assert juror not in session.members.all()
    assert Review.objects.filter(reviewer=juror).count() == 0
    again = client.post(page_url(session.pk), {"action": "remove", "juror": juror.pk})
    page = client.get(again["Location"]).content.decode()
    assert "Ce juré ne siège pas à cette séance." in page


def test_a_closed_sessions_jurors_are_a_record(jury):
    session, juror = jury
    CommitteeSession.objects.filter(pk=session.pk).update(
        status=SessionStatus.CLOSED, closed_at=timezone.now()
    )
    client = staff_client(PROGRAM_MANAGER)
    page = client.get(page_url(session.pk)).content.decode()
    assert "Cette séance est close : ses jurés font partie de son compte rendu." in page
    assert 'id="invite"' not in page
    client.post(page_url(session.pk), {"action": "remove", "juror": juror.pk})
    assert juror in session.members.all()


def test_the_sessions_page_links_to_its_jurors(jury):
    session, _juror = jury
    client = staff_client(PROGRAM_MANAGER)
    page = client.get(f"/admin/seasons/committeesession/{session.pk}/change/").content.decode()
    assert f'<a href="{page_url(session.pk)}">Jurés extérieurs</a>' in page


def test_a_jurors_reminder_leads_to_their_sign_in_not_to_the_admin(jury):
    session, juror = jury
    deadline = timezone.now() + dt.timedelta(days=2)
    type(session.call).objects.filter(pk=session.call_id).update(review_deadline=deadline)
    send_review_reminders(timezone.now(), "https://example.org")
    email = OutboundEmail.objects.get(kind=EmailKind.REVIEW_REMINDER, to=juror.email)
    assert "https://example.org/jury/connexion/" in email.body
    assert "/admin/" not in email.body
