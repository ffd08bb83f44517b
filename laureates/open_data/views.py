"""Open data downloads and feeds: CSV, JSON, their Table Schema and Atom (the calls'
iCalendar is `seasons.calls.views.call_deadlines`, routed with them)."""

import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _

from accelerator.page_cache import cache_public_page

from . import data


def with_last_modified(response, moment):
    if moment is not None:
        response["Last-Modified"] = http_date(moment.timestamp())
    return response


@cache_public_page
def index(request):
    return render(
        request,
        "laureates/open_data.html",
        {
            "columns": data.COLUMNS,
            "licence": data.LICENCE,
            "last_update": data.last_update(),
            "laureate_count": data.published_laureates().count(),
            "breadcrumb": [(reverse("laureates:laureate_list"), _("Laureates"))],
        },
    )


@cache_public_page
def laureates_csv(request):
    content = data.as_csv(data.rows(request.build_absolute_uri))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="laureats.csv"'
    response["Link"] = (
        f'<{request.build_absolute_uri(reverse("open_data:schema"))}>; rel="describedby"'
    )
    return with_last_modified(response, data.last_update())


@cache_public_page
def laureates_json(request):
    last_update = data.last_update()
    document = {
        "licence": data.LICENCE,
        "schema": request.build_absolute_uri(reverse("open_data:schema")),
        "mis_a_jour": last_update.isoformat() if last_update else None,
        "laureats": [data.typed(row) for row in data.rows(request.build_absolute_uri)],
    }
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    return with_last_modified(response, last_update)


@cache_public_page
def laureates_schema(request):
    schema = data.table_schema()
    return HttpResponse(
        json.dumps(schema, ensure_ascii=False, indent=2),
        content_type="application/schema+json; charset=utf-8",
    )
