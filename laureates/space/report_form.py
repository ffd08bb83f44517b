"""The form of a report, built from the questions staff wrote on the plan by the call
forms' own renderer (`seasons.call_forms.rendering`): the same fields, limits and checks
as an application form. A draft keeps any valid subset; sending needs every required
answer."""

from seasons.call_forms.rendering import DefinedForm, Definition

from .. import reports


class ReportForm(DefinedForm):
    def __init__(self, questions, *args, sending=False, **kwargs):
        super().__init__(Definition(None, [], questions), *args, complete=sending, **kwargs)

    def answers(self):
        """The valid answers, as `Report.answers` stores them."""
        return reports.stored_answers({name: self.cleaned_data.get(name) for name in self.names})
