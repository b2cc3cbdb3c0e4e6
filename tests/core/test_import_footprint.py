"""Libraries one page or check needs stay out of every web process (the export's memory
target in bench/ counts the whole process: Pillow via qrcode and the Redis client cost
≈ 45 MB together; pyHanko with aiohttp, fontTools and HarfBuzz ≈ 40 MB; django-import-export
with tablib and diff-match-patch, which only the run of a network import needs, ≈ 2.5 MB;
the spreadsheet writers and readers and the holiday calendars, loaded by the export, the
import or the first working-day sum)."""

import os

from tests.helpers import output_of_fresh_django

PROBE = """
import sys, django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
HEAVY = (
    "PIL", "qrcode", "redis", "weasyprint", "pyhanko", "aiohttp",
    "import_export", "tablib", "diff_match_patch", "openpyxl", "xlsxwriter", "holidays",
)
print(",".join(sorted(name for name in HEAVY if name in sys.modules)))
"""


def test_loading_the_url_configuration_leaves_heavy_libraries_unimported() -> None:
    # A bare environment: as a deployment with nothing configured but the settings module.
    assert output_of_fresh_django(PROBE, unset=tuple(os.environ), PATH="/usr/bin:/bin") == ""
