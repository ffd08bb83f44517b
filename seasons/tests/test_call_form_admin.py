"""A call's form in the admin: built by managers, read by observers, unseen by reviewers;
bad definitions refused beside their field; frozen parts once applications are sent."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accelerator.tests.staff import login_staff
from seasons.models import CallForm, Question, QuestionType, SubmissionStatus
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER

from .call_form_helpers import new_form, question
from .factories import CallFactory, SubmissionFactory
from .test_review import member_of

pytestmark = pytest.mark.django_db
T = QuestionType
QUESTION_FIELDS = [
    *["section", "group", "position", "key", "type", "label_fr", "label_en", "hint_fr"],
    *["hint_en", "max_length", "min_value", "max_value", "decimal_places", "unit"],
    *["choice_widget", "max_file_megabytes", "min_count", "max_count", "condition_question"],
]


def staff(client, role):
    if role == "superuser":
        user = get_user_model().objects.create_superuser("super", "super@example.org", "x")
    else:
        user = member_of(role, role.lower().replace(" ", "-"))
    return login_staff(client, user)


@pytest.fixture
def manager(client):
    return staff(client, PROGRAM_MANAGER)


def change_url(form):
    return reverse("admin:seasons_callform_change", args=[form.pk])


def posted(form, **changes):
    """The change page's POST for `form` as it is, with `changes` {"questions-0-key": …}."""
    data = {
        "ineligible_message_fr": form.ineligible_message_fr,
        "ineligible_message_en": form.ineligible_message_en,
    }
    sections = list(form.sections.order_by("position"))
    questions = list(form.questions.order_by("section__position", "position"))
    for prefix, rows in [("sections", sections), ("questions", questions)]:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(rows),
                f"{prefix}-INITIAL_FORMS": len(rows),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    for n, s in enumerate(sections):
        for name in ["id", "position", "key", "title_fr", "title_en", "intro_fr", "intro_en"]:
            data[f"sections-{n}-{name}"] = getattr(s, name)
        data[f"sections-{n}-form"] = form.pk
    for n, q in enumerate(questions):
        data[f"questions-{n}-id"] = q.pk
        data[f"questions-{n}-form"] = form.pk
        for name in QUESTION_FIELDS:
            value = getattr(
                q, f"{name}_id" if name in ("section", "group", "condition_question") else name
            )
            data[f"questions-{n}-{name}"] = "" if value is None else value
        for flag in ["required", "personal_data", "is_eligibility"]:
            if getattr(q, flag):
                data[f"questions-{n}-{flag}"] = "on"
        data[f"questions-{n}-choices"] = "\n".join(
            f"{c['value']} | {c['label_fr']} | {c.get('label_en', '')}" for c in q.choices
        )
        data[f"questions-{n}-condition_values"] = ", ".join(q.condition_values)
        data[f"questions-{n}-eligible_values"] = ", ".join(q.eligible_values)
        for kind in q.file_kinds:
            data.setdefault(f"questions-{n}-file_kinds", []).append(kind)
    data.update({key: value for key, value in changes.items() if value is not None})
    for key in [key for key, value in changes.items() if value is None]:
        data.pop(key, None)
    return data


def small_form(call=None):
    form = new_form(call, sections=2)
    question(form, "kind", T.ONE_CHOICE, choices=[{"value": "a", "label_fr": "A"}])
    question(form, "paid", T.YES_NO)
    question(form, "details", T.LONG_TEXT, section=2, max_length=300)
    return form


def errors_of(response):
    """The inline errors as the page shows them, beside each question."""
    html = response.content.decode()
    return [
        item.split("</li>")[0]
        for block in html.split('<ul class="errorlist')[1:]
        for item in block.split("</ul>")[0].split("<li>")[1:]
    ]


