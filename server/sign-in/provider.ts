/**
 * The council's identity provider, through `openid-client`: discovery, the authorisation URL,
 * the code exchange with PKCE, refreshing a device's provider token, and a check that the
 * settings work. Every failure comes back as a value with a sentence an admin can act on; the
 * latest one is kept as the single sign-on status that `/health` and the Admin page show, so a
 * broken set-up is visible without reading logs and never reaches a user as a stack trace.
 */
import * as oidc from 'openid-client';
import type { SsoStatus } from '../../protocol/api';
import type { SignInProblem } from '../../protocol/auth';
import type { Claims } from '../domain/sign-in';
import { sealerFor, type Sealer } from './seal';
import type { OidcSettings } from './settings';

/** What the provider needs. */
export interface ProviderDeps {
  settings: OidcSettings;
  /** The clock, to compare with the provider's. */
  now: () => Date;
  /** Told each time the status changes, so the server can log it. */
  onStatus?: (status: SsoStatus) => void;
}

/** What a code exchange gave. */
export type ExchangeOutcome =
  | { ok: true; claims: Claims; refreshToken: string | null }
  | { ok: false; problem: SignInProblem; detail: string };

/** What refreshing a device's provider token gave. */
export type RefreshOutcome =
  | { kind: 'ok'; refreshToken: string | null }
  /** The provider will not refresh: the account is gone, disabled or its grant revoked. */
  | { kind: 'refused'; detail: string }
  /** The provider could not be asked, or refused Snag itself: try again later. */
  | { kind: 'unavailable'; detail: string };

/** The checks one authorisation response must pass. */
export interface ExchangeChecks {
  codeVerifier: string;
  state: string;
  nonce: string;
}

/** openid-client's default tolerance for ID token times, in seconds. */
const CLOCK_TOLERANCE_S = 30;
/** How long any one request to the provider may take. */
const TIMEOUT_S = 10;

/** A failure whose message is already written for an admin. */
class ProviderFailure extends Error {}

/** Scopes for the dashboard; the extension adds `offline_access` for a refresh token. */
const SCOPE = 'openid profile email';

/** One identity provider, discovered lazily and again after a failure. */
export class IdentityProvider {
  /** Seals the provider's refresh tokens for storage. */
  readonly sealer: Sealer;
  private discovered: Promise<oidc.Configuration> | null = null;
  private lastProviderDate: number | null = null;
  private status: SsoStatus = { configured: true, state: 'checking' };

  constructor(private readonly deps: ProviderDeps) {
    this.sealer = sealerFor(deps.settings.clientSecret);
  }

  /** The status as last found. */
  currentStatus(): SsoStatus {
    return this.status;
  }

  /** The issuer as configured. */
  get issuer(): string {
    return this.deps.settings.issuer.href;
  }

  private setStatus(state: 'ok' | 'failing', message?: string): void {
    const changed =
      state !== this.status.state || message !== this.status.message;
    this.status = {
      configured: true,
      state,
      ...(message ? { message } : {}),
      checkedAt: this.deps.now().toISOString(),
    };
    if (changed) this.deps.onStatus?.(this.status);
  }

  /** Every request to the provider goes through here, to note the provider's clock. */
  private readonly fetcher: oidc.CustomFetch = async (url, options) => {
    const response = await fetch(url, options as RequestInit);
    const date = Date.parse(response.headers.get('date') ?? '');
    if (Number.isFinite(date)) this.lastProviderDate = date;
    return response;
  };

  private configuration(): Promise<oidc.Configuration> {
    if (!this.discovered) {
      const { issuer, clientId, clientSecret } = this.deps.settings;
      const discovering = oidc
        .discovery(
          issuer,
          clientId,
          { client_secret: clientSecret },
          undefined,
          {
            // The settings accept http: only on a loopback address (settings.ts).
            execute:
              issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
            [oidc.customFetch]: this.fetcher,
            timeout: TIMEOUT_S,
          },
        )
        .then((config) => {
          config[oidc.customFetch] = this.fetcher;
          config.timeout = TIMEOUT_S;
          return config;
        });
      // A failed discovery is tried again next time rather than remembered.
      discovering.catch(() => {
        if (this.discovered === discovering) this.discovered = null;
      });
      this.discovered = discovering;
    }
    return this.discovered;
  }

  /**
   * Checks the settings end to end: discovery, the client ID and secret (a token request with
   * a code that cannot exist: a provider that knows the client refuses the code, one that does
   * not refuses the client), and the clocks. Updates and answers the status.
   */
  async check(): Promise<SsoStatus> {
    try {
      this.discovered = null;
      const config = await this.configuration();
      await this.probeClient(config);
      this.checkClock();
      this.setStatus('ok');
    } catch (error) {
      this.setStatus('failing', this.describe(error));
    }
    return this.status;
  }

  private async probeClient(config: oidc.Configuration): Promise<void> {
    try {
      await oidc.genericGrantRequest(config, 'authorization_code', {
        code: 'snag-configuration-check',
        redirect_uri: 'https://snag.invalid/auth/oidc/callback',
      });
    } catch (error) {
      if (
        error instanceof oidc.ResponseBodyError &&
        error.error !== 'invalid_client'
      )
        return;
      throw error;
    }
  }

