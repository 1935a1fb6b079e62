/**
 * A refusal that the caller can show as is: a stable snake_case code for programs and a sentence
 * for people. Entry points turn it into a 4xx with the JSON error shape.
 */
export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 = 400,
  ) {
    super(message);
  }
}
