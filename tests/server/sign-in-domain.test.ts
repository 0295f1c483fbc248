/**
 * The sign-in rules without a database or network: roles from claims, who a provider identity
 * is, redirects that belong to our extension, PKCE, codes, refresh tokens, and the IDs and
 * policies of the deployment pack.
 */
import { describe, expect, it } from 'vitest';
import {
  EXTENSION_PUBLIC_KEY,
  GECKO_ID,
} from '../../protocol/extension-identity';
import {
  chromeExtensionId,
  chromiumPolicy,
  councilSitePatterns,
  firefoxPolicies,
  firefoxRedirectHost,
  managedSettingsFor,
} from '../../server/domain/deploy';
import {
  decideAccess,
  decideCodeExchange,
  decideRefresh,
} from '../../server/domain/devices';
import {
  decideSignIn,
  extensionRedirectAllowed,
  issuerAllowed,
  nameFromClaims,
  pkceChallenge,
  pkceMatches,
  roleFromClaims,
  safeReturnPath,
} from '../../server/domain/sign-in';
import { sealerFor } from '../../server/sign-in/seal';

const mapping = {
  claim: 'roles',
  reviewerRoles: ['Snag.Reviewer'],
  adminRoles: ['Snag.Admin'],
};

describe('roles and names from claims', () => {
  it('gives the strongest role any claim value maps to, and reporter otherwise', () => {
    expect(roleFromClaims({ roles: ['Snag.Reviewer'] }, mapping)).toBe(
      'reviewer',
    );
    expect(
      roleFromClaims({ roles: ['Snag.Reviewer', 'Snag.Admin'] }, mapping),
    ).toBe('admin');
    expect(roleFromClaims({ roles: 'Snag.Admin' }, mapping)).toBe('admin');
    expect(roleFromClaims({ roles: ['Other'] }, mapping)).toBe('reporter');
    expect(roleFromClaims({}, mapping)).toBe('reporter');
    expect(roleFromClaims({ roles: 42 }, mapping)).toBe('reporter');
    expect(
      roleFromClaims(
        { groups: ['g-1'] },
        { ...mapping, claim: 'groups', adminRoles: ['g-1'] },
      ),
    ).toBe('admin');
  });

  it('names a person from name, then username, then email', () => {
    expect(nameFromClaims({ name: ' Jo Lee ', email: 'jo@x' })).toBe('Jo Lee');
    expect(nameFromClaims({ preferred_username: 'jo@council.gov.uk' })).toBe(
      'jo@council.gov.uk',
    );
    expect(nameFromClaims({})).toBe('Council user');
    expect(nameFromClaims({ name: 'x'.repeat(500) })).toHaveLength(200);
  });
});

describe('who a provider identity is', () => {
  const live = { id: 'u1', revoked: false };
  it('is its owner, a new user, or the token holder who links it', () => {
    expect(decideSignIn({ owner: live, linkTo: null })).toEqual({
      kind: 'existing',
      userId: 'u1',
    });
    expect(decideSignIn({ owner: null, linkTo: null })).toEqual({
      kind: 'create',
    });
    expect(
      decideSignIn({ owner: null, linkTo: { id: 'u2', revoked: false } }),
    ).toEqual({
      kind: 'link',
      userId: 'u2',
    });
    expect(decideSignIn({ owner: live, linkTo: live })).toEqual({
      kind: 'existing',
      userId: 'u1',
    });
  });

  it('never revives a revoked person nor moves an identity to someone else', () => {
    expect(
      decideSignIn({ owner: { id: 'u1', revoked: true }, linkTo: null }),
    ).toEqual({
      kind: 'refused',
      problem: 'account-revoked',
    });
    expect(
      decideSignIn({ owner: live, linkTo: { id: 'u2', revoked: false } }),
    ).toEqual({
      kind: 'refused',
      problem: 'already-linked',
    });
    expect(
      decideSignIn({ owner: null, linkTo: { id: 'u2', revoked: true } }),
    ).toEqual({
      kind: 'refused',
      problem: 'account-revoked',
    });
  });
});

