import {
  DomainError,
  getWebhookEndpoint,
  listWebhookDeliveries,
  ZListWebhookDeliveriesInput,
  ZWebhookEndpointRef,
} from "@helpline/core";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdminPage } from "@/modules/auth/session";
import { SettingsTabs } from "@/modules/shell/components/settings-tabs";
import { DeleteEndpointButton } from "@/modules/webhooks/components/delete-endpoint-button";
import { DeliveryLog } from "@/modules/webhooks/components/delivery-log";
import { EnabledSwitch } from "@/modules/webhooks/components/enabled-switch";
import { EndpointEditor } from "@/modules/webhooks/components/endpoint-editor";
import { EndpointStatus } from "@/modules/webhooks/components/endpoint-status";
import { SendTestButton } from "@/modules/webhooks/components/send-test-button";
import { SigningSecretPanel } from "@/modules/webhooks/components/signing-secret-panel";

type Props = { params: Promise<{ endpointId: string }>; searchParams: Promise<{ cursor?: string }> };

export const metadata: Metadata = { title: "Webhook endpoint" };

const missing = (error: unknown) => {
  if (error instanceof DomainError && error.status === 404) notFound();
  throw error;
};

export default async function WebhookEndpointPage({ params, searchParams }: Props) {
  const admin = await requireAdminPage();
  const ref = ZWebhookEndpointRef.safeParse(await params);
  if (!ref.success) notFound();
  const endpoint = await getWebhookEndpoint({ actor: admin, input: ref.data }).catch(missing);
  // A cursor that is not ours (edited, stale) shows the newest page rather than an error page.
  const query = ZListWebhookDeliveriesInput.safeParse({ ...ref.data, cursor: (await searchParams).cursor });
  const input = query.success ? query.data : ZListWebhookDeliveriesInput.parse(ref.data);
  const log = await listWebhookDeliveries({ actor: admin, input }).catch((error: unknown) =>
    error instanceof DomainError && error.code === "invalid_cursor"
      ? listWebhookDeliveries({ actor: admin, input: ZListWebhookDeliveriesInput.parse(ref.data) })
      : missing(error),
  );
  return (
    <>
      <PageHeader
        title="Settings"
        description="URLs Helpline calls, signed, when tickets, contacts, devices or the helpdesk change."
        actions={
          <div className="flex gap-2">
            <SendTestButton endpointId={endpoint.id} disabled={!endpoint.enabled} />
            <DeleteEndpointButton endpointId={endpoint.id} url={endpoint.url} />
          </div>
        }
      />
      <SettingsTabs isAdmin />
      <nav aria-label="Breadcrumb" className="mb-4 text-sm break-all text-slate-500">
        <Link href="/settings/webhooks" className="hover:underline">
          Webhooks
        </Link>{" "}
        / {endpoint.url}
      </nav>
      <div className="mb-8 grid items-start gap-6 lg:grid-cols-[1fr_22rem]">
        <EndpointEditor endpoint={endpoint} />
        <div className="space-y-5 rounded-xl border border-slate-200 bg-white p-5">
          <EnabledSwitch key={String(endpoint.enabled)} endpointId={endpoint.id} enabled={endpoint.enabled} />
          <div className="space-y-1">
            <p className="text-sm font-medium text-slate-700">Status</p>
            <EndpointStatus
              state={endpoint.state}
              failingSince={endpoint.failingSince}
              disabledReason={endpoint.disabledReason}
            />
          </div>
          <SigningSecretPanel endpointId={endpoint.id} />
        </div>
      </div>
      <h2 className="mb-3 text-base font-semibold">Delivery log</h2>
      <DeliveryLog
        endpointId={endpoint.id}
        deliveries={log.deliveries}
        nextCursor={log.nextCursor}
        isFirstPage={!input.cursor}
      />
    </>
  );
}
