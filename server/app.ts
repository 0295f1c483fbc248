/**
 * The HTTP application: Fastify with the API v1 routes, auth, limits, CORS and the dashboard.
 * Building it takes an open store, so tests can drive it with `inject` and no socket.
 */
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import { API_PREFIX, MAX_JSON_BYTES } from '../protocol/api';
import { cleanText } from '../protocol/text';
import { installAudit } from './audit';
import { installAuth, rateLimitKey } from './auth';
import { proxyTrustFor, type ServerConfig } from './config';
import { errorBody, errorHandler, HttpError } from './errors';
import { recordRoute, type RouteInfo } from './openapi';
import { adminRoutes } from './routes/admin';
import { brokerRoutes } from './routes/broker';
import type { RouteDeps } from './routes/deps';
import { deviceRoutes } from './routes/devices';
import { discussionRoutes } from './routes/discussion';
import { eventRoutes } from './routes/events';
import { metaRoutes } from './routes/meta';
import { redactionRoutes } from './routes/redactions';
import { anchoringRoutes } from './routes/anchoring';
import { auditRoutes } from './routes/audit';
import { reportRoutes } from './routes/reports';
import { reviewRoutes } from './routes/review';
import { screenshotRoutes } from './routes/screenshots';
import { sessionRoutes } from './routes/session';
import { ssoPages } from './routes/sso';
import { webhookRoutes } from './routes/webhooks';
import { IdentityProvider } from './sign-in/provider';
import type { Store } from './store/store';
import { DASHBOARD_CSP, registerWeb } from './web';

/** What `buildApp` needs. */
export interface AppOptions {
  store: Store;
  config: ServerConfig;
  /** The clock; injected so tests can pin time. */
  now?: () => Date;
  /** `false` for silence, `true` or pino options for structured logs. */
  logger?: FastifyServerOptions['logger'];
  /** The identity provider; made from `config.signIn.oidc` when not given. */
  provider?: IdentityProvider | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with the role it admits, as registered (for docs and tests). */
    apiRoutes: RouteInfo[];
    /** The council's identity provider, if single sign-on is configured. */
    identityProvider: IdentityProvider | null;
  }
}

/** Pino options that keep tokens, cookies and query strings (search text) out of the logs. */
export const LOG_OPTIONS = {
  level: process.env.LOG_LEVEL || 'info',
  redact: [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-csrf-token"]',
    'token',
  ],
  serializers: {
    req: (req: { method?: string; url?: string; ip?: string }) => ({
      method: req.method,
      path: (req.url ?? '').split('?')[0],
      remoteAddress: req.ip,
    }),
  },
};

const EXTENSION_ORIGIN =
  /^(chrome|moz|safari-web)-extension:\/\/[A-Za-z0-9_.@{}-]+$/;

/**
 * JSON bodies, where an empty body means "no body": clients often send
 * `Content-Type: application/json` on body-less PUT and DELETE (votes, sign-out).
 */
function acceptJson(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request, body, done) => {
      if (body === '') return done(null, undefined);
      return parseJson(request, body.toString(), done);
    },
  );
}

/**
 * Every path, query and JSON body is refused if it carries a control character, and its lone
 * surrogates are made whole, before any route sees it: the same rule on both stores, and a
 * retry compares equal to what was stored.
 */
function cleanTextInput(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const parts = [
      ['path', request.params],
      ['query', request.query],
      ['body', request.body],
    ] as const;
    for (const [where, value] of parts) {
      const result = cleanText(value);
      if (!result.ok) {
        const path = [where, ...result.refusal.path].join('.');
        throw new HttpError(400, `${path}: ${result.refusal.message}`);
      }
      if (where === 'body') request.body = result.value;
    }
  });
}

/** Security headers on every answer: the API is never cached, pages are never framed. */
function securityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (request.url.startsWith('/api/')) {
      if (!reply.hasHeader('cache-control'))
        reply.header('cache-control', 'no-store');
    } else {
      reply.header('content-security-policy', DASHBOARD_CSP);
      reply.header('x-frame-options', 'DENY');
    }
    return payload;
  });
}

