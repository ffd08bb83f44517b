"""Two (or more) people acting at the same moment, for the tests of row locks."""

import threading

from django.db import connections


def at_once(act, inputs, *, refused=()):
    """Runs `act(input)` once per input, each in a thread of its own, all released at the
    same moment. Returns, in the order they finished, what each returned or the `refused`
    exception it raised (any other exception fails its thread). Each thread closes its own
    database connections. To act on a row as everyone read it before anyone acted, read it
    once per input beforehand and give these copies as the inputs."""
    ready = threading.Barrier(len(inputs))
    outcomes = []

    def run(value):
        try:
            ready.wait(timeout=10)
            outcomes.append(act(value))
        except refused as refusal:
            outcomes.append(refusal)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=[value]) for value in inputs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def two_managers_at_once(act, *, refused):
    """`act(user)` by two program managers at the same moment: what each returned or the
    `refused` exception it raised, as text, sorted."""
    from seasons.selection.roles import PROGRAM_MANAGER
    from seasons.tests.test_review import member_of

    staff = [member_of(PROGRAM_MANAGER, "un"), member_of(PROGRAM_MANAGER, "deux")]
    return sorted(map(str, at_once(act, staff, refused=refused)))


def both_managers_try(change, row, *, refused):
    """`change(row, user)` by two program managers at the same moment, each on the row read
    afresh: the `refused` exception's text for the one turned down, "done" for the other,
    sorted (so a right outcome is `[refusal, "done"]`)."""

    def act(user):
        change(type(row).objects.get(pk=row.pk), user)
        return "done"

    return two_managers_at_once(act, refused=refused)
