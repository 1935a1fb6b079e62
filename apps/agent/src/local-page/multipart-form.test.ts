import { describe, expect, it } from "vitest";
import { multipartBoundary, MultipartError, parseMultipart } from "./multipart-form.ts";

const PNG = Buffer.from("89504e470d0a1a0a0000000d494844520d0a2d2d", "hex"); // contains CRLF and "--" on purpose

async function encode(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const request = new Request("http://localhost/", { method: "POST", body: form });
  return { body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get("content-type")! };
}

describe("parseMultipart", () => {
  it("reads the fields and files a browser sends, byte for byte, and drops an empty file input", async () => {
    const form = new FormData();
    form.append("title", "Outlook <crashes> — é");
    form.append("description", "line 1\r\nline 2");
    form.append("attachments", new Blob([PNG], { type: "image/png" }), "shot.png");
    form.append("attachments", new Blob(["log"], { type: "text/plain" }), 'my "notes".txt');
    form.append("other", new Blob([]), "");
    const { body, contentType } = await encode(form);
    const boundary = multipartBoundary(contentType)!;
    const parsed = parseMultipart(body, boundary);
    expect(parsed.fields.get("title")).toBe("Outlook <crashes> — é");
    expect(parsed.fields.get("description")).toBe("line 1\r\nline 2");
    expect(parsed.files.map((file) => [file.field, file.name, file.contentType])).toEqual([
      ["attachments", "shot.png", "image/png"],
      ["attachments", "my %22notes%22.txt", "text/plain"],
    ]);
    expect(parsed.files[0]!.data.equals(PNG)).toBe(true);
  });

  it("finds the boundary, quoted or not, and only in multipart/form-data", () => {
    expect(multipartBoundary("multipart/form-data; boundary=abc")).toBe("abc");
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe("a b");
    expect(multipartBoundary("application/x-www-form-urlencoded")).toBeNull();
    expect(multipartBoundary(undefined)).toBeNull();
  });

  it.each([
    ["no boundary at all", "hello"],
    ["an unterminated part", '--b\r\ncontent-disposition: form-data; name="x"\r\n\r\nvalue'],
    ["a part without a name", "--b\r\ncontent-disposition: form-data\r\n\r\nv\r\n--b--"],
    ["a broken delimiter", "--bXX"],
  ])("refuses %s", (_, body) => {
    expect(() => parseMultipart(Buffer.from(body), "b")).toThrow(MultipartError);
  });

  it("strips a path from a file name (old browsers send C:\\Users\\…)", () => {
    const body = Buffer.from('--b\r\ncontent-disposition: form-data; name="f"; filename="C:\\\\Users\\\\a\\\\x.txt"\r\n\r\nhi\r\n--b--\r\n');
    expect(parseMultipart(body, "b").files[0]!.name).toBe("x.txt");
  });
});
