/**
 * The sign-in contract: single sign-on for the dashboard, the broker that signs the extension
 * in through the council's identity provider, signed-in devices and the deployment pack.
 * Browser pages (`signInPages`) are plain navigations outside API v1; everything else is under
 * {@link API_PREFIX} like the rest of the API.
 */
import * as z from 'zod/mini';
import { API_PREFIX, me, ROLES, ssoStatus } from './api';

/**
 * Pages the browser navigates to (not JSON): the dashboard's single sign-on, the provider's
 * return address, and Snag's own authorisation endpoint for the extension.
 */
export const signInPages = {
  /** Starts the dashboard's sign-in with the identity provider (`?next=/path`, `?link=1`). */
  oidcStart: '/auth/oidc/start',
  /** The one redirect URI registered with the identity provider. */
  oidcCallback: '/auth/oidc/callback',
  /** Snag's authorisation endpoint, opened by the extension with `launchWebAuthFlow`. */
  authorize: '/auth/authorize',
} as const;

/** API v1 routes of sign-in, devices and deployment, relative to {@link API_PREFIX}. */
export const authRoutes = {
  methods: '/auth/methods',
  token: '/auth/token',
  revoke: '/auth/revoke',
  linkTicket: '/auth/link-ticket',
  devices: '/devices',
  device: '/devices/:id',
  deploy: '/deploy',
} as const;

/** Full paths of {@link authRoutes}. */
export const authPaths = {
  methods: `${API_PREFIX}${authRoutes.methods}`,
  token: `${API_PREFIX}${authRoutes.token}`,
  revoke: `${API_PREFIX}${authRoutes.revoke}`,
  linkTicket: `${API_PREFIX}${authRoutes.linkTicket}`,
  devices: `${API_PREFIX}${authRoutes.devices}`,
  device: (id: string) =>
    `${API_PREFIX}${authRoutes.device.replace(':id', encodeURIComponent(id))}`,
  deploy: `${API_PREFIX}${authRoutes.deploy}`,
} as const;

/** Who may sign in to the dashboard with an access token. */
export const TOKEN_SIGN_IN = ['all', 'admins', 'off'] as const;
export type TokenSignIn = (typeof TOKEN_SIGN_IN)[number];

/** `GET /auth/methods`: which ways of signing in this server offers. No auth. */
export const signInMethods = z.object({
  /** Whether "Sign in with your council account" is offered. */
  sso: z.boolean(),
  /** Who may sign in to the dashboard with an access token. */
  tokenSignIn: z.enum(TOKEN_SIGN_IN),
});
export type SignInMethods = z.infer<typeof signInMethods>;

/**
 * Why a sign-in did not happen, or why a signed-in device must sign in again. The dashboard
 * gets one as `/sign-in?reason=…`; the extension gets one as `snag_reason` on its redirect, or
 * as the error code of a failed token request. Each has the sentence to show.
 */
export const SIGN_IN_PROBLEMS = {
  denied:
    'You did not give permission at your council’s sign-in page, so you are not signed in.',
  cancelled: 'The sign-in window was closed before you finished signing in.',
  expired: 'Signing in took too long. Please try again.',
  mismatch:
    'This sign-in could not be matched to one you started here. Please start again.',
  provider:
    'Signing in with your council account is not working at the moment. Your administrator can see why on the Admin page.',
  'not-configured':
    'Signing in with a council account is not set up on this Snag server.',
  'account-revoked':
    'Your Snag account has been switched off. Ask your administrator if you need it back.',
  'already-linked':
    'That council account already belongs to another Snag user, so it was not linked.',
  'token-sign-in-off':
    'Signing in to the dashboard with an access token is switched off on this server.',
  'refresh-expired':
    'You have not used Snag on this device for a while, so you have been signed out.',
  'refresh-reused':
    'This device was signed out because its sign-in was used twice, which can mean it was copied.',
  'signed-out': 'This device has been signed out.',
  'provider-refused':
    'Your council account could not be confirmed, so this device has been signed out.',
} as const;
export type SignInProblem = keyof typeof SIGN_IN_PROBLEMS;

/** The problems, as a list for schemas. */
export const SIGN_IN_PROBLEM_CODES = Object.keys(SIGN_IN_PROBLEMS) as [
  SignInProblem,
  ...SignInProblem[],
];

/** Whether `value` names a sign-in problem (for reading one from a URL). */
export function isSignInProblem(value: unknown): value is SignInProblem {
  return typeof value === 'string' && Object.hasOwn(SIGN_IN_PROBLEMS, value);
}

/** PKCE code verifiers and challenges (RFC 7636): 43–128 unreserved characters. */
const pkceValue = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9._~-]{43,128}$/,
      'Expected 43 to 128 URL-safe characters',
    ),
  );

/** The extension's opaque `state`: URL-safe text. */
const clientState = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9._~-]{16,512}$/,
      'Expected 16 to 512 URL-safe characters',
    ),
  );

/** The query of {@link signInPages.authorize}, as the extension builds it. */
export const authorizeQuery = z.strictObject({
  /** The extension's redirect (`identity.getRedirectURL()`), checked against an allow-list. */
  redirect_uri: z.string().check(z.maxLength(500)),
  state: clientState,
  /** BASE64URL(SHA-256(code_verifier)). */
  code_challenge: pkceValue,
  code_challenge_method: z.literal('S256'),
  /** Shown to admins in the list of signed-in devices, e.g. "Chrome on Windows". */
  device_name: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  /** From `POST /auth/link-ticket`: links the council account to the token's holder. */
  link_ticket: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/))),
});
export type AuthorizeQuery = z.infer<typeof authorizeQuery>;

