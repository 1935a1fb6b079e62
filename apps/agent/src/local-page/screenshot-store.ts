import { randomBytes } from "node:crypto";

// A few forms may be open at once; older screenshots are dropped so an agent left running for
// weeks does not hoard screen images in memory.
const KEEP = 4;

/** Screenshots taken for open Add Ticket forms, in memory only (never on disk unless submitted). */
export class ScreenshotStore {
  private readonly shots = new Map<string, Buffer>();

  add(png: Buffer): string {
    const id = randomBytes(16).toString("base64url");
    this.shots.set(id, png);
    for (const oldest of this.shots.keys()) {
      if (this.shots.size <= KEEP) break;
      this.shots.delete(oldest);
    }
    return id;
  }

  get(id: string | null | undefined): Buffer | null {
    return (id && this.shots.get(id)) || null;
  }
}
