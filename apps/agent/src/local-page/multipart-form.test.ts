import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isMultipartForm, readMultipartForm } from "./multipart-form.ts";

const PNG = Buffer.from("89504e470d0a1a0a0000000d494844520d0a2d2d", "hex"); // contains CRLF and "--" on purpose
const LIMITS = { maxFileBytes: 1024 * 1024, hardCapBytes: 4 * 1024 * 1024 };

// A real server reading real requests: the parser's answer comes back as JSON.
let server: http.Server;
let url = "";
beforeAll(async () => {
  server = http.createServer((request, response) => {
    readMultipartForm(request, LIMITS).then(
      (form) => {
        const body = {
          fields: [...form.fields],
          files: form.files.map((file) => [file.field, file.name, file.contentType, file.data.toString("hex")]),
          chosen: form.chosen,
          fileBytes: form.fileBytes,
          complete: form.complete,
        };
        response
          .writeHead(200, { "content-type": "application/json", ...(form.complete ? {} : { connection: "close" }) })
          .end(JSON.stringify(body));
      },
      (error: Error) =>
        response.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: error.name })),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Parsed = {
  fields: [string, string][];
  files: [string, string, string, string][];
  chosen: { name: string; bytes: number }[];
  fileBytes: number;
  complete: boolean;
  error?: string;
};
const send = async (form: FormData): Promise<Parsed> =>
  (await fetch(url, { method: "POST", body: form })).json() as Promise<Parsed>;

/** A raw body, as a hand-written client sends it. */
function sendRaw(body: string, boundary = "b"): Promise<{ status: number; body: Parsed }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: "POST", headers: { "content-type": `multipart/form-data; boundary=${boundary}` } },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Parsed }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

describe("readMultipartForm", () => {
  it("reads the fields and files a browser sends, byte for byte, and drops an empty file input", async () => {
    const form = new FormData();
    form.append("title", "Outlook <crashes> — é");
    form.append("description", "line 1\r\nline 2");
    form.append("attachments", new Blob([PNG], { type: "image/png" }), "shot.png");
    form.append("attachments", new Blob(["log"], { type: "text/plain" }), "notes\u202Etxt.exe");
    form.append("other", new Blob([]), "");
    const parsed = await send(form);
    expect(parsed.fields).toEqual([
      ["title", "Outlook <crashes> — é"],
      ["description", "line 1\r\nline 2"],
    ]);
    expect(parsed.files).toEqual([
      ["attachments", "shot.png", "image/png", PNG.toString("hex")],
      ["attachments", "notes\u202Etxt.exe", "text/plain", Buffer.from("log").toString("hex")],
    ]);
    expect(parsed).toMatchObject({ fileBytes: PNG.length + 3, complete: true });
  });

  it("keeps every text field but no file bytes when the files come to more than the limit", async () => {
    const form = new FormData();
    form.append("title", "Big logs");
    form.append("attachments", new Blob([Buffer.alloc(700 * 1024)]), "a.log");
    form.append("attachments", new Blob([Buffer.alloc(700 * 1024)]), "b.log");
    form.append("screenshot", "after-the-files");
    const parsed = await send(form);
    expect(parsed.fields).toEqual([
      ["title", "Big logs"],
      ["screenshot", "after-the-files"],
    ]);
    expect(parsed.files).toEqual([]);
    expect(parsed.chosen).toEqual([
      { name: "a.log", bytes: 700 * 1024 },
      { name: "b.log", bytes: 700 * 1024 },
    ]);
    expect(parsed).toMatchObject({ fileBytes: 1400 * 1024, complete: true });
  });

  it("stops reading at the hard cap and says so, with the fields that came before", async () => {
    const form = new FormData();
    form.append("title", "Video");
    form.append("attachments", new Blob([Buffer.alloc(6 * 1024 * 1024)]), "call.mp4");
    const parsed = await send(form).catch((error: Error) => ({ error: error.message }) as Parsed);
    expect(parsed).toMatchObject({ fields: [["title", "Video"]], files: [], complete: false });
  });

  it("strips a path from a file name (old browsers send C:\\Users\\…)", async () => {
    const { body } = await sendRaw(
      '--b\r\ncontent-disposition: form-data; name="f"; filename="C:\\\\Users\\\\a\\\\x.txt"\r\n\r\nhi\r\n--b--\r\n',
    );
    expect(body.files.map((file) => file[1])).toEqual(["x.txt"]);
  });

  it.each([
    [
      "a field over 64 KiB",
      `--b\r\ncontent-disposition: form-data; name="description"\r\n\r\n${"x".repeat(65 * 1024)}\r\n--b--\r\n`,
    ],
    ["more than 100 parts", `${'--b\r\ncontent-disposition: form-data; name="x"\r\n\r\nv\r\n'.repeat(101)}--b--\r\n`],
  ])("refuses %s", async (_, body) => {
    expect(await sendRaw(body)).toEqual({ status: 400, body: { error: "MultipartError" } });
  });

  it("knows a multipart form by its content type", () => {
    expect(isMultipartForm("multipart/form-data; boundary=abc")).toBe(true);
    expect(isMultipartForm("application/x-www-form-urlencoded")).toBe(false);
    expect(isMultipartForm(undefined)).toBe(false);
  });
});