/** `POST /auth/token` body: trade the code from the redirect, or a refresh token. */
export const tokenRequest = z.discriminatedUnion('grant_type', [
  z.strictObject({
    grant_type: z.literal('authorization_code'),
    code: z
      .string()
      .check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'Expected a code from Snag')),
    code_verifier: pkceValue,
    /** The same `redirect_uri` the authorisation request named. */
    redirect_uri: z.string().check(z.maxLength(500)),
  }),
  z.strictObject({
    grant_type: z.literal('refresh_token'),
    refresh_token: z
      .string()
      .check(
        z.regex(/^[A-Za-z0-9_-]{43}$/, 'Expected a refresh token from Snag'),
      ),
  }),
]);
export type TokenRequest = z.infer<typeof tokenRequest>;

/** `POST /auth/token` answer: a short-lived access token and the next refresh token. */
export const tokenAnswer = z.object({
  /** Sent as `Authorization: Bearer …` on every API call, like a pasted token. */
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  /** Seconds until the access token stops working. */
  expires_in: z.int(),
  /** Use once: each refresh answers a new one, and a used one signs the device out. */
  refresh_token: z.string(),
  /** Seconds the refresh token stays usable if the device is not used. */
  refresh_expires_in: z.int(),
  /** This device's id, as admins see it in the list of signed-in devices. */
  device_id: z.string(),
  user: me,
});
export type TokenAnswer = z.infer<typeof tokenAnswer>;

/** `POST /auth/revoke` body: signs out the device holding this refresh token. */
export const revokeRequest = z.strictObject({
  refresh_token: z.string().check(z.maxLength(200)),
});

/** `POST /auth/link-ticket` answer: put `ticket` in the authorisation URL as `link_ticket`. */
export const linkTicket = z.object({
  ticket: z.string(),
  /** Seconds the ticket stays usable. */
  expires_in: z.int(),
});
export type LinkTicket = z.infer<typeof linkTicket>;

/** One signed-in device, as admins see it. */
export const deviceSummary = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string(),
  role: z.enum(ROLES),
  /** What the extension called it, e.g. "Chrome on Windows". */
  name: z.string(),
  signedInAt: z.string(),
  /** When it last refreshed its access token. */
  lastRefreshedAt: z.string(),
});
export type DeviceSummary = z.infer<typeof deviceSummary>;

/** `GET /devices`: every signed-in device, newest first. */
export const deviceList = z.array(deviceSummary);

/** The path parameter of `DELETE /devices/:id`. */
export const deviceParams = z.object({
  id: z.string().check(z.regex(/^[0-9a-f-]{36}$/, 'Expected a device id')),
});

/** How signing in is meant to happen, as a managed setting. */
export const MANAGED_SIGN_IN = ['sso', 'token'] as const;

/**
 * The extension's managed settings, set by policy (Chrome and Edge `3rdparty` settings read
 * through `storage.managed`, Firefox's `3rdparty` section of `policies.json`). Each key is
 * optional: what policy leaves out, the user may set.
 */
export const managedSettings = z.object({
  /** The Snag server's address. */
  serverUrl: z.optional(z.string()),
  /** `sso`: "Sign in with your council account"; `token`: paste an access token. */
  signIn: z.optional(z.enum(MANAGED_SIGN_IN)),
  /** Whether the user may change the server address. */
  lockServer: z.optional(z.boolean()),
  /** Host permissions to request, as match patterns (`https://www.example.gov.uk/*`). */
  councilSites: z.optional(z.array(z.string())),
  /** Query parameter names kept when a page's address is cleaned. */
  keepQueryParams: z.optional(z.array(z.string())),
  /** CSS selectors masked in screenshots, on top of form fields. */
  extraMaskSelectors: z.optional(z.array(z.string())),
  /** Whether an `http:` server address is accepted (only for testing). */
  allowHttp: z.optional(z.boolean()),
});
export type ManagedSettings = z.infer<typeof managedSettings>;

/** `GET /deploy`: what IT needs to deploy the extension by policy, from this server's settings. */
export const deployPack = z.object({
  /** The extension's ID in Chrome and Edge, and its add-on ID in Firefox. */
  extensionId: z.object({ chrome: z.string(), firefox: z.string() }),
  /** The redirect URI to register with the identity provider. */
  redirectUri: z.string(),
  /** Whether the redirect URI comes from `SNAG_PUBLIC_URL` or was guessed from this request. */
  redirectUriFrom: z.enum(['SNAG_PUBLIC_URL', 'request']),
  /** The extension's sign-in redirects that Snag's authorisation endpoint accepts. */
  extensionRedirects: z.array(z.string()),
  /** The managed settings the policies carry. */
  managedSettings,
  /** Chrome policy JSON (a file in `/etc/opt/chrome/policies/managed/`, or Intune's). */
  chromePolicy: z.record(z.string(), z.unknown()),
  /** Edge policy JSON. */
  edgePolicy: z.record(z.string(), z.unknown()),
  /** Firefox `policies.json`. */
  firefoxPolicies: z.record(z.string(), z.unknown()),
  sso: ssoStatus,
});
export type DeployPack = z.infer<typeof deployPack>;
