"""An unexpected error under /api/ answers in the API's JSON error body, never with a page
or a stack trace; the trace goes to the log under the request id."""

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from backend.api.errors import error_body
from backend.api.middleware import API_PREFIX
from backend.operations.requests import request_id

logger = logging.getLogger("django.request")


class ApiServerErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path_info.startswith(API_PREFIX):
            return None  # the web's 500 page (templates/500.html)
        logger.exception(
            "Internal Server Error: %s",
            request.path,
            extra={"status_code": 500, "request": request},
        )
        detail = _(
            "Something went wrong on our side. If it happens again, quote the request id "
            "%(request_id)s to the regional office."
        ) % {"request_id": request_id()}
        return JsonResponse(error_body("server_error", detail), status=500)
