// Conformance of the local vault with Microsoft's JavaScript SDKs (@azure/keyvault-certificates
// and @azure/keyvault-secrets): every CertificateClient operation plus the secret download.
//
// Environment: VAULT_URL, RESTORE_VAULT_URL (a second, empty vault), TOKEN_FILE and
// NODE_EXTRA_CA_CERTS (the local vault's ca.pem). Prints one line per check, then
// `N passed, N failed`; exits 1 on any failure.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { CertificateClient, WellKnownIssuer } from "@azure/keyvault-certificates";
import { SecretClient } from "@azure/keyvault-secrets";

const token = readFileSync(process.env.TOKEN_FILE, "utf8").trim();
const credential = {
  getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
};
const options = { disableChallengeResourceVerification: true };
const client = new CertificateClient(process.env.VAULT_URL, credential, options);
const restoreClient = new CertificateClient(process.env.RESTORE_VAULT_URL, credential, options);
const secrets = new SecretClient(process.env.VAULT_URL, credential, options);
const FAST = { intervalInMs: 50 };

const openssl = (cwd, ...args) =>
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });

function makeLeaf(cn) {
  const dir = mkdtempSync(join(tmpdir(), "cdk-js-"));
  openssl(
    dir,
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "key.pem",
    "-out",
    "cert.pem",
    "-days",
    "30",
    "-subj",
    `/CN=${cn}`,
  );
  return {
    dir,
    key: readFileSync(join(dir, "key.pem"), "utf8"),
    cert: readFileSync(join(dir, "cert.pem"), "utf8"),
    der: openssl(dir, "x509", "-in", "cert.pem", "-outform", "DER"),
  };
}

async function expectStatus(status, promise) {
  try {
    await promise;
  } catch (e) {
    assert.equal(e.statusCode, status, `expected ${status}: ${e.message}`);
    return e;
  }
  assert.fail(`expected HTTP ${status}, the call succeeded`);
}

const selfPolicy = (cn, extra = {}) => ({
  issuerName: "Self",
  subject: `CN=${cn}`,
  validityInMonths: 12,
  ...extra,
});
const create = async (name, policy) =>
  (await client.beginCreateCertificate(name, policy, FAST)).pollUntilDone();
const same = (a, b) => assert.deepEqual(Buffer.from(a), Buffer.from(b));

/** Runs `certdeck-cli policy …` on this vault (CertDeck's own vault layer); returns its JSON. */
const certdeckPolicy = (args, input) =>
  JSON.parse(
    execFileSync(
      process.env.CERTDECK_CLI,
      [
        "policy",
        ...args,
        "--vault-url",
        process.env.VAULT_URL,
        "--local-data-dir",
        dirname(process.env.TOKEN_FILE),
      ],
      { input, encoding: "utf8" },
    ),
  );

