import type { TCheckinResponse } from "@helpline/protocol";
import type { AgentClient } from "../agent-client.ts";
import { startLocalPage, type LocalPage } from "../local-page/local-page-server.ts";
import type { LocalPageActions, LocalPageView } from "../local-page/local-page-types.ts";
import type { OpenUrl } from "../system/open-in-browser.ts";
import type { Inventory } from "../system/inventory.ts";
import type { CaptureScreen } from "../system/screenshot.ts";
import type { TicketOutbox } from "../tickets/ticket-outbox.ts";
import { HOTKEYS } from "../tray/hotkeys.ts";
import { noTray, type TrayAdapter, type TrayHandle } from "../tray/tray-adapter.ts";
import { pageForAction, TRAY_MENU, type SurfaceAction } from "../tray/tray-menu.ts";
import { localPageActions } from "./local-page-actions.ts";

export type EndUserSurfacesOptions = {
  log: (line: string) => void;
  client?: AgentClient | null;
  /** Where tickets go (saved, then sent); without it the page has no ticket forms. */
  outbox?: TicketOutbox | null;
  captureScreen?: CaptureScreen;
  tray?: TrayAdapter;
  openUrl?: OpenUrl;
};

/**
 * What the signed-in user sees of the helpdesk: on while the helpdesk is active for the profile
 * signed in now, off otherwise, following each check-in without a restart: the local page, and on
 * Windows the tray icon and Ctrl+F12, which open pages of the local page in the browser. What the
 * page's forms do is in local-page-actions.ts.
 */
export class EndUserSurfaces {
  private page: LocalPage | null = null;
  private tray: TrayHandle | null = null;
  private starting: Promise<void> | null = null;
  private view: LocalPageView | null = null;
  private inventory: Inventory | null = null;

  constructor(private readonly options: EndUserSurfacesOptions) {}

  private actions(): LocalPageActions | undefined {
    const { client, outbox } = this.options;
    if (!client || !outbox) return undefined;
    return localPageActions({
      client,
      outbox,
      profile: () => this.view?.profile?.name ?? "",
      inventory: () => this.inventory!,
      onConfirmed: (identity) => {
        if (this.view) this.show({ ...this.view, helpdesk: { ...this.view.helpdesk, identity } });
      },
    });
  }

  private show(view: LocalPageView): void {
    this.view = view;
    this.page?.update(view);
  }

  /** Follows one check-in's answer: starts the surfaces, stops them, or updates what they show. */
  async follow(response: TCheckinResponse, inventory: Inventory): Promise<void> {
    await this.starting;
    this.inventory = inventory;
    this.show({ profile: inventory.currentProfile, helpdesk: response.helpdesk });
    if (response.helpdesk.active && !this.page) {
      this.starting = this.start();
      await this.starting;
      this.starting = null;
    } else if (!response.helpdesk.active && this.page) {
      await this.stop();
      this.options.log("Helpdesk not active for the signed-in user: local page stopped.");
    }
  }

  private async start(): Promise<void> {
    const page = await startLocalPage(this.view!, {
      actions: this.actions(),
      captureScreen: this.options.captureScreen,
    });
    this.page = page;
    this.options.log(`Local page: ${page.url}`);
    this.tray = (this.options.tray ?? noTray).start({
      tooltip: "Helpline Helpdesk",
      menu: TRAY_MENU,
      hotkeys: HOTKEYS,
      onAction: (action) => void this.open(action).catch((error: Error) => this.options.log(`Tray: ${error.message}`)),
    });
  }

  /**
   * A tray item or the hotkey: open its page in the browser. For Add Ticket the screenshot is
   * taken first, so it shows the user's screen rather than the browser opening.
   */
  async open(action: SurfaceAction): Promise<void> {
    const page = this.page;
    if (!page || !this.view) return;
    let path = pageForAction(action, this.view.helpdesk);
    if (path === "/add-ticket") {
      const shot = await page.takeScreenshot();
      if (shot) path = `/add-ticket?shot=${shot}`;
    }
    this.options.openUrl?.(page.urlFor(path));
  }

  get localPageUrl(): string | null {
    return this.page?.url ?? null;
  }

  async stop(): Promise<void> {
    this.tray?.stop();
    this.tray = null;
    const page = this.page;
    this.page = null;
    await page?.close();
  }
}