def test_manager_saves_choices_written_one_a_line(client, manager):
    form = small_form()
    response = client.post(
        change_url(form),
        posted(
            form,
            **{
                "questions-0-choices": "association | Association | Association\n"
                "company | Entreprise"
            },
        ),
    )
    assert response.status_code == 302, errors_of(response)
    assert Question.objects.get(key="kind").choices == [
        {"value": "association", "label_fr": "Association", "label_en": "Association"},
        {"value": "company", "label_fr": "Entreprise", "label_en": ""},
    ]


def test_manager_adds_a_condition_on_an_earlier_question(client, manager):
    form = small_form()
    paid = Question.objects.get(key="paid")
    data = posted(
        form, **{"questions-2-condition_question": paid.pk, "questions-2-condition_values": "True"}
    )
    assert client.post(change_url(form), data).status_code == 302
    details = Question.objects.get(key="details")
    assert (details.condition_question, details.condition_values) == (paid, ["True"])


def test_a_condition_on_a_later_question_is_refused_beside_it_and_nothing_is_saved(client, manager):
    form = small_form()
    details = Question.objects.get(key="details")
    data = posted(
        form, **{"questions-1-condition_question": details.pk, "questions-1-condition_values": "x"}
    )
    response = client.post(change_url(form), data)
    assert response.status_code == 200
    assert errors_of(response) == [
        "Une question ne peut dépendre que d’une question précédente.",
        "Une condition lit une question à choix, oui/non ou une case à cocher.",
    ]
    assert Question.objects.get(key="paid").condition_question is None


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"questions-0-choices": ""}, "Donnez les choix de cette question, un par ligne."),
        ({"questions-2-max_length": "0"}, "Une limite doit valoir 1 ou plus."),
        ({"questions-1-key": "kind"}, "Une autre question de ce formulaire a la clé « kind »."),
        (
            {"questions-2-type": "file", "questions-2-max_length": ""},
            "Choisissez au moins un type de fichier accepté.",
        ),
        (
            {
                "questions-2-type": "group",
                "questions-2-min_count": "3",
                "questions-2-max_count": "2",
            },
            "Le nombre minimum d’entrées dépasse le maximum.",
        ),
        (
            {"questions-0-choices": " | sans code"},
            "Chaque ligne commence par le code du choix : | sans code",
        ),
    ],
)
def test_a_definition_that_cannot_work_is_refused_with_its_message(
    client, manager, changes, message
):
    form = small_form()
    before = list(Question.objects.order_by("pk").values())
    response = client.post(change_url(form), posted(form, **changes))
    assert response.status_code == 200
    assert message in errors_of(response)
    assert list(Question.objects.order_by("pk").values()) == before


def test_a_file_inside_a_group_is_refused_beside_it_in_the_builder(client, manager):
    form = small_form()
    group = question(form, "referents", T.GROUP, section=2, max_count=2)
    details = form.questions.get(key="details")
    n = list(form.questions.order_by("section__position", "position")).index(details)
    changes = {"type": "file", "max_length": "", "group": group.pk, "file_kinds": "documents"}
    data = posted(form, **{f"questions-{n}-{name}": value for name, value in changes.items()})
    response = client.post(change_url(form), data)
    assert response.status_code == 200
    assert errors_of(response) == [
        "Un fichier ne peut pas être demandé dans un groupe répétable : demandez-le une seule fois."
    ]
    assert form.questions.get(key="details").group is None


def sent_to(call):
    SubmissionFactory(call=call, status=SubmissionStatus.SUBMITTED, reference="AIC-2023-0001")


def test_once_sent_the_wording_is_corrected_and_the_history_says_so(client, manager):
    form = small_form()
    sent_to(form.call)
    data = posted(form, **{"questions-1-label_fr": "Avez-vous une activité payante ?"})
    assert client.post(change_url(form), data).status_code == 302
    paid = Question.objects.get(key="paid")
    assert [(h.history_type, h.label_fr) for h in paid.history.all()] == [
        ("~", "Avez-vous une activité payante ?"),
        ("+", "Question paid"),
    ]
    assert paid.history.first().history_user.username == "responsable-de-programme"


