import {
  API_PREFIX,
  DATA_INVOLVED,
  DEFAULT_CHANGES,
  DEFAULT_TREND_WEEKS,
  EXTENSION_PUBLIC_KEY,
  GECKO_ID,
  MAX_ANCHORING_BYTES,
  MAX_CHANGES,
  MAX_JSON_BYTES,
  MAX_SCREENSHOT_BYTES,
  MAX_TREND_WEEKS,
  PERSONAL_DATA_STATES,
  PROBLEM_KINDS,
  SCREENSHOT_TYPES,
  SERVER_VERSION,
  SIGN_IN_PROBLEMS,
  STATUSES,
  USABILITY_CATEGORIES,
  WORKAROUNDS,
  _enum,
  _gte,
  _lte,
  _maxLength,
  _minLength,
  _regex,
  anchoringInput,
  anchoringQuery,
  apiError,
  array,
  authRoutes,
  authorizeQuery,
  boolean,
  changesPage,
  changesQuery,
  chromeExtensionId,
  chromiumPolicy,
  cleanText,
  comment,
  commentInput,
  councilConfig,
  createdUser,
  decideAccess,
  decideRefresh,
  deployPack,
  deviceList,
  deviceParams,
  email,
  extend,
  extensionRedirectAllowed,
  extensionRedirectHosts,
  firefoxPolicies,
  hashToken,
  health,
  installAudit,
  int,
  linkTicket,
  liveness,
  managedSettingsFor,
  matrix,
  me,
  mintUser,
  nameFromClaims,
  newSecret,
  newUser,
  normaliseCatalogue,
  nullable,
  object,
  optional,
  proxyTrustFor,
  reapplyAnswer,
  record,
  redactionInput,
  refine,
  reportDetail,
  reportInput,
  reportParams,
  reportQuery,
  reportSummary,
  revokeRequest,
  roleAllows,
  roleFromClaims,
  routes,
  safeReturnPath,
  selector,
  serviceList,
  session,
  signIn,
  signInMethods,
  signInPages,
  storedReport,
  strictObject,
  string,
  subjectFromClaims,
  toJSONSchema,
  tokenAnswer,
  tokenRequest,
  tokenSignInAllowed,
  trends,
  trendsQuery,
  triagePatch,
  union,
  unknown,
  userList,
  userParams,
  uuid,
  v5_default,
  v7_default,
  visibleReportList,
  voteAnswer
} from "./chunk-CVKA4W4Y.js";
import {
  IdentityProvider
} from "./chunk-TFMEY4R7.js";
import {
  newSecret as newSecret2,
  pickAddress,
  urlProblem
} from "./chunk-F3TQAYHU.js";
import {
  entryProblem,
  parseAllowList
} from "./chunk-ODB757JU.js";
import "./chunk-RAPJ3XLV.js";

// server/app.ts
import cookie from "@fastify/cookie";
import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import Fastify from "fastify";

// server/auth.ts
import { timingSafeEqual } from "node:crypto";

// server/errors.ts
var ERROR_CODES = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
  500: "internal",
  503: "unavailable"
};
var HttpError = class extends Error {
  constructor(statusCode, message, code = ERROR_CODES[statusCode]) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.name = "HttpError";
  }
  statusCode;
  code;
};
function errorBody(code, message) {
  return { error: { code, message } };
}
function errorHandler(error, request, reply) {
  let status = error.statusCode ?? 500;
  if (status < 400 || status > 599) status = 500;
  if (status >= 500 && !(error instanceof HttpError && status === 503)) {
    request.log.error({ err: error }, "request failed");
    return reply.code(500).send(errorBody("internal", "Something went wrong on the server"));
  }
  const code = error instanceof HttpError ? error.code : ERROR_CODES[status] ?? "bad_request";
  let message = error.message;
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE")
    message = "The request body is too large";
  if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE")
    message = "This content type is not accepted here";
  if (error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError) {
    message = "The body is not valid JSON";
  }
  return reply.code(status).send(errorBody(code, message));
}

// server/device-auth.ts
async function deviceUser(store, hash, now) {
  const device = await store.deviceByAccessHash(hash);
  if (!device) return null;
  const decision = decideAccess(device, now.toISOString());
  if (decision.kind === "ok") return device.user;
  if (decision.kind === "expired")
    throw new HttpError(
      401,
      "This access token has expired; refresh it",
      "token_expired"
    );
  throw new HttpError(
    401,
    SIGN_IN_PROBLEMS[decision.problem],
    decision.problem
  );
}

// server/auth.ts
var SESSION_COOKIE = "snag_session";
var BEARER = /^Bearer ([A-Za-z0-9_-]{16,256})$/;
var SAFE_METHODS = /* @__PURE__ */ new Set(["GET", "HEAD", "OPTIONS"]);
function sameSecret(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
async function bearerUser(store, hash, now) {
  return await store.userByTokenHash(hash) ?? deviceUser(store, hash, now);
}
function installAuth(api, store, now) {
  api.decorateRequest("user", null);
  api.decorateRequest("authVia", null);
  api.decorateRequest("csrfToken", null);
  api.decorateRequest("sessionHash", null);
  api.addHook(
    "onRequest",
    async (request, _reply) => {
      if (request.is404) return;
      const required = request.routeOptions.config.auth ?? "admin";
      if (required === "public") return;
      const header = request.headers.authorization;
      if (header !== void 0 && required !== "session") {
        const match = BEARER.exec(header);
        const hash = match?.[1] ? hashToken(match[1]) : null;
        const user = hash ? await bearerUser(store, hash, now()) : null;
        if (!user) {
          if (hash && await store.tokenHashRevoked(hash)) {
            throw new HttpError(
              401,
              "This access token has been revoked",
              "token_revoked"
            );
          }
          throw new HttpError(401, "This access token is not valid");
        }
        request.user = user;
        request.authVia = "bearer";
      } else {
        const cookie2 = request.cookies[SESSION_COOKIE];
        if (cookie2) {
          const idHash = hashToken(cookie2);
          const session2 = await store.session(idHash, now().toISOString());
          if (session2) {
            request.user = session2.user;
            request.authVia = "cookie";
            request.csrfToken = session2.csrfToken;
            request.sessionHash = idHash;
          }
        }
        if (!request.user) {
          throw new HttpError(
            401,
            required === "session" ? "Not signed in" : "Sign in with an access token"
          );
        }
        if (!SAFE_METHODS.has(request.method)) {
          const sent = request.headers["x-csrf-token"];
          if (typeof sent !== "string" || !request.csrfToken || !sameSecret(sent, request.csrfToken)) {
            throw new HttpError(
              403,
              "Missing or wrong X-CSRF-Token header",
              "csrf"
            );
          }
        }
      }
      if (required !== "session" && !roleAllows(request.user.role, required)) {
        throw new HttpError(403, `This needs the ${required} role`);
      }
    }
  );
}
function userOf(request) {
  if (!request.user) throw new HttpError(401, "Sign in with an access token");
  return request.user;
}
function rateLimitKey(request) {
  const match = BEARER.exec(request.headers.authorization ?? "");
  if (match?.[1]) return `token:${hashToken(match[1]).slice(0, 32)}`;
  const cookie2 = request.cookies?.[SESSION_COOKIE];
  if (cookie2) return `session:${hashToken(cookie2).slice(0, 32)}`;
  return `ip:${request.ip}`;
}
async function standingCredential(store, request, now) {
  try {
    if (request.authVia === "bearer") {
      const match = BEARER.exec(request.headers.authorization ?? "");
      if (!match?.[1]) return null;
      const hash = hashToken(match[1]);
      const pasted = await store.userByTokenHash(hash);
      if (pasted) return { user: pasted, expiresAt: null };
      const user = await deviceUser(store, hash, now);
      const device = user ? await store.deviceByAccessHash(hash) : null;
      return user && device ? { user, expiresAt: device.expiresAt } : null;
    }
    if (request.authVia === "cookie" && request.sessionHash) {
      const session2 = await store.session(
        request.sessionHash,
        now.toISOString()
      );
      return session2 ? { user: session2.user, expiresAt: session2.expiresAt } : null;
    }
  } catch (error) {
    if (error instanceof HttpError) return null;
    throw error;
  }
  return null;
}

// server/openapi.ts
var known = /* @__PURE__ */ new Map();
function recordRoute(route) {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const config = route.config ?? {};
  const out = [];
  for (const method of methods) {
    if (method === "HEAD" || method === "OPTIONS") continue;
    const info = {
      method,
      url: route.url,
      auth: config.auth ?? "admin",
      doc: config.doc
    };
    known.set(`${method} ${route.url}`, info);
    out.push(info);
  }
  return out;
}
function schemaOf(schema) {
  try {
    return toJSONSchema(schema, { unrepresentable: "any", io: "input" });
  } catch {
    return {};
  }
}
function buildOpenApi() {
  const paths = {};
  const errorContent = { "application/json": { schema: schemaOf(apiError) } };
  for (const route of [...known.values()].sort(
    (a, b) => a.url.localeCompare(b.url)
  )) {
    const path = route.url.replace(/:([A-Za-z]+)/g, "{$1}");
    const params = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" }
    }));
    const query = (route.doc?.query ?? []).map((name) => ({
      name,
      in: "query",
      required: false,
      schema: { type: "string" }
    }));
    const operation = {
      summary: route.doc?.summary ?? "",
      parameters: [...params, ...query],
      security: route.auth === "public" ? [] : route.auth === "session" ? [{ session: [] }] : [{ bearer: [] }, { session: [] }],
      "x-snag-role": route.auth,
      responses: {
        "200": {
          description: "Success",
          ...route.doc?.response ? {
            content: {
              "application/json": { schema: schemaOf(route.doc.response) }
            }
          } : route.doc?.mediaType && route.method === "GET" ? { content: { [route.doc.mediaType]: {} } } : {}
        },
        default: { description: "An error", content: errorContent }
      }
    };
    if (route.doc?.body) {
      operation.requestBody = {
        required: true,
        content: { "application/json": { schema: schemaOf(route.doc.body) } }
      };
    } else if (route.doc?.mediaType && route.method !== "GET") {
      operation.requestBody = {
        required: true,
        content: { [route.doc.mediaType]: {} }
      };
    }
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation;
  }
  return {
    openapi: "3.1.0",
    info: { title: "Snag API", version: SERVER_VERSION },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        session: { type: "apiKey", in: "cookie", name: "snag_session" }
      }
    }
  };
}

// server/domain/access.ts
function mayAddScreenshot(caller, authorId) {
  return caller.id === authorId || caller.role === "admin";
}
function revokeProblem(caller, targetId) {
  return caller.id === targetId ? "Admins cannot revoke themselves" : null;
}

