import { DEFAULT_LOCALE, isLocale, localeFromTag, type Locale } from "@helpline/i18n";
import type { TCheckinResponse, THelpdeskState, TProfileRef } from "@helpline/protocol";
import type { AgentClient } from "../agent-client.ts";
import { startLocalPage, type LocalPage } from "../local-page/local-page-server.ts";
import type { HomeReplies, LocalPageActions, LocalPageView } from "../local-page/local-page-types.ts";
import type { Inventory } from "../system/inventory.ts";
import type { CaptureScreen } from "../system/screenshot.ts";
import type { TicketOutbox } from "../tickets/ticket-outbox.ts";
import { pageForAction, type SurfaceAction } from "../tray/tray-menu.ts";
import { localPageActions } from "./local-page-actions.ts";
import type { ReplyNotifications } from "./reply-notifications.ts";

export type EndUserSurfacesOptions = {
  log: (line: string) => void;
  client?: AgentClient | null;
  /** Where tickets go (saved, then sent); without it the page has no ticket forms. */
  outbox?: TicketOutbox | null;
  captureScreen?: CaptureScreen;
  /**
   * Given where no tray shows replies (Linux, macOS): each page's Home lists its profile's replies
   * not delivered yet, and they count as delivered (acknowledged) once shown.
   */
  replies?: ReplyNotifications;
};

/**
 * One profile's page: who it is for, the helpdesk state the last check-in gave, its server, and
 * what its user picked under Language (null: Automatic).
 */
type ProfileSurface = { view: LocalPageView; page: LocalPage | null; chosen: Locale | null };

/**
 * The language a profile's page and tray speak: the person's own pick on this page while the
 * server cannot keep it (not confirmed yet); else the language the server decided
 * (`helpdesk.language`); else the display language the agent detected for that user (`detected`,
 * BCP 47); else English.
 */
export function pageLocale(options: {
  helpdesk: THelpdeskState;
  chosen: Locale | null;
  detected: string | null | undefined;
}): Locale {
  const { helpdesk, chosen } = options;
  if (chosen && !helpdesk.identity?.confirmed) return chosen;
  if (isLocale(helpdesk.language)) return helpdesk.language;
  return localeFromTag(options.detected) ?? DEFAULT_LOCALE;
}

/** The display language the inventory knows for `profile`'s user (its `profiles` entry, else the current user's). */
function detectedFor(inventory: Inventory | null, profile: TProfileRef | null): string | null {
  if (!inventory) return null;
  const key = keyOf(profile);
  const listed = inventory.profiles?.find((entry) => entry.name.toLowerCase() === key)?.locale;
  if (listed) return listed;
  return keyOf(inventory.currentProfile) === key ? (inventory.locale ?? null) : null;
}

/** A profile with an active helpdesk, as one check-in's answer says. */
export type ActiveProfile = { profile: TProfileRef | null; helpdesk: THelpdeskState };

// Windows compares DOMAIN\user case-insensitively; so do the keys of the surfaces.
const keyOf = (profile: TProfileRef | null) => (profile?.name ?? "").toLowerCase();

/**
 * The profiles whose helpdesk is active after one check-in. The answer's `profiles` (one state per
 * signed-in profile the request listed) decides when present; the current profile falls back on
 * `helpdesk` when that list does not name it, and every other profile counts as inactive. Without
 * `profiles` (an older server, or no service to list sessions) only the current profile — or the
 * nobody-signed-in page, as before per-profile pages — follows `helpdesk`.
 */
export function activeProfiles(response: TCheckinResponse, inventory: Inventory): ActiveProfile[] {
  const listed = new Map((response.profiles ?? []).map((entry) => [entry.name.toLowerCase(), entry]));
  const refs = new Map(
    [...(inventory.profiles ?? []), ...(inventory.currentProfile ? [inventory.currentProfile] : [])].map((ref) => [
      ref.name.toLowerCase(),
      { name: ref.name, displayName: ref.displayName ?? null },
    ]),
  );
  const active: ActiveProfile[] = [];
  for (const [key, entry] of listed)
    if (entry.helpdesk.active)
      active.push({ profile: refs.get(key) ?? { name: entry.name }, helpdesk: entry.helpdesk });
  const current = inventory.currentProfile;
  if (!listed.has(keyOf(current)) && response.helpdesk.active)
    active.push({ profile: current ? refs.get(keyOf(current))! : null, helpdesk: response.helpdesk });
  return active;
}

/**
 * What the signed-in users see of the helpdesk: one local page per profile whose helpdesk is
 * active (its own port and secret, so one user's tray is only ever given that user's links),
 * started and stopped as check-ins change the state, without a restart. What the pages' forms do
 * is in local-page-actions.ts; the Windows tray reaches the pages through tray-channel.ts.
 */
export class EndUserSurfaces {
  private readonly surfaces = new Map<string, ProfileSurface>();
  private currentKey = "";
  private following: Promise<void> = Promise.resolve();
  private inventory: Inventory | null = null;
  private readonly changeListeners: (() => void)[] = [];

  constructor(private readonly options: EndUserSurfacesOptions) {}

