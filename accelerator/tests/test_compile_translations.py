"""A release builds the compiled catalogues itself: they are not in the repository."""

import gettext
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accelerator.management.commands.compile_translations import compile_catalogues

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def locale_copy(tmp_path):
    """The project's catalogues (sources only), copied where they may be broken."""
    for source in (ROOT / "locale").glob("*/LC_MESSAGES/django.po"):
        target = tmp_path / source.relative_to(ROOT / "locale")
        target.parent.mkdir(parents=True)
        shutil.copy(source, target)
    return tmp_path


def test_compiled_catalogues_are_not_committed_so_the_release_builds_them():
    assert "*.mo" in (ROOT / ".gitignore").read_text().splitlines()
    release = (ROOT / "Procfile").read_text().splitlines()[0]
    assert release.startswith("release: python manage.py compile_translations && ")


def test_the_compiled_french_catalogue_speaks_french(locale_copy):
    written = compile_catalogues(locale_copy)
    assert written == [
        locale_copy / "en" / "LC_MESSAGES" / "django.mo",
        locale_copy / "fr" / "LC_MESSAGES" / "django.mo",
    ]
    with written[1].open("rb") as mo:
        french = gettext.GNUTranslations(mo)
    assert french.gettext("Continue to the form") == "Continuer vers le formulaire"
    assert french.pgettext("committee session", "in preparation") == "en préparation"


def test_a_broken_catalogue_stops_the_release_and_says_where(locale_copy):
    french = locale_copy / "fr" / "LC_MESSAGES" / "django.po"
    french.write_text(
        french.read_text() + '\nmsgid "Glued"\nmsgid "Lost"\nmsgstr "Perdu"\n', encoding="utf-8"
    )
    with pytest.raises(
        ValueError, match=r"fr/LC_MESSAGES/django\.po: missing msgstr for msgid 'Glued'"
    ):
        compile_catalogues(locale_copy)
    assert not (locale_copy / "fr" / "LC_MESSAGES" / "django.mo").exists()


def test_a_translation_with_another_placeholder_stops_the_release(locale_copy):
    french = locale_copy / "fr" / "LC_MESSAGES" / "django.po"
    french.write_text(
        french.read_text()
        + '\n#, python-format\nmsgid "%(count)s left"\nmsgstr "%(nombre)s restants"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"'%\(count\)s left'"):
        compile_catalogues(locale_copy)


def test_the_command_reports_a_fault_as_a_command_error(locale_copy, settings):
    (locale_copy / "en" / "LC_MESSAGES" / "django.po").write_text('msgid "x"\n', encoding="utf-8")
    settings.LOCALE_PATHS = [locale_copy]
    with pytest.raises(CommandError, match="missing msgstr"):
        call_command("compile_translations")
