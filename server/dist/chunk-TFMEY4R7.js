// server/sign-in/provider.ts
import * as oidc from "openid-client";

// server/sign-in/seal.ts
import {
  createCipheriv,
  createDecipheriv,
  hkdfSync,
  randomBytes
} from "node:crypto";
function sealerFor(secret) {
  const key = Buffer.from(
    hkdfSync("sha256", secret, "snag", "provider refresh tokens", 32)
  );
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([
        cipher.update(plain, "utf8"),
        cipher.final()
      ]);
      return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
    },
    open(sealed) {
      const [iv, tag, body] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
      if (!iv || !tag || !body) return null;
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, iv);
        decipher.setAuthTag(tag);
        return Buffer.concat([
          decipher.update(body),
          decipher.final()
        ]).toString("utf8");
      } catch {
        return null;
      }
    }
  };
}

// server/sign-in/provider.ts
var CLOCK_TOLERANCE_S = 30;
var TIMEOUT_S = 10;
var ProviderFailure = class extends Error {
};
var SCOPE = "openid profile email";
var IdentityProvider = class {
  constructor(deps) {
    this.deps = deps;
    this.sealer = sealerFor(deps.settings.clientSecret);
  }
  deps;
  /** Seals the provider's refresh tokens for storage. */
  sealer;
  discovered = null;
  lastProviderDate = null;
  status = { configured: true, state: "checking" };
  /** The status as last found. */
  currentStatus() {
    return this.status;
  }
  /** The issuer as configured. */
  get issuer() {
    return this.deps.settings.issuer.href;
  }
  setStatus(state, message) {
    const changed = state !== this.status.state || message !== this.status.message;
    this.status = {
      configured: true,
      state,
      ...message ? { message } : {},
      checkedAt: this.deps.now().toISOString()
    };
    if (changed) this.deps.onStatus?.(this.status);
  }
  /** Every request to the provider goes through here, to note the provider's clock. */
  fetcher = async (url, options) => {
    const response = await fetch(url, options);
    const date = Date.parse(response.headers.get("date") ?? "");
    if (Number.isFinite(date)) this.lastProviderDate = date;
    return response;
  };
  configuration() {
    if (!this.discovered) {
      const { issuer, clientId, clientSecret } = this.deps.settings;
      const discovering = oidc.discovery(
        issuer,
        clientId,
        { client_secret: clientSecret },
        void 0,
        {
          // The settings accept http: only on a loopback address (settings.ts).
          execute: issuer.protocol === "http:" ? [oidc.allowInsecureRequests] : [],
          [oidc.customFetch]: this.fetcher,
          timeout: TIMEOUT_S
        }
      ).then((config) => {
        config[oidc.customFetch] = this.fetcher;
        config.timeout = TIMEOUT_S;
        return config;
      });
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
  async check() {
    try {
      this.discovered = null;
      const config = await this.configuration();
      await this.probeClient(config);
      this.checkClock();
      this.setStatus("ok");
    } catch (error) {
      this.setStatus("failing", this.describe(error));
    }
    return this.status;
  }
  async probeClient(config) {
    try {
      await oidc.genericGrantRequest(config, "authorization_code", {
        code: "snag-configuration-check",
        redirect_uri: "https://snag.invalid/auth/oidc/callback"
      });
    } catch (error) {
      if (error instanceof oidc.ResponseBodyError && error.error !== "invalid_client")
        return;
      throw error;
    }
  }
  checkClock() {
    if (this.lastProviderDate === null) return;
    const skew = Math.round(
      (this.deps.now().getTime() - this.lastProviderDate) / 1e3
    );
    if (Math.abs(skew) > CLOCK_TOLERANCE_S) {
      throw new ProviderFailure(
        `This server's clock is ${Math.abs(skew)} seconds ${skew > 0 ? "ahead of" : "behind"} the identity provider's, so its ID tokens would be refused. Correct the server's time (NTP).`
      );
    }
  }
  /** A sentence for an admin about any failure of the provider or its settings. */
  describe(error) {
    const issuer = this.deps.settings.issuer.href;
    if (error instanceof ProviderFailure) return error.message;
    if (error instanceof oidc.ResponseBodyError) {
      if (error.error === "invalid_client")
        return `The identity provider refused Snag's client ID or secret (${error.error}${error.error_description ? `: ${error.error_description}` : ""}). Check SNAG_OIDC_CLIENT_ID and SNAG_OIDC_CLIENT_SECRET; client secrets expire.`;
      return `The identity provider refused a request: ${error.error}${error.error_description ? ` (${error.error_description})` : ""}.`;
    }
    const code = error.code;
    if (code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED")
      return `An ID token was refused because its times do not fit this server's clock (${error.message}). Correct the server's time (NTP).`;
    if (code === "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED")
      return `The provider at ${issuer} announces a different issuer. SNAG_OIDC_ISSUER must be exactly the issuer in its discovery document.`;
    if (code === "OAUTH_RESPONSE_IS_NOT_CONFORM" || code === "OAUTH_RESPONSE_IS_NOT_JSON" || code === "OAUTH_INVALID_RESPONSE" || code === "OAUTH_PARSE_ERROR")
      return `${issuer} does not answer as an OpenID Connect provider (${error.message}). Check SNAG_OIDC_ISSUER, e.g. https://login.microsoftonline.com/<tenant id>/v2.0 for Entra ID.`;
    const cause = error.cause;
    if (error instanceof TypeError || error.name === "TimeoutError")
      return `The identity provider at ${issuer} could not be reached (${cause?.code ?? cause?.message ?? error.message}). Check SNAG_OIDC_ISSUER and that this server can reach it.`;
    return `The identity provider could not be used: ${error.message ?? String(error)}`;
  }
  /** Records a failure of Snag's set-up (not of one person's sign-in) and describes it. */
  fail(error) {
    const message = this.describe(error);
    this.setStatus("failing", message);
    return message;
  }
  /** The address to send the browser to, or a failure sentence. */
  async authorizationUrl(input) {
    try {
      const config = await this.configuration();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: input.redirectUri,
        scope: input.offline ? `${SCOPE} offline_access` : SCOPE,
        code_challenge: await oidc.calculatePKCECodeChallenge(
          input.codeVerifier
        ),
        code_challenge_method: "S256",
        state: input.state,
        nonce: input.nonce
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
  async exchange(callbackUrl, checks) {
    let config;
    try {
      config = await this.configuration();
    } catch (error) {
      return { ok: false, problem: "provider", detail: this.fail(error) };
    }
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true
      });
      const claims = tokens.claims();
      if (!claims)
        return {
          ok: false,
          problem: "provider",
          detail: "No ID token came back"
        };
      this.setStatus("ok");
      return {
        ok: true,
        claims,
        refreshToken: tokens.refresh_token ?? null
      };
    } catch (error) {
      if (error instanceof oidc.AuthorizationResponseError) {
        return {
          ok: false,
          problem: error.error === "access_denied" ? "denied" : "provider",
          detail: `${error.error}${error.error_description ? `: ${error.error_description}` : ""}`
        };
      }
      if (error instanceof oidc.ResponseBodyError && error.error === "invalid_grant") {
        return {
          ok: false,
          problem: "mismatch",
          detail: `invalid_grant${error.error_description ? `: ${error.error_description}` : ""}`
        };
      }
      return { ok: false, problem: "provider", detail: this.fail(error) };
    }
  }
  /** Refreshes a device's provider token, which is how a removed account is noticed. */
  async refresh(refreshToken) {
    try {
      const config = await this.configuration();
      const tokens = await oidc.refreshTokenGrant(config, refreshToken);
      return { kind: "ok", refreshToken: tokens.refresh_token ?? null };
    } catch (error) {
      if (error instanceof oidc.ResponseBodyError && error.error !== "invalid_client" && error.status < 500) {
        return {
          kind: "refused",
          detail: `${error.error}${error.error_description ? `: ${error.error_description}` : ""}`
        };
      }
      return { kind: "unavailable", detail: this.fail(error) };
    }
  }
};

export {
  IdentityProvider
};
//# sourceMappingURL=chunk-TFMEY4R7.js.map
