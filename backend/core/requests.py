"""The request as django-htmx's middleware leaves it, for the type checker: `request.htmx`
tells a request of htmx (a fragment is enough) from a whole page load. At run time it is
Django's `HttpRequest` itself."""

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    class HtmxHttpRequest(HttpRequest):
        htmx: HtmxDetails

else:
    HtmxHttpRequest = HttpRequest
