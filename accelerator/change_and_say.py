"""Pages and admin screens that ask a domain function for one change, then tell the user
how it went: done, in the page's words, or refused, in the domain's."""

from django.contrib import messages


def change_and_say(request, refused, done, change, *args, level=messages.SUCCESS, **kwargs):
    """Calls `change(*args, **kwargs)`; says `done` at `level` when it returns, or the
    refusal (an exception of class `refused`) as an error. True when done. The admin's
    `message_user` is the same `messages.add_message`, so its screens use this too."""
    try:
        change(*args, **kwargs)
    except refused as refusal:
        messages.error(request, str(refusal))
        return False
    messages.add_message(request, level, done)
    return True
