"""French order and accent-free comparison of text, the same on every database.

Python's and SQLite's default order is the code points': "Éducation" comes after
"Sport". French readers expect accents and capitals to be ignored first ("Éducation" with
the E's), then used only to break ties.
"""

import unicodedata

from django.contrib import admin
from django.forms.models import ModelChoiceIterator
from django.utils.choices import BaseChoiceIterator

# Letters that Unicode does not decompose into a base letter and an accent.
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "’": "'"})


def normalise(text):
    """Lower case, without accents or ligatures: "Œuvre Éducative" → "oeuvre educative"."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold().translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def french_key(text):
    """Sort key: the letters first, accents and capitals only to break ties."""
    return normalise(text), str(text)


def french_sorted(choices):
    """(value, label) pairs in the French order of their labels."""
    return sorted(choices, key=lambda choice: french_key(choice[1]))


class FrenchOrderChoices(BaseChoiceIterator):
    """Fixed (value, lazy label) choices sorted when shown, in the request's language."""

    def __init__(self, choices):
        self.choices = list(choices)

    def __iter__(self):
        return iter(french_sorted(self.choices))

    def __len__(self):
        return len(self.choices)


class FrenchOrderIterator(ModelChoiceIterator):
    """The choices of a model field in the French order of their labels, the empty one first."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from french_sorted(self.choice(obj) for obj in self.queryset)


class FrenchOrderRelatedFilter(admin.RelatedFieldListFilter):
    """An admin filter on a related model listing its objects in French order."""

    def field_choices(self, field, request, model_admin):
        return french_sorted(super().field_choices(field, request, model_admin))
