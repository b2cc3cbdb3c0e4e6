"""Forms of the import pages: the upload and the column mapping."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.imports.columns import COLUMNS


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File of the network (XLSX or CSV)"),
        help_text=_("One row per service in the network of a period; see the templates."),
    )
    mapping = forms.ChoiceField(
        label=_("Saved column mapping"),
        required=False,
        help_text=_("For a sheet whose columns are named differently from the template."),
    )

    def __init__(self, *args: Any, mappings: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["mapping"])  # declared so above
        field.choices = [("", _("by the headers of the file"))] + [
            (mapping.name, mapping.name) for mapping in mappings
        ]


class MappingForm(forms.Form):
    """One choice of the file's headers per column of the import."""

    save_as = forms.CharField(
        label=_("Save the mapping as"),
        required=False,
        max_length=100,
        help_text=_("A name under which the next import can use it, e.g. the region's sheet."),
    )

    def __init__(self, *args: Any, headers: list[str], initial_mapping: dict[str, str],
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the file —")), *((header, header) for header in headers)]
        for column in COLUMNS:
            self.fields[f"column_{column.key}"] = forms.ChoiceField(
                label=column.header,
                choices=choices,
                required=column.required,
                initial=initial_mapping.get(column.key, ""),
                help_text=str(column.help),
            )
        self.order_fields([f"column_{column.key}" for column in COLUMNS] + ["save_as"])

    def columns(self) -> dict[str, str]:
        return {
            column.key: self.cleaned_data[f"column_{column.key}"]
            for column in COLUMNS
            if self.cleaned_data.get(f"column_{column.key}")
        }
