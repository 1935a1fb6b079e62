import { listCustomers, listDevices, ZListDevicesInput } from "@helpline/core";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireTechnician } from "@/modules/auth/session";
import { DevicesList } from "@/modules/devices/components/devices-list";

export const metadata: Metadata = { title: "Devices" };

export default async function DevicesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requireTechnician();
  const query = ZListDevicesInput.catch(ZListDevicesInput.parse({})).parse(await searchParams);
  const [devices, customers] = await Promise.all([
    listDevices({ input: query }),
    listCustomers({ input: { search: "" } }),
  ]);
  return (
    <>
      <PageHeader title="Devices" description="Every device running the Helpline agent, across all customers." />
      <DevicesList query={query} initial={devices} customers={customers.map(({ id, name }) => ({ id, name }))} />
    </>
  );
}
