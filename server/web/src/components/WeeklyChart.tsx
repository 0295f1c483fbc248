import type { WeeklySeries } from '../../../../protocol/api';

/** A named line of weekly counts, one per week in the order of the chart's weeks. */
export type Series = WeeklySeries;

/** Props of {@link WeeklyChart}. */
export interface WeeklyChartProps {
  /** Unique id stem for headings and ARIA references. */
  id: string;
  /** The chart's heading. */
  title: string;
  /** A sentence under the heading, if needed. */
  note?: string;
  /** The first day of each week (ISO date), oldest first. */
  weeks: string[];
  /** The lines to draw, one small chart each. */
  series: Series[];
}

const WIDTH = 300;
const HEIGHT = 80;

/** `2025-03-03` as "3 Mar". */
function shortWeek(iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

/**
 * Weekly counts as small multiples: one column chart per series, on a shared scale, drawn in
 * SVG by hand. The SVG is a picture for sighted readers; the table below carries the figures.
 */
export default function WeeklyChart({
  id,
  title,
  note,
  weeks,
  series,
}: WeeklyChartProps) {
  const max = Math.max(1, ...series.flatMap((s) => s.counts));
  const step = weeks.length > 0 ? WIDTH / weeks.length : WIDTH;
  return (
    <section aria-labelledby={`${id}-heading`} class="snag-section snag-chart">
      <h2 class="govuk-heading-m" id={`${id}-heading`}>
        {title}
      </h2>
      {note && <p class="govuk-body-s">{note}</p>}
      {series.length === 0 ? (
        <p class="govuk-body">No reports in this period.</p>
      ) : (
        <>
          <ul class="snag-multiples">
            {series.map((s, i) => (
              <li key={s.name} class="snag-multiple">
                <h3 class="govuk-heading-s" id={`${id}-${i}`}>
                  {s.name}
                </h3>
                <Columns
                  counts={s.counts}
                  max={max}
                  step={step}
                  labelledBy={`${id}-${i}`}
                  describedBy={`${id}-table`}
                />
              </li>
            ))}
          </ul>
          <FiguresTable id={id} title={title} weeks={weeks} series={series} />
        </>
      )}
    </section>
  );
}

/** One series as columns on the shared scale. */
function Columns({
  counts,
  max,
  step,
  labelledBy,
  describedBy,
}: {
  counts: number[];
  max: number;
  step: number;
  labelledBy: string;
  describedBy: string;
}) {
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT + 2}`}
      role="img"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      class="snag-svg"
      preserveAspectRatio="none"
    >
      {counts.map((n, w) => {
        const h = (n / max) * HEIGHT;
        return (
          <rect
            key={w}
            x={w * step + 1}
            y={HEIGHT - h}
            width={Math.max(1, step - 2)}
            height={h}
            class="snag-bar"
          />
        );
      })}
      <line
        x1="0"
        x2={WIDTH}
        y1={HEIGHT + 1}
        y2={HEIGHT + 1}
        class="snag-axis"
      />
    </svg>
  );
}

/** The chart's figures as a table: a row per week, a column per series. */
function FiguresTable({
  id,
  title,
  weeks,
  series,
}: Pick<WeeklyChartProps, 'id' | 'title' | 'weeks' | 'series'>) {
  return (
    <div
      class="snag-table-wrap"
      tabIndex={0}
      aria-labelledby={`${id}-table-caption`}
    >
      <table class="govuk-table snag-data-table" id={`${id}-table`}>
        <caption
          class="govuk-table__caption govuk-table__caption--s"
          id={`${id}-table-caption`}
        >
          {title}: figures
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Week starting
            </th>
            {series.map((s) => (
              <th
                scope="col"
                class="govuk-table__header govuk-table__header--numeric"
                key={s.name}
              >
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {weeks.map((week, w) => (
            <tr class="govuk-table__row" key={week}>
              <th scope="row" class="govuk-table__header">
                {shortWeek(week)}
              </th>
              {series.map((s) => (
                <td
                  class="govuk-table__cell govuk-table__cell--numeric"
                  key={s.name}
                >
                  {s.counts[w] ?? 0}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
