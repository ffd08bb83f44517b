"""The admin cannot break an application's integrity: no application added by hand, and
the call of an application never changed (its scores are on that call's rubric)."""

import pytest
from django.urls import reverse

from seasons.models import Submission, SubmissionStatus
from seasons.tests.factories import CallFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


def test_submission_admin_has_no_add_page(admin_client):
    call = CallFactory()
    response = admin_client.post(
        reverse("admin:seasons_submission_add"),
        {"call": call.pk, "organisation_name": "Ajoutée à la main"},
    )
    assert response.status_code == 403
    assert Submission.objects.count() == 0
    changelist = admin_client.get(reverse("admin:seasons_submission_changelist"))
    assert reverse("admin:seasons_submission_add") not in changelist.content.decode()


def test_sent_application_call_is_shown_but_not_editable_in_the_admin(admin_client):
    submission = SubmissionFactory(status=SubmissionStatus.SUBMITTED, call__title="Appel A")
    CallFactory(title="Appel B")
    html = admin_client.get(
        reverse("admin:seasons_submission_change", args=[submission.pk])
    ).content.decode()
    assert 'name="call"' not in html
    assert "Appel A" in html
