"""Applicants' files reach only staff allowed to see the application; others get 404."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from accelerator.tests.staff import login_staff
from seasons.file_views import safe_filename
from seasons.selection.roles import REVIEWER
from seasons.tests.factories import AttachmentFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attachment():
    return AttachmentFactory(original_name="Statuts de l’asso.pdf")


def url_of(attachment):
    return reverse("applications:attachment_download", args=[attachment.pk])


def test_staff_allowed_to_see_applications_downloads_the_file_as_an_attachment(client, attachment):
    user = User.objects.create_user("instructeur", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_submission", "view_all_submissions"])
    )
    login_staff(client, user)
    response = client.get(url_of(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Statuts%20de%20l%E2%80%99asso.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("who", ["anonymous", "applicant-like user", "staff without permission"])
def test_everyone_else_gets_404(client, attachment, who):
    if who != "anonymous":
        login_staff(client, User.objects.create_user("u", is_staff=who.startswith("staff")))
    assert client.get(url_of(attachment)).status_code == 404


def test_files_have_no_public_address(client, attachment, settings):
    assert attachment.file.name.startswith("attachments/")
    assert "statuts" not in attachment.file.name.lower()
    for prefix in ["/media/", "/private/", "/static/"]:
        assert client.get(prefix + attachment.file.name).status_code == 404


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\a\\bilan.pdf", "bilan.pdf"),
        ('we"ird\r\nname.pdf', "weirdname.pdf"),
        ("...", "piece-jointe"),
    ],
)
def test_download_names_are_safe(name, expected):
    assert safe_filename(name) == expected


def test_reviewer_downloads_only_the_files_of_applications_assigned_to_them(client, attachment):
    reviewer = User.objects.create_user("evaluatrice", is_staff=True)
    reviewer.groups.add(Group.objects.get(name=REVIEWER))
    other = AttachmentFactory()
    ReviewFactory(submission=attachment.submission, reviewer=reviewer)
    login_staff(client, reviewer)
    assert client.get(url_of(attachment)).status_code == 200
    assert client.get(url_of(other)).status_code == 404


def test_staff_logged_in_without_the_second_factor_gets_404(client, attachment):
    user = User.objects.create_superuser("chef", "chef@example.org", "pw-chef-1")
    client.force_login(user)  # password only: no TOTP code
    assert client.get(url_of(attachment)).status_code == 404
    login_staff(client, user)
    assert client.get(url_of(attachment)).status_code == 200
