import { getTicketAttachment, ZTicketAttachmentRef } from "@helpline/core";
import { errorBody } from "@helpline/protocol";
import { ATTACHMENT_SAFE_HEADERS, attachmentResponse } from "@/lib/attachment-response";
import { currentTechnician } from "@/modules/auth/session";

function json(status: number, code: string, message: string): Response {
  return Response.json(errorBody(code, message), { status, headers: ATTACHMENT_SAFE_HEADERS });
}

/** A ticket attachment, for signed-in technicians: a download, or inline for a previewable image. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ ticketId: string; attachmentId: string }> },
) {
  if (!(await currentTechnician())) return json(401, "unauthorized", "Sign in to the console to download attachments.");
  const ref = ZTicketAttachmentRef.safeParse(await params);
  const attachment = ref.success ? await getTicketAttachment({ input: ref.data }) : null;
  if (!attachment) return json(404, "not_found", "This attachment does not exist.");
  return attachmentResponse(attachment);
}
