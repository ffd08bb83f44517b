"""Search that ignores accents and case: "democratie" finds "Parlons Démocratie".

Each laureate keeps its searchable text normalised in `Laureate.search_text` (written by
`Laureate.save()`); the search normalises the words typed the same way and matches them
with a plain LIKE, which works alike on SQLite and PostgreSQL.
"""

from accelerator.collation import normalise

__all__ = ["normalise", "search_text"]


def search_text(*texts):
    """The normalised text a search runs on, one line per searchable field."""
    return "\n".join(normalise(text or "") for text in texts)
