"""The admin's home is a cockpit: what each staff role sees there, in fixed queries."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accelerator.tests.staff import login_staff
from laureates.followup import today
from laureates.models import MilestoneStatus, UpdateStatus
from laureates.tests.factories import MilestoneFactory, TeamUpdateFactory
from seasons.models import SubmissionStatus
from seasons.selection import decisions
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import CallFactory, ReviewFactory, SubmissionFactory
from seasons.tests.test_review import member_of
from seasons.tests.test_review_drafts import review_of_a_draft

pytestmark = pytest.mark.django_db

S = SubmissionStatus
INDEX = "/admin/"
LIST = "/admin/seasons/submission/"


def days_ago(days):
    return timezone.now() - dt.timedelta(days=days)


@pytest.fixture
def program():
    """An open call, one closed 100 days ago, one closed 200 days ago and one to come;
    milestones overdue, due soon, later and done."""
    open_call = CallFactory(title="Appel ouvert", opens_at=days_ago(10), closes_at=days_ago(-20))
    recent = CallFactory(title="Appel récent", opens_at=days_ago(200), closes_at=days_ago(100))
    CallFactory(title="Appel ancien", opens_at=days_ago(400), closes_at=days_ago(200))
    CallFactory(title="Appel à venir", opens_at=days_ago(-10), closes_at=days_ago(-40))
    SubmissionFactory(call=open_call, status=S.DRAFT, reference="", submitted_at=None)
    SubmissionFactory(call=open_call, status=S.SUBMITTED)
    SubmissionFactory.create_batch(2, call=recent, status=S.IN_REVIEW)
    SubmissionFactory(call=recent, status=S.SELECTED)
    day = today()
    MilestoneFactory(title="Statuts déposés", due_on=day - dt.timedelta(days=3))
    MilestoneFactory(title="Comité de suivi", due_on=day + dt.timedelta(days=30))
    MilestoneFactory(title="Bilan final", due_on=day + dt.timedelta(days=31))
    MilestoneFactory(
        title="Déjà fait",
        due_on=day - dt.timedelta(days=3),
        status=MilestoneStatus.DONE,
        completed_on=day,
    )
    return open_call, recent


def home(client, user):
    login_staff(client, user)
    response = client.get(INDEX)
    assert response.status_code == 200
    return response.content.decode()


def call_card(html, call):
    return html.split(f'id="cockpit-call-{call.pk}"')[1].split("</table>")[0]


def links(block):
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', block)


@pytest.mark.parametrize("role", [PROGRAM_MANAGER, OBSERVER])
def test_managers_and_observers_see_open_and_recent_calls_with_their_figures(client, program, role):
    open_call, recent = program
    html = home(client, member_of(role, "personne"))
    calls = html.split('id="cockpit-calls"')[1].split("</section>")[0]
    titles = re.findall(r"<h3><a [^>]+>([^<]+)</a></h3>", calls)
    # The soonest deadline first; neither the call closed 200 days ago nor the next one.
    assert titles == ["Appel récent", "Appel ouvert"]
    card = call_card(html, recent)
    progress, calibration = (
        reverse(f"admin:seasons_call_{page}", args=[recent.pk])
        for page in ["reviews", "calibration"]
    )
    assert links(card)[0] == (f"{LIST}?call__id__exact={recent.pk}", "Appel récent")
    assert links(card)[1:] == [
        (reverse("admin:seasons_call_summary", args=[recent.pk]), "Synthèse"),
        (f"{LIST}?call__id__exact={recent.pk}&amp;status__exact=in_review", "En instruction : 2"),
        (f"{LIST}?call__id__exact={recent.pk}&amp;status__exact=selected", "Retenue : 1"),
        (progress, "Avancement de chaque évaluateur"),
        (calibration, "Calibrage des évaluateurs"),
    ]
    assert "Aucune évaluation attribuée dans cet appel pour l’instant." in card
    assert "Cet appel ne fixe pas de date limite aux évaluations" in card
    assert "3 candidatures, par statut" in card
    funnel = re.findall(r'<th scope="row">([^<]+)</th>\s*<td>(\d+)</td>', card)
    assert funnel == [("Déposée", "3"), ("En instruction", "3"), ("Présélectionnée", "1"),
                      ("Retenue", "1")]  # fmt: skip
    assert "clos le" in card
    open_card = call_card(html, open_call)
    assert "ouvert jusqu’au" in open_card
    assert [text for _url, text in links(open_card)[2:4]] == ["Brouillon : 1", "Déposée : 1"]


def review_figures(card):
    """[(text, stands out)] of the card's review figures."""
    items = card.split('class="cockpit-statuses cockpit-reviews"')[1].split("</ul>")[0]
    return [
        (" ".join(text.split()), bool(alert))
        for alert, text in re.findall(r'<li( class="cockpit-alert")?>([^<]+)</li>', items)
    ]


