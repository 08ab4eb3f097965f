import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PlusIcon, VaultIcon } from "../../components/icons";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { issuerQueries } from "../policy/queries";
import { VaultView } from "../vaults/VaultTabs";
import { IssuerEditor } from "./IssuerForm";
import { providerLabel } from "./providers";
import "../certificates/browser.css";
import "../pending/pending.css";

/** `/vaults/:id/issuers`: the certificate authorities policies in this vault can name. */
export function IssuersPage() {
  return <VaultView>{(vault) => <Issuers vault={vault} />}</VaultView>;
}

/** `?issuer=NAME` edits one, `?issuer=` (empty) creates one. */
function Issuers({ vault }: { vault: VaultEntry }) {
  const list = useQuery({ ...issuerQueries.list(vault.id), staleTime: 0 });
  const [params, setParams] = useSearchParams();
  const open = params.get("issuer");
  const select = (name: string | null) =>
    setParams(name === null ? {} : { issuer: name }, { replace: true });
  const issuers = list.data ?? [];
  const create = () => select("");

  return (
    <div className="browser" data-testid="issuers-page">
      <div className="toolbar">
        <span className="count" aria-busy={list.isFetching}>
          {list.data
            ? `${issuers.length} issuer${issuers.length === 1 ? "" : "s"}`
            : "Reading issuers…"}
        </span>
        <div className="toolbar-end">
          <button
            type="button"
            className="button primary"
            data-testid="new-issuer"
            onClick={create}
          >
            <PlusIcon />
            New issuer
          </button>
        </div>
      </div>
      {list.error && <ErrorMessage error={list.error} />}
      <div className={open !== null ? "browser-body with-pane wide-pane" : "browser-body"}>
        {list.data && issuers.length === 0 && (
          <div className="empty-state page-empty" data-testid="issuers-empty">
            <VaultIcon />
            <strong>No issuers in this vault</strong>
            Policies here can be self-signed or give a CSR to sign. An issuer lets Key Vault get
            certificates from DigiCert, GlobalSign, OneCert or the local vault's test CA itself.
            <button type="button" className="button" onClick={create}>
              Create the first issuer
            </button>
          </div>
        )}
        {issuers.length > 0 && (
          <div className="pending-scroll">
            <table className="pending-table" aria-label="Issuers">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Provider</th>
                </tr>
              </thead>
              <tbody>
                {issuers.map((issuer) => (
                  <tr
                    key={issuer.name}
                    className={issuer.name === open ? "open" : undefined}
                    data-testid="issuer-row"
                    data-name={issuer.name}
                  >
                    <th scope="row">
                      <button
                        type="button"
                        className="link-button"
                        aria-expanded={issuer.name === open}
                        onClick={() => select(issuer.name)}
                      >
                        {issuer.name}
                      </button>
                    </th>
                    <td>{issuer.provider ? providerLabel(issuer.provider) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {open !== null && (
          <IssuerEditor
            key={open}
            vault={vault.id}
            name={open || null}
            onSaved={(name) => select(name)}
            onClose={() => select(null)}
          />
        )}
      </div>
    </div>
  );
}
