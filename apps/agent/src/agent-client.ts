import type { Locale } from "@helpline/i18n";
import {
  AGENT_API_PREFIX,
  AGENT_HARDWARE_ID_HEADER,
  AGENT_MACHINE_ID_HEADER,
  ZCheckinResponse,
  ZEnrollResponse,
  ZErrorBody,
  ZConfirmIdentityResponse,
  ZCreateTicketResponse,
  ZListTicketsResponse,
  ZPortalLinkResponse,
  ZSendTokenResponse,
  type TCheckinRequest,
  type TCheckinResponse,
  type TConfirmIdentityRequest,
  type TConfirmIdentityResponse,
  type TCreateTicketRequest,
  type TCreateTicketResponse,
  type TListTicketsResponse,
  type TPortalLinkResponse,
  type TSendTokenRequest,
  type TSendTokenResponse,
  type TEnrollRequest,
  type TEnrollResponse,
  ZSetLanguageRequest,
  ZSetLanguageResponse,
  type TSetLanguageRequest,
  type TSetLanguageResponse,
} from "@helpline/protocol";
import type { z } from "zod";
import { httpRequest, type HttpAnswer } from "./http-request.ts";
import type { MachineIds } from "./system/this-machine.ts";

/** The server answered with a 4xx of the protocol: retrying the same request will not help. */
export class ProtocolError extends Error {
  override name = "ProtocolError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The server could not be reached, or failed (5xx): worth retrying later. */
export class UnreachableError extends Error {
  override name = "UnreachableError";
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The agent's side of protocol v1: the same code serves `run`, `enroll` and `simulate`. */
export class AgentClient {
  constructor(
    private readonly server: string,
    private agentToken: string | null = null,
    /** Caps every request's time limit (tests that cannot wait for the real ones). */
    private readonly maxTimeoutMs = Infinity,
    /** Presented with the token, so the server refuses it from another machine (a clone). */
    private readonly machine: MachineIds = { machineId: null, hardwareId: null },
  ) {}

  /** The token the server handed out when this agent enrolled again: every later call uses it. */
  useToken(agentToken: string): void {
    this.agentToken = agentToken;
  }

  enroll(request: TEnrollRequest): Promise<TEnrollResponse> {
    return this.post("/enroll", request, ZEnrollResponse, 30_000);
  }

  /**
   * The calls the local page makes for a person take `locale`, the language the page shows: sent as
   * `Accept-Language`, so the server writes its refusals in it (the CLI sends none: English).
   */
  sendIdentityToken(request: TSendTokenRequest, locale?: Locale): Promise<TSendTokenResponse> {
    return this.post("/helpdesk/identity/send-token", request, ZSendTokenResponse, 30_000, undefined, locale);
  }

  confirmIdentity(request: TConfirmIdentityRequest, locale?: Locale): Promise<TConfirmIdentityResponse> {
    return this.post("/helpdesk/identity/confirm", request, ZConfirmIdentityResponse, 30_000, undefined, locale);
  }

  /** `stop` aborts a check-in the server is holding (the agent is shutting down). */
  checkin(request: TCheckinRequest, stop?: AbortSignal): Promise<TCheckinResponse> {
    // The server may hold the request for waitSeconds: allow that, plus time for the answer.
    return this.post("/checkin", request, ZCheckinResponse, ((request.waitSeconds ?? 0) + 20) * 1000, stop);
  }

  /**
   * 201 a new ticket, 200 the same ticket again for a repeated idempotencyKey. `locale`: the local
   * page's language, so a refusal of the person's Add Ticket comes back in it.
   */
  createTicket(request: TCreateTicketRequest, locale?: Locale): Promise<TCreateTicketResponse> {
    // Up to 12 MiB to upload, possibly over a slow line.
    return this.post("/helpdesk/tickets", request, ZCreateTicketResponse, 120_000, undefined, locale);
  }

  listTickets(profile: string, locale?: Locale): Promise<TListTicketsResponse> {
    return this.call(
      "GET",
      `/helpdesk/tickets?${new URLSearchParams({ profile })}`,
      undefined,
      ZListTicketsResponse,
      30_000,
      undefined,
      locale,
    );
  }

  portalLink(profile: string, locale?: Locale): Promise<TPortalLinkResponse> {
    return this.post("/helpdesk/portal-link", { profile }, ZPortalLinkResponse, 30_000, undefined, locale);
  }

  /** Personal Info Settings ▸ Language for the profile's confirmed contact (null: automatic). */
  setLanguage(request: TSetLanguageRequest, locale?: Locale): Promise<TSetLanguageResponse> {
    const body = ZSetLanguageRequest.parse(request);
    return this.post("/helpdesk/language", body, ZSetLanguageResponse, 30_000, undefined, locale);
  }

  private post<TSchema extends z.ZodType>(
    path: string,
    body: unknown,
    schema: TSchema,
    timeoutMs: number,
    stop?: AbortSignal,
    locale?: Locale,
  ): Promise<z.infer<TSchema>> {
    return this.call("POST", path, body, schema, timeoutMs, stop, locale);
  }

  private authHeaders(): Record<string, string> {
    if (!this.agentToken) return {};
    return {
      authorization: `Bearer ${this.agentToken}`,
      ...(this.machine.machineId ? { [AGENT_MACHINE_ID_HEADER]: this.machine.machineId } : {}),
      ...(this.machine.hardwareId ? { [AGENT_HARDWARE_ID_HEADER]: this.machine.hardwareId } : {}),
    };
  }

  private async call<TSchema extends z.ZodType>(
    method: "GET" | "POST",
    path: string,
    body: unknown,
    schema: TSchema,
    timeoutMs: number,
    stop?: AbortSignal,
    locale?: Locale,
  ): Promise<z.infer<TSchema>> {
    // A timer of our own: the one-shot commands wait for it, and its reason names the time limit.
    const limitMs = Math.min(timeoutMs, this.maxTimeoutMs);
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error(`no answer within ${limitMs / 1000} s`)), limitMs);
    let response: HttpAnswer;
    try {
      response = await httpRequest(new URL(`${this.server.replace(/\/+$/, "")}${AGENT_API_PREFIX}${path}`), {
        method,
        headers: {
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...(locale ? { "accept-language": locale } : {}),
          ...this.authHeaders(),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: stop ? AbortSignal.any([timeout.signal, stop]) : timeout.signal,
      });
    } catch (error) {
      const reason = timeout.signal.aborted
        ? (timeout.signal.reason as Error).message
        : error instanceof Error
          ? error.message
          : String(error);
      throw new UnreachableError(`Cannot reach ${this.server}: ${reason}`);
    } finally {
      clearTimeout(timer);
    }
    const payload = parseJson(response.body);
    if (response.status >= 500) throw new UnreachableError(`${this.server} answered ${response.status}`);
    if (response.status < 200 || response.status > 299) {
      const parsed = ZErrorBody.safeParse(payload);
      if (parsed.success) throw new ProtocolError(response.status, parsed.data.error.code, parsed.data.error.message);
      // A server older than this agent (or a proxy in front of it) may not know the path at all.
      if (response.status === 404)
        throw new ProtocolError(
          404,
          "not_found",
          `${this.server} does not offer ${method} ${path.split("?")[0]} (404): the server may be older than this agent.`,
        );
      throw new ProtocolError(response.status, "unknown_error", `${this.server} answered ${response.status}`);
    }
    if (payload === null)
      throw new UnreachableError(`${this.server} answered ${response.status} without a readable body`);
    return schema.parse(payload);
  }
}
