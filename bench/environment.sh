# Sourced by bench/run.sh and bench/compare.sh: the knobs shared by both, a throwaway
# PostgreSQL 15 in a temp dir ($PGDATA, port $PGPORT, fsync off), the bench's environment,
# `migrate_and_seed`, `start_gunicorn DIR` / `stop_gunicorn`, and `cleanup` for the trap.
PLANS=${BENCH_PLANS:-100000}
PROVIDERS=${BENCH_PROVIDERS:-2000}
SERVICES=${BENCH_SERVICES:-6000}
PGPORT=${BENCH_PGPORT:-5444}   # never CI's 5433
WEBPORT=${BENCH_WEBPORT:-8044}
WORKERS=${BENCH_WORKERS:-3}    # as the Dockerfile's gunicorn
OUT=${BENCH_OUT:-var/bench}
PG_BIN=/usr/lib/postgresql/15/bin

as_postgres() {
    if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
PGDATA=$(mktemp -d)
mkdir -p "$PGDATA/var"
GUNICORN_PID=""
stop_gunicorn() {
    if [ -n "$GUNICORN_PID" ]; then kill "$GUNICORN_PID" 2>/dev/null || true; wait "$GUNICORN_PID" 2>/dev/null || true; fi
    GUNICORN_PID=""
}
cleanup() {
    stop_gunicorn
    as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA/db" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PGDATA"
}
trap cleanup EXIT INT TERM
if [ "$(id -u)" = 0 ]; then chown postgres: "$PGDATA"; fi
as_postgres "$PG_BIN/initdb" -D "$PGDATA/db" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA/db" -l "$PGDATA/pg.log" -w \
    -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=256MB" \
    start >/dev/null
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres bench

export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/bench"
export DJANGO_SETTINGS_MODULE=bench.settings
export DEBUG=0 LOG_LEVEL=WARNING CELERY_LOG_LEVEL=WARNING
# As in production the web only publishes tasks (here to kombu's filesystem transport, in a
# throwaway VAR_DIR with the media); no worker runs during the load.
export CELERY_TASK_ALWAYS_EAGER=0 VAR_DIR="$PGDATA/var"
# The throttles would turn the load into 429s; production's own knobs lift them. Per second:
# a throttle keeps the times of a client's requests over its period, and all the load comes
# from one address, so a per-minute period would pickle tens of thousands of them per request.
export API_THROTTLE_WRITE=1000000/s API_THROTTLE_ANON=1000000/s

# gunicorn as in production (3 sync workers, the Dockerfile's) from directory $1, on $WEBPORT.
start_gunicorn() {
    (cd "$1" && exec .venv/bin/gunicorn backend.config.wsgi --bind "127.0.0.1:$WEBPORT" \
        --workers "$WORKERS" --log-level warning --access-logfile /dev/null) &
    GUNICORN_PID=$!
    local tries=0
    until curl -sf "http://127.0.0.1:$WEBPORT/bench/baseline/" >/dev/null; do
        tries=$((tries + 1)); [ "$tries" -lt 100 ] || { echo "gunicorn did not start"; exit 1; }
        sleep 0.2
    done
}

migrate_and_seed() {
    .venv/bin/python manage.py migrate -v0
    .venv/bin/python -m bench.seed --plans "$PLANS" --providers "$PROVIDERS" --services "$SERVICES"
}
