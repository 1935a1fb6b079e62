import { getPrisma } from "@helpline/db";

/** Who a ticket can be assigned to: every technician who can sign in (any technician may assign). */
export async function listTicketAssignees() {
  return getPrisma().technician.findMany({
    where: { disabled: false },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
