from django import template

from backend.operations.requests import request_id as current_request_id

register = template.Library()


@register.simple_tag
def request_id() -> str:
    """The current request's id (works without the request context, e.g. on the 500 page)."""
    return current_request_id()
