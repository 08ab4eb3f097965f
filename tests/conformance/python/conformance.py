"""Conformance of the local vault with Microsoft's Python SDKs (azure-keyvault-certificates and
azure-keyvault-secrets): every CertificateClient operation plus the secret download.

Environment: VAULT_URL, RESTORE_VAULT_URL (a second, empty vault), CA_FILE, TOKEN_FILE.
Prints one line per check and then `N passed, N failed`; exits 1 on any failure.
"""

import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback

from azure.core.credentials import AccessToken
from azure.core.exceptions import HttpResponseError, ResourceExistsError, ResourceNotFoundError
from azure.keyvault.certificates import (
    AdministratorContact,
    CertificateClient,
    CertificateContact,
    CertificateContentType,
    CertificatePolicy,
    CertificatePolicyAction,
    KeyCurveName,
    KeyType,
    LifetimeAction,
    WellKnownIssuerNames,
)
from azure.keyvault.secrets import SecretClient

FAST = {"_polling_interval": 0.05}


class LocalToken:
    """A credential returning the local vault's token, valid for an hour."""

    def __init__(self, token):
        self.token = token

    def get_token(self, *scopes, **kwargs):
        return AccessToken(self.token, int(time.time()) + 3600)


def clients():
    token = LocalToken(open(os.environ["TOKEN_FILE"]).read().strip())
    common = {"verify_challenge_resource": False, "connection_verify": os.environ["CA_FILE"]}
    certs = CertificateClient(os.environ["VAULT_URL"], token, **common)
    restore = CertificateClient(os.environ["RESTORE_VAULT_URL"], token, **common)
    secrets = SecretClient(os.environ["VAULT_URL"], token, **common)
    return certs, restore, secrets


def openssl(workdir, *args):
    return subprocess.run(["openssl", *args], cwd=workdir, check=True, capture_output=True).stdout


def make_leaf(workdir, cn):
    openssl(workdir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem",
            "-out", "cert.pem", "-days", "30", "-subj", f"/CN={cn}")
    return open(os.path.join(workdir, "key.pem")).read(), open(os.path.join(workdir, "cert.pem")).read()


