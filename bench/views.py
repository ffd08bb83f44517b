"""The floor of the benchmark: the cost of the framework and its middleware alone."""

from django.http import HttpResponse


def ping(request):
    return HttpResponse(b"pong", content_type="text/plain")
