"""The committee session's staff screens: the docket, the outcomes, the closing and the
files, for every role, guessed ids included, in a fixed number of queries."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from accelerator.tests.staff import login_staff
from seasons.models import (
    CommitteeSession,
    EmailStatus,
    OutboundEmail,
    SessionStatus,
)
from seasons.selection import calibration, committee, docket_pdf
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.committee_helpers import S, make_session
from seasons.tests.factories import CallFactory
from seasons.tests.pdf_text import pdf_text
from seasons.tests.test_review import logged_in_as, member_of

pytestmark = pytest.mark.django_db

MISSING = 999_999
SESSION_PAGES = ["change", "history", "docket", "outcomes", "close"]
FILES = ["xlsx", "pdf", "minutes"]


def url(name, *args):
    return reverse(f"admin:seasons_committeesession_{name}", args=args)


def file_url(session_pk, kind):
    return url("file", session_pk, kind)


@pytest.fixture
def session():
    session = make_session()
    committee.assemble_docket(session)
    return session


@pytest.fixture
def manager(client):
    user = member_of(PROGRAM_MANAGER, "responsable")
    login_staff(client, user)
    return user


def outcome_data(session, decisions):
    """The outcomes page's POST: {position: (decision, votes or None for consensus)}."""
    data = {}
    for item in session.items.all():
        decision, votes = decisions.get(item.position, ("", None))
        prefix = f"item{item.pk}-"
        data[prefix + "decision"] = decision
        data[prefix + "reasons"] = f"Motif {item.position}"
        if votes is None:
            data[prefix + "by_consensus"] = "on"
        else:
            for name, value in zip(
                ["votes_for", "votes_against", "abstentions"], votes, strict=True
            ):
                data[prefix + name] = value
    return data


