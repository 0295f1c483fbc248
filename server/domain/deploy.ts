/**
 * The extension's fixed identity and the deployment pack: pure functions from the server's
 * settings to the extension ID, the redirects Snag's authorisation endpoint accepts, and the
 * Chrome, Edge and Firefox policies that install and configure the extension.
 */
import { createHash } from 'node:crypto';
import type { ManagedSettings } from '../../protocol/auth';

/**
 * The Chrome (and Edge) extension ID of a manifest `key`: the first 128 bits of the SHA-256 of
 * the DER public key, each hex digit written as a letter from `a` to `p`.
 */
export function chromeExtensionId(publicKeyBase64: string): string {
  const der = Buffer.from(publicKeyBase64, 'base64');
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  return [...hex]
    .map((digit) => String.fromCharCode(97 + parseInt(digit, 16)))
    .join('');
}

/** The host of `identity.getRedirectURL()` in Chrome and Edge. */
export function chromeRedirectHost(extensionId: string): string {
  return `${extensionId}.chromiumapp.org`;
}

/**
 * The host of `identity.getRedirectURL()` in Firefox: the hex SHA-1 of the add-on ID under
 * `extensions.allizom.org`, as Firefox's `ext-identity.js` computes it.
 */
export function firefoxRedirectHost(geckoId: string): string {
  const hash = createHash('sha1').update(geckoId, 'utf8').digest('hex');
  return `${hash}.extensions.allizom.org`;
}

/** Whether `id` has the shape of a Chrome extension ID. */
export function isChromeExtensionId(id: string): boolean {
  return /^[a-p]{32}$/.test(id);
}

/** The extension's IDs: ours first, then any the configuration adds. */
export interface ExtensionIds {
  chrome: readonly string[];
  firefox: readonly string[];
}

/** The hosts of every redirect the authorisation endpoint accepts. */
export function extensionRedirectHosts(ids: ExtensionIds): string[] {
  return [
    ...ids.chrome.map(chromeRedirectHost),
    ...ids.firefox.map(firefoxRedirectHost),
  ];
}

/** What the pack is made from. */
export interface DeployInputs {
  /** The server's public address, without a trailing slash. */
  serverUrl: string;
  /** Whether single sign-on is configured. */
  sso: boolean;
  /** Our Chrome extension ID. */
  chromeId: string;
  /** Our Firefox add-on ID. */
  geckoId: string;
  /** Where Chrome and Edge fetch the extension's updates. */
  chromeUpdateUrl: string;
  edgeUpdateUrl: string;
  /** Where Firefox installs the extension from. */
  firefoxInstallUrl: string;
  /** Hostnames of the service catalogue, where reports are made. */
  councilHosts: readonly string[];
}

/** Host permissions for the catalogue's hostnames and their subdomains, sorted. */
export function councilSitePatterns(hosts: readonly string[]): string[] {
  const patterns = new Set<string>();
  for (const host of hosts) {
    const h = host.toLowerCase().replace(/\.$/, '');
    if (!h) continue;
    patterns.add(`https://${h}/*`);
    patterns.add(`https://*.${h}/*`);
  }
  return [...patterns].sort();
}

/** The managed settings that policies give every installed extension. */
export function managedSettingsFor(inputs: DeployInputs): ManagedSettings {
  return {
    serverUrl: inputs.serverUrl,
    signIn: inputs.sso ? 'sso' : 'token',
    lockServer: true,
    councilSites: councilSitePatterns(inputs.councilHosts),
    keepQueryParams: [],
    extraMaskSelectors: [],
    // Only a server on this machine is ever reached over plain http (TLS is required: docs/operations.md).
    allowHttp: inputs.serverUrl.startsWith('http:'),
  };
}

/** Chrome or Edge policy: force-install the extension and give it its settings. */
export function chromiumPolicy(
  extensionId: string,
  updateUrl: string,
  settings: ManagedSettings,
): Record<string, unknown> {
  return {
    ExtensionInstallForcelist: [`${extensionId};${updateUrl}`],
    '3rdparty': { extensions: { [extensionId]: settings } },
  };
}

/** Firefox `policies.json`: force-install the add-on and give it its settings. */
export function firefoxPolicies(
  geckoId: string,
  installUrl: string,
  settings: ManagedSettings,
): Record<string, unknown> {
  return {
    policies: {
      ExtensionSettings: {
        [geckoId]: {
          installation_mode: 'force_installed',
          install_url: installUrl,
        },
      },
      '3rdparty': { Extensions: { [geckoId]: settings } },
    },
  };
}
