"""People as a reader tells them apart: by their full name, with their username only
where two share a name, in the French order (`collation`).

A username alone ("m.dupont2") says little to the staff who assign work; a full name
alone cannot tell two Camille Martin apart. Names are compared as the French order
compares them (accents and capitals aside): "Élise Roux" and "Elise Roux" share a name.
"""

from collections import Counter

from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue

from .collation import french_key, normalise


def person_labels(users):
    """{user pk: label}: "Full Name", "Full Name (username)" where another of `users`
    has the same name, the username alone where no name is set."""
    users = list(users)
    shared = Counter(normalise(user.get_full_name().strip()) for user in users)

    def label(user):
        name = user.get_full_name().strip()
        if not name:
            return user.get_username()
        if shared[normalise(name)] > 1:
            return f"{name} ({user.get_username()})"
        return name

    return {user.pk: label(user) for user in users}


class PeopleChoiceIterator(ModelChoiceIterator):
    """The users of a model choice field labelled by `person_labels`, in French order
    of their labels (the field's empty choice first, where it has one)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        users = list(self.queryset)
        labels = person_labels(users)
        choices = [(ModelChoiceIteratorValue(self.field.prepare_value(u), u), labels[u.pk])
                   for u in users]  # fmt: skip
        yield from sorted(choices, key=lambda choice: french_key(choice[1]))
