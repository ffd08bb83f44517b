"""Applicants' files reach only staff allowed to see the application; others get 404.

The download lives on the staff side, under the files' admin screen: the admin's door
(staff, password and TOTP code) comes first, so whoever is not past it is sent to the
staff login, whatever the file; past it, a hidden file answers as a missing one.
"""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from accelerator.tests.staff import login_staff
from seasons.private_files import safe_filename
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import AttachmentFactory, ReviewFactory
from seasons.tests.test_review import logged_in_as, member_of

pytestmark = pytest.mark.django_db

MISSING = 999_999


@pytest.fixture
def attachment():
    return AttachmentFactory(original_name="Statuts de l’asso.pdf")


def url_of(pk):
    return reverse("admin:seasons_attachment_download", args=[pk])


def not_found_page(client, pk):
    """The 404 page, its own address (in the language links) set aside."""
    response = client.get(url_of(pk))
    assert response.status_code == 404
    return response.content.decode().replace(quote(url_of(pk), safe=""), "<address>")


def assert_is_the_file(response):
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Statuts%20de%20l%E2%80%99asso.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    # The admin's never_cache adds its own words to the view's "private, no-store".
    assert set(response["Cache-Control"].split(", ")) == {
        "private",
        "no-store",
        "max-age=0",
        "no-cache",
        "must-revalidate",
    }


def assert_sent_to_login(response, pk):
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next=/admin/seasons/attachment/{pk}/download/"


def test_the_download_is_an_admin_address():
    assert url_of(7) == "/admin/seasons/attachment/7/download/"


def test_staff_allowed_to_see_applications_downloads_the_file_as_an_attachment(client, attachment):
    user = User.objects.create_user("instructeur", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_submission", "view_all_submissions"])
    )
    login_staff(client, user)
    assert_is_the_file(client.get(url_of(attachment.pk)))


@pytest.mark.parametrize("role", ["superuser", PROGRAM_MANAGER, OBSERVER])
def test_roles_that_see_every_application_download_any_file(client, attachment, role):
    assert_is_the_file(logged_in_as(client, role).get(url_of(attachment.pk)))


def test_reviewer_downloads_only_the_files_of_applications_assigned_to_them(client, attachment):
    reviewer = member_of(REVIEWER, "evaluatrice")
    other = AttachmentFactory()
    ReviewFactory(submission=attachment.submission, reviewer=reviewer)
    login_staff(client, reviewer)
    assert_is_the_file(client.get(url_of(attachment.pk)))
    assert client.get(url_of(other.pk)).status_code == 404


@pytest.mark.parametrize("role", ["superuser", PROGRAM_MANAGER, OBSERVER, REVIEWER])
def test_a_guessed_id_answers_as_a_hidden_file(client, attachment, role):
    """Nothing tells a reviewer's hidden file from a missing one, nor a missing one from
    a file whose content is gone from the storage."""
    staff = logged_in_as(client, role)
    missing = not_found_page(staff, MISSING)
    assert "<address>" in missing
    gone = AttachmentFactory()
    gone.file.delete(save=False)
    assert not_found_page(staff, gone.pk) == missing
    if role == REVIEWER:
        assert not_found_page(staff, attachment.pk) == missing


def test_staff_without_the_right_to_see_applications_gets_404(client, attachment):
    login_staff(client, User.objects.create_user("u", is_staff=True))
    assert client.get(url_of(attachment.pk)).status_code == 404


def test_a_logged_in_user_who_is_not_staff_is_sent_to_the_staff_login(client, attachment):
    login_staff(client, User.objects.create_user("u", is_staff=False))
    assert_sent_to_login(client.get(url_of(attachment.pk)), attachment.pk)


@pytest.mark.parametrize("pk_of", [lambda a: a.pk, lambda a: MISSING], ids=["file", "missing"])
def test_anonymous_is_sent_to_the_staff_login_whether_or_not_the_file_exists(
    client, attachment, pk_of
):
    pk = pk_of(attachment)
    assert_sent_to_login(client.get(url_of(pk)), pk)


def test_an_applicant_with_their_private_link_gets_no_file(client, attachment):
    submission = attachment.submission
    assert client.get(f"/candidatures/{submission.access_key}/").status_code == 200
    assert_sent_to_login(client.get(url_of(attachment.pk)), attachment.pk)
    # The address the download had under the private pages serves nothing any more.
    assert client.get(f"/candidatures/fichiers/{attachment.pk}/").status_code == 404


def test_the_old_address_under_the_private_pages_serves_nothing_even_to_a_manager(
    client, attachment
):
    manager = logged_in_as(client, PROGRAM_MANAGER)
    assert manager.get(f"/candidatures/fichiers/{attachment.pk}/").status_code == 404


def test_staff_logged_in_without_the_second_factor_is_sent_to_the_login(client, attachment):
    user = User.objects.create_superuser("chef", "chef@example.org", "pw-chef-1")
    client.force_login(user)  # password only: no TOTP code
    assert_sent_to_login(client.get(url_of(attachment.pk)), attachment.pk)
    login_staff(client, user)
    assert_is_the_file(client.get(url_of(attachment.pk)))


def test_the_view_itself_refuses_staff_without_the_second_factor(rf, attachment):
    """Behind the admin's door, the view still asks for the code on its own."""
    from django.http import Http404

    from seasons.admin.file_download import attachment_download

    request = rf.get(url_of(attachment.pk))
    request.user = User.objects.create_superuser("chef", "chef@example.org", "pw-chef-1")
    request.user.is_verified = lambda: False
    with pytest.raises(Http404):
        attachment_download(request, attachment.pk)
    request.user.is_verified = lambda: True
    assert attachment_download(request, attachment.pk).status_code == 200


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


def test_the_admin_links_to_the_download(client, attachment):
    manager = logged_in_as(client, PROGRAM_MANAGER)
    link = f'<a href="/admin/seasons/attachment/{attachment.pk}/download/">'
    change = reverse("admin:seasons_attachment_change", args=[attachment.pk])
    assert link in manager.get(change).content.decode()
    application = reverse("admin:seasons_submission_change", args=[attachment.submission_id])
    assert link in manager.get(application).content.decode()
    review = ReviewFactory(submission=attachment.submission)
    assert (
        link
        in manager.get(reverse("admin:seasons_review_change", args=[review.pk])).content.decode()
    )
