import { useEffect, useState } from 'preact/hooks';
import type { Workaround } from '../../../../protocol/report';
import { paths, type Trends as TrendsData } from '../../../../protocol/api';
import { describeError, request } from '../api';
import { PROBLEM_LABELS, WORKAROUND_LABELS } from '../labels';
import WeeklyChart, { type Series } from './WeeklyChart';
import BarChart from './BarChart';

/** Props of {@link Trends}. */
export type TrendsProps = Record<string, never>;

const WEEKS = 12;
const MAX_SERVICES = 6;

/** Reports per week by service and by problem kind, and the workarounds people resort to most. */
export default function Trends(_props: TrendsProps) {
  const [data, setData] = useState<TrendsData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    request<TrendsData>(`${paths.trends}?weeks=${WEEKS}`)
      .then(setData)
      .catch((e: unknown) => setError(describeError(e)));
  }, []);

  const services = [...(data?.byService ?? [])]
    .sort((a, b) => total(b) - total(a))
    .slice(0, MAX_SERVICES);
  return (
    <>
      <h1 class="govuk-heading-l" tabIndex={-1}>
        Trends
      </h1>
      <p class="govuk-body">
        The last {WEEKS} weeks. Each chart has its figures in a table below.
      </p>
      {error && <p class="govuk-error-message">{error}</p>}
      {!data && !error && <p class="govuk-body">Loading…</p>}
      {data && (
        <>
          <WeeklyChart
            id="by-service"
            title="Reports per week by service"
            note={
              (data.byService.length ?? 0) > MAX_SERVICES
                ? `The ${MAX_SERVICES} services with most reports.`
                : undefined
            }
            weeks={data.weeks}
            series={services}
          />
          <WeeklyChart
            id="by-problem"
            title="Reports per week by problem kind"
            weeks={data.weeks}
            series={data.byProblem.map((s) => ({
              ...s,
              name:
                PROBLEM_LABELS[s.name as keyof typeof PROBLEM_LABELS] ?? s.name,
            }))}
          />
          <BarChart
            id="top-workarounds"
            title="Top workaround types"
            valueLabel="Reports"
            data={data.topWorkarounds.map((w) => ({
              label:
                WORKAROUND_LABELS[w.workaround as Workaround] ?? w.workaround,
              value: w.count,
            }))}
          />
        </>
      )}
    </>
  );
}

function total(series: Series): number {
  return series.counts.reduce((sum, n) => sum + n, 0);
}
