/** Calls one of the portal's JSON endpoints; a refusal comes back as its human sentence. */
export async function portalFetch<T>(
  path: string,
  body: unknown,
): Promise<{ ok: true; data: T } | { ok: false; message: string }> {
  try {
    const response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json: unknown = await response.json().catch(() => null);
    if (response.ok) return { ok: true, data: json as T };
    const message = (json as { error?: { message?: string } } | null)?.error?.message;
    if (response.status === 401) return { ok: false, message: "Your session has ended. Sign in again." };
    return { ok: false, message: message ?? "That did not work. Try again in a moment." };
  } catch {
    return { ok: false, message: "Cannot reach the server. Check your connection and try again." };
  }
}
