import { DEFAULT_LOCALE, type Locale } from "@helpline/i18n";
import type { THelpdeskState, TProfileRef } from "@helpline/protocol";
import type { TicketDraft } from "../tickets/new-ticket-request.ts";
import type { DeliveryOutcome } from "../tickets/ticket-outbox.ts";
import type { Notice } from "./html.ts";
import type { MyTickets } from "./render-ticket-pages.ts";
import type { ScreenshotStore } from "./screenshot-store.ts";

/**
 * Who is signed in now and the helpdesk state the last check-in gave for them; `locale` the
 * language the page speaks (pageLocale decides it; absent: English), `chosenLanguage` what the
 * person picked under Language on this page (null or absent: Automatic).
 */
export type LocalPageView = {
  profile: TProfileRef | null;
  helpdesk: THelpdeskState;
  locale?: Locale;
  chosenLanguage?: Locale | null;
};

/** The language `view`'s page is written in. */
export function viewLocale(view: LocalPageView): Locale {
  return view.locale ?? DEFAULT_LOCALE;
}

/** What the page's forms do: the agent's calls to the server, for the profile signed in now. */
export type LocalPageActions = {
  sendToken: (fullName: string, email: string) => Promise<Notice>;
  confirm: (token: string) => Promise<Notice>;
  submitTicket: (draft: TicketDraft) => Promise<DeliveryOutcome>;
  myTickets: () => Promise<MyTickets>;
  portalLink: () => Promise<{ url: string } | { error: string }>;
  dismissFailed: (idempotencyKey: string) => void;
  /** Language ▸ Use this language: `language` null is Automatic. */
  setLanguage: (language: Locale | null) => Promise<Notice>;
};

/** A technician's reply to one of the user's tickets, as Home lists it. */
export type ReplyNotice = { id: string; ticketNumber: number; from: string; title: string };

/** Replies for Home: `list()` those not shown yet, `shown(ids)` once Home showed them. */
export type HomeReplies = { list: () => ReplyNotice[]; shown: (ids: string[]) => void };

/** What the routes of one running page share: its current view, its screenshots, its actions. */
export type LocalPageContext = {
  view: () => LocalPageView;
  screenshots: ScreenshotStore;
  /** Takes the screenshot now; its id in `screenshots`, or null when there is no screen to take. */
  takeScreenshot: () => Promise<string | null>;
  /** Absent: the page shows Home only (no forms). */
  actions: LocalPageActions | undefined;
  /** Absent: Home lists no replies (on Windows the tray shows them). */
  replies?: HomeReplies;
};

/**
 * A route's answer, before the guard adds its headers. `close`: the request was not read to its
 * end, so the connection cannot carry another one.
 */
export type Reply = { status: number; html?: string; location?: string; png?: Buffer; close?: boolean };