describe('addresses', () => {
  const hosts = ['abc.chromiumapp.org'];
  it("accepts only our extension's https redirects, with nothing to confuse them", () => {
    expect(
      extensionRedirectAllowed('https://abc.chromiumapp.org/', hosts),
    ).toBe(true);
    expect(
      extensionRedirectAllowed('https://abc.chromiumapp.org/cb/x', hosts),
    ).toBe(true);
    for (const bad of [
      'http://abc.chromiumapp.org/',
      'https://abc.chromiumapp.org:444/',
      'https://user@abc.chromiumapp.org/',
      'https://abc.chromiumapp.org/?next=x',
      'https://abc.chromiumapp.org/#x',
      'https://abc.chromiumapp.org.evil.example/',
      'https://other.chromiumapp.org/',
      'not a url',
    ])
      expect(extensionRedirectAllowed(bad, hosts), bad).toBe(false);
  });

  it('returns only to paths of the dashboard', () => {
    expect(safeReturnPath('/reports?status=new')).toBe('/reports?status=new');
    for (const bad of [
      '//evil.example',
      'https://evil.example',
      '/\\evil',
      '/auth/oidc/start',
      7,
    ])
      expect(safeReturnPath(bad)).toBe('/');
  });

  it('allows an http: issuer only on loopback', () => {
    expect(issuerAllowed(new URL('https://login.example/'))).toBe(true);
    expect(issuerAllowed(new URL('http://127.0.0.1:8080/'))).toBe(true);
    expect(issuerAllowed(new URL('http://localhost/'))).toBe(true);
    expect(issuerAllowed(new URL('http://[::1]/'))).toBe(true);
    expect(issuerAllowed(new URL('http://10.0.0.1/'))).toBe(false);
    expect(issuerAllowed(new URL('http://login.example/'))).toBe(false);
  });
});

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636', () => {
    // The example of RFC 7636, appendix B.
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    expect(
      pkceMatches(
        'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
        'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      ),
    ).toBe(true);
    expect(
      pkceMatches(
        'another-verifier',
        'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      ),
    ).toBe(false);
  });
});

describe('codes and refresh tokens', () => {
  const now = '2025-06-02T09:00:00.000Z';
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const code = {
    clientRedirect: 'https://abc.chromiumapp.org/',
    clientChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    expiresAt: '2025-06-02T09:01:00.000Z',
    usedAt: null,
    deviceId: null,
  };
  const input = { verifier, redirectUri: 'https://abc.chromiumapp.org/' };

  it('issues tokens for a good code and refuses every bad one', () => {
    expect(decideCodeExchange(code, input, now)).toEqual({ kind: 'issue' });
    expect(decideCodeExchange(null, input, now).kind).toBe('refused');
    expect(
      decideCodeExchange(code, input, '2025-06-02T09:01:00.000Z'),
    ).toMatchObject({
      message: 'This sign-in code has expired',
    });
    expect(
      decideCodeExchange(
        code,
        { ...input, redirectUri: 'https://abc.chromiumapp.org/x' },
        now,
      ).kind,
    ).toBe('refused');
    expect(
      decideCodeExchange(code, { ...input, verifier: 'x'.repeat(43) }, now),
    ).toMatchObject({
      message: 'code_verifier does not match the code_challenge',
    });
    expect(
      decideCodeExchange({ ...code, usedAt: now, deviceId: 'd1' }, input, now),
    ).toEqual({
      kind: 'refused',
      message: 'This sign-in code has already been used',
      signOutDevice: 'd1',
    });
  });

  const token = {
    deviceId: 'd1',
    expiresAt: '2025-07-02T09:00:00.000Z',
    usedAt: null,
    signedOut: false,
    signedOutReason: null,
    userRevoked: false,
  };
  it('rotates a fresh refresh token and signs out a reused or expired one', () => {
    expect(decideRefresh(token, now)).toEqual({ kind: 'rotate' });
    expect(decideRefresh({ ...token, usedAt: now }, now)).toEqual({
      kind: 'refused',
      problem: 'refresh-reused',
      signOut: true,
    });
    expect(decideRefresh(token, '2025-07-02T09:00:00.000Z')).toEqual({
      kind: 'refused',
      problem: 'refresh-expired',
      signOut: true,
    });
    expect(
      decideRefresh(
        { ...token, signedOut: true, signedOutReason: 'provider-refused' },
        now,
      ),
    ).toEqual({ kind: 'refused', problem: 'provider-refused', signOut: false });
    expect(decideRefresh({ ...token, userRevoked: true }, now)).toMatchObject({
      problem: 'account-revoked',
    });
    expect(decideRefresh(null, now)).toMatchObject({ problem: 'signed-out' });
  });

  it('tells an expired access token from a signed-out device', () => {
    const access = {
      expiresAt: '2025-06-02T10:00:00.000Z',
      signedOut: false,
      signedOutReason: null,
      userRevoked: false,
    };
    expect(decideAccess(access, now)).toEqual({ kind: 'ok' });
    expect(decideAccess(access, '2025-06-02T10:00:00.000Z')).toEqual({
      kind: 'expired',
    });
    expect(
      decideAccess({ ...access, signedOut: true, signedOutReason: null }, now),
    ).toEqual({
      kind: 'refused',
      problem: 'signed-out',
    });
  });
});

