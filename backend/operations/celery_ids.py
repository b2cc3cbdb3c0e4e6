"""A task published while a request is handled runs under that request's id in the worker.

django-guid's own Celery integration also sets a new id in `task_prerun` and clears it in
`task_postrun` for eager tasks, which run inside the request (the tests, and the on-commit
drains there), and would wipe the request's id before its response is sent. These handlers
leave eager tasks under their caller's id.
"""

from typing import Any

from celery.signals import before_task_publish, task_postrun, task_prerun
from django_guid import clear_guid, get_guid, set_guid
from django_guid.config import settings as guid_settings
from django_guid.utils import generate_guid


@before_task_publish.connect(weak=False)
def _publish_with_request_id(headers: dict[str, Any], **kwargs: Any) -> None:
    current = get_guid()
    if current:
        headers[guid_settings.guid_header_name] = current


@task_prerun.connect(weak=False)
def _run_with_request_id(task: Any, **kwargs: Any) -> None:
    if not task.request.is_eager:
        set_guid(task.request.get(guid_settings.guid_header_name) or generate_guid())


@task_postrun.connect(weak=False)
def _forget_request_id(task: Any, **kwargs: Any) -> None:
    if not task.request.is_eager:
        clear_guid()
