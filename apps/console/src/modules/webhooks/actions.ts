"use server";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  resendWebhookDelivery,
  revealWebhookSecret,
  rotateWebhookSecret,
  sendTestWebhookEvent,
  updateWebhookEndpoint,
  ZCreateWebhookEndpointInput,
  ZUpdateWebhookEndpointInput,
  ZWebhookDeliveryRef,
  ZWebhookEndpointRef,
} from "@helpline/core";
import { revalidatePath } from "next/cache";
import { withTechnician } from "@/modules/auth/with-technician";

const LIST = "/settings/webhooks";
const page = (endpointId: string) => `${LIST}/${endpointId}`;

/** Add endpoint: its id and the signing secret, shown once in the dialog. */
export const createWebhookEndpointAction = withTechnician(
  ZCreateWebhookEndpointInput,
  async ({ technician, input }) => {
    const { endpoint, secret } = await createWebhookEndpoint({ actor: technician, input });
    revalidatePath(LIST);
    return { id: endpoint.id, secret };
  },
);

export const updateWebhookEndpointAction = withTechnician(
  ZUpdateWebhookEndpointInput,
  async ({ technician, input }) => {
    const endpoint = await updateWebhookEndpoint({ actor: technician, input });
    revalidatePath(LIST);
    revalidatePath(page(input.endpointId));
    return { url: endpoint.url, enabled: endpoint.enabled };
  },
);

export const deleteWebhookEndpointAction = withTechnician(ZWebhookEndpointRef, async ({ technician, input }) => {
  await deleteWebhookEndpoint({ actor: technician, input });
  revalidatePath(LIST);
});

export const revealWebhookSecretAction = withTechnician(ZWebhookEndpointRef, ({ technician, input }) =>
  revealWebhookSecret({ actor: technician, input }),
);

export const rotateWebhookSecretAction = withTechnician(ZWebhookEndpointRef, ({ technician, input }) =>
  rotateWebhookSecret({ actor: technician, input }),
);

export const sendTestWebhookEventAction = withTechnician(ZWebhookEndpointRef, async ({ technician, input }) => {
  const sent = await sendTestWebhookEvent({ actor: technician, input });
  revalidatePath(page(input.endpointId));
  return sent;
});

export const resendWebhookDeliveryAction = withTechnician(ZWebhookDeliveryRef, async ({ technician, input }) => {
  await resendWebhookDelivery({ actor: technician, input });
  revalidatePath(page(input.endpointId));
});
