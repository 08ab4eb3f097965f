import { useCallback, useRef, useState } from "react";
import { type Column, DataGrid, type GridSort, trackMinimum } from "../../components/DataGrid";
import { MoreIcon } from "../../components/icons";
import { MenuPopup, type Point } from "../../components/Menu";
import { useToast } from "../../components/Toasts";
import { useCopy } from "../../components/useCopy";
import { useWidth } from "../../components/useWidth";
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
  /** Names picked for a bulk action. */
  selected: ReadonlySet<string>;
  onSelect: (cert: CertificateSummary, range: boolean) => void;
}

const nameOf = (cert: CertificateSummary) => cert.name;

/** Columns the details pane repeats, given up in this order when the table is too narrow. */
const DROP_ORDER = ["thumbprint", "updated", "created", "tags"];
/** The grid's left and right borders. */
const GRID_BORDERS = 2;

/**
 * The columns that fit `width` at their minimum track size, so none is cut off or ellipsised:
 * a narrow table (beside the details pane) drops what the pane shows anyway.
 */
export function fittingColumns<T>(columns: Column<T>[], width: number): Column<T>[] {
  const minimum = (shown: Column<T>[]) =>
    shown.reduce((sum, column) => sum + trackMinimum(column.width), GRID_BORDERS);
  let shown = columns;
  for (const id of DROP_ORDER) {
    // Unmeasured (0) means not laid out yet: keep every column.
    if (width === 0 || minimum(shown) <= width) break;
    shown = shown.filter((column) => column.id !== id);
  }
  return shown;
}

/** A vault's certificates: sortable, virtualised, with copy and portal actions per row. */
export function CertificateTable({
  vault,
  rows,
  sort,
  onSort,
  openName,
  onOpen,
  selected,
  onSelect,
}: Props) {
  const [menu, setMenu] = useState<{ cert: CertificateSummary; at: Point } | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const width = useWidth(wrapper);
  const copy = useCopy();
  const toast = useToast();
  const closeMenu = useCallback(() => {
    setMenu(null);
    wrapper.current?.querySelector<HTMLElement>("[role=grid]")?.focus();
  }, []);

  const columns: Column<CertificateSummary>[] = [
    {
      // Picks the row for a bulk action; Space and Ctrl/Shift+click do the same by keyboard.
      id: "select",
      header: "Selected",
      headerHidden: true,
      width: "36px",
      cell: (cert) => (
        <span className="select-cell">
          <input
            type="checkbox"
            tabIndex={-1}
            aria-label={`Select ${cert.name}`}
            checked={selected.has(cert.name)}
            onClick={(event) => event.stopPropagation()}
            onChange={(event) => onSelect(cert, (event.nativeEvent as MouseEvent).shiftKey)}
          />
        </span>
      ),
    },
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
      header: "Actions",
      headerHidden: true,
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
        columns={fittingColumns(columns, width)}
        rows={rows}
        rowKey={nameOf}
        rowName={nameOf}
        sort={sort}
        onSort={onSort}
        openKey={openName}
        onOpen={onOpen}
        onMenu={(cert, at) => setMenu({ cert, at })}
        onSelect={onSelect}
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
