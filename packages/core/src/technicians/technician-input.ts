import { STORABLE_TEXT } from "@helpline/protocol";
import { z } from "zod";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email is too long.")
  .pipe(z.email("Enter a valid email address."));

const ZNewPassword = z.string().min(12, "Use at least 12 characters.").max(200, "Use at most 200 characters.");

const ZTechnicianRole = z.enum(["admin", "technician"]);

export const ZCreateTechnicianInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter a name.")
    .max(120, "Use at most 120 characters.")
    .regex(STORABLE_TEXT, "Use printable characters."),
  email: ZEmail,
  password: ZNewPassword,
  role: ZTechnicianRole,
});
export type TCreateTechnicianInput = z.infer<typeof ZCreateTechnicianInput>;

export const ZSetTechnicianDisabledInput = z.object({
  technicianId: z.uuid("Unknown technician."),
  disabled: z.boolean(),
});
export type TSetTechnicianDisabledInput = z.infer<typeof ZSetTechnicianDisabledInput>;
