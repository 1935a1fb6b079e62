"use server";
import {
  getTestMailResult,
  makeTicketFromIgnoredMail,
  sendTestMail,
  setEmailSettings,
  ZEmailSettingsInput,
  ZInboundMailRef,
  ZTestMailResultInput,
} from "@helpline/core";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withTechnician } from "@/modules/auth/with-technician";

export const saveEmailSettingsAction = withTechnician(ZEmailSettingsInput, async ({ technician, input }) => {
  await setEmailSettings({ actor: technician, input });
  revalidatePath("/settings/email");
});

export const sendTestMailAction = withTechnician(z.object({}), async ({ technician }) => {
  const sent = await sendTestMail({ actor: technician });
  return { messageId: sent.messageId, route: sent.route };
});

export const getTestMailResultAction = withTechnician(ZTestMailResultInput, ({ technician, input }) =>
  getTestMailResult({ actor: technician, input }),
);

export const makeTicketFromIgnoredMailAction = withTechnician(ZInboundMailRef, async ({ technician, input }) => {
  const ticket = await makeTicketFromIgnoredMail({ actor: technician, input });
  revalidatePath("/settings/email");
  return ticket;
});