// server/validation.ts
function parseOr400(schema, value, what = "body") {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${what}.${issue.path.join(".")}` : what;
  throw new HttpError(400, `${where}: ${issue?.message ?? "invalid"}`);
}
function readOr400(read) {
  if (!read.ok) throw new HttpError(400, read.message);
  return read.value;
}
function reportIdParam(params) {
  return parseOr400(reportParams, params, "path").id;
}

// server/routes/admin.ts
function users(api, { store, now }) {
  api.get(
    routes.users,
    {
      config: {
        auth: "admin",
        doc: {
          summary: "Every user, revoked ones included",
          response: userList
        }
      }
    },
    async () => store.listUsers()
  );
  api.post(
    routes.users,
    {
      config: {
        auth: "admin",
        doc: {
          summary: "Create a user; the token is shown only in this answer",
          body: newUser,
          response: createdUser
        }
      }
    },
    async (request, reply) => {
      const input = parseOr400(newUser, request.body);
      const { user, token } = mintUser(
        input.name.trim(),
        input.role,
        input.team ?? null,
        now()
      );
      await store.createUser(user);
      await request.audit("user-added", user.id, {
        role: user.role,
        team: user.team
      });
      const created = {
        id: user.id,
        name: user.name,
        role: user.role,
        team: user.team,
        token
      };
      return reply.code(201).send(created);
    }
  );
  api.delete(
    routes.user,
    {
      config: {
        auth: "admin",
        doc: { summary: "Revoke a user's token and end their sessions" }
      }
    },
    async (request, reply) => {
      const { id } = parseOr400(userParams, request.params, "path");
      const refused = revokeProblem(userOf(request), id);
      if (refused) throw new HttpError(400, refused);
      const revoked = await store.revokeUser(id, now().toISOString());
      if (!revoked) throw new HttpError(404, "No active user has this id");
      await request.audit("user-revoked", id, {});
      return reply.code(204).send();
    }
  );
}
function services(api, { store, now }) {
  api.get(
    routes.services,
    {
      config: {
        auth: "admin",
        doc: { summary: "The service catalogue", response: serviceList }
      }
    },
    async () => store.getServices()
  );
  api.put(
    routes.services,
    {
      config: {
        auth: "admin",
        doc: {
          summary: "Replace the service catalogue",
          body: serviceList,
          response: serviceList
        }
      }
    },
    async (request) => {
      const catalogue = normaliseCatalogue(
        parseOr400(serviceList, request.body)
      );
      if (!catalogue.ok) throw new HttpError(400, `body: ${catalogue.message}`);
      await store.putServices(catalogue.entries);
      return store.getServices();
    }
  );
  api.post(
    routes.reapplyServices,
    {
      config: {
        auth: "admin",
        doc: {
          summary: "Re-apply the catalogue to every report; answers how many changed",
          response: reapplyAnswer
        }
      }
    },
    async () => ({
      changed: await store.reapplyServices(now().toISOString())
    })
  );
}
var adminRoutes = async (api, deps) => {
  users(api, deps);
  services(api, deps);
};

// server/routes/session.ts
function toMe(user) {
  return { id: user.id, name: user.name, role: user.role, team: user.team };
}
function getMe(api) {
  api.get(
    routes.me,
    {
      config: {
        auth: "reporter",
        doc: { summary: "Who this token belongs to", response: me }
      }
    },
    async (request) => toMe(userOf(request))
  );
}
async function openSession({ store, config, now }, user, request, reply) {
  const sessionId = newSecret();
  const csrfToken = newSecret();
  const at = now();
  const expires = new Date(at.getTime() + config.sessionTtlMs);
  await store.createSession(
    hashToken(sessionId),
    user.id,
    csrfToken,
    at.toISOString(),
    expires.toISOString()
  );
  await store.appendAudit({
    at: at.toISOString(),
    actor: { id: user.id, name: user.name },
    action: "sign-in",
    target: null,
    detail: { client: "dashboard" },
    address: request.ip
  });
  reply.setCookie(SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: "strict",
    path: "/",
    // request.protocol follows X-Forwarded-Proto only when SNAG_TRUST_PROXY=1.
    secure: request.protocol === "https",
    expires
  });
  return { user: toMe(user), csrfToken };
}
function startSession(api, deps) {
  api.post(
    routes.session,
    {
      config: {
        auth: "public",
        doc: {
          summary: "Sign in to the dashboard with a token",
          body: signIn,
          response: session
        }
      }
    },
    async (request, reply) => {
      const { token } = parseOr400(signIn, request.body);
      const policy = deps.config.signIn.tokenSignIn;
      if (policy === "off")
        throw new HttpError(
          403,
          SIGN_IN_PROBLEMS["token-sign-in-off"],
          "token_sign_in_off"
        );
      const user = await deps.store.userByTokenHash(hashToken(token));
      if (!user)
        throw new HttpError(
          401,
          "This access token is not valid, or has been revoked"
        );
      if (!tokenSignInAllowed(policy, user.role))
        throw new HttpError(
          403,
          "On this server only administrators may sign in to the dashboard with an access token. Sign in with your council account.",
          "token_sign_in_off"
        );
      const opened = await openSession(deps, user, request, reply);
      return {
        ...opened,
        user: {
          ...opened.user,
          councilAccount: await deps.store.hasCouncilAccount(user.id)
        }
      };
    }
  );
}
function currentSession(api, { store }) {
  api.get(
    routes.session,
    {
      config: {
        auth: "session",
        doc: { summary: "The current dashboard session", response: session }
      }
    },
    async (request) => {
      const user = userOf(request);
      return {
        user: {
          ...toMe(user),
          councilAccount: await store.hasCouncilAccount(user.id)
        },
        csrfToken: request.csrfToken ?? ""
      };
    }
  );
  api.delete(
    routes.session,
    { config: { auth: "session", doc: { summary: "Sign out" } } },
    async (request, reply) => {
      if (request.sessionHash) await store.deleteSession(request.sessionHash);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send();
    }
  );
}
var sessionRoutes = async (api, deps) => {
  getMe(api);
  startSession(api, deps);
  currentSession(api, deps);
};

// server/routes/broker.ts
var TOKEN_BODY_LIMIT = 4096;
var LINK_TICKET_TTL_MS = 10 * 6e4;
function signInAgain(problem) {
  return new HttpError(401, SIGN_IN_PROBLEMS[problem], problem);
}
function mintTokens(deps, at) {
  const access = newSecret();
  const refresh2 = newSecret();
  const { deviceAccessTtlMs, deviceRefreshTtlMs } = deps.config.signIn;
  const stored = {
    access: {
      hash: hashToken(access),
      expiresAt: new Date(at.getTime() + deviceAccessTtlMs).toISOString()
    },
    refresh: {
      hash: hashToken(refresh2),
      expiresAt: new Date(at.getTime() + deviceRefreshTtlMs).toISOString()
    }
  };
  const answer2 = (user, deviceId) => ({
    access_token: access,
    token_type: "Bearer",
    expires_in: Math.floor(deviceAccessTtlMs / 1e3),
    refresh_token: refresh2,
    refresh_expires_in: Math.floor(deviceRefreshTtlMs / 1e3),
    device_id: deviceId,
    user: toMe(user)
  });
  return { stored, answer: answer2 };
}
async function tradeCode(deps, input) {
  const at = deps.now();
  const deviceId = v7_default();
  const tokens = mintTokens(deps, at);
  const outcome = await deps.store.exchangeCode(
    hashToken(input.code),
    { verifier: input.code_verifier, redirectUri: input.redirect_uri },
    { id: deviceId, tokens: tokens.stored },
    at.toISOString()
  );
  if (outcome.kind === "refused")
    throw new HttpError(400, outcome.message, "invalid_grant");
  await deps.store.appendAudit({
    at: at.toISOString(),
    actor: { id: outcome.user.id, name: outcome.user.name },
    action: "sign-in",
    target: deviceId,
    detail: { method: "council account", client: "extension" },
    address: null
  });
  return tokens.answer(outcome.user, deviceId);
}
async function refresh(deps, refreshToken) {
  const { store, provider, now } = deps;
  const hash = hashToken(refreshToken);
  const stored = await store.refreshToken(hash);
  const decision = decideRefresh(stored, now().toISOString());
  if (decision.kind === "refused") {
    if (decision.signOut && stored)
      await store.signOutDevice(
        stored.deviceId,
        decision.problem,
        now().toISOString()
      );
    throw signInAgain(decision.problem);
  }
  if (!stored) throw signInAgain("signed-out");
  let providerRefresh;
  if (stored.providerRefresh) {
    const opened = provider?.sealer.open(stored.providerRefresh) ?? null;
    const asked = opened ? await provider.refresh(opened) : null;
    if (asked?.kind === "unavailable")
      throw new HttpError(
        503,
        "Your council\u2019s sign-in service cannot be reached just now; try again shortly",
        "temporarily_unavailable"
      );
    if (!asked || asked.kind === "refused") {
      await store.signOutDevice(
        stored.deviceId,
        "provider-refused",
        now().toISOString()
      );
      throw signInAgain("provider-refused");
    }
    if (asked.refreshToken)
      providerRefresh = provider.sealer.seal(asked.refreshToken);
  }
  const at = now();
  const tokens = mintTokens(deps, at);
  const user = await store.rotateRefresh(
    hash,
    stored.deviceId,
    tokens.stored,
    providerRefresh,
    at.toISOString()
  );
  if (!user) {
    await store.signOutDevice(
      stored.deviceId,
      "refresh-reused",
      at.toISOString()
    );
    throw signInAgain("refresh-reused");
  }
  return tokens.answer(user, stored.deviceId);
}
function tokenEndpoint(api, deps) {
  api.register(async (scope) => {
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: TOKEN_BODY_LIMIT },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body.toString())))
    );
    scope.post(
      authRoutes.token,
      {
        bodyLimit: TOKEN_BODY_LIMIT,
        config: {
          auth: "public",
          doc: {
            summary: "Trade a sign-in code, or a refresh token, for an access token and the next refresh token",
            body: tokenRequest,
            response: tokenAnswer
          }
        }
      },
      async (request) => {
        const input = parseOr400(tokenRequest, request.body);
        if (input.grant_type === "authorization_code")
          return tradeCode(deps, input);
        return refresh(deps, input.refresh_token);
      }
    );
  });
}
function signInRoutes(api, deps) {
  const { store, config, now, provider } = deps;
  api.get(
    authRoutes.methods,
    {
      config: {
        auth: "public",
        doc: {
          summary: "Which ways of signing in this server offers",
          response: signInMethods
        }
      }
    },
    async () => ({
      sso: provider !== null,
      tokenSignIn: config.signIn.tokenSignIn
    })
  );
  api.post(
    authRoutes.revoke,
    {
      bodyLimit: TOKEN_BODY_LIMIT,
      config: {
        auth: "public",
        doc: {
          summary: "Sign out the device holding this refresh token",
          body: revokeRequest
        }
      }
    },
    async (request, reply) => {
      const { refresh_token } = parseOr400(revokeRequest, request.body);
      const stored = await store.refreshToken(hashToken(refresh_token));
      if (stored)
        await store.signOutDevice(
          stored.deviceId,
          "signed-out",
          now().toISOString()
        );
      return reply.code(204).send();
    }
  );
  api.post(
    authRoutes.linkTicket,
    {
      config: {
        auth: "reporter",
        doc: {
          summary: "A one-time ticket that links the caller to the council account they sign in with next",
          response: linkTicket
        }
      }
    },
    async (request) => {
      if (!provider)
        throw new HttpError(
          404,
          SIGN_IN_PROBLEMS["not-configured"],
          "not_found"
        );
      const ticket = newSecret();
      const at = now();
      await store.saveLinkTicket(
        hashToken(ticket),
        userOf(request).id,
        new Date(at.getTime() + LINK_TICKET_TTL_MS).toISOString()
      );
      return { ticket, expires_in: LINK_TICKET_TTL_MS / 1e3 };
    }
  );
}
var brokerRoutes = async (api, deps) => {
  tokenEndpoint(api, deps);
  signInRoutes(api, deps);
};

// server/sign-in/addresses.ts
function publicOrigin(request, config) {
  return config.signIn.publicUrl ?? `${request.protocol}://${request.host}`;
}
function redirectUri(request, config) {
  return `${publicOrigin(request, config)}${signInPages.oidcCallback}`;
}
function signInPageFor(problem) {
  return `/sign-in?reason=${encodeURIComponent(problem)}`;
}
var OAUTH_ERRORS = {
  denied: "access_denied",
  cancelled: "access_denied",
  expired: "invalid_request",
  mismatch: "invalid_request",
  provider: "temporarily_unavailable",
  "not-configured": "server_error",
  "account-revoked": "access_denied",
  "already-linked": "access_denied",
  "token-sign-in-off": "access_denied",
  "refresh-expired": "invalid_grant",
  "refresh-reused": "invalid_grant",
  "signed-out": "invalid_grant",
  "provider-refused": "invalid_grant"
};
function extensionAnswer(clientRedirect, clientState, answer2) {
  const url = new URL(clientRedirect);
  if ("code" in answer2) url.searchParams.set("code", answer2.code);
  else {
    url.searchParams.set("error", OAUTH_ERRORS[answer2.problem]);
    url.searchParams.set("error_description", SIGN_IN_PROBLEMS[answer2.problem]);
    url.searchParams.set("snag_reason", answer2.problem);
  }
  if (clientState) url.searchParams.set("state", clientState);
  return url.href;
}

// server/routes/devices.ts
function devices(api, { store, now }) {
  api.get(
    authRoutes.devices,
    {
      config: {
        auth: "admin",
        doc: {
          summary: "Every device signed in through single sign-on, newest first",
          response: deviceList
        }
      }
    },
    async () => store.listDevices()
  );
  api.delete(
    authRoutes.device,
    {
      config: {
        auth: "admin",
        doc: { summary: "Sign a device out; its tokens stop working at once" }
      }
    },
    async (request, reply) => {
      const { id } = parseOr400(deviceParams, request.params, "path");
      const signedOut = await store.signOutDevice(
        id,
        "signed-out",
        now().toISOString()
      );
      if (!signedOut)
        throw new HttpError(404, "No signed-in device has this id");
      await request.audit("device-signed-out", id, {});
      return reply.code(204).send();
    }
  );
}
function deploy(api, { store, config, provider }) {
  api.get(
    authRoutes.deploy,
    {
      config: {
        auth: "admin",
        doc: {
          summary: "What IT needs to deploy the extension by policy",
          response: deployPack
        }
      }
    },
    async (request) => {
      const { signIn: signIn2 } = config;
      const chromeId = chromeExtensionId(EXTENSION_PUBLIC_KEY);
      const catalogue = await store.getServices();
      const inputs = {
        serverUrl: publicOrigin(request, config),
        sso: provider !== null,
        chromeId,
        geckoId: GECKO_ID,
        chromeUpdateUrl: signIn2.chromeUpdateUrl,
        edgeUpdateUrl: signIn2.edgeUpdateUrl,
        firefoxInstallUrl: signIn2.firefoxInstallUrl,
        councilHosts: catalogue.map((entry) => entry.hostname)
      };
      const settings2 = managedSettingsFor(inputs);
      return {
        extensionId: { chrome: chromeId, firefox: GECKO_ID },
        redirectUri: redirectUri(request, config),
        redirectUriFrom: signIn2.publicUrl ? "SNAG_PUBLIC_URL" : "request",
        extensionRedirects: extensionRedirectHosts(signIn2.extensionIds).map(
          (host) => `https://${host}/`
        ),
        managedSettings: settings2,
        chromePolicy: chromiumPolicy(
          chromeId,
          signIn2.chromeUpdateUrl,
          settings2
        ),
        edgePolicy: chromiumPolicy(chromeId, signIn2.edgeUpdateUrl, settings2),
        firefoxPolicies: firefoxPolicies(
          GECKO_ID,
          signIn2.firefoxInstallUrl,
          settings2
        ),
        sso: provider?.currentStatus() ?? { configured: false, state: "off" }
      };
    }
  );
}
var deviceRoutes = async (api, deps) => {
  devices(api, deps);
  deploy(api, deps);
};

// server/domain/need-to-know.ts
var WITHHELD_TEXT = "A colleague reported this place";
var COLLEAGUE = { id: "", name: "A colleague" };
function readsEverything(reader) {
  return roleAllows(reader.role, "reviewer");
}
function readsInFull(reader, authorId) {
  return readsEverything(reader) || reader.id === authorId;
}
function isWithheld(report) {
  return report.personalData === "flagged";
}
function pinOf(annotation, withheld) {
  const selectors = withheld ? annotation.selectors.filter((s) => s.type !== "TextQuoteSelector") : annotation.selectors;
  if (selectors.length === 0) return null;
  return { id: annotation.id, kind: annotation.kind, note: "", selectors };
}
function summaryOf(report) {
  const withheld = isWithheld(report);
  return {
    id: report.id,
    view: withheld ? "withheld" : "summary",
    serverSeq: report.serverSeq,
    updatedAt: report.updatedAt,
    page: { url: report.page.url, service: report.page.service },
    whatHappened: withheld ? WITHHELD_TEXT : report.whatHappened,
    annotations: report.annotations.map((a) => pinOf(a, withheld)).filter((a) => a !== null),
    status: report.status,
    duplicateOf: report.duplicateOf,
    version: report.version,
    votes: report.votes,
    ...report.votedByMe === void 0 ? {} : { votedByMe: report.votedByMe },
    author: COLLEAGUE
  };
}
function viewOf(report, reader) {
  return readsInFull(reader, report.author.id) ? report : summaryOf(report);
}
var PAGE_KEYS = /* @__PURE__ */ new Set([
  "url",
  "status",
  "sort",
  "mine",
  "limit",
  "cursor"
]);
var PAGE_SORTS = /* @__PURE__ */ new Set(["newest", "oldest", "votes"]);
function scopeList(filter, query, reader) {
  if (readsEverything(reader) || filter.authorId === reader.id)
    return { ok: true, value: filter };
  if (filter.url === void 0)
    return { ok: true, value: { ...filter, authorId: reader.id } };
  const extra = Object.entries(query).find(
    ([key, value]) => value !== void 0 && value !== "" && !PAGE_KEYS.has(key)
  );
  if (extra)
    return {
      ok: false,
      message: `query.${extra[0]}: on a page's reports a reporter may filter by status only; add mine=1 to filter your own reports`
    };
  if (filter.sort && !PAGE_SORTS.has(filter.sort))
    return {
      ok: false,
      message: `query.sort: on a page's reports a reporter may sort by newest, oldest or votes`
    };
  return { ok: true, value: filter };
}
function singleView(report, reader, pageUrl) {
  if (readsInFull(reader, report.author.id)) return report;
  return pageUrl !== void 0 && pageUrl === report.page.url ? summaryOf(report) : null;
}
var mayComment = readsInFull;
var maySeeScreenshot = readsInFull;

// server/routes/discussion.ts
function addComment(api, { store, now }) {
  api.post(
    routes.comments,
    {
      config: {
        auth: "reporter",
        doc: {
          summary: "Add a comment (idempotent by comment id)",
          body: commentInput,
          response: comment
        }
      }
    },
    async (request, reply) => {
      const id = reportIdParam(request.params);
      const input = parseOr400(commentInput, request.body);
      const user = userOf(request);
      const author = await store.reportAuthor(id);
      if (!author) throw new HttpError(404, "No report has this id");
      if (!mayComment(user, author))
        throw new HttpError(
          403,
          "You can comment on your own reports only; use Me too to support a colleague\u2019s"
        );
      const outcome = await store.addComment(
        id,
        input,
        user,
        now().toISOString()
      );
      if (outcome.kind === "not-found")
        throw new HttpError(404, "No report has this id");
      if (outcome.kind === "conflict")
        throw new HttpError(409, "A different comment already has this id");
      return reply.code(outcome.kind === "created" ? 201 : 200).send(outcome.comment);
    }
  );
}
function votes(api, { store, now }) {
  const vote = (on) => async (request) => {
    const id = reportIdParam(request.params);
    const result = await store.setVote(
      id,
      userOf(request).id,
      on,
      now().toISOString()
    );
    if (!result) throw new HttpError(404, "No report has this id");
    return result;
  };
  api.put(
    routes.myVote,
    {
      config: {
        auth: "reporter",
        doc: { summary: 'Say "me too"', response: voteAnswer }
      }
    },
    vote(true)
  );
  api.delete(
    routes.myVote,
    {
      config: {
        auth: "reporter",
        doc: { summary: 'Take back a "me too"', response: voteAnswer }
      }
    },
    vote(false)
  );
}
function triage(api, { store, now }) {
  api.patch(
    routes.triage,
    {
      config: {
        auth: "reviewer",
        doc: {
          summary: "Change triage fields, guarded by baseVersion (409 if stale)",
          body: triagePatch,
          response: reportDetail
        }
      }
    },
    async (request, reply) => {
      const id = reportIdParam(request.params);
      const patch = parseOr400(triagePatch, request.body);
      const outcome = await store.triage(
        id,
        patch,
        userOf(request),
        now().toISOString()
      );
      switch (outcome.kind) {
        case "ok":
          await request.audit("triage", id, {
            fields: Object.keys(patch).filter((k) => k !== "baseVersion")
          });
          return outcome.report;
        case "not-found":
          throw new HttpError(404, "No report has this id");
        case "bad-duplicate":
          throw new HttpError(400, `body.duplicateOf: ${outcome.message}`);
        case "conflict": {
          const conflict = {
            ...errorBody(
              "conflict",
              "Someone else changed this report since you opened it"
            ),
            current: outcome.current,
            changedBy: outcome.changedBy
          };
          return reply.code(409).send(conflict);
        }
      }
    }
  );
}
var discussionRoutes = async (api, deps) => {
  addComment(api, deps);
  votes(api, deps);
  triage(api, deps);
};

