import type { RefObject } from 'preact';
import {
  DATA_INVOLVED,
  USABILITY_CATEGORIES,
  WORKAROUNDS,
} from '@/protocol/constants';
import { t } from '@/utils/i18n';
import type { ReportDraft } from '@/utils/report-draft';
import FieldError, { errorId } from './FieldError';
import { choiceLabel, toggle } from './choices';

/** Props of the problem kinds and their details. */
export interface ProblemFieldsProps {
  draft: ReportDraft;
  /** Why the problems cannot be saved as they are, if they cannot. */
  error?: string;
  /** The first checkbox, focused when the problems need attention. */
  firstRef: RefObject<HTMLInputElement | null>;
  update: (patch: Partial<ReportDraft>) => void;
}

/** What kind of problem it is: hard to use (with categories), an insecure workaround (with which, and what data), or both. */
export default function ProblemFields(props: ProblemFieldsProps) {
  const { draft, update } = props;
  return (
    <fieldset aria-describedby={props.error ? errorId('problems') : undefined}>
      <legend>{t('problemLegend')}</legend>
      <FieldError field="problems" message={props.error} />
      <label class="check">
        <input
          ref={props.firstRef}
          type="checkbox"
          checked={draft.hardToUse}
          onChange={(e) => update({ hardToUse: e.currentTarget.checked })}
        />
        {t('problemHardToUse')}
      </label>
      {draft.hardToUse && <UsabilityFields draft={draft} update={update} />}
      <label class="check">
        <input
          type="checkbox"
          checked={draft.insecureWorkaround}
          onChange={(e) =>
            update({ insecureWorkaround: e.currentTarget.checked })
          }
        />
        {t('problemInsecure')}
      </label>
      {draft.insecureWorkaround && (
        <WorkaroundFields draft={draft} update={update} />
      )}
    </fieldset>
  );
}

type DetailProps = Pick<ProblemFieldsProps, 'draft' | 'update'>;

/** Which ways the service is hard to use. */
function UsabilityFields({ draft, update }: DetailProps) {
  return (
    <fieldset class="nested">
      <legend>{t('categoriesLegend')}</legend>
      {USABILITY_CATEGORIES.map((c) => (
        <label class="check" key={c}>
          <input
            type="checkbox"
            checked={draft.usabilityCategories.includes(c)}
            onChange={(e) =>
              update({
                usabilityCategories: toggle(
                  draft.usabilityCategories,
                  c,
                  e.currentTarget.checked,
                ),
              })
            }
          />
          {choiceLabel('category', c)}
        </label>
      ))}
    </fieldset>
  );
}

/** Which workarounds people are pushed into, and what data they put at risk. */
function WorkaroundFields({ draft, update }: DetailProps) {
  return (
    <fieldset class="nested">
      <legend>{t('workaroundsLegend')}</legend>
      {WORKAROUNDS.map((w) => (
        <label class="check" key={w}>
          <input
            type="checkbox"
            checked={draft.workarounds.includes(w)}
            onChange={(e) =>
              update({
                workarounds: toggle(
                  draft.workarounds,
                  w,
                  e.currentTarget.checked,
                ),
              })
            }
          />
          {choiceLabel('workaround', w)}
        </label>
      ))}
      <label class="block">
        {t('dataLabel')}
        <select
          value={draft.dataInvolved}
          onChange={(e) =>
            update({
              dataInvolved: e.currentTarget
                .value as ReportDraft['dataInvolved'],
            })
          }
        >
          {DATA_INVOLVED.map((d) => (
            <option value={d} key={d}>
              {choiceLabel('data', d)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
