"""Writes of the threads: post a message (with attachments), mark a thread read.

Posting never touches the plan: no state, no deadline moves (the clock keeps running;
stopping it is the regional office's separate decision). A posted message records one
domain event (`message.post`) in its transaction; the notifications tell the other side.
"""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.clarifications.models import Audience, Message, MessageAttachment, ThreadRead
from backend.clarifications.selectors import message_audiences_for, message_list_for_plan
from backend.events.services import event_record
from backend.plans.models import DevelopmentPlan
from backend.plans.uploads import display_name

# The event's "transition": its kind is `event_kind(Message, POST_EVENT)`, `message.post`.
POST_EVENT = "post"
# Documents one message may carry; several are better joined into one PDF.
MAX_ATTACHMENTS = 5


def message_post(
    *,
    plan: DevelopmentPlan,
    by: Any,
    audience: str,
    body: str,
    files: Sequence[UploadedFile] = (),
) -> Message:
    """Add a message to the plan's thread for `audience`, with `files` attached (each
    through the upload checks: type by content, size). Refuses (PermissionDenied) an
    audience the user may not write to, (ValidationError) an empty message, too many files,
    a bad file, or the municipalities' audience on a plan never submitted."""
    if audience not in Audience.values:
        raise ValidationError({"audience": _("Choose who the message is for.")})
    allowed = message_audiences_for(user=by, plan=plan)
    if audience not in allowed:
        if audience == Audience.MUNICIPALITY and Audience.INTERNAL in allowed:
            raise ValidationError(
                {"audience": _("The municipalities do not see the plan before it is submitted.")}
            )
        raise PermissionDenied(_("You cannot write messages for this audience."))
    body = (body or "").strip()
    errors: dict[str, str] = {}
    if not body:
        errors["body"] = _("Write the message.")
    if len(files) > MAX_ATTACHMENTS:
        errors["files"] = _("A message can carry at most %(limit)d documents.") % {
            "limit": MAX_ATTACHMENTS
        }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        message = Message(plan=plan, author=by, audience=audience, body=body)
        message.full_clean()
        message.save()
        for file in files:
            attachment = MessageAttachment(
                message=message,
                file=file,
                original_name=display_name(file.name or ""),
                size=file.size or 0,
            )
            try:
                attachment.full_clean(exclude=["message"])
            except ValidationError as error:
                raise ValidationError({"files": error.messages}) from error
            attachment.save()
        event_record(
            subject=message,
            transition=POST_EVENT,
            source="",
            target=audience,
            actor=by,
        )
    return message


def message_mark_read(*, plan: DevelopmentPlan, by: Any) -> ThreadRead:
    """Mark every message of the plan the user may read as read (idempotent)."""
    newest = message_list_for_plan(user=by, plan=plan).aggregate(newest=Max("id"))["newest"]
    mark, created = ThreadRead.objects.get_or_create(
        plan=plan, user=by, defaults={"last_read_id": newest or 0}
    )
    if not created and (newest or 0) > mark.last_read_id:
        mark.last_read_id = newest or 0
        mark.read_at = timezone.now()
        mark.save(update_fields=["last_read_id", "read_at"])
    return mark
