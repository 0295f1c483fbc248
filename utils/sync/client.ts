/**
 * The extension's HTTP client for the shared server: bearer auth, timeouts, and every
 * outcome as a value, so sync can decide between "retry later" and "tell the reporter".
 */
import * as z from 'zod/mini';
import type { AnchorQuality } from '@/protocol/anchoring';
import {
  apiError,
  health,
  me,
  paths,
  type Health,
  type Me,
} from '@/protocol/api';
import {
  authPaths,
  tokenAnswer,
  type TokenAnswer,
  type TokenRequest,
} from '@/protocol/auth';
import { annotation, STATUSES, type ReportInput } from '@/protocol/report';
import {
  notificationSettings,
  webhookPaths,
  type NotificationSettings,
} from '@/protocol/webhooks';

/**
 * What sync reads of a report the server sends back. Loose on purpose: a newer server may add
 * fields, and an older extension must keep working with it.
 */
export const serverReport = z.looseObject({
  id: z.string(),
  serverSeq: z.int(),
  status: z.enum(STATUSES),
  version: z.int(),
  votes: z.int(),
  votedByMe: z.optional(z.boolean()),
  duplicateOf: z.nullable(z.string()),
  comments: z.optional(z.array(z.unknown())),
  updatedAt: z.string(),
  whatHappened: z.string(),
  annotations: z.array(annotation),
  author: z.looseObject({ id: z.string(), name: z.string() }),
});
/** A report as sync reads it from the server. */
export type ServerReport = z.infer<typeof serverReport>;

const changes = z.looseObject({
  changes: z.array(z.looseObject({ cursor: z.string(), report: serverReport })),
  cursor: z.string(),
  hasMore: z.boolean(),
});
/** One page of the `/changes` feed. */
export type Changes = z.infer<typeof changes>;

/** How long one request may take before it counts as a network failure. */
export const REQUEST_TIMEOUT_MS = 15_000;

/** What came of a request. */
export type Outcome<T> =
  | { kind: 'ok'; status: number; value: T }
  /** The server answered with an error: `status` and its `{ error: { code, message } }`. */
  | { kind: 'http'; status: number; code: string; message: string }
  /** No usable answer: offline or refused, timed out, or an answer that is not Snag's. */
  | {
      kind: 'network';
      cause: 'unreachable' | 'timeout' | 'bad-answer';
      message: string;
    };

/** Connection details; the token stays in the background and options pages. */
export interface ServerConfig {
  serverUrl: string;
  token: string;
  /**
   * A signed-in device's way to a new access token after a 401: answers it, or null when
   * the device can no longer refresh (then the 401 stands). Absent for a pasted token.
   */
  renew?: () => Promise<string | null>;
}

