"""The eligibility step before a call's own form (issue 15): its questions alone, a
refused answer stopped at once in the call's words, accepted answers carried to the form
and kept in the first draft; calls without eligibility questions go straight to the form."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accelerator.tests.pages import html_of
from seasons.models import QuestionType, Submission

from .application_helpers import apply_url, open_call, stamp_of, start
from .call_form_helpers import YES_NO_CHOICES, new_form, question
from .own_form_helpers import call_with_form

pytestmark = pytest.mark.django_db
T = QuestionType

TEMPLATE_MESSAGE = (
    "Cet appel est ouvert seulement aux structures suivantes : association, "
    "administration publique, association et administration publique ensemble. "
    "Une autre structure ne peut pas envoyer de candidature."
)


ENGAGE_CHECKED = (
    '<input type="checkbox" name="engage" aria-describedby="id_engage-messages" '
    'id="id_engage" checked>'
)


def step_url(call):
    return reverse("seasons:eligibility", args=[call.season.slug, call.slug])


def several_rules_call(count=3):
    """An open call whose form asks `count` eligibility questions: yes/no, a box and
    several choices, then one-choice questions, and one ordinary question."""
    call = open_call()
    form = new_form(call)
    form.ineligible_message_fr = "Réservé aux associations d’intérêt général."
    form.ineligible_message_en = "Only for associations of general interest."
    form.save()
    associations = {"choices": YES_NO_CHOICES, "eligible_values": ["association"]}
    rules = [
        ("utile", T.YES_NO, {"eligible_values": ["True"]}),
        ("engage", T.CHECKBOX, {"eligible_values": ["True"]}),
        ("formes", T.SEVERAL_CHOICES, associations),
    ]
    rules += [(f"e{n}", T.ONE_CHOICE, associations) for n in range(4, count + 1)]
    for key, kind, extra in rules[:count]:
        question(form, key, kind, is_eligibility=True, label_fr=f"Question {key}", **extra)
    question(form, "nom", T.SHORT_TEXT, label_fr="Nom du projet", required=True)
    return call


def test_a_call_with_eligibility_questions_opens_with_the_step(client):
    call = call_with_form()
    response = client.get(apply_url(call))
    assert (response.status_code, response["Location"]) == (302, step_url(call))
    response = client.get(step_url(call))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Qui peut candidater — " in html
    assert html.count('name="organisation_type"') == 1
    assert 'name="organisation_name"' not in html and 'name="stamp"' not in html
    assert '<option value="association">association</option>' in html
    assert '<div class="fr-alert fr-alert--error fr-mb-4w" id="ineligible"' in html
    assert "data-ineligible-alert hidden>" in html  # shown by the script or the server only
    assert TEMPLATE_MESSAGE in html
    assert "Continuer vers le formulaire" in html
    assert 'src="/static/js/eligibility-step.js"' in html and "<script>" not in html


def test_an_accepted_answer_leads_to_the_form_which_shows_it(client):
    call = call_with_form()
    response = client.post(step_url(call), {"organisation_type": "public_administration"})
    assert response.status_code == 302
    assert response["Location"] == f"{apply_url(call)}?organisation_type=public_administration"
    html = client.get(response["Location"]).content.decode()
    assert '<option value="public_administration" selected>' in html
    assert 'name="stamp"' in html and 'name="organisation_name"' in html


def test_a_refused_answer_says_the_call_s_words_and_leads_nowhere(client):
    call = call_with_form()
    html = html_of(client.post(step_url(call), {"organisation_type": "company"}))
    assert "<title>Non éligible : Qui peut candidater — " in html
    assert "data-ineligible-alert data-focus-on-load>" in html
    assert '<h2 class="fr-alert__title">Cet appel ne vous est pas ouvert</h2>' in html
    assert f"<p>{TEMPLATE_MESSAGE}</p>" in html
    assert (
        '<p class="fr-message fr-message--error">Cet appel n’accepte pas cette réponse.</p>' in html
    )
    assert 'aria-invalid="true"' in html
    assert '<option value="company" selected>' in html  # what was chosen stays shown
    assert "Vérifier à nouveau mes réponses" in html and "Continuer vers le formulaire" not in html
    assert apply_url(call) + "?" not in html
    # An address typed by hand with a refused answer meets the step again.
    typed = client.get(f"{apply_url(call)}?organisation_type=company")
    assert (typed.status_code, typed["Location"]) == (302, step_url(call))


def test_no_answer_is_shown_beside_the_question_and_in_the_summary(client):
    call = call_with_form()
    html = html_of(client.post(step_url(call), {"organisation_type": "pas-un-type"}), 400)
    assert "<title>Erreur : Qui peut candidater — " in html
    assert 'id="ineligible-errors" tabindex="-1" role="alert" data-focus-on-load>' in html
    assert (
        '<a href="#id_organisation_type">Type de structure : Sélectionnez un choix valide.' in html
    )
    response = client.post(step_url(call), {})
    assert response.status_code == 400
    assert response.context["errors"] == [
        (
            "id_organisation_type",
            "Type de structure",
            "Répondez à cette question pour savoir si vous pouvez candidater.",
        )
    ]
    assert "data-ineligible-alert hidden>" in response.content.decode()


def test_every_kind_of_rule_is_carried_and_shown_in_the_form(client):
    call = several_rules_call()
    answers = {"utile": "True", "engage": "on", "formes": ["association"]}
    response = client.post(step_url(call), answers)
    assert response["Location"] == f"{apply_url(call)}?utile=True&engage=True&formes=association"
    html = client.get(response["Location"]).content.decode()
    assert 'id="id_utile_0" name="utile" value="True" checked>' in html
    assert ENGAGE_CHECKED in html
    assert 'name="formes" value="association" checked>' in html


@pytest.mark.parametrize(
    ("answers", "refused"),
    [
        ({"utile": "False", "engage": "on", "formes": "association"}, ["utile"]),
        ({"utile": "True", "formes": "association"}, ["engage"]),  # the box left unticked
        ({"utile": "True", "engage": "on", "formes": ["association", "company"]}, ["formes"]),
    ],
)
def test_each_kind_of_rule_refuses_its_wrong_answer(client, answers, refused):
    call = several_rules_call()
    response = client.post(step_url(call), answers)
    assert response.status_code == 200
    assert response.context["ineligible"] is True
    assert [q.key for q in response.context["step"].ineligible] == refused
    assert "Réservé aux associations d’intérêt général." in response.content.decode()


def test_the_call_s_message_is_in_english_for_an_english_visitor(client):
    call = several_rules_call()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.post(step_url(call), {"utile": "False", "engage": "on"}).content.decode()
    assert "<p>Only for associations of general interest.</p>" in html
    assert (
        "This call is not open to you" in html and "This call does not accept this answer." in html
    )
    assert "Check my answers again" in html


def test_the_carried_answer_is_kept_by_the_first_draft(client, post):
    call = call_with_form()
    stamp = start(client, call)  # through the step, as a browser goes
    response = post(apply_url(call), stamp, "draft", {"organisation_type": "association"})
    assert response.status_code == 302
    assert Submission.objects.get().answers == {"organisation_type": "association"}


def test_a_call_without_eligibility_questions_goes_straight_to_the_form(client):
    call = open_call()
    form = new_form(call)
    question(form, "nom", T.SHORT_TEXT, required=True)
    response = client.get(apply_url(call))
    assert response.status_code == 200 and stamp_of(response)
    assert client.get(step_url(call))["Location"] == apply_url(call)
    assert client.post(step_url(call), {"nom": "x"})["Location"] == apply_url(call)


def test_the_season_2_form_and_a_closed_call_have_no_step(client):
    code_form = open_call()
    assert client.get(step_url(code_form))["Location"] == apply_url(code_form)
    assert client.get(apply_url(code_form)).status_code == 200
    closed = call_with_form()
    closed.closes_at = timezone.now() - timezone.timedelta(days=1)
    closed.save()
    assert client.get(step_url(closed))["Location"] == apply_url(closed)
    response = client.get(apply_url(closed))
    assert response.status_code == 200
    assert "Cet appel ne reçoit pas de candidatures en ce moment" in response.content.decode()


def test_guessed_addresses_and_methods_never_fail(client):
    call = call_with_form()
    hidden = call_with_form(season__published=False)
    missing = reverse("seasons:eligibility", args=[call.season.slug, "pas-un-appel"])
    assert client.get(missing).status_code == 404
    assert client.post(missing, {"organisation_type": "association"}).status_code == 404
    assert client.get(step_url(hidden)).status_code == 404
    assert client.put(step_url(call)).status_code == 405
    assert client.get(f"{step_url(call)}?organisation_type=association").status_code == 200


@pytest.mark.parametrize("count", [1, 10])
def test_the_step_costs_the_same_queries_with_1_and_10_questions(client, count):
    call = several_rules_call(count)
    for method, data in (("get", None), ("post", {"utile": "False"})):
        with CaptureQueriesContext(connection) as queries:
            response = getattr(client, method)(step_url(call), data)
        assert response.status_code in (200, 400)
        assert response.content.decode().count("data-eligibility-field=") == count
        # The call (with its season), the form, its sections, its questions.
        assert len(queries) == 4, [q["sql"] for q in queries]
