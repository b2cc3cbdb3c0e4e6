from django.utils import translation

from backend.core.generated_files import GeneratedFileCommand
from workflows.diagram import document, workflow_models


class Command(GeneratedFileCommand):
    help = "Write the state diagrams of every workflow to docs/workflow.md (or --check it)."
    output = "docs/workflow.md"

    def generate(self, current: str) -> str:
        with translation.override("en"):
            return document(workflow_models())
