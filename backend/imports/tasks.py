"""Celery task: preview or commit an import outside the web request (a file of 50 000 rows
takes minutes). Thin; the work is in `imports.services`."""

import logging
from typing import Any

from celery import Task, shared_task
from django.core.exceptions import ValidationError

from backend.accounts.models import User
from backend.config.celery import TASK_OPTIONS
from backend.imports.models import ImportRun
from backend.imports.services import import_commit, import_preview

logger = logging.getLogger(__name__)


class ImportTask(Task):
    """Logs a failure with the import it was to run."""

    def on_failure(self, exc: Exception, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        logger.error("Task %s (%s) failed for import %r: %r", self.name, task_id, args, exc)


@shared_task(base=ImportTask, **TASK_OPTIONS)
def import_run_task(run_id: int, by_id: int, commit: bool) -> str:
    """Preview (or commit) the import; a redelivered commit of a committed import does
    nothing. Returns the run's status."""
    run = ImportRun.objects.select_related("region").get(pk=run_id)
    by = User.objects.get(pk=by_id)
    try:
        run = import_commit(run=run, by=by) if commit else import_preview(run=run, by=by)
    except ValidationError as error:
        logger.warning(
            "Import %s not run (%s, %s refused): %s",
            run_id,
            run.status,
            run.count_refused,
            error.messages,
        )
    return run.status