@pytest.mark.parametrize("role", [PROGRAM_MANAGER, OBSERVER, "superuser"])
def test_each_call_card_gives_its_reviews_conflicts_and_overdue_ones_standing_out(
    client, program, role
):
    open_call, recent = program
    recent.review_deadline = days_ago(1)
    recent.save()
    open_call.review_deadline = days_ago(-40)
    open_call.save()
    first, second = recent.submissions.filter(status=S.IN_REVIEW)
    now = timezone.now()
    ReviewFactory(submission=first, submitted_at=now, conflict_of_interest=False)
    ReviewFactory(submission=first, submitted_at=now, conflict_of_interest=True)
    ReviewFactory.create_batch(2, submission=second)  # past the deadline
    ReviewFactory(submission=open_call.submissions.get(status=S.SUBMITTED))  # still in time
    review_of_a_draft(member_of(REVIEWER, "evaluatrice"), call=open_call)  # never counted
    if role == "superuser":
        user = get_user_model().objects.create_superuser("racine", "r@example.org", "pw")
    else:
        user = member_of(role, "personne")
    html = home(client, user)
    card = call_card(html, recent)
    assert review_figures(card) == [
        ("Attribuées : 4", False),
        ("Faites : 1", False),
        ("Conflits d’intérêts : 1", True),
        ("En retard : 2", True),
    ]
    assert "Les évaluations sont attendues au plus tard le " in card
    assert review_figures(call_card(html, open_call)) == [
        ("Attribuées : 1", False),
        ("Faites : 0", False),
        ("Conflits d’intérêts : 0", False),
        ("En retard : 0", False),
    ]
    assert f'<a href="{reverse("admin:seasons_call_reviews", args=[recent.pk])}">' in card


@pytest.mark.parametrize("role", [PROGRAM_MANAGER, OBSERVER])
def test_managers_and_observers_see_the_follow_up_overdue_and_due_within_30_days(
    client, program, role
):
    html = home(client, member_of(role, "personne"))
    overdue = html.split('id="cockpit-overdue"')[1].split("</div>")[0]
    due_soon = html.split('id="cockpit-due-soon"')[1].split("</div>")[0]
    assert "<h3>1 jalon en retard</h3>" in overdue
    assert [text.split(" — ")[1] for _url, text in links(overdue)] == ["Statuts déposés"]
    assert "<h3>1 jalon à échéance sous 30 jours</h3>" in due_soon
    assert [text.split(" — ")[1] for _url, text in links(due_soon)] == ["Comité de suivi"]
    assert f'<a href="{reverse("admin:laureates_laureate_board")}">' in html


def test_a_reviewer_sees_only_their_own_reviews_and_nothing_of_calls_or_follow_up(client, program):
    open_call, recent = program
    reviewer = member_of(REVIEWER, "evaluatrice")
    done, to_do = recent.submissions.filter(status=S.IN_REVIEW)
    ReviewFactory(submission=done, reviewer=reviewer, submitted_at=timezone.now(),
                  conflict_of_interest=False)  # fmt: skip
    ReviewFactory(submission=to_do, reviewer=reviewer)
    # Left on a draft before the database refused it: never counted, as never shown.
    review_of_a_draft(reviewer, call=open_call)
    ReviewFactory(submission=open_call.submissions.get(status=S.SUBMITTED))  # someone else's
    html = home(client, reviewer)
    block = html.split('id="cockpit-my-reviews"')[1].split("</section>")[0]
    assert "1 faites sur 2 qui vous sont attribuées." in block
    reviews = reverse("admin:seasons_review_changelist")
    assert links(block) == [
        (f"{reviews}?submitted_at__isnull=True", "1 évaluation à faire"),
        (reviews, "Toutes mes évaluations"),
    ]
    for hidden in ["cockpit-calls", "cockpit-follow-up", "Appel récent", "Appel ouvert",
                   "Statuts déposés", 'id="system"', "/calibration/", "cockpit-reviews",
                   "Conflits d’intérêts"]:  # fmt: skip
        assert hidden not in html


@pytest.mark.parametrize("role", [PROGRAM_MANAGER, OBSERVER, REVIEWER])
def test_staff_see_the_programs_apps_but_not_the_system(client, role):
    html = home(client, member_of(role, "personne"))
    assert 'id="program-data"' in html
    assert "Saisons, appels et candidatures" in html
    assert 'id="system"' not in html
    assert "app-axes" not in html and "app-auth" not in html