  private actions(surface: ProfileSurface): LocalPageActions | undefined {
    const { client, outbox } = this.options;
    if (!client || !outbox) return undefined;
    return localPageActions({
      client,
      outbox,
      profile: () => surface.view.profile?.name ?? "",
      inventory: () => this.inventory!,
      locale: () => surface.view.locale ?? DEFAULT_LOCALE,
      confirmed: () => surface.view.helpdesk.identity?.confirmed === true,
      chosen: () => surface.chosen,
      onConfirmed: (identity) => {
        this.show(surface, { ...surface.view.helpdesk, identity });
      },
      onLanguage: (chosen, inForce) => {
        surface.chosen = chosen;
        this.show(surface, inForce ? { ...surface.view.helpdesk, language: inForce } : surface.view.helpdesk);
        for (const listener of this.changeListeners) listener();
      },
    });
  }

  /** Gives `surface` this helpdesk state, in the language that follows from it, and shows it. */
  private show(surface: ProfileSurface, helpdesk: THelpdeskState, profile = surface.view.profile): void {
    const locale = pageLocale({
      helpdesk,
      chosen: surface.chosen,
      detected: detectedFor(this.inventory, profile),
    });
    surface.view = { profile, helpdesk, locale, chosenLanguage: surface.chosen };
    surface.page?.update(surface.view);
  }

  private homeReplies(surface: ProfileSurface): HomeReplies | undefined {
    const replies = this.options.replies;
    if (!replies) return undefined;
    return {
      list: () => (surface.view.profile ? replies.undelivered(surface.view.profile.name) : []),
      shown: (ids) => ids.forEach((id) => replies.delivered(id)),
    };
  }

  /** Calls `listener` after each check-in was followed (pages started, stopped or updated). */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  /** Follows one check-in's answer: starts, stops or updates each profile's page. */
  follow(response: TCheckinResponse, inventory: Inventory): Promise<void> {
    // One at a time, in order: two quick check-ins must not start the same page twice.
    const next = this.following.then(() => this.apply(response, inventory));
    this.following = next.catch(() => {});
    return next;
  }

  private async apply(response: TCheckinResponse, inventory: Inventory): Promise<void> {
    this.inventory = inventory;
    this.currentKey = keyOf(inventory.currentProfile);
    const active = new Map(activeProfiles(response, inventory).map((entry) => [keyOf(entry.profile), entry]));
    for (const [key, surface] of this.surfaces)
      if (!active.has(key)) {
        this.surfaces.delete(key);
        await surface.page?.close();
        this.options.log(`Helpdesk not active for ${surface.view.profile?.name ?? "nobody"}: local page stopped.`);
      }
    for (const [key, { profile, helpdesk }] of active) {
      const known = this.surfaces.get(key);
      if (known) {
        this.show(known, helpdesk, profile);
        continue;
      }
      const surface: ProfileSurface = { view: { profile, helpdesk }, page: null, chosen: null };
      this.show(surface, helpdesk, profile);
      this.surfaces.set(key, surface);
      const page = await startLocalPage(surface.view, {
        actions: this.actions(surface),
        captureScreen: this.options.captureScreen,
        replies: this.homeReplies(surface),
      });
      surface.page = page;
      // The origin only: the secret in page.url would let anyone who reads the log (agent.log under
      // the service) open this user's page.
      this.options.log(`Local page for ${profile?.name ?? "nobody signed in"}: ${new URL(page.url).origin}/`);
    }
    for (const listener of this.changeListeners) listener();
  }

  /** The helpdesk state of `profile` (DOMAIN\user, any case) while its page runs; null otherwise. */
  helpdeskFor(profile: string): THelpdeskState | null {
    const surface = this.surfaces.get(profile.toLowerCase());
    return surface?.page ? surface.view.helpdesk : null;
  }

  /**
   * The link that opens `action`'s page of `profile`'s own local page in a browser without a
   * cookie yet, or null when that profile's helpdesk is not active. For Add Ticket, `screenshot`
   * (a PNG the user's tray took) is kept for the form; without one the page takes its own.
   */
  async linkFor(profile: string, action: SurfaceAction, screenshot: Buffer | null = null): Promise<string | null> {
    const surface = this.surfaces.get(profile.toLowerCase());
    const page = surface?.page;
    if (!surface || !page) return null;
    let path = pageForAction(action, surface.view.helpdesk);
    if (path === "/add-ticket") {
      const shot = screenshot ? page.addScreenshot(screenshot) : await page.takeScreenshot();
      if (shot) path = `/add-ticket?shot=${shot}`;
    }
    return page.urlFor(path);
  }

  /**
   * The language of `profile`'s page and tray (DOMAIN\user, any case) while its page runs, null
   * otherwise; `detected` (BCP 47, the display language its tray said) counts where the inventory
   * has none for that user yet (pageLocale's order).
   */
  languageFor(profile: string, detected: string | null = null): Locale | null {
    const surface = this.surfaces.get(profile.toLowerCase());
    if (!surface?.page) return null;
    return pageLocale({
      helpdesk: surface.view.helpdesk,
      chosen: surface.chosen,
      detected: detectedFor(this.inventory, surface.view.profile) ?? detected,
    });
  }

  /** The page of the profile signed in now (the console's under the service), or null. */
  get localPageUrl(): string | null {
    return this.surfaces.get(this.currentKey)?.page?.url ?? null;
  }

  async stop(): Promise<void> {
    await this.following;
    const surfaces = [...this.surfaces.values()];
    this.surfaces.clear();
    await Promise.all(surfaces.map((surface) => surface.page?.close()));
  }
}
