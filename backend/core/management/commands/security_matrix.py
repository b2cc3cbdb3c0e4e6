from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from backend.core.permissions_matrix import markdown

MARKER = "<!-- section: permission matrix (generated) -->"


def with_matrix(document: str, table: str) -> str:
    """`document` with everything between the marker and the next `## ` heading replaced by
    the table (the other sections stay as they are)."""
    head, marker, rest = document.partition(MARKER)
    if not marker:
        raise SystemExit(f"{MARKER} not found")
    following = rest.find("\n## ")
    tail = rest[following + 1 :] if following >= 0 else ""
    return f"{head}{MARKER}\n\n{table}\n{tail}"


class Command(BaseCommand):
    help = "Write the permission matrix into docs/security.md (or --check it is current)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", type=Path, default=settings.BASE_DIR / "docs" / "security.md"
        )
        parser.add_argument("--check", action="store_true", help="fail if the file is stale")

    def handle(self, *args: object, output: Path, check: bool, **options: object) -> None:
        current = output.read_text(encoding="utf-8")
        text = with_matrix(current, markdown())
        if check:
            if current != text:
                raise SystemExit(f"{output} is out of date: run manage.py security_matrix")
            return
        output.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))
