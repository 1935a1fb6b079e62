import { MAX_TICKET_ATTACHMENT_BYTES } from "@helpline/protocol";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { decodeAttachments } from "./attachment-content.ts";

const file = (name: string, bytes: number, contentType = "application/octet-stream") => ({
  name,
  contentType,
  dataBase64: Buffer.alloc(bytes, 7).toString("base64"),
});

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("not refused");
}

describe("decodeAttachments", () => {
  it("refuses more than 10 MiB in all with a 413 that says the limit, what came and what to do", () => {
    const half = MAX_TICKET_ATTACHMENT_BYTES / 2;
    expect(decodeAttachments([file("a.bin", half), file("b.bin", half)]).map((stored) => stored.size)).toEqual([
      half,
      half,
    ]);
    const error = refusal(() => decodeAttachments([file("a.bin", half), file("b.bin", half + 300 * 1024)]));
    expect(error).toMatchObject({ status: 413, code: "payload_too_large" });
    expect(error.message).toBe(
      "Attachments may total at most 10 MiB (this ticket carried 10.3 MiB). Attach fewer or smaller files, or share a link in the description.",
    );
  });

  it("names a file whose bytes are not the image it claims as it can be read, and keeps the name as sent", () => {
    const error = refusal(() =>
      decodeAttachments([
        { name: "photo\u202Egnp.exe", contentType: "image/png", dataBase64: Buffer.from("MZ").toString("base64") },
      ]),
    );
    expect(error.message).toBe('`attachments.0`: the file "photo_gnp.exe" is not a image/png image.');
    expect(decodeAttachments([file("invoice\u202Egpj.exe", 3)])[0]!.name).toBe("invoice\u202Egpj.exe");
  });
});
