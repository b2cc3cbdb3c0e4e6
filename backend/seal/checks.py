"""Deployment check of the seal: production seals with its own key, readable at start."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def seal_configured(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """`check --deploy`: a PKCS#12 file is named (or the test certificate is chosen on
    purpose with SEAL_TEST_CERTIFICATE=1), and the key loads with its password."""
    if not settings.SEAL_PKCS12_FILE and not settings.SEAL_TEST_CERTIFICATE:
        return [
            Error(
                "No electronic seal: SEAL_PKCS12_FILE names no PKCS#12 file, so issued "
                "documents cannot be sealed.",
                hint="Set SEAL_PKCS12_FILE and SEAL_PKCS12_PASSWORD (docs/seal.md).",
                id="seal.E001",
            )
        ]
    if not settings.SEAL_PKCS12_FILE:
        return []
    # Only `check --deploy` loads pyHanko; every other command's checks leave it unimported.
    from backend.seal.certificates import SealNotConfigured, seal_key

    try:
        seal_key()
    except (OSError, ValueError, SealNotConfigured) as error:
        return [
            Error(
                f"The seal's PKCS#12 file cannot be read: {error!r}",
                hint="Check SEAL_PKCS12_FILE and SEAL_PKCS12_PASSWORD (docs/seal.md).",
                id="seal.E002",
            )
        ]
    return []
