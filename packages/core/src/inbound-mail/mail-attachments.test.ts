import { MAX_TICKET_ATTACHMENT_BYTES, MAX_TICKET_ATTACHMENTS } from "@helpline/protocol";
import { describe, expect, it } from "vitest";
import { PNG_BYTES } from "../testing/inbound-mail-scene.ts";
import { keepMailAttachments } from "./mail-attachments.ts";

const file = (name: string, size: number, contentType = "application/pdf") => ({
  name,
  contentType,
  data: Buffer.alloc(size, 1),
  contentId: null,
  inline: false,
});

describe("keepMailAttachments", () => {
  it("keeps everything within the agent's limits and says nothing", () => {
    const inline = { name: "shot.png", contentType: "image/png", data: PNG_BYTES, contentId: "shot@x", inline: true };
    const { kept, dropped } = keepMailAttachments([file("a.pdf", 1000), inline]);
    expect(kept.map((attachment) => [attachment.name, attachment.contentId, attachment.size])).toEqual([
      ["a.pdf", null, 1000],
      ["shot.png", "shot@x", PNG_BYTES.byteLength],
    ]);
    expect(kept[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(dropped).toBeNull();
  });

  it(`keeps the first ${MAX_TICKET_ATTACHMENTS} files and names the rest`, () => {
    const files = Array.from({ length: MAX_TICKET_ATTACHMENTS + 2 }, (_, index) =>
      file(`f${index}.txt`, 10, "text/plain"),
    );
    const { kept, dropped } = keepMailAttachments(files);
    expect(kept).toHaveLength(MAX_TICKET_ATTACHMENTS);
    expect(dropped).toBe(
      `2 attachments were not kept: f${MAX_TICKET_ATTACHMENTS}.txt (more than ${MAX_TICKET_ATTACHMENTS} files); f${MAX_TICKET_ATTACHMENTS + 1}.txt (more than ${MAX_TICKET_ATTACHMENTS} files).`,
    );
  });

  it("drops what would pass the total size, keeps a smaller file after it, and refuses a disguised image", () => {
    const big = MAX_TICKET_ATTACHMENT_BYTES - 100;
    const { kept, dropped } = keepMailAttachments([
      file("big.iso", big),
      file("too-much.zip", 200),
      file("small.txt", 50, "text/plain"),
      file("evil\u202Egnp.exe", 10, "image/png"),
    ]);
    expect(kept.map((attachment) => attachment.name)).toEqual(["big.iso", "small.txt"]);
    expect(dropped).toContain("2 attachments were not kept: too-much.zip (200 bytes, over 10 MiB in all)");
    expect(dropped).toContain("evil_gnp.exe (not a real image/png file)");
  });
});