def test_a_manager_creates_a_session_and_its_docket_is_assembled(client, manager):
    call = make_session(title="Ancien").call
    response = client.post(
        url("add"),
        {
            "call": call.pk,
            "title": "Jury de juin",
            "held_on": "12/06/2024",
            "members": [manager.pk],
            "docket_status": S.SHORTLISTED,
            "items-TOTAL_FORMS": 0,
            "items-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = CommitteeSession.objects.get(title="Jury de juin")
    assert [i.submission.organisation_name for i in created.items.all()] == [
        "Projet 5", "Projet 4", "Projet 3",
    ]  # fmt: skip


def test_the_session_page_shows_the_docket_with_scores_and_comments(client, manager, session):
    response = client.get(url("change", session.pk))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ["5,00", "4,00", "3,00", "jury-evaluateur : note 5", "pas encore notée"]:
        assert text in html
    assert html.index("Projet 5") < html.index("Projet 4") < html.index("Projet 3")
    # Beside each weighted score, the normalised one (the reviewer scored 5, 4 and 3).
    assert '<th scope="col">Note pondérée</th>\n      <th scope="col">Note normalisée</th>' in html
    for score, normalised in [("5,00", "1,22"), ("4,00", "0,00"), ("3,00", "-1,22")]:
        assert f"<td>{score}</td>\n        <td>{normalised}</td>" in html
    with translation.override("fr"):
        explained = str(calibration.NORMALISED_EXPLAINED)
    assert f'<p class="help" id="docket-normalised-explained">{explained}</p>' in html
    for label in ["Constituer l’ordre du jour", "Noter les décisions", "Procès-verbal (PDF)"]:
        assert label in html


def test_outcomes_are_recorded_then_the_session_closes(client, manager, session):
    data = outcome_data(session, {1: (S.SELECTED, (3, 0, 0)), 2: (S.WAITLISTED, (2, 1, 0)),
                                  3: (S.REJECTED, None)})  # fmt: skip
    response = client.post(url("outcomes", session.pk), data)
    assert response.status_code == 302
    assert [(i.decision, i.vote_label, i.reasons) for i in session.items.all()] == [
        (S.SELECTED, "3 pour, 0 contre, 0 abstentions", "Motif 1"),
        (S.WAITLISTED, "2 pour, 1 contre, 0 abstentions", "Motif 2"),
        (S.REJECTED, "consensus", "Motif 3"),
    ]
    response = client.post(url("close", session.pk), {"confirm": "1"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED
    statuses = [i.submission.status for i in session.items.select_related("submission")]
    assert statuses == [S.SELECTED, S.WAITLISTED, S.REJECTED]
    # A closed session reads, and its pages say it is closed.
    assert client.get(url("outcomes", session.pk)).status_code == 302
    assert client.get(url("close", session.pk)).status_code == 302
    assert 'name="title"' not in client.get(url("change", session.pk)).content.decode()


def test_a_wrong_outcome_keeps_everything_typed_and_records_nothing(client, manager, session):
    data = outcome_data(session, {1: (S.SELECTED, (3, 0, 0)), 2: (S.SELECTED, (3, 1, 0))})
    response = client.post(url("outcomes", session.pk), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "4 voix pour 3 membres votants : il y a plus de voix que de votants." in html
    assert "Aucune décision n’a été notée" in html
    assert "Motif 2</textarea>" in html
    assert [i.decision for i in session.items.all()] == ["", "", ""]


def test_a_malformed_vote_is_a_form_error(client, manager, session):
    data = outcome_data(session, {1: (S.SELECTED, ("trois", 0, 0))})
    response = client.post(url("outcomes", session.pk), data)
    assert response.status_code == 200
    assert "Saisissez un nombre entier." in response.content.decode()


def test_closing_an_incomplete_session_says_what_is_missing(client, manager, session):
    response = client.post(url("close", session.pk), {"confirm": "1"}, follow=True)
    assert "Notez d’abord la décision de chaque point (manquants : 1, 2, 3)." in (
        response.content.decode()
    )
    session.refresh_from_db()
    assert session.status == SessionStatus.PREPARING


def test_the_docket_page_adds_another_status(client, manager, session):
    from seasons.tests.factories import SubmissionFactory

    SubmissionFactory(call=session.call, status=S.WAITLISTED, reference="AIC-attente")
    response = client.post(url("docket", session.pk), {"status": S.WAITLISTED}, follow=True)
    assert "1 candidatures ajoutées à l’ordre du jour." in response.content.decode()
    assert session.items.count() == 4
    record_first(session, manager)
    response = client.post(url("docket", session.pk), {"status": S.WAITLISTED}, follow=True)
    assert "ne peut plus changer" in response.content.decode()


def record_first(session, user):
    committee.record_outcome(
        session.items.first(), decision=S.SELECTED, by_consensus=True, votes={}, reasons="",
        not_voting=[], user=user,
    )  # fmt: skip


def test_the_record_action_opens_one_sessions_outcomes(client, manager, session):
    other = make_session(title="Autre")
    changelist = url("changelist")
    one = client.post(changelist, {"action": "record_outcomes", "_selected_action": [session.pk]})
    assert one.url == url("outcomes", session.pk)
    both = client.post(
        changelist, {"action": "record_outcomes", "_selected_action": [session.pk, other.pk]},
        follow=True,
    )  # fmt: skip
    assert "Choisissez une seule séance." in both.content.decode()


def test_the_docket_xlsx_is_ready_for_the_meeting(client, manager, session):
    sheet = load_workbook(io.BytesIO(client.get(file_url(session.pk, "xlsx")).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == (
        "Ordre", "Référence", "Candidature", "Statut à l’ordre du jour", "Note pondérée",
        "Note normalisée", "Évaluations faites / attribuées",
    )  # fmt: skip
    # One reviewer scored 5, 4 and 3: mean 4, spread √(2/3), so z = ±1.2247… and 0.
    assert [row[:6] for row in rows[1:]] == [
        (1, "AIC-Jury-2", "Projet 5", "Présélectionnée", 5, 1.22),
        (2, "AIC-Jury-1", "Projet 4", "Présélectionnée", 4, 0),
        (3, "AIC-Jury-0", "Projet 3", "Présélectionnée", 3, -1.22),
    ]
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:I4")
    assert (sheet["E2"].number_format, sheet["F2"].number_format) == ("0.00", "0.00")
    with translation.override("fr"):
        explained = str(calibration.NORMALISED_EXPLAINED)
    assert explained.startswith("Certains évaluateurs notent sévèrement, d’autres")
    assert sheet["F1"].comment.text == explained


def test_the_docket_and_minutes_pdfs_read_in_french(client, manager, session):
    first = session.items.first()
    committee.record_outcome(
        first, decision=S.SELECTED, by_consensus=False,
        votes={"votes_for": 2, "votes_against": 0, "abstentions": 0},
        reasons="Un projet d’intérêt général « exemplaire »", user=manager,
        not_voting=[session.members.order_by("pk").first()],
    )  # fmt: skip
    response = client.get(file_url(session.pk, "pdf"))
    assert (response["Content-Type"], response.content[:5]) == ("application/pdf", b"%PDF-")
    assert response["Content-Disposition"] == 'attachment; filename="jury-pdf.pdf"'
    lines = pdf_text(docket_pdf.docket_pdf(session, compress=False))
    assert lines[:3] == ["Ordre du jour — Jury", session.call.title, "Date : 12 juin 2024"]
    assert "1. AIC-Jury-2 — Projet 5" in lines
    assert "Note pondérée : 5,00" in lines
    assert lines.index("Note pondérée : 5,00") + 1 == lines.index("Note normalisée : 1,22")
    assert "Note normalisée : -1,22" in lines
    assert lines[4].startswith("Certains évaluateurs notent sévèrement, d’autres")
    assert "Commentaires des évaluateurs : jury-evaluateur : note 5" in lines
    minutes = pdf_text(docket_pdf.minutes_pdf(session, compress=False))
    assert minutes[0] == "Procès-verbal — Jury"
    assert "Décision : Retenue" in minutes
    assert "Voix : 2 pour, 0 contre, 0 abstentions" in minutes
    assert "Ne vote pas (conflit d’intérêts) : jury-membre0" in minutes
    assert "Motifs : Un projet d’intérêt général « exemplaire »" in minutes
    assert minutes.count("Aucune décision notée.") == 2
    assert minutes[-2:] == ["Retenue : 1", "Page 1"]


def test_an_empty_session_has_files_too(client, manager):
    empty = CommitteeSession.objects.create(
        call=CallFactory(), title="Vide", held_on=dt.date(2024, 6, 12)
    )
    assert "L’ordre du jour est vide." in pdf_text(docket_pdf.docket_pdf(empty, compress=False))
    minutes = pdf_text(docket_pdf.minutes_pdf(empty, compress=False))
    assert "Membres : aucun membre pour l’instant" in minutes
    assert minutes[-2:] == ["Aucune décision notée.", "Page 1"]
    assert client.get(file_url(empty.pk, "nonsense")).status_code == 404


@pytest.mark.parametrize("role", ["superuser", PROGRAM_MANAGER])
def test_managers_open_every_page(client, session, role):
    logged_in_as(client, role)
    for name in SESSION_PAGES:
        assert client.get(url(name, session.pk)).status_code == 200, name
    for kind in FILES:
        assert client.get(file_url(session.pk, kind)).status_code == 200, kind
    assert client.get(url("changelist")).status_code == 200


def test_observers_read_but_change_nothing(client, session):
    logged_in_as(client, OBSERVER)
    assert client.get(url("changelist")).status_code == 200
    html = client.get(url("change", session.pk)).content.decode()
    assert ("Jury" in html, 'name="title"' in html, "Noter les décisions" in html) == (
        True, False, False,
    )  # fmt: skip
    for kind in FILES:
        assert client.get(file_url(session.pk, kind)).status_code == 200, kind
    for name in ["docket", "outcomes", "close"]:
        assert client.get(url(name, session.pk)).status_code == 403, name
        assert client.post(url(name, session.pk), {"confirm": "1"}).status_code == 403, name
    assert client.get(url("add")).status_code == 403
    session.refresh_from_db()
    assert session.status == SessionStatus.PREPARING


@pytest.mark.parametrize("pk", ["existing", MISSING, "abc", "1x"])
def test_reviewers_see_nothing_of_sessions_guessed_or_not(client, session, pk):
    reviewer = member_of(REVIEWER, "evaluatrice")
    session.members.add(reviewer)  # even a member who reviews
    login_staff(client, reviewer)
    pk = session.pk if pk == "existing" else pk
    # Every page and file of a session answers as for a missing one, the same answer
    # whatever the id; the list and the history refuse the model as a whole (no right on it).
    assert client.get(url("history", pk)).status_code == 403
    for name in ["change", "docket", "outcomes", "close"]:
        assert client.get(url(name, pk)).status_code == 404, name
    for kind in FILES:
        assert client.get(file_url(pk, kind)).status_code == 404, kind
    assert client.post(url("close", pk), {"confirm": "1"}).status_code == 404
    assert client.get(url("changelist")).status_code == 403


def test_anonymous_visitors_are_sent_to_the_staff_login(client, session):
    for address in [
        url("change", session.pk),
        url("outcomes", session.pk),
        file_url(session.pk, "pdf"),
    ]:
        response = client.get(address)
        assert (response.status_code, response.url.split("?")[0]) == (302, reverse("admin:login"))


def queries(client, address):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["change", "outcomes", "close", "file-xlsx", "file-pdf"])
def test_session_pages_cost_the_same_queries_with_1_and_30_items(client, manager, name):
    small = make_session(title="Petit", scores=[4])
    large = make_session(title="Grand", scores=[n % 6 for n in range(30)])
    for session in (small, large):
        committee.assemble_docket(session)
    if name.startswith("file-"):
        addresses = [file_url(s.pk, name.removeprefix("file-")) for s in (small, large)]
    else:
        addresses = [url(name, s.pk) for s in (small, large)]
    client.get(addresses[0])  # per-process caches (content types) filled, as on a live site
    counts = [queries(client, address) for address in addresses]
    assert counts == [EXPECTED_QUERIES[name]] * 2


# The docket's normalised scores read the call's reviews (+1 on every page showing the
# docket); the outcomes page reads the call's rubric and the feedback already written (+2)
# and the members' declared conflicts of interest (+1).
EXPECTED_QUERIES = {"change": 15, "outcomes": 12, "close": 11, "file-xlsx": 11, "file-pdf": 12}


def test_closing_with_a_release_date_holds_the_emails(client, manager, session):
    data = outcome_data(session, {1: (S.SELECTED, None), 2: (S.REJECTED, None),
                                  3: (S.REJECTED, None)})  # fmt: skip
    client.post(url("outcomes", session.pk), data)
    past = client.post(url("close", session.pk), {"confirm": "1", "release_at": "2020-01-01T09:00"})
    assert "Choisissez un moment à venir." in past.content.decode()
    assert 'value="2020-01-01T09:00"' in past.content.decode()
    response = client.post(
        url("close", session.pk), {"confirm": "1", "release_at": "2099-06-01T09:00"}, follow=True
    )
    assert "les courriels de décision partiront le 1 juin 2099 09:00" in response.content.decode()
    emails = OutboundEmail.objects.filter(submission__docket_items__session=session)
    assert set(emails.values_list("status", flat=True)) == {EmailStatus.QUEUED}
    assert {e.send_after.year for e in emails} == {2099}