def expect_status(status, fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except HttpResponseError as e:
        assert e.status_code == status, f"expected {status}, got {e.status_code}: {e}"
        return e
    raise AssertionError(f"expected HTTP {status}, call succeeded")


def self_policy(cn, **kw):
    return CertificatePolicy(issuer_name=WellKnownIssuerNames.self, subject=f"CN={cn}", validity_in_months=12, **kw)


def check_create_get_versions_update(c, _r, _s):
    cert = c.begin_create_certificate("py-created", self_policy("py-created"), **FAST).result()
    assert cert.name == "py-created" and cert.cer and len(cert.properties.version) == 32
    second = c.begin_create_certificate("py-created", self_policy("py-created"), **FAST).result()
    assert c.get_certificate("py-created").id == second.id
    assert c.get_certificate_version("py-created", cert.properties.version).cer == cert.cer
    versions = [p.version for p in c.list_properties_of_certificate_versions("py-created")]
    assert sorted(versions) == sorted([cert.properties.version, second.properties.version]), versions
    updated = c.update_certificate_properties("py-created", enabled=False, tags={"suite": "python"})
    assert updated.properties.enabled is False and updated.properties.tags == {"suite": "python"}
    expect_status(404, c.get_certificate, "py-never")


def check_create_ec_and_options(c, _r, _s):
    policy = CertificatePolicy(issuer_name="Self", subject="CN=py-ec", key_type=KeyType.ec,
                               key_curve_name=KeyCurveName.p_384, san_dns_names=["py.example.test"],
                               content_type=CertificateContentType.pem, validity_in_months=6)
    cert = c.begin_create_certificate("py-ec", policy, **FAST).result()
    p = c.get_certificate_policy("py-ec")
    assert p.key_type == KeyType.ec and p.key_curve_name == KeyCurveName.p_384
    assert p.san_dns_names == ["py.example.test"] and p.content_type == CertificateContentType.pem
    assert cert.policy.validity_in_months == 6


def check_policy_update_and_validation(c, _r, _s):
    c.begin_create_certificate("py-policy", self_policy("py-policy"), **FAST).result()
    new = self_policy("py-policy", lifetime_actions=[LifetimeAction(CertificatePolicyAction.email_contacts, days_before_expiry=30)])
    c.update_certificate_policy("py-policy", new)
    got = c.get_certificate_policy("py-policy")
    assert got.lifetime_actions[0].action == CertificatePolicyAction.email_contacts
    assert got.lifetime_actions[0].days_before_expiry == 30
    bad = self_policy("py-policy", lifetime_actions=[LifetimeAction(CertificatePolicyAction.auto_renew, lifetime_percentage=100)])
    expect_status(400, c.update_certificate_policy, "py-policy", bad)


def check_pending_merge_cancel_delete(c, _r, _s):
    workdir = tempfile.mkdtemp()
    make_leaf(workdir, "Py Merge CA")
    unknown = CertificatePolicy(issuer_name=WellKnownIssuerNames.unknown, subject="CN=py-merge")
    poller = c.begin_create_certificate("py-merge", unknown, **FAST)
    op = c.get_certificate_operation("py-merge")
    assert op.status == "inProgress" and op.csr
    open(os.path.join(workdir, "req.der"), "wb").write(op.csr)
    openssl(workdir, "req", "-inform", "DER", "-in", "req.der", "-out", "req.pem")
    issued = openssl(workdir, "x509", "-req", "-in", "req.pem", "-CA", "cert.pem", "-CAkey", "key.pem",
                     "-days", "30", "-set_serial", "9", "-outform", "DER")
    merged = c.merge_certificate("py-merge", [issued])
    assert merged.cer == issued and merged.properties.enabled
    assert c.get_certificate_operation("py-merge").status == "completed"
    poller.wait(1)
    c.begin_create_certificate("py-cancel", unknown, **FAST)
    cancelled = c.cancel_certificate_operation("py-cancel")
    assert cancelled.cancellation_requested is True
    c.delete_certificate_operation("py-cancel")
    expect_status(404, c.get_certificate_operation, "py-cancel")


def check_import_pfx_and_pem(c, _r, _s):
    workdir = tempfile.mkdtemp()
    key, cert_pem = make_leaf(workdir, "py-import")
    pfx = openssl(workdir, "pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-passout", "pass:pw")
    imported = c.import_certificate("py-import-pfx", pfx, password="pw")
    assert imported.policy.issuer_name == "Unknown"
    der = openssl(workdir, "x509", "-in", "cert.pem", "-outform", "DER")
    assert imported.cer == der
    pem_policy = CertificatePolicy.get_default()
    pem_policy._content_type = CertificateContentType.pem
    pem = c.import_certificate("py-import-pem", (key + cert_pem).encode(), policy=pem_policy)
    assert pem.cer == der
    expect_status(400, c.import_certificate, "py-import-bad", pfx, password="wrong")


def check_secret_download(c, _r, s):
    cert = c.begin_create_certificate("py-download", self_policy("py-download"), **FAST).result()
    secret = s.get_secret("py-download", cert.properties.version)
    assert secret.properties.content_type == "application/x-pkcs12"
    workdir = tempfile.mkdtemp()
    open(os.path.join(workdir, "d.pfx"), "wb").write(base64.b64decode(secret.value))
    out = openssl(workdir, "pkcs12", "-in", "d.pfx", "-passin", "pass:", "-nodes").decode()
    assert "PRIVATE KEY" in out and "BEGIN CERTIFICATE" in out


def check_delete_recover_purge(c, _r, _s):
    c.begin_create_certificate("py-deleted", self_policy("py-deleted"), **FAST).result()
    deleted = c.begin_delete_certificate("py-deleted", **FAST).result()
    assert deleted.recovery_id.endswith("/deletedcertificates/py-deleted") and deleted.scheduled_purge_date
    assert c.get_deleted_certificate("py-deleted").name == "py-deleted"
    assert "py-deleted" in [d.name for d in c.list_deleted_certificates()]
    e = expect_status(409, c.begin_create_certificate, "py-deleted", self_policy("py-deleted"))
    assert "ObjectIsDeletedButRecoverable" in str(e) or (e.error and e.error.code == "Conflict")
    recovered = c.begin_recover_deleted_certificate("py-deleted", **FAST).result()
    assert recovered.name == "py-deleted"
    c.begin_delete_certificate("py-deleted", **FAST).result()
    c.purge_deleted_certificate("py-deleted")
    expect_status(404, c.get_deleted_certificate, "py-deleted")


def check_backup_restore(c, r, _s):
    cert = c.begin_create_certificate("py-backup", self_policy("py-backup"), **FAST).result()
    blob = c.backup_certificate("py-backup")
    restored = r.restore_certificate_backup(blob)
    assert restored.name == "py-backup" and restored.cer == cert.cer
    assert restored.id.startswith(os.environ["RESTORE_VAULT_URL"].rstrip("/"))


def check_list_and_paging(c, _r, _s):
    for i in range(3):
        c.begin_create_certificate(f"py-list-{i}", self_policy(f"py-list-{i}"), **FAST).result()
    names = [p.name for p in c.list_properties_of_certificates(max_page_size=2)]
    for i in range(3):
        assert f"py-list-{i}" in names, names
    assert len(names) == len(set(names))


def check_contacts(c, _r, _s):
    contacts = [CertificateContact(email="a@example.test", name="A", phone="1"), CertificateContact(email="b@example.test")]
    assert [x.email for x in c.set_contacts(contacts)] == ["a@example.test", "b@example.test"]
    assert [x.email for x in c.get_contacts()] == ["a@example.test", "b@example.test"]
    c.delete_contacts()
    expect_status(404, c.get_contacts)


def check_issuers(c, _r, _s):
    admin = [AdministratorContact(first_name="John", last_name="Doe", email="admin@example.test", phone="42")]
    issuer = c.create_issuer("py-issuer", "Test", account_id="user", password="pw", admin_contacts=admin)
    assert issuer.provider == "Test" and issuer.account_id == "user"
    c.create_issuer("py-issuer-2", "CertDeckLocalCA")
    assert c.get_issuer("py-issuer").admin_contacts[0].email == "admin@example.test"
    names = [i.name for i in c.list_properties_of_issuers()]
    assert "py-issuer" in names and "py-issuer-2" in names, names
    assert c.update_issuer("py-issuer", provider="Test2").provider == "Test2"
    c.delete_issuer("py-issuer")
    expect_status(404, c.get_issuer, "py-issuer")
    ca_signed = c.begin_create_certificate("py-local-ca", CertificatePolicy(issuer_name="py-issuer-2", subject="CN=py-local-ca"), **FAST).result()
    assert ca_signed.cer


def certdeck_policy(*args, stdin=None):
    """Runs `certdeck-cli policy …` on this vault (CertDeck's own vault layer); returns its JSON."""
    data_dir = os.path.dirname(os.environ["TOKEN_FILE"])
    out = subprocess.run(
        [os.environ["CERTDECK_CLI"], "policy", *args, "--vault-url", os.environ["VAULT_URL"],
         "--local-data-dir", data_dir],
        input=stdin, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def check_reads_policies_certdeck_wrote(c, _r, _s):
    c.begin_create_certificate("py-certdeck-policy", self_policy("py-certdeck-policy"), **FAST).result()
    written = certdeck_policy("get", "py-certdeck-policy")
    written["key_props"].update(key_type="RSA", key_size=3072, curve=None, exportable=True,
                                reuse_key=True)
    written["secret_props"]["content_type"] = "application/x-pem-file"
    written["x509_props"].update(
        subject="CN=py.contoso.com, O=Contoso\\, Ltd, OU=Web+L=Oslo",
        sans={"dns_names": ["py.contoso.com", "*.py.contoso.com"], "emails": ["admin@contoso.com"],
              "upns": ["svc@contoso.com"], "uris": [], "ip_addresses": []},
        ekus=["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"],
        key_usage=["digitalSignature", "keyEncipherment"], validity_months=24)
    written["lifetime_actions"] = [{"trigger": {"days_before_expiry": 30}, "action": "AutoRenew"}]
    written["attributes"]["enabled"] = False
    stored = certdeck_policy("set", "py-certdeck-policy", "--file", "-", stdin=json.dumps(written))
    assert stored["x509_props"]["validity_months"] == 24, stored

    read = c.get_certificate_policy("py-certdeck-policy")
    assert read.key_type == KeyType.rsa and read.key_size == 3072, (read.key_type, read.key_size)
    assert read.exportable is True and read.reuse_key is True
    assert read.content_type == CertificateContentType.pem, read.content_type
    assert read.subject == written["x509_props"]["subject"], read.subject
    assert sorted(read.san_dns_names) == sorted(written["x509_props"]["sans"]["dns_names"])
    assert read.san_emails == ["admin@contoso.com"] and read.san_user_principal_names == ["svc@contoso.com"]
    assert sorted(read.enhanced_key_usage) == ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]
    assert sorted(read.key_usage) == ["digitalSignature", "keyEncipherment"], read.key_usage
    assert read.validity_in_months == 24
    (action,) = read.lifetime_actions
    assert action.action == CertificatePolicyAction.auto_renew and action.days_before_expiry == 30
    assert action.lifetime_percentage is None
    assert read.issuer_name == "Self" and read.enabled is False


def main():
    c, r, s = clients()
    checks = [v for k, v in sorted(globals().items()) if k.startswith("check_")]
    passed = failed = 0
    for check in checks:
        try:
            check(c, r, s)
            passed += 1
            print(f"ok   python {check.__name__[6:]}")
        except Exception:  # noqa: BLE001 - report every failure and go on
            failed += 1
            print(f"FAIL python {check.__name__[6:]}")
            traceback.print_exc(limit=3)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
