"""Log records carry the request id (the filters `backend/config/logging.py` installs)."""

import logging

from backend.operations.requests import request_id


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
