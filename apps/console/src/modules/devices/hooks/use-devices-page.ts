"use client";
import type { listDevices, TListDevicesInput } from "@helpline/core";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useLiveList } from "@/lib/use-live-list";
import { listDevicesAction } from "../actions";

/** One page of the Devices list as `listDevices` returns it: `total`, `page`, `pageSize`, `devices`. */
export type DevicesPage = Awaited<ReturnType<typeof listDevices>>;

/**
 * The page of devices for `query`, starting from the server-rendered `initial` and read again every
 * 10 s, so online status stays live. When the number of matching devices changes, the server
 * component is rendered again too (it shows counts around the list).
 */
export function useDevicesPage(query: TListDevicesInput, initial: DevicesPage) {
  const router = useRouter();
  const { data, isFetching } = useLiveList({
    key: "devices",
    input: query,
    action: listDevicesAction,
    initial,
    refreshMs: 10_000,
  });

  // A device enrolled or gone changes counts that the server-rendered page shows around the list.
  useEffect(() => {
    if (data.total !== initial.total) router.refresh();
  }, [data.total, initial.total, router]);

  return { data, isFetching };
}
