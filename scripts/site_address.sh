#!/bin/sh
# Sourced by start.sh: where the server listens (BIND) and the address links in e-mails point
# to (SITE_URL). SITE_URL follows BIND unless it is set, so a server started on another port
# or host does not send links to :8000; a wildcard address is replaced by this host's name.
BIND=${BIND:-127.0.0.1:8000}
if [ -z "${SITE_URL:-}" ]; then
    site_host=${BIND%:*}
    site_port=${BIND##*:}
    case "$site_host" in
        0.0.0.0 | "[::]" | "") site_host=$(hostname -f 2>/dev/null || hostname) ;;
    esac
    SITE_URL="http://$site_host:$site_port"
fi
export BIND SITE_URL
