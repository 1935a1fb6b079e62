import { MAX_TICKET_BODY_BYTES } from "@helpline/protocol";
import { describe, expect, it } from "vitest";
import { attachmentsTooLarge, contentTypeOf, MAX_ATTACHMENTS_BYTES, safeContentType } from "./ticket-attachments.ts";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

describe("ticket attachments", () => {
  it("claims an image type only when the bytes are that image, so the server never refuses the ticket for it", () => {
    expect(safeContentType("image/png", PNG)).toBe("image/png");
    expect(safeContentType("image/png", Buffer.from("#!/bin/sh"))).toBe("application/octet-stream");
    expect(safeContentType("image/tiff", Buffer.from("II*"))).toBe("application/octet-stream");
    expect(safeContentType("text/plain; charset=utf-8", Buffer.from("x"))).toBe("text/plain");
    expect(safeContentType("not a type", Buffer.from("x"))).toBe("application/octet-stream");
    expect(contentTypeOf("shot.PNG", PNG)).toBe("image/png");
    expect(contentTypeOf("notes.log", Buffer.from("x"))).toBe("text/plain");
    expect(contentTypeOf("blob", Buffer.from("x"))).toBe("application/octet-stream");
  });

  it("caps the files so that, base64 in JSON, they fit the server's body limit", () => {
    expect(Math.ceil(MAX_ATTACHMENTS_BYTES / 3) * 4).toBeLessThan(MAX_TICKET_BODY_BYTES);
    expect(attachmentsTooLarge([{ data: Buffer.alloc(MAX_ATTACHMENTS_BYTES) }])).toBeNull();
    expect(attachmentsTooLarge([{ data: Buffer.alloc(MAX_ATTACHMENTS_BYTES) }, { data: Buffer.alloc(1) }])).toMatch(
      /^The attachments are too large: .* at most \d+\.\d MiB can be sent\./,
    );
  });
});
