"""Reviewers' screen: their assignments, the application's answers, their scores.

A reviewer sees only their own reviews. The form asks first about a conflict of
interest; scores are refused when one is declared. Saving goes through
`seasons.selection.reviewing.save_review`.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from accelerator.history import ReadableHistoryAdmin
from accelerator.list_cells import day_column, shortened_column
from accelerator.people import person_labels

from ..applying.answers import summarize
from ..jury import forms as jury_forms
from ..models import MAX_SCORE, Call, Review, ReviewState
from ..selection import reviewing
from ..selection.permissions import can_assign_reviewers, is_own_review, sees_every_submission
from .list_filters import StateFilter

SCORE_CHOICES = [("", "—")] + [(str(n), str(n)) for n in range(MAX_SCORE + 1)]
CONFLICT_CHOICES = [
    ("", _("Not declared yet")),
    ("False", _("No conflict")),
    ("True", _("I have a conflict of interest")),
]


def score_field_name(criterion):
    return f"score_{criterion.pk}"


def score_field(criterion):
    return jury_forms.score_field(criterion, SCORE_CHOICES, forms.Select)


class ReviewForm(forms.ModelForm):
    conflict_of_interest = forms.TypedChoiceField(
        label=_("Conflict of interest"),
        choices=CONFLICT_CHOICES,
        coerce=lambda value: value == "True",
        empty_value=None,
        required=False,
        help_text=_("Declare it before anything else. With a conflict, you cannot score."),
    )
    submit_review = forms.BooleanField(
        label=_("Submit my review (it can no longer be changed afterwards)"), required=False
    )

    class Meta:
        model = Review
        fields = ["conflict_of_interest", "conflict_details", "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(self.instance.submission.call.criteria.all())
        for score in self.instance.scores.all():
            name = f"score_{score.criterion_id}"
            if name in self.fields:
                self.fields[name].initial = score.value

    def scores(self):
        return {c.pk: self.cleaned_data.get(score_field_name(c)) for c in self.criteria}

    def clean(self):
        cleaned = super().clean()
        try:
            reviewing.check_review(
                self.instance,
                conflict_of_interest=cleaned.get("conflict_of_interest"),
                scores=self.scores(),
                submit=cleaned.get("submit_review", False),
            )
        except reviewing.ReviewRefused as refused:
            raise forms.ValidationError(str(refused)) from refused
        return cleaned


class ReviewStateFilter(StateFilter):
    states = ReviewState

    def in_state(self, queryset, state):
        return queryset.in_state(state)


@admin.action(
    description=_("Offer to another reviewer (conflicts of interest)"), permissions=["assign"]
)
def offer_to_another_reviewer(modeladmin, request, queryset):
    """Each chosen conflict of interest goes to the reviewer `reviewing.propose_replacement`
    names; anything else chosen is left alone, and said so."""
    for review in queryset.select_related("submission"):
        try:
            replacement = reviewing.reassign(review, request.build_absolute_uri("/")[:-1])
        except reviewing.ReviewRefused as refused:
            modeladmin.message_user(request, f"{review.submission}: {refused}", messages.WARNING)
            continue
        if replacement is None:
            text = _("%(application)s: every reviewer is assigned already, nobody to offer it to.")
            modeladmin.message_user(
                request, text % {"application": review.submission}, messages.WARNING
            )
        else:
            text = _("%(application)s: offered to %(reviewer)s.")
            name = replacement.reviewer.get_full_name() or replacement.reviewer.username
            modeladmin.message_user(
                request,
                text % {"application": review.submission, "reviewer": name},
                messages.SUCCESS,
            )


class ReviewChangeList(ChangeList):
    """The reviews of a page with their reviewers named as the assign page names them:
    full names, the username only where two share a name (`accelerator.people`)."""

    def get_results(self, request):
        super().get_results(request)
        reviews = list(self.result_list)
        reviews += [review.replacement for review in reviews if review.replacement]
        labels = person_labels({review.reviewer for review in reviews})
        for review in reviews:
            review.reviewer_label = labels[review.reviewer_id]


@admin.register(Review)
class ReviewAdmin(ReadableHistoryAdmin):
    form = ReviewForm
    # Short cells, so that the list fits a 1,400 px screen (accelerator.list_cells).
    list_display = ["application_label", "reviewer_name", "state", "submitted_on", "offered_to"]
    list_display_links = ["application_label"]
    # Only the calls the reader has reviews in (a reviewer's own calls).
    list_filter = [
        ReviewStateFilter,
        "submitted_at",
        ("submission__call", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["submission", "reviewer", "replacement__reviewer"]
    search_fields = ["submission__reference", "submission__organisation_name"]
    readonly_fields = ["submission", "reviewer", "submitted_at", "application", "replacement"]
    actions = [offer_to_another_reviewer]

    application_label = shortened_column("submission", _("application"), 36)
    submitted_on = day_column("submitted_at", _("submitted on"))

    @admin.display(description=_("state"))
    def state(self, obj):
        return obj.get_state_display()

    @admin.display(description=_("reviewer"), ordering="reviewer")
    def reviewer_name(self, obj):
        return obj.reviewer_label

    @admin.display(description=_("offered instead to"))
    def offered_to(self, obj):
        return obj.replacement.reviewer_label if obj.replacement else "—"

    def get_changelist(self, request, **kwargs):
        return ReviewChangeList

    def has_assign_permission(self, request):
        return can_assign_reviewers(request.user)

    change_list_template = "admin/seasons/review/change_list.html"

    def changelist_view(self, request, extra_context=None):
        """With a link to the progress of each call the reader has reviews in (for a
        reviewer, their own line there)."""
        reviews = reviewing.reviews_visible_to(request.user)
        calls = Call.objects.filter(submissions__reviews__in=reviews).distinct()
        extra_context = {**(extra_context or {}), "progress_calls": calls.order_by("-closes_at")}
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        return reviewing.reviews_visible_to(request.user, super().get_queryset(request))

    def has_add_permission(self, request):
        return False  # reviews come from the assignment action on applications

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return sees_every_submission(request.user) or is_own_review(request.user, obj)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return sees_every_submission(request.user) or is_own_review(request.user, obj)

    def get_fields(self, request, obj=None):
        scores = [score_field_name(c) for c in obj.submission.call.criteria.all()] if obj else []
        return [
            "submission",
            "reviewer",
            "application",
            "conflict_of_interest",
            "conflict_details",
            *scores,
            "comment",
            "submit_review",
            "submitted_at",
            # Who took over after a conflict is staff's business, not the reviewer's.
            *(["replacement"] if sees_every_submission(request.user) else []),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # One score field per criterion of this call's rubric.
        criteria = obj.submission.call.criteria.all() if obj else []
        fields = {score_field_name(c): score_field(c) for c in criteria}
        form = type("ReviewFormForThisCall", (ReviewForm,), fields)
        return super().get_form(request, obj, change, form=form, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_submitted:
            return [f for f in self.get_fields(request, obj) if f != "submit_review"]
        return self.readonly_fields

    @admin.display(description=_("the application"))
    def application(self, obj):
        return render_to_string(
            "admin/seasons/review/application.html",
            {
                "submission": obj.submission,
                "summary": summarize(obj.submission),
                "attachments": obj.submission.attachments.all(),
            },
        )

    def save_model(self, request, obj, form, change):
        # The form already ran the same checks; save_review runs them again under a lock.
        reviewing.save_review(
            obj,
            conflict_of_interest=form.cleaned_data.get("conflict_of_interest"),
            conflict_details=form.cleaned_data.get("conflict_details", ""),
            scores=form.scores(),
            comment=form.cleaned_data.get("comment", ""),
            submit=form.cleaned_data.get("submit_review", False),
        )
