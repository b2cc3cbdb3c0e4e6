"""Libraries one page or check needs stay out of every web process (the export's memory
target in bench/ counts the whole process: Pillow via qrcode and the Redis client cost
≈ 45 MB together; pyHanko with aiohttp, fontTools and HarfBuzz ≈ 40 MB)."""

import os

from tests.helpers import output_of_fresh_django

PROBE = """
import sys, django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
print(",".join(sorted(name for name in ("PIL", "qrcode", "redis", "weasyprint", "pyhanko", "aiohttp") if name in sys.modules)))
"""


def test_loading_the_url_configuration_leaves_heavy_libraries_unimported() -> None:
    # A bare environment: as a deployment with nothing configured but the settings module.
    assert output_of_fresh_django(PROBE, unset=tuple(os.environ), PATH="/usr/bin:/bin") == ""