// server/routes/events.ts
var HEARTBEAT_MS = 25e3;
var ACCESS_RECHECK_MS = 1e4;
var MAX_STREAMS = 500;
var MAX_STREAMS_PER_USER = 10;
var MAX_TIMER_MS = 2 ** 31 - 1;
function frame(event) {
  const data = { id: event.id, serverSeq: event.serverSeq };
  return `event: ${event.type}
data: ${JSON.stringify(data)}

`;
}
function startStream(res, request, options) {
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    connection: "keep-alive",
    "x-content-type-options": "nosniff"
  });
  res.write(": connected\n\n");
  const heartbeat = setInterval(
    () => res.write(": keep-alive\n\n"),
    HEARTBEAT_MS
  );
  heartbeat.unref();
  const { expiresAt } = options;
  const expiry = expiresAt ? setTimeout(
    () => stream.end(),
    Math.min(
      MAX_TIMER_MS,
      Math.max(0, Date.parse(expiresAt) - options.now().getTime())
    )
  ) : null;
  expiry?.unref();
  let open = true;
  const cleanup = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    if (expiry) clearTimeout(expiry);
    options.onEnd();
  };
  const stream = {
    userId: options.userId,
    write: (text2) => res.write(text2),
    end: () => {
      cleanup();
      res.end();
    },
    recheck: async () => {
      const still = await options.stillAllowed().catch(() => true);
      if (!still) stream.end();
    }
  };
  request.raw.on("close", cleanup);
  res.on("close", cleanup);
  return stream;
}
async function standing(store, request, at) {
  const credential = await standingCredential(store, request, at);
  const ok = credential !== null && credential.user.revokedAt === null && roleAllows(credential.user.role, "reviewer");
  return { ok, expiresAt: credential?.expiresAt ?? null };
}
var eventRoutes = async (api, { store, now }) => {
  const streams = /* @__PURE__ */ new Set();
  const streamsByUser = /* @__PURE__ */ new Map();
  const unsubscribe = store.onEvent((event) => {
    if (event.type === "access-changed") {
      for (const stream of streams)
        if (!event.userId || event.userId === stream.userId)
          void stream.recheck();
      return;
    }
    const text2 = frame(event);
    for (const stream of streams) stream.write(text2);
  });
  await store.eventsReady();
  const sweep = setInterval(() => {
    for (const stream of streams) void stream.recheck();
  }, ACCESS_RECHECK_MS);
  sweep.unref();
  api.addHook("preClose", async () => {
    unsubscribe();
    clearInterval(sweep);
    for (const stream of streams) stream.end();
    streams.clear();
  });
  api.get(
    routes.events,
    {
      config: {
        auth: "reviewer",
        doc: {
          summary: "Server-sent events: report-created, report-updated",
          mediaType: "text/event-stream"
        }
      }
    },
    async (request, reply) => {
      const { id: userId } = userOf(request);
      const mine = streamsByUser.get(userId) ?? 0;
      if (streams.size >= MAX_STREAMS || mine >= MAX_STREAMS_PER_USER) {
        throw new HttpError(
          429,
          "Too many live-update connections are open for this account. Close some dashboard tabs, then reload."
        );
      }
      const first = await standing(store, request, now());
      streamsByUser.set(userId, mine + 1);
      reply.hijack();
      const stream = startStream(reply.raw, request, {
        userId,
        expiresAt: first.expiresAt,
        now,
        stillAllowed: async () => (await standing(store, request, now())).ok,
        onEnd: () => {
          streams.delete(stream);
          const left = (streamsByUser.get(userId) ?? 1) - 1;
          if (left > 0) streamsByUser.set(userId, left);
          else streamsByUser.delete(userId);
        }
      });
      streams.add(stream);
    }
  );
};

// server/domain/readiness.ts
var READY_TIMEOUT_MS = 5e3;
var FULL = /* @__PURE__ */ new Set(["SQLITE_FULL", "ENOSPC", "53100", "EDQUOT"]);
var READ_ONLY = /* @__PURE__ */ new Set(["EROFS", "EACCES", "EPERM", "25006"]);
var UNREACHABLE = /* @__PURE__ */ new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "57P01",
  "57P03"
]);
function notReadyReason(error) {
  const code = String(error?.code ?? "");
  if (FULL.has(code)) return "The disk that holds the data is full";
  if (READ_ONLY.has(code) || code.startsWith("SQLITE_READONLY"))
    return "The data directory or database is read-only";
  if (code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_CANTOPEN"))
    return "The data files cannot be written";
  if (code === "timeout")
    return `The store did not answer within ${READY_TIMEOUT_MS / 1e3} seconds`;
  if (UNREACHABLE.has(code) || code.startsWith("08"))
    return "The database cannot be reached";
  return "The store cannot save changes; the server log says why";
}
function withTimeout(probe, ms = READY_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(Object.assign(new Error("timeout"), { code: "timeout" })),
      ms
    );
    timer.unref?.();
    probe().then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    );
  });
}

// server/routes/meta.ts
var metaRoutes = async (api, { store, config, provider }) => {
  const ready = async (request) => {
    try {
      await withTimeout(() => store.checkWritable());
    } catch (error) {
      request.log.error({ err: error }, "not ready: the store cannot write");
      throw new HttpError(503, `Not ready: ${notReadyReason(error)}`);
    }
    return {
      service: "snag",
      status: "ok",
      store: store.kind,
      migration: store.migration,
      version: SERVER_VERSION,
      // The server keeps serving pasted tokens when the provider fails, so it stays "ok".
      ...provider ? { sso: provider.currentStatus() } : {}
    };
  };
  const readyDoc = {
    auth: "public",
    doc: {
      summary: "Can this server take reports now? 503 with the reason if its store cannot write",
      response: health
    }
  };
  api.get(routes.healthReady, { config: readyDoc }, ready);
  api.get(routes.health, { config: readyDoc }, ready);
  api.get(
    routes.healthLive,
    {
      config: {
        auth: "public",
        doc: {
          summary: "Is the process up? Never touches the store",
          response: liveness
        }
      }
    },
    async () => ({ service: "snag", status: "ok" })
  );
  api.get(
    routes.config,
    {
      config: {
        auth: "public",
        doc: {
          summary: "The council's name and colour, for the dashboard",
          response: councilConfig
        }
      }
    },
    async () => ({
      councilName: config.councilName,
      colour: config.councilColour
    })
  );
  api.get(
    routes.openapi,
    { config: { auth: "public", doc: { summary: "This document" } } },
    async () => buildOpenApi()
  );
};

// server/routes/redactions.ts
function answer(outcome) {
  if (outcome.kind === "not-found")
    throw new HttpError(404, "No report has this id");
  if (outcome.kind === "bad") throw new HttpError(400, outcome.message);
  return outcome.report;
}
var redactionRoutes = async (api, { store, now }) => {
  api.post(
    routes.redactions,
    {
      config: {
        auth: "reviewer",
        doc: {
          summary: "Redact selected text of one field, or remove the screenshot; the original is gone",
          body: redactionInput,
          response: reportDetail
        }
      }
    },
    async (request) => {
      const id = reportIdParam(request.params);
      const input = parseOr400(redactionInput, request.body);
      const user = userOf(request);
      const outcome = await store.redact(
        id,
        input,
        user.id,
        now().toISOString()
      );
      const report = answer(outcome);
      await request.audit("redaction", id, { field: input.field });
      return report;
    }
  );
  api.delete(
    routes.personalData,
    {
      config: {
        auth: "reviewer",
        doc: {
          summary: "Clear the personal-data flag: a reviewer found nothing that must be hidden",
          response: reportDetail
        }
      }
    },
    async (request) => {
      const id = reportIdParam(request.params);
      const report = answer(
        await store.clearPersonalData(
          id,
          userOf(request).id,
          now().toISOString()
        )
      );
      await request.audit("personal-data-cleared", id, {});
      return report;
    }
  );
};

// server/routes/anchoring.ts
var anchoringRoutes = async (api, { store, now }) => {
  api.put(
    routes.anchoring,
    {
      bodyLimit: MAX_ANCHORING_BYTES,
      config: {
        auth: "reporter",
        doc: {
          summary: "Record how each named note was found on the live page (exact, fuzzy, contextual or missing); a colleague\u2019s report is named with the page it is on (`url`). Not an edit: no version, no notification",
          body: anchoringInput,
          query: ["url"]
        }
      }
    },
    async (request, reply) => {
      const id = reportIdParam(request.params);
      const input = parseOr400(anchoringInput, request.body);
      const { url } = parseOr400(anchoringQuery, request.query ?? {}, "query");
      const user = userOf(request);
      const report = await store.getReport(id, user.id);
      const view = report && singleView(report, user, url);
      if (!view) throw new HttpError(404, "No report has this id");
      const known2 = new Set(view.annotations.map((a) => a.id));
      const unknown2 = Object.keys(input.annotations).find((a) => !known2.has(a));
      if (unknown2 !== void 0)
        throw new HttpError(
          400,
          `body.annotations.${unknown2}: this report has no note with this id`
        );
      await store.recordAnchoring(id, input.annotations, now().toISOString());
      return reply.code(204).send();
    }
  );
};

// server/routes/audit.ts
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";

// protocol/audit.ts
var AUDIT_ACTIONS = [
  "sign-in",
  "export",
  "triage",
  "redaction",
  "personal-data-cleared",
  "user-added",
  "user-revoked",
  "device-signed-out",
  "retention"
];
var auditEntry = object({
  id: int(),
  at: string(),
  actor: nullable(object({ id: string(), name: string() })),
  action: _enum(AUDIT_ACTIONS),
  /** The report, user or device acted on, when there is one. */
  target: nullable(string()),
  /** Facts about the action: filters of an export, fields of a triage, counts of a run. */
  detail: record(string(), unknown()),
  /** The client's address as the server saw it. */
  address: nullable(string())
});
var auditPage = object({
  entries: array(auditEntry),
  cursor: nullable(string())
});
var auditQuery = object({
  action: optional(_enum(AUDIT_ACTIONS)),
  cursor: optional(
    string().check(_regex(/^\d{1,15}$/, "Not a cursor from this server"))
  ),
  limit: optional(
    string().check(_regex(/^\d{1,3}$/, "Expected a number"))
  )
});

// server/export/csv.ts
var CSV_COLUMNS = [
  "id",
  "receivedAt",
  "createdAt",
  "service",
  "pageUrl",
  "pageTitle",
  "problems",
  "usabilityCategories",
  "workarounds",
  "dataInvolved",
  "whoIsAffected",
  "frequency",
  "trying",
  "whatHappened",
  "annotations",
  "status",
  "usabilitySeverity",
  "securityRisk",
  "assignee",
  "duplicateOf",
  "votes",
  "comments",
  "author",
  "authorTeam"
];
var FORMULA_START = (
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  /^(?:[\s\u00A0\u2000-\u200B\u3000\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\u0000-\u001F])/
);
function defuseFormula(value) {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
function csvRecord(report) {
  const hard = report.problems.find((p) => p.kind === "hard-to-use");
  const insecure = report.problems.find(
    (p) => p.kind === "insecure-workaround"
  );
  const text2 = (s) => defuseFormula(s ?? "");
  return {
    id: report.id,
    receivedAt: report.receivedAt,
    createdAt: report.createdAt,
    service: text2(report.page.service),
    pageUrl: text2(report.page.url),
    pageTitle: text2(report.page.title),
    problems: report.problems.map((p) => p.kind).join("; "),
    usabilityCategories: hard?.usabilityCategories.join("; ") ?? "",
    workarounds: insecure?.workarounds.join("; ") ?? "",
    dataInvolved: insecure?.dataInvolved ?? "",
    whoIsAffected: report.whoIsAffected ?? "",
    frequency: report.frequency ?? "",
    trying: text2(report.trying),
    whatHappened: text2(report.whatHappened),
    annotations: text2(
      report.annotations.map((a) => a.note).filter(Boolean).join(" | ")
    ),
    status: report.status,
    usabilitySeverity: report.usabilitySeverity ?? "",
    securityRisk: report.securityRisk ?? "",
    assignee: text2(report.assignee),
    duplicateOf: report.duplicateOf ?? "",
    votes: report.votes,
    comments: report.comments.length,
    author: text2(report.author.name),
    authorTeam: report.author.team ?? ""
  };
}

// server/routes/audit.ts
var DEFAULT_PAGE = 50;
var MAX_PAGE = 500;
var CSV_BATCH = 500;
var AUDIT_CSV_COLUMNS = [
  "id",
  "at",
  "actorId",
  "actorName",
  "action",
  "target",
  "detail",
  "address"
];
function auditRecord(entry) {
  return {
    id: entry.id,
    at: entry.at,
    actorId: entry.actor?.id ?? "",
    actorName: defuseFormula(entry.actor?.name ?? "Snag"),
    action: entry.action,
    target: entry.target ?? "",
    detail: defuseFormula(JSON.stringify(entry.detail)),
    address: entry.address ?? ""
  };
}
var auditRoutes = async (api, { store }) => {
  api.get(
    routes.audit,
    {
      config: {
        auth: "admin",
        doc: {
          summary: `The audit log, newest first (limit \u2264 ${MAX_PAGE})`,
          response: auditPage,
          query: ["action", "cursor", "limit"]
        }
      }
    },
    async (request) => {
      const q = parseOr400(auditQuery, request.query ?? {}, "query");
      const limit = q.limit === void 0 ? DEFAULT_PAGE : Number(q.limit);
      if (limit < 1 || limit > MAX_PAGE)
        throw new HttpError(400, `query.limit: between 1 and ${MAX_PAGE}`);
      const entries = await store.listAudit({
        ...q.action ? { action: q.action } : {},
        ...q.cursor ? { before: Number(q.cursor) } : {},
        limit
      });
      const last = entries[entries.length - 1];
      return {
        entries,
        cursor: entries.length === limit && last ? String(last.id) : null
      };
    }
  );
  api.get(
    routes.auditCsv,
    {
      config: {
        auth: "admin",
        doc: { summary: "The whole audit log as CSV", mediaType: "text/csv" }
      }
    },
    async (request, reply) => {
      await request.audit("export", null, { format: "audit-csv" });
      const rows = Readable.from(
        (async function* () {
          let before;
          for (; ; ) {
            const batch = await store.listAudit({
              ...before === void 0 ? {} : { before },
              limit: CSV_BATCH
            });
            for (const entry of batch) yield auditRecord(entry);
            const last = batch[batch.length - 1];
            if (!last || batch.length < CSV_BATCH) return;
            before = last.id;
          }
        })()
      );
      const csv = stringify({
        header: true,
        columns: [...AUDIT_CSV_COLUMNS],
        bom: true
      });
      rows.on("error", (error) => csv.destroy(error));
      return reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="snag-audit.csv"').send(rows.pipe(csv));
    }
  );
};

// protocol/filters.ts
var REPORT_SORTS = [
  "newest",
  "oldest",
  "severity",
  "risk",
  "votes"
];
var UNRATED = "none";
var MAX_LIST_LIMIT = 200;
var DEFAULT_LIST_LIMIT = 50;
var text = (max) => optional(string().check(_maxLength(max)));
var isoDate = optional(
  string().check(
    refine(
      (s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)),
      "Expected an ISO date"
    )
  )
);
var level = optional(
  string().check(_regex(new RegExp(`^([1-4]|${UNRATED})$`), "Expected 1\u20134 or none"))
);
var filterFields = {
  /** Free text, matched case-insensitively in what was tried, what happened, title and notes. */
  q: text(500),
  /** One status or a comma-separated list of them. */
  status: text(200),
  service: text(200),
  problem: optional(_enum(PROBLEM_KINDS)),
  category: optional(_enum(USABILITY_CATEGORIES)),
  workaround: optional(_enum(WORKAROUNDS)),
  dataInvolved: optional(_enum(DATA_INVOLVED)),
  /** `flagged`: the personal-data check found something a reviewer has not yet cleared. */
  personalData: optional(_enum(PERSONAL_DATA_STATES)),
  /** `1`–`4`, or {@link UNRATED}. */
  severity: level,
  /** `1`–`4`, or {@link UNRATED}. */
  risk: level,
  assignee: text(200),
  /** Inclusive lower bound on `receivedAt`. */
  from: isoDate,
  /** Upper bound on `receivedAt`; a bare date includes that whole day. */
  to: isoDate
};
var listFilters = object({
  ...filterFields,
  /** Exact cleaned page URL: the extension asks for the reports on the page it is on. */
  url: text(2048),
  /** `1` or `true`: only the caller's own reports. */
  mine: optional(_enum(["0", "1", "true", "false"])),
  sort: optional(_enum(REPORT_SORTS))
});
var reportListQuery = extend(listFilters, {
  /** Where the page starts, from the previous page's `cursor`. */
  cursor: optional(
    string().check(_regex(/^\d{1,9}$/, "Not a cursor from this server"))
  ),
  /** 1 to {@link MAX_LIST_LIMIT}. */
  limit: optional(
    string().check(_regex(/^\d{1,3}$/, "Expected a number"))
  )
});
var FILTER_KEYS = Object.keys(filterFields);
var LIST_QUERY_KEYS = Object.keys(
  listFilters.shape
);

// server/domain/report-filter.ts
var levelOf = (value) => value === UNRATED ? null : Number(value);
function readStatuses(list) {
  const statuses = list.split(",").map((s) => s.trim()).filter(Boolean);
  const unknown2 = statuses.find(
    (s) => !STATUSES.includes(s)
  );
  if (unknown2 !== void 0)
    return { ok: false, message: `query.status: unknown status "${unknown2}"` };
  return { ok: true, value: statuses };
}
function filterFromQuery(q, viewerId) {
  const filter = {};
  if (q.status) {
    const statuses = readStatuses(q.status);
    if (!statuses.ok) return statuses;
    filter.status = statuses.value;
  }
  if (q.service) filter.service = q.service;
  if (q.problem) filter.problem = q.problem;
  if (q.category) filter.category = q.category;
  if (q.workaround) filter.workaround = q.workaround;
  if (q.dataInvolved) filter.dataInvolved = q.dataInvolved;
  if (q.personalData) filter.personalData = q.personalData;
  if (q.severity) filter.severity = levelOf(q.severity);
  if (q.risk) filter.risk = levelOf(q.risk);
  if (q.assignee) filter.assignee = q.assignee;
  if (q.from) filter.from = q.from;
  if (q.to) filter.to = q.to;
  if (q.q) filter.q = q.q;
  if (q.url) filter.url = q.url;
  if (q.mine === "1" || q.mine === "true") filter.authorId = viewerId;
  filter.sort = q.sort ?? "newest";
  return { ok: true, value: filter };
}
function listRequest(q, viewerId) {
  const filter = filterFromQuery(q, viewerId);
  if (!filter.ok) return filter;
  const limit = q.limit === void 0 ? DEFAULT_LIST_LIMIT : Number(q.limit);
  if (limit < 1 || limit > MAX_LIST_LIMIT)
    return {
      ok: false,
      message: `query.limit: between 1 and ${MAX_LIST_LIMIT}`
    };
  const offset = q.cursor ? Number(q.cursor) : 0;
  return { ok: true, value: { filter: filter.value, offset, limit } };
}

