"""The LOGGING setting: one console handler, JSON lines (python-json-logger) or readable
text. The filters that put the request id on every record are
`backend.operations.logging`'s, named by their paths (the settings import no app)."""

TEXT_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
JSON_FIELDS = ["asctime", "levelname", "name", "message", "request_id"]


def logging_config(*, json_lines: bool, level: str, loggers: dict) -> dict:
    """The LOGGING dict: one console handler, the request id on every record."""
    if json_lines:
        formatter = {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    else:
        formatter = {"format": TEXT_FORMAT}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "backend.operations.logging.RequestIdFilter"},
            "client_errors": {"()": "backend.operations.logging.ClientErrorFilter"},
        },
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id"],
                "formatter": "default",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        # A logger's filter runs before any handler, so no handler sees the traceback.
        "loggers": {"django.request": {"filters": ["client_errors"]}, **loggers},
    }
