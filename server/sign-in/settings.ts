/**
 * Sign-in settings from the environment: the identity provider (`SNAG_OIDC_*`), who may still
 * sign in with an access token, the lifetimes of the extension's tokens, and the extension IDs
 * whose redirects the authorisation endpoint accepts. A setting that cannot work stops the
 * server at start-up with a sentence that names it.
 */
import { TOKEN_SIGN_IN, type TokenSignIn } from '../../protocol/auth';
import {
  EXTENSION_PUBLIC_KEY,
  GECKO_ID,
} from '../../protocol/extension-identity';
import {
  chromeExtensionId,
  isChromeExtensionId,
  type ExtensionIds,
} from '../domain/deploy';
import { issuerAllowed, type RoleMapping } from '../domain/sign-in';

/** The identity provider and how its claims are read. */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  roles: RoleMapping;
  /** The claim that identifies a provider account for good (`sub`; `oid` suits Entra ID). */
  subjectClaim: string;
}

/** Everything about signing in. */
export interface SignInSettings {
  /** Single sign-on, or null when `SNAG_OIDC_ISSUER` is unset. */
  oidc: OidcSettings | null;
  /** Who may sign in to the dashboard with an access token. */
  tokenSignIn: TokenSignIn;
  /** The address people reach Snag at (`SNAG_PUBLIC_URL`), without a trailing slash. */
  publicUrl: string | null;
  /** How long a device's access token works, in milliseconds. */
  deviceAccessTtlMs: number;
  /** How long an unused device stays signed in, in milliseconds. */
  deviceRefreshTtlMs: number;
  /** Our extension's IDs, then any added by `SNAG_EXTENSION_IDS`. */
  extensionIds: ExtensionIds;
  chromeUpdateUrl: string;
  edgeUpdateUrl: string;
  firefoxInstallUrl: string;
}

/** A sign-in setting that cannot work; its message names the variable. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** The Chrome Web Store's update address, which force-installed extensions are fetched from. */
export const CHROME_WEB_STORE_UPDATES =
  'https://clients2.google.com/service/update2/crx';

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function whole(
  value: string | undefined,
  fallback: number,
  name: string,
): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new SettingsError(
      `${name} must be a whole number above 0, not "${value}"`,
    );
  return n;
}

function httpsUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SettingsError(`${name} is not an address: "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new SettingsError(
      `${name} must be an http(s) address, not "${value}"`,
    );
  return url.href;
}

/** Reads the identity provider's settings, or null if single sign-on is off. */
function readOidc(env: NodeJS.ProcessEnv): OidcSettings | null {
  const issuerText = env.SNAG_OIDC_ISSUER?.trim();
  if (!issuerText) return null;
  let issuer: URL;
  try {
    issuer = new URL(issuerText);
  } catch {
    throw new SettingsError(
      `SNAG_OIDC_ISSUER is not an address: "${issuerText}". It is the provider's issuer, e.g. https://login.microsoftonline.com/<tenant id>/v2.0`,
    );
  }
  if (!issuerAllowed(issuer)) {
    throw new SettingsError(
      `SNAG_OIDC_ISSUER must be an https: address (http: is accepted only on a loopback address such as 127.0.0.1): "${issuerText}"`,
    );
  }
  const clientId = env.SNAG_OIDC_CLIENT_ID?.trim();
  if (!clientId)
    throw new SettingsError(
      'SNAG_OIDC_CLIENT_ID is needed with SNAG_OIDC_ISSUER: the application (client) ID the provider gave Snag',
    );
  const clientSecret = env.SNAG_OIDC_CLIENT_SECRET;
  if (!clientSecret)
    throw new SettingsError(
      'SNAG_OIDC_CLIENT_SECRET is needed with SNAG_OIDC_ISSUER: the client secret the provider gave Snag',
    );
  return {
    issuer,
    clientId,
    clientSecret,
    roles: {
      claim: env.SNAG_OIDC_ROLE_CLAIM?.trim() || 'roles',
      reviewerRoles: list(env.SNAG_OIDC_REVIEWER_ROLES),
      adminRoles: list(env.SNAG_OIDC_ADMIN_ROLES),
    },
    subjectClaim: env.SNAG_OIDC_SUBJECT_CLAIM?.trim() || 'sub',
  };
}

