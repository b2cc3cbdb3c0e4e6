"""The baseline: what DRF on this gunicorn costs with no database work at all."""

from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

PAYLOAD = {"status": "ok", "items": [1, 2, 3]}


class Baseline(APIView):
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes: list[type] = []

    def get(self, request: Request) -> Response:
        return Response(PAYLOAD)
