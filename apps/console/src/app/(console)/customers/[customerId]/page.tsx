import {
  getCustomer,
  getCustomerSlaPolicy,
  getMspLanguage,
  listContacts,
  listDevices,
  listSlaCalendars,
  listSlaPolicies,
  ZCustomerRef,
  ZListDevicesInput,
} from "@helpline/core";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { findAgentMsi } from "@/lib/agent-msi";
import { publicUrl } from "@/lib/public-url";
import { requireTechnician } from "@/modules/auth/session";
import { ContactsTable } from "@/modules/contacts/components/contacts-table";
import { CustomerLanguageForm } from "@/modules/customers/components/customer-language-form";
import { InstallKeyPanel } from "@/modules/customers/components/install-key-panel";
import { WindowsInstallPanel } from "@/modules/customers/components/windows-install-panel";
import { DevicesList } from "@/modules/devices/components/devices-list";
import { HelpdeskPolicyToggle } from "@/modules/helpdesk/components/helpdesk-policy-toggle";
import { CustomerSlaForm } from "@/modules/sla-settings/components/customer-sla-form";

type Props = { params: Promise<{ customerId: string }>; searchParams: Promise<Record<string, string>> };

export const metadata: Metadata = { title: "Customer" };

export default async function CustomerPage({ params, searchParams }: Props) {
  const technician = await requireTechnician();
  const ref = ZCustomerRef.safeParse(await params);
  const customer = ref.success ? await getCustomer({ input: ref.data }) : null;
  if (!customer) notFound();
  const search = await searchParams;
  const tab = search.tab === "contacts" || search.tab === "sla" ? search.tab : "devices";
  const query = ZListDevicesInput.catch(ZListDevicesInput.parse({})).parse({ ...search, customerId: customer.id });
  const [mspLanguage, devices, contacts, sla] = await Promise.all([
    getMspLanguage(),
    tab === "devices" ? listDevices({ input: { ...query, customerId: customer.id } }) : null,
    tab === "contacts" ? listContacts({ input: { customerId: customer.id } }) : null,
    tab === "sla"
      ? Promise.all([
          getCustomerSlaPolicy({ input: { customerId: customer.id } }),
          listSlaPolicies(),
          listSlaCalendars(),
        ])
      : null,
  ]);
  const serverUrl = await publicUrl();
  const msi = findAgentMsi();
  const tabClass = (current: boolean) =>
    `-mb-px border-b-2 pb-2 font-medium ${current ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-500 hover:text-slate-800"}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/customers" className="hover:underline">
          Customers
        </Link>{" "}
        / {customer.name}
      </nav>
      <div className="mb-6 flex items-end justify-between gap-6">
        <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-words">{customer.name}</h1>
        <dl className="flex shrink-0 gap-6 text-sm">
          <div>
            <dt className="text-slate-500">Devices</dt>
            <dd className="text-lg font-semibold">{customer.deviceCount.toLocaleString("en")}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Contacts</dt>
            <dd className="text-lg font-semibold">{customer.contactCount.toLocaleString("en")}</dd>
          </div>
        </dl>
      </div>
      <div className="mb-8 space-y-4">
        <InstallKeyPanel
          customerId={customer.id}
          customerName={customer.name}
          installKey={customer.installKey}
          serverUrl={serverUrl}
          canRotate={technician.role === "admin"}
        />
        <WindowsInstallPanel
          serverUrl={serverUrl}
          installKey={customer.installKey}
          msi={msi && { version: msi.version, productCode: msi.productCode, bytes: msi.bytes }}
        />
        <HelpdeskPolicyToggle customerId={customer.id} enabled={customer.autoActivateHelpdesk} />
        <CustomerLanguageForm
          customerId={customer.id}
          language={customer.language}
          mspLanguage={mspLanguage}
          canEdit={technician.role === "admin"}
        />
      </div>
      <nav aria-label="Customer sections" className="mb-3 flex gap-6 border-b border-slate-200 text-sm">
        <Link
          href={`/customers/${customer.id}`}
          aria-current={tab === "devices" ? "page" : undefined}
          className={tabClass(tab === "devices")}
        >
          Devices
        </Link>
        <Link
          href={`/customers/${customer.id}?tab=contacts`}
          aria-current={tab === "contacts" ? "page" : undefined}
          className={tabClass(tab === "contacts")}
        >
          Contacts
        </Link>
        <Link
          href={`/customers/${customer.id}?tab=sla`}
          aria-current={tab === "sla" ? "page" : undefined}
          className={tabClass(tab === "sla")}
        >
          SLA
        </Link>
      </nav>
      {devices ? (
        <>
          <nav aria-label="Device views" className="mb-4 flex gap-2 text-sm">
            <span aria-current="page" className="rounded-full bg-indigo-50 px-3 py-1 font-medium text-indigo-700">
              All
            </span>
          </nav>
          <DevicesList query={query} initial={devices} />
        </>
      ) : null}
      {contacts ? (
        <ContactsTable
          contacts={contacts}
          defaultLanguage={
            customer.language
              ? { language: customer.language, from: "customer" }
              : { language: mspLanguage, from: "MSP" }
          }
        />
      ) : null}
      {sla ? (
        <CustomerSlaForm
          customerId={customer.id}
          ownPolicyId={sla[0].ownPolicyId}
          policies={sla[1]}
          calendars={sla[2]}
          canEdit={technician.role === "admin"}
        />
      ) : null}
    </>
  );
}
