#!/bin/sh
# Fuzz the REST API with schemathesis against a live server: a throwaway SQLite database with
# the demo data, gunicorn on a free loopback port, a token of the regional officer `kraj`.
# Fails on any 5xx and on any response that does not match docs/openapi.yaml.
# Environment: FUZZ_EXAMPLES (default 20) examples per operation.
set -eu
cd "$(dirname "$0")/.."
sh scripts/bootstrap.sh
PY=.venv/bin/python
WORK=$(mktemp -d)
export DATABASE_URL="sqlite:///$WORK/fuzz.sqlite3" MEDIA_ROOT="$WORK/media" VAR_DIR="$WORK"
# The fuzzer sends thousands of requests as one user; throttling is tested by the suite.
export API_THROTTLE_WRITE=1000000/min API_THROTTLE_LOGIN=1000000/min API_THROTTLE_ANON=1000000/min
$PY manage.py migrate --noinput --verbosity 0
$PY manage.py load_demo >/dev/null
TOKEN=$($PY manage.py api_token kraj --name schemathesis)
PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
.venv/bin/gunicorn backend.config.wsgi --bind "127.0.0.1:$PORT" --workers 2 \
    --error-logfile "$WORK/server.log" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
status=0
.venv/bin/schemathesis run docs/openapi.yaml --url "http://127.0.0.1:$PORT" \
    --wait-for-schema 30 \
    --header "Authorization: Token $TOKEN" --header "Accept-Language: en" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --max-examples "${FUZZ_EXAMPLES:-20}" --phases examples,coverage,fuzzing \
    --exclude-operation-id auth_tokens_destroy \
    --seed 2017 --no-color --workers 2 --request-timeout 30 || status=$?
if [ "$status" != 0 ]; then
    echo "== server log (last 80 lines)"
    tail -n 80 "$WORK/server.log"
fi
exit "$status"