def test_once_sent_key_and_type_stay(client, manager):
    form = small_form()
    sent_to(form.call)
    data = posted(form, **{"questions-1-key": "payant", "questions-2-type": "short_text"})
    response = client.post(change_url(form), data)
    assert errors_of(response) == [
        "Des candidatures ont été envoyées : la clé d’une question ne change plus.",
        "Des candidatures ont été envoyées : le type d’une question ne change plus.",
    ]
    assert sorted(Question.objects.values_list("key", "type")) == [
        ("details", "long_text"),
        ("kind", "one_choice"),
        ("paid", "yes_no"),
    ]


def test_once_sent_no_question_can_be_removed_even_by_a_forged_post(client, manager):
    form = small_form()
    page = client.get(change_url(form)).content.decode()
    assert 'name="questions-0-DELETE"' in page
    sent_to(form.call)
    page = client.get(change_url(form)).content.decode()
    assert 'name="questions-0-DELETE"' not in page
    assert 'name="sections-0-DELETE"' not in page
    response = client.post(change_url(form), posted(form, **{"questions-2-DELETE": "on"}))
    assert Question.objects.filter(key="details").exists()
    assert response.status_code == 302  # saved, the removal ignored (no delete box)


def test_a_draft_does_not_lock_the_form(client, manager):
    form = small_form()
    SubmissionFactory(call=form.call, status=SubmissionStatus.DRAFT)
    response = client.post(change_url(form), posted(form, **{"questions-2-DELETE": "on"}))
    assert response.status_code == 302
    assert not Question.objects.filter(key="details").exists()


def test_manager_copies_the_default_template_from_the_call(client, manager):
    call = CallFactory(title="Appel trois")
    call_page = client.get(reverse("admin:seasons_call_change", args=[call.pk])).content.decode()
    copy_url = reverse("admin:seasons_callform_copy", args=[call.pk])
    assert f'<a href="{copy_url}">Copier un formulaire</a>' in call_page
    response = client.post(copy_url, {"source": "default"})
    made = CallForm.objects.get(call=call)
    assert response["Location"] == change_url(made)
    assert made.questions.count() == 42


def test_manager_copies_another_calls_form(client, manager):
    source = small_form(CallFactory(title="Saison 1"))
    call = CallFactory()
    page = client.get(reverse("admin:seasons_callform_copy", args=[call.pk])).content.decode()
    assert f'<option value="{source.pk}">' in page
    client.post(reverse("admin:seasons_callform_copy", args=[call.pk]), {"source": source.pk})
    assert sorted(CallForm.objects.get(call=call).questions.values_list("key", flat=True)) == [
        "details",
        "kind",
        "paid",
    ]


def test_a_copy_onto_a_call_with_sent_applications_is_refused_with_a_message(client, manager):
    form = small_form(CallFactory(title="Appel envoyé"))
    sent_to(form.call)
    response = client.post(
        reverse("admin:seasons_callform_copy", args=[form.call.pk]), {"source": "default"}
    )
    assert response.status_code == 200
    assert (
        "Des candidatures ont déjà été envoyées à « Appel envoyé » : son formulaire ne peut plus "
        "être remplacé, seulement corrigé question par question." in response.content.decode()
    )
    assert CallForm.objects.get(call=form.call).questions.count() == 3


ROLE_ANSWERS = {
    # role: (change page GET, change page POST, copy page GET)
    "superuser": (200, 302, 200),
    PROGRAM_MANAGER: (200, 302, 200),
    OBSERVER: (200, 403, 404),
    REVIEWER: (404, 404, 404),  # no form is theirs to see (accelerator.admin_access)
}


