#!/bin/sh
# Run the whole test suite (SQLite by default; a PostgreSQL DATABASE_URL adds the tests
# that need real row locks; the browser tests run when Chromium is installed).
set -eu
cd "$(dirname "$0")/.."
sh scripts/bootstrap.sh
case "${DATABASE_URL:-}" in
    postgres*) MARKERS="" ;;
    *) MARKERS="not postgres" ;;
esac
# The browser tests drive Debian's Chromium (apt-get install chromium); without it, or with
# BROWSER_TESTS=0, they are left out.
if [ ! -x /usr/bin/chromium ] || [ "${BROWSER_TESTS:-1}" = 0 ]; then
    MARKERS="${MARKERS:+$MARKERS and }not browser"
fi
# The Celery integration tests run real worker processes on a real Redis: only with REDIS_URL
# (scripts/with_redis.sh provides one; .ci/run runs them with the PostgreSQL suite).
if [ -z "${REDIS_URL:-}" ]; then
    MARKERS="${MARKERS:+$MARKERS and }not redis"
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
# The layers of the import graph (pyproject.toml, [tool.importlinter]).
.venv/bin/lint-imports --no-cache
# The types (pyproject.toml, [tool.mypy]): strict for the state machines, the actions, the
# outbox and notifications. Without the incremental cache (a cold run takes about ten
# seconds): after modules move, a stale cache can report the old ones as missing.
.venv/bin/mypy --cache-dir=/dev/null
.venv/bin/python manage.py makemigrations --check --dry-run --verbosity 0
.venv/bin/python manage.py workflow_diagram --check
.venv/bin/python manage.py api_schema --check
# The production settings pass Django's deployment checks with no warning at all. The seal's
# key is a secret this checkout has not got: the throwaway test seal is chosen explicitly
# (without it, seal.E001; tests/seal/test_seal.py checks both).
DJANGO_ENV=production DEBUG=0 SEAL_TEST_CERTIFICATE=1 SECRET_KEY="check-deploy-$(printf '%060d' 0)-not-a-real-key-x7Qp" .venv/bin/python manage.py check --deploy --fail-level WARNING
.venv/bin/python manage.py security_matrix --check
exec .venv/bin/pytest -m "$MARKERS" "$@"