// server/routes/reports.ts
function putReport(api, { store, now }) {
  api.put(
    routes.report,
    {
      config: {
        auth: "reporter",
        doc: {
          summary: "Create or update a report (idempotent)",
          body: reportInput,
          response: storedReport
        }
      }
    },
    async (request, reply) => {
      const id = reportIdParam(request.params);
      const input = parseOr400(reportInput, request.body);
      if (input.id !== id)
        throw new HttpError(400, "body.id: must match the id in the path");
      const outcome = await store.putReport(
        input,
        userOf(request),
        now().toISOString()
      );
      if (outcome.kind === "forbidden")
        throw new HttpError(403, "Only the author may change this report");
      return reply.code(outcome.kind === "created" ? 201 : 200).send(outcome.report);
    }
  );
}
function getReport(api, { store }) {
  api.get(
    routes.report,
    {
      config: {
        auth: "reporter",
        doc: {
          summary: "One report with comments, votes and triage history; a colleague\u2019s, on the page named by `url`, as a summary",
          response: union([reportDetail, reportSummary]),
          query: ["url"]
        }
      }
    },
    async (request) => {
      const user = userOf(request);
      const { url } = parseOr400(reportQuery, request.query ?? {}, "query");
      const report = await store.getReport(
        reportIdParam(request.params),
        user.id
      );
      const view = report && singleView(report, user, url);
      if (!view) throw new HttpError(404, "No report has this id");
      return view;
    }
  );
}
function listReports(api, { store }) {
  api.get(
    routes.reports,
    {
      config: {
        auth: "reporter",
        doc: {
          summary: `A filtered page of reports (limit \u2264 ${MAX_LIST_LIMIT}); for a reporter, their own, or everyone\u2019s on the page named by \`url\` with colleagues\u2019 as summaries`,
          response: visibleReportList,
          query: [...LIST_QUERY_KEYS, "cursor", "limit"]
        }
      }
    },
    async (request) => {
      const user = userOf(request);
      const query = parseOr400(reportListQuery, request.query ?? {}, "query");
      const list = readOr400(listRequest(query, user.id));
      const filter = readOr400(scopeList(list.filter, query, user));
      const { reports, total } = await store.listReports(filter, list, user.id);
      const next = list.offset + reports.length;
      return {
        reports: reports.map((r) => viewOf(r, user)),
        cursor: next < total ? String(next) : null,
        total
      };
    }
  );
}
function changes(api, { store }) {
  api.get(
    routes.changes,
    {
      config: {
        auth: "reporter",
        doc: {
          summary: `Changes in server order (limit \u2264 ${MAX_CHANGES}); for a reporter, their own reports and those they voted for`,
          response: changesPage,
          query: ["since", "limit"]
        }
      }
    },
    async (request) => {
      const q = parseOr400(changesQuery, request.query ?? {}, "query");
      const since = q.since === void 0 ? 0 : Number(q.since);
      const limit = q.limit === void 0 ? DEFAULT_CHANGES : Number(q.limit);
      if (limit < 1 || limit > MAX_CHANGES)
        throw new HttpError(400, `query.limit: between 1 and ${MAX_CHANGES}`);
      const user = userOf(request);
      const slice = await store.changes(
        since,
        limit,
        user.id,
        readsEverything(user) ? void 0 : user.id
      );
      return {
        changes: slice.changes.map((c) => ({
          cursor: c.cursor,
          report: viewOf(c.report, user)
        })),
        cursor: String(slice.last ?? since),
        hasMore: slice.hasMore
      };
    }
  );
}
var reportRoutes = async (api, deps) => {
  putReport(api, deps);
  getReport(api, deps);
  listReports(api, deps);
  changes(api, deps);
};

// server/routes/review.ts
import { Readable as Readable2 } from "node:stream";
import { stringify as stringify2 } from "csv-stringify";

// server/domain/trends.ts
function weekStart(date) {
  const d = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())
  );
  const offset = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - offset);
  return d;
}
function trendsSince(now, weeks) {
  const start = weekStart(now);
  start.setUTCDate(start.getUTCDate() - 7 * (weeks - 1));
  return start;
}
function buildTrends(rows, now, weeks) {
  const first = trendsSince(now, weeks);
  const labels = Array.from({ length: weeks }, (_, i) => {
    const d = new Date(first);
    d.setUTCDate(d.getUTCDate() + 7 * i);
    return d.toISOString().slice(0, 10);
  });
  const week = (iso) => Math.floor((Date.parse(iso) - first.getTime()) / (7 * 864e5));
  const services2 = /* @__PURE__ */ new Map();
  const problems = /* @__PURE__ */ new Map([
    ["hard-to-use", Array(weeks).fill(0)],
    ["insecure-workaround", Array(weeks).fill(0)]
  ]);
  const workarounds = /* @__PURE__ */ new Map();
  for (const row of rows) {
    const i = week(row.receivedAt);
    if (i < 0 || i >= weeks) continue;
    const counts = services2.get(row.service) ?? Array(weeks).fill(0);
    counts[i] = (counts[i] ?? 0) + 1;
    services2.set(row.service, counts);
    const hard = problems.get("hard-to-use");
    const insecure = problems.get("insecure-workaround");
    if (row.hardToUse && hard) hard[i] = (hard[i] ?? 0) + 1;
    if (row.insecure && insecure) insecure[i] = (insecure[i] ?? 0) + 1;
    for (const w of row.workarounds)
      workarounds.set(w, (workarounds.get(w) ?? 0) + 1);
  }
  return {
    weeks: labels,
    byService: [...services2].map(([name, counts]) => ({ name, counts })).sort((a, b) => a.name.localeCompare(b.name)),
    byProblem: [...problems].map(([name, counts]) => ({ name, counts })),
    topWorkarounds: [...workarounds].map(([workaround, count]) => ({ workaround, count })).sort(
      (a, b) => b.count - a.count || a.workaround.localeCompare(b.workaround)
    ).slice(0, 10)
  };
}

// server/export/context.ts
var ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
var SNAG_NAMESPACE = "https://snag.invalid/ns#";
var SNAG_PREFIX = "snag";
var SNAG_TERMS = {
  "snag:report": {
    iri: true,
    about: "The report the annotation belongs to (`urn:uuid:` + report id)."
  },
  "snag:status": {
    iri: false,
    about: "The report\u2019s triage status: new, triaged, in-progress, fixed\u2026"
  },
  "snag:service": {
    iri: false,
    about: "The council service the page belongs to (from the catalogue)."
  },
  "snag:summary": {
    iri: false,
    about: "On the collection: what the export read, and what it left out."
  },
  "snag:reportsRead": {
    iri: false,
    about: "How many stored reports the export read."
  },
  "snag:leftOut": {
    iri: false,
    about: "How many reports or annotations were left out, each with a note."
  },
  "snag:adjusted": {
    iri: false,
    about: "How many were exported after a repair, each with a note."
  },
  "snag:notes": {
    iri: false,
    about: "One entry per report or annotation left out or repaired."
  },
  "snag:notesNotListed": {
    iri: false,
    about: "Notes beyond the first hundred, counted but not listed."
  },
  "snag:position": {
    iri: false,
    about: "Which report of the export a note is about, counting from 0."
  },
  "snag:annotation": {
    iri: true,
    about: "The annotation a note is about, when it has a usable id."
  },
  "snag:outcome": {
    iri: false,
    about: "`left out` or `adjusted`."
  },
  "snag:reason": { iri: false, about: "Why, in words." }
};
var SNAG_CONTEXT = {
  [SNAG_PREFIX]: SNAG_NAMESPACE,
  ...Object.fromEntries(
    Object.entries(SNAG_TERMS).filter(([, term]) => term.iri).map(([name]) => [name, { "@type": "@id" }])
  )
};
var EXPORT_CONTEXT = [
  ANNOTATION_CONTEXT,
  SNAG_CONTEXT
];

