"""Staff are warned, never blocked, when laureates would go public before their
decision e-mail leaves, or when selected applications have no announcement date."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from seasons.models import SubmissionStatus
from seasons.tests.factories import CallFactory, OutboundEmailFactory, SubmissionFactory

pytestmark = pytest.mark.django_db

PARIS = dt.timezone(dt.timedelta(hours=1))


def warnings_on(response):
    html = response.content.decode()
    return [" ".join(w.split()) for w in re.findall(r'<li class="warning">([^<]+)</li>', html)]


def test_call_page_warns_of_unsent_decision_emails_before_the_announcement(admin_client):
    call = CallFactory(title="Communs 2027", laureates_announced_at=dt.datetime(
        2027, 1, 15, 10, 0, tzinfo=PARIS))  # fmt: skip
    selected = SubmissionFactory(call=call, status=SubmissionStatus.SELECTED)
    OutboundEmailFactory(submission=selected, kind="decision", status="draft")
    other = SubmissionFactory(call=call, status=SubmissionStatus.SELECTED)
    OutboundEmailFactory(submission=other, kind="decision", status="sent",
                         sent_at=dt.datetime(2027, 1, 10, 9, 0, tzinfo=PARIS))  # fmt: skip
    response = admin_client.get(reverse("admin:seasons_call_change", args=[call.pk]))
    assert warnings_on(response) == [
        "« Communs 2027 » : 1 courriel de décision à un candidat retenu n’est pas encore "
        "envoyé, alors que les lauréats deviennent publics le 15 janvier 2027 10:00. "
        "Envoyez-le d’abord depuis la boîte d’envoi."
    ]


def test_call_page_warns_of_selected_applications_without_announcement_date(admin_client):
    call = CallFactory(title="Communs 2027", laureates_announced_at=None)
    SubmissionFactory(call=call, status=SubmissionStatus.SELECTED)
    response = admin_client.get(reverse("admin:seasons_call_change", args=[call.pk]))
    assert warnings_on(response) == [
        "« Communs 2027 » a des candidatures retenues mais pas de date d’annonce : ses "
        "lauréats restent absents du site public tant qu’ils ne sont pas publiés un par un."
    ]


def test_call_page_without_selected_applications_warns_of_nothing(admin_client):
    call = CallFactory(laureates_announced_at=None)
    SubmissionFactory(call=call, status=SubmissionStatus.SHORTLISTED)
    response = admin_client.get(reverse("admin:seasons_call_change", args=[call.pk]))
    assert warnings_on(response) == []
