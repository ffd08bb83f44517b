"""French is complete: every message of the interface has a French translation."""

from pathlib import Path

from babel.messages.pofile import read_po

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def test_french_catalogue_translates_every_message():
    with CATALOGUE.open("rb") as po:
        catalogue = read_po(po)
    untranslated = [
        message.id
        for message in catalogue
        if message.id
        and (
            message.fuzzy
            or not (message.string if isinstance(message.string, str) else all(message.string))
        )
    ]
    assert untranslated == []
    assert len([m for m in catalogue if m.id]) > 200


def keywords(path):
    """The keywords of a catalogue, in order (msgctxt, msgid, msgid_plural, msgstr…)."""
    return [
        line.split(" ", 1)[0].split("[", 1)[0]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("msg")
    ]


def test_every_message_of_both_catalogues_has_its_translation_entry():
    # A union merge of two branches' catalogues once left a msgid glued to the next
    # entry: Babel read on silently (and dropped it), GNU msgfmt refused the file.
    for language in ("fr", "en"):
        path = CATALOGUE.parents[2] / language / "LC_MESSAGES" / "django.po"
        found = keywords(path)
        orphans = [
            n
            for n, keyword in enumerate(found)
            if keyword == "msgid" and found[n + 1 : n + 2] not in (["msgstr"], ["msgid_plural"])
        ]
        assert (language, orphans) == (language, [])
        assert found.count("msgid") > 500
