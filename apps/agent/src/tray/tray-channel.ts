import type { AgentClient } from "../agent-client.ts";
import type { EndUserSurfaces } from "../end-user/end-user-surfaces.ts";
import type { ReplyNotifications } from "../end-user/reply-notifications.ts";
import type { ServiceChannel } from "../service-host/service-channel.ts";
import { DEFAULT_LOCALE, getTranslator, localeFromTag, type Locale } from "@helpline/i18n";
import { isSurfaceAction, trayMenu } from "./tray-menu.ts";

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type TrayChannelOptions = {
  channel: ServiceChannel;
  surfaces: EndUserSurfaces;
  notifications: ReplyNotifications;
  /** For a click on a reply notification (a one-time Customer Portal link); null: My tickets instead. */
  client: AgentClient | null;
  /** The tray's tooltip: the MSP's name from the last check-in (`mspName`); absent: "Helpline Helpdesk" (in the tray's language). */
  tooltip?: () => string | undefined;
  log: (line: string) => void;
};

export type TrayConnections = {
  /** The profiles (DOMAIN\user, as Windows vouched) with a tray connected now. */
  profiles: () => string[];
  /** Sends each tray its state and its profile's undelivered notifications (after a check-in). */
  refresh: () => void;
};

// A tray line is one field per tab; a text from the server must not add fields or end the line.
const oneField = (text: string) => text.replace(/[\t\r\n]+/g, " ").trim();

/** The tray's PNG (base64, as helpline-tray.exe sends it), or null when it is not a PNG. */
export function decodeScreenshot(base64: string | undefined): Buffer | null {
  if (!base64) return null;
  const png = Buffer.from(base64, "base64");
  return png.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC) ? png : null;
}

/**
 * The agent's side of the Windows trays (README, "Tray"), over the service's channel. Each tray
 * connection belongs to the profile Windows vouched for (tray-open), and only ever gets links to
 * that profile's own local page: a tray of user B cannot open A's Add Ticket, My tickets or
 * settings. Everything a tray shows is in its user's language: the page's (surfaces.languageFor),
 * else the display language the tray said (`locale\t<tag>`), else English; the menu is sent again
 * when that language changes. A tray gets the menu labels, then `state\t<1|0>\t<tooltip>` whenever its profile's
 * helpdesk turns on or off, `open\t<url>` for what it asked (`action\t<action>[\t<base64 PNG>]`),
 * and `notify\t<id>\t<title>\t<text>` for its profile's replies (acknowledged once sent); a click
 * (`notification-click\t<id>`) opens that ticket in the Customer Portal, signed in.
 */
export function connectTrays(options: TrayChannelOptions): TrayConnections {
  const { channel, surfaces, notifications, log } = options;
  // `detected`: the display language the tray said (BCP 47); `menu`: the language its menu was sent in.
  type Tray = { profile: string; state: string | null; detected: string | null; menu: Locale | null };
  const trays = new Map<number, Tray>();
  const languageOf = (tray: Tray): Locale =>
    surfaces.languageFor(tray.profile, tray.detected) ?? localeFromTag(tray.detected) ?? DEFAULT_LOCALE;
  const tooltip = (locale: Locale) => {
    const fallback = getTranslator(locale, "tray")("tooltip");
    return oneField(options.tooltip?.() ?? fallback) || fallback;
  };

  const send = (conn: number, line: string) => {
    try {
      channel.sendToTray(conn, line);
    } catch (error) {
      log(`Tray ${conn}: not sent (${(error as Error).message})`);
    }
  };

  const sendState = (conn: number) => {
    const tray = trays.get(conn);
    if (!tray) return;
    const locale = languageOf(tray);
    if (tray.menu !== locale) {
      tray.menu = locale;
      for (const item of trayMenu(locale)) send(conn, `menu\t${item.action}\t${item.label}`);
    }
    const state = `state\t${surfaces.helpdeskFor(tray.profile)?.active ? 1 : 0}\t${tooltip(locale)}`;
    if (state === tray.state) return;
    tray.state = state;
    send(conn, state);
  };

  const deliver = () => {
    for (const [conn, tray] of trays) {
      if (!surfaces.helpdeskFor(tray.profile)?.active) continue;
      for (const reply of notifications.undelivered(tray.profile)) {
        const t = getTranslator(languageOf(tray), "tray");
        const title = oneField(t("newReply", { number: reply.ticketNumber, from: reply.from }));
        send(conn, `notify\t${oneField(reply.id)}\t${title}\t${oneField(reply.title)}`);
        notifications.delivered(reply.id);
        log(`Reply notification ${reply.id} (ticket #${reply.ticketNumber}) sent to the tray of ${tray.profile}.`);
      }
    }
  };

  const open = (conn: number, url: string | null, what: string) => {
    if (url) send(conn, `open\t${url}`);
    else log(`Tray ${conn}: ${what} not opened (the helpdesk is not active for its profile).`);
  };

  const openReply = async (conn: number, profile: string, id: string) => {
    const reply = notifications.find(id);
    // A tray can only open its own profile's replies, whatever id it sends.
    if (!reply || reply.profile.toLowerCase() !== profile.toLowerCase()) {
      log(`Tray ${conn}: no reply notification ${id} for ${profile}.`);
      return;
    }
    const confirmed = surfaces.helpdeskFor(profile)?.identity?.confirmed === true;
    if (options.client && confirmed) {
      try {
        const { url } = await options.client.portalLink(profile);
        send(conn, `open\t${url}?next=${encodeURIComponent(`/portal/tickets/${reply.ticketNumber}`)}`);
        return;
      } catch (error) {
        log(`Portal link for ${profile} refused (${(error as Error).message}): opening My tickets.`);
      }
    }
    open(conn, await surfaces.linkFor(profile, "my-tickets"), "My tickets");
  };

  const handle = async (conn: number, line: string) => {
    const tray = trays.get(conn);
    if (!tray) return;
    const [kind, value, extra] = line.split("\t");
    if (kind === "action" && value && isSurfaceAction(value)) {
      const screenshot = value === "add-ticket" ? decodeScreenshot(extra) : null;
      open(conn, await surfaces.linkFor(tray.profile, value, screenshot), value);
    } else if (kind === "notification-click" && value) {
      await openReply(conn, tray.profile, value);
    } else if (kind === "locale") {
      // Its user's display language (helpline-tray.c, right after hello): the menu follows it.
      tray.detected = value ?? null;
      sendState(conn);
    } else {
      log(`Tray ${conn}: ignored a line (${line.slice(0, 40)})`);
    }
  };

  channel.onTrayOpen(({ conn, profile }) => {
    trays.set(conn, { profile, state: null, detected: null, menu: null });
    sendState(conn);
    deliver();
  });
  channel.onTrayClose((conn) => trays.delete(conn));
  channel.onTrayLine(
    (conn, line) => void handle(conn, line).catch((error: Error) => log(`Tray ${conn}: ${error.message}`)),
  );

  return {
    profiles: () => [...new Set([...trays.values()].map((tray) => tray.profile))],
    refresh: () => {
      for (const conn of trays.keys()) sendState(conn);
      deliver();
    },
  };
}
