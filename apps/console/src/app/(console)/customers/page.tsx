import { listCustomers, ZListCustomersInput } from "@helpline/core";
import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { CustomersIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { DateTime } from "@/components/ui/zoned-time";
import { requireTechnician } from "@/modules/auth/session";
import { NewCustomerButton } from "@/modules/customers/components/new-customer-button";
import { Table } from "@/components/ui/table";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requireTechnician();
  const input = ZListCustomersInput.catch({ search: "" }).parse({ search: (await searchParams).q });
  const customers = await listCustomers({ input });
  return (
    <>
      <PageHeader title="Customers" description="The companies you support." actions={<NewCustomerButton />} />
      <form role="search" className="mb-4 flex gap-2">
        <input
          name="q"
          type="search"
          aria-label="Search customers"
          placeholder="Customer name"
          defaultValue={input.search}
          className="w-72 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {customers.length === 0 ? (
        <EmptyState
          title={input.search ? "No customer matches this search" : "No customers yet"}
          icon={<CustomersIcon />}
        >
          {input.search
            ? "Try another name."
            : "Customers are the companies you support. Each one gets an install key that enrolls its devices. Start with New customer."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <Table columns={["Name", "Devices", "Created"]}>
            {customers.map((customer) => (
              <tr key={customer.id} className="hover:bg-slate-50">
                <td className="px-4 py-3 font-medium">
                  <Link href={`/customers/${customer.id}`} className="text-indigo-700 hover:underline">
                    {customer.name}
                  </Link>
                </td>
                <td className="px-4 py-3">{customer.deviceCount.toLocaleString("en")}</td>
                <td className="px-4 py-3 text-slate-500">
                  <DateTime at={customer.createdAt} />
                </td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </>
  );
}
