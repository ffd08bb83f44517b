"""The cockpit's call cards show each call's award offers: those awaiting the answer with
their deadline, and how many were accepted, declined and lapsed; in one query."""

import datetime as dt

import pytest

from accelerator.tests.staff import login_staff
from seasons.cockpit import cockpit_calls
from seasons.selection import award
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.award_helpers import RELEASE, decided_call
from seasons.tests.factories import CallFactory
from seasons.tests.test_committee_cockpit import queries
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def open_decided_call(title="Jury"):
    return decided_call(call=CallFactory(is_open=True, title=f"Appel {title}"), title=title)


def card(call):
    return next(f for f in cockpit_calls() if f.call == call)


def test_a_call_without_offers_shows_none():
    call = CallFactory(is_open=True)
    assert card(call).offers is None


def test_each_answer_is_counted_and_the_pending_offer_shown_with_its_deadline():
    call, apps = open_decided_call()
    offers = card(call).offers
    assert ([o.submission for o in offers.pending], offers.answers) == (
        [apps["Projet 5"]],
        [("acceptée", 0), ("déclinée", 0), ("expirée", 0)],
    )
    assert offers.list_url == (f"/admin/seasons/awardoffer/?submission__call__id__exact={call.pk}")
    award.decline(apps["Projet 5"], now=RELEASE + DAY)  # the place goes to "Projet 4"
    award.lapse_overdue(RELEASE + 16 * DAY)  # then to "Projet 3"
    award.accept(apps["Projet 3"], now=RELEASE + 17 * DAY)
    offers = card(call).offers
    assert (offers.pending, offers.answers) == (
        [],
        [("acceptée", 1), ("déclinée", 1), ("expirée", 1)],
    )


@pytest.mark.parametrize("role", [PROGRAM_MANAGER, OBSERVER])
def test_managers_and_observers_read_the_offers_on_the_home(client, role):
    call, apps = open_decided_call()
    award.decline(apps["Projet 5"], now=RELEASE + DAY)
    login_staff(client, member_of(role, "lecteur"))
    html = client.get("/admin/").content.decode()
    block = html.split(f'id="cockpit-call-{call.pk}"')[1].split("</table>")[0]
    promoted = apps["Projet 4"]
    assert (
        f'<h4><a href="/admin/seasons/awardoffer/?submission__call__id__exact={call.pk}">'
        "Places de lauréat proposées</a></h4>"
    ) in block
    assert (
        f'<li><a href="/admin/seasons/submission/{promoted.pk}/change/">{promoted}</a> :\n'
    ) in block
    assert "réponse attendue jusqu’au 5 juillet 2030 11:00" in block
    assert "<li>Déclinée : 1</li>" in block
    assert "<li>Acceptée : 0</li><li>Décliné" in block


def test_a_reviewer_reads_no_offer_on_the_home(client):
    open_decided_call()
    login_staff(client, member_of(REVIEWER, "evaluatrice"))
    html = client.get("/admin/").content.decode()
    assert ("Places de lauréat proposées" in html, "Projet 5" in html) == (False, False)


def test_the_offers_cost_one_query_with_one_offer_or_many(client):
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    open_decided_call("Un")
    one = queries(client)
    for title in ("Deux", "Trois", "Quatre"):
        _call, apps = open_decided_call(title)
        award.decline(apps["Projet 5"], now=RELEASE + DAY)
        award.lapse_overdue(RELEASE + 16 * DAY)
    html = client.get("/admin/").content.decode()
    assert html.count("Déclinée : 1") == 3
    assert queries(client) == one == 17
