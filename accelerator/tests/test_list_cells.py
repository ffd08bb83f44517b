import datetime as dt

from django.utils import timezone, translation

from accelerator.list_cells import short_day, shortened


def test_a_short_text_is_left_as_it_is():
    assert shortened("Revue à 6 mois", 14) == "Revue à 6 mois"


def test_a_long_text_is_cut_with_the_whole_text_as_its_tooltip():
    assert shortened("Audit de code & d'hébergement", 12) == (
        '<span title="Audit de code &amp; d&#x27;hébergement">Audit de co…</span>'
    )


def test_a_day_and_a_moment_are_written_short_in_the_programs_time_zone():
    late = dt.datetime(2023, 9, 20, 23, 30, tzinfo=dt.UTC)  # already the 21st in Paris
    with translation.override("fr"), timezone.override("Europe/Paris"):
        assert [short_day(dt.date(2024, 4, 2)), short_day(late), short_day(None)] == [
            "02/04/2024",
            "21/09/2023",
            "—",
        ]
