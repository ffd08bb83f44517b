"""Switching language on the application form without losing what was typed.

Elsewhere the header's language switch is a link (accelerator.language), which leaves the page:
on the form, everything typed and every file chosen would be lost. There the language
buttons submit the application form itself (the HTML `form` attribute, so it works
without JavaScript), and the form is saved the way its own buttons save it: a draft is
saved (valid answers and files kept, as "Save the draft" does), a sent application
keeps its changes if they are complete; then the form is shown in the chosen language.
A professional form never makes the applicant choose between the language they read and
the answers they typed, and a save they did not ask for is harmless here: a draft is
private, and a sent application may be changed until the deadline anyway. The form
page says so beside the switch.
"""

from django.conf import settings
from django.utils import translation

from accelerator.language import remember_language

SWITCH_FIELD = "switch_language"
FORM_ID = "application-form"


def chosen(request):
    """The language a form POST switches to, or None when it switches to none."""
    code = request.POST.get(SWITCH_FIELD, "")
    return code if code in dict(settings.LANGUAGES) else None


def answered(forms, files):
    """Whether anything was typed or chosen: a blank new form switches without a draft."""
    if hasattr(forms, "answered"):  # a call's own form (`own_form.ApplicantForm`)
        return forms.answered(files)
    answers, referents, _attachments = forms
    return bool(files) or answers.has_changed() or any(r.has_changed() for r in referents)


def switched(request, language, respond):
    """`respond()` answered in `language`, which the language cookie then remembers."""
    translation.activate(language)
    request.LANGUAGE_CODE = language
    return remember_language(respond(), language)
