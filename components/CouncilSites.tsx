import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { councilSitesStorage } from '@/utils/settings';
import { normaliseServerUrl, type PermissionsApi } from '@/utils/sync';
import { t } from '@/utils/i18n';
import { watchManagedSettings } from '@/utils/managed-settings';

/** Props of the council sites setting. */
export interface CouncilSitesProps {
  // Test seam: the browser's permission API.
  permissions?: PermissionsApi & {
    remove?(p: { origins: string[] }): Promise<boolean>;
  };
}

/**
 * The council's own sites, where the user may grant Snag host access so that pins and the
 * badge show without a click and dashboard links open the report on the page.
 */
export default function CouncilSites(props: CouncilSitesProps) {
  const permissions = props.permissions ?? browser.permissions;
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  // Set by policy: shown read-only; Save then asks the browser for access to them.
  const [policySites, setPolicySites] = useState<string[] | null>(null);
  const locked = policySites !== null;

  useEffect(() => {
    void councilSitesStorage
      .getValue()
      .then((sites) => setText(sites.join('\n')));
    // Policy comes from the worker's copy, so nothing typed is overwritten when it arrives.
    return watchManagedSettings((managed) =>
      setPolicySites(managed.councilSites ?? null),
    );
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    setError('');
    const entries = policySites ?? text.split(/[\s,]+/).filter(Boolean);
    const sites = [...new Set(entries.map(normaliseServerUrl))];
    if (sites.some((s) => s === null)) {
      setError(t('councilSitesInvalid'));
      return;
    }
    const origins = (sites as string[]).map((s) => `${s}/*`);
    const previous = await councilSitesStorage.getValue();
    if (origins.length > 0) {
      const granted =
        (await permissions.contains({ origins })) ||
        (await permissions.request({ origins }));
      if (!granted) {
        setError(t('councilSitesRefused'));
        return;
      }
    }
    const dropped = previous
      .filter((p) => !sites.includes(p))
      .map((s) => `${s}/*`);
    if (dropped.length > 0) await permissions.remove?.({ origins: dropped });
    await councilSitesStorage.setValue(sites as string[]);
    setText((sites as string[]).join('\n'));
    setStatus(t('councilSitesSaved', String(sites.length)));
  };

  return (
    <section aria-labelledby="council-sites-heading">
      <h2 id="council-sites-heading">{t('councilSitesHeading')}</h2>
      <form onSubmit={(e) => void save(e)}>
        <label class="block" for="council-sites">
          {t('councilSitesLabel')}
        </label>
        <p class="hint" id="council-sites-hint">
          {locked ? t('setByOrganisation') : t('councilSitesHint')}
        </p>
        <textarea
          id="council-sites"
          rows={3}
          readOnly={locked}
          aria-describedby="council-sites-hint"
          value={policySites ? policySites.join('\n') : text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit">{t('councilSitesSave')}</button>
      </form>
      <p role="status">{status}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
