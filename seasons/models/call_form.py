"""A call's application form as data: ordered sections of ordered questions.

Staff write it in the admin (`seasons.admin.call_forms`); `seasons.call_forms` checks a
definition (`validation`), copies one from another call or from the shipped default
template (`copying`, `default_form`) and turns it into a Django form (`rendering`). Texts
shown to applicants are stored twice, `_fr` and `_en` (the project stores no other
bilingual text); `translated()` picks the visitor's language, French when English is empty.
A question's `key` names its answer: stable, unique in the form, never changed once
applications were sent.
"""

from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .fields import valid_choice
from .season import Call


def translated(obj, name):
    """`obj.<name>_en` for an English visitor when it is written, else `obj.<name>_fr`."""
    if (translation.get_language() or "").startswith("en"):
        english = getattr(obj, f"{name}_en", "")
        if english:
            return english
    return getattr(obj, f"{name}_fr")


class QuestionType(models.TextChoices):
    SHORT_TEXT = "short_text", _("short text")
    LONG_TEXT = "long_text", _("long text (with a character limit)")
    NUMBER = "number", _("number")
    EMAIL = "email", _("e-mail address")
    URL = "url", _("web address")
    PHONE = "phone", _("phone number")
    DATE = "date", _("date")
    ONE_CHOICE = "one_choice", _("one choice")
    SEVERAL_CHOICES = "several_choices", _("several choices")
    YES_NO = "yes_no", _("yes or no")
    CHECKBOX = "checkbox", _("a box to tick")
    FILE = "file", _("file")
    GROUP = "group", _("repeatable group of questions")


# Types whose answer is one of a list of values: the only ones a condition or an
# eligibility rule may read.
CHOICE_TYPES = {QuestionType.ONE_CHOICE, QuestionType.SEVERAL_CHOICES}
VALUED_TYPES = CHOICE_TYPES | {QuestionType.YES_NO, QuestionType.CHECKBOX}
# The values a yes/no answer posts and a box posts when ticked: how Django writes a
# stored boolean, as the season-2 form does (`seasons.applying.forms.YES_NO`).
YES, NO = "True", "False"


class ChoiceWidget(models.TextChoices):
    RADIO = "radio", _("radio buttons")
    SELECT = "select", _("drop-down list")


class FileKind(models.TextChoices):
    """The families `seasons.applying.uploads` recognises by their content."""

    DOCUMENTS = "documents", _("documents (PDF, OpenDocument, Office, PNG or JPEG scan)")
    IMAGES = "images", _("images (PNG or JPEG)")


