"""Files generated from the code and committed (docs/workflow.md, the permission matrix in
docs/security.md): one management command shape writes them, or with --check fails when the
committed file is stale, as CI runs it."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class GeneratedFileCommand(BaseCommand):
    """Subclasses name the file (`output`, relative to the project) and `generate` its text
    from the code and the file's current text."""

    output: str

    def generate(self, current: str) -> str:
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, default=settings.BASE_DIR / self.output)
        parser.add_argument("--check", action="store_true", help="fail if the file is stale")

    def handle(self, *args: object, output: Path, check: bool, **options: object) -> None:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        text = self.generate(current)
        if check:
            if current != text:
                command = type(self).__module__.rsplit(".", 1)[-1]
                raise SystemExit(f"{output} is out of date: run manage.py {command}")
            return
        output.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))
