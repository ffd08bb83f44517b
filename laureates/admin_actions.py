"""Bulk actions of the laureates' staff screens that ask the domain to change each
selected row in turn: what it refuses does not stop the others, and staff read how many
changed, then why each refused one was refused."""

from django.contrib import messages


def change_each(modeladmin, request, rows, change, refused, counted, describe=None):
    """Calls `change(row)` (how many rows it changed: 0 or 1) on each row; says `counted(n)`
    (the number changed) as a success, then each refusal (an exception of class `refused`)
    as a warning, in its words or as `describe(row, refusal)` words it."""
    changed, reasons = 0, []
    for row in rows:
        try:
            changed += change(row)
        except refused as refusal:
            reasons.append(describe(row, refusal) if describe else str(refusal))
    modeladmin.message_user(request, counted(changed), messages.SUCCESS)
    for reason in reasons:
        modeladmin.message_user(request, reason, messages.WARNING)