// server/export/values.ts
var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value) {
  return typeof value === "string" && UUID.test(value);
}
var iriVerdicts = /* @__PURE__ */ new Map();
var MAX_IRI_VERDICTS = 1e4;
function isIri(value) {
  if (typeof value !== "string") return false;
  const known2 = iriVerdicts.get(value);
  if (known2 !== void 0) return known2;
  const verdict = (
    // eslint-disable-next-line no-control-regex -- controls are what an IRI may not hold
    /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`\u0000-\u001f\u007f]*$/.test(
      value
    ) && URL.canParse(value)
  );
  if (iriVerdicts.size >= MAX_IRI_VERDICTS) iriVerdicts.clear();
  iriVerdicts.set(value, verdict);
  return verdict;
}
var DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/i;
function isDateTime(value) {
  if (typeof value !== "string") return false;
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const part = (i) => Number(m[i] ?? 0);
  const [year, month, day] = [part(1), part(2), part(3)];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && part(4) <= 23 && part(5) <= 59 && // 60 for a leap second, which RFC 3339 allows.
  part(6) <= 60 && part(7) <= 23 && part(8) <= 59;
}
function isLanguageTag(value) {
  return typeof value === "string" && /^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(value);
}
function languageTag(value) {
  if (typeof value !== "string") return void 0;
  if (!languageTags.has(value)) {
    if (languageTags.size >= 1e3) languageTags.clear();
    languageTags.set(value, canonicalLanguageTag(value));
  }
  return languageTags.get(value);
}
var languageTags = /* @__PURE__ */ new Map();
function canonicalLanguageTag(value) {
  try {
    const [tag] = Intl.getCanonicalLocales(value.trim().replace(/_/g, "-"));
    return isLanguageTag(tag) ? tag : void 0;
  } catch {
    return void 0;
  }
}
function isMediaType(value) {
  return typeof value === "string" && /^(?:application|audio|example|font|image|message|model|multipart|text|video)\/[\w.+-]+$/.test(
    value
  );
}
var UNREPRESENTABLE = (
  // eslint-disable-next-line no-control-regex -- these controls are exactly what is replaced
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
);
function cleanText2(value) {
  if (typeof value !== "string") return { text: "", repaired: value != null };
  const text2 = value.replace(UNREPRESENTABLE, "\uFFFD");
  return { text: text2, repaired: text2 !== value };
}

// server/export/assertions/values.ts
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function has(o, key) {
  return Object.prototype.hasOwnProperty.call(o, key);
}
function valuesOf(value) {
  if (value === void 0) return [];
  return Array.isArray(value) ? value : [value];
}
function single(value, test) {
  if (Array.isArray(value)) return value.length === 1 && test(value[0]);
  return test(value);
}
function oneOrMore(value, test) {
  if (Array.isArray(value)) return value.length > 0 && value.every(test);
  return test(value);
}
function absentOr(o, key, test) {
  return !has(o, key) || test(o[key]);
}
var isString = (v) => typeof v === "string";
var isNonNegativeInteger = (v) => Number.isInteger(v) && v >= 0;
var singleIri = (v) => single(v, isIri);
var singleDateTime = (v) => single(v, isDateTime);
function typed(o, name) {
  return valuesOf(o.type).includes(name);
}
var MOTIVATIONS = [
  "assessing",
  "bookmarking",
  "classifying",
  "commenting",
  "describing",
  "editing",
  "highlighting",
  "identifying",
  "linking",
  "moderating",
  "questioning",
  "replying",
  "tagging"
];
var isMotivation = (v) => MOTIVATIONS.includes(v);
function contextNamesModel(doc) {
  return has(doc, "@context") && valuesOf(doc["@context"]).includes(ANNOTATION_CONTEXT);
}

// server/export/assertions/assertion.ts
function must(id, says, holds) {
  return { id, level: "must", says, holds };
}
function should(id, says, holds) {
  return { id, level: "should", says, holds };
}
var memo = null;
function remembered(o, what, work) {
  if (!memo) return work();
  let known2 = memo.get(o);
  if (!known2) {
    known2 = /* @__PURE__ */ new Map();
    memo.set(o, known2);
  }
  if (known2.has(what)) return known2.get(what);
  const value = work();
  known2.set(what, value);
  return value;
}
function checkAll(assertions, doc) {
  const outer = memo;
  memo ??= /* @__PURE__ */ new WeakMap();
  try {
    return assertions.map(({ id, level: level2, says, holds }) => {
      let passed = false;
      if (isRecord(doc)) {
        try {
          passed = holds(doc);
        } catch {
          passed = false;
        }
      }
      return { id, level: level2, says, passed };
    });
  } finally {
    memo = outer;
  }
}
function failedMusts(assertions, doc) {
  return checkAll(
    assertions.filter((a) => a.level === "must"),
    doc
  ).filter((r) => !r.passed).map((r) => r.id);
}

// server/export/assertions/resources.ts
function identified(o) {
  return isRecord(o) && has(o, "id") && singleIri(o.id);
}
function isExternal(o) {
  return isRecord(o) && remembered(
    o,
    "external",
    () => identified(o) && !has(o, "source") && !has(o, "target")
  );
}
function isTextual(o) {
  return isRecord(o) && isString(o.value);
}
function hasSource(o) {
  return isRecord(o) && has(o, "source") && (isIri(o.source) || isExternal(o.source));
}
function isSpecific(o) {
  return isRecord(o) && remembered(o, "specific", () => specific(o));
}
function specific(o) {
  if (!hasSource(o)) return false;
  return has(o, "purpose") && oneOrMore(o.purpose, isMotivation) || has(o, "selector") && oneOrMore(o.selector, isSelectorValue) || has(o, "state") && oneOrMore(o.state, isStateValue) || has(o, "styleClass") && oneOrMore(o.styleClass, isString) || has(o, "renderedVia") && oneOrMore(o.renderedVia, (v) => singleIri(v) || identified(v)) || has(o, "scope") && oneOrMore(o.scope, isIri);
}
function isChoice(o) {
  return isRecord(o) && remembered(o, "choice", () => choice(o));
}
function choice(o) {
  return o.type === "Choice" && Array.isArray(o.items) && o.items.length > 0 && o.items.every(
    (item) => isIri(item) || isSpecific(item) || isExternal(item) || isTextual(item) || isChoice(item)
  );
}
function isTargetResource(value) {
  if (isIri(value)) return true;
  if (!isRecord(value)) return false;
  return [isChoice(value), isSpecific(value), isExternal(value)].filter(Boolean).length === 1;
}
function isBodyResource(value) {
  return isIri(value) || isChoice(value) || isSpecific(value) || isExternal(value) || isTextual(value);
}
function described(anno, key) {
  return remembered(anno, key, () => valuesOf(anno[key]).filter(isRecord));
}
function withParts(resource) {
  return remembered(resource, "parts", () => partsOf(resource));
}
function partsOf(resource) {
  const parts = [resource];
  if (isRecord(resource.source)) parts.push(resource.source);
  if (Array.isArray(resource.items))
    parts.push(...resource.items.filter(isRecord));
  return parts;
}
function partsUnder(anno, key) {
  return remembered(
    anno,
    `${key} parts`,
    () => described(anno, key).flatMap(withParts)
  );
}
function itemsUnder(anno, key) {
  return remembered(
    anno,
    `${key} items`,
    () => described(anno, key).flatMap(withItems)
  );
}
function withItems(resource) {
  return [
    resource,
    ...Array.isArray(resource.items) ? resource.items.filter(isRecord) : []
  ];
}
function isTypedSelector(o) {
  if (!isRecord(o) || !isString(o.type)) return false;
  switch (o.type) {
    case "FragmentSelector":
      return isString(o.value) && absentOr(o, "conformsTo", isIri);
    case "CssSelector":
    case "XPathSelector":
      return isString(o.value);
    case "TextQuoteSelector":
      return isString(o.exact) && absentOr(o, "prefix", isString) && absentOr(o, "suffix", isString);
    case "TextPositionSelector":
    case "DataPositionSelector":
      return isNonNegativeInteger(o.start) && isNonNegativeInteger(o.end);
    case "SvgSelector":
      return has(o, "value") !== has(o, "id") && absentOr(o, "value", isString) && absentOr(o, "id", singleIri);
    case "RangeSelector":
      return isRecord(o.startSelector) && isRecord(o.endSelector) && isTypedSelector(o.startSelector) && isTypedSelector(o.endSelector);
    default:
      return false;
  }
}
function isSelectorValue(value) {
  return isIri(value) || identified(value) || isTypedSelector(value);
}
function isTimeState(o) {
  const dates = has(o, "sourceDate");
  const span = has(o, "sourceDateStart") && has(o, "sourceDateEnd");
  return dates !== span && !(dates && (has(o, "sourceDateStart") || has(o, "sourceDateEnd"))) && absentOr(o, "sourceDate", (v) => oneOrMore(v, isDateTime)) && absentOr(o, "sourceDateStart", isDateTime) && absentOr(o, "sourceDateEnd", isDateTime) && absentOr(o, "cached", (v) => oneOrMore(v, isIri));
}
function isStateValue(value) {
  if (isIri(value) || identified(value)) return true;
  if (!isRecord(value)) return false;
  if (value.type === "TimeState") return isTimeState(value);
  if (value.type === "HttpRequestState") return isString(value.value);
  return false;
}
function selectorsOf(anno) {
  return remembered(anno, "selectors", () => allSelectors(anno));
}
function allSelectors(anno) {
  const found = [];
  const visit = (value) => {
    if (!isRecord(value)) return;
    found.push(value);
    visit(value.startSelector);
    visit(value.endSelector);
    for (const refinement of valuesOf(value.refinedBy)) visit(refinement);
  };
  for (const key of ["body", "target"]) {
    for (const resource of described(anno, key)) {
      for (const part of withItems(resource)) {
        for (const selector2 of valuesOf(part.selector)) visit(selector2);
      }
    }
  }
  return found;
}
function statesOf(anno) {
  return remembered(anno, "states", () => allStates(anno));
}
function allStates(anno) {
  const found = [];
  const visit = (value) => {
    if (!isRecord(value)) return;
    found.push(value);
    for (const refinement of valuesOf(value.refinedBy)) visit(refinement);
  };
  for (const key of ["body", "target"]) {
    for (const resource of described(anno, key)) {
      for (const part of withItems(resource)) {
        for (const state of valuesOf(part.state)) visit(state);
      }
    }
  }
  return found;
}
function selectorsOfClassValid(anno, classes) {
  return selectorsOf(anno).filter((s) => classes.includes(s.type)).every(isTypedSelector);
}

// server/export/assertions/agents.ts
var AGENT_TYPES = ["Person", "Organization", "Software"];
function someAgent(value, test) {
  return valuesOf(value).some((agent) => isRecord(agent) && test(agent));
}
var agentHasId = (agent) => identified(agent);
var agentHasType = (agent) => has(agent, "type") && oneOrMore(agent.type, (t) => AGENT_TYPES.includes(t));
var agentHasSingleName = (agent) => has(agent, "name") && single(agent.name, isString);
var agentHasSingleNickname = (agent) => has(agent, "nickname") && single(agent.nickname, isString);

// server/export/assertions/bodies-and-targets.ts
var RESOURCE_PROPERTY_RULES = {
  TextDirection: {
    key: "textDirection",
    test: (v) => single(v, (d) => d === "ltr" || d === "rtl" || d === "auto")
  },
  Created: { key: "created", test: singleDateTime },
  Modified: { key: "modified", test: singleDateTime },
  Rights: { key: "rights", test: (v) => oneOrMore(v, isIri) },
  Canonical: { key: "canonical", test: singleIri },
  Via: { key: "via", test: (v) => oneOrMore(v, isIri) }
};
function resourcePropertyValid(anno, key, rule) {
  const { key: property, test } = RESOURCE_PROPERTY_RULES[rule];
  return partsUnder(anno, key).every((part) => absentOr(part, property, test));
}
function noneHave(anno, key, kind, property, where = "parts") {
  const found = where === "parts" ? partsUnder(anno, key) : itemsUnder(anno, key);
  return !found.some((part) => kind(part) && has(part, property));
}
function someHas(anno, key, test) {
  return partsUnder(anno, key).some(test);
}
function isDescribable(o) {
  return isSpecific(o) || isExternal(o) || isTextual(o);
}
var bodyAndTargetRules = ["body", "target"].flatMap(
  (key) => {
    const prefix = key === "body" ? "body" : "targ";
    const section = {
      TextDirection: "3.2.1",
      Created: "3.3.1",
      Modified: "3.3.1",
      Rights: "3.3.6",
      Canonical: "3.3.7",
      Via: "3.3.7"
    };
    return Object.keys(RESOURCE_PROPERTY_RULES).map(
      (rule) => must(
        `${section[rule]}-${prefix}${rule}Validated`,
        `Where a ${key} or its source has ${RESOURCE_PROPERTY_RULES[rule].key}, the value is well formed.`,
        (a) => resourcePropertyValid(a, key, rule)
      )
    );
  }
);
var bodyAndTargetExclusions = ["body", "target"].flatMap(
  (key) => {
    const p = key === "body" ? "body" : "targ";
    return [
      must(
        `3.2.7-${p}EWRNoItems`,
        `No External Web Resource ${key} has items.`,
        (a) => noneHave(a, key, isExternal, "items")
      ),
      must(
        `3.3.5-${p}EWRNoPurpose`,
        `No External Web Resource ${key} has a purpose.`,
        (a) => noneHave(a, key, isExternal, "purpose")
      ),
      must(
        `3.2.4-${p}ChoiceSetNoValue`,
        `No Choice ${key} has a value.`,
        (a) => noneHave(a, key, isChoice, "value", "items")
      ),
      must(
        `4-${p}ChoiceSetNoSource`,
        `No Choice ${key} has a source.`,
        (a) => noneHave(a, key, isChoice, "source", "items")
      ),
      must(
        `3.3.5-${p}ChoiceSetNoPurpose`,
        `No Choice ${key} has a purpose.`,
        (a) => noneHave(a, key, isChoice, "purpose", "items")
      ),
      ...key === "body" ? [
        must(
          "3.2.7-bodyEmbeddedTextualNoItems",
          "No Textual Body has items.",
          (a) => noneHave(a, key, isTextual, "items", "items")
        ),
        must(
          "4-bodyEmbeddedTextualNoSource",
          "No Textual Body has a source.",
          (a) => noneHave(a, key, isTextual, "source", "items")
        )
      ] : [],
      must(
        `3.2.7-${p}SpecificResourceNoItems`,
        `No Specific Resource ${key} has items.`,
        (a) => noneHave(a, key, hasSource, "items", "items")
      ),
      must(
        `4-${p}SpecificResourceNoValue`,
        `No Specific Resource ${key} has a value.`,
        (a) => noneHave(a, key, hasSource, "value", "items")
      )
    ];
  }
);
var bodyAndTargetShoulds = ["body", "target"].flatMap(
  (key) => {
    const p = key === "body" ? "body" : "targ";
    return [
      should(
        `3.2.1-${p}SingleFormat`,
        `A ${key} gives its one media type in format.`,
        (a) => someHas(
          a,
          key,
          (o) => isDescribable(o) && has(o, "format") && single(o.format, isMediaType)
        )
      ),
      should(
        `3.2.1-${p}SingleLanguage`,
        `A ${key} gives its one language in language.`,
        (a) => someHas(
          a,
          key,
          (o) => isDescribable(o) && has(o, "language") && single(o.language, isLanguageTag)
        )
      ),
      should(
        `3.3.1-${p}Created`,
        `A ${key} says when it was created.`,
        (a) => someHas(
          a,
          key,
          (o) => isDescribable(o) && has(o, "created") && singleDateTime(o.created)
        )
      ),
      should(
        `3.3.1-${p}SingleCreator`,
        `A ${key} has exactly one creator.`,
        (a) => someHas(
          a,
          key,
          (o) => isDescribable(o) && has(o, "creator") && single(o.creator, (c) => isIri(c) || isRecord(c))
        )
      ),
      should(
        `3.3.2-${p}CreatorAgentIdImplemented`,
        `A ${key}\u2019s creator has an IRI.`,
        (a) => someHas(a, key, (o) => someAgent(o.creator, agentHasId))
      ),
      should(
        `3.3.2-${p}CreatorAgentNicknameImplemented`,
        `A ${key}\u2019s creator has one nickname.`,
        (a) => someHas(a, key, (o) => someAgent(o.creator, agentHasSingleNickname))
      ),
      should(
        `3.3.2-${p}CreatorAgentSingleNameImplemented`,
        `A ${key}\u2019s creator has one name.`,
        (a) => someHas(a, key, (o) => someAgent(o.creator, agentHasSingleName))
      ),
      should(
        `3.3.2-${p}CreatorAgentTypeImplemented`,
        `A ${key}\u2019s creator is a Person, Organization or Software.`,
        (a) => someHas(a, key, (o) => someAgent(o.creator, agentHasType))
      )
    ];
  }
);

// server/export/assertions/annotation.ts
var ANNOTATION_ASSERTIONS = [
  must(
    "3.1-annotationContextValidated",
    "Names the Web Annotation context in @context.",
    contextNamesModel
  ),
  must("3.1-annotationIdValidated", "Has exactly one id, an IRI.", identified),
  must(
    "3.1-annotationTypeValidated",
    "Has Annotation among its types.",
    (a) => typed(a, "Annotation")
  ),
  must("3.1-targetKeyFound", "Has a target.", (a) => has(a, "target")),
  must(
    "3.2-targetObjectsRecognized",
    "Each of its one or more targets is an IRI, a Choice, a Specific Resource or an External Web Resource.",
    (a) => has(a, "target") && oneOrMore(a.target, isTargetResource)
  ),
  must(
    "3.2.5-notBodyBodyValue",
    "Does not have both body and bodyValue.",
    (a) => !(has(a, "body") && has(a, "bodyValue"))
  ),
  must(
    "3.2-bodyObjectsRecognized",
    "Each body is an IRI, a Choice, a Specific Resource, an External Web Resource or a Textual Body.",
    (a) => absentOr(a, "body", (v) => oneOrMore(v, isBodyResource))
  ),
  must(
    "3.2.5-bodyValueValidated",
    "A bodyValue is a single string.",
    (a) => absentOr(a, "bodyValue", (v) => single(v, isString))
  ),
  must(
    "3.3.1-annotationCreatedValidated",
    "created is a single date-time.",
    (a) => absentOr(a, "created", singleDateTime)
  ),
  must(
    "3.3.1-annotationModifiedValidated",
    "modified is a single date-time.",
    (a) => absentOr(a, "modified", singleDateTime)
  ),
  must(
    "3.3.1-annotationGeneratedValidated",
    "generated is a single date-time.",
    (a) => absentOr(a, "generated", singleDateTime)
  ),
  must(
    "3.3.6-annotationRightsValidated",
    "rights are IRIs.",
    (a) => absentOr(a, "rights", (v) => oneOrMore(v, isIri))
  ),
  must(
    "3.3.7-annotationCanonicalValidated",
    "canonical is a single IRI.",
    (a) => absentOr(a, "canonical", singleIri)
  ),
  must(
    "3.3.7-annotationViaValidated",
    "via values are IRIs.",
    (a) => absentOr(a, "via", (v) => oneOrMore(v, isIri))
  ),
  ...bodyAndTargetRules,
  ...bodyAndTargetExclusions,
  must(
    "3.2.4-targNoTypeTextualBody",
    "No target is a Textual Body (typed TextualBody and embedded without an id).",
    (a) => !itemsUnder(a, "target").some(
      (t) => isTextual(t) && typed(t, "TextualBody") && !identified(t)
    )
  ),
  must(
    "4.2-selectorValidIfPresent",
    "Every selector is an IRI, or a selector of one of the model\u2019s classes with what that class requires.",
    (a) => ["body", "target"].every(
      (key) => itemsUnder(a, key).every(
        (r) => absentOr(r, "selector", (v) => oneOrMore(v, isSelectorValue))
      )
    )
  ),
  must(
    "4.3-stateValidIfPresent",
    "Every state is an IRI, a TimeState or an HttpRequestState with what it requires.",
    (a) => ["body", "target"].every(
      (key) => itemsUnder(a, key).every(
        (r) => absentOr(r, "state", (v) => oneOrMore(v, isStateValue))
      )
    )
  ),
  must(
    "4.3.3-refinedByValidated",
    "Every refinement of a selector or state is an IRI, a model selector or a model state.",
    (a) => [...selectorsOf(a), ...statesOf(a)].every(
      (s) => absentOr(
        s,
        "refinedBy",
        (v) => oneOrMore(v, (r) => isSelectorValue(r) || isStateValue(r))
      )
    )
  ),
  must(
    "4.4-styleClassValidIfPresent",
    "styleClass values are strings, on Specific Resources, and the annotation then has a stylesheet.",
    (a) => {
      const styled = ["body", "target"].flatMap(
        (key) => itemsUnder(a, key).filter((r) => has(r, "styleClass"))
      );
      return styled.every(
        (r) => hasSource(r) && oneOrMore(r.styleClass, isString)
      ) && (styled.length === 0 || has(a, "stylesheet"));
    }
  ),
  must(
    "4.2-fragmentCssXPathSelectorValid",
    "Every FragmentSelector, CssSelector and XPathSelector has a single string value.",
    (a) => selectorsOfClassValid(a, [
      "FragmentSelector",
      "CssSelector",
      "XPathSelector"
    ])
  ),
  must(
    "4.2.4-textQuoteSelectorValid",
    "Every TextQuoteSelector has exact text.",
    (a) => selectorsOfClassValid(a, ["TextQuoteSelector"])
  ),
  must(
    "4.2-TextDataPositionSelectorValid",
    "Every TextPositionSelector and DataPositionSelector has a non-negative integer start and end.",
    (a) => selectorsOfClassValid(a, [
      "TextPositionSelector",
      "DataPositionSelector"
    ])
  ),
  must(
    "4.2.7-svgSelectorValid",
    "Every SvgSelector has either a value or an id.",
    (a) => selectorsOfClassValid(a, ["SvgSelector"])
  ),
  must(
    "4.2.8-rangeSelectorValid",
    "Every RangeSelector has exactly one startSelector and one endSelector, each a model selector.",
    (a) => selectorsOfClassValid(a, ["RangeSelector"])
  ),
  must(
    "4.3.1-timeStateValid",
    "Every TimeState has sourceDate, or both sourceDateStart and sourceDateEnd.",
    (a) => statesOf(a).filter((s) => s.type === "TimeState").every(isTimeState)
  ),
  must(
    "4.3.2-httpRequestStateValid",
    "Every HttpRequestState has a value.",
    (a) => statesOf(a).filter((s) => s.type === "HttpRequestState").every((s) => isString(s.value))
  ),
  // SHOULDs: the model recommends these; the suite reports them without failing.
  should("3.1-bodyKeyFound", "Has a body.", (a) => has(a, "body")),
  should(
    "3.3.1-annotationCreatedImplemented",
    "Says when it was created.",
    (a) => has(a, "created") && singleDateTime(a.created)
  ),
  should(
    "3.3.1-annotationSingleCreatorImplemented",
    "Has exactly one creator.",
    (a) => has(a, "creator") && single(a.creator, (c) => isIri(c) || isRecord(c))
  ),
  should(
    "3.3.1-singleAnnotationCreatorImplemented",
    "Has exactly one creator.",
    (a) => has(a, "creator") && single(a.creator, (c) => isIri(c) || isRecord(c))
  ),
  should(
    "3.3.2-annotationCreatorAgentIdImplemented",
    "Its creator has an IRI.",
    (a) => someAgent(a.creator, agentHasId)
  ),
  should(
    "3.3.2-annotationCreatorAgentNicknameImplemented",
    "Its creator has one nickname.",
    (a) => someAgent(a.creator, agentHasSingleNickname)
  ),
  should(
    "3.3.2-annotationCreatorAgentSingleNameImplemented",
    "Its creator has one name.",
    (a) => someAgent(a.creator, agentHasSingleName)
  ),
  should(
    "3.3.2-annotationCreatorAgentTypeImplemented",
    "Its creator is a Person, Organization or Software.",
    (a) => someAgent(a.creator, agentHasType)
  ),
  should(
    "3.3.2-annotationGeneratorAgentIdImplemented",
    "Its generator has an IRI.",
    (a) => someAgent(a.generator, agentHasId)
  ),
  should(
    "3.3.2-annotationGeneratorAgentNicknameImplemented",
    "Its generator has one nickname.",
    (a) => someAgent(a.generator, agentHasSingleNickname)
  ),
  should(
    "3.3.2-annotationGeneratorAgentSingleNameImplemented",
    "Its generator has one name.",
    (a) => someAgent(a.generator, agentHasSingleName)
  ),
  should(
    "3.3.2-annotationGeneratorAgentTypeImplemented",
    "Its generator is a Person, Organization or Software.",
    (a) => someAgent(a.generator, agentHasType)
  ),
  should(
    "3.3.5-annotationSingleMotivationImplemented",
    "Has exactly one motivation of the model\u2019s.",
    (a) => has(a, "motivation") && single(a.motivation, isMotivation)
  ),
  ...bodyAndTargetShoulds,
  should(
    "3.2.4-bodyETBTypeTextualBody",
    "An embedded Textual Body says it is a TextualBody.",
    (a) => itemsUnder(a, "body").some(
      (b) => isTextual(b) && typed(b, "TextualBody")
    )
  ),
  should(
    "4.2.1-conformsTo",
    "A FragmentSelector names the specification it conforms to.",
    (a) => selectorsOf(a).some(
      (s) => s.type === "FragmentSelector" && isIri(s.conformsTo)
    )
  ),
  should(
    "4.2.4-prefix",
    "A TextQuoteSelector gives the text before the quote.",
    (a) => selectorsOf(a).some(
      (s) => s.type === "TextQuoteSelector" && isString(s.prefix)
    )
  ),
  should(
    "4.2.4-suffix",
    "A TextQuoteSelector gives the text after the quote.",
    (a) => selectorsOf(a).some(
      (s) => s.type === "TextQuoteSelector" && isString(s.suffix)
    )
  )
];

// server/export/assertions/collections.ts
var singleNonNegative = (v) => single(v, isNonNegativeInteger);
function isPage(o) {
  return isRecord(o) && typed(o, "AnnotationPage");
}
var COLLECTION_ASSERTIONS = [
  must(
    "5.1-collectionContextValidated",
    "Names the Web Annotation context in @context.",
    contextNamesModel
  ),
  must("5.1-collectionIdValidated", "Has exactly one id, an IRI.", identified),
  must(
    "5.1-collectionTypeValidated",
    "Has AnnotationCollection among its types.",
    (c) => typed(c, "AnnotationCollection")
  ),
  must(
    "5.1-collectionLabelValidated",
    "Its labels are strings.",
    (c) => absentOr(c, "label", (v) => oneOrMore(v, isString))
  ),
  must(
    "5.1-collectionTotalValidated",
    "total is a single non-negative integer.",
    (c) => absentOr(c, "total", singleNonNegative)
  ),
  must(
    "5.1-collectionFirstValidated",
    "With a total above zero it has exactly one first page, an IRI or an embedded AnnotationPage.",
    (c) => {
      const total = valuesOf(c.total)[0];
      const firstOk = (v) => single(v, (p) => isIri(p) || isPage(p));
      if (typeof total === "number" && total > 0)
        return has(c, "first") && firstOk(c.first);
      return absentOr(c, "first", firstOk);
    }
  ),
  must(
    "5.1-collectionLastValidated",
    "last is a single IRI.",
    (c) => absentOr(c, "last", singleIri)
  ),
  must(
    "3.3.1-collectionCreatedValidated",
    "created is a single date-time.",
    (c) => absentOr(c, "created", singleDateTime)
  ),
  must(
    "3.3.1-collectionModifiedValidated",
    "modified is a single date-time.",
    (c) => absentOr(c, "modified", singleDateTime)
  ),
  must(
    "3.3.6-collectionRightsValidated",
    "rights are IRIs.",
    (c) => absentOr(c, "rights", (v) => oneOrMore(v, isIri))
  ),
  should(
    "5.1-collectionLabelImplemented",
    "Has a label.",
    (c) => has(c, "label") && oneOrMore(c.label, isString)
  ),
  should(
    "5.1-collectionTotalImplemented",
    "Says how many annotations it holds.",
    (c) => has(c, "total") && singleNonNegative(c.total)
  ),
  should(
    "5.1-collectionLastImplemented",
    "Gives the IRI of its last page.",
    (c) => has(c, "last") && singleIri(c.last)
  )
];
function pageIn(doc) {
  if (isPage(doc)) return doc;
  return isRecord(doc.first) ? doc.first : null;
}
function onPage(test) {
  return (doc) => {
    const page = pageIn(doc);
    return page !== null && test(page);
  };
}
function onPartOf(test) {
  return onPage((page) => !isRecord(page.partOf) || test(page.partOf));
}
var PAGE_ASSERTIONS = [
  must(
    "5.2-pageContextValidated",
    "The document names the Web Annotation context in @context.",
    contextNamesModel
  ),
  must(
    "5.2-pageIdValidated",
    "The page has exactly one id, an IRI.",
    onPage(identified)
  ),
  must(
    "5.2-pageTypeValidated",
    "The page has AnnotationPage among its types.",
    onPage(isPage)
  ),
  must(
    "5.2-pageItemsValidated",
    "The page lists one or more items, each an Annotation or an IRI.",
    onPage(
      (p) => Array.isArray(p.items) && p.items.length > 0 && p.items.every(
        (item) => isIri(item) || isRecord(item) && typed(item, "Annotation")
      )
    )
  ),
  must(
    "5.2-pageStartIndexValidated",
    "startIndex is a single non-negative integer.",
    onPage((p) => absentOr(p, "startIndex", singleNonNegative))
  ),
  must(
    "5.2-pagePartOfValidated",
    "partOf is the collection\u2019s IRI, or a description of it with its id.",
    onPage((p) => absentOr(p, "partOf", (v) => singleIri(v) || identified(v)))
  ),
  must(
    "5.2-pageNextValidated",
    "next is a single IRI.",
    onPage((p) => absentOr(p, "next", singleIri))
  ),
  must(
    "5.2-pagePrevValidated",
    "prev is a single IRI.",
    onPage((p) => absentOr(p, "prev", singleIri))
  ),
  must(
    "5.2-pageTotalValidated",
    "The collection\u2019s total, given in partOf, is a single non-negative integer.",
    onPartOf((c) => absentOr(c, "total", singleNonNegative))
  ),
  must(
    "5.2-pageLabelValidated",
    "The collection\u2019s labels, given in partOf, are strings.",
    onPartOf((c) => absentOr(c, "label", (v) => oneOrMore(v, isString)))
  ),
  must(
    "5.2-pageFirstValidated",
    "The collection\u2019s first page, given in partOf, is an IRI or a page.",
    onPartOf(
      (c) => absentOr(c, "first", (v) => single(v, (f) => isIri(f) || isPage(f)))
    )
  ),
  must(
    "5.2-pageLastValidated",
    "The collection\u2019s last page, given in partOf, is a single IRI.",
    onPartOf((c) => absentOr(c, "last", singleIri))
  ),
  must(
    "3.3.1-pageCreatedValidated",
    "The collection\u2019s created, given in partOf, is a single date-time.",
    onPartOf((c) => absentOr(c, "created", singleDateTime))
  ),
  must(
    "3.3.1-pageModifiedValidated",
    "The collection\u2019s modified, given in partOf, is a single date-time.",
    onPartOf((c) => absentOr(c, "modified", singleDateTime))
  ),
  must(
    "3.3.6-pageRightsValidated",
    "The collection\u2019s rights, given in partOf, are IRIs.",
    onPartOf((c) => absentOr(c, "rights", (v) => oneOrMore(v, isIri)))
  ),
  should(
    "5.2-pagePartOfImplemented",
    "The page says which collection it is part of.",
    onPage(
      (p) => has(p, "partOf") && (singleIri(p.partOf) || identified(p.partOf))
    )
  ),
  should(
    "5.2-pageStartIndexImplemented",
    "The page gives the position of its first item.",
    onPage((p) => has(p, "startIndex") && singleNonNegative(p.startIndex))
  )
];

// server/export/w3c-selectors.ts
var BODY_XPATH = "/html[1]/body[1]";
var OUR_XPATH = /^(?:\/[A-Za-z][\w.-]*\[\d{1,6}\])*$/;
function xpathFromRoot(value) {
  if (value === "" || value === "/" || value === ".") return BODY_XPATH;
  return OUR_XPATH.test(value) ? BODY_XPATH + value : null;
}
function isSelectorList(value) {
  let depth = 0;
  let quote = "";
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i];
    if (char === "\\") {
      i += 1;
    } else if (quote) {
      if (char === quote) quote = "";
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === "(" || char === "[") {
      depth += 1;
    } else if (char === ")" || char === "]") {
      depth -= 1;
    } else if (char === "," && depth === 0) {
      return true;
    }
  }
  return false;
}
function cssFromRoot(value) {
  const rest = value.startsWith(":scope") ? value.slice(":scope".length) : null;
  const body = rest === null ? value : rest;
  if (body.includes(":scope") || isSelectorList(value)) return null;
  if (rest === null)
    return value.trim() === "" || /^\s*[>+~]/.test(value) ? null : `body ${value}`;
  if (rest === "" || /^\s*[>+~]/.test(rest)) return `body${rest}`;
  return null;
}
function boundary(container, offset) {
  const value = xpathFromRoot(container);
  if (value === null) return null;
  return {
    type: "XPathSelector",
    value,
    refinedBy: { type: "TextPositionSelector", start: offset, end: offset }
  };
}
function toW3CSelector(selector2) {
  switch (selector2.type) {
    case "TextQuoteSelector": {
      const out = {
        type: "TextQuoteSelector",
        exact: selector2.exact
      };
      if (selector2.prefix !== void 0) out.prefix = selector2.prefix;
      if (selector2.suffix !== void 0) out.suffix = selector2.suffix;
      return out;
    }
    case "TextPositionSelector":
      return {
        type: "TextPositionSelector",
        start: selector2.start,
        end: selector2.end
      };
    case "CssSelector": {
      const value = cssFromRoot(selector2.value);
      return value === null ? null : { type: "CssSelector", value };
    }
    case "XPathSelector": {
      const value = xpathFromRoot(selector2.value);
      return value === null ? null : { type: "XPathSelector", value };
    }
    case "RangeSelector": {
      const start = boundary(selector2.startContainer, selector2.startOffset);
      const end = boundary(selector2.endContainer, selector2.endOffset);
      return start && end ? { type: "RangeSelector", startSelector: start, endSelector: end } : null;
    }
  }
}
function toW3CSelectors(stored) {
  const list = Array.isArray(stored) ? stored : stored === void 0 || stored === null ? [] : [stored];
  const selectors = [];
  let dropped = 0;
  for (const entry of list) {
    const parsed = selector.safeParse(entry);
    const converted = parsed.success ? toW3CSelector(parsed.data) : null;
    if (converted) selectors.push(converted);
    else dropped += 1;
  }
  return { selectors, dropped };
}

// server/export/report-reader.ts
var DERIVED_PIN_IDS = "6f3b1a52-93f4-4d8e-9a0c-2c1d5e7f8b90";
function isRecord2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function shortText(value) {
  return typeof value === "string" && value.trim() !== "" ? cleanText2(value).text : void 0;
}
function tagsOf(problems) {
  if (!Array.isArray(problems)) return [];
  const words = (list) => Array.isArray(list) ? list.filter((w) => typeof w === "string") : [];
  return problems.flatMap((problem) => {
    if (!isRecord2(problem) || typeof problem.kind !== "string") return [];
    if (problem.kind === "insecure-workaround") {
      const data = typeof problem.dataInvolved === "string" ? [`data:${problem.dataInvolved}`] : [];
      return [problem.kind, ...words(problem.workarounds), ...data];
    }
    return [problem.kind, ...words(problem.usabilityCategories)];
  }).map((tag) => cleanText2(tag).text);
}
function readPin(reportId, raw, index, notes) {
  if (!isRecord2(raw)) {
    notes.push({
      outcome: "left out",
      reason: `Annotation ${index + 1} is not an object, so there is nothing to export.`
    });
    return null;
  }
  const stored = isUuid(raw.id) ? raw.id.toLowerCase() : null;
  const id = stored ?? v5_default(`${reportId}/annotations/${index}`, DERIVED_PIN_IDS);
  if (!stored)
    notes.push({
      annotation: id,
      outcome: "adjusted",
      reason: `Annotation ${index + 1} has no usable id; it was given one derived from the report's.`
    });
  const note = cleanText2(raw.note);
  if (note.repaired)
    notes.push({
      annotation: id,
      outcome: "adjusted",
      reason: "Its note held characters that are not text (unpaired surrogates or control characters); each became U+FFFD."
    });
  const { selectors, dropped } = toW3CSelectors(raw.selectors);
  if (selectors.length === 0)
    notes.push({
      annotation: id,
      outcome: "adjusted",
      reason: "None of its selectors could be used, so it targets the whole page."
    });
  else if (dropped > 0)
    notes.push({
      annotation: id,
      outcome: "adjusted",
      reason: `${dropped} of its selectors could not be used and were left out.`
    });
  return { id, note: note.text, selectors };
}
function readReport(raw) {
  if (!isRecord2(raw))
    return { ok: false, reason: "The stored report is not an object." };
  if (!isUuid(raw.id))
    return { ok: false, reason: "The stored report has no valid id." };
  const id = raw.id.toLowerCase();
  const page = isRecord2(raw.page) ? raw.page : {};
  if (!isIri(page.url))
    return {
      ok: false,
      reportId: id,
      reason: "The report has no page address that is a valid IRI, so nothing can be its target."
    };
  const notes = [];
  const trying = cleanText2(raw.trying);
  const whatHappened = cleanText2(raw.whatHappened);
  if (trying.repaired || whatHappened.repaired)
    notes.push({
      outcome: "adjusted",
      reason: "Its answers held characters that are not text, or were not text at all; those characters became U+FFFD."
    });
  const author = isRecord2(raw.author) ? raw.author : {};
  const environment = isRecord2(raw.environment) ? raw.environment : {};
  const annotations = Array.isArray(raw.annotations) ? raw.annotations : [];
  if (raw.annotations !== void 0 && !Array.isArray(raw.annotations))
    notes.push({
      outcome: "adjusted",
      reason: "Its annotations were not a list; the report is exported as one note on the whole page."
    });
  const pins = annotations.flatMap((pin, index) => {
    const read = readPin(id, pin, index, notes);
    return read ? [read] : [];
  });
  return {
    ok: true,
    notes,
    report: {
      id,
      pageUrl: page.url,
      createdAt: isDateTime(raw.createdAt) ? raw.createdAt : void 0,
      updatedAt: isDateTime(raw.updatedAt) ? raw.updatedAt : void 0,
      author: {
        id: isUuid(author.id) ? author.id.toLowerCase() : void 0,
        name: shortText(author.name)
      },
      language: languageTag(environment.language),
      status: shortText(raw.status),
      service: shortText(page.service),
      trying: trying.text,
      whatHappened: whatHappened.text,
      tags: tagsOf(raw.problems),
      pins
    }
  };
}

