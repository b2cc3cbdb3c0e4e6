"""What every page's layout needs to know about the user: roles for the navigation."""

from typing import Any

from django.http import HttpRequest

from backend.accounts.rules import roles_of
from notifications.selectors import notification_unread_count


def navigation(request: HttpRequest) -> dict[str, Any]:
    roles = roles_of(getattr(request, "user", None))
    return {
        "nav": {
            "provider": bool(roles.provider_ids),
            "municipality": bool(
                roles.officer_municipality_ids or roles.secretary_municipality_ids
            ),
            "region": bool(roles.region_ids),
            # who reads and records the demand for capacity (backend/demand)
            "demand": bool(roles.region_ids or roles.officer_municipality_ids),
            "unread": notification_unread_count(user=getattr(request, "user", None)),
        }
    }
