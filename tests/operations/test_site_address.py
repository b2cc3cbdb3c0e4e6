"""Where the server listens (BIND) and where links in e-mails point (SITE_URL)."""

import json
import subprocess

from django.conf import settings

from tests.helpers import output_of_fresh_django

DEPLOYMENT = ("SITE_URL", "ALLOWED_HOSTS", "BIND")


def _site_address(**env: str) -> str:
    """SITE_URL as start.sh exports it (scripts/site_address.sh) for this environment."""
    out = subprocess.run(
        ["sh", "-c", '. scripts/site_address.sh && printf "%s %s" "$BIND" "$SITE_URL"'],
        env={"PATH": "/usr/bin:/bin", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


def test_the_default_address_is_the_loopback_port_8000() -> None:
    assert _site_address() == "127.0.0.1:8000 http://127.0.0.1:8000"


def test_links_follow_the_bound_port() -> None:
    assert _site_address(BIND="127.0.0.1:9100") == "127.0.0.1:9100 http://127.0.0.1:9100"


def test_a_wildcard_address_links_to_this_host_by_name() -> None:
    hostname = subprocess.run(
        ["sh", "-c", "hostname -f 2>/dev/null || hostname"], capture_output=True, text=True
    ).stdout.strip()
    assert _site_address(BIND="0.0.0.0:8080") == f"0.0.0.0:8080 http://{hostname}:8080"


def test_a_given_site_url_wins() -> None:
    assert _site_address(BIND="0.0.0.0:8080", SITE_URL="https://zsss.kraj-lbc.cz") == (
        "0.0.0.0:8080 https://zsss.kraj-lbc.cz"
    )


def test_the_site_url_host_is_served_by_default() -> None:
    hosts = json.loads(
        output_of_fresh_django(
            "import json; from django.conf import settings; print(json.dumps(settings.ALLOWED_HOSTS))",
            unset=DEPLOYMENT,
            SITE_URL="http://zsss.example.cz:8080",
        )
    )
    assert hosts == ["127.0.0.1", "localhost", "zsss.example.cz"]


def test_allowed_hosts_given_explicitly_are_kept() -> None:
    hosts = json.loads(
        output_of_fresh_django(
            "import json; from django.conf import settings; print(json.dumps(settings.ALLOWED_HOSTS))",
            unset=DEPLOYMENT,
            SITE_URL="http://zsss.example.cz:8080",
            ALLOWED_HOSTS="zsss.kraj.cz",
        )
    )
    assert hosts == ["zsss.kraj.cz"]