// server/export/jsonld.ts
var MAX_LISTED_NOTES = 100;
function exportContext(options) {
  let base;
  try {
    base = new URL(options.origin);
  } catch {
    base = new URL("http://localhost");
  }
  return {
    collectionId: new URL(options.path, base).href,
    generatedAt: options.at,
    generator: {
      id: `${base.origin}/`,
      name: `Snag ${SERVER_VERSION}`,
      nickname: "snag"
    },
    label: "Snag reports"
  };
}
function urn(uuid2) {
  return `urn:uuid:${uuid2}`;
}
function creatorOf(report) {
  const { id, name } = report.author;
  if (!id && !name) return void 0;
  return {
    ...id ? { id: urn(id) } : {},
    type: "Person",
    ...name ? { name } : {}
  };
}
function bodiesOf(report, pin) {
  const creator = creatorOf(report);
  const written = (purpose, value) => ({
    type: "TextualBody",
    purpose,
    value,
    format: "text/plain",
    ...report.language ? { language: report.language } : {},
    ...creator ? { creator } : {},
    ...report.createdAt ? { created: report.createdAt } : {}
  });
  const bodies = [];
  if (pin && pin.note.trim() !== "")
    bodies.push(written("commenting", pin.note));
  if (report.trying !== "" || report.whatHappened !== "")
    bodies.push(
      written(
        "describing",
        `Trying to: ${report.trying}

What got in the way: ${report.whatHappened}`
      )
    );
  for (const tag of report.tags)
    bodies.push({ type: "TextualBody", purpose: "tagging", value: tag });
  return bodies;
}
function targetOf(report, pin) {
  if (!pin || pin.selectors.length === 0) return report.pageUrl;
  return {
    type: "SpecificResource",
    // Pins are made on a page's DOM by the extension, so the page is HTML.
    source: { id: report.pageUrl, type: "Text", format: "text/html" },
    selector: pin.selectors
  };
}
function reportAnnotations(report, context) {
  const creator = creatorOf(report);
  const common = {
    type: "Annotation",
    motivation: "commenting",
    ...report.createdAt ? { created: report.createdAt } : {},
    ...report.updatedAt && report.updatedAt !== report.createdAt ? { modified: report.updatedAt } : {},
    generated: context.generatedAt.toISOString(),
    generator: { ...context.generator, type: "Software" },
    ...creator ? { creator } : {}
  };
  const snag = {
    "snag:report": urn(report.id),
    ...report.status ? { "snag:status": report.status } : {},
    ...report.service ? { "snag:service": report.service } : {}
  };
  const pins = report.pins.length > 0 ? report.pins : [void 0];
  return pins.map((pin) => {
    const body = bodiesOf(report, pin);
    return {
      id: urn(pin ? pin.id : report.id),
      ...common,
      ...body.length > 0 ? { body } : {},
      target: targetOf(report, pin),
      ...snag
    };
  });
}
var Summary = class {
  reportsRead = 0;
  leftOut = 0;
  adjusted = 0;
  notes = [];
  note(position, reportId, note) {
    if (note.outcome === "left out") this.leftOut += 1;
    else this.adjusted += 1;
    if (this.notes.length >= MAX_LISTED_NOTES) return;
    this.notes.push({
      "snag:position": position,
      ...reportId ? { "snag:report": urn(reportId) } : {},
      ...note.annotation ? { "snag:annotation": urn(note.annotation) } : {},
      "snag:outcome": note.outcome,
      "snag:reason": note.reason
    });
  }
  toJSON() {
    const listed = this.notes.length;
    return {
      "snag:reportsRead": this.reportsRead,
      "snag:leftOut": this.leftOut,
      "snag:adjusted": this.adjusted,
      "snag:notes": this.notes,
      ...this.leftOut + this.adjusted > listed ? { "snag:notesNotListed": this.leftOut + this.adjusted - listed } : {}
    };
  }
};
async function* annotationCollection(reports, context) {
  const pageId = `${context.collectionId.split("#")[0]}#page1`;
  const head = JSON.stringify({
    "@context": EXPORT_CONTEXT,
    id: context.collectionId,
    type: "AnnotationCollection",
    label: context.label
  });
  yield head.slice(0, -1);
  const summary = new Summary();
  let total = 0;
  for await (const raw of reports) {
    const position = summary.reportsRead;
    summary.reportsRead += 1;
    let read;
    let annotations = [];
    try {
      read = readReport(raw);
      if (read.ok) annotations = reportAnnotations(read.report, context);
    } catch (error) {
      read = {
        ok: false,
        reason: `The report could not be read: ${error instanceof Error ? error.message : String(error)}`
      };
    }
    if (!read.ok) {
      summary.note(position, read.reportId, {
        outcome: "left out",
        reason: read.reason
      });
      continue;
    }
    for (const note of read.notes) summary.note(position, read.report.id, note);
    for (const annotation of annotations) {
      const failed = failedMusts(ANNOTATION_ASSERTIONS, {
        "@context": EXPORT_CONTEXT,
        ...annotation
      });
      if (failed.length > 0) {
        summary.note(position, read.report.id, {
          annotation: String(annotation.id).replace(/^urn:uuid:/, ""),
          outcome: "left out",
          reason: `It would not meet the Web Annotation model: ${failed.join(", ")}.`
        });
        continue;
      }
      const opening = total === 0 ? `,"first":${JSON.stringify({ id: pageId, type: "AnnotationPage", startIndex: 0 }).slice(0, -1)},"items":[` : ",";
      yield opening + JSON.stringify(annotation);
      total += 1;
    }
  }
  if (total > 0) {
    const partOf = { id: context.collectionId, label: context.label, total };
    yield `],"partOf":${JSON.stringify(partOf)}},"last":${JSON.stringify(pageId)}`;
  }
  yield `,"total":${total},"snag:summary":${JSON.stringify(summary)}}`;
}

