#!/bin/sh
# Keep a command running: start it again (after SUPERVISE_DELAY seconds, default 2) whenever
# it exits, until this script gets SIGTERM or SIGINT — then the command gets SIGTERM and the
# script waits for it and exits. scripts/start.sh runs the Celery worker and beat under it, so
# background work comes back by itself after a worker exited (docs/operations.md, Celery and
# Redis). Usage: scripts/supervise.sh NAME COMMAND [ARG...]
set -u
name=$1
shift
delay=${SUPERVISE_DELAY:-2}
child=
stopping=
stop() {
    stopping=1
    if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null || true; fi
}
trap stop TERM INT
while :; do
    "$@" &
    child=$!
    # `wait` returns early when a trapped signal arrives: wait again until the child is gone.
    status=0
    wait "$child" || status=$?
    while kill -0 "$child" 2>/dev/null; do wait "$child" || status=$?; done
    child=
    [ -z "$stopping" ] || exit 0
    echo "supervise: $name exited (status $status); starting it again in ${delay}s" >&2
    sleep "$delay" &
    child=$!
    wait "$child" || true
    child=
    [ -z "$stopping" ] || exit 0
done
