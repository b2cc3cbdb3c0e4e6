"""Cached responses of the API's busiest lists, keyed by the data version
(`backend/core/dataversion.py`): a committed write shows in the next request.

A list's response depends on the data, on who asks (their scope), the language, the day
(deadlines are counted from it), the media type and the URL: all of them are in the key.
The token look-up of `Authorization: Token …` is cached under the access version
(`backend/api/services.py`; tokens, users and memberships raise it), so a cached list costs
one query, the read of the versions.
"""

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import get_language
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.core.dataversion import cache_enabled, versioned_get, versioned_set

ListMethod = Callable[..., HttpResponseBase]


def _key(view: APIView, request: Request, *, public: bool) -> str:
    scope = "public" if public else f"user:{request.user.pk}"
    parts = (
        type(view).__qualname__,
        scope,
        get_language() or "",
        timezone.localdate().isoformat(),
        request.accepted_media_type or "",
        request.build_absolute_uri(),
    )
    return "list:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def cached_list(*, public: bool = False) -> Callable[[ListMethod], ListMethod]:
    """Serve a GET list from the cache, or compute it and store its rendered bytes.

    `public=True`: the list is the same for every caller (the register); otherwise each
    user has entries of their own, since the lists show only the caller's scope."""

    def decorate(method: ListMethod) -> ListMethod:
        @functools.wraps(method)
        def wrapper(view: APIView, request: Request, *args: Any, **kwargs: Any) -> Any:
            if not cache_enabled():
                return method(view, request, *args, **kwargs)
            key = _key(view, request, public=public)
            hit = versioned_get(request, key)
            if hit is not None:
                content, content_type = hit
                return HttpResponse(content, content_type=content_type)
            response = method(view, request, *args, **kwargs)
            if isinstance(response, Response) and response.status_code == 200:
                # Rendered here, as finalize_response would, to store the bytes.
                response.accepted_renderer = request.accepted_renderer
                response.accepted_media_type = request.accepted_media_type
                response.renderer_context = view.get_renderer_context()  # type: ignore[attr-defined]  # DRF's Response has it; its stubs miss it
                response.render()
                versioned_set(request, key, (response.content, response["Content-Type"]))
            return response

        return wrapper

    return decorate
