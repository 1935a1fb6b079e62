import type { SlaTargetsSnapshot } from "../sla/sla-types.ts";

/**
 * A Ticket.slaTargets snapshot for tests that set a ticket's SLA columns directly (the Tickets
 * list, the Dashboard): targets in business minutes, critical 60/240 … low 480/2400, warning 75 %.
 */
export const TEST_TARGETS_SNAPSHOT: SlaTargetsSnapshot = {
  policyId: "00000000-0000-4000-8000-000000000000",
  policyName: "Standard",
  takenAt: "2026-12-01T08:00:00.000Z",
  warningPercent: 75,
  minutes: {
    low: { firstResponse: 480, resolution: 2400 },
    medium: { firstResponse: 240, resolution: 960 },
    high: { firstResponse: 120, resolution: 480 },
    critical: { firstResponse: 60, resolution: 240 },
  },
};
