"""Hostile input refused at the door, before any view or database sees it (issue 10).

- NUL characters: PostgreSQL refuses them in text (« A string literal cannot contain NUL
  characters »), which surfaced as 500s on captcha URLs, searches, the establishment
  switch and ticket references. Any NUL in the path, the query string or a form field is
  a clean 400 page in French. (Form fields would also be refused by Django's
  ProhibitNullCharactersValidator, but not the values views read themselves.)
- Body size: a request whose Content-Length exceeds MAX_REQUEST_BODY_BYTES is answered
  413 without reading its body (Django would otherwise stream a 100 MB anonymous upload
  to disk before the form sees it). DATA_UPLOAD_MAX_MEMORY_SIZE bounds the non-file part.
"""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.shortcuts import render


def _has_nul(request) -> bool:
    if "\x00" in request.path_info or b"\x00" in unquote_to_bytes(
        request.META.get("QUERY_STRING", "")
    ):
        return True
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        return any("\x00" in key or "\x00" in value for key, value in _pairs(request.POST))
    return False


def _pairs(data):
    for key, values in data.lists():
        for value in values:
            yield key, value


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _declared_length(request) > settings.MAX_REQUEST_BODY_BYTES:
            return render(request, "errors/413.html", status=413)
        if _has_nul(request):
            return render(request, "errors/400.html", status=400)
        return self.get_response(request)
