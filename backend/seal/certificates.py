"""The seal's key and certificate chain, and the roots a sealed document is trusted under.

Production names a PKCS#12 file (`SEAL_PKCS12_FILE`, never committed) holding the key, the
seal certificate and its chain. Without one, a throwaway test CA and seal certificate are
made at first use in `SEAL_DIR/test-certificate/` (the demo, the tests, a trial install):
documents sealed with it validate on this installation only, and its names say TEST.
"""

import datetime
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from pyhanko.keys import load_cert_from_pemder
from pyhanko.sign.signers import SimpleSigner

TEST_CERTIFICATE_DIR = "test-certificate"
TEST_PASSPHRASE = b"test-seal"  # the test key protects nothing; the file sits beside it
TEST_ORGANISATION = "Krajský úřad (TEST)"
# Fixed, wide validity: the demo seals its documents on the historical dates of its clock
# walk (2017 onwards), and a test certificate protects nothing that an expiry would guard.
_VALID_FROM = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
_VALID_UNTIL = datetime.datetime(2099, 12, 31, tzinfo=datetime.UTC)


class SealNotConfigured(Exception):
    """No PKCS#12 file is named and the throwaway test certificate is not allowed."""


@dataclass(frozen=True)
class SealKey:
    """What a document is sealed with, and the roots its seal is validated against."""

    signer: SimpleSigner
    trust_roots: tuple[asn1_x509.Certificate, ...]
    is_test: bool

    @property
    def holder(self) -> str:
        """The seal certificate's holder as printed in the stamp (its common name)."""
        certificate = self.signer.signing_cert
        return str(certificate.subject.native.get("common_name", "")) if certificate else ""


def seal_key() -> SealKey:
    """The configured seal, or the throwaway test one (made now if it does not exist yet)."""
    if settings.SEAL_PKCS12_FILE:
        path = Path(settings.SEAL_PKCS12_FILE)
        password = settings.SEAL_PKCS12_PASSWORD.encode()
        is_test = False
    elif settings.SEAL_TEST_CERTIFICATE:
        path = throwaway_certificate_ensure(Path(settings.SEAL_DIR) / TEST_CERTIFICATE_DIR)
        password = TEST_PASSPHRASE
        is_test = True
    else:
        raise SealNotConfigured("SEAL_PKCS12_FILE")
    roots = tuple(str(root) for root in settings.SEAL_TRUST_ROOTS)
    return _load(str(path), path.stat().st_mtime, password, roots, is_test)


@lru_cache(maxsize=4)
def _load(
    path: str, _mtime: float, password: bytes, roots: tuple[str, ...], is_test: bool
) -> SealKey:
    # Keyed by the file's modification time, so a replaced key is read again.
    signer = SimpleSigner.load_pkcs12(path, passphrase=password)
    if signer is None:
        raise SealNotConfigured(path)
    chain = [signer.signing_cert, *signer.cert_registry]
    trust_roots = (
        tuple(load_cert_from_pemder(root) for root in roots) if roots else _chain_root(chain)
    )
    return SealKey(signer=signer, trust_roots=trust_roots, is_test=is_test)


def _chain_root(chain: list[asn1_x509.Certificate]) -> tuple[asn1_x509.Certificate, ...]:
    """Without SEAL_TRUST_ROOTS, the self-signed certificate of the PKCS#12 chain."""
    roots = tuple(cert for cert in chain if cert.self_signed != "no")
    return roots or (chain[-1],)


def throwaway_certificate_ensure(directory: Path) -> Path:
    """The test seal's PKCS#12 file in `directory`, made if missing. Two processes starting
    at once each make one in a private directory and rename it into place: the first rename
    wins and both use its certificate."""
    p12 = directory / "seal.p12"
    if p12.exists():
        return p12
    directory.parent.mkdir(parents=True, exist_ok=True)
    private = Path(tempfile.mkdtemp(prefix=".seal-", dir=directory.parent))
    (private / "seal.p12").write_bytes(throwaway_certificate_bundle())
    try:
        os.rename(private, directory)
    except OSError:  # another process was first
        for leftover in private.iterdir():
            leftover.unlink()
        private.rmdir()
    return p12


def throwaway_certificate_bundle(*, timestamping: bool = False) -> bytes:
    """A PKCS#12 bundle (passphrase TEST_PASSPHRASE): a new key and a certificate for it,
    issued by a new self-signed test CA that the bundle carries as its chain. With
    `timestamping`, the certificate is a timestamp authority's (for the tests)."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("Testovací certifikační autorita (TEST)")
    ca = (
        _builder(ca_name, ca_name, ca_key.public_key())
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    # pyHanko's in-process timestamp authority (the tests') signs with RSA only.
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if timestamping
        else ec.generate_private_key(ec.SECP256R1())
    )
    holder = "Časové razítko (TEST)" if timestamping else "Elektronická pečeť kraje (TEST)"
    builder = (
        _builder(_name(holder), ca_name, key.public_key())
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(cert_sign=False), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
    )
    if timestamping:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    certificate = builder.sign(ca_key, hashes.SHA256())
    return pkcs12.serialize_key_and_certificates(
        b"seal",
        key,
        certificate,
        [ca],
        serialization.BestAvailableEncryption(TEST_PASSPHRASE),
    )


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CZ"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, TEST_ORGANISATION),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _builder(
    subject: x509.Name,
    issuer: x509.Name,
    public_key: ec.EllipticCurvePublicKey | rsa.RSAPublicKey,
) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(_VALID_FROM)
        .not_valid_after(_VALID_UNTIL)
    )


def _key_usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=not cert_sign,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )
