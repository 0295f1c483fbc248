/**
 * The dashboard's client for API v1. The session lives in an HttpOnly cookie the script cannot
 * read, so every state-changing request carries the CSRF token the server handed out at sign-in.
 */
import type { StoredReport, Person, Status } from '../../../protocol/report';
import type { Me, Role } from '../../../protocol/api';

/** Prefix of every API path. */
export const API = '/api/v1';

/** An API failure, carrying the server's error code and, for conflicts, its whole body. */
export class ApiError extends Error {
  /** HTTP status of the answer. */
  readonly status: number;
  /** The server's machine-readable error code. */
  readonly code: string;
  /** The parsed answer, for callers that need more than the message (409 conflicts). */
  readonly body: unknown;

  constructor(status: number, code: string, message: string, body: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** What `POST /session` and `GET /session` answer. */
export interface Session {
  /** The signed-in person. */
  user: Me;
  /** Sent back as `X-CSRF-Token` on every state-changing request. */
  csrfToken: string;
}

/** Council branding from the server's configuration. */
export interface CouncilConfig {
  /** Shown in the header instead of any GOV.UK mark. */
  councilName: string;
  /** The council's brand colour, a CSS colour. */
  colour: string;
}

/** One entry of a report's triage history. */
export interface HistoryEntry {
  /** When the change was made (server clock). */
  at: string;
  /** Who made it, with the team they speak for. */
  author: Person;
  /** Each changed field with its old and new value. */
  changes: Record<string, [unknown, unknown]>;
}

/** `GET /reports/:id`: the report with its discussion and triage history. */
export type ReportDetail = StoredReport & { history?: HistoryEntry[] };

/** `GET /reports`: a page of reports. */
export interface ReportPage {
  /** The reports on this page. */
  reports: StoredReport[];
  /** Where the next page starts, or null on the last page. */
  cursor: string | null;
  /** How many reports match the filter in all. */
  total?: number;
}

/** The body of a 409 from `PATCH …/triage`. */
export interface TriageConflict {
  /** The report as it now stands. */
  current: StoredReport;
  /** Who changed it since the edit began. */
  changedBy?: Person;
}

/** The fields a triage edit may change. */
export interface TriageChange {
  status?: Status;
  usabilitySeverity?: number | null;
  securityRisk?: number | null;
  assignee?: string | null;
  duplicateOf?: string | null;
}

/** A user as the admin API lists it. */
export interface UserSummary {
  id: string;
  name: string;
  role: Role;
  team?: 'it' | 'digital' | null;
  revokedAt?: string | null;
  createdAt?: string;
}

/** A row of the service catalogue: which hostname and path belong to which service. */
export interface ServiceRule {
  hostname: string;
  pathPrefix: string;
  name: string;
}

let csrfToken: string | null = null;

/** Remembers the CSRF token of the current session (or forgets it on sign-out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Options of one API request. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Calls the API and parses the JSON answer; throws {@link ApiError} on any non-2xx status.
 * @param path - path under `/api/v1`, starting with `/`
 */
export async function request<T>(
  path: string,
  options: RequestOptions = {},
  fetchImpl: typeof fetch = fetch, // Injected
): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetchImpl(API + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: 'same-origin',
    signal: options.signal,
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    const error = (
      parsed as { error?: { code?: string; message?: string } } | undefined
    )?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `http-${response.status}`,
      error?.message ?? response.statusText ?? 'Request failed',
      parsed,
    );
  }
  return parsed as T;
}

/** A readable sentence for any error thrown by a request. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401)
      return 'Your session has ended. Please sign in again.';
    if (error.status === 403) return 'You do not have permission to do that.';
    if (error.status === 404) return 'Not found.';
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
