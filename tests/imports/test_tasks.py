"""The Celery task runs the preview and the commit; a redelivered commit does nothing; the
progress file lives only while the run does."""

import pytest

from backend.imports.models import ImportStatus
from backend.imports.services import Progress, import_start, progress_read
from backend.imports.tasks import import_run_task
from backend.network.models import CapacityChange
from tests.imports.conftest import csv_bytes, row, second_row

pytestmark = pytest.mark.django_db


def test_the_task_previews_and_commits_once(
    upload, regional_officer, django_capture_on_commit_callbacks
):
    run = upload(csv_bytes([row(), second_row()]))
    with django_capture_on_commit_callbacks(execute=True):
        import_start(run=run, by=regional_officer, commit=False)
    run.refresh_from_db()
    assert run.status == ImportStatus.PREVIEWED
    assert progress_read(run) is None
    with django_capture_on_commit_callbacks(execute=True):
        import_start(run=run, by=regional_officer, commit=True)
    run.refresh_from_db()
    assert run.status == ImportStatus.COMMITTED
    changes = CapacityChange.objects.count()
    # The message handed out again after the commit (acks_late): nothing more happens.
    assert import_run_task(run.pk, regional_officer.pk, True) == ImportStatus.COMMITTED
    assert CapacityChange.objects.count() == changes


def test_the_progress_while_running(upload, regional_officer):
    run = upload(csv_bytes([row()]))
    run.status = ImportStatus.PREVIEWING
    progress = Progress(run, total=50_000)
    progress.write(done=1500, refused=3)
    assert progress_read(run) == {"total": 50_000, "done": 1500, "refused": 3, "waiting": False}
    progress.remove()
    assert progress_read(run) is None
