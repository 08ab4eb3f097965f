#!/usr/bin/env bash
# Regenerates the committed seed corpus, fuzz/corpus/<target>/, from the files the inspection
# tests make (crates/inspect/tests/fixtures/make-fixtures.sh: fresh test keys, nothing that
# matters). Seeds are named by content, so rerunning adds new shapes beside the old ones.
#   fuzz/make-corpus.sh
set -euo pipefail
cd "$(dirname "$0")/.."
fixtures=target/inspect-fixtures
crates/inspect/tests/fixtures/make-fixtures.sh "$fixtures"
exec python3 - "$fixtures" fuzz/corpus <<'PY'
import base64, hashlib, json, subprocess, sys
from datetime import datetime, timezone
from pathlib import Path

fixtures, corpus = Path(sys.argv[1]), Path(sys.argv[2])
MAX_SEED = 64 * 1024

def seed(target, data):
    if isinstance(data, str):
        data = data.encode()
    if len(data) > MAX_SEED:
        return
    out = corpus / target
    out.mkdir(parents=True, exist_ok=True)
    (out / hashlib.sha1(data).hexdigest()).write_bytes(data)

def der(path, kind="x509"):
    args = ["openssl", kind, "-in", str(fixtures / path), "-outform", "DER"]
    return subprocess.run(args, check=True, capture_output=True).stdout

def pkcs8(path):
    args = ["openssl", "pkcs8", "-topk8", "-nocrypt", "-in", str(fixtures / path), "-outform", "DER"]
    return subprocess.run(args, check=True, capture_output=True).stdout

def b64(data):
    return base64.b64encode(data).decode()

def unix(path, which):
    out = subprocess.run(["openssl", "x509", "-in", str(fixtures / path), "-noout", f"-{which}date"],
                         check=True, capture_output=True, text=True).stdout
    stamp = out.split("=", 1)[1].strip()
    return int(datetime.strptime(stamp, "%b %d %H:%M:%S %Y %Z").replace(tzinfo=timezone.utc).timestamp())

# inspect_file: a password selector byte (0 none/NULL, 1 empty, 2 Secret-123, 3 pässwörd€;
# +4 converts to PFX instead of encrypted PEM, +8 a modern PFX), then the file.
skip = {".csr", ".ext", ".srl", ".lock", ".stamp"}
for path in sorted(fixtures.iterdir()):
    if path.suffix in skip or path.name.startswith("."):
        continue
    selector = 1 if path.name in ("empty-password.pfx", "unencrypted.pfx") else 3 if "unicode" in path.name else 2
    data = path.read_bytes()
    seed("inspect_file", bytes([selector]) + data)
    if path.suffix in (".pfx", ".p12", ".pem") and "fast" in path.name or path.name == "ec256.pfx":
        seed("inspect_file", bytes([selector | 4]) + data)
        seed("inspect_file", bytes([selector | 12]) + data)

