#!/usr/bin/env bash
# The regional-scale benchmark in one command (see bench/README.md):
#   bench/run.sh                 # 100 000 plans, 10 s per endpoint and client count
#   BENCH_PLANS=1000 BENCH_SECONDS=0.5 BENCH_TRANSITIONS=10 bench/run.sh --smoke   # CI
# A throwaway PostgreSQL 15 (port 5444, not CI's 5433), migrate, seed, gunicorn on
# 127.0.0.1 with the production settings plus the bench-only baseline URL, the load, the
# in-process measurements; the table is printed and written to var/bench/. Everything it
# starts is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_LEVEL=${BENCH_SECONDS:-10}
TRANSITIONS=${BENCH_TRANSITIONS:-100}
. bench/environment.sh

mkdir -p "$OUT"
echo "== machine"
{
    echo "nproc $(nproc), memory $(free -m | awk '/^Mem:/ {print $2}') MiB"
    .venv/bin/python -c 'import sys, django, rest_framework; print("Python", sys.version.split()[0], "Django", django.get_version(), "DRF", rest_framework.VERSION)'
    "$PG_BIN/postgres" --version
    .venv/bin/gunicorn --version
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share the cores)"
} | tee "$OUT/machine.txt"

echo "== migrate and seed ($PLANS plans)"
migrate_and_seed

echo "== gunicorn on 127.0.0.1:$WEBPORT ($WORKERS workers)"
start_gunicorn .

echo "== load"
.venv/bin/python -m bench.load --url "http://127.0.0.1:$WEBPORT" --seconds "$SECONDS_PER_LEVEL" \
    --transitions "$TRANSITIONS" --gunicorn-pid "$GUNICORN_PID" \
    --postgres-pid "$(head -1 "$PGDATA/db/postmaster.pid")" --out "$OUT/results.json" "$@" \
    | tee "$OUT/results.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