  private checkClock(): void {
    if (this.lastProviderDate === null) return;
    const skew = Math.round(
      (this.deps.now().getTime() - this.lastProviderDate) / 1000,
    );
    if (Math.abs(skew) > CLOCK_TOLERANCE_S) {
      throw new ProviderFailure(
        `This server's clock is ${Math.abs(skew)} seconds ${skew > 0 ? 'ahead of' : 'behind'} the identity provider's, so its ID tokens would be refused. Correct the server's time (NTP).`,
      );
    }
  }

  /** A sentence for an admin about any failure of the provider or its settings. */
  private describe(error: unknown): string {
    const issuer = this.deps.settings.issuer.href;
    if (error instanceof ProviderFailure) return error.message;
    if (error instanceof oidc.ResponseBodyError) {
      if (error.error === 'invalid_client')
        return `The identity provider refused Snag's client ID or secret (${error.error}${error.error_description ? `: ${error.error_description}` : ''}). Check SNAG_OIDC_CLIENT_ID and SNAG_OIDC_CLIENT_SECRET; client secrets expire.`;
      return `The identity provider refused a request: ${error.error}${error.error_description ? ` (${error.error_description})` : ''}.`;
    }
    const code = (error as { code?: string }).code;
    if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED')
      return `An ID token was refused because its times do not fit this server's clock (${(error as Error).message}). Correct the server's time (NTP).`;
    if (code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED')
      return `The provider at ${issuer} announces a different issuer. SNAG_OIDC_ISSUER must be exactly the issuer in its discovery document.`;
    if (
      code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' ||
      code === 'OAUTH_RESPONSE_IS_NOT_JSON' ||
      code === 'OAUTH_INVALID_RESPONSE' ||
      code === 'OAUTH_PARSE_ERROR'
    )
      return `${issuer} does not answer as an OpenID Connect provider (${(error as Error).message}). Check SNAG_OIDC_ISSUER, e.g. https://login.microsoftonline.com/<tenant id>/v2.0 for Entra ID.`;
    const cause = (error as { cause?: { code?: string; message?: string } })
      .cause;
    if (error instanceof TypeError || (error as Error).name === 'TimeoutError')
      return `The identity provider at ${issuer} could not be reached (${cause?.code ?? cause?.message ?? (error as Error).message}). Check SNAG_OIDC_ISSUER and that this server can reach it.`;
    return `The identity provider could not be used: ${(error as Error).message ?? String(error)}`;
  }

  /** Records a failure of Snag's set-up (not of one person's sign-in) and describes it. */
  private fail(error: unknown): string {
    const message = this.describe(error);
    this.setStatus('failing', message);
    return message;
  }

  /** The address to send the browser to, or a failure sentence. */
  async authorizationUrl(input: {
    redirectUri: string;
    state: string;
    nonce: string;
    codeVerifier: string;
    /** Ask for a refresh token too (the extension's devices). */
    offline: boolean;
  }): Promise<{ ok: true; url: URL } | { ok: false; detail: string }> {
    try {
      const config = await this.configuration();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: input.redirectUri,
        scope: input.offline ? `${SCOPE} offline_access` : SCOPE,
        code_challenge: await oidc.calculatePKCECodeChallenge(
          input.codeVerifier,
        ),
        code_challenge_method: 'S256',
        state: input.state,
        nonce: input.nonce,
      });
      return { ok: true, url };
    } catch (error) {
      return { ok: false, detail: this.fail(error) };
    }
  }

  /**
   * Trades the provider's authorisation response (the callback URL as the browser asked
   * for it) for verified ID token claims.
   */
  async exchange(
    callbackUrl: URL,
    checks: ExchangeChecks,
  ): Promise<ExchangeOutcome> {
    let config: oidc.Configuration;
    try {
      config = await this.configuration();
    } catch (error) {
      return { ok: false, problem: 'provider', detail: this.fail(error) };
    }
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims)
        return {
          ok: false,
          problem: 'provider',
          detail: 'No ID token came back',
        };
      this.setStatus('ok');
      return {
        ok: true,
        claims: claims as Claims,
        refreshToken: tokens.refresh_token ?? null,
      };
    } catch (error) {
      if (error instanceof oidc.AuthorizationResponseError) {
        // The person (or the provider's policy) said no; nothing is wrong with Snag.
        return {
          ok: false,
          problem: error.error === 'access_denied' ? 'denied' : 'provider',
          detail: `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`,
        };
      }
      if (
        error instanceof oidc.ResponseBodyError &&
        error.error === 'invalid_grant'
      ) {
        // An expired, replayed or mismatched code: this sign-in, not the set-up, failed.
        return {
          ok: false,
          problem: 'mismatch',
          detail: `invalid_grant${error.error_description ? `: ${error.error_description}` : ''}`,
        };
      }
      return { ok: false, problem: 'provider', detail: this.fail(error) };
    }
  }

  /** Refreshes a device's provider token, which is how a removed account is noticed. */
  async refresh(refreshToken: string): Promise<RefreshOutcome> {
    try {
      const config = await this.configuration();
      const tokens = await oidc.refreshTokenGrant(config, refreshToken);
      return { kind: 'ok', refreshToken: tokens.refresh_token ?? null };
    } catch (error) {
      if (
        error instanceof oidc.ResponseBodyError &&
        error.error !== 'invalid_client' &&
        error.status < 500
      ) {
        return {
          kind: 'refused',
          detail: `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`,
        };
      }
      return { kind: 'unavailable', detail: this.fail(error) };
    }
  }
}
