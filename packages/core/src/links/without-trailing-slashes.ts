/** `https://help.example.com//` → `https://help.example.com`: a base that paths are appended to. */
export function withoutTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, "");
}
