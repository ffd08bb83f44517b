"""Updates on steps: posted by the team with files and a measurement, confirmed or sent
back by staff, published on the public page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from laureates.models import Measurement, MilestoneStatus, TeamUpdate, UpdateFile, UpdateStatus
from laureates.space import updates
from laureates.tests.factories import (
    ImpactIndicatorFactory,
    MilestoneFactory,
    TeamMemberFactory,
    TeamUpdateFactory,
)
from laureates.tests.space_helpers import PDF, sign_in
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def step():
    # A support still running: a team may ask for a step to be marked done only then.
    return MilestoneFactory(title="Diagnostic partagé", laureate__name="uMap",
                            laureate__slug="umap", due_on=dt.date(2023, 10, 1),
                            laureate__support_ends_on=dt.date(2099, 1, 4))  # fmt: skip


@pytest.fixture
def member(step):
    return TeamMemberFactory(laureate=step.laureate, name="Yohan", email="yohan@example.org")


@pytest.fixture
def indicator(step):
    return ImpactIndicatorFactory(laureate=step.laureate, name="Cartes créées", unit="cartes")


def post(client, step, **fields):
    data = {"text": "Le diagnostic est rendu.", **fields}
    return client.post(reverse("space:step_detail", args=[step.pk]), data)


def test_member_posts_an_update_with_a_file_and_a_measurement(client, step, member, indicator):
    sign_in(client, member)
    response = post(
        client,
        step,
        asks_done="on",
        files=[SimpleUploadedFile("rapport.pdf", PDF)],
        indicator=indicator.pk,
        measured_on="2023-10-02",
        value="960000",
    )
    update = TeamUpdate.objects.get()
    assert response["Location"] == reverse("space:update_detail", args=[update.pk])
    assert (update.author, update.asks_done, update.status) == (member, True, "submitted")
    assert (update.indicator, update.measured_on, update.value) == (
        indicator, dt.date(2023, 10, 2), Decimal("960000")
    )  # fmt: skip
    stored = UpdateFile.objects.get()
    assert (stored.original_name, stored.size, stored.content_type) == (
        "rapport.pdf", len(PDF), "application/pdf"
    )  # fmt: skip
    assert stored.file.name.startswith("updates/") and stored.file.name != "updates/rapport.pdf"
    page = client.get(response["Location"]).content.decode()
    assert "Le diagnostic est rendu." in page and "en attente de confirmation" in page
    download = client.get(reverse("space:file_download", args=[stored.pk]))
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert download["Content-Disposition"] == 'attachment; filename="rapport.pdf"'


def test_a_file_whose_content_is_not_accepted_is_refused_and_the_text_kept(client, step, member):
    sign_in(client, member)
    fake = SimpleUploadedFile("faux.pdf", b"<script>alert(1)</script>")
    response = post(client, step, text="Mon texte gardé", files=[fake])
    page = response.content.decode()
    assert response.status_code == 400
    assert "faux.pdf : Le contenu de ce fichier n’est pas dans un format accepté" in page
    assert "Mon texte gardé" in page
    assert TeamUpdate.objects.count() == 0


def test_an_incomplete_measurement_is_explained_next_to_its_fields(client, step, member, indicator):
    sign_in(client, member)
    response = post(client, step, indicator=indicator.pk)
    form = response.context["form"]
    assert response.status_code == 400
    message = ["Une mesure demande un indicateur, un jour et une valeur."]
    assert (form.errors["measured_on"], form.errors["value"]) == (message, message)
    assert "indicator" not in form.errors


def test_another_laureates_indicator_cannot_be_chosen(client, step, member):
    sign_in(client, member)
    foreign = ImpactIndicatorFactory()
    response = post(client, step, indicator=foreign.pk, measured_on="2023-10-02", value="1")
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["indicator"]


@pytest.fixture
def awaiting(step, member, indicator):
    return updates.post_update(
        member, step, text="Fait.", asks_done=True,
        measurement=(indicator, dt.date(2023, 10, 2), Decimal("960000")),
    )  # fmt: skip


def admin_review(client, update, **data):
    url = reverse("admin:laureates_teamupdate_change", args=[update.pk])
    return client.post(url, data)


def test_manager_confirms_the_step_is_done_and_the_measurement_recorded(
    client, login_staff, awaiting
):
    manager = member_of(PROGRAM_MANAGER, "responsable")
    login_staff(client, manager)
    page = client.get(reverse("admin:laureates_teamupdate_change", args=[awaiting.pk]))
    assert 'id="confirm-update"' in page.content.decode()
    admin_review(client, awaiting, _confirm="1", staff_comment="Merci !")
    awaiting.refresh_from_db()
    awaiting.milestone.refresh_from_db()
    assert (awaiting.status, awaiting.staff_comment, awaiting.reviewed_by) == (
        UpdateStatus.CONFIRMED, "Merci !", manager
    )  # fmt: skip
    assert awaiting.milestone.status == MilestoneStatus.DONE
    assert list(Measurement.objects.values_list("measured_on", "value")) == [
        (dt.date(2023, 10, 2), Decimal("960000"))
    ]
    assert awaiting.measurement == Measurement.objects.get()
    assert [h.status for h in awaiting.history.order_by("history_id")] == [
        "submitted", "confirmed"
    ]  # fmt: skip


def test_sending_back_needs_a_comment_that_the_team_then_reads(
    client, login_staff, awaiting, member
):
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    admin_review(client, awaiting, _send_back="1", staff_comment="  ")
    assert TeamUpdate.objects.get().status == UpdateStatus.SUBMITTED
    admin_review(client, awaiting, _send_back="1", staff_comment="Joignez le compte rendu.")
    update = TeamUpdate.objects.get()
    assert (update.status, update.staff_comment) == ("sent_back", "Joignez le compte rendu.")
    assert update.milestone.status == MilestoneStatus.PLANNED
    assert Measurement.objects.count() == 0
    team = sign_in(type(client)(), member)
    page = team.get(reverse("space:update_detail", args=[update.pk])).content.decode()
    assert "Joignez le compte rendu." in page and "renvoyée à l’équipe" in page


@pytest.mark.parametrize("role", [OBSERVER, REVIEWER])
def test_observers_and_reviewers_cannot_confirm(client, login_staff, awaiting, role):
    login_staff(client, member_of(role, "quelquun"))
    response = admin_review(client, awaiting, _confirm="1")
    assert response.status_code == {OBSERVER: 403, REVIEWER: 403}[role]
    assert TeamUpdate.objects.get().status == UpdateStatus.SUBMITTED
    page = client.get(reverse("admin:laureates_teamupdate_change", args=[awaiting.pk]))
    assert 'id="confirm-update"' not in page.content.decode()


def test_a_second_confirmation_is_refused(awaiting):
    manager = member_of(PROGRAM_MANAGER, "responsable")
    updates.confirm_update(awaiting, manager)
    with pytest.raises(updates.UpdateRefused, match="déjà été examinée"):
        updates.confirm_update(awaiting, manager)
    with pytest.raises(updates.UpdateRefused):
        updates.send_back(awaiting, manager, comment="Trop tard")
    assert TeamUpdate.history.filter(status="confirmed").count() == 1


def test_only_a_confirmed_update_on_a_public_step_is_published(awaiting):
    with pytest.raises(updates.UpdateRefused, match="confirmée par le programme"):
        updates.set_published(awaiting, True)
    updates.confirm_update(awaiting, member_of(PROGRAM_MANAGER, "responsable"))
    awaiting.milestone.is_public = False
    awaiting.milestone.save()
    with pytest.raises(updates.UpdateRefused, match="pas affichée sur la page publique"):
        updates.set_published(awaiting, True)


def test_the_team_publishes_and_the_public_page_shows_it_with_its_date(client, awaiting, member):
    updates.confirm_update(awaiting, member_of(PROGRAM_MANAGER, "responsable"))
    public = client.get("/laureats/umap/").content.decode()
    assert "Fait." not in public
    team = sign_in(type(client)(), member)
    team.post(reverse("space:update_publish", args=[awaiting.pk]), {"published": "1"})
    awaiting.refresh_from_db()
    assert awaiting.published is True
    public = client.get("/laureats/umap/").content.decode()
    day = f"{awaiting.published_at.day} "
    assert "Fait." in public and "Diagnostic partagé" in public and day in public
    team.post(reverse("space:update_publish", args=[awaiting.pk]), {"published": "0"})
    assert "Fait." not in client.get("/laureats/umap/").content.decode()


def test_staff_publish_from_the_list(client, login_staff, awaiting):
    updates.confirm_update(awaiting, member_of(PROGRAM_MANAGER, "responsable"))
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable2"))
    client.post(reverse("admin:laureates_teamupdate_changelist") + "?status__exact=confirmed",
                {"action": "publish", "_selected_action": [awaiting.pk]})  # fmt: skip
    assert TeamUpdate.objects.get().published is True


def test_nothing_private_reaches_the_public_page_the_feed_or_open_data(client, step, member):
    confirmed = TeamUpdateFactory(milestone=step, text="Texte public publié")
    updates.confirm_update(confirmed, member_of(PROGRAM_MANAGER, "responsable"))
    updates.set_published(confirmed, True)
    UpdateFile.objects.create(update=confirmed, file=SimpleUploadedFile("secret-zorglub.pdf", PDF),
                              original_name="secret-zorglub.pdf", size=1,
                              content_type="application/pdf")  # fmt: skip
    TeamUpdateFactory(milestone=step, text="Brouillon zorglub non confirmé")
    private_step = MilestoneFactory(laureate=step.laureate, title="Étape zorglub", is_public=False)
    TeamUpdateFactory(milestone=private_step, text="Sur une étape privée zorglub")
    member.email = "zorglub@example.org"
    member.save()
    for url in ["/laureats/umap/", "/laureats/", "/donnees-ouvertes/laureats.atom",
                "/donnees-ouvertes/laureats.csv", "/donnees-ouvertes/laureats.json"]:  # fmt: skip
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200
        assert "zorglub" not in body.decode().lower(), url
    assert "Texte public publié" in client.get("/laureats/umap/").content.decode()


def test_confirming_a_missing_or_malformed_update_is_a_404(client, login_staff, awaiting):
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    for object_id in ["999999", "abc"]:
        url = reverse("admin:laureates_teamupdate_change", args=[object_id])
        assert client.post(url, {"_confirm": "1"}).status_code == 404
    assert TeamUpdate.objects.get().status == UpdateStatus.SUBMITTED
