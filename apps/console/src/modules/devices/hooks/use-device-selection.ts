"use client";
import type { TApplyHelpdeskInput, TDeviceFilter } from "@helpline/core";
import { useState } from "react";

/**
 * The devices ticked in the Devices list, for the Helpdesk Agent dialog: single rows by id, the
 * whole page, or — once the page is ticked — every device matching the list's filters.
 *
 * In: the ids of the rows on this page, how many devices match (`total`) and the list's `filter`.
 * Out: what is ticked (`isSelected`, `pageSelected`, `allMatching`), how many devices that is
 * (`count`), the `selection` to hand to the Helpdesk Agent action (by ids, or by filter so that
 * devices beyond this page are included), and the ways to change it.
 */
export function useDeviceSelection(options: { pageIds: string[]; total: number; filter: TDeviceFilter }) {
  const { pageIds, total, filter } = options;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);

  const pageSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const toggle = (id: string) => {
    setAllMatching(false);
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const togglePage = () => {
    setAllMatching(false);
    setSelected(pageSelected ? new Set() : new Set(pageIds));
  };
  const clear = () => {
    setAllMatching(false);
    setSelected(new Set());
  };
  const selection: TApplyHelpdeskInput["selection"] = allMatching
    ? { kind: "filter", filter }
    : { kind: "devices", deviceIds: [...selected] };

  return {
    isSelected: (id: string) => allMatching || selected.has(id),
    pageSelected,
    allMatching,
    count: allMatching ? total : selected.size,
    selection,
    toggle,
    togglePage,
    selectAllMatching: () => setAllMatching(true),
    clear,
  };
}

export type DeviceSelection = ReturnType<typeof useDeviceSelection>;
