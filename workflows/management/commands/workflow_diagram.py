from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from workflows.diagram import document, workflow_models


class Command(BaseCommand):
    help = "Write the state diagrams of every workflow to docs/workflow.md (or --check it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", type=Path, default=settings.BASE_DIR / "docs" / "workflow.md"
        )
        parser.add_argument("--check", action="store_true", help="fail if the file is stale")

    def handle(self, *args: object, output: Path, check: bool, **options: object) -> None:
        with translation.override("en"):
            text = document(workflow_models())
        if check:
            if not output.exists() or output.read_text(encoding="utf-8") != text:
                raise SystemExit(f"{output} is out of date: run manage.py workflow_diagram")
            return
        output.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))
