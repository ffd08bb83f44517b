"""Who reaches what of the teams' space: each team its own laureate only, staff by role,
anonymous visitors sent to sign in; the pages' queries do not grow with their rows."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accelerator.tests.concurrency import both_managers_try
from accelerator.tests.staff import login_staff
from laureates.models import Measurement, TeamUpdate, UpdateFile, UpdateStatus
from laureates.space import updates
from laureates.tests.factories import (
    ImpactIndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    StaffUserFactory,
    TeamMemberFactory,
    TeamUpdateFactory,
)
from laureates.tests.space_helpers import sign_in
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.test_review import member_of

PDF = b"%PDF-1.4\n%%EOF\n"
MISSING = 999_999


def team(name):
    """A laureate with a member, a step, an update and its file."""
    step = MilestoneFactory(laureate__name=name, title=f"Étape {name}")
    member = TeamMemberFactory(laureate=step.laureate, email=f"{name.lower()}@example.org")
    update = TeamUpdateFactory(milestone=step, author=member, text=f"Texte {name}")
    stored = UpdateFile.objects.create(
        update=update, file=SimpleUploadedFile("f.pdf", PDF), original_name=f"{name}.pdf",
        size=len(PDF), content_type="application/pdf",
    )  # fmt: skip
    return member, step, update, stored


def urls_of(step, update, stored):
    return {
        "step": reverse("space:step_detail", args=[step.pk]),
        "update": reverse("space:update_detail", args=[update.pk]),
        "file": reverse("space:file_download", args=[stored.pk]),
    }


def answer(client, url, method="get"):
    response = getattr(client, method)(url)
    return response.status_code, response.get("Location")


@pytest.mark.django_db
def test_neither_team_reaches_anything_of_the_other():
    umap, pyronear = team("uMap"), team("Pyronear")
    for (mine, *own), (_other, *theirs) in [(umap, pyronear), (pyronear, umap)]:
        client = sign_in(Client(), mine)
        home = client.get("/espace-laureat/").content.decode()
        assert mine.laureate.name in home and theirs[0].title not in home
        listing = client.get(reverse("space:update_list")).content.decode()
        assert own[1].milestone.title in listing and theirs[1].text not in listing
        missing = {
            "step": reverse("space:step_detail", args=[MISSING]),
            "update": reverse("space:update_detail", args=[MISSING]),
            "file": reverse("space:file_download", args=[MISSING]),
        }
        for name, url in urls_of(*theirs).items():
            assert answer(client, url) == answer(client, missing[name]) == (404, None), name
        for name, url in urls_of(*own).items():
            assert answer(client, url)[0] == 200, name
        publish = reverse("space:update_publish", args=[theirs[1].pk])
        assert client.post(publish, {"published": "1"}).status_code == 404
        posted = client.post(urls_of(*theirs)["step"], {"text": "Intrus"})
        assert posted.status_code == 404
        assert not TeamUpdate.objects.filter(text="Intrus").exists()


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in_and_never_gets_a_file():
    _member, step, update, stored = team("uMap")
    client = Client()
    urls = urls_of(step, update, stored)
    for url in ["/espace-laureat/", reverse("space:update_list"), urls["step"], urls["update"]]:
        assert answer(client, url) == (302, "/espace-laureat/connexion/"), url
    assert answer(client, urls_of(step, update, stored)["file"]) == (404, None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("superuser", 200), (PROGRAM_MANAGER, 200), (OBSERVER, 200), (REVIEWER, 404)],
)
def test_staff_download_files_by_role(role, status):
    _member, _step, _update, stored = team("uMap")
    user = StaffUserFactory(is_superuser=True) if role == "superuser" else member_of(role, "agent")
    client = login_staff(Client(), user)
    assert client.get(reverse("space:file_download", args=[stored.pk])).status_code == status


@pytest.mark.django_db
def test_staff_without_their_second_factor_get_no_file(settings):
    _member, _step, _update, stored = team("uMap")
    client = Client()
    client.force_login(member_of(PROGRAM_MANAGER, "responsable"))
    settings.DEBUG = False
    assert client.get(reverse("space:file_download", args=[stored.pk])).status_code == 404


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_space_page_and_updates_list_queries_do_not_grow_with_rows():
    def world(rows):
        member = TeamMemberFactory()
        indicator = ImpactIndicatorFactory(laureate=member.laureate)
        lead = StaffUserFactory()
        for n in range(rows):
            step = MilestoneFactory(laureate=member.laureate, owner=lead,
                                    due_on=dt.date(2023, 6, 1) + dt.timedelta(n))  # fmt: skip
            TeamUpdateFactory(milestone=step, author=member, indicator=indicator,
                              measured_on=dt.date(2023, 6, 1), value=n)  # fmt: skip
            MeasurementFactory(
                indicator=indicator, measured_on=dt.date(2023, 1, 1) + dt.timedelta(n)
            )
        return sign_in(Client(), member)

    one, many = world(1), world(50)
    home, listing = "/espace-laureat/", reverse("space:update_list")
    # Session, member, then steps, indicators, measurements, awaiting count, reports /
    # updates.
    assert count(one, home) == count(many, home) == 7
    assert count(one, listing) == count(many, listing) == 3
    links = re.findall(
        r'href="/espace-laureat/mises-a-jour/\d+/"', many.get(listing).content.decode()
    )
    assert len(links) == 50


@pytest.mark.django_db(transaction=True)
def test_two_staff_confirming_at_once_leave_one_result():
    member, step, _update, _stored = team("uMap")
    step.laureate.support_ends_on = dt.date(2099, 1, 4)  # running: "done" may be asked
    step.laureate.save()
    indicator = ImpactIndicatorFactory(laureate=member.laureate)
    update = updates.post_update(
        member, step, text="Fait", asks_done=True,
        measurement=(indicator, dt.date(2023, 10, 2), 5),
    )  # fmt: skip

    outcome = both_managers_try(updates.confirm_update, update, refused=updates.UpdateRefused)
    assert outcome == ["Cette mise à jour a déjà été examinée (confirmée).", "done"]
    assert TeamUpdate.history.filter(id=update.pk, status=UpdateStatus.CONFIRMED).count() == 1
    assert Measurement.objects.filter(indicator=indicator).count() == 1


@pytest.mark.django_db
def test_public_page_queries_do_not_grow_with_published_updates(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    manager = member_of(PROGRAM_MANAGER, "responsable")

    def laureate_with(rows):
        step = MilestoneFactory()
        for n in range(rows):
            update = TeamUpdateFactory(milestone=step, text=f"Nouvelle {n}")
            updates.confirm_update(update, manager)
            updates.set_published(update, True)
        return step.laureate.get_absolute_url()

    one, many = laureate_with(1), laureate_with(50)
    # The same count whatever the number of published updates.
    # the public id of the slug, then the record (laureates.public_record), its first render
    assert count(Client(), one) == count(Client(), many) == 7
    assert Client().get(many).content.decode().count("<article") == 50


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["superuser", PROGRAM_MANAGER, OBSERVER, REVIEWER])
def test_staff_are_not_team_members_and_keep_their_sign_in_apart(role):
    member, step, update, stored = team("uMap")
    user = StaffUserFactory(is_superuser=True) if role == "superuser" else member_of(role, "a")
    client = login_staff(Client(), user)
    urls = urls_of(step, update, stored)
    for url in ["/espace-laureat/", reverse("space:update_list"), urls["step"], urls["update"]]:
        assert answer(client, url) == (302, "/espace-laureat/connexion/"), url
    # Signed in as a member too, then out of the space: still signed in as staff.
    sign_in(client, member)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert answer(client, urls["update"])[0] == 200
    client.post(reverse("space:sign_out"))
    assert client.session["_auth_user_id"] == str(user.pk)
    assert answer(client, urls["update"]) == (302, "/espace-laureat/connexion/")
