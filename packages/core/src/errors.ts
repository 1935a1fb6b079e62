/** The statuses a refusal may carry: the caller's fault (4xx), never the server's. */
export type DomainErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429;

/**
 * A refusal that the caller can show as is: a stable snake_case code for programs, a sentence for
 * people, the HTTP status it answers with, and, for a throttle (429), how many seconds to wait
 * (sent as `retry-after`). `params` are the values the sentence names (minutes to wait, tries
 * left), so an entry point can write it again in an end user's language from a catalog. `fields` ties the refusal to what the caller typed (field path → message,
 * as a form's zod issues are: `name`, `weeklyHours.3.end`), e.g. a name already taken. Entry points
 * turn it into the JSON error shape through `errorResponse`.
 */
export class DomainError extends Error {
  override name = "DomainError";
  readonly retryAfterSeconds: number | undefined;
  readonly fields: Record<string, string> | undefined;
  readonly params: Record<string, string | number> | undefined;
  constructor(
    readonly code: string,
    message: string,
    readonly status: DomainErrorStatus = 400,
    options: {
      retryAfterSeconds?: number;
      fields?: Record<string, string>;
      params?: Record<string, string | number>;
    } = {},
  ) {
    super(message);
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.fields = options.fields;
    this.params = options.params;
  }
}
