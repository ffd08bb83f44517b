"""The juror's form: scoring one application (asking for a link is `sign_in_pages`').

The scoring form asks first about a conflict of interest, then a score per criterion of
the call's rubric (0 to 5, radio buttons a keyboard walks with its arrows) and a comment;
"save" keeps a draft, "submit" makes it final. What `reviewing.check_review` refuses is
said beside the field it concerns.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import MAX_SCORE
from ..selection import reviewing

SCORES = [(str(n), str(n)) for n in range(MAX_SCORE + 1)]
CONFLICT = [("no", _("No conflict")), ("yes", _("I have a conflict of interest"))]


def score_name(criterion):
    return f"score_{criterion.pk}"


def score_field(criterion, choices=SCORES, widget=forms.RadioSelect):
    """A criterion's score, 0 to 5, labelled with its weight (the admin's review form
    shows it as a list with an empty choice)."""
    return forms.TypedChoiceField(
        label=f"{criterion.title} (×{criterion.weight.normalize()})",
        help_text=criterion.description,
        choices=choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=widget,
    )


class ScoringForm(forms.Form):
    conflict = forms.ChoiceField(
        label=_("Conflict of interest"),
        choices=CONFLICT,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Declare it before anything else. With a conflict, you cannot score."),
    )
    conflict_details = forms.CharField(
        label=_("Details of the conflict"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    comment = forms.CharField(
        label=_("Your comment"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, review, criteria, **kwargs):
        scores = {score.criterion_id: score.value for score in review.scores.all()}
        initial = {
            "conflict": {True: "yes", False: "no"}.get(review.conflict_of_interest, ""),
            "conflict_details": review.conflict_details,
            "comment": review.comment,
        }
        initial.update({f"score_{pk}": str(value) for pk, value in scores.items()})
        super().__init__(*args, initial=initial, **kwargs)
        self.review = review
        self.criteria = criteria
        for criterion in criteria:
            self.fields[score_name(criterion)] = score_field(criterion)

    def score_fields(self):
        return [self[score_name(criterion)] for criterion in self.criteria]

    def conflict_of_interest(self):
        return {"yes": True, "no": False}.get(self.cleaned_data.get("conflict"))

    def scores(self):
        return {c.pk: self.cleaned_data.get(score_name(c)) for c in self.criteria}

    def check(self, submit):
        """Run the domain's checks; put each refusal beside its field. True when valid."""
        if not self.is_valid():
            return False
        conflict = self.conflict_of_interest()
        scores = self.scores()
        if conflict is None and (submit or any(v is not None for v in scores.values())):
            self.add_error("conflict", _("Declare first whether you have a conflict of interest."))
        elif submit and not conflict:
            for criterion in self.criteria:
                if scores[criterion.pk] is None:
                    self.add_error(score_name(criterion), _("Give a score from 0 to 5."))
        if self.errors:
            return False
        try:
            reviewing.check_review(
                self.review, conflict_of_interest=conflict, scores=scores, submit=submit
            )
        except reviewing.ReviewRefused as refused:
            self.add_error("conflict" if conflict else None, str(refused))
            return False
        return True

    def save(self, submit):
        return reviewing.save_review(
            self.review,
            conflict_of_interest=self.conflict_of_interest(),
            conflict_details=self.cleaned_data["conflict_details"],
            scores=self.scores(),
            comment=self.cleaned_data["comment"],
            submit=submit,
        )
