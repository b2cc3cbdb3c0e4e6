"""Django forms rendered with the government design system's markup."""

from django.forms.renderers import TemplatesSetting


class GovFormRenderer(TemplatesSetting):
    form_template_name = "web/forms/form.html"
    field_template_name = "web/forms/field.html"
