"""How long free text may be, and the model field that holds to it.

The justification of a real plan runs to a few pages. Without a limit a pasted file was
accepted (3 MB, rendered in seconds on every view of the plan); with one, every path (web
form, admin, API, model validation) refuses it with the same translated message.
"""

from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models

SHORT_TEXT = 4_000  # a reason, a comment: about a page
LONG_TEXT = 20_000  # a justification, an opinion's reasoning, conditions: several pages


class BoundedTextField(models.TextField):
    """A TextField whose `max_length` model validation enforces too; Django's own only sizes
    the form widget. Forms and serializers built from the model take the limit from it."""

    def __init__(self, *args: Any, max_length: int = LONG_TEXT, **kwargs: Any) -> None:
        kwargs["max_length"] = max_length
        super().__init__(*args, **kwargs)
        # As Django's CharField adds its own length validator.
        self.validators.append(MaxLengthValidator(max_length))