/**
 * The per-credential rate limit, checked before the (database) token lookup. It is checked by
 * hand because the plugin runs only one of its own hooks per request.
 */
function limitPerCredential(api: FastifyInstance, config: ServerConfig): void {
  const checkCredential = api.createRateLimit({
    max: config.rateLimit,
    timeWindow: 60_000,
    keyGenerator: rateLimitKey,
  });
  api.addHook('onRequest', async (request, reply) => {
    const limit = await checkCredential(request);
    if (!limit.isAllowed && limit.isExceeded) {
      reply.header('retry-after', Math.ceil(limit.ttl / 1000));
      throw new HttpError(
        429,
        `Too many requests; try again in ${Math.ceil(limit.ttl / 1000)} seconds`,
      );
    }
  });
}

/** API v1, under its prefix: CORS, limits, auth, then every route. */
async function registerApi(api: FastifyInstance, deps: RouteDeps) {
  // The API is called cross-origin only by the extension; the dashboard is same-origin.
  await api.register(cors, {
    origin: (origin, cb) =>
      cb(null, typeof origin === 'string' && EXTENSION_ORIGIN.test(origin)),
    methods: ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-CSRF-Token'],
    maxAge: 600,
  });
  limitPerCredential(api, deps.config);
  // Only JSON (and, on one route, images) is ever accepted; plain text gets a 415.
  api.removeContentTypeParser('text/plain');
  installAuth(api, deps.store, deps.now);
  installAudit(api, deps.store, deps.now);
  await api.register(metaRoutes, deps);
  await api.register(sessionRoutes, deps);
  await api.register(reportRoutes, deps);
  await api.register(discussionRoutes, deps);
  await api.register(screenshotRoutes, deps);
  await api.register(redactionRoutes, deps);
  await api.register(anchoringRoutes, deps);
  await api.register(auditRoutes, deps);
  await api.register(reviewRoutes, deps);
  await api.register(eventRoutes, deps);
  await api.register(adminRoutes, deps);
  await api.register(brokerRoutes, deps);
  await api.register(deviceRoutes, deps);
  await api.register(webhookRoutes, deps);
  api.setNotFoundHandler(async (_request, reply) =>
    reply.code(404).send(errorBody('not_found', 'No such API route')),
  );
}

/** Builds the application; call `listen` on it, or `inject` in tests. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store, config } = options;
  const now = options.now ?? (() => new Date());
  const oidc = config.signIn.oidc;
  const provider =
    options.provider !== undefined
      ? options.provider
      : oidc
        ? new IdentityProvider({ settings: oidc, now })
        : null;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_JSON_BYTES,
    trustProxy: proxyTrustFor(config.trustProxy),
    // Every connection is bounded, signed in or not (`POST /session` included): a client that
    // trickles its headers or body, or goes quiet, is cut off with a 408 or a closed socket.
    requestTimeout: config.timeouts.requestMs,
    connectionTimeout: config.timeouts.idleMs,
    http: {
      headersTimeout: config.timeouts.headersMs,
      // Node checks the two limits above only this often (30 s by default).
      connectionsCheckingInterval: Math.max(
        50,
        Math.min(1_000, Math.floor(config.timeouts.headersMs / 4)),
      ),
    },
    // Ids are lower-case UUIDs and paths are ours; no need for case-folding or trailing slashes.
    routerOptions: { ignoreTrailingSlash: false },
  });
  app.decorate('apiRoutes', [] as RouteInfo[]);
  app.decorate('identityProvider', provider);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(API_PREFIX))
      app.apiRoutes.push(...recordRoute(route));
  });
  app.setErrorHandler(errorHandler);
  acceptJson(app);
  cleanTextInput(app);
  securityHeaders(app);

  await app.register(cookie);
  // The per-address ceiling, across every token used from one address.
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerIp,
    timeWindow: 60_000,
    keyGenerator: (request) => `ip:${request.ip}`,
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, `Too many requests; try again in ${context.after}`),
  });
  const deps: RouteDeps = { store, config, now, provider };
  await app.register((api) => registerApi(api, deps), {
    prefix: API_PREFIX,
  });
  await app.register(ssoPages, deps);

  await registerWeb(app, config.webRoot);
  return app;
}