@pytest.mark.parametrize("role", list(ROLE_ANSWERS))
def test_each_role_meets_the_form_as_its_rights_say(client, role):
    form = small_form()
    staff(client, role)
    get, post, copy = ROLE_ANSWERS[role]
    assert client.get(change_url(form)).status_code == get
    assert client.post(change_url(form), posted(form)).status_code == post
    assert (
        client.get(reverse("admin:seasons_callform_copy", args=[form.call.pk])).status_code == copy
    )
    # Guessed addresses answer as their real neighbours do, or 404 when nothing is there.
    missing = reverse("admin:seasons_callform_change", args=[999_999])
    assert client.get(missing).status_code == 404
    missing_copy = reverse("admin:seasons_callform_copy", args=[999_999])
    assert client.get(missing_copy).status_code == 404


def test_an_observer_reads_the_form_without_any_field_to_change(client):
    form = small_form()
    staff(client, OBSERVER)
    page = client.get(change_url(form)).content.decode()
    assert "Question paid" in page
    assert 'name="questions-0-key"' not in page
    assert 'name="_save"' not in page


def test_anonymous_visitors_are_sent_to_the_login(client):
    form = small_form()
    for url in [change_url(form), reverse("admin:seasons_callform_copy", args=[form.call.pk])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_the_builder_page_costs_the_same_queries_with_3_and_60_questions(client, manager):
    from .test_call_form_preview import many_questions

    small, large = many_questions(3), many_questions(60)
    client.get(change_url(small))
    counts = []
    for form in (small, large):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(change_url(form))
        counts.append(len(queries))
        # Each select still offers the form's own questions.
        assert page.content.decode().count('<option value="') >= form.questions.count()
    assert counts[0] == counts[1]


@pytest.mark.parametrize("role, may_copy", [(PROGRAM_MANAGER, True), (OBSERVER, False)])
def test_the_call_page_links_to_its_form_and_offers_the_copy_to_managers(client, role, may_copy):
    form = small_form()
    staff(client, role)
    page = client.get(reverse("admin:seasons_call_change", args=[form.call.pk])).content.decode()
    preview = reverse("admin:seasons_callform_preview", args=[form.pk])
    assert f'<a href="{change_url(form)}">Modifier</a> · <a href="{preview}">Aperçu</a>' in page
    copy_url = reverse("admin:seasons_callform_copy", args=[form.call.pk])
    assert (copy_url in page) is may_copy


def test_the_builder_speaks_of_questions_and_parts_with_capitalised_labels(client, manager):
    page = client.get(change_url(small_form())).content.decode()
    add_texts = re.findall(r"&quot;addText&quot;: &quot;(.*?)&quot;", page)
    assert add_texts == ["Ajouter une partie", "Ajouter une question"]
    headings = [" ".join(re.sub(r"<.*?>", " ", h).split()).split("Supprimer")[0].strip()
                for h in re.findall(r"<h3>(.*?)</h3>", page, re.S)]  # fmt: skip
    assert headings == [
        "kind — Question kind", "paid — Question paid", "details — Question details",
        "Nouvelle question #4",
    ]  # fmt: skip
    colon = "\N{NO-BREAK SPACE}:"
    for label in [
        "Choix",
        "A l’une des valeurs",
        "Réponses éligibles",
        "Types de fichier acceptés",
    ]:
        assert f">{label}{colon}</label>" in page, label
    assert "Documents (PDF, OpenDocument, Office, scan PNG ou JPEG)" in page
    assert "objet" not in page and "Question:" not in page and "<b>Question" not in page


def test_the_builder_of_a_full_form_saves_with_every_field_posted(client, manager):
    """The template's 42 questions post some 1,400 fields, above Django's default limit."""
    call = CallFactory()
    client.post(reverse("admin:seasons_callform_copy", args=[call.pk]), {"source": "default"})
    form = CallForm.objects.get(call=call)
    data = posted(form)
    assert len(data) > 1000
    response = client.post(change_url(form), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:seasons_callform_changelist")
