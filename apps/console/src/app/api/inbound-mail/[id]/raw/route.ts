import { errorResponse, getInboundMailRaw, ZInboundMailRef } from "@helpline/core";
import { errorBody } from "@helpline/protocol";
import { ATTACHMENT_SAFE_HEADERS, contentDisposition } from "@/lib/attachment-response";
import { currentTechnician } from "@/modules/auth/session";

function json(status: number, code: string, message: string): Response {
  return Response.json(errorBody(code, message), { status, headers: ATTACHMENT_SAFE_HEADERS });
}

/**
 * Download original: an inbound mail's raw message as a `.eml` file (message/rfc822), for
 * signed-in technicians only; always a download, never rendered on our origin. 404 in the JSON
 * error shape for an unknown mail or one whose original was not kept.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const technician = await currentTechnician();
  if (!technician) return json(401, "unauthorized", "Sign in to the console to download mail.");
  const ref = ZInboundMailRef.safeParse({ inboundMailId: (await params).id });
  if (!ref.success) return json(404, "not_found", "This mail does not exist.");
  try {
    const mail = await getInboundMailRaw({ actor: technician, input: ref.data });
    return new Response(new Uint8Array(mail.data), {
      headers: {
        ...ATTACHMENT_SAFE_HEADERS,
        "content-type": mail.contentType,
        "content-disposition": contentDisposition("attachment", mail.fileName),
        "content-length": String(mail.data.byteLength),
      },
    });
  } catch (error) {
    const answer = errorResponse(error);
    if (answer.unexpected) throw error;
    return Response.json(answer.body, { status: answer.status, headers: ATTACHMENT_SAFE_HEADERS });
  }
}
