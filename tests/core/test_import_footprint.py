"""Libraries one page or check needs stay out of every web process (the export's memory
target in bench/ counts the whole process: Pillow via qrcode and the Redis client cost
≈ 45 MB together; pyHanko with aiohttp, fontTools and HarfBuzz ≈ 40 MB)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import sys, django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
print(",".join(sorted(name for name in ("PIL", "qrcode", "redis", "weasyprint", "pyhanko", "aiohttp") if name in sys.modules)))
"""


def test_loading_the_url_configuration_leaves_heavy_libraries_unimported() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "backend.config.settings", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == ""
