// Certificates made in the embedded local vault through its REST API, for a suite's setup.
import assert from "node:assert/strict";
import { localVaultRest } from "./rest.mjs";

/**
 * Creates self-signed certificate `name` (CN `<name>.contoso.test`, key `keyProps`) in the
 * first local vault, or the one named `localName`, and waits until it is issued.
 */
export async function issueSelfSigned(app, name, keyProps, localName) {
  const rest = (method, path, body) => localVaultRest(app, method, path, body, localName);
  const created = await rest("POST", `certificates/${name}/create`, {
    policy: {
      key_props: keyProps,
      secret_props: { contentType: "application/x-pkcs12" },
      x509_props: { subject: `CN=${name}.contoso.test`, validity_months: 12 },
      issuer: { name: "Self" },
    },
  });
  assert.equal(created.status, 202, created.text);
  await app.waitFor(
    async () => (await rest("GET", `certificates/${name}/pending`)).body?.status === "completed",
    `${name} issued`,
  );
}