describe('the extension identity and the deployment pack', () => {
  it("derives Chrome's ID from the key and Firefox's redirect from the add-on ID", () => {
    expect(chromeExtensionId(EXTENSION_PUBLIC_KEY)).toBe(
      'piibogoffpheejdanccfjmebncdjpidl',
    );
    // Firefox's own ext-identity.js: the hex SHA-1 of the add-on ID.
    expect(firefoxRedirectHost('klaxon-cloud@muckrock.com')).toBe(
      '42386841672e9751ac81498187b4242b2e7d8fde.extensions.allizom.org',
    );
    expect(firefoxRedirectHost(GECKO_ID)).toMatch(
      /^[0-9a-f]{40}\.extensions\.allizom\.org$/,
    );
  });

  it('writes policies that install the extension and lock its server', () => {
    const settings = managedSettingsFor({
      serverUrl: 'https://snag.example.gov.uk',
      sso: true,
      chromeId: 'abc',
      geckoId: GECKO_ID,
      chromeUpdateUrl: 'https://u.example/crx',
      edgeUpdateUrl: 'https://u.example/crx',
      firefoxInstallUrl: 'https://u.example/snag.xpi',
      councilHosts: ['www.example.gov.uk', 'WWW.example.gov.uk.'],
    });
    expect(settings).toEqual({
      serverUrl: 'https://snag.example.gov.uk',
      signIn: 'sso',
      lockServer: true,
      councilSites: [
        'https://*.www.example.gov.uk/*',
        'https://www.example.gov.uk/*',
      ],
      keepQueryParams: [],
      extraMaskSelectors: [],
      allowHttp: false,
    });
    expect(chromiumPolicy('abc', 'https://u.example/crx', settings)).toEqual({
      ExtensionInstallForcelist: ['abc;https://u.example/crx'],
      '3rdparty': { extensions: { abc: settings } },
    });
    expect(
      firefoxPolicies(GECKO_ID, 'https://u.example/snag.xpi', settings),
    ).toEqual({
      policies: {
        ExtensionSettings: {
          [GECKO_ID]: {
            installation_mode: 'force_installed',
            install_url: 'https://u.example/snag.xpi',
          },
        },
        '3rdparty': { Extensions: { [GECKO_ID]: settings } },
      },
    });
    expect(councilSitePatterns([])).toEqual([]);
  });

  it("seals the provider's refresh tokens so only the same secret opens them", () => {
    const sealed = sealerFor('secret one').seal('refresh-token-value');
    expect(sealed).not.toContain('refresh-token-value');
    expect(sealerFor('secret one').open(sealed)).toBe('refresh-token-value');
    expect(sealerFor('secret two').open(sealed)).toBeNull();
    expect(sealerFor('secret one').open('garbage')).toBeNull();
  });
});
