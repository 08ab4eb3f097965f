import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { cert, detailsOf } from "../../test/backend";
import { certificateRemoved, certificatesChanged } from "./changes";
import type { Listing } from "./listing";
import { certificateQueries } from "./queries";

const VAULT = 1;

/** A client holding a complete listing of `names`, and details and versions of each. */
function cached(names: string[], complete = true) {
  const client = new QueryClient();
  client.setQueryData(certificateQueries.listing(VAULT).queryKey, {
    rows: names.map((name) => cert(name)),
    complete,
  });
  for (const name of names) {
    client.setQueryData(
      certificateQueries.details(VAULT, name, null).queryKey,
      detailsOf(cert(name)),
    );
    client.setQueryData(certificateQueries.versions(VAULT, name).queryKey, []);
  }
  return client;
}

const listed = (client: QueryClient) =>
  client.getQueryData<Listing>(certificateQueries.listing(VAULT).queryKey);
const invalidated = (client: QueryClient) =>
  client
    .getQueryCache()
    .findAll({ predicate: (query) => query.state.isInvalidated })
    .map((query) => query.queryKey);

describe("certificatesChanged", () => {
  it("replaces a row of the same name (any case) as listed, and adds a new one", () => {
    const client = cached(["api", "web"]);
    const version = "feedface";
    certificatesChanged(client, VAULT, [
      cert("WEB", {
        id: `https://vault.example/certificates/WEB/${version}`,
        version,
        tags: { a: "b" },
      }),
      cert("new", { version }),
    ]);
    const listing = listed(client);
    expect(listing?.complete).toBe(true);
    expect(listing?.rows.map((row) => [row.name, row.version, row.id])).toEqual([
      ["api", null, "https://vault.example/certificates/api"],
      ["WEB", null, "https://vault.example/certificates/WEB"],
      ["new", null, "https://vault.example/certificates/new"],
    ]);
    expect(listing?.rows[1]?.tags).toEqual({ a: "b" });
  });

  it("invalidates only the changed certificate's own queries", () => {
    const client = cached(["api", "web"]);
    certificatesChanged(client, VAULT, [cert("Web")]);
    expect(invalidated(client)).toEqual([
      certificateQueries.details(VAULT, "web", null).queryKey,
      certificateQueries.versions(VAULT, "web").queryKey,
    ]);
  });

  it("keeps whether the listing is complete", () => {
    const client = cached(["api"], false);
    certificatesChanged(client, VAULT, [cert("web")]);
    expect(listed(client)?.complete).toBe(false);
    expect(listed(client)?.rows).toHaveLength(2);
  });

  it("lists again rather than patch a listing still streaming", () => {
    const client = cached(["api"], false);
    const { queryKey } = certificateQueries.listing(VAULT);
    void client.prefetchQuery({ queryKey, queryFn: () => new Promise<Listing>(() => {}) });
    certificatesChanged(client, VAULT, [cert("web")]);
    expect(listed(client)?.rows).toHaveLength(1);
    expect(invalidated(client)).toContainEqual(queryKey);
  });

  it("leaves a vault never listed unlisted", () => {
    const client = new QueryClient();
    certificatesChanged(client, VAULT, [cert("web")]);
    expect(listed(client)).toBeUndefined();
  });
});

describe("certificateRemoved", () => {
  it("takes the row out of the listing and forgets the certificate", () => {
    const client = cached(["api", "web"]);
    certificateRemoved(client, VAULT, "WEB");
    expect(listed(client)?.rows.map((row) => row.name)).toEqual(["api"]);
    expect(client.getQueryData(certificateQueries.versions(VAULT, "web").queryKey)).toBeUndefined();
    expect(client.getQueryData(certificateQueries.versions(VAULT, "api").queryKey)).toEqual([]);
  });
});
