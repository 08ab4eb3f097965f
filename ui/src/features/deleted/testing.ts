// Fakes for the deletion tests: deleted certificates and a deleted list that streams them.
import type { DeletedCertificate } from "../../ipc/bindings/DeletedCertificate";
import { cert, type Events, now } from "../../test/backend";

export const DAY = 86_400;

/** A certificate deleted a day ago under `level`, purged 89 days from now. */
export function deletedCert(
  name: string,
  level = "Recoverable+Purgeable",
  overrides: Partial<DeletedCertificate> = {},
): DeletedCertificate {
  return {
    summary: cert(name),
    recovery_id: `https://vault.example/deletedcertificates/${name}`,
    deleted_on: now() - DAY,
    scheduled_purge: now() + 89 * DAY,
    recovery_level: level,
    recoverable_days: 90,
    ...overrides,
  };
}

/** A `list_deleted_certificates` handler streaming `rows()` as one page. */
export const deletedListing =
  (rows: () => DeletedCertificate[]) =>
  (_args: unknown, events: Events<"list_deleted_certificates">) => {
    const page = rows();
    events.onmessage(page);
    return page.length;
  };
