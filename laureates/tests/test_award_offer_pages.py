"""The applicant's answer to the award on their private pages: the status page's block,
the confirmation pages, every role on the new addresses, double posts."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from accelerator.dates import format_moment
from laureates.space.membership import add_member
from laureates.tests.factories import LaureateFactory
from laureates.tests.space_helpers import sign_in
from seasons.models import AwardOffer, OfferState, SubmissionStatus
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.award_helpers import decided_call, fresh, offer
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db
S = SubmissionStatus
GUESSED = "cle-devinee-" + "x" * 31


@pytest.fixture
def told():
    """The decision e-mails left yesterday: "Projet 5" may answer for 13 more days."""
    return decided_call(release_at=timezone.now() - dt.timedelta(days=1))[1]


def url(submission_or_key, page):
    key = getattr(submission_or_key, "access_key", submission_or_key)
    return {
        "status": f"/candidatures/{key}/",
        "accept": f"/candidatures/{key}/laureat/accepter/",
        "decline": f"/candidatures/{key}/laureat/decliner/",
        "withdraw": f"/candidatures/{key}/retirer/",
    }[page]


def text(response):
    return response.content.decode()


def test_the_status_page_offers_the_award_until_its_deadline(client, told):
    response = client.get(url(told["Projet 5"], "status"))
    page = text(response)
    deadline = format_moment(offer(told["Projet 5"]).deadline)
    assert "Votre réponse à la place de lauréat" in page
    assert (
        "Votre candidature est retenue. Acceptez la place de lauréat, ou déclinez-la, avant le "
        f"{deadline} (heure de Paris)." in page
    )
    assert f'href="{url(told["Projet 5"], "accept")}">Accepter la place de lauréat</a>' in page
    assert f'href="{url(told["Projet 5"], "decline")}">Décliner la place de lauréat</a>' in page
    assert "Retirer ma candidature" not in page  # declining replaces the withdrawal


def test_the_status_page_says_nothing_before_the_applicant_is_told(client):
    apps = decided_call(release_at=timezone.now() + dt.timedelta(days=2))[1]
    page = text(client.get(url(apps["Projet 5"], "status")))
    assert 'id="award-offer"' not in page
    response = client.get(url(apps["Projet 5"], "accept"), follow=True)
    assert "Il n’y a pas de proposition de place de lauréat" in text(response)


def test_the_status_page_reads_the_offer_without_a_query_of_its_own(
    client, told, django_assert_num_queries
):
    with django_assert_num_queries(6) as counted:
        client.get(url(told["Projet 4"], "status"))  # no offer
    without_offer = [q["sql"] for q in counted.captured_queries]
    with django_assert_num_queries(len(without_offer)):
        assert client.get(url(told["Projet 5"], "status")).status_code == 200


def test_accepting_from_the_pages_records_it_once(client, told):
    page = text(client.get(url(told["Projet 5"], "accept")))
    assert "Vous acceptez la place de lauréat pour votre candidature" in page
    assert "Oui, j’accepte la place de lauréat" in page
    response = client.post(url(told["Projet 5"], "accept"), follow=True)
    assert response.redirect_chain == [(url(told["Projet 5"], "status"), 302)]
    assert "Vous avez accepté la place de lauréat. L’équipe du programme" in text(response)
    first = offer(told["Projet 5"])
    assert first.state == OfferState.ACCEPTED
    again = client.post(url(told["Projet 5"], "accept"), follow=True)
    assert offer(told["Projet 5"]).answered_at == first.answered_at
    page = text(again)
    assert f"Vous avez accepté la place de lauréat le {format_moment(first.answered_at)}" in page
    assert "Accepter la place de lauréat</a>" not in page
    # The offer is answered: the confirmation pages send back to the status page.
    assert client.get(url(told["Projet 5"], "decline")).status_code == 302


def test_declining_from_the_pages_passes_the_place_on_once(client, told):
    page = text(client.get(url(told["Projet 5"], "decline")))
    assert "sera retirée et sa place proposée à la candidature suivante" in page
    response = client.post(url(told["Projet 5"], "decline"), {"reason": "Trop tôt."}, follow=True)
    assert "Vous avez décliné la place de lauréat. Merci de nous avoir prévenus." in text(response)
    assert "La place a été proposée à une autre candidature." in text(response)
    client.post(url(told["Projet 5"], "decline"), {"reason": "Encore."})
    declined = offer(told["Projet 5"])
    assert (declined.decline_reason, declined.passed_to) == ("Trop tôt.", told["Projet 4"])
    assert (fresh(told["Projet 4"]).status, fresh(told["Projet 3"]).status) == (
        S.SELECTED,
        S.WAITLISTED,
    )
    promoted = text(client.get(url(told["Projet 4"], "status")))
    assert "Acceptez la place de lauréat, ou déclinez-la" in promoted


def test_a_too_long_reason_is_shown_beside_the_field_and_kept(client, told):
    reason = "é" * 1001
    response = client.post(url(told["Projet 5"], "decline"), {"reason": reason})
    page = text(response)
    assert response.status_code == 200
    assert (
        '<p class="fr-message fr-message--error">Assurez-vous que cette valeur comporte au plus '
        "1000 caractères (actuellement 1001).</p>" in page
    )
    assert f">{reason}</textarea>" in page
    assert fresh(told["Projet 5"]).status == S.SELECTED


def test_the_withdrawal_of_a_selected_application_is_refused(client, told):
    response = client.get(url(told["Projet 5"], "withdraw"), follow=True)
    assert "Cette candidature ne peut plus être retirée." in text(response)
    response = client.post(url(told["Projet 5"], "withdraw"), follow=True)
    assert "déclinez plutôt la place de lauréat" in text(response)
    assert (fresh(told["Projet 5"]).status, fresh(told["Projet 4"]).status) == (
        S.SELECTED,
        S.WAITLISTED,
    )


def team_member():
    laureate = LaureateFactory()
    member, _created = add_member(laureate, name="Camille Dupont", email="c@example.org")
    return sign_in(Client(), member)


def client_as(role):
    if role == "anonymous":
        return Client()
    if role == "laureate team member":
        return team_member()
    client = Client()
    client.force_login(member_of(role, f"lecteur-{len(role)}"))
    return client


ROLES = ["anonymous", "laureate team member", REVIEWER, OBSERVER, PROGRAM_MANAGER]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["accept", "decline"])
def test_every_role_meets_a_guessed_key_with_a_404(role, page, told):
    client = client_as(role)
    for key in (GUESSED, told["Projet 5"].access_key[:-1] + "Z"):
        assert client.get(url(key, page)).status_code == 404
        assert client.post(url(key, page), {"reason": "x"}).status_code == 404
    assert offer(told["Projet 5"]).state == OfferState.PENDING


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["accept", "decline"])
def test_another_applications_link_answers_nothing_for_it(role, page, told):
    """The link of a waitlisted application opens no answer, whoever holds it, and the
    selected application's offer stays as it was."""
    client = client_as(role)
    other = told["Projet 4"]
    response = client.get(url(other, page), follow=True)
    assert response.redirect_chain == [(url(other, "status"), 302)]
    assert "Il n’y a pas de proposition de place de lauréat" in text(response)
    response = client.post(url(other, page), follow=True)
    assert "Cette candidature n’a pas de proposition de place de lauréat." in text(response)
    assert (fresh(other).status, offer(told["Projet 5"]).state) == (S.WAITLISTED, "pending")
    assert AwardOffer.objects.count() == 1
