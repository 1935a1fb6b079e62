import { getInboundMailRaw, ZInboundMailRef } from "@helpline/core";
import { errorBody } from "@helpline/protocol";
import { ATTACHMENT_SAFE_HEADERS, contentDisposition } from "@/lib/attachment-response";
import { currentTechnician } from "@/modules/auth/session";

function json(status: number, code: string, message: string): Response {
  return Response.json(errorBody(code, message), { status, headers: ATTACHMENT_SAFE_HEADERS });
}

/**
 * Download original: an inbound mail's raw message as a `.eml` file (message/rfc822), for
 * signed-in technicians only; always a download, never rendered on our origin.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!(await currentTechnician())) return json(401, "unauthorized", "Sign in to the console to download mail.");
  const ref = ZInboundMailRef.safeParse({ inboundMailId: (await params).id });
  const mail = ref.success ? await getInboundMailRaw({ input: ref.data }) : null;
  if (!mail) return json(404, "not_found", "This mail does not exist or its original was not kept.");
  return new Response(mail.raw, {
    headers: {
      ...ATTACHMENT_SAFE_HEADERS,
      "content-type": "message/rfc822",
      "content-disposition": contentDisposition("attachment", mail.fileName),
      "content-length": String(mail.raw.byteLength),
    },
  });
}
