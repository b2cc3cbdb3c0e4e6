"""OpenAPI additions: the token scheme and the error responses of every operation."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every refusal has this shape; messages follow Accept-Language.",
    "properties": {
        "code": {
            "type": "string",
            "description": (
                "invalid, not_authenticated, authentication_failed, forbidden, not_found, "
                "conflict, stale_version, too_large, throttled, …"
            ),
        },
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "description": "Messages per field; `non_field_errors` for the rest "
            "(e.g. the reasons of a refused transition).",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["code", "detail", "errors"],
}

ERRORS = {
    "400": _("Bad input: field errors."),
    "401": _("Not authenticated, or the token is invalid, expired or revoked."),
    "403": _("The rules do not allow you this action."),
    "404": _("Not found, or outside what you may see."),
    "409": _("The state does not allow it now, or the object changed since you read it."),
    "413": _("The uploaded file is too large."),
    "415": _("Unsupported content type."),
    "429": _("Too many requests; retry after the number of seconds in Retry-After."),
}
ALWAYS = ("400", "401", "403", "404", "429")
WRITES = ("409", "415")
METHODS = ("get", "post", "put", "patch", "delete")


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "backend.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'A personal token with the prefix "Token", e.g. '
            '"Token 3q2-…" (POST /api/v1/auth/token/).',
        }


# Not Django's answer but the web server's: gunicorn refuses a request line over 4 094 bytes
# (a long query string) before the application sees it, with a short HTML page.
URI_TOO_LONG = {
    "description": "URI too long: the web server refuses a request line over 4 094 bytes.",
    "content": {"text/html": {"schema": {"type": "string"}}},
}


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: document the error body on every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in METHODS:
                continue
            statuses = list(ALWAYS)
            if method != "get":
                statuses += WRITES
            content = operation.get("requestBody", {}).get("content", {})
            if "multipart/form-data" in content:
                statuses.append("413")
            responses = operation.setdefault("responses", {})
            responses.setdefault("414", URI_TOO_LONG)
            for code in statuses:
                responses.setdefault(
                    code,
                    {
                        "description": str(ERRORS[code]),
                        "content": {"application/json": {"schema": ref}},
                    },
                )
            operation["responses"] = dict(sorted(responses.items()))
    return result


def _choices(reference: Any) -> list[tuple[str, Any]]:
    from django.utils.module_loading import import_string

    value = import_string(reference) if isinstance(reference, str) else reference
    return list(getattr(value, "choices", value))


def label_enums_in_czech(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: each named enum lists its values with the
    English and the Czech label (and `x-labels-cs` for machines)."""
    from django.utils import translation
    from drf_spectacular.settings import spectacular_settings

    schemas = result.get("components", {}).get("schemas", {})
    for name, reference in spectacular_settings.ENUM_NAME_OVERRIDES.items():
        if name not in schemas:
            continue
        choices = _choices(reference)
        with translation.override("en"):
            english = {value: str(label) for value, label in choices}
        with translation.override("cs"):
            czech = {value: str(label) for value, label in choices}
        schemas[name]["description"] = "\n".join(
            f"* `{value}` – {english[value]} (cs: {czech[value]})" for value, _label in choices
        )
        schemas[name]["x-labels-cs"] = czech
    return result
