import { useEffect, useRef } from 'preact/hooks';
import type { LocatedFinding } from '@/utils/report-draft';
import { msg, t } from '@/utils/i18n';

/** Props of the warning shown when a report's text seems to hold personal identifiers. */
export interface PersonalDataWarningProps {
  /** What the check found, and where. */
  findings: LocatedFinding[];
  /** The reporter chose to edit; `where` is the first place to fix. */
  onEdit: (where: LocatedFinding['where']) => void;
  /** The reporter confirmed the text is fine to keep. */
  onConfirm: () => void;
}

function placeName(where: LocatedFinding['where']): string {
  if (where === 'trying') return t('tryingLabel');
  if (where === 'whatHappened') return t('whatHappenedLabel');
  if (where === 'pageTitle') return t('pageTitleLabel');
  if (where === 'pagePath') return t('pagePathLabel');
  const [kind, n] = where.split('-');
  if (kind === 'context') return t('quoteContextLabel', n ?? '');
  return kind === 'note' ? t('noteLabel', n ?? '') : t('quoteLabel', n ?? '');
}

/** Lists what looks like personal data before saving, with "edit" and "save anyway". */
export default function PersonalDataWarning(props: PersonalDataWarningProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const first = props.findings[0];
  return (
    <div class="warning" role="alert" aria-labelledby="personal-data-heading">
      <h3 id="personal-data-heading" tabIndex={-1} ref={heading}>
        {t('personalDataHeading')}
      </h3>
      <p>{t('personalDataIntro')}</p>
      <ul>
        {props.findings.map((f, i) => (
          <li key={i}>
            <strong>{msg(`finding_${f.kind.replace(/-/g, '_')}`)}</strong>{' '}
            {t('personalDataIn', placeName(f.where))}: <code>{f.match}</code>
          </li>
        ))}
      </ul>
      <div class="actions">
        <button
          type="button"
          class="primary"
          onClick={() => first && props.onEdit(first.where)}
        >
          {t('personalDataEdit')}
        </button>
        <button type="button" onClick={props.onConfirm}>
          {t('personalDataConfirm')}
        </button>
      </div>
    </div>
  );
}
