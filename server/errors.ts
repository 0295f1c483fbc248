/**
 * The API's one error shape, `{ error: { code, message } }` (docs/api.md), and the mapping of
 * every failure, ours or Fastify's, onto it.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** Error codes by HTTP status. */
export const ERROR_CODES = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  500: 'internal',
  503: 'unavailable',
} as const;

/** A failure with an HTTP status, thrown from routes and mapped by `errorHandler`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: keyof typeof ERROR_CODES,
    message: string,
    readonly code: string = ERROR_CODES[statusCode],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The body of an error answer. */
export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** Maps any thrown error onto the JSON error shape, hiding internals of 5xx errors. */
export function errorHandler(
  error: FastifyError | HttpError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  let status = error.statusCode ?? 500;
  if (status < 400 || status > 599) status = 500;
  // A 503 we raise ourselves says plainly what is unavailable; every other 5xx is hidden.
  if (status >= 500 && !(error instanceof HttpError && status === 503)) {
    request.log.error({ err: error }, 'request failed');
    return reply
      .code(500)
      .send(errorBody('internal', 'Something went wrong on the server'));
  }
  const code =
    error instanceof HttpError
      ? error.code
      : (ERROR_CODES[status as keyof typeof ERROR_CODES] ?? 'bad_request');
  let message = error.message;
  // Fastify's own messages are fine to show, but make the common ones plainer.
  if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    message = 'The request body is too large';
  if ((error as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    message = 'This content type is not accepted here';
  if (
    (error as FastifyError).code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    error instanceof SyntaxError
  ) {
    message = 'The body is not valid JSON';
  }
  return reply.code(status).send(errorBody(code, message));
}
