import { useEffect, useState } from 'preact/hooks';
import {
  badgeModeStorage,
  displayNameStorage,
  teamStorage,
  urlAllowListStorage,
} from '@/utils/settings';
import { parseAllowList } from '@/utils/privacy';
import { watchManagedSettings } from '@/utils/managed-settings';
import { t } from '@/utils/i18n';

/** Props of the profile and privacy settings. */
export interface ProfileSettingsProps {
  /** Test seam: what "now" looks like in the saved message. */
  onSaved?: () => void;
}

/** The query parameters to keep; read-only, with a note, when policy sets them. */
function AllowListField(props: {
  value: string;
  onInput(value: string): void;
  locked: boolean;
}) {
  return (
    <>
      <label class="block" for="allow-list">
        {t('allowListLabel')}
      </label>
      <p class="hint" id="allow-list-hint">
        {props.locked ? t('setByOrganisation') : t('allowListHint')}
      </p>
      <textarea
        id="allow-list"
        rows={2}
        aria-describedby="allow-list-hint"
        readOnly={props.locked}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </>
  );
}

/** What the toolbar badge counts. */
function BadgeModeField(props: {
  value: 'unsent' | 'page';
  onChange(mode: 'unsent' | 'page'): void;
}) {
  return (
    <fieldset>
      <legend>{t('badgeLegend')}</legend>
      {(['unsent', 'page'] as const).map((mode) => (
        <label class="check" key={mode}>
          <input
            type="radio"
            name="badge-mode"
            checked={props.value === mode}
            onChange={() => props.onChange(mode)}
          />
          {mode === 'unsent' ? t('badgeUnsent') : t('badgePage')}
        </label>
      ))}
    </fieldset>
  );
}

/** Display name, team and the URL parameters to keep, saved together. */
export default function ProfileSettings(props: ProfileSettingsProps) {
  const [name, setName] = useState('');
  const [team, setTeam] = useState('');
  const [allow, setAllow] = useState('');
  const [badgeMode, setBadgeMode] = useState<'unsent' | 'page'>('unsent');
  // Policy's list of parameters to keep, which overrides the user's; null when unset.
  const [policyAllow, setPolicyAllow] = useState<string[] | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void Promise.all([
      displayNameStorage.getValue(),
      teamStorage.getValue(),
      urlAllowListStorage.getValue(),
      badgeModeStorage.getValue(),
    ]).then(([n, tm, a, b]) => {
      setName(n);
      setTeam(tm);
      setAllow(a.join(', '));
      setBadgeMode(b);
    });
    // Policy comes from the worker's copy, so nothing typed is overwritten when it arrives.
    return watchManagedSettings((managed) =>
      setPolicyAllow(managed.keepQueryParams ?? null),
    );
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    const list = policyAllow ?? parseAllowList(allow);
    await Promise.all([
      displayNameStorage.setValue(name.trim()),
      teamStorage.setValue(team.trim()),
      // The user's own list stays as it was while policy sets one.
      policyAllow ? null : urlAllowListStorage.setValue(list),
      badgeModeStorage.setValue(badgeMode),
    ]);
    setAllow(list.join(', '));
    setStatus(t('settingsSaved'));
    props.onSaved?.();
  };

  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('profileHeading')}</h2>
      <form onSubmit={save}>
        <label class="block" for="display-name">
          {t('displayNameLabel')}
        </label>
        <input
          id="display-name"
          type="text"
          autoComplete="name"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <label class="block" for="team">
          {t('teamLabel')}
        </label>
        <input
          id="team"
          type="text"
          autoComplete="organization-title"
          value={team}
          onInput={(e) => setTeam(e.currentTarget.value)}
        />
        <AllowListField
          value={policyAllow ? policyAllow.join(', ') : allow}
          onInput={setAllow}
          locked={policyAllow !== null}
        />
        <BadgeModeField value={badgeMode} onChange={setBadgeMode} />
        <button type="submit" class="primary">
          {t('saveSettings')}
        </button>
        <p role="status">{status}</p>
      </form>
    </section>
  );
}
