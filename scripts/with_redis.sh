#!/bin/sh
# Run a command with a throwaway Redis server on 127.0.0.1 (REDIS_URL set for it), e.g.
#   DATABASE_URL=postgres://... scripts/with_redis.sh scripts/test.sh
# which adds the Celery integration tests (real worker processes on real Redis).
# Redis comes from apt (installed when missing); it keeps nothing on disk and is stopped by
# the pid in its pidfile when the command ends.
set -eu
if ! command -v redis-server >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq redis-server >/dev/null
fi
REDIS_DIR=$(mktemp -d)
REDIS_PORT=${REDIS_PORT:-6390}
redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    --pidfile "$REDIS_DIR/redis.pid" --dir "$REDIS_DIR" --logfile "$REDIS_DIR/redis.log"
stop_redis() {
    if [ -f "$REDIS_DIR/redis.pid" ]; then kill "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null || true; fi
    rm -rf "$REDIS_DIR"
}
trap stop_redis EXIT INT TERM
tries=0
until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do
    tries=$((tries + 1)); [ "$tries" -lt 50 ] || { cat "$REDIS_DIR/redis.log"; exit 1; }
    sleep 0.1
done
REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" "$@"
