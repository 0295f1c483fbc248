import { useEffect, useState } from 'preact/hooks';
import {
  DATA_INVOLVED,
  PERSONAL_DATA_STATES,
  STATUSES,
  USABILITY_CATEGORIES,
  WORKAROUNDS,
} from '../../../../protocol/report';
import { FILTER_KEYS, type ReportSort } from '../../../../protocol/filters';
import { withoutCursor, type ListQuery } from '../filters';
import {
  CATEGORY_LABELS,
  DATA_LABELS,
  PERSONAL_DATA_LABELS,
  PROBLEM_LABELS,
  RISK_LEVELS,
  SEVERITY_LEVELS,
  STATUS_LABELS,
  WORKAROUND_LABELS,
} from '../labels';

/** Props of {@link FilterForm}. */
export interface FilterFormProps {
  /** The view currently shown, to fill the form. */
  query: ListQuery;
  /** Called with the new view (without cursor) when the form is applied. */
  onApply: (query: ListQuery) => void;
}

/** Sort orders the list offers. */
export const SORTS: Record<ReportSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  severity: 'Usability severity, highest first',
  risk: 'Security risk, highest first',
  votes: 'Most votes first',
};

type Option = [value: string, label: string];
const entries = (record: Record<string | number, string>): Option[] =>
  Object.entries(record).map(([k, v]) => [k, v]);

const SELECTS: { key: keyof ListQuery; label: string; options: Option[] }[] = [
  {
    key: 'status',
    label: 'Status',
    options: STATUSES.map((s) => [s, STATUS_LABELS[s]]),
  },
  { key: 'problem', label: 'Problem kind', options: entries(PROBLEM_LABELS) },
  {
    key: 'category',
    label: 'Usability category',
    options: USABILITY_CATEGORIES.map((c) => [c, CATEGORY_LABELS[c]]),
  },
  {
    key: 'workaround',
    label: 'Workaround type',
    options: WORKAROUNDS.map((w) => [w, WORKAROUND_LABELS[w]]),
  },
  {
    key: 'dataInvolved',
    label: 'Data involved',
    options: DATA_INVOLVED.map((d) => [d, DATA_LABELS[d]]),
  },
  {
    key: 'personalData',
    label: 'Personal data',
    options: PERSONAL_DATA_STATES.map((d) => [d, PERSONAL_DATA_LABELS[d]]),
  },
  {
    key: 'severity',
    label: 'Usability severity',
    options: entries(SEVERITY_LEVELS),
  },
  { key: 'risk', label: 'Security risk', options: entries(RISK_LEVELS) },
];

/** Sets one parameter of the draft view from a control's value. */
type Setter = (
  key: keyof ListQuery,
) => (event: { currentTarget: { value: string } }) => void;

/**
 * The list's filters as an ordinary form. Applying it changes the URL, so the filtered view
 * can be bookmarked or sent to a colleague.
 */
export default function FilterForm({ query, onApply }: FilterFormProps) {
  const [draft, setDraft] = useState<ListQuery>(() => withoutCursor(query));
  useEffect(() => setDraft(withoutCursor(query)), [query]);

  const set: Setter = (key) => (event) =>
    setDraft((d) => ({ ...d, [key]: event.currentTarget.value }));

  const submit = (event: Event) => {
    event.preventDefault();
    onApply(draft);
  };

  return (
    <form
      class="snag-filters"
      role="search"
      aria-label="Filter reports"
      onSubmit={submit}
    >
      <h2 class="govuk-heading-m">Filter</h2>
      <TextFilter
        name="q"
        label="Search text"
        hint="Words from what people tried, what got in the way, the page title or notes"
        draft={draft}
        set={set}
      />
      <TextFilter name="service" label="Service" draft={draft} set={set} />
      {SELECTS.map(({ key, label, options }) => (
        <SelectFilter
          key={key}
          name={key}
          label={label}
          options={options}
          draft={draft}
          set={set}
        />
      ))}
      <TextFilter name="assignee" label="Assignee" draft={draft} set={set} />
      <DateFilter name="from" label="Received from" draft={draft} set={set} />
      <DateFilter name="to" label="Received to" draft={draft} set={set} />
      <SortSelect draft={draft} set={set} />
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button">
          Apply filters
        </button>
        {FILTER_KEYS.some((k) => query[k]) && (
          <a href="/reports" class="govuk-link">
            Clear filters
          </a>
        )}
      </div>
    </form>
  );
}

/** What every filter control is given: the draft view and how to change it. */
interface ControlProps {
  draft: ListQuery;
  set: Setter;
}

/** A free-text filter, with an optional hint. */
function TextFilter({
  name,
  label,
  hint,
  draft,
  set,
}: ControlProps & {
  name: 'q' | 'service' | 'assignee';
  label: string;
  hint?: string;
}) {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for={`filter-${name}`}>
        {label}
      </label>
      {hint && (
        <div class="govuk-hint" id={`filter-${name}-hint`}>
          {hint}
        </div>
      )}
      <input
        class="govuk-input"
        id={`filter-${name}`}
        name={name}
        type="text"
        aria-describedby={hint ? `filter-${name}-hint` : undefined}
        value={draft[name] ?? ''}
        onInput={set(name)}
      />
    </div>
  );
}

/** A filter chosen from a fixed list, or "Any". */
function SelectFilter({
  name,
  label,
  options,
  draft,
  set,
}: ControlProps & { name: keyof ListQuery; label: string; options: Option[] }) {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for={`filter-${name}`}>
        {label}
      </label>
      <select
        class="govuk-select snag-select"
        id={`filter-${name}`}
        name={name}
        value={draft[name] ?? ''}
        onChange={set(name)}
      >
        <option value="">Any</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One end of the received-date range. */
function DateFilter({
  name,
  label,
  draft,
  set,
}: ControlProps & { name: 'from' | 'to'; label: string }) {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for={`filter-${name}`}>
        {label}
      </label>
      <input
        class="govuk-input govuk-input--width-10"
        id={`filter-${name}`}
        name={name}
        type="date"
        value={draft[name] ?? ''}
        onInput={set(name)}
      />
    </div>
  );
}

/** The list's order. */
function SortSelect({ draft, set }: ControlProps) {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for="filter-sort">
        Sort by
      </label>
      <select
        class="govuk-select snag-select"
        id="filter-sort"
        name="sort"
        value={draft.sort ?? 'newest'}
        onChange={set('sort')}
      >
        {Object.entries(SORTS).map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
