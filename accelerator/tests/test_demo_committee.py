"""The demo's season-2 jury: a closed session with fictitious jurors' votes and minutes,
and the next intake's session in preparation."""

import datetime as dt

import pytest
from django.urls import reverse

from seasons import outbox
from seasons.models import CommitteeSession, SessionStatus, SubmissionStatus
from seasons.selection import docket_pdf
from seasons.tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db
S = SubmissionStatus


@pytest.fixture
def loaded(settings):
    from accelerator.tests.demo_snapshot import demo_data

    settings.DEBUG = True
    demo_data(today=dt.date(2025, 3, 10))


def test_the_first_jury_is_a_closed_session_with_votes(loaded):
    jury = CommitteeSession.objects.get(title="Jury de la première relève")
    assert (jury.status, jury.held_on, jury.members.count()) == (
        SessionStatus.CLOSED, dt.date(2023, 5, 10), 5,
    )  # fmt: skip
    items = [
        (i.position, i.decision, i.vote_label, i.not_voting.count())
        for i in jury.items.order_by("position")
    ]
    assert items == [
        (1, S.SELECTED, "consensus", 0),
        (2, S.SELECTED, "5 pour, 0 contre, 0 abstentions", 0),
        (3, S.SELECTED, "4 pour, 0 contre, 1 abstentions", 0),
        (4, S.SELECTED, "4 pour, 1 contre, 0 abstentions", 0),
        (5, S.WAITLISTED, "3 pour, 1 contre, 0 abstentions", 1),
        (6, S.WAITLISTED, "2 pour, 2 contre, 1 abstentions", 0),
        (7, S.REJECTED, "1 pour, 3 contre, 1 abstentions", 0),
    ]


def test_the_first_jurys_minutes_read_in_french(loaded):
    jury = CommitteeSession.objects.get(title="Jury de la première relève")
    lines = pdf_text(docket_pdf.minutes_pdf(jury, compress=False))
    assert lines[0] == "Procès-verbal — Jury de la première relève"
    assert lines[3] == (
        "Membres : Aïssatou Diallo, Bernard Lefebvre, Giulia Rossi, Hélène Martin, Thomas Nguyen"
    )
    assert "Ne vote pas (conflit d’intérêts) : Giulia Rossi" in lines
    assert lines[-4:] == ["Retenue : 4", "Liste d’attente : 2", "Non retenue : 1", "Page 1"]


def test_the_second_intake_waits_for_its_session(loaded):
    session = CommitteeSession.objects.get(title="Jury de la deuxième relève")
    assert (session.status, session.held_on) == (SessionStatus.PREPARING, dt.date(2025, 3, 24))
    shortlisted = set(session.call.submissions.filter(status=S.SHORTLISTED))
    assert {item.submission for item in session.items.all()} == shortlisted
    assert len(shortlisted) == 2


def test_the_demo_juror_scores_the_second_intake_on_their_screens(loaded, client):
    from django.contrib.auth.models import User

    from seasons.models import Review
    from seasons.selection.permissions import is_juror

    session = CommitteeSession.objects.get(title="Jury de la deuxième relève")
    juror = User.objects.get(username="jure-martin")
    assert (is_juror(juror), juror.is_staff, juror.has_usable_password()) == (True, False, False)
    docket = {item.submission_id for item in session.items.all()}
    for member in session.members.all():
        reviews = Review.objects.filter(reviewer=member, submission__in=docket)
        assert (reviews.count(), reviews.still_open().count()) == (2, 2)
    client.force_login(juror)
    page = client.get("/jury/").content.decode()
    assert "Jury de la deuxième relève" in page and "0 sur 2" in page
    assert "Jury de la première relève" not in page  # closed: off the juror's screens


def test_the_declined_application_carries_feedback_per_criterion(loaded, client):
    item = CommitteeSession.objects.get(title="Jury de la première relève").items.get(position=7)
    declined = item.submission
    assert (declined.project_name, declined.status) == ("Eau claire partagée", S.REJECTED)
    assert outbox.feedback_entries(declined) == [
        ("Impact", "Les relevés couvrent deux rivières ; dites comment d’autres bassins les "
                   "reprendraient."),
        ("Maturité et structuration", "L’équipe repose sur deux bénévoles : un troisième "
                                      "contributeur régulier rassurerait le jury."),
        ("Porteur juridique", "Les statuts de l’association sont en cours de dépôt : "
                              "joignez-les à une prochaine candidature."),
        (None, "Le jury vous encourage à candidater de nouveau lors d’une prochaine relève."),
    ]  # fmt: skip
    # No decision e-mail waits: its status page shows the feedback.
    page = client.get(reverse("applications:status", args=[declined.access_key]))
    assert '<dt class="fr-text--bold">Porteur juridique</dt>' in page.content.decode()
