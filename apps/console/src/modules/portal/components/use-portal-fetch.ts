import { useTranslations } from "next-intl";
import { useCallback } from "react";

export type PortalFetchResult<T> = { ok: true; data: T } | { ok: false; message: string };

/**
 * Calls one of the portal's JSON endpoints (POST, JSON body); a refusal comes back as its human
 * sentence: the endpoint's own (already in the contact's language, localize-portal-error.ts), or
 * the portal's words for an ended session, a server that did not answer properly, or no network.
 */
export function usePortalFetch() {
  const t = useTranslations("portal.errors");
  return useCallback(
    async <T>(path: string, body: unknown): Promise<PortalFetchResult<T>> => {
      try {
        const response = await fetch(path, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        const json: unknown = await response.json().catch(() => null);
        if (response.ok) return { ok: true, data: json as T };
        const message = (json as { error?: { message?: string } } | null)?.error?.message;
        if (response.status === 401) return { ok: false, message: t("sessionEnded") };
        return { ok: false, message: message ?? t("failed") };
      } catch {
        return { ok: false, message: t("offline") };
      }
    },
    [t],
  );
}
