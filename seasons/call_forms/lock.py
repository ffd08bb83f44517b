"""What sent applications freeze in a call's form.

Once a call has an application out of the draft state, its answers are stored under the
questions' keys and read through their types: a question may no longer be removed nor
change key or type, and the form may not be replaced by a copy. Wording stays editable
(simple-history records each correction).
"""

from ..models import Submission


def is_locked(call):
    return Submission.objects.sent().filter(call=call).exists()
