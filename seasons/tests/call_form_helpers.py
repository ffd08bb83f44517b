"""Building call forms in tests: a form, a section, questions by keyword."""

from seasons.models import CallForm, FormSection, Question, QuestionType

from .factories import CallFactory

YES_NO_CHOICES = [
    {"value": "association", "label_fr": "association", "label_en": "association"},
    {"value": "company", "label_fr": "entreprise", "label_en": "company"},
]


def new_form(call=None, sections=1):
    form = CallForm.objects.create(call=call or CallFactory())
    for n in range(1, sections + 1):
        FormSection.objects.create(form=form, position=n, key=f"partie-{n}", title_fr=f"Partie {n}")
    return form


def question(form, key, type=QuestionType.SHORT_TEXT, section=1, position=None, save=True, **extra):
    """A question of `form` in its section number `section`, last unless `position`."""
    section = form.sections.get(position=section)
    if position is None:
        position = section.questions.filter(group=None).count() + 1
    fields = {"label_fr": f"Question {key}", **extra}
    q = Question(form=form, section=section, position=position, key=key, type=type, **fields)
    if save:
        q.save()
    return q
