/**
 * The dashboard's client for API v1. The session lives in an HttpOnly cookie the script cannot
 * read, so every state-changing request carries the CSRF token the server handed out at sign-in.
 * Paths and the shapes of answers come from `protocol/api.ts`, the contract the server keeps.
 */

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
 * @param path - a path from `paths` in `protocol/api.ts`, with any query string
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
  const response = await fetchImpl(path, {
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
