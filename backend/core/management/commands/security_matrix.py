from backend.core.generated_files import GeneratedFileCommand
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


class Command(GeneratedFileCommand):
    help = "Write the permission matrix into docs/security.md (or --check it is current)."
    output = "docs/security.md"

    def generate(self, current: str) -> str:
        return with_matrix(current, markdown())
