"""Reports from both sides: the team drafts, sends and corrects in its space; staff review
in the admin. Every role, guessed URLs, the public pages and the queries per page."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accelerator.tests.staff import login_staff
from laureates import followup, reports
from laureates.models import Report, ReportComment, ReportVersion
from laureates.tests.factories import (
    FollowUpPlanFactory,
    LaureateFactory,
    ReportFactory,
    ReportQuestionFactory,
    StaffUserFactory,
    TeamMemberFactory,
)
from laureates.tests.space_helpers import sign_in
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db
MISSING = 999_999


def team(name):
    """A member of `name`, signed in nowhere yet, and its 6-month review (two questions)."""
    laureate = LaureateFactory(name=name, slug=name.lower())
    plan = FollowUpPlanFactory(season=laureate.season)
    ReportQuestionFactory(plan=plan, key="bilan", label_fr="Bilan des six mois")
    ReportQuestionFactory(
        plan=plan, key="usagers", label_fr="Nombre d’usagers", type="number", required=False
    )
    followup.apply_plan(laureate)
    member = TeamMemberFactory(
        laureate=laureate, name="Camille", email=f"{name.lower()}@example.org"
    )
    return member, laureate.reports.get()


def detail(report):
    return reverse("space:report_detail", args=[report.pk])


def admin_page(report):
    return reverse("admin:laureates_report_change", args=[report.pk])


def page(response):
    return response.content.decode()


def test_a_draft_with_an_error_keeps_everything_typed():
    member, report = team("uMap")
    client = sign_in(Client(), member)
    response = client.post(detail(report), {"bilan": "Nous avons avancé", "usagers": "beaucoup"})
    assert response.status_code == 400
    html = page(response)
    assert "Nous avons avancé" in html and 'value="beaucoup"' in html
    assert "Saisissez un nombre entier." in html
    assert Report.objects.get().answers == {}
    response = client.post(detail(report), {"bilan": "Nous avons avancé", "usagers": ""})
    assert (response.status_code, response["Location"]) == (302, detail(report))
    assert Report.objects.get().answers == {"bilan": "Nous avons avancé"}
    assert "Nous avons avancé" in page(client.get(detail(report)))


def test_sending_needs_the_required_answers():
    member, report = team("uMap")
    client = sign_in(Client(), member)
    response = client.post(detail(report), {"bilan": "", "usagers": "12", "_send": ""})
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in page(response) and 'value="12"' in page(response)
    assert Report.objects.get().status == "draft"


def test_the_team_sends_staff_ask_for_a_change_the_team_corrects_staff_accept():
    member, report = team("uMap")
    client = sign_in(Client(), member)
    client.post(detail(report), {"bilan": "Tout avance.", "usagers": "1200", "_send": ""})
    assert Report.objects.get().status == "sent"
    home = page(client.get("/espace-laureat/"))
    assert f'<a href="{detail(report)}">Revue à 6 mois</a>' in home
    sent_page = page(client.get(detail(report)))
    assert "Le rapport tel qu’envoyé" in sent_page and 'id="send-report"' not in sent_page
    # A second posting of a sent report changes nothing, and says why.
    response = client.post(detail(report), {"bilan": "Autre", "_send": ""}, follow=True)
    assert (
        "Le rapport « revue à 6 mois » de uMap ne peut pas être envoyé : "
        "il est envoyé, en attente d’examen."
    ) in page(response)
    assert ReportVersion.objects.count() == 1

    staff = login_staff(Client(), member_of(PROGRAM_MANAGER, "responsable"))
    review = page(staff.get(admin_page(report)))
    assert 'name="comment-bilan"' in review and "Tout avance." in review
    response = staff.post(
        admin_page(report), {"_request_changes": "", "comment-bilan": "Précisez les usages."}
    )
    assert response["Location"] == admin_page(report)
    assert Report.objects.get().status == "changes_requested"

    form = page(client.get(detail(report)))
    assert "Précisez les usages." in form and "Tout avance." in form
    client.post(detail(report), {"bilan": "40 communes l’utilisent.", "usagers": "1200",
                                 "_send": ""})  # fmt: skip
    staff.post(admin_page(report), {"_accept": ""})
    stored = Report.objects.get()
    assert (stored.status, stored.versions.count()) == ("accepted", 2)
    first = page(client.get(reverse("space:report_version", args=[report.pk, 1])))
    assert "Tout avance." in first and "Précisez les usages." in first
    every = page(staff.get(admin_page(report)))
    assert "Tout avance." in every and "40 communes l’utilisent." in every
    assert 'name="_accept"' not in every


def test_a_change_request_needs_a_comment():
    member, report = team("uMap")
    reports.send(report, member, {"bilan": "Fait"}, reports.questions_of(report))
    staff = login_staff(Client(), member_of(PROGRAM_MANAGER, "responsable"))
    response = staff.post(
        admin_page(report),
        {"_request_changes": "", "comment-bilan": " ", "comment-usagers": "  "},
    )
    assert response.status_code == 200
    assert "Dites sur au moins une question" in page(response)
    assert Report.objects.get().status == "sent"


def test_a_refused_review_keeps_every_comment_typed():
    """Someone else reviewed first: the page comes back with why, and the comments typed
    are still there, in the form while it is open, else under "not sent"."""
    member, report = team("uMap")
    reports.send(report, member, {"bilan": "Fait"}, reports.questions_of(report))
    staff = login_staff(Client(), member_of(PROGRAM_MANAGER, "responsable"))
    typed = {"comment-bilan": "Précisez <les> usages.", "comment-usagers": "Combien ?"}
    # Refused while the form is still open (a comment on a question not in the version).
    response = staff.post(admin_page(report), {"_request_changes": "", **typed,
                                               "comment-inconnue": "?"})  # fmt: skip
    assert response.status_code == 200
    html = page(response)
    assert "Ces questions ne sont pas dans la version envoyée : inconnue." in html
    assert ">Précisez &lt;les&gt; usages.</textarea>" in html
    assert ">Combien ?</textarea>" in html
    # Another manager accepts first: both the acceptance and the change request are refused.
    reports.accept(report, member_of(PROGRAM_MANAGER, "autre"))
    for button in ("_request_changes", "_accept"):
        response = staff.post(admin_page(report), {button: "", **typed})
        html = page(response)
        assert response.status_code == 200
        assert "est accepté" in html and 'name="comment-bilan"' not in html
        unsent = html[html.index('id="unsent-comments"') :]
        assert "Vos commentaires, non envoyés" in unsent
        assert "<strong>Bilan des six mois</strong>" in unsent
        assert "Précisez &lt;les&gt; usages." in unsent and "Combien ?" in unsent
    assert (Report.objects.get().status, ReportComment.objects.count()) == ("accepted", 0)


def test_neither_team_reaches_the_others_reports():
    umap, pyronear = team("uMap"), team("Pyronear")
    for (mine, own), (_other, theirs) in [(umap, pyronear), (pyronear, umap)]:
        reports.send(theirs, theirs.laureate.members.get(), {"bilan": f"Secret {theirs.pk}"},
                     reports.questions_of(theirs))  # fmt: skip
        client = sign_in(Client(), mine)
        listing = page(client.get(reverse("space:report_list")))
        assert detail(own) in listing and detail(theirs) not in listing
        for url in [
            detail(theirs),
            detail(ReportFactory.build(pk=MISSING)),
            reverse("space:report_version", args=[theirs.pk, 1]),
            reverse("space:report_version", args=[own.pk, 99]),
        ]:
            assert client.get(url).status_code == 404, url
        assert client.post(detail(theirs), {"bilan": "Intrus", "_send": ""}).status_code == 404
        assert not Report.objects.filter(answers__bilan="Intrus").exists()
        assert client.get(detail(own)).status_code == 200


def test_anonymous_and_staff_without_a_member_session_are_sent_to_sign_in():
    member, report = team("uMap")
    reports.send(report, member, {"bilan": "Fait"}, reports.questions_of(report))
    urls = [
        reverse("space:report_list"),
        detail(report),
        reverse("space:report_version", args=[report.pk, 1]),
    ]
    for client in [Client(), login_staff(Client(), member_of(PROGRAM_MANAGER, "a"))]:
        for url in urls:
            response = client.get(url)
            assert (response.status_code, response["Location"]) == (
                302,
                "/espace-laureat/connexion/",
            ), url


@pytest.mark.parametrize(
    ("role", "listing", "change", "may_review"),
    [
        ("superuser", 200, 200, True),
        (PROGRAM_MANAGER, 200, 200, True),
        (OBSERVER, 200, 200, False),
        (REVIEWER, 403, 404, False),  # a report hidden from them is missing
    ],
)
def test_staff_reach_reports_by_role(role, listing, change, may_review):
    member, report = team("uMap")
    reports.send(report, member, {"bilan": "Fait"}, reports.questions_of(report))
    user = StaffUserFactory(is_superuser=True) if role == "superuser" else member_of(role, "a")
    client = login_staff(Client(), user)
    listing_url = reverse("admin:laureates_report_changelist") + "?status__exact=sent"
    assert client.get(listing_url).status_code == listing
    response = client.get(admin_page(report))
    assert response.status_code == change
    assert ('name="_accept"' in page(response)) is may_review
    if not may_review:
        assert client.post(admin_page(report), {"_accept": ""}).status_code == 403
        assert Report.objects.get().status == "sent"
    missing = reverse("admin:laureates_report_change", args=[MISSING])
    assert client.post(missing, {"_accept": ""}).status_code == (403 if listing == 403 else 404)


def test_reports_never_reach_the_public_pages_or_open_data():
    member, report = team("uMap")
    reports.send(report, member, {"bilan": "Réponse privée 7391"}, reports.questions_of(report))
    reports.accept(report, member_of(PROGRAM_MANAGER, "responsable"))
    client = Client()
    for url in [
        member.laureate.get_absolute_url(),
        reverse("laureates:laureate_list"),
        reverse("open_data:laureates_csv"),
        reverse("open_data:laureates_json"),
        reverse("open_data:laureates_feed"),
    ]:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200, url
        assert b"7391" not in body and b"rapport" not in body.lower(), url


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_space_report_pages_queries_do_not_grow():
    """A laureate has one report of each kind: the list with 1 and 2, the report's page
    with 1 and 6 versions sent."""
    member, report = team("uMap")
    client = sign_in(Client(), member)
    manager = member_of(PROGRAM_MANAGER, "responsable")
    # Session, member, reports; the report's page: its questions, versions, comments.
    assert count(client, reverse("space:report_list")) == 3
    ReportQuestionFactory(plan=member.laureate.season.followup_plan, report_kind="final")
    followup.apply_plan(member.laureate)
    assert count(client, reverse("space:report_list")) == 3
    reports.send(report, member, {"bilan": "1"}, reports.questions_of(report))
    assert count(client, detail(report)) == 6
    for n in range(5):
        reports.request_changes(report, manager, {"bilan": f"Encore {n}"})
        reports.send(report, member, {"bilan": str(n)}, reports.questions_of(report))
    assert count(client, detail(report)) == 6
    assert page(client.get(detail(report))).count("/versions/") == 6


def test_admin_report_list_queries_do_not_grow():
    client = login_staff(Client(), member_of(PROGRAM_MANAGER, "responsable"))
    url = reverse("admin:laureates_report_changelist") + "?status__exact=sent"

    def more(rows):
        for _ in range(rows):
            member, report = team(f"L{Report.objects.count()}")
            reports.send(report, member, {"bilan": "Fait"}, reports.questions_of(report))

    more(1)
    expected = count(client, url)
    more(49)
    assert count(client, url) == expected
    assert len(re.findall(r"/admin/laureates/report/\d+/change/", page(client.get(url)))) == 50


def test_the_laureates_admin_page_lists_its_reports():
    _member, report = team("uMap")
    client = login_staff(Client(), member_of(OBSERVER, "observateur"))
    url = reverse("admin:laureates_laureate_change", args=[report.laureate_id])
    html = page(client.get(url))
    assert f'<a href="{admin_page(report)}" class="inlineviewlink">' in html


def test_the_admin_list_opens_on_the_reports_awaiting_review():
    client = login_staff(Client(), member_of(PROGRAM_MANAGER, "responsable"))
    url = reverse("admin:laureates_report_changelist")
    assert client.get(url)["Location"] == f"{url}?status__exact=sent&o=5"
    titles = [client.get(f"{url}?status__exact={s}").context["title"] for s in ("sent", "")]
    assert titles == ["Rapports en attente d’examen", "Rapports des équipes lauréates"]


def test_staff_read_a_reports_history_and_cannot_save_a_past_version_back():
    member, report = team("uMap")
    reports.send(report, member, {"bilan": "Fait"}, reports.questions_of(report))
    client = login_staff(Client(), member_of(PROGRAM_MANAGER, "responsable"))
    history = reverse("admin:laureates_report_history", args=[report.pk])
    assert "version 1 envoyée par Camille" in page(client.get(history))
    first = Report.history.filter(id=report.pk).earliest("history_id").history_id
    past = f"{history}{first}/"
    assert client.get(past).status_code == 200
    assert client.post(past, {}).status_code == 404  # as any refusal past the door
    assert Report.objects.get().status == "sent"
