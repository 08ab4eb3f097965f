import { useCallback, useRef, useState } from "react";
import { type Column, DataGrid, type GridSort } from "../../components/DataGrid";
import { MoreIcon } from "../../components/icons";
import { MenuPopup, type Point } from "../../components/Menu";
import { useToast } from "../../components/Toasts";
import { useCopy } from "../../components/useCopy";
import { backend } from "../../ipc/backend";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { isLocal } from "../vaults/useVaults";
import { DateCell, ExpiresCell, TagChips, ThumbprintCell } from "./cells";
import { StatusBadge } from "./StatusBadge";

interface Props {
  vault: VaultEntry;
  rows: CertificateSummary[];
  sort: GridSort;
  onSort: (column: string) => void;
  openName: string | null;
  onOpen: (cert: CertificateSummary) => void;
}

const nameOf = (cert: CertificateSummary) => cert.name;

/** A vault's certificates: sortable, virtualised, with copy and portal actions per row. */
export function CertificateTable({ vault, rows, sort, onSort, openName, onOpen }: Props) {
  const [menu, setMenu] = useState<{ cert: CertificateSummary; at: Point } | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const copy = useCopy();
  const toast = useToast();
  const closeMenu = useCallback(() => {
    setMenu(null);
    wrapper.current?.querySelector<HTMLElement>("[role=grid]")?.focus();
  }, []);

  const columns: Column<CertificateSummary>[] = [
    {
      id: "name",
      header: "Name",
      width: "minmax(140px, 2fr)",
      sortable: true,
      cell: (cert) => <span className="cert-name">{cert.name}</span>,
    },
    {
      id: "status",
      header: "Status",
      width: "126px",
      sortable: true,
      cell: (cert) => <StatusBadge status={cert.status} />,
    },
    {
      id: "expires",
      header: "Expires",
      width: "minmax(196px, 1.2fr)",
      sortable: true,
      cell: (cert) => <ExpiresCell cert={cert} />,
    },
    {
      id: "created",
      header: "Created",
      width: "108px",
      sortable: true,
      cell: (cert) => <DateCell value={cert.created} />,
    },
    {
      id: "updated",
      header: "Updated",
      width: "108px",
      sortable: true,
      cell: (cert) => <DateCell value={cert.updated} />,
    },
    {
      id: "thumbprint",
      header: "Thumbprint",
      width: "128px",
      sortable: true,
      cell: (cert) => <ThumbprintCell value={cert.thumbprint} />,
    },
    {
      id: "tags",
      header: "Tags",
      width: "minmax(96px, 1.4fr)",
      cell: (cert) => <TagChips tags={cert.tags} />,
    },
    {
      id: "actions",
      header: "",
      width: "48px",
      cell: (cert) => (
        <button
          type="button"
          className="button icon-button ghost small"
          tabIndex={-1}
          aria-label={`Actions for ${cert.name}`}
          aria-haspopup="menu"
          onClick={(event) => {
            event.stopPropagation();
            const rect = event.currentTarget.getBoundingClientRect();
            setMenu({ cert, at: { x: rect.right - 200, y: rect.bottom + 4 } });
          }}
        >
          <MoreIcon />
        </button>
      ),
    },
  ];

  const menuItems = (cert: CertificateSummary) => [
    { label: "Show details", onSelect: () => onOpen(cert) },
    { label: "Copy name", onSelect: () => copy("name", cert.name) },
    { label: "Copy id", onSelect: () => copy("id", cert.id) },
    {
      label: "Copy thumbprint",
      onSelect: () => copy("thumbprint", cert.thumbprint ?? ""),
      disabled: !cert.thumbprint,
    },
    ...(isLocal(vault)
      ? []
      : [
          {
            label: "Open in Azure Portal",
            onSelect: () => backend.openInPortal(vault.id, cert.id).catch(toast.error),
          },
        ]),
  ];

  return (
    <div ref={wrapper} className="table-wrap">
      <DataGrid
        label={`Certificates in ${vault.name}`}
        testId="cert-table"
        rowTestId="cert-row"
        columns={columns}
        rows={rows}
        rowKey={nameOf}
        rowName={nameOf}
        sort={sort}
        onSort={onSort}
        openKey={openName}
        onOpen={onOpen}
        onMenu={(cert, at) => setMenu({ cert, at })}
      />
      {menu && (
        <MenuPopup
          label={`Actions for ${menu.cert.name}`}
          items={menuItems(menu.cert)}
          at={menu.at}
          onClose={closeMenu}
        />
      )}
    </div>
  );
}
