#!/usr/bin/env bash
# The soak in one command (bench/README.md, "Soak"):
#   bench/soak.sh                              # 600 s of traffic on 20 000 plans
#   BENCH_SOAK_SECONDS=45 BENCH_SOAK_DAYS=5 BENCH_PLANS=2000 ... bench/soak.sh   # CI
# A throwaway Redis (scripts/with_redis.sh, port 6397) and PostgreSQL 15 (bench/environment.sh,
# port 5446; never CI's 5433 nor the benchmark's 5444), migrate and seed, gunicorn, Celery
# workers and beat; then bench/soak.py drives every role's traffic while the demo clock
# advances, and prints the verdict (var/bench/soak.txt). Everything started is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BENCH_SOAK_REDIS:-}" ]; then
    # This script again, inside a throwaway Redis (which sets REDIS_URL and stops it after).
    BENCH_SOAK_REDIS=1 REDIS_PORT=${BENCH_REDISPORT:-6397} exec scripts/with_redis.sh "$PWD/bench/soak.sh" "$@"
fi

export BENCH_PGPORT=${BENCH_PGPORT:-5446} BENCH_WEBPORT=${BENCH_WEBPORT:-8046}
export BENCH_PLANS=${BENCH_PLANS:-20000} BENCH_PROVIDERS=${BENCH_PROVIDERS:-400}
export BENCH_SERVICES=${BENCH_SERVICES:-1200}
. bench/environment.sh
# The outbox drained every 15 s rather than every minute, so a short run settles its notices.
export SCHEDULE_OUTBOX_SECONDS=${SCHEDULE_OUTBOX_SECONDS:-15}
export SCHEDULE_DEADLINES_SECONDS=${SCHEDULE_DEADLINES_SECONDS:-120}
SOAK_SECONDS=${BENCH_SOAK_SECONDS:-600}

WORKER_PID="" BEAT_PID=""
stop_celery() {
    for pid in $BEAT_PID $WORKER_PID; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
}
trap 'stop_celery; cleanup' EXIT INT TERM

mkdir -p "$OUT"
echo "== migrate and seed ($PLANS plans); load average $(cut -d' ' -f1-3 /proc/loadavg)"
migrate_and_seed
# Celery workers as production scales them: each runs one task at a time (settings:
# CELERY_WORKER_CONCURRENCY), more work needs more workers. Two keep up with the e-mails of
# 20 days of the demo clock compressed into the soak.
CELERY_WORKERS=${BENCH_SOAK_WORKERS:-2}
echo "== gunicorn on 127.0.0.1:$WEBPORT ($WORKERS workers), $CELERY_WORKERS Celery workers, beat"
start_gunicorn .
for i in $(seq "$CELERY_WORKERS"); do
    .venv/bin/celery -A backend.config worker --loglevel WARNING \
        --hostname "soak$i@%h" >"$OUT/soak-worker$i.log" 2>&1 &
    WORKER_PID="$WORKER_PID $!"
    WORKER_ARGS="${WORKER_ARGS:-} --worker-pid $!"
done
.venv/bin/celery -A backend.config beat --loglevel WARNING >"$OUT/soak-beat.log" 2>&1 &
BEAT_PID=$!

echo "== soak: $SOAK_SECONDS s"
status=0
.venv/bin/python -m bench.soak --url "http://127.0.0.1:$WEBPORT" --seconds "$SOAK_SECONDS" \
    --rate "${BENCH_SOAK_RATE:-4}" --days "${BENCH_SOAK_DAYS:-20}" \
    --gunicorn-pid "$GUNICORN_PID" $WORKER_ARGS --mail-dir "$VAR_DIR/mail" \
    --out "$OUT/soak.json" "$@" 2>&1 | tee "$OUT/soak.txt" || status=$?
# Also after a failed verdict: the machine's load is part of reading the figures.
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/soak.txt"
exit "$status"
