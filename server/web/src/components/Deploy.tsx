import { useEffect, useState } from 'preact/hooks';
import { authPaths, type DeployPack } from '../../../../protocol/auth';
import { describeError, request } from '../api';

/** Props of {@link Deploy}. */
export type DeployProps = Record<string, never>;

/** One block to copy, with its heading and a button that copies it. */
function CopyBlock({
  id,
  title,
  text,
}: {
  id: string;
  title: string;
  text: string;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
  };
  return (
    <div class="snag-copy-block">
      <h4 class="govuk-heading-s" id={`${id}-heading`}>
        {title}
      </h4>
      <pre class="snag-code" aria-labelledby={`${id}-heading`} tabIndex={0}>
        <code>{text}</code>
      </pre>
      <button
        type="button"
        class="govuk-button govuk-button--secondary snag-inline-button"
        onClick={() => void copy()}
      >
        Copy<span class="govuk-visually-hidden"> {title}</span>
      </button>
      <span role="status" class="govuk-body-s">
        {copied ? ' Copied' : ''}
      </span>
    </div>
  );
}

/** Single sign-on's state in words. */
function SsoState({ pack }: { pack: DeployPack }) {
  const { sso } = pack;
  if (!sso.configured)
    return (
      <p class="govuk-body">
        Single sign-on is not set up. Set <code>SNAG_OIDC_ISSUER</code>,{' '}
        <code>SNAG_OIDC_CLIENT_ID</code> and{' '}
        <code>SNAG_OIDC_CLIENT_SECRET</code> (see “Connect Snag to Entra ID” in
        the operations guide). Until then the policies below ask staff for an
        access token.
      </p>
    );
  if (sso.state === 'failing')
    return (
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden">Warning</span>
          Single sign-on is not working: {sso.message}
        </strong>
      </div>
    );
  return (
    <p class="govuk-body">
      Single sign-on {sso.state === 'ok' ? 'works' : 'is being checked'}.
    </p>
  );
}

/**
 * The deployment pack: the extension's IDs, the redirect URI to register with the identity
 * provider, and the Chrome, Edge and Firefox policies that install and configure it.
 */
export default function Deploy(_props: DeployProps) {
  const [pack, setPack] = useState<DeployPack | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    request<DeployPack>(authPaths.deploy)
      .then(setPack)
      .catch((e: unknown) => setError(describeError(e)));
  }, []);
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  return (
    <section aria-labelledby="deploy-heading" class="snag-section">
      <h2 class="govuk-heading-m" id="deploy-heading">
        Deploy
      </h2>
      {error && <p class="govuk-error-message">{error}</p>}
      {!pack && !error && <p class="govuk-body">Loading…</p>}
      {pack && (
        <>
          <SsoState pack={pack} />
          <h3 class="govuk-heading-s">Register with your identity provider</h3>
          <CopyBlock
            id="redirect-uri"
            title="Redirect URI"
            text={pack.redirectUri}
          />
          {pack.redirectUriFrom === 'request' && (
            <p class="govuk-body-s">
              This address comes from how you reached this page. Set{' '}
              <code>SNAG_PUBLIC_URL</code> so that it never changes.
            </p>
          )}
          <h3 class="govuk-heading-s">The extension</h3>
          <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">
                Chrome and Edge extension ID
              </dt>
              <dd class="govuk-summary-list__value">
                <code>{pack.extensionId.chrome}</code>
              </dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Firefox add-on ID</dt>
              <dd class="govuk-summary-list__value">
                <code>{pack.extensionId.firefox}</code>
              </dd>
            </div>
          </dl>
          <h3 class="govuk-heading-s">Policies</h3>
          <CopyBlock
            id="chrome-policy"
            title="Chrome policy"
            text={json(pack.chromePolicy)}
          />
          <CopyBlock
            id="edge-policy"
            title="Edge policy"
            text={json(pack.edgePolicy)}
          />
          <CopyBlock
            id="firefox-policy"
            title="Firefox policies.json"
            text={json(pack.firefoxPolicies)}
          />
        </>
      )}
    </section>
  );
}
