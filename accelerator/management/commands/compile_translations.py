"""`manage.py compile_translations`: build the compiled catalogues (`.mo`) from the `.po`.

The compiled catalogues are built, not committed (a committed `.mo` goes stale the day a
`.po` changes without it). A release must therefore build them, or the site speaks the
source language (English) although French is its default: the `Procfile`'s release step
runs this command before `migrate` and `collectstatic`. It uses Babel (a runtime
requirement) so that no GNU gettext is needed on the servers, as `make messages` does.
A catalogue with a broken entry or a translation whose placeholders differ from its
source's stops the release with the list of faults.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def compile_catalogues(locale_dir):
    """Write `<lang>/LC_MESSAGES/django.mo` beside each `django.po` under `locale_dir`;
    returns the paths written. Raises ValueError listing the faults of any catalogue."""
    written, faults = [], []
    for source in sorted(Path(locale_dir).glob("*/LC_MESSAGES/django.po")):
        language = source.parent.parent.name
        try:
            with source.open("rb") as po:
                catalogue = read_po(po, locale=language, abort_invalid=True)
        except PoFileError as error:
            faults.append(f"{source}: {error}")
            continue
        faults += [
            f"{source}: {message.id!r}: {error}"
            for message, errors in catalogue.check()
            for error in errors
        ]
        if faults:
            continue
        target = source.with_suffix(".mo")
        with target.open("wb") as mo:
            write_mo(mo, catalogue)
        written.append(target)
    if faults:
        raise ValueError("\n".join(faults))
    return written


class Command(BaseCommand):
    help = "Compile les catalogues de traduction (.po → .mo), sans GNU gettext."

    def handle(self, *args, **options):
        written = []
        for locale_dir in settings.LOCALE_PATHS:
            try:
                written += compile_catalogues(locale_dir)
            except (ValueError, OSError) as error:
                raise CommandError(str(error)) from error
        for path in written:
            self.stdout.write(str(path))