def test_a_superuser_sees_the_cockpit_then_the_system_apps_under_their_heading(client, program):
    root = get_user_model().objects.create_superuser("racine", "r@example.org", "pw")
    html = home(client, root)
    assert 'id="cockpit-calls"' in html and 'id="cockpit-follow-up"' in html
    assert 'id="cockpit-my-reviews"' not in html
    program_part, system_part = html.split('<h2 class="cockpit-heading" id="system">Système</h2>')
    apps = re.findall(r'<div class="app-([a-z_]+) module', system_part)
    assert sorted(apps) == ["auth", "axes", "flatpages", "otp_totp", "sites"]
    assert re.findall(r'<div class="app-([a-z_]+) module', program_part) == [
        "laureates",
        "seasons",
    ]


def test_visitors_not_signed_in_are_sent_to_the_sign_in_page(client, program):
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def queries_of_home(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INDEX).status_code == 200
    return len(queries)


def more_of_everything(manager):
    for n in range(3):
        call = CallFactory(opens_at=days_ago(30), closes_at=days_ago(-30 + n))
        submissions = SubmissionFactory.create_batch(4, call=call, status=S.IN_REVIEW)
        decisions.decide(submissions[:2], S.REJECTED, user=manager, draft_emails=False)
        for submission in submissions:
            ReviewFactory(submission=submission)
        ReviewFactory(submission=submissions[2], submitted_at=timezone.now(),
                      conflict_of_interest=True)  # fmt: skip
        call.review_deadline = days_ago(1)  # the open reviews are overdue
        call.save()
    for days in (-5, -1, 3, 10):
        MilestoneFactory.create_batch(3, due_on=today() + dt.timedelta(days=days))


def test_the_cockpit_costs_the_same_queries_with_one_call_and_with_many(client):
    manager = member_of(PROGRAM_MANAGER, "responsable")
    login_staff(client, manager)
    SubmissionFactory(call__opens_at=days_ago(30), call__closes_at=days_ago(-30))
    MilestoneFactory(due_on=today())
    # 3 for the session, user and OTP device, 2 for the rights, 6 for the calls' block
    # (calls, statuses, funnel, reviews, next committee sessions, award offers), 5 for the
    # follow-up's (with the team updates awaiting confirmation), 1 for the recent actions
    assert queries_of_home(client) == 17
    more_of_everything(manager)
    assert queries_of_home(client) == 17


def test_a_reviewers_cockpit_costs_the_same_queries_with_one_review_and_with_many(client):
    reviewer = member_of(REVIEWER, "evaluatrice")
    login_staff(client, reviewer)
    ReviewFactory(reviewer=reviewer)
    assert queries_of_home(client) == 7
    for submission in SubmissionFactory.create_batch(5, status=S.IN_REVIEW):
        ReviewFactory(submission=submission, reviewer=reviewer)
    assert queries_of_home(client) == 7


def awaiting_line(html):
    return html.split('<p id="cockpit-awaiting-updates">')[1].split("</p>")[0]


AWAITING_URL = "/admin/laureates/teamupdate/?status__exact=submitted&amp;o=3"


@pytest.mark.parametrize("role", [PROGRAM_MANAGER, OBSERVER])
def test_managers_and_observers_see_the_team_updates_awaiting_confirmation(client, role):
    TeamUpdateFactory.create_batch(2)
    TeamUpdateFactory(status=UpdateStatus.CONFIRMED)
    TeamUpdateFactory(status=UpdateStatus.SENT_BACK)
    html = home(client, member_of(role, "personne"))
    assert awaiting_line(html) == (
        f'<a href="{AWAITING_URL}">2 mises à jour d’équipe en attente de confirmation</a>'
    )


def test_the_cockpit_says_when_no_team_update_awaits(client):
    TeamUpdateFactory(status=UpdateStatus.CONFIRMED)
    html = home(client, member_of(PROGRAM_MANAGER, "responsable"))
    assert awaiting_line(html) == (
        f'<a href="{AWAITING_URL}">0 mise à jour d’équipe en attente de confirmation</a>'
    )


def test_a_reviewer_sees_no_team_update(client):
    TeamUpdateFactory()
    assert "cockpit-awaiting-updates" not in home(client, member_of(REVIEWER, "evaluatrice"))


def test_the_awaiting_updates_cost_one_query_with_one_update_and_with_many(client):
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    TeamUpdateFactory()
    # As above, but no call: one query for the calls' block instead of four.
    assert queries_of_home(client) == 12
    TeamUpdateFactory.create_batch(4)
    assert queries_of_home(client) == 12
    assert "5 mises à jour d’équipe" in client.get(INDEX).content.decode()
