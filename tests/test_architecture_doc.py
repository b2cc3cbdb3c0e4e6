"""docs/architecture.md opens with the layer diagram: the import-linter contract's layers,
in its order (so the picture cannot drift from what `lint-imports` checks)."""

import re
import tomllib

from django.conf import settings


def _contract_layers() -> list[str]:
    config = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text("utf-8"))
    (layers,) = [
        c["layers"] for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"
    ]
    return layers


def _diagram_layers() -> list[str]:
    doc = (settings.BASE_DIR / "docs" / "architecture.md").read_text("utf-8")
    block = re.search(r"<!-- layers:start -->\n```text\n(.*?)\n```\n<!-- layers:end -->", doc, re.S)
    assert block, "docs/architecture.md has no layer diagram between the markers"
    return [line for line in block.group(1).splitlines() if line.strip() not in ("", "↓")]


def test_the_diagram_is_the_contracts_layers_in_order() -> None:
    assert _diagram_layers() == _contract_layers()


def test_the_diagram_is_where_the_document_opens() -> None:
    doc = (settings.BASE_DIR / "docs" / "architecture.md").read_text("utf-8")
    assert doc.index("<!-- layers:start -->") < doc.index("\n## ", doc.index("## Layers") + 1)
