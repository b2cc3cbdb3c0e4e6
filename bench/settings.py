"""Bench-only settings: production's settings plus the baseline endpoint's URL.

Production never loads this module, so `/bench/baseline/` exists only under the benchmark.
The write throttle is lifted by the environment in bench/run.sh (API_THROTTLE_WRITE), the
same knob production has.
"""

from backend.config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
