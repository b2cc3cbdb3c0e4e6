#!/bin/sh
# Back up the PostgreSQL database (pg_dump custom format) and the uploaded files (a tar of
# MEDIA_ROOT) into BACKUP_DIR, with a manifest that scripts/restore.sh verifies:
#
#   dump   <file> <sha256>
#   media  <file> <sha256> <number of files>
#   table  <schema.table> <rows>            one line per table, counted in the dump itself
#
# The row counts come from the dump's data (one COPY line per row), so they describe exactly
# the snapshot pg_dump took, even while the system keeps working. Backups older than
# BACKUP_RETENTION_DAYS (default 30) are removed afterwards. Usage (docs/operations.md):
#   DATABASE_URL=postgres://… MEDIA_ROOT=/data/media BACKUP_DIR=/backups scripts/backup.sh
set -eu
: "${DATABASE_URL:?set DATABASE_URL (postgres://user:password@host:port/database)}"
case "$DATABASE_URL" in
    postgres://* | postgresql://*) ;;
    *) echo "backup.sh backs up PostgreSQL; for the embedded SQLite see docs/operations.md" >&2
       exit 2 ;;
esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MEDIA_ROOT=${MEDIA_ROOT:-$ROOT/var/media}
BACKUP_DIR=${BACKUP_DIR:-$ROOT/var/backups}
RETENTION_DAYS=${BACKUP_RETENTION_DAYS:-30}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -n "$PG_BIN" ] && PATH="$PG_BIN:$PATH"

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
NAME="zsss-$STAMP"
mkdir -p "$BACKUP_DIR"
umask 077  # the dump holds personal data
WORK="$BACKUP_DIR/.$NAME.partial"
mkdir "$WORK"
trap 'rm -rf "$WORK"' EXIT

pg_dump --format=custom --no-owner --no-acl --dbname="$DATABASE_URL" --file="$WORK/$NAME.dump"

mkdir -p "$MEDIA_ROOT"
tar -czf "$WORK/$NAME-media.tar.gz" -C "$MEDIA_ROOT" .
MEDIA_FILES=$(find "$MEDIA_ROOT" -type f | wc -l | tr -d ' ')

{
    printf 'dump\t%s\t%s\n' "$NAME.dump" "$(sha256sum "$WORK/$NAME.dump" | cut -d' ' -f1)"
    printf 'media\t%s\t%s\t%s\n' "$NAME-media.tar.gz" \
        "$(sha256sum "$WORK/$NAME-media.tar.gz" | cut -d' ' -f1)" "$MEDIA_FILES"
    # pg_restore prints the data as COPY blocks: "COPY table (…) FROM stdin;", a line per
    # row (newlines inside values are escaped), then "\.".
    pg_restore --data-only --file=- "$WORK/$NAME.dump" | awk '
        /^COPY / { table = $2; rows = 0; inside = 1; next }
        inside && $0 == "\\." { printf "table\t%s\t%d\n", table, rows; inside = 0; next }
        inside { rows++ }
    ' | sort
} >"$WORK/$NAME.manifest"
grep -q '^table' "$WORK/$NAME.manifest" || { echo "backup.sh: the dump holds no tables" >&2; exit 1; }

mv "$WORK/$NAME.dump" "$WORK/$NAME-media.tar.gz" "$WORK/$NAME.manifest" "$BACKUP_DIR/"
find "$BACKUP_DIR" -maxdepth 1 -name 'zsss-*' -type f -mtime "+$RETENTION_DAYS" -delete
echo "$BACKUP_DIR/$NAME.manifest"
