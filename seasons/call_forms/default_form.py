"""The AIC season-2 form, shipped as the default template of a call's form.

The same sections, questions, labels, hints, limits and choices as the form written in
code (`seasons.applying.forms`, `attachment_form` and the `Submission` columns), each
question's `key` being today's field name so that answers can move by key; tests compare
both field by field. Texts are the code's gettext messages, stored in French and English.

Two things are said differently, with the same effect: a "details" answer is a long
text shown when its yes/no is "yes" (and needed then), and the statutes and accounts are
files shown, and needed, for associations only.
"""

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..applying.attachment_form import ASSOCIATION_TYPES, ATTACHMENT_HINTS
from ..applying.forms import HINTS, LONG_TEXT_MAX_LENGTH
from ..models import (
    DESCRIPTION_MAX_LENGTH,
    AttachmentKind,
    CallForm,
    ChoiceWidget,
    CommonsNature,
    FileKind,
    FormSection,
    HeardAbout,
    OrganisationType,
    Question,
    QuestionType,
)
from ..models.call_form import YES

T = QuestionType
FILE_MEGABYTES = 10


def spec(key, type, label, hint="", required=False, personal=False, **extra):
    return {
        "key": key,
        "type": type,
        "label": label,
        "hint": hint or HINTS.get(key, ""),
        "required": required,
        "personal_data": personal,
        **extra,
    }


def text(key, label, max_length, hint="", required=False):
    return spec(key, T.SHORT_TEXT, label, hint, required, True, max_length=max_length)


def long_text(key, label, hint="", required=False, max_length=LONG_TEXT_MAX_LENGTH, **extra):
    return spec(key, T.LONG_TEXT, label, hint, required, True, max_length=max_length, **extra)


def choices_of(text_choices):
    return {"choices": [(value, label) for value, label in text_choices.choices]}


def details(key, label, yes_no):
    """Shown, and needed to send, when `yes_no` is answered yes."""
    return long_text(key, label, required=True, condition=(yes_no, [YES]))


def attachment(kind, family, required, condition=None):
    return spec(
        kind.value,
        T.FILE,
        kind.label,
        ATTACHMENT_HINTS[kind],
        required,
        True,
        file_kinds=[family],
        max_file_megabytes=FILE_MEGABYTES,
        condition=condition,
    )


FOR_ASSOCIATIONS = ("organisation_type", sorted(kind.value for kind in ASSOCIATION_TYPES))

