import { useEffect, useState } from 'preact/hooks';
import {
  DATA_INVOLVED,
  STATUSES,
  USABILITY_CATEGORIES,
  WORKAROUNDS,
} from '../../../../protocol/report';
import { FILTER_KEYS, withoutCursor, type ListQuery } from '../filters';
import {
  CATEGORY_LABELS,
  DATA_LABELS,
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
export const SORTS: Record<string, string> = {
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
    key: 'severity',
    label: 'Usability severity',
    options: entries(SEVERITY_LEVELS),
  },
  { key: 'risk', label: 'Security risk', options: entries(RISK_LEVELS) },
];

/**
 * The list's filters as an ordinary form. Applying it changes the URL, so the filtered view
 * can be bookmarked or sent to a colleague.
 */
export default function FilterForm({ query, onApply }: FilterFormProps) {
  const [draft, setDraft] = useState<ListQuery>(() => withoutCursor(query));
  useEffect(() => setDraft(withoutCursor(query)), [query]);

  const set =
    (key: keyof ListQuery) => (event: { currentTarget: { value: string } }) =>
      setDraft((d) => ({ ...d, [key]: event.currentTarget.value }));

  const submit = (event: Event) => {
    event.preventDefault();
    onApply(draft);
  };

  const text = (
    key: 'q' | 'service' | 'assignee',
    label: string,
    hint?: string,
  ) => (
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for={`filter-${key}`}>
        {label}
      </label>
      {hint && (
        <div class="govuk-hint" id={`filter-${key}-hint`}>
          {hint}
        </div>
      )}
      <input
        class="govuk-input"
        id={`filter-${key}`}
        name={key}
        type="text"
        aria-describedby={hint ? `filter-${key}-hint` : undefined}
        value={draft[key] ?? ''}
        onInput={set(key)}
      />
    </div>
  );

  return (
    <form
      class="snag-filters"
      role="search"
      aria-label="Filter reports"
      onSubmit={submit}
    >
      <h2 class="govuk-heading-m">Filter</h2>
      {text(
        'q',
        'Search text',
        'Words from what people tried, what got in the way, the page title or notes',
      )}
      {text('service', 'Service')}
      {SELECTS.map(({ key, label, options }) => (
        <div class="govuk-form-group" key={key}>
          <label class="govuk-label govuk-label--s" for={`filter-${key}`}>
            {label}
          </label>
          <select
            class="govuk-select snag-select"
            id={`filter-${key}`}
            name={key}
            value={draft[key] ?? ''}
            onChange={set(key)}
          >
            <option value="">Any</option>
            {options.map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </div>
      ))}
      {text('assignee', 'Assignee')}
      <div class="govuk-form-group">
        <label class="govuk-label govuk-label--s" for="filter-from">
          Received from
        </label>
        <input
          class="govuk-input govuk-input--width-10"
          id="filter-from"
          name="from"
          type="date"
          value={draft.from ?? ''}
          onInput={set('from')}
        />
      </div>
      <div class="govuk-form-group">
        <label class="govuk-label govuk-label--s" for="filter-to">
          Received to
        </label>
        <input
          class="govuk-input govuk-input--width-10"
          id="filter-to"
          name="to"
          type="date"
          value={draft.to ?? ''}
          onInput={set('to')}
        />
      </div>
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
