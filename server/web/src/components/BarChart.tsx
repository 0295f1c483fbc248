/** Props of {@link BarChart}. */
export interface BarChartProps {
  /** Unique id stem for headings and ARIA references. */
  id: string;
  /** The chart's heading. */
  title: string;
  /** What the numbers count, for the table's header. */
  valueLabel: string;
  /** The bars, largest first. */
  data: { label: string; value: number }[];
}

/**
 * A horizontal bar chart built from plain elements, so labels wrap at any width and zoom, with
 * the same figures in a table for screen readers.
 */
export default function BarChart({
  id,
  title,
  valueLabel,
  data,
}: BarChartProps) {
  const max = Math.max(1, ...data.map((d) => d.value));
  return (
    <section aria-labelledby={`${id}-heading`} class="snag-section snag-chart">
      <h2 class="govuk-heading-m" id={`${id}-heading`}>
        {title}
      </h2>
      {data.length === 0 ? (
        <p class="govuk-body">No workarounds reported in this period.</p>
      ) : (
        <>
          <div class="snag-bars" aria-hidden="true">
            {data.map((d) => (
              <div class="snag-bars__row" key={d.label}>
                <span class="snag-bars__label govuk-body-s">{d.label}</span>
                <span class="snag-bars__track">
                  <span
                    class="snag-bars__bar"
                    style={{ width: `${(d.value / max) * 100}%` }}
                  />
                  <span class="snag-bars__value govuk-body-s">{d.value}</span>
                </span>
              </div>
            ))}
          </div>
          <table class="govuk-table snag-data-table">
            <caption class="govuk-table__caption govuk-table__caption--s">
              {title}: figures
            </caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Workaround
                </th>
                <th
                  scope="col"
                  class="govuk-table__header govuk-table__header--numeric"
                >
                  {valueLabel}
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {data.map((d) => (
                <tr class="govuk-table__row" key={d.label}>
                  <th scope="row" class="govuk-table__header">
                    {d.label}
                  </th>
                  <td class="govuk-table__cell govuk-table__cell--numeric">
                    {d.value}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
