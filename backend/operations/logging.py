"""Log records carry the request id; JSON lines (python-json-logger) or readable text."""

import logging

from backend.operations.requests import request_id

TEXT_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
JSON_FIELDS = ["asctime", "levelname", "name", "message", "request_id"]


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record passing the handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id()
        return True


class ClientErrorFilter(logging.Filter):
    """Drops the traceback of a 4xx answer (403, 404): the client asked for something it
    may not have or that is not there, the code did not fail, so one line is enough."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True


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