class CallForm(models.Model):
    """The form of one call: its sections and questions, and the eligibility message."""

    call = models.OneToOneField(
        Call, on_delete=models.CASCADE, related_name="application_form", verbose_name=_("call")
    )
    ineligible_message_fr = models.TextField(
        _("not eligible: message (French)"),
        blank=True,
        help_text=_("Shown at once to an applicant whose eligibility answer is not accepted."),
    )
    ineligible_message_en = models.TextField(_("not eligible: message (English)"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("application form")
        verbose_name_plural = _("application forms")
        ordering = ["call"]

    def __str__(self):
        return str(_("Form of %(call)s") % {"call": self.call})


class FormSection(models.Model):
    form = models.ForeignKey(
        CallForm, on_delete=models.CASCADE, related_name="sections", verbose_name=_("form")
    )
    position = models.PositiveSmallIntegerField(_("order"))
    key = models.SlugField(
        _("key"), max_length=50, help_text=_("The section's anchor in the page's address.")
    )
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    intro_fr = models.TextField(_("introduction (French)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("form section")
        verbose_name_plural = _("form sections")
        ordering = ["form", "position"]
        constraints = [
            models.UniqueConstraint(fields=["form", "position"], name="section_order_unique"),
            models.UniqueConstraint(fields=["form", "key"], name="section_key_unique"),
            models.CheckConstraint(condition=Q(position__gte=1), name="section_order_positive"),
        ]

    def __str__(self):
        return f"{self.position}. {self.title_fr}"

    @property
    def title(self):
        return translated(self, "title")

    @property
    def intro(self):
        return translated(self, "intro")


def positive_or_empty(name):
    return Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 1})


class WordedQuestion:
    """What a question says, in the visitor's language: a call form's questions and a
    report's share it (their `label_*` and `hint_*` fields)."""

    @property
    def label(self):
        return translated(self, "label")

    @property
    def hint(self):
        return translated(self, "hint")


class Question(WordedQuestion, models.Model):
    form = models.ForeignKey(
        CallForm, on_delete=models.CASCADE, related_name="questions", verbose_name=_("form")
    )
    section = models.ForeignKey(
        FormSection, on_delete=models.CASCADE, related_name="questions", verbose_name=_("section")
    )
    group = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sub_questions",
        verbose_name=_("inside the group"),
        help_text=_("For a question asked once per entry of a repeatable group."),
    )
    position = models.PositiveSmallIntegerField(_("order"))
    key = models.SlugField(
        _("key"),
        max_length=60,
        allow_unicode=False,
        help_text=_("Names the answer in exports; unique in the form."),
    )
    type = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    label_fr = models.CharField(_("label (French)"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300, blank=True)
    hint_fr = models.TextField(_("hint (French)"), blank=True)
    hint_en = models.TextField(_("hint (English)"), blank=True)
    required = models.BooleanField(
        _("required"), default=False, help_text=_("Needed to send (a draft may leave it empty).")
    )
    personal_data = models.BooleanField(
        _("personal data"),
        default=False,
        help_text=_("Anonymised by the purge after the retention period."),
    )
    # Texts and numbers
    max_length = models.PositiveIntegerField(_("character limit"), null=True, blank=True)
    min_value = models.DecimalField(
        _("minimum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    decimal_places = models.PositiveSmallIntegerField(_("decimal places"), default=0)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    # Choices: [{"value": "association", "label_fr": "association", "label_en": "…"}]
    choices = models.JSONField(_("choices"), default=list, blank=True)
    choice_widget = models.CharField(
        _("shown as"), max_length=10, choices=ChoiceWidget.choices, default=ChoiceWidget.RADIO
    )
    # Files
    file_kinds = models.JSONField(_("accepted kinds of file"), default=list, blank=True)
    max_file_megabytes = models.PositiveSmallIntegerField(
        _("maximum size (MB)"), null=True, blank=True
    )
    # Repeatable groups
    min_count = models.PositiveSmallIntegerField(_("minimum entries"), null=True, blank=True)
    max_count = models.PositiveSmallIntegerField(_("maximum entries"), null=True, blank=True)
    # Shown only when an earlier question has one of these values.
    condition_question = models.ForeignKey(
        "self",
        # Restricted, not protected: the form's deletion takes both questions together.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="dependent_questions",
        verbose_name=_("shown only when the question"),
    )
    condition_values = models.JSONField(_("has one of the values"), default=list, blank=True)
    # Eligibility: asked first, any other answer stops the applicant with the form's message.
    is_eligibility = models.BooleanField(_("eligibility question"), default=False)
    eligible_values = models.JSONField(_("eligible answers"), default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["form", "section__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["form", "key"], name="question_key_unique"),
            models.UniqueConstraint(
                fields=["section", "position"],
                condition=Q(group__isnull=True),
                name="question_order_unique_in_section",
            ),
            models.UniqueConstraint(
                fields=["group", "position"],
                condition=Q(group__isnull=False),
                name="question_order_unique_in_group",
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="question_order_positive"),
            valid_choice("type", QuestionType, "question_type_valid"),
            valid_choice("choice_widget", ChoiceWidget, "question_choice_widget_valid"),
            models.CheckConstraint(
                condition=positive_or_empty("max_length"), name="question_max_length_positive"
            ),
            models.CheckConstraint(
                condition=positive_or_empty("max_file_megabytes"),
                name="question_max_file_size_positive",
            ),
            models.CheckConstraint(
                condition=positive_or_empty("max_count"), name="question_max_count_positive"
            ),
            models.CheckConstraint(
                condition=Q(min_count__isnull=True)
                | Q(max_count__isnull=True)
                | Q(min_count__lte=F("max_count")),
                name="question_min_count_not_above_max",
            ),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(min_value__lte=F("max_value")),
                name="question_min_value_not_above_max",
            ),
            models.CheckConstraint(
                condition=Q(decimal_places__lte=2), name="question_decimal_places_at_most_two"
            ),
            models.CheckConstraint(
                condition=~Q(type=QuestionType.GROUP) | Q(group__isnull=True),
                name="question_group_not_nested",
            ),
        ]

    def __str__(self):
        return f"{self.key} — {self.label_fr}"

    def choice_pairs(self):
        """[(value, label in the visitor's language)]; yes/no has its own two."""
        if self.type == QuestionType.YES_NO:
            return [(YES, _("Yes")), (NO, _("No"))]
        if self.type == QuestionType.CHECKBOX:
            return [(YES, _("ticked"))]
        return [(choice["value"], translated_choice(choice)) for choice in self.choices]


def translated_choice(choice):
    if (translation.get_language() or "").startswith("en") and choice.get("label_en"):
        return choice["label_en"]
    return choice.get("label_fr") or choice["value"]