# policy_rules: subjects and SAN values, one per line, and policies as a JSON case.
rsa = {"key_props": {"exportable": True, "kty": "RSA", "key_size": 2048, "reuse_key": False},
       "secret_props": {"contentType": "application/x-pkcs12"},
       "x509_props": {"subject": "CN=www.contoso.com, O=Contoso", "ekus": ["1.3.6.1.5.5.7.3.1"],
                      "sans": {"dns_names": ["www.contoso.com", "contoso.com"]},
                      "key_usage": ["digitalSignature", "keyEncipherment"], "validity_months": 12},
       "lifetime_actions": [{"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "AutoRenew"}}],
       "issuer": {"name": "Self"}, "attributes": {"enabled": True}}
ec = {"key_props": {"exportable": False, "kty": "EC-HSM", "curve": "P-384", "reuse_key": True},
      "secret_props": {"contentType": "application/x-pem-file"},
      "x509_props": {"subject": "CN=api+OU=Ops, C=US", "validity_months": 24,
                     "sans": {"emails": ["ops@contoso.com"], "upns": ["svc@contoso.com"],
                              "ipAddresses": ["10.0.0.1", "2001:db8::1"], "uris": ["https://contoso.com/id"]}},
      "lifetime_actions": [{"trigger": {"days_before_expiry": 30}, "action": {"action_type": "EmailContacts"}}],
      "issuer": {"name": "Unknown", "cert_transparency": False}}
subjects = ["CN=www.contoso.com", "CN=a\\,b+O=Contoso, OU=IT,C=US", 'CN="quoted", E=admin@contoso.com',
            "CN=\\#hash\\ ,1.2.3.4=#0403616263", "SERIALNUMBER=12, L=Zürich, ST=ZH"]
sans = ["*.contoso.com", "xn--bcher-kva.example", "admin@contoso.com", "user@contoso.com",
        "192.168.0.1", "::ffff:10.0.0.1", "https://contoso.com/path?q=1", "ldap://[::1]:389/"]
seed("policy_rules", "\n".join(subjects))
seed("policy_rules", "\n".join(sans))
seed("policy_rules", json.dumps({"before": rsa, "after": ec, "not_before": 1767225600, "expires": 1798761600,
                                 "patch": {"key_type": "EC", "validity_months": 6, "ekus": ["1.3.6.1.5.5.7.3.2"],
                                           "issuer_name": "DigiCert", "enabled": False}, "contacts": False}))
seed("policy_rules", json.dumps({"before": ec, "after": rsa, "patch": {"key_type": "RSA", "key_size": 4096}}))
seed("policy_rules", json.dumps({"before": {}, "after": {"x509_props": {"subject": "CN="}}}))

# vault_bodies: a byte naming the body (local_vault::fuzzing::Body::ALL order), then its JSON.
POLICY, CREATE, UPDATE, IMPORT, MERGE, ISSUER, CONTACTS, RESTORE = range(8)
def body(kind, value):
    seed("vault_bodies", bytes([kind]) + json.dumps(value).encode())
lv_rsa = dict(rsa, key_props={"exportable": True, "kty": "RSA", "key_size": 2048, "reuse_key": False})
lv_ec = {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=api, O=Contoso",
         "sans": {"dns_names": ["api.contoso.com"], "emails": ["a@contoso.com"], "upns": ["u@contoso.com"]},
         "validity_months": 3}, "issuer": {"name": "Unknown"},
         "lifetime_actions": [{"trigger": {"days_before_expiry": 10}, "action": {"action_type": "EmailContacts"}}]}
for policy in (lv_rsa, lv_ec, {"x509_props": {"validity_months": 1}}):
    body(POLICY, policy)
    body(CREATE, {"policy": policy, "attributes": {"enabled": True}, "tags": {"env": "test"}})
body(UPDATE, {"attributes": {"enabled": False, "nbf": 1767225600, "exp": 1798761600}, "tags": {"a": "b"},
              "policy": {"lifetime_actions": [{"trigger": {"lifetime_percentage": 50}, "action": {"action_type": "EmailContacts"}}]}})
for name, pwd in (("fast-modern.pfx", "Secret-123"), ("fast-legacy.pfx", "Secret-123"),
                  ("empty-password.pfx", ""), ("ec256.pfx", "Secret-123")):
    body(IMPORT, {"value": b64((fixtures / name).read_bytes()), "pwd": pwd, "policy": {"secret_props": {"contentType": "application/x-pkcs12"}}})
for name in ("pem-pkcs8.pem", "pem-sec1.pem", "fast-encrypted.pem"):
    body(IMPORT, {"value": (fixtures / name).read_text(), "pwd": "Secret-123", "preserveCertOrder": True,
                  "attributes": {"enabled": False}, "tags": {"k": "v"}})
body(MERGE, {"x5c": [b64(der("leaf.pem")), b64(der("inter.pem")), b64(der("root.pem"))], "attributes": {"enabled": True}})
body(MERGE, {"x5c": [b64(der("ec256.pem"))]})
body(ISSUER, {"provider": "DigiCert", "credentials": {"account_id": "acct", "pwd": "issuer-password"},
              "org_details": {"id": "org", "zip": 0, "admin_details": [{"first_name": "Ada", "last_name": "L",
                                                                       "email": "ada@contoso.com", "phone": "555"}]},
              "attributes": {"enabled": True, "created": 1, "updated": 2}})
body(CONTACTS, {"contacts": [{"email": "ops@contoso.com", "name": "Ops", "phone": "555"}], "id": "x"})
body(RESTORE, {"value": base64.urlsafe_b64encode(b"CDKVBACKUP2" + bytes(12) + b"{}").decode().rstrip("=")})

# backup_blob: certificate records as the local vault stores them (sealed by the target).
def record(name, leaf, key, chain, policy, content_type):
    return {"name": name, "policy": policy, "policy_created": 1767225600, "policy_updated": 1767225600,
            "versions": [{"id": "0123456789abcdef0123456789abcdef", "key": b64(pkcs8(key)),
                          "exportable": True, "content_type": content_type,
                          "chain": [b64(der(c)) for c in chain], "leaf": 0, "enabled": True,
                          "nbf": unix(leaf, "start"), "exp": unix(leaf, "end"),
                          "created": 1767225600, "updated": 1767225600, "tags": {"env": "test"}}],
            "operation": None, "deleted": None, "notified": []}
rsa_policy = dict(lv_rsa, x509_props=dict(rsa["x509_props"], subject="CN=www.contoso.com"))
ec_policy = {"key_props": {"exportable": True, "kty": "EC", "crv": "P-256", "reuse_key": False},
             "secret_props": {"contentType": "application/x-pem-file"},
             "x509_props": {"subject": "CN=ec256", "validity_months": 12}, "issuer": {"name": "Unknown"},
             "lifetime_actions": [{"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "EmailContacts"}}],
             "attributes": {"enabled": True}}
seed("backup_blob", json.dumps(record("www-contoso", "leaf.pem", "leaf.key", ["leaf.pem", "inter.pem", "root.pem"],
                                      rsa_policy, "application/x-pkcs12")))
seed("backup_blob", json.dumps(record("ec256", "ec256.pem", "ec256.key", ["ec256.pem"], ec_policy, "application/x-pem-file")))
seed("backup_blob", base64.urlsafe_b64encode(b"CDKVBACKUP2" + bytes(40)).decode())
PY