/** Makes the server's origin from what a user typed: adds https:// and drops paths. */
export function normaliseServerUrl(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(
      /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`,
    );
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** Talks to one Snag server. */
export class ServerClient {
  constructor(
    readonly config: ServerConfig,
    // Injected: tests pass a fetch that goes through a fault-injecting proxy.
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {
    this.token = config.token;
  }

  /** The access token in use; a renewal replaces it. */
  private token: string;

  /** A request, sent again once with a renewed token when a signed-in device gets a 401. */
  private async request<T>(
    method: string,
    path: string,
    parse: (json: unknown) => T,
    body?: { json: unknown } | { blob: Blob },
    auth = true,
  ): Promise<Outcome<T>> {
    const sent = this.token;
    const outcome = await this.send(method, path, parse, body, auth);
    if (
      !auth ||
      !this.config.renew ||
      outcome.kind !== 'http' ||
      outcome.status !== 401
    )
      return outcome;
    // Another request may have renewed it meanwhile; otherwise ask for a new one.
    if (this.token === sent) {
      const renewed = await this.config.renew();
      if (!renewed) return outcome;
      this.token = renewed;
    }
    return this.send(method, path, parse, body, auth);
  }

  private async send<T>(
    method: string,
    path: string,
    parse: (json: unknown) => T,
    body?: { json: unknown } | { blob: Blob },
    auth = true,
  ): Promise<Outcome<T>> {
    const headers: Record<string, string> = {};
    if (auth) headers.authorization = `Bearer ${this.token}`;
    let payload: BodyInit | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers['content-type'] = body.blob.type;
      payload = body.blob;
    }
    let response: Response;
    try {
      response = await this.fetchImpl(new URL(path, this.config.serverUrl), {
        method,
        headers,
        body: payload,
        signal: AbortSignal.timeout(this.timeoutMs),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      return timedOut
        ? {
            kind: 'network',
            cause: 'timeout',
            message: 'the server took too long to answer',
          }
        : {
            kind: 'network',
            cause: 'unreachable',
            message: 'the server could not be reached',
          };
    }
    let json: unknown;
    try {
      json = response.status === 204 ? null : await response.json();
    } catch {
      return {
        kind: 'network',
        cause: 'bad-answer',
        message: `unexpected answer from the server (HTTP ${response.status})`,
      };
    }
    if (!response.ok) {
      const parsed = apiError.safeParse(json);
      return {
        kind: 'http',
        status: response.status,
        code: parsed.success ? parsed.data.error.code : 'unknown',
        message: parsed.success
          ? parsed.data.error.message
          : `HTTP ${response.status}`,
      };
    }
    try {
      return { kind: 'ok', status: response.status, value: parse(json) };
    } catch {
      return {
        kind: 'network',
        cause: 'bad-answer',
        message: 'the server’s answer was not understood',
      };
    }
  }

  /** `GET /health`, without auth: is this a Snag server? */
  health(): Promise<Outcome<Health>> {
    return this.request(
      'GET',
      paths.health,
      (j) => health.parse(j),
      undefined,
      false,
    );
  }

  /** `POST /auth/token`, without auth: trade a sign-in code or a refresh token. */
  authToken(input: TokenRequest): Promise<Outcome<TokenAnswer>> {
    return this.request(
      'POST',
      authPaths.token,
      (j) => tokenAnswer.parse(j),
      { json: input },
      false,
    );
  }

  /** `POST /auth/revoke`, without auth: signs this device out at the server. */
  revoke(refreshToken: string): Promise<Outcome<unknown>> {
    return this.request(
      'POST',
      authPaths.revoke,
      (j) => j,
      { json: { refresh_token: refreshToken } },
      false,
    );
  }

  /** `GET /me`: whose token is this? */
  me(): Promise<Outcome<Me>> {
    return this.request('GET', paths.me, (j) => me.parse(j));
  }

  /** `PUT /reports/:id`: idempotent, so a retry never makes a second report. */
  putReport(report: ReportInput): Promise<Outcome<ServerReport>> {
    return this.request(
      'PUT',
      paths.report(report.id),
      (j) => serverReport.parse(j),
      {
        json: report,
      },
    );
  }

  /** `PUT /reports/:id/screenshot`: the masked image. */
  putScreenshot(id: string, blob: Blob): Promise<Outcome<unknown>> {
    return this.request('PUT', paths.screenshot(id), (j) => j, { blob });
  }

  /** `GET /changes`: what changed on the server since `cursor`. */
  changes(cursor: string, limit = 100): Promise<Outcome<Changes>> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('since', cursor);
    return this.request('GET', `${paths.changes}?${query}`, (j) =>
      changes.parse(j),
    );
  }

  /** `GET /reports?url=`: everyone's reports on one page. */
  reportsOnPage(url: string): Promise<Outcome<ServerReport[]>> {
    const query = new URLSearchParams({ url, limit: '100' });
    return this.request(
      'GET',
      `${paths.reports}?${query}`,
      (j) => z.looseObject({ reports: z.array(serverReport) }).parse(j).reports,
    );
  }

  /** `GET /me/notifications`: the user's own email settings. */
  notificationSettings(): Promise<Outcome<NotificationSettings>> {
    return this.request('GET', webhookPaths.myNotifications, (j) =>
      notificationSettings.parse(j),
    );
  }

  /** `PUT /me/notifications`: changes them; answers them as the server keeps them. */
  setNotificationSettings(
    settings: NotificationSettings,
  ): Promise<Outcome<NotificationSettings>> {
    return this.request(
      'PUT',
      webhookPaths.myNotifications,
      (j) => notificationSettings.parse(j),
      { json: settings },
    );
  }

  /**
   * `PUT /reports/:id/anchoring?url=`: how the report's notes were found on the page at `url`
   * (the page names a colleague's report, as when reading it).
   */
  recordAnchoring(
    id: string,
    url: string,
    annotations: Record<string, AnchorQuality>,
  ): Promise<Outcome<unknown>> {
    const query = new URLSearchParams({ url });
    return this.request('PUT', `${paths.anchoring(id)}?${query}`, (j) => j, {
      json: { annotations },
    });
  }

  /** `PUT` or `DELETE /reports/:id/votes/me`: "me too". */
  vote(id: string, on: boolean): Promise<Outcome<{ votes: number }>> {
    return this.request(on ? 'PUT' : 'DELETE', paths.myVote(id), (j) => ({
      votes: Number((j as { votes?: unknown })?.votes ?? 0),
    }));
  }
}
