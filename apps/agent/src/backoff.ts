const BASE_MS = 1_000;
const CAP_MS = 60_000;

/**
 * Exponential backoff with jitter: 1 s, 2 s, 4 s … up to a minute, each spread over ±50 % so a
 * fleet that lost its server does not come back in one synchronized wave.
 */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const exponential = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential * (0.5 + random()));
}
