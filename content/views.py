"""Views of the content app that are not Wagtail pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from content.statistics import national_statistics


def statistics(request: HttpRequest) -> HttpResponse:
    """``/statistik/``: the needs of every region as heat tables and charts."""
    return render(request, "content/statistics.html", national_statistics())
