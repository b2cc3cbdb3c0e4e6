#!/bin/sh
# Smoke test of the embedded default: ./scripts/start.sh in a fresh var/ directory, with no
# Redis. Checks that the web answers, that the scheduler and the worker run the jobs over
# the folder broker, that a worker that died is started again by its supervisor, that a
# transition's notice reaches the mail folder, and that stopping start.sh stops all three.
set -eu
cd "$(dirname "$0")/.."
VAR_DIR=$(mktemp -d)
PORT=${SMOKE_PORT:-18093}
export VAR_DIR
unset REDIS_URL CELERY_BROKER_URL || true
LOG="$VAR_DIR/start.log"
# The scheduler runs the minute jobs every 5 s here, so the check does not wait a minute.
setsid env BIND="127.0.0.1:$PORT" SCHEDULE_CALLS_SECONDS=5 SCHEDULE_OUTBOX_SECONDS=5 \
    ./scripts/start.sh >"$LOG" 2>&1 &
START=$!
cleanup() {
    kill -TERM "-$START" 2>/dev/null || true
    sleep 2
    kill -KILL "-$START" 2>/dev/null || true
    rm -rf "$VAR_DIR"
}
trap cleanup EXIT
fail() { echo "embedded smoke test: $*"; tail -50 "$LOG"; exit 1; }
wait_until() {  # seconds, description, command...
    limit=$1; what=$2; shift 2; waited=0
    until "$@" >/dev/null 2>&1; do
        waited=$((waited + 1)); [ "$waited" -lt "$limit" ] || fail "no $what after ${limit}s"
        sleep 1
    done
}
PY=.venv/bin/python
BEGAN=$(date +%s)
elapsed() { echo $(($(date +%s) - BEGAN)); }
wait_until 300 "web server" curl -fsS "http://127.0.0.1:$PORT/admin/login/"
echo "embedded smoke test: web server up after $(elapsed)s"
jobs_ran() {
    $PY manage.py shell -v0 -c "
from notifications.models import SweepStatus
ran = SweepStatus.objects.filter(name__in=['calls', 'outbox'], last_ok=True)
raise SystemExit(0 if ran.count() == 2 else 1)"
}
wait_until 60 "scheduled jobs run by the worker" jobs_ran
echo "embedded smoke test: beat and worker ran the jobs after $(elapsed)s"
# The worker dies (as one did after a Redis outage): scripts/supervise.sh starts it again, and
# the notice below goes through the new one.
worker_pid() { pgrep -g "$START" -f "^$PY -m celery -A backend.config worker" | head -n 1; }
DEAD=$(worker_pid)
[ -n "$DEAD" ] || fail "no worker process"
kill -KILL "$DEAD"
restarted() { new=$(worker_pid); [ -n "$new" ] && [ "$new" != "$DEAD" ]; }
wait_until 30 "worker started again after it was killed" restarted
echo "embedded smoke test: the killed worker was started again after $(elapsed)s"
# A provider submits its draft: the notice goes through the folder broker to the worker.
$PY manage.py shell -v0 -c "
from backend.accounts.models import User
from backend.plans.models import DevelopmentPlan
from workflows.plan_review.actions import plan_submit
user = User.objects.get(username='romodrom')
plan = DevelopmentPlan.objects.get(provider__ico='26537036', state='draft')
plan_submit(plan=plan, by=user)"
mails() { [ -n "$(ls "$VAR_DIR/mail" 2>/dev/null)" ]; }
wait_until 60 "e-mail in var/mail" mails
echo "embedded smoke test: web, worker and scheduler up; $(ls "$VAR_DIR/mail" | wc -l) e-mail(s) in the folder"
# start.sh derives SITE_URL from BIND: the e-mail's links point to the port it serves.
grep -rqs "http://127.0.0.1:$PORT/" "$VAR_DIR/mail" || fail "the e-mail's links do not point to :$PORT"
kill -TERM "$START"
stopped() { ! pgrep -g "$START" >/dev/null 2>&1; }
wait_until 30 "stop of start.sh's processes" stopped
echo "embedded smoke test: passed"
