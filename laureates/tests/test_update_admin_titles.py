"""The staff's screens of the teams' updates: their list keeps its own title (the other
lists keep their plural), an update is named with a French date and agreeing words."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from laureates.models import TeamUpdate
from laureates.tests.factories import MilestoneFactory, TeamUpdateFactory
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db


def headings(response):
    page = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1).strip()
    return title, re.search(r"<h1>(.*?)</h1>", page, re.S).group(1).strip()


@pytest.fixture
def update():
    step = MilestoneFactory(title="Diagnostic partagé", laureate__name="uMap")
    made = TeamUpdateFactory(milestone=step, text="Fait.")
    posted = timezone.make_aware(dt.datetime(2026, 12, 5, 10, 30))
    TeamUpdate.objects.filter(pk=made.pk).update(created_at=posted)
    made.refresh_from_db()
    return made


def test_the_updates_list_keeps_its_own_title_and_other_lists_their_plural(
    client, login_staff, update
):
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    url = reverse("admin:laureates_teamupdate_changelist")
    assert headings(client.get(url + "?status__exact=submitted&o=3")) == (
        "Mises à jour en attente de confirmation | Espace équipe",
        "Mises à jour en attente de confirmation",
    )
    assert headings(client.get(url + "?status__exact=confirmed")) == (
        "Mises à jour des équipes lauréates | Espace équipe",
        "Mises à jour des équipes lauréates",
    )
    assert headings(client.get(reverse("admin:laureates_milestone_changelist"))) == (
        "Jalons | Espace équipe",
        "Jalons",
    )
    assert headings(client.get(reverse("admin:seasons_season_changelist"))) == (
        "Saisons | Espace équipe",
        "Saisons",
    )


def test_an_update_is_named_with_a_french_date_and_shown_in_the_feminine(
    client, login_staff, update
):
    assert str(update) == "Diagnostic partagé — 5 décembre 2026"
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    page = client.get(reverse("admin:laureates_teamupdate_change", args=[update.pk]))
    text = page.content.decode()
    assert "Diagnostic partagé — 5 décembre 2026" in text and "2026-12-05" not in text
    assert "Affichée sur la page publique" in text and "Affiché sur" not in text
    listing = client.get(
        reverse("admin:laureates_teamupdate_changelist") + "?status__exact=submitted"
    )
    listed = listing.content.decode().lower()  # a column's header, a filter's title
    assert "affichée sur la page publique" in listed and "affiché sur" not in listed
