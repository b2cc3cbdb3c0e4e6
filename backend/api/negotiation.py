"""Content negotiation for file downloads (exports, PDFs): whatever the client accepts, the
file is the answer, and errors still come as JSON (the first renderer)."""

from typing import Any

from rest_framework.negotiation import BaseContentNegotiation


class FileDownloadNegotiation(BaseContentNegotiation):
    def select_parser(self, request: Any, parsers: list[Any]) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(
        self, request: Any, renderers: list[Any], format_suffix: str | None = None
    ) -> tuple[Any, str]:
        return renderers[0], renderers[0].media_type