SECTIONS = [
    (
        "structure",
        _("Your structure"),
        _("Who carries the project, and how it works."),
        [
            spec("contact_email", T.EMAIL, _("Your e-mail address"), required=True, personal=True),
            text("organisation_name", _("Name of the organisation"), 200, required=True),
            text(
                "project_name",
                _("project name"),
                200,
                _("If different from the organisation’s name."),
            ),
            spec(
                "organisation_type",
                T.ONE_CHOICE,
                _("organisation type"),
                required=True,
                choice_widget=ChoiceWidget.SELECT,
                is_eligibility=True,
                **choices_of(OrganisationType),
            ),
            spec(
                "commons_nature",
                T.ONE_CHOICE,
                _("nature of the project"),
                required=True,
                **choices_of(CommonsNature),
            ),
            long_text(
                "description",
                _("short description"),
                required=True,
                max_length=DESCRIPTION_MAX_LENGTH,
            ),
            long_text(
                "resource_pooling",
                _("how the project pools a resource of collective interest"),
                required=True,
            ),
            long_text(
                "commons_rationale",
                _("why the project is a commons"),
                _("Free licence, protective terms of use, transparency, shared governance."),
                required=True,
            ),
            spec("website", T.URL, _("website"), personal=True),
            spec(
                "budget_last_year",
                T.NUMBER,
                _("budget of the last year (euros)"),
                required=True,
                min_value=0,
            ),
            spec(
                "budget_year_before",
                T.NUMBER,
                _("budget of the year before (euros)"),
                required=True,
                min_value=0,
            ),
            long_text(
                "main_funders",
                _("main funders of the last years"),
                _("Needed to check the State-aid “de minimis” ceiling."),
                required=True,
            ),
            spec(
                "has_paid_activity",
                T.YES_NO,
                _("Does the structure have a paid economic activity?"),
                required=True,
            ),
            details("paid_activity_details", _("paid activity details"), "has_paid_activity"),
            spec(
                "has_related_structures",
                T.YES_NO,
                _("Is the structure related to other structures?"),
                _("A parent organisation, a subsidiary, a federation…"),
                required=True,
            ),
            details(
                "related_structures_details",
                _("related structures details"),
                "has_related_structures",
            ),
            spec(
                "contributors_count",
                T.NUMBER,
                _("approximate number of contributors"),
                required=True,
                min_value=0,
            ),
        ],
    ),
    (
        "referents",
        _("Referents"),
        _(
            "One or two people the program will talk to. They should be available "
            "2 to 3 days a month during the support."
        ),
        [
            spec(
                "referents",
                T.GROUP,
                _("Referents"),
                required=True,
                min_count=1,
                max_count=2,
                sub_questions=[
                    text("first_name", _("first name"), 100, required=True),
                    text("last_name", _("last name"), 100, required=True),
                    spec("email", T.EMAIL, _("E-mail address"), required=True, personal=True),
                    spec("phone", T.PHONE, _("phone"), required=True, personal=True, max_length=30),
                    text("role", _("Role in the structure"), 200, required=True),
                ],
            ),
            spec(
                "availability_confirmed",
                T.CHECKBOX,
                _("The referents will be available 2 to 3 days a month during the support"),
                required=True,
            ),
        ],
    ),
    (
        "projet",
        _("Your project"),
        _("The problem you address and the impact you aim for."),
        [
            long_text("problem", _("problem addressed"), required=True),
            long_text("main_impact", _("main intended impact"), required=True),
            text("impact_indicator", _("impact indicator"), 200, required=True),
            text("impact_indicator_unit", _("unit"), 50),
            spec("impact_baseline", T.NUMBER, _("baseline value"), required=True, decimal_places=2),
            spec("impact_target", T.NUMBER, _("target value"), required=True, decimal_places=2),
            long_text(
                "impact_strategy", _("impact strategy for the next six months"), required=True
            ),
            long_text(
                "state_collaboration_goals",
                _("goals of a closer work with the State"),
                required=True,
            ),
            long_text("other_actors", _("other actors on the same problem"), required=True),
            text("goal_1", _("first goal"), 300, required=True),
            text("goal_2", _("second goal"), 300),
            text("goal_3", _("third goal"), 300),
        ],
    ),
    (
        "pieces-jointes",
        _("Attachments"),
        "",
        [
            attachment(AttachmentKind.STATUTES, FileKind.DOCUMENTS, True, FOR_ASSOCIATIONS),
            attachment(AttachmentKind.ACCOUNTS, FileKind.DOCUMENTS, True, FOR_ASSOCIATIONS),
            attachment(AttachmentKind.PRESENTATION, FileKind.DOCUMENTS, True),
            attachment(AttachmentKind.LOGO, FileKind.IMAGES, False),
        ],
    ),
    (
        "autres",
        _("Other"),
        "",
        [
            spec(
                "heard_about",
                T.ONE_CHOICE,
                _("How did you hear about the call?"),
                choice_widget=ChoiceWidget.SELECT,
                **choices_of(HeardAbout),
            ),
            spec("news_opt_in", T.CHECKBOX, _("I want to receive the program’s news")),
        ],
    ),
]

INELIGIBLE_MESSAGE = _(
    "This call is open only to: %(types)s. Another structure cannot send an application."
)


def both_languages(text, transform=str):
    """{"fr": …, "en": …} of a gettext message."""
    result = {}
    for language in ("fr", "en"):
        with translation.override(language):
            result[language] = transform(str(text)) if text else ""
    return result


def default_definition(call):
    """The unsaved (form, [(section, [(question, [sub_questions])])]) of the template for
    `call`, whose accepted organisation types are the eligible answers."""
    types = [OrganisationType(value) for value in call.eligible_organisation_types]
    form = CallForm(
        call=call,
        **translated(
            "ineligible_message",
            INELIGIBLE_MESSAGE,
            lambda text: text % {"types": ", ".join(str(t.label) for t in types)},
        ),
    )
    sections = []
    for position, (key, title, intro, questions) in enumerate(SECTIONS, start=1):
        section = FormSection(
            form=form,
            position=position,
            key=key,
            **translated("title", title),
            **translated("intro", intro),
        )
        built = []
        for n, question in enumerate(questions, start=1):
            top = unsaved_question(form, section, n, question, call)
            subs = [
                unsaved_question(form, section, m, sub)
                for m, sub in enumerate(question.get("sub_questions", []), start=1)
            ]
            for sub in subs:
                sub.group = top
            built.append((top, subs))
        sections.append((section, built))
    return form, sections


def unsaved_question(form, section, position, question, call=None):
    fields = {
        name: value
        for name, value in question.items()
        if name not in ("label", "hint", "sub_questions", "condition", "choices")
    }
    result = Question(
        form=form,
        section=section,
        position=position,
        **translated("label", question["label"], capfirst),
        **translated("hint", question["hint"]),
        **fields,
    )
    if "choices" in question:
        result.choices = [
            {"value": value, **translated("label", text)} for value, text in question["choices"]
        ]
    if question.get("is_eligibility") and call is not None:
        result.eligible_values = list(call.eligible_organisation_types)
    # A condition names an earlier key; `copying` turns it into the question it names.
    result.condition_key, result.condition_values = question.get("condition") or (None, [])
    return result


def translated(name, text, transform=str):
    """`text` in both languages, as the fields `<name>_fr` and `<name>_en` hold it."""
    return {
        f"{name}_{language}": value for language, value in both_languages(text, transform).items()
    }
