import type { TechnicianActor } from "../actor.ts";
import { DomainError } from "../errors.ts";
import { applyHelpdeskAction } from "./apply-helpdesk-action.ts";
import type { TSetDeviceHelpdeskInput } from "./helpdesk-input.ts";
import { SKIP_REASON_MESSAGE } from "./helpdesk-rules.ts";

/** Manage ▸ Helpdesk Agent ▸ Activate / Deactivate on one device; a refusal says why. */
export async function setDeviceHelpdesk(options: { actor: TechnicianActor; input: TSetDeviceHelpdeskInput }) {
  const { results } = await applyHelpdeskAction({
    actor: options.actor,
    input: { action: options.input.action, selection: { kind: "devices", deviceIds: [options.input.deviceId] } },
    mode: "single",
  });
  const result = results[0];
  if (!result) throw new DomainError("not_found", "This device does not exist.", 404);
  if (result.outcome === "skipped")
    throw new DomainError("helpdesk_unavailable", SKIP_REASON_MESSAGE[result.reason!], 409);
  return result;
}
