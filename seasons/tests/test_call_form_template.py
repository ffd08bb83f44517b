"""The default template is today's season-2 form, field by field, and copies well."""

import pytest
from django import forms
from django.utils import translation
from django.utils.text import capfirst

from seasons.applying import forms as season2
from seasons.applying.attachment_form import ATTACHMENT_HINTS, ATTACHMENT_RULES
from seasons.call_forms.copying import CopyRefused, copy_form
from seasons.models import AttachmentKind, CallForm, Question, QuestionType, SubmissionStatus
from seasons.retention import FREE_TEXTS

from .call_form_helpers import new_form, question
from .factories import CallFactory, SubmissionFactory

pytestmark = pytest.mark.django_db
T = QuestionType


class AnyCall:
    def accepts_organisation_type(self, value):
        return True


def today_form(language):
    with translation.override(language):
        form = season2.ApplicationForm(call=AnyCall(), complete=True)
        return {
            name: {
                "label": str(field.label),
                "hint": str(field.help_text),
                "choices": [(v, str(label)) for v, label in getattr(field, "choices", []) if v],
            }
            for name, field in form.fields.items()
        }, form


def expected_type(field):
    widget = field.widget
    if isinstance(widget, forms.CheckboxInput):
        return T.CHECKBOX, None
    if isinstance(widget, forms.RadioSelect):
        is_yes_no = [v for v, _l in field.choices] == ["True", "False"]
        return (T.YES_NO, None) if is_yes_no else (T.ONE_CHOICE, "radio")
    if isinstance(widget, forms.Select):
        return T.ONE_CHOICE, "select"
    if isinstance(field, forms.EmailField):
        return T.EMAIL, None
    if isinstance(field, forms.URLField):
        return T.URL, None
    if isinstance(field, forms.IntegerField | forms.DecimalField):
        return T.NUMBER, None
    return (T.LONG_TEXT if isinstance(widget, forms.Textarea) else T.SHORT_TEXT), None


@pytest.fixture
def template():
    form = copy_form(CallFactory())
    return {q.key: q for q in Question.objects.filter(form=form).select_related("section")}