/** Our extension's IDs, plus those listed in `SNAG_EXTENSION_IDS` (Chrome IDs or add-on IDs). */
function readExtensionIds(env: NodeJS.ProcessEnv): ExtensionIds {
  const chrome = [chromeExtensionId(EXTENSION_PUBLIC_KEY)];
  const firefox = [GECKO_ID];
  for (const id of list(env.SNAG_EXTENSION_IDS)) {
    if (isChromeExtensionId(id)) chrome.push(id);
    else if (/^[A-Za-z0-9._@{}-]{3,100}$/.test(id) && /[@{]/.test(id))
      firefox.push(id);
    else
      throw new SettingsError(
        `SNAG_EXTENSION_IDS: "${id}" is neither a Chrome extension ID (32 letters a–p) nor a Firefox add-on ID (name@domain or {uuid})`,
      );
  }
  return { chrome: [...new Set(chrome)], firefox: [...new Set(firefox)] };
}

/** Reads every sign-in setting from `env`. */
export function readSignInSettings(env: NodeJS.ProcessEnv): SignInSettings {
  const oidc = readOidc(env);
  const tokenSignIn = (env.SNAG_TOKEN_SIGN_IN?.trim() || 'all') as TokenSignIn;
  if (!TOKEN_SIGN_IN.includes(tokenSignIn))
    throw new SettingsError(
      `SNAG_TOKEN_SIGN_IN must be ${TOKEN_SIGN_IN.join(', ')}, not "${env.SNAG_TOKEN_SIGN_IN}"`,
    );
  if (tokenSignIn === 'off' && !oidc)
    throw new SettingsError(
      'SNAG_TOKEN_SIGN_IN=off needs single sign-on (SNAG_OIDC_ISSUER); otherwise no one could sign in to the dashboard',
    );
  const publicUrl = env.SNAG_PUBLIC_URL?.trim()
    ? httpsUrl(env.SNAG_PUBLIC_URL.trim(), 'SNAG_PUBLIC_URL').replace(
        /\/+$/,
        '',
      )
    : null;
  const chromeUpdateUrl = env.SNAG_EXTENSION_UPDATE_URL?.trim()
    ? httpsUrl(
        env.SNAG_EXTENSION_UPDATE_URL.trim(),
        'SNAG_EXTENSION_UPDATE_URL',
      )
    : CHROME_WEB_STORE_UPDATES;
  return {
    oidc,
    tokenSignIn,
    publicUrl,
    deviceAccessTtlMs:
      whole(env.SNAG_DEVICE_ACCESS_MINUTES, 60, 'SNAG_DEVICE_ACCESS_MINUTES') *
      60_000,
    deviceRefreshTtlMs:
      whole(env.SNAG_DEVICE_DAYS, 30, 'SNAG_DEVICE_DAYS') * 86_400_000,
    extensionIds: readExtensionIds(env),
    chromeUpdateUrl,
    edgeUpdateUrl: env.SNAG_EDGE_UPDATE_URL?.trim()
      ? httpsUrl(env.SNAG_EDGE_UPDATE_URL.trim(), 'SNAG_EDGE_UPDATE_URL')
      : chromeUpdateUrl,
    firefoxInstallUrl: env.SNAG_FIREFOX_INSTALL_URL?.trim()
      ? httpsUrl(
          env.SNAG_FIREFOX_INSTALL_URL.trim(),
          'SNAG_FIREFOX_INSTALL_URL',
        )
      : `https://addons.mozilla.org/firefox/downloads/latest/${encodeURIComponent(GECKO_ID)}/latest.xpi`,
  };
}
