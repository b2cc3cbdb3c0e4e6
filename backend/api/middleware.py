"""The API speaks the language the client asks for (`Accept-Language`, or the language
cookie of a browser session); Czech by default.

The site's LocaleMiddleware gives every unprefixed path the default language (the web uses
`/en/…` for English), so the API, which lives outside `i18n_patterns`, picks its own.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

API_PREFIX = "/api/"


class ApiLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(API_PREFIX):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