def test_the_template_has_every_question_of_todays_form_in_its_sections(template):
    sections = CallForm.objects.get().sections.order_by("position")
    expected = [(anchor, names) for anchor, _t, _i, names in season2.SECTIONS]
    expected[1] = ("referents", ["referents", "availability_confirmed"])
    expected[3] = ("pieces-jointes", [kind.value for kind in AttachmentKind])
    assert [
        (s.key, [q.key for q in s.questions.filter(group=None).order_by("position")])
        for s in sections
    ] == expected
    with translation.override("fr"):
        assert [(s.title_fr, s.intro_fr) for s in sections] == [
            (str(title), str(intro)) for _a, title, intro, _n in season2.SECTIONS
        ]
    with translation.override("en"):
        assert [(s.title_en, s.intro_en) for s in sections] == [
            (str(title), str(intro)) for _a, title, intro, _n in season2.SECTIONS
        ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_each_question_has_todays_label_hint_and_choices(template, language):
    today, _form = today_form(language)
    for name, field in today.items():
        q = template[name]
        assert getattr(q, f"label_{language}") == field["label"], name
        assert getattr(q, f"hint_{language}") == field["hint"], name
        assert [(c["value"], c[f"label_{language}"]) for c in q.choices] == (
            field["choices"] if q.type == T.ONE_CHOICE else []
        ), name


def test_each_question_has_todays_type_limits_and_requirement(template):
    _today, form = today_form("fr")
    details = {"paid_activity_details": "has_paid_activity"}
    details["related_structures_details"] = "has_related_structures"
    for name, field in form.fields.items():
        q = template[name]
        kind, widget = expected_type(field)
        assert q.type == kind, name
        if widget:
            assert q.choice_widget == widget, name
        limit = field.widget.attrs.get("data-counter") or getattr(field, "max_length", None)
        if q.type in (T.SHORT_TEXT, T.LONG_TEXT):
            assert q.max_length == int(limit), name
        if q.type == T.NUMBER:
            assert (q.min_value, q.decimal_places) == (
                field.min_value,
                getattr(field, "decimal_places", None) or 0,
            ), name
        # Details are needed when their yes/no is "yes": required, behind a condition.
        assert q.required == (field.needed_to_send or name in details), name
        if name in details:
            assert (q.condition_question.key, q.condition_values) == (details[name], ["True"])
        else:
            assert q.condition_question is None, name


def test_the_referents_group_asks_todays_questions_once_or_twice(template):
    group = template["referents"]
    assert (group.type, group.min_count, group.max_count, group.required) == (T.GROUP, 1, 2, True)
    subs = list(group.sub_questions.order_by("position"))
    with translation.override("fr"):
        form = season2.ReferentForm(needed=True, complete=True)
        assert [(q.key, q.label_fr, q.max_length or 254) for q in subs] == [
            (name, str(f.label), f.max_length) for name, f in form.fields.items()
        ]
    assert [q.type for q in subs] == [T.SHORT_TEXT, T.SHORT_TEXT, T.EMAIL, T.PHONE, T.SHORT_TEXT]
    assert all(q.required and q.personal_data and q.section == group.section for q in subs)


def test_the_files_are_todays_attachments(template):
    for kind in AttachmentKind:
        q = template[kind.value]
        family, rule = ATTACHMENT_RULES[kind]
        assert (q.type, q.label_fr, q.file_kinds, q.max_file_megabytes) == (
            T.FILE,
            capfirst(str(kind.label)),
            [family],
            10,
        )
        assert q.hint_fr == str(ATTACHMENT_HINTS[kind])
        assert q.required == (rule != "never")
        condition = (
            ("organisation_type", ["association", "association_and_administration"])
            if rule == "association"
            else (None, [])
        )
        key = q.condition_question.key if q.condition_question else None
        assert (key, q.condition_values) == condition


def test_personal_data_is_what_the_purge_removes_today(template):
    purged = {*FREE_TEXTS, "organisation_name", "first_name", "last_name", "email", "phone"}
    purged |= {"role", "contact_email", *AttachmentKind.values}
    assert {key for key, q in template.items() if q.personal_data} == purged


def test_eligibility_is_the_calls_organisation_types_with_its_message():
    call = CallFactory(eligible_organisation_types=["association", "public_administration"])
    form = copy_form(call)
    eligibility = Question.objects.get(form=form, is_eligibility=True)
    assert (eligibility.key, eligibility.eligible_values) == (
        "organisation_type",
        ["association", "public_administration"],
    )
    assert form.ineligible_message_fr == (
        "Cet appel est ouvert seulement aux structures suivantes : association, administration "
        "publique. Une autre structure ne peut pas envoyer de candidature."
    )
    assert form.ineligible_message_en == (
        "This call is open only to: association, public administration. Another structure "
        "cannot send an application."
    )


def test_a_copy_from_another_call_keeps_every_question_condition_and_group():
    source = copy_form(CallFactory())
    target = CallFactory()
    copied = copy_form(target, source)

    def shape(form):
        return [
            (
                q.section.key,
                q.position,
                q.key,
                q.type,
                q.label_fr,
                q.label_en,
                q.required,
                q.choices,
                q.group.key if q.group else None,
                q.condition_question.key if q.condition_question else None,
                q.condition_values,
            )
            for q in form.questions.select_related(
                "section", "group", "condition_question"
            ).order_by("section__position", "group__position", "position", "key")
        ]

    assert copied.call == target and copied.pk != source.pk
    assert len(shape(copied)) == 42
    assert shape(copied) == shape(source)
    # The copy is its own: editing it leaves the source alone.
    copied.questions.filter(key="goal_1").update(label_fr="Objectif principal")
    assert source.questions.get(key="goal_1").label_fr == "Premier objectif"


def test_a_copy_replaces_the_calls_form_while_nothing_was_sent():
    target = CallFactory()
    old = new_form(target)
    question(old, "ancienne")
    SubmissionFactory(call=target, status=SubmissionStatus.DRAFT)
    copy_form(target)
    assert not CallForm.objects.filter(pk=old.pk).exists()
    assert not Question.objects.filter(key="ancienne").exists()
    assert CallForm.objects.get(call=target).questions.count() == 42


def test_a_copy_is_refused_once_the_call_has_sent_applications():
    target = CallFactory(title="Appel fermé")
    old = new_form(target)
    question(old, "ancienne")
    SubmissionFactory(call=target, status=SubmissionStatus.SUBMITTED, reference="AIC-2023-0001")
    with pytest.raises(CopyRefused) as refusal:
        copy_form(target)
    assert str(refusal.value) == (
        "Des candidatures ont déjà été envoyées à « Appel fermé » : son formulaire ne peut "
        "plus être remplacé, seulement corrigé question par question."
    )
    assert list(Question.objects.values_list("key", flat=True)) == ["ancienne"]


def test_a_form_that_cannot_work_is_not_copied():
    source = new_form()
    question(source, "choix", T.ONE_CHOICE, choices=[])
    target = CallFactory()
    with pytest.raises(CopyRefused) as refusal:
        copy_form(target, source)
    assert str(refusal.value) == (
        "Le formulaire à copier ne peut pas fonctionner (choix : Donnez les choix de cette "
        "question, un par ligne.)."
    )
    assert not CallForm.objects.filter(call=target).exists()


def test_copies_are_recorded_in_the_history():
    form = copy_form(CallFactory())
    plain, conditional = form.questions.get(key="goal_1"), form.questions.get(key="statutes")
    assert [h.history_type for h in plain.history.all()] == ["+"]
    # Created, then given its condition once the question it reads exists.
    assert [h.history_type for h in conditional.history.all()] == ["~", "+"]


def test_a_form_is_named_after_its_call_in_both_languages():
    """French elides "de" before a vowel ("Formulaire de Appel…" read wrong), so the name
    does without the preposition."""
    call = CallFactory(title="Appel aux communs")
    copy_form(call)
    with translation.override("fr"):
        assert str(call.application_form) == "Formulaire : Appel aux communs"
    with translation.override("en"):
        assert str(call.application_form) == "Form of Appel aux communs"
