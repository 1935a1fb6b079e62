"use client";
import type { DeviceSelection } from "../hooks/use-device-selection";

/**
 * Shown once every row on the page is ticked and more devices match than the `rowsOnPage` shown:
 * offers to extend the selection to all `total` matching devices, or to clear it again.
 */
export function DeviceSelectionBanner({
  selection,
  rowsOnPage,
  total,
}: {
  selection: DeviceSelection;
  rowsOnPage: number;
  total: number;
}) {
  if (!selection.pageSelected || total <= rowsOnPage) return null;
  return (
    <div role="status" className="rounded-md bg-indigo-50 px-4 py-2 text-sm text-indigo-900">
      {selection.allMatching ? (
        <>
          All {total.toLocaleString("en")} devices are selected.{" "}
          <button type="button" className="font-medium underline" onClick={selection.clear}>
            Clear selection
          </button>
        </>
      ) : (
        <>
          All {rowsOnPage} devices on this page are selected.{" "}
          <button type="button" className="font-medium underline" onClick={selection.selectAllMatching}>
            Select all {total.toLocaleString("en")} devices
          </button>
        </>
      )}
    </div>
  );
}
