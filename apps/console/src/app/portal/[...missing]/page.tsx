import { notFound } from "next/navigation";

/**
 * Any other address under /portal: the portal's own not-found page (in the contact's language,
 * back to My tickets). Without it Next answers with the console's English page, whose way back
 * is the technician Dashboard.
 */
export default function PortalMissingPage(): never {
  notFound();
}
