import fs from "node:fs";
import { Readable } from "node:stream";
import { errorBody } from "@helpline/protocol";
import { findAgentMsi } from "@/lib/agent-msi";
import { currentTechnician } from "@/modules/auth/session";

const NO_STORE = { "cache-control": "private, no-store", "x-content-type-options": "nosniff" };

/**
 * The Windows installer, for signed-in technicians only (the console's session cookie): streamed
 * from disk as an attachment. 401 without a session; 404 `msi_not_built` when this server has no
 * MSI (findAgentMsi), saying how to get one.
 */
export async function GET() {
  if (!(await currentTechnician()))
    return Response.json(errorBody("unauthorized", "Sign in to the console to download the agent."), {
      status: 401,
      headers: NO_STORE,
    });
  const msi = findAgentMsi();
  if (!msi)
    return Response.json(
      errorBody(
        "msi_not_built",
        "The Windows installer is not built on this server: run `npm run build:windows`, or set HELPLINE_AGENT_MSI to a helpline-agent.msi.",
      ),
      { status: 404, headers: NO_STORE },
    );
  const body = Readable.toWeb(fs.createReadStream(msi.file)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      ...NO_STORE,
      "content-type": "application/x-msi",
      "content-length": String(msi.bytes),
      "content-disposition": 'attachment; filename="helpline-agent.msi"',
    },
  });
}
