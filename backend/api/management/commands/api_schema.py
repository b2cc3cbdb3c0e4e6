"""Write the OpenAPI schema to docs/openapi.yaml, or check that it is current (CI)."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer

SCHEMA_FILE = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"


def render_schema() -> str:
    """The schema as YAML, in English (enum descriptions carry the Czech labels too)."""
    GENERATOR_STATS.reset()
    with translation.override("en"):
        schema = SchemaGenerator(api_version="v1").get_schema(request=None, public=True)
        text = OpenApiYamlRenderer().render(schema, renderer_context={}).decode()
    if GENERATOR_STATS:
        raise CommandError("The schema has warnings or errors (see above); fix them first.")
    return text


class Command(BaseCommand):
    help = "Write docs/openapi.yaml from the code; with --check, fail if it is stale."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="fail if the file is stale")

    def handle(self, *args: Any, **options: Any) -> None:
        text = render_schema()
        if options["check"]:
            current = SCHEMA_FILE.read_text("utf-8") if SCHEMA_FILE.exists() else ""
            if current != text:
                raise CommandError(
                    "docs/openapi.yaml is stale: run `manage.py api_schema` and commit it."
                )
            return
        SCHEMA_FILE.write_text(text, "utf-8")
        self.stdout.write(f"Wrote {SCHEMA_FILE.relative_to(settings.BASE_DIR)}")