const checks = {
  async readsPoliciesCertdeckWrote() {
    await create("js-certdeck-policy", selfPolicy("js-certdeck-policy"));
    const written = certdeckPolicy(["get", "js-certdeck-policy"]);
    Object.assign(written.key_props, {
      key_type: "EC",
      key_size: null,
      curve: "P-384",
      exportable: false,
      reuse_key: false,
    });
    written.secret_props.content_type = "application/x-pkcs12";
    Object.assign(written.x509_props, {
      subject: 'CN=js.contoso.com, O="Contoso, Ltd"',
      sans: {
        dns_names: ["js.contoso.com"],
        emails: [],
        upns: ["app@contoso.com"],
        uris: [],
        ip_addresses: [],
      },
      ekus: ["1.3.6.1.5.5.7.3.1"],
      key_usage: ["digitalSignature"],
      validity_months: 6,
    });
    written.lifetime_actions = [{ trigger: { lifetime_percentage: 75 }, action: "EmailContacts" }];
    certdeckPolicy(["set", "js-certdeck-policy", "--file", "-"], JSON.stringify(written));

    const read = await client.getCertificatePolicy("js-certdeck-policy");
    assert.equal(read.keyType, "EC");
    assert.equal(read.keyCurveName, "P-384");
    assert.equal(read.exportable, false);
    assert.equal(read.reuseKey, false);
    assert.equal(read.contentType, "application/x-pkcs12");
    assert.equal(read.subject, written.x509_props.subject);
    assert.deepEqual(read.subjectAlternativeNames.dnsNames, ["js.contoso.com"]);
    assert.deepEqual(read.subjectAlternativeNames.userPrincipalNames, ["app@contoso.com"]);
    assert.deepEqual(read.enhancedKeyUsage, ["1.3.6.1.5.5.7.3.1"]);
    assert.deepEqual(read.keyUsage, ["digitalSignature"]);
    assert.equal(read.validityInMonths, 6);
    assert.equal(read.lifetimeActions.length, 1);
    assert.equal(read.lifetimeActions[0].action, "EmailContacts");
    assert.equal(read.lifetimeActions[0].lifetimePercentage, 75);
    assert.equal(read.issuerName, "Self");
  },

  async createGetVersionsUpdate() {
    const first = await create("js-created", selfPolicy("js-created"));
    assert.equal(first.properties.version.length, 32);
    const second = await create("js-created", selfPolicy("js-created"));
    assert.equal((await client.getCertificate("js-created")).id, second.id);
    same(
      (await client.getCertificateVersion("js-created", first.properties.version)).cer,
      first.cer,
    );
    const versions = [];
    for await (const p of client.listPropertiesOfCertificateVersions("js-created"))
      versions.push(p.version);
    assert.deepEqual(versions.sort(), [first.properties.version, second.properties.version].sort());
    const updated = await client.updateCertificateProperties("js-created", "", {
      enabled: false,
      tags: { suite: "js" },
    });
    assert.equal(updated.properties.enabled, false);
    assert.deepEqual(updated.properties.tags, { suite: "js" });
    await expectStatus(404, client.getCertificate("js-never"));
  },

  async createEcWithOptions() {
    const policy = selfPolicy("js-ec", {
      keyType: "EC",
      keyCurveName: "P-521",
      subjectAlternativeNames: { dnsNames: ["js.example.test"] },
      contentType: "application/x-pem-file",
    });
    await create("js-ec", policy);
    const got = await client.getCertificatePolicy("js-ec");
    assert.equal(got.keyType, "EC");
    assert.equal(got.keyCurveName, "P-521");
    assert.deepEqual(got.subjectAlternativeNames.dnsNames, ["js.example.test"]);
    assert.equal(got.contentType, "application/x-pem-file");
  },

  async policyUpdateAndValidation() {
    await create("js-policy", selfPolicy("js-policy"));
    // JS 4.10.3 returns {} from updateCertificatePolicy although the server applied it: re-read.
    await client.updateCertificatePolicy(
      "js-policy",
      selfPolicy("js-policy", {
        validityInMonths: 24,
        lifetimeActions: [{ action: "EmailContacts", daysBeforeExpiry: 30 }],
      }),
    );
    const got = await client.getCertificatePolicy("js-policy");
    assert.equal(got.validityInMonths, 24);
    assert.equal(got.lifetimeActions[0].action, "EmailContacts");
    assert.equal(got.lifetimeActions[0].daysBeforeExpiry, 30);
    await expectStatus(
      400,
      client.updateCertificatePolicy(
        "js-policy",
        selfPolicy("js-policy", {
          lifetimeActions: [{ action: "AutoRenew", lifetimePercentage: 0 }],
        }),
      ),
    );
  },

  async pendingMergeCancelDelete() {
    const ca = makeLeaf("JS Merge CA");
    await client.beginCreateCertificate(
      "js-merge",
      { issuerName: WellKnownIssuer.Unknown, subject: "CN=js-merge" },
      FAST,
    );
    const poller = await client.getCertificateOperation("js-merge", FAST);
    const op = poller.getOperationState().certificateOperation;
    assert.equal(op.status, "inProgress");
    writeFileSync(join(ca.dir, "req.der"), op.csr);
    openssl(ca.dir, "req", "-inform", "DER", "-in", "req.der", "-out", "req.pem");
    const issued = openssl(
      ca.dir,
      "x509",
      "-req",
      "-in",
      "req.pem",
      "-CA",
      "cert.pem",
      "-CAkey",
      "key.pem",
      "-days",
      "30",
      "-set_serial",
      "11",
      "-outform",
      "DER",
    );
    const merged = await client.mergeCertificate("js-merge", [issued]);
    same(merged.cer, issued);
    assert.equal(merged.properties.enabled, true);

    await client.beginCreateCertificate(
      "js-cancel",
      { issuerName: "Unknown", subject: "CN=js-cancel" },
      FAST,
    );
    const cancelPoller = await client.getCertificateOperation("js-cancel", FAST);
    await cancelPoller.cancelOperation();
    assert.equal(cancelPoller.getOperationState().certificateOperation.cancellationRequested, true);
    await client.deleteCertificateOperation("js-cancel");
    await expectStatus(404, client.getCertificateOperation("js-cancel"));
  },

  async importPfxAndRawPem() {
    const leaf = makeLeaf("js-import");
    const pfx = openssl(
      leaf.dir,
      "pkcs12",
      "-export",
      "-legacy",
      "-inkey",
      "key.pem",
      "-in",
      "cert.pem",
      "-passout",
      "pass:pw",
    );
    const imported = await client.importCertificate("js-import-pfx", pfx, { password: "pw" });
    same(imported.cer, leaf.der);
    assert.equal(imported.policy.issuerName, "Unknown");
    // The JS SDK sends PEM as raw text.
    const pem = await client.importCertificate("js-import-pem", Buffer.from(leaf.key + leaf.cert), {
      policy: { contentType: "application/x-pem-file", issuerName: "Unknown" },
    });
    same(pem.cer, leaf.der);
    await expectStatus(400, client.importCertificate("js-import-bad", pfx, { password: "wrong" }));
  },

  async secretDownload() {
    const cert = await create(
      "js-download",
      selfPolicy("js-download", { contentType: "application/x-pem-file" }),
    );
    const secret = await secrets.getSecret("js-download", { version: cert.properties.version });
    assert.equal(secret.properties.contentType, "application/x-pem-file");
    assert.ok(
      secret.value.indexOf("-----BEGIN PRIVATE KEY-----") <
        secret.value.indexOf("-----BEGIN CERTIFICATE-----"),
    );
    assert.ok(secret.value.includes("-----BEGIN PRIVATE KEY-----"));
  },

  async deleteRecoverPurge() {
    await create("js-deleted", selfPolicy("js-deleted"));
    const deleted = await (await client.beginDeleteCertificate("js-deleted", FAST)).pollUntilDone();
    assert.ok(deleted.recoveryId.endsWith("/deletedcertificates/js-deleted"));
    assert.equal((await client.getDeletedCertificate("js-deleted")).name, "js-deleted");
    const names = [];
    for await (const d of client.listDeletedCertificates()) names.push(d.name);
    assert.ok(names.includes("js-deleted"), names.join());
    const conflict = await expectStatus(
      409,
      client.beginCreateCertificate("js-deleted", selfPolicy("js-deleted")),
    );
    assert.match(conflict.message, /deleted/i);
    await (await client.beginRecoverDeletedCertificate("js-deleted", FAST)).pollUntilDone();
    assert.equal((await client.getCertificate("js-deleted")).name, "js-deleted");
    await (await client.beginDeleteCertificate("js-deleted", FAST)).pollUntilDone();
    await client.purgeDeletedCertificate("js-deleted");
    await expectStatus(404, client.getDeletedCertificate("js-deleted"));
  },

  async backupRestore() {
    const cert = await create("js-backup", selfPolicy("js-backup"));
    const blob = await client.backupCertificate("js-backup");
    const restored = await restoreClient.restoreCertificateBackup(blob);
    assert.equal(restored.name, "js-backup");
    same(restored.cer, cert.cer);
    assert.ok(restored.properties.id.startsWith(process.env.RESTORE_VAULT_URL.replace(/\/$/, "")));
  },

  async listAndPaging() {
    for (let i = 0; i < 3; i++) await create(`js-list-${i}`, selfPolicy(`js-list-${i}`));
    const names = [];
    // 4.10.3 ignores byPage({ maxPageSize }); the `maxresults` option reaches the service.
    for await (const page of client.listPropertiesOfCertificates({ maxresults: 2 }).byPage()) {
      assert.ok(page.length <= 2);
      for (const p of page) names.push(p.name);
    }
    for (let i = 0; i < 3; i++) assert.ok(names.includes(`js-list-${i}`), names.join());
    assert.equal(new Set(names).size, names.length);
  },

  async contacts() {
    const set = await client.setContacts([
      { email: "a@example.test", name: "A", phone: "1" },
      { email: "b@example.test" },
    ]);
    assert.deepEqual(
      set.map((c) => c.email),
      ["a@example.test", "b@example.test"],
    );
    const got = await client.getContacts();
    assert.deepEqual(
      got.map((c) => c.email),
      ["a@example.test", "b@example.test"],
    );
    await client.deleteContacts();
    await expectStatus(404, client.getContacts());
  },

  async issuers() {
    const created = await client.createIssuer("js-issuer", "Test", {
      accountId: "user",
      password: "pw",
      administratorContacts: [
        { firstName: "John", lastName: "Doe", email: "admin@example.test", phone: "42" },
      ],
    });
    assert.equal(created.provider, "Test");
    await client.createIssuer("js-issuer-2", "CertDeckLocalCA");
    const got = await client.getIssuer("js-issuer");
    assert.equal(got.administratorContacts[0].email, "admin@example.test");
    const names = [];
    // Issuer list items carry `id` and `provider` only.
    for await (const i of client.listPropertiesOfIssuers()) names.push(i.id.split("/").pop());
    assert.ok(names.includes("js-issuer") && names.includes("js-issuer-2"), names.join());
    assert.equal((await client.updateIssuer("js-issuer", { provider: "Test2" })).provider, "Test2");
    await client.deleteIssuer("js-issuer");
    await expectStatus(404, client.getIssuer("js-issuer"));
    const signed = await create("js-local-ca", {
      issuerName: "js-issuer-2",
      subject: "CN=js-local-ca",
    });
    assert.ok(signed.cer.length > 100);
  },
};

let passed = 0;
let failed = 0;
for (const [name, check] of Object.entries(checks)) {
  try {
    await check();
    passed++;
    console.log(`ok   js ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL js ${name}: ${e?.stack ?? e}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