// server/routes/review.ts
function exportFilter(request) {
  const query = parseOr400(listFilters, request.query ?? {}, "query");
  return readOr400(filterFromQuery(query, userOf(request).id));
}
function exportCsv(api, { store }) {
  api.get(
    routes.exportCsv,
    {
      config: {
        auth: "reviewer",
        doc: {
          summary: "Every matching report as CSV",
          mediaType: "text/csv",
          query: LIST_QUERY_KEYS
        }
      }
    },
    async (request, reply) => {
      const filter = exportFilter(request);
      await request.audit("export", null, { format: "csv", filters: filter });
      const rows = Readable2.from(
        (async function* () {
          for await (const report of store.iterateReports(filter))
            yield csvRecord(report);
        })()
      );
      const csv = stringify2({
        header: true,
        columns: [...CSV_COLUMNS],
        bom: true,
        quoted: true
        // every field, so no value can start a cell of its own (OWASP)
      });
      rows.on("error", (error) => csv.destroy(error));
      return reply.header("content-type", "text/csv; charset=utf-8").header(
        "content-disposition",
        'attachment; filename="snag-reports.csv"'
      ).send(rows.pipe(csv));
    }
  );
}
function exportJsonLd(api, { store, now }) {
  api.get(
    routes.exportJsonLd,
    {
      config: {
        auth: "reviewer",
        doc: {
          summary: "Every matching report as W3C Web Annotations",
          mediaType: "application/ld+json",
          query: LIST_QUERY_KEYS
        }
      }
    },
    async (request, reply) => {
      const filter = exportFilter(request);
      await request.audit("export", null, {
        format: "jsonld",
        filters: filter
      });
      return reply.header(
        "content-type",
        'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
      ).header(
        "content-disposition",
        'attachment; filename="snag-annotations.jsonld"'
      ).send(
        Readable2.from(
          annotationCollection(
            store.iterateReports(filter),
            exportContext({
              origin: `${request.protocol}://${request.host}`,
              path: request.url,
              at: now()
            })
          )
        )
      );
    }
  );
}
function statistics(api, { store, now }) {
  api.get(
    routes.matrix,
    {
      config: {
        auth: "reviewer",
        doc: {
          summary: "Open reports by usability severity \xD7 security risk",
          response: matrix
        }
      }
    },
    async () => {
      const cells = await store.matrix();
      return { cells, total: cells.reduce((sum, c) => sum + c.count, 0) };
    }
  );
  api.get(
    routes.trends,
    {
      config: {
        auth: "reviewer",
        doc: {
          summary: "Reports per ISO week by service and problem; top workarounds",
          query: ["weeks"],
          response: trends
        }
      }
    },
    async (request) => {
      const q = parseOr400(trendsQuery, request.query ?? {}, "query");
      const weeks = q.weeks === void 0 ? DEFAULT_TREND_WEEKS : Number(q.weeks);
      if (weeks < 1 || weeks > MAX_TREND_WEEKS)
        throw new HttpError(
          400,
          `query.weeks: between 1 and ${MAX_TREND_WEEKS}`
        );
      const at = now();
      const rows = await store.trendRows(trendsSince(at, weeks).toISOString());
      return buildTrends(rows, at, weeks);
    }
  );
}
var reviewRoutes = async (api, deps) => {
  exportCsv(api, deps);
  exportJsonLd(api, deps);
  statistics(api, deps);
};

// server/image-sniff.ts
function sniffImage(bytes) {
  const starts = (sig, at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([137, 80, 78, 71, 13, 10, 26, 10]))
    return "image/png";
  if (starts([255, 216, 255])) return "image/jpeg";
  if (starts([82, 73, 70, 70]) && starts([87, 69, 66, 80], 8))
    return "image/webp";
  return null;
}

// server/routes/screenshots.ts
function uploadedImage(contentType, body) {
  const declared = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  if (!Buffer.isBuffer(body) || !SCREENSHOT_TYPES.includes(declared ?? "")) {
    throw new HttpError(
      415,
      "Send the screenshot as image/png, image/jpeg or image/webp"
    );
  }
  const actual = sniffImage(body);
  if (!actual)
    throw new HttpError(415, "The body is not a PNG, JPEG or WebP image");
  if (actual !== declared)
    throw new HttpError(415, `The body is ${actual}, not ${declared}`);
  return { mediaType: actual, bytes: body };
}
function putScreenshot(api, { store, now }) {
  api.put(
    routes.screenshot,
    {
      bodyLimit: MAX_SCREENSHOT_BYTES,
      config: {
        auth: "reporter",
        doc: {
          summary: "Upload the redacted screenshot (PNG, JPEG or WebP, \u2264 5 MiB)",
          mediaType: "image/png"
        }
      }
    },
    async (request, reply) => {
      const id = reportIdParam(request.params);
      const shot = uploadedImage(request.headers["content-type"], request.body);
      const author = await store.reportAuthor(id);
      if (!author) throw new HttpError(404, "No report has this id");
      if (!mayAddScreenshot(userOf(request), author))
        throw new HttpError(403, "Only the author may add the screenshot");
      await store.putScreenshot(id, shot, now().toISOString());
      return reply.code(204).send();
    }
  );
}
function getScreenshot(api, { store }) {
  api.get(
    routes.screenshot,
    {
      config: {
        auth: "reporter",
        doc: { summary: "The redacted screenshot", mediaType: "image/png" }
      }
    },
    async (request, reply) => {
      const id = reportIdParam(request.params);
      const author = await store.reportAuthor(id);
      const shot = author && maySeeScreenshot(userOf(request), author) ? await store.getScreenshot(id) : null;
      if (!shot) throw new HttpError(404, "This report has no screenshot");
      return reply.header("content-type", shot.mediaType).header("x-content-type-options", "nosniff").header("cache-control", "private, max-age=300").header("content-security-policy", "default-src 'none'; sandbox").send(shot.bytes);
    }
  );
}
var screenshotRoutes = async (api, deps) => {
  api.addContentTypeParser(
    [...SCREENSHOT_TYPES],
    { parseAs: "buffer", bodyLimit: MAX_SCREENSHOT_BYTES },
    (_req, body, done) => done(null, body)
  );
  putScreenshot(api, deps);
  getScreenshot(api, deps);
};

