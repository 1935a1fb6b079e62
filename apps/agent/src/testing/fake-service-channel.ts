import type { ServiceChannel, SignedInSession } from "../service-host/service-channel.ts";

/**
 * The Windows service's side of the channel, played by a test: `trayOpens`/`trayLine`/`trayCloses`
 * are what helpline-service.exe would relay from the trays, `sent` collects what the agent asked it
 * to send to each tray (conn → lines, in order).
 */
export function fakeServiceChannel() {
  const listeners = {
    sessions: [] as ((s: SignedInSession[]) => void)[],
    open: [] as ((t: { conn: number; profile: string; session: number }) => void)[],
    line: [] as ((conn: number, line: string) => void)[],
    close: [] as ((conn: number) => void)[],
    stop: [] as (() => void)[],
  };
  const sent = new Map<number, string[]>();
  const channel: ServiceChannel = {
    sessions: () => [],
    onSessions: (cb) => void listeners.sessions.push(cb),
    onTrayOpen: (cb) => void listeners.open.push(cb),
    onTrayLine: (cb) => void listeners.line.push(cb),
    onTrayClose: (cb) => void listeners.close.push(cb),
    onStop: (cb) => void listeners.stop.push(cb),
    sendToTray: (conn, line) => {
      if (/[\r\n]/.test(line)) throw new Error("a tray line cannot hold a line break");
      sent.set(conn, [...(sent.get(conn) ?? []), line]);
    },
    closeTray: () => {},
  };
  return {
    channel,
    sent: (conn: number) => sent.get(conn) ?? [],
    trayOpens: (conn: number, profile: string, session = 1) =>
      listeners.open.forEach((cb) => cb({ conn, profile, session })),
    trayLine: (conn: number, line: string) => listeners.line.forEach((cb) => cb(conn, line)),
    trayCloses: (conn: number) => listeners.close.forEach((cb) => cb(conn)),
  };
}
