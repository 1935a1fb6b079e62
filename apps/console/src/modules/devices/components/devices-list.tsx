"use client";
import type { TListDevicesInput } from "@helpline/core";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { HeadsetIcon } from "@/components/ui/icons";
import { useUrlFilters } from "@/lib/use-url-filters";
import { HelpdeskAgentDialog } from "@/modules/helpdesk/components/helpdesk-agent-dialog";
import { useDeviceSelection } from "../hooks/use-device-selection";
import { useDevicesPage, type DevicesPage } from "../hooks/use-devices-page";
import { DeviceFilters } from "./device-filters";
import { DeviceSelectionBanner } from "./device-selection-banner";
import { DevicesTable } from "./devices-table";

// What the server assumes when the URL leaves them out (see ZListDevicesInput), so links stay short.
const URL_DEFAULTS = { page: 1, sort: "hostname", direction: "asc" } as const;

/**
 * The devices of all customers, or of one (then `customers` is absent and the page fixes the
 * customer): filtered, sorted and paged on the server. The URL holds the filters (so a view can be
 * shared), and the rows refresh every 10 s so status stays live.
 */
export function DevicesList({
  query,
  initial,
  customers,
}: {
  query: TListDevicesInput;
  initial: DevicesPage;
  customers?: { id: string; name: string }[];
}) {
  const { data, isFetching } = useDevicesPage(query, initial);
  const filters = useUrlFilters(query, {
    reset: { page: 1 },
    defaults: URL_DEFAULTS,
    omit: customers ? [] : ["customerId"],
  });
  const { sort: _sort, direction: _direction, page: _page, ...filter } = query;
  const selection = useDeviceSelection({ pageIds: data.devices.map((device) => device.id), total: data.total, filter });
  const [bulkOpen, setBulkOpen] = useState(false);

  // A selection belongs to the view it was made in.
  const navigate: typeof filters.navigate = (changes) => {
    selection.clear();
    filters.navigate(changes);
  };

  const filtered = Boolean(
    query.search || query.os || query.status || query.helpdesk || (customers && query.customerId),
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <DeviceFilters query={query} customers={customers} onChange={navigate} />
        <Button
          variant="secondary"
          aria-label="Helpdesk Agent"
          title="Helpdesk Agent"
          disabled={selection.count === 0}
          onClick={() => setBulkOpen(true)}
        >
          <HeadsetIcon />
          {selection.count > 0 ? <span>{selection.count.toLocaleString("en")}</span> : null}
        </Button>
        <span className="ml-auto text-xs text-slate-400" aria-live="polite">
          {isFetching || filters.navigating ? "Updating…" : "Live"}
        </span>
      </div>

      <DeviceSelectionBanner selection={selection} rowsOnPage={data.devices.length} total={data.total} />
      <HelpdeskAgentDialog
        open={bulkOpen}
        onClose={() => setBulkOpen(false)}
        selection={selection.selection}
        count={selection.count}
      />
      {data.total === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
          <h2 className="font-medium text-slate-900">
            {filtered ? "No devices match these filters" : "No devices yet"}
          </h2>
          <p className="mt-1 text-sm text-slate-500">
            {filtered
              ? "Clear a filter or search for something else."
              : "Enroll the agent on a machine with its customer's install key and it appears here within seconds."}
          </p>
        </div>
      ) : (
        <DevicesTable
          data={data}
          query={query}
          showCustomer={Boolean(customers)}
          selection={selection}
          onSort={(sort, direction) => navigate({ sort, direction })}
          onPage={(page) => navigate({ page })}
        />
      )}
    </div>
  );
}
