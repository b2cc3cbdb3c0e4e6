#!/bin/sh
# Fuzz the REST API with schemathesis against a live server with the demo data, once per role:
# each user of FUZZ_USERS (default: the regional officer `kraj`; CI's PostgreSQL leg adds the
# provider `tulipan`, the municipal officer `liberec` and the council secretary
# `liberec.rada`) with a token of their own, so every role's write paths are reached.
# Fails on any 5xx and on any response that does not match docs/openapi.yaml.
#
# Database: a throwaway SQLite by default. With FUZZ_DATABASE_URL (an empty PostgreSQL
# database and its owner, e.g. postgres://postgres@127.0.0.1:5433/zsss_fuzz) the schema and
# the demo are made there as the owner, `manage.py db_roles` creates the application's role
# (FUZZ_APP_ROLE, default zsss_fuzz_app) and gunicorn serves as that role, as in production
# (docs/operations.md, "Database roles").
#
# Environment: FUZZ_EXAMPLES (default 20) examples per operation and user; FUZZ_PHASES
# (default examples,coverage,fuzzing,stateful: the last chains the operations through the
# links schemathesis infers from the schema and from Location headers).
set -eu
cd "$(dirname "$0")/.."
sh scripts/bootstrap.sh
PY=.venv/bin/python
WORK=$(mktemp -d)
export MEDIA_ROOT="$WORK/media" VAR_DIR="$WORK"
# The fuzzer sends thousands of requests as one user; throttling is tested by the suite.
export API_THROTTLE_WRITE=1000000/min API_THROTTLE_LOGIN=1000000/min API_THROTTLE_ANON=1000000/min
if [ -n "${FUZZ_DATABASE_URL:-}" ]; then
    export DATABASE_URL="$FUZZ_DATABASE_URL"
else
    export DATABASE_URL="sqlite:///$WORK/fuzz.sqlite3"
fi
$PY manage.py migrate --noinput --verbosity 0
$PY manage.py load_demo >/dev/null
SERVER_DATABASE_URL=$DATABASE_URL
if [ -n "${FUZZ_DATABASE_URL:-}" ]; then
    APP_ROLE=${FUZZ_APP_ROLE:-zsss_fuzz_app}
    DB_APP_PASSWORD=$($PY -c 'import secrets; print(secrets.token_hex(16))')
    export DB_APP_PASSWORD
    $PY manage.py db_roles --app-role "$APP_ROLE"
    SERVER_DATABASE_URL=$(APP_ROLE=$APP_ROLE $PY -c '
import os, urllib.parse as u
url = u.urlsplit(os.environ["DATABASE_URL"])
login = os.environ["APP_ROLE"] + ":" + os.environ["DB_APP_PASSWORD"]
host = url.hostname + (":%d" % url.port if url.port else "")
print(u.urlunsplit(url._replace(netloc=login + "@" + host)))')
fi
PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DATABASE_URL="$SERVER_DATABASE_URL" .venv/bin/gunicorn backend.config.wsgi \
    --bind "127.0.0.1:$PORT" --workers 2 >>"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
fuzz_as() {  # user token: one schemathesis run, its output in $WORK/fuzz-<user>.log
    rc=0
    .venv/bin/schemathesis run docs/openapi.yaml --url "http://127.0.0.1:$PORT" \
        --wait-for-schema 30 \
        --header "Authorization: Token $2" --header "Accept-Language: en" \
        --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
        --max-examples "${FUZZ_EXAMPLES:-20}" \
        --phases "${FUZZ_PHASES:-examples,coverage,fuzzing,stateful}" \
        --exclude-operation-id auth_tokens_destroy \
        --seed 2017 --no-color --workers 1 --request-timeout 30 >"$WORK/fuzz-$1.log" 2>&1 || rc=$?
    echo "$rc" >"$WORK/fuzz-$1.rc"
}
# Two users at a time, each in its own single-threaded process: schemathesis' threads
# (--workers 2) sometimes died in Python 3.11.7 with "SystemError: AST constructor recursion
# depth mismatch" (CPython gh-106905), and two processes keep both cores as busy.
set -- ${FUZZ_USERS:-kraj}
while [ "$#" -gt 0 ]; do
    pids=""
    for user in "$1" "${2:-}"; do
        [ -n "$user" ] || continue
        token=$($PY manage.py api_token "$user" --name "schemathesis")
        fuzz_as "$user" "$token" &
        pids="$pids $!"
    done
    for pid in $pids; do wait "$pid"; done
    shift
    if [ "$#" -gt 0 ]; then shift; fi
done
status=0
for user in ${FUZZ_USERS:-kraj}; do
    echo "== schemathesis as $user"
    cat "$WORK/fuzz-$user.log"
    [ "$(cat "$WORK/fuzz-$user.rc")" = 0 ] || status=1
done
if [ "$status" != 0 ]; then
    echo "== server log: errors (last 120 lines)"
    grep -v -e ' INFO ' -e ' WARNING ' "$WORK/server.log" | tail -n 120
fi
exit "$status"