// server/routes/sso.ts
var BINDING_COOKIE = "snag_sign_in";
var FLOW_TTL_MS = 10 * 6e4;
var CODE_TTL_MS = 6e4;
function refusePage(reply, message) {
  return reply.code(400).type("text/html; charset=utf-8").send(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in refused \u2013 Snag</title></head><body><h1>This sign-in cannot start</h1><p>${message}</p></body></html>`
  );
}
async function sessionUserId({ store, now }, request) {
  const cookie2 = request.cookies[SESSION_COOKIE];
  if (!cookie2) return null;
  const session2 = await store.session(hashToken(cookie2), now().toISOString());
  return session2?.user.id ?? null;
}
async function toProvider(deps, request, reply, flow, fail) {
  const { provider, store, config, now } = deps;
  if (!provider) return reply.redirect(fail("not-configured"), 303);
  const state = newSecret();
  const nonce = newSecret();
  const codeVerifier = newSecret();
  const at = now();
  const url = await provider.authorizationUrl({
    redirectUri: redirectUri(request, config),
    state,
    nonce,
    codeVerifier,
    offline: flow.purpose === "extension"
  });
  if (!url.ok) {
    request.log.warn({ detail: url.detail }, "single sign-on could not start");
    return reply.redirect(fail("provider"), 303);
  }
  await store.saveFlow({
    ...flow,
    stateHash: hashToken(state),
    codeVerifier,
    nonce,
    createdAt: at.toISOString(),
    expiresAt: new Date(at.getTime() + FLOW_TTL_MS).toISOString()
  });
  return reply.redirect(url.url.href, 303);
}
function dashboardStart(app, deps) {
  app.get(signInPages.oidcStart, async (request, reply) => {
    const query = request.query;
    const binding = newSecret();
    const linkUserId = query.link === "1" ? await sessionUserId(deps, request) : null;
    reply.setCookie(BINDING_COOKIE, binding, {
      httpOnly: true,
      // Lax, not Strict: the provider sends the browser back with a cross-site navigation.
      sameSite: "lax",
      path: "/auth/oidc",
      secure: request.protocol === "https",
      maxAge: FLOW_TTL_MS / 1e3
    });
    return toProvider(
      deps,
      request,
      reply,
      {
        purpose: "dashboard",
        bindingHash: hashToken(binding),
        returnTo: safeReturnPath(query.next),
        clientRedirect: null,
        clientState: null,
        clientChallenge: null,
        deviceName: null,
        linkUserId
      },
      signInPageFor
    );
  });
}
function extensionAuthorize(app, deps) {
  const allowedHosts = extensionRedirectHosts(deps.config.signIn.extensionIds);
  app.get(signInPages.authorize, async (request, reply) => {
    const query = request.query;
    const clientRedirect = typeof query.redirect_uri === "string" ? query.redirect_uri : "";
    if (!extensionRedirectAllowed(clientRedirect, allowedHosts))
      return refusePage(
        reply,
        "The address to return to is not one of the Snag extension\u2019s. Start signing in from the extension\u2019s options page."
      );
    const clientState = typeof query.state === "string" && /^[A-Za-z0-9._~-]{16,512}$/.test(query.state) ? query.state : null;
    const fail = (problem) => extensionAnswer(clientRedirect, clientState, { problem });
    const parsed = authorizeQuery.safeParse(query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const url = new URL(clientRedirect);
      url.searchParams.set("error", "invalid_request");
      url.searchParams.set(
        "error_description",
        `${issue?.path.join(".") || "query"}: ${issue?.message ?? "invalid"}`
      );
      if (clientState) url.searchParams.set("state", clientState);
      return reply.redirect(url.href, 303);
    }
    const input = parsed.data;
    let linkUserId = null;
    if (input.link_ticket) {
      linkUserId = await deps.store.takeLinkTicket(
        hashToken(input.link_ticket),
        deps.now().toISOString()
      );
      if (!linkUserId) return reply.redirect(fail("expired"), 303);
    }
    return toProvider(
      deps,
      request,
      reply,
      {
        purpose: "extension",
        bindingHash: null,
        returnTo: null,
        clientRedirect: input.redirect_uri,
        clientState: input.state,
        clientChallenge: input.code_challenge,
        deviceName: input.device_name ?? "Browser extension",
        linkUserId
      },
      fail
    );
  });
}
function failureAddress(flow, problem) {
  return flow.purpose === "extension" && flow.clientRedirect ? extensionAnswer(flow.clientRedirect, flow.clientState, { problem }) : signInPageFor(problem);
}
async function signedInUser(deps, request, flow, state) {
  const { provider, store, config, now } = deps;
  if (!provider)
    return { ok: false, problem: "not-configured" };
  const callback2 = new URL(request.url, publicOrigin(request, config));
  const exchanged = await provider.exchange(callback2, {
    codeVerifier: flow.codeVerifier,
    state,
    nonce: flow.nonce
  });
  if (!exchanged.ok) {
    request.log.warn(
      { problem: exchanged.problem, detail: exchanged.detail },
      "single sign-on refused"
    );
    return exchanged;
  }
  const oidc = config.signIn.oidc;
  const subject = oidc ? subjectFromClaims(exchanged.claims, oidc.subjectClaim) : null;
  const issuer = exchanged.claims.iss;
  if (!oidc || !subject || typeof issuer !== "string") {
    request.log.warn(
      { claim: oidc?.subjectClaim },
      "the ID token lacks the subject claim"
    );
    return { ok: false, problem: "provider" };
  }
  const at = now();
  const name = nameFromClaims(exchanged.claims);
  const role = roleFromClaims(exchanged.claims, oidc.roles);
  const { user: newUser2 } = mintUser(name, role, null, at);
  const outcome = await store.applyProviderSignIn({
    issuer,
    subject,
    name,
    role,
    linkUserId: flow.linkUserId,
    at: at.toISOString(),
    newUser: newUser2
  });
  if (outcome.kind === "refused")
    return { ok: false, problem: outcome.problem };
  return {
    ok: true,
    user: outcome.user,
    refreshToken: exchanged.refreshToken
  };
}
function callback(app, deps) {
  app.get(signInPages.oidcCallback, async (request, reply) => {
    const { store, now } = deps;
    const query = request.query;
    const state = typeof query.state === "string" ? query.state : "";
    const flow = state ? await store.takeFlow(hashToken(state)) : null;
    if (!flow) return reply.redirect(signInPageFor("mismatch"), 303);
    if (flow.expiresAt <= now().toISOString())
      return reply.redirect(failureAddress(flow, "expired"), 303);
    if (flow.purpose === "dashboard") {
      const binding = request.cookies[BINDING_COOKIE];
      reply.clearCookie(BINDING_COOKIE, { path: "/auth/oidc" });
      if (!binding || hashToken(binding) !== flow.bindingHash)
        return reply.redirect(signInPageFor("mismatch"), 303);
    }
    const result = await signedInUser(deps, request, flow, state);
    if (!result.ok)
      return reply.redirect(failureAddress(flow, result.problem), 303);
    if (flow.purpose === "dashboard") {
      await openSession(deps, result.user, request, reply);
      return reply.redirect(flow.returnTo ?? "/", 303);
    }
    if (!flow.clientRedirect || !flow.clientChallenge)
      throw new Error("An extension flow without its redirect");
    const code = newSecret();
    const at = now();
    await store.saveCode({
      codeHash: hashToken(code),
      userId: result.user.id,
      clientRedirect: flow.clientRedirect,
      clientChallenge: flow.clientChallenge,
      deviceName: flow.deviceName ?? "Browser extension",
      providerRefresh: result.refreshToken && deps.provider ? deps.provider.sealer.seal(result.refreshToken) : null,
      createdAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + CODE_TTL_MS).toISOString()
    });
    return reply.redirect(
      extensionAnswer(flow.clientRedirect, flow.clientState, { code }),
      303
    );
  });
}
var ssoPages = async (app, deps) => {
  dashboardStart(app, deps);
  extensionAuthorize(app, deps);
  callback(app, deps);
};

// server/routes/webhooks.ts
import { randomUUID } from "node:crypto";

// protocol/webhooks.ts
var WEBHOOK_EVENTS = [
  "report.created",
  "report.triaged",
  "report.status_changed",
  "comment.created",
  "report.redacted"
];
var WEBHOOK_KINDS = ["standard", "teams", "slack"];
var PROBLEM_KINDS2 = ["hard-to-use", "insecure-workaround"];
var webhookRoutes = {
  webhooks: "/webhooks",
  webhook: "/webhooks/:id",
  check: "/webhooks/check",
  allow: "/webhooks/allow",
  rotate: "/webhooks/:id/rotate",
  test: "/webhooks/:id/test",
  deliveries: "/webhooks/:id/deliveries",
  redeliver: "/webhooks/:id/deliveries/:deliveryId/redeliver",
  myNotifications: "/me/notifications"
};
var rating = int().check(_gte(1), _lte(4));
var webhookFilters = strictObject({
  kinds: optional(array(_enum(PROBLEM_KINDS2))),
  services: optional(array(string().check(_maxLength(200)))),
  minSeverity: optional(rating),
  minRisk: optional(rating)
});
var webhookUrl = string().check(_minLength(1), _maxLength(2e3));
var newWebhook = strictObject({
  url: webhookUrl,
  kind: _enum(WEBHOOK_KINDS),
  events: array(_enum(WEBHOOK_EVENTS)).check(_minLength(1)),
  filters: optional(webhookFilters),
  /** Whether report text may be sent (never for reports flagged as personal data). */
  includeText: optional(boolean()),
  description: optional(string().check(_maxLength(200)))
});
var webhookPatch = strictObject({
  url: optional(webhookUrl),
  events: optional(array(_enum(WEBHOOK_EVENTS)).check(_minLength(1))),
  filters: optional(webhookFilters),
  includeText: optional(boolean()),
  description: optional(string().check(_maxLength(200))),
  paused: optional(boolean())
});
var webhookSummary = object({
  id: string(),
  url: string(),
  kind: _enum(WEBHOOK_KINDS),
  events: array(_enum(WEBHOOK_EVENTS)),
  filters: webhookFilters,
  includeText: boolean(),
  description: string(),
  paused: boolean(),
  createdAt: string(),
  /** Until when the previous secret still signs, during a rotation. */
  previousSecretUntil: nullable(string())
});
var webhookList = array(webhookSummary);
var createdWebhook = object({
  id: string(),
  secret: string(),
  webhook: webhookSummary
});
var rotateBody = strictObject({
  /** How long the old secret keeps signing too (default 24). */
  overlapHours: optional(int().check(_gte(0), _lte(168)))
});
var rotatedSecret = object({
  secret: string(),
  previousSecretUntil: nullable(string())
});
var urlCheck = strictObject({ url: webhookUrl });
var urlCheckAnswer = object({
  ok: boolean(),
  message: string()
});
var allowList = object({
  /** Entries set in Admin. */
  entries: array(string().check(_minLength(1), _maxLength(100))),
  /** Entries from `SNAG_WEBHOOK_ALLOW`, read-only here. */
  fromEnvironment: optional(array(string()))
});
var DELIVERY_STATES = [
  "pending",
  "delivering",
  "delivered",
  "failed"
];
var deliverySummary = object({
  id: string(),
  event: string(),
  state: _enum(DELIVERY_STATES),
  attempts: int(),
  createdAt: string(),
  deliveredAt: nullable(string()),
  nextAttemptAt: nullable(string()),
  responseStatus: nullable(int()),
  latencyMs: nullable(int()),
  /** The first 500 bytes of the answer. */
  response: nullable(string()),
  error: nullable(string())
});
var deliveryList = array(deliverySummary);
var queuedDelivery = object({ deliveryId: string() });
var webhookParams = object({ id: uuid() });
var deliveryParams = object({ id: uuid(), deliveryId: uuid() });
var notificationSettings = strictObject({
  email: nullable(email().check(_maxLength(320))),
  language: _enum(["en", "cy"]),
  /** Reviewers' digest of new reports and changes. */
  digest: _enum(["off", "daily", "weekly"]),
  /** Reporters: an email when their report is fixed, with the closing comment. */
  youSaidWeDid: boolean()
});
var API = "/api/v1";
var one = (route) => (id) => `${API}${route.replace(":id", encodeURIComponent(id))}`;
var webhookPaths = {
  webhooks: `${API}${webhookRoutes.webhooks}`,
  webhook: one(webhookRoutes.webhook),
  check: `${API}${webhookRoutes.check}`,
  allow: `${API}${webhookRoutes.allow}`,
  rotate: one(webhookRoutes.rotate),
  test: one(webhookRoutes.test),
  deliveries: one(webhookRoutes.deliveries),
  redeliver: (id, deliveryId) => `${one(webhookRoutes.redeliver)(id).replace(":deliveryId", encodeURIComponent(deliveryId))}`,
  myNotifications: `${API}${webhookRoutes.myNotifications}`
};

// server/routes/webhooks.ts
var BODY_LIMIT = 16 * 1024;
async function addressProblem(url, deps) {
  const bad = urlProblem(url);
  if (bad) return bad;
  const allow = parseAllowList([
    ...deps.config.deliveries.allow,
    ...await deps.store.webhooks.allowList()
  ]);
  const picked = await pickAddress(new URL(url), allow);
  return "refused" in picked ? picked.refused : null;
}
async function checkedOr400(url, deps) {
  const problem = await addressProblem(url, deps);
  if (problem) throw new HttpError(400, `url: ${problem}`);
}
function idOf(params) {
  return parseOr400(webhookParams, params, "path").id;
}
function subscriptions(api, deps) {
  const { store, now } = deps;
  api.get(
    webhookRoutes.webhooks,
    {
      config: {
        doc: { summary: "Every webhook subscription", response: webhookList }
      }
    },
    async () => store.webhooks.list()
  );
  api.post(
    webhookRoutes.webhooks,
    {
      bodyLimit: BODY_LIMIT,
      config: {
        doc: {
          summary: "Subscribe an address; the signing secret is shown only in this answer",
          body: newWebhook,
          response: createdWebhook
        }
      }
    },
    async (request, reply) => {
      const input = parseOr400(newWebhook, request.body);
      await checkedOr400(input.url, deps);
      const id = randomUUID();
      const secret = newSecret2();
      const webhook = await store.webhooks.create({
        id,
        url: input.url,
        kind: input.kind,
        events: [...new Set(input.events)],
        filters: input.filters ?? {},
        includeText: input.includeText ?? false,
        description: input.description?.trim() ?? "",
        secret,
        createdAt: now().toISOString()
      });
      return reply.code(201).send({ id, secret, webhook });
    }
  );
}
function subscriptionEdits(api, deps) {
  const { store, now } = deps;
  api.patch(
    webhookRoutes.webhook,
    {
      bodyLimit: BODY_LIMIT,
      config: {
        doc: {
          summary: "Edit, pause or resume a subscription",
          body: webhookPatch,
          response: webhookSummary
        }
      }
    },
    async (request) => {
      const id = idOf(request.params);
      const patch = parseOr400(webhookPatch, request.body ?? {});
      if (patch.url !== void 0) await checkedOr400(patch.url, deps);
      const updated = await store.webhooks.update(id, patch);
      if (!updated)
        throw new HttpError(404, "There is no subscription with this id");
      return updated;
    }
  );
  api.delete(
    webhookRoutes.webhook,
    {
      config: {
        doc: { summary: "Delete a subscription and its delivery log" }
      }
    },
    async (request, reply) => {
      if (!await store.webhooks.remove(idOf(request.params)))
        throw new HttpError(404, "There is no subscription with this id");
      return reply.code(204).send();
    }
  );
  api.post(
    webhookRoutes.rotate,
    {
      bodyLimit: BODY_LIMIT,
      config: {
        doc: {
          summary: "A new signing secret; the old one also signs for the overlap (24 h unless told)",
          body: rotateBody,
          response: rotatedSecret
        }
      }
    },
    async (request) => {
      const id = idOf(request.params);
      const { overlapHours = 24 } = parseOr400(rotateBody, request.body ?? {});
      const secret = newSecret2();
      const until = overlapHours > 0 ? new Date(now().getTime() + overlapHours * 36e5).toISOString() : null;
      if (!await store.webhooks.rotate(id, secret, until))
        throw new HttpError(404, "There is no subscription with this id");
      return { secret, previousSecretUntil: until };
    }
  );
}
function deliveries(api, { store, now }) {
  api.get(
    webhookRoutes.deliveries,
    {
      config: {
        doc: {
          summary: "A subscription's last 100 deliveries, newest first",
          response: deliveryList
        }
      }
    },
    async (request) => {
      const id = idOf(request.params);
      if (!await store.webhooks.get(id))
        throw new HttpError(404, "There is no subscription with this id");
      return store.deliveryQueue.log(id, 100);
    }
  );
  api.post(
    webhookRoutes.test,
    {
      config: {
        doc: { summary: "Send a test event now", response: queuedDelivery }
      }
    },
    async (request, reply) => {
      const deliveryId = await store.webhooks.enqueueTest(
        idOf(request.params),
        now().getTime()
      );
      if (!deliveryId)
        throw new HttpError(404, "There is no subscription with this id");
      return reply.code(202).send({ deliveryId });
    }
  );
  api.post(
    webhookRoutes.redeliver,
    {
      config: {
        doc: {
          summary: "Send a delivery again, with the same webhook-id",
          response: queuedDelivery
        }
      }
    },
    async (request, reply) => {
      const { id, deliveryId } = parseOr400(
        deliveryParams,
        request.params,
        "path"
      );
      if (!await store.deliveryQueue.redeliver(id, deliveryId, now().getTime()))
        throw new HttpError(
          404,
          "There is no such delivery to this subscription, or it is being sent right now"
        );
      return reply.code(202).send({ deliveryId });
    }
  );
}
function addresses(api, deps) {
  const { store, config } = deps;
  api.get(
    webhookRoutes.allow,
    {
      config: {
        doc: {
          summary: "Hosts and CIDR ranges that may receive",
          response: allowList
        }
      }
    },
    async () => ({
      entries: await store.webhooks.allowList(),
      fromEnvironment: config.deliveries.allow
    })
  );
  api.put(
    webhookRoutes.allow,
    {
      bodyLimit: BODY_LIMIT,
      config: {
        doc: {
          summary: "Replace the allow-list set in Admin",
          body: allowList,
          response: allowList
        }
      }
    },
    async (request) => {
      const { entries } = parseOr400(allowList, request.body);
      const clean = entries.map((e) => e.trim().toLowerCase()).filter(Boolean);
      for (const entry of clean) {
        const problem = entryProblem(entry);
        if (problem) throw new HttpError(400, `entries: ${problem}`);
      }
      await store.webhooks.setAllowList(clean);
      return {
        entries: await store.webhooks.allowList(),
        fromEnvironment: config.deliveries.allow
      };
    }
  );
  api.post(
    webhookRoutes.check,
    {
      bodyLimit: BODY_LIMIT,
      config: {
        doc: {
          summary: "Whether an address may receive, checked as a delivery would be",
          body: urlCheck,
          response: urlCheckAnswer
        }
      }
    },
    async (request) => {
      const { url } = parseOr400(urlCheck, request.body);
      const problem = await addressProblem(url, deps);
      return problem ? { ok: false, message: problem } : { ok: true, message: "Snag may send to this address" };
    }
  );
}
function settings(api, { store }) {
  api.get(
    webhookRoutes.myNotifications,
    {
      config: {
        auth: "reporter",
        doc: { summary: "Your email settings", response: notificationSettings }
      }
    },
    async (request) => store.webhooks.settings(userOf(request).id)
  );
  api.put(
    webhookRoutes.myNotifications,
    {
      bodyLimit: BODY_LIMIT,
      config: {
        auth: "reporter",
        doc: {
          summary: "Change your email settings (digests are for reviewers and admins)",
          body: notificationSettings,
          response: notificationSettings
        }
      }
    },
    async (request) => {
      const input = parseOr400(notificationSettings, request.body);
      if ((input.digest !== "off" || input.youSaidWeDid) && !input.email)
        throw new HttpError(
          400,
          "email: give an email address to receive email"
        );
      const user = userOf(request);
      await store.webhooks.setSettings(user.id, input);
      return store.webhooks.settings(user.id);
    }
  );
}
var webhookRoutes2 = async (api, deps) => {
  subscriptions(api, deps);
  subscriptionEdits(api, deps);
  deliveries(api, deps);
  addresses(api, deps);
  settings(api, deps);
};

// server/web.ts
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
var NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Snag</title></head>
<body><h1>Snag server</h1>
<p>The server is running, but the review dashboard has not been built.</p>
<p>Build it with <code>npm run build:web</code> and restart the server.</p></body></html>`;
var DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Preact sets element styles through the CSSOM, but attribute styles need this; no scripts do.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'"
].join("; ");
async function registerWeb(app, webRoot) {
  const built = existsSync(join(webRoot, "index.html"));
  if (built) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      index: "index.html"
    });
  } else {
    app.get(
      "/",
      { config: { auth: "public" } },
      async (_request, reply) => reply.type("text/html; charset=utf-8").send(NOT_BUILT)
    );
  }
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    const isPage2 = (request.method === "GET" || request.method === "HEAD") && !path.startsWith("/api/") && !/\.[a-z0-9]+$/i.test(path);
    if (isPage2) {
      if (built)
        return reply.type("text/html; charset=utf-8").sendFile("index.html");
      return reply.code(404).type("text/html; charset=utf-8").send(NOT_BUILT);
    }
    return reply.code(404).send(
      errorBody(
        "not_found",
        path.startsWith(`${API_PREFIX}/`) ? "No such API route" : "Not found"
      )
    );
  });
}

// server/app.ts
var LOG_OPTIONS = {
  level: process.env.LOG_LEVEL || "info",
  redact: [
    "req.headers.authorization",
    "req.headers.cookie",
    'req.headers["x-csrf-token"]',
    "token"
  ],
  serializers: {
    req: (req) => ({
      method: req.method,
      path: (req.url ?? "").split("?")[0],
      remoteAddress: req.ip
    })
  }
};
var EXTENSION_ORIGIN = /^(chrome|moz|safari-web)-extension:\/\/[A-Za-z0-9_.@{}-]+$/;
function acceptJson(app) {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.addContentTypeParser(
    "application/json",
    { parseAs: "string" },
    (request, body, done) => {
      if (body === "") return done(null, void 0);
      return parseJson(request, body.toString(), done);
    }
  );
}
function cleanTextInput(app) {
  app.addHook("preValidation", async (request) => {
    const parts = [
      ["path", request.params],
      ["query", request.query],
      ["body", request.body]
    ];
    for (const [where, value] of parts) {
      const result = cleanText(value);
      if (!result.ok) {
        const path = [where, ...result.refusal.path].join(".");
        throw new HttpError(400, `${path}: ${result.refusal.message}`);
      }
      if (where === "body") request.body = result.value;
    }
  });
}
function securityHeaders(app) {
  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    if (request.url.startsWith("/api/")) {
      if (!reply.hasHeader("cache-control"))
        reply.header("cache-control", "no-store");
    } else {
      reply.header("content-security-policy", DASHBOARD_CSP);
      reply.header("x-frame-options", "DENY");
    }
    return payload;
  });
}
function limitPerCredential(api, config) {
  const checkCredential = api.createRateLimit({
    max: config.rateLimit,
    timeWindow: 6e4,
    keyGenerator: rateLimitKey
  });
  api.addHook("onRequest", async (request, reply) => {
    const limit = await checkCredential(request);
    if (!limit.isAllowed && limit.isExceeded) {
      reply.header("retry-after", Math.ceil(limit.ttl / 1e3));
      throw new HttpError(
        429,
        `Too many requests; try again in ${Math.ceil(limit.ttl / 1e3)} seconds`
      );
    }
  });
}
async function registerApi(api, deps) {
  await api.register(cors, {
    origin: (origin, cb) => cb(null, typeof origin === "string" && EXTENSION_ORIGIN.test(origin)),
    methods: ["GET", "PUT", "POST", "PATCH", "DELETE"],
    allowedHeaders: ["Authorization", "Content-Type", "X-CSRF-Token"],
    maxAge: 600
  });
  limitPerCredential(api, deps.config);
  api.removeContentTypeParser("text/plain");
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
  await api.register(webhookRoutes2, deps);
  api.setNotFoundHandler(
    async (_request, reply) => reply.code(404).send(errorBody("not_found", "No such API route"))
  );
}
async function buildApp(options) {
  const { store, config } = options;
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const oidc = config.signIn.oidc;
  const provider = options.provider !== void 0 ? options.provider : oidc ? new IdentityProvider({ settings: oidc, now }) : null;
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
        Math.min(1e3, Math.floor(config.timeouts.headersMs / 4))
      )
    },
    // Ids are lower-case UUIDs and paths are ours; no need for case-folding or trailing slashes.
    routerOptions: { ignoreTrailingSlash: false }
  });
  app.decorate("apiRoutes", []);
  app.decorate("identityProvider", provider);
  app.addHook("onRoute", (route) => {
    if (route.url.startsWith(API_PREFIX))
      app.apiRoutes.push(...recordRoute(route));
  });
  app.setErrorHandler(errorHandler);
  acceptJson(app);
  cleanTextInput(app);
  securityHeaders(app);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerIp,
    timeWindow: 6e4,
    keyGenerator: (request) => `ip:${request.ip}`,
    errorResponseBuilder: (_request, context) => new HttpError(429, `Too many requests; try again in ${context.after}`)
  });
  const deps = { store, config, now, provider };
  await app.register((api) => registerApi(api, deps), {
    prefix: API_PREFIX
  });
  await app.register(ssoPages, deps);
  await registerWeb(app, config.webRoot);
  return app;
}
export {
  LOG_OPTIONS,
  buildApp
};
//# sourceMappingURL=app-COHASQ4D.js.map
