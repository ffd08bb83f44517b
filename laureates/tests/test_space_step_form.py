"""The update form of a step, as a person walking the space met it: several files at
once, publishing only where the public page can show the step, and asking for the step
to be marked done only while its support runs."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from laureates.models import Milestone, TeamUpdate, UpdateFile
from laureates.space import updates
from laureates.tests.factories import MilestoneFactory, TeamMemberFactory
from laureates.tests.space_helpers import PDF, sign_in
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
RUNNING = {"laureate__support_starts_on": dt.date(2026, 1, 5),
           "laureate__support_ends_on": dt.date(2099, 1, 4)}  # fmt: skip


@pytest.fixture
def step():
    return MilestoneFactory(title="Diagnostic partagé", due_on=dt.date(2027, 3, 1), **RUNNING)


@pytest.fixture
def member(step):
    return TeamMemberFactory(laureate=step.laureate, name="Yohan", email="yohan@example.org")


def step_url(step):
    return reverse("space:step_detail", args=[step.pk])


def test_the_file_input_takes_several_files_and_each_is_kept(client, step, member):
    sign_in(client, member)
    page = client.get(step_url(step)).content.decode()
    assert 'type="file" name="files" id="id_files"' in page
    assert 'accept="' in page and " multiple>" in page
    response = client.post(
        step_url(step),
        {"text": "Deux pièces.", "files": [SimpleUploadedFile("rapport.pdf", PDF),
                                            SimpleUploadedFile("photo.png", PNG)]},
    )  # fmt: skip
    update = TeamUpdate.objects.get()
    assert response["Location"] == reverse("space:update_detail", args=[update.pk])
    stored = UpdateFile.objects.filter(update=update).order_by("pk")
    assert [(f.original_name, f.size, f.content_type) for f in stored] == [
        ("rapport.pdf", len(PDF), "application/pdf"),
        ("photo.png", len(PNG), "image/png"),
    ]


def test_six_files_are_refused_and_one_bad_file_names_itself(client, step, member):
    sign_in(client, member)
    six = [SimpleUploadedFile(f"r{n}.pdf", PDF) for n in range(6)]
    response = client.post(step_url(step), {"text": "Trop.", "files": six})
    assert response.status_code == 400
    assert response.context["form"].errors["files"] == [
        "6 fichiers choisis ; une mise à jour peut en contenir 5."
    ]
    bad = [SimpleUploadedFile("ok.pdf", PDF), SimpleUploadedFile("faux.pdf", b"<html>")]
    response = client.post(step_url(step), {"text": "Un faux.", "files": bad})
    assert response.context["form"].errors["files"] == [
        "faux.pdf : Le contenu de ce fichier n’est pas dans un format accepté (document "
        "PDF, OpenDocument ou Microsoft Office, ou scan PNG ou JPEG), quoi qu’en dise son nom."
    ]
    assert TeamUpdate.objects.count() == 0


@pytest.fixture
def confirmed(member):
    manager = member_of(PROGRAM_MANAGER, "responsable")

    def confirmed_update(step):
        update = updates.post_update(member, step, text="Fait.")
        return updates.confirm_update(update, manager)

    return confirmed_update


def test_publishing_is_offered_only_on_a_public_step(client, step, member, confirmed):
    private_step = MilestoneFactory(laureate=step.laureate, title="Étape interne", is_public=False)
    public, private = confirmed(step), confirmed(private_step)
    sign_in(client, member)
    page = client.get(reverse("space:update_detail", args=[public.pk])).content.decode()
    assert 'id="publish"' in page and "L’afficher sur la page publique" in page
    page = client.get(reverse("space:update_detail", args=[private.pk])).content.decode()
    assert 'id="publish"' not in page and "L’afficher sur la page publique" not in page
    assert (
        "Cette étape n’est pas affichée sur la page publique : ses mises à jour restent "
        "entre l’équipe et le programme." in page
    )


def test_publishing_on_a_private_step_is_refused_with_a_message(client, step, member, confirmed):
    private_step = MilestoneFactory(laureate=step.laureate, title="Étape interne", is_public=False)
    private = confirmed(private_step)
    sign_in(client, member)
    url = reverse("space:update_publish", args=[private.pk])
    response = client.post(url, {"published": "1"}, follow=True)
    assert [str(m) for m in response.context["messages"]][-1:] == [
        "Cette étape n’est pas affichée sur la page publique."
    ]
    private.refresh_from_db()
    assert (private.published, private.published_at) == (False, None)


def test_asking_for_done_is_offered_while_the_step_is_open_and_the_support_runs(
    client, step, member
):
    sign_in(client, member)
    page = client.get(step_url(step)).content.decode()
    assert 'name="asks_done"' in page and "Demander au programme" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": "done", "completed_on": dt.date(2026, 3, 1)},
         "Cette étape est déjà marquée comme faite."),
        ({"status": "cancelled", "status_reason": "Abandonnée"},
         "Le statut de cette étape est « annulé » : elle ne peut pas être marquée comme faite."),
        ({"laureate": {"support_ends_on": dt.date(2026, 1, 31)}},
         "L’accompagnement de votre lauréat a pris fin le 31 janvier 2026 : le programme ne "
         "marque plus ses étapes comme faites."),
        ({"laureate": {"support_closed_on": dt.date(2026, 6, 1)}},
         "L’accompagnement de votre lauréat a pris fin le 1er juin 2026 : le programme ne "
         "marque plus ses étapes comme faites."),
    ],
)  # fmt: skip
def test_asking_for_done_once_the_support_ended_is_neither_offered_nor_accepted(
    client, step, member, changes, message
):
    for name, value in changes.pop("laureate", {}).items():
        setattr(step.laureate, name, value)
    step.laureate.save()
    Milestone.objects.filter(pk=step.pk).update(**changes)
    sign_in(client, member)
    page = client.get(step_url(step)).content.decode()
    assert 'name="asks_done"' not in page and message in page
    response = client.post(step_url(step), {"text": "C’est fait.", "asks_done": "on"})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [message]
    assert "C’est fait." in response.content.decode()
    assert TeamUpdate.objects.count() == 0
