// No imports: next.config.ts reads this too.

/**
 * The host (with port) of HELPLINE_PUBLIC_URL, as Next's `serverActions.allowedOrigins` takes it:
 * `[]` when the variable is unset or not a URL.
 */
export function publicHostOf(publicUrl: string | undefined): string[] {
  return publicUrl && URL.canParse(publicUrl) ? [new URL(publicUrl).host] : [];
}
