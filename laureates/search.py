"""Search that ignores accents and case: "democratie" finds "Parlons Démocratie".

Each laureate keeps its searchable text normalised in `Laureate.search_text` (written by
`Laureate.save()`); the search normalises the words typed the same way and matches them
with a plain LIKE, which works alike on SQLite and PostgreSQL.
"""

import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "’": "'"})


def normalise(text):
    """Lower case, without accents or ligatures: "Œuvre Éducative" → "oeuvre educative"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def search_text(*texts):
    """The normalised text a search runs on, one line per searchable field."""
    return "\n".join(normalise(text or "") for text in texts)
