# The transition log's model as django-fsm-log 5 defines it.
import datetime as dt
from typing import ClassVar

from django.contrib.auth.models import _User
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.expressions import Combinable

class StateLogQuerySet(models.QuerySet[StateLog]):
    def for_(self, obj: models.Model) -> StateLogQuerySet: ...

class StateLogManager(models.Manager[StateLog]):
    def get_queryset(self) -> StateLogQuerySet: ...
    def for_(self, obj: models.Model) -> StateLogQuerySet: ...

class StateLog(models.Model):
    timestamp: models.DateTimeField[str | dt.datetime | dt.date | Combinable, dt.datetime]
    by: models.ForeignKey[_User | Combinable | None, _User | None]
    source_state: models.CharField[str | int | Combinable | None, str | None]
    state: models.CharField[str | int | Combinable, str]
    transition: models.CharField[str | int | Combinable, str]
    content_type: models.ForeignKey[ContentType | Combinable, ContentType]
    object_id: models.PositiveIntegerField[float | int | str | Combinable, int]
    content_object: GenericForeignKey
    description: models.TextField[str | Combinable | None, str | None]
    objects: ClassVar[StateLogManager]
    _default_manager: ClassVar[StateLogManager]
    def get_state_display(self, field_name: str = "state") -> str | None: ...
    def get_source_state_display(self) -> str | None: ...
