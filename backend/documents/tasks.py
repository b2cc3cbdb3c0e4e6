"""Celery task: render a transition's PDF outside the web request (WeasyPrint takes hundreds
of milliseconds per document). Thin and idempotent; the work is in `documents.services`."""

import logging
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from celery import Task, shared_task

from backend.config.celery import TASK_OPTIONS
from backend.documents.services import document_generate

if TYPE_CHECKING:
    from billiard.einfo import ExceptionInfo

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


class DocumentTask(Task[P, R]):
    """Logs a failure with the document it was to generate."""

    def on_failure(
        self,
        exc: Exception,
        task_id: str,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        einfo: "ExceptionInfo",
    ) -> None:
        params = {
            **dict(zip(("kind", "plan_id", "opinion_id"), args or (), strict=False)),
            **kwargs,
        }
        logger.error(
            "Task %s (%s) failed for the %s document of plan #%s (opinion #%s): %r",
            self.name,
            task_id,
            params.get("kind"),
            params.get("plan_id"),
            params.get("opinion_id"),
            exc,
        )


@shared_task(base=DocumentTask, **TASK_OPTIONS)
def document_generate_task(
    kind: str,
    plan_id: int,
    opinion_id: int | None,
    by_id: int | None,
    after_version: int,
    reference_number_id: int | None = None,
) -> int | None:
    """Store the transition's document unless a version newer than `after_version` exists;
    the id of the stored document, None when there was nothing to do."""
    document = document_generate(
        kind=kind,
        plan_id=plan_id,
        opinion_id=opinion_id,
        by_id=by_id,
        after_version=after_version,
        reference_number_id=reference_number_id,
    )
    return document.pk if document else None
