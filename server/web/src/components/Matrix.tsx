import { useEffect, useState } from 'preact/hooks';
import {
  paths,
  type Matrix as MatrixAnswer,
  type MatrixCell,
} from '../../../../protocol/api';
import { UNRATED } from '../../../../protocol/filters';
import { OPEN_STATUSES } from '../../../../protocol/report';
import { describeError, request } from '../api';
import { searchFromQuery } from '../filters';
import { RISK_LEVELS, SEVERITY_LEVELS } from '../labels';
import { useLiveEvents } from '../live';

/** Props of {@link Matrix}. */
export type MatrixProps = Record<string, never>;

const LEVELS = [1, 2, 3, 4] as const;
/** Rows, riskiest first; `null` is "not rated". */
const ROWS: (number | null)[] = [4, 3, 2, 1, null];
/** Columns, least severe first; `null` is "not rated". */
const COLUMNS: (number | null)[] = [...LEVELS, null];

/** The list link for a cell: open reports at that severity and risk. */
export function cellHref(severity: number | null, risk: number | null): string {
  return `/reports${searchFromQuery({
    status: OPEN_STATUSES.join(','),
    severity: severity === null ? UNRATED : String(severity),
    risk: risk === null ? UNRATED : String(risk),
  })}`;
}

/** How many open reports sit at a severity and a risk. */
function countAt(
  cells: MatrixCell[],
  severity: number | null,
  risk: number | null,
): number {
  return cells
    .filter(
      (c) =>
        (c.usabilitySeverity ?? null) === severity &&
        (c.securityRisk ?? null) === risk,
    )
    .reduce((sum, c) => sum + c.count, 0);
}

/** The matrix's cells, loaded again whenever a report changes. */
function useMatrixCells() {
  const [cells, setCells] = useState<MatrixCell[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshes, setRefreshes] = useState(0);

  useEffect(() => {
    request<MatrixAnswer>(paths.matrix)
      .then((answer) => setCells(answer.cells))
      .catch((e: unknown) => setError(describeError(e)));
  }, [refreshes]);
  useLiveEvents((event) => {
    if (event.type !== 'paused') setRefreshes((n) => n + 1);
  });
  return { cells, error };
}

/**
 * The joint prioritisation view: open reports counted by usability severity (digital's lens)
 * against security risk (IT's lens). Each count links to the matching list.
 */
export default function Matrix(_props: MatrixProps) {
  const { cells, error } = useMatrixCells();
  return (
    <>
      <h1 class="govuk-heading-l" tabIndex={-1}>
        Matrix
      </h1>
      <p class="govuk-body">
        Open reports (new, triaged or in progress) by how hard the service is to
        use and how risky the workaround it forces. The top right holds the
        reports both teams should act on first.
      </p>
      {error && <p class="govuk-error-message">{error}</p>}
      {cells === null && !error && <p class="govuk-body">Loading…</p>}
      {cells && <MatrixTable cells={cells} />}
    </>
  );
}

/** The table: security risk in rows, usability severity in columns. */
function MatrixTable({ cells }: { cells: MatrixCell[] }) {
  const total = cells.reduce((sum, c) => sum + c.count, 0);
  return (
    <div class="snag-table-wrap">
      <table class="govuk-table snag-matrix">
        <caption class="govuk-table__caption govuk-table__caption--m">
          {total} open {total === 1 ? 'report' : 'reports'}: security risk
          (rows) by usability severity (columns)
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <td class="govuk-table__header snag-matrix__corner" />
            {COLUMNS.map((s) => (
              <th scope="col" class="govuk-table__header" key={`c${s}`}>
                <span class="govuk-visually-hidden">Usability severity </span>
                {s === null ? 'Not rated' : SEVERITY_LEVELS[s]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {ROWS.map((risk) => (
            <tr class="govuk-table__row" key={`r${risk}`}>
              <th scope="row" class="govuk-table__header">
                <span class="govuk-visually-hidden">Security risk </span>
                {risk === null ? 'Not rated' : RISK_LEVELS[risk]}
              </th>
              {COLUMNS.map((severity) => (
                <MatrixCellView
                  key={`${risk}-${severity}`}
                  severity={severity}
                  risk={risk}
                  count={countAt(cells, severity, risk)}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One count, shaded by how severe and risky it is, linking to its reports. */
function MatrixCellView({
  severity,
  risk,
  count: n,
}: {
  severity: number | null;
  risk: number | null;
  count: number;
}) {
  const heat = (severity ?? 0) + (risk ?? 0);
  return (
    <td
      class={`govuk-table__cell snag-matrix__cell snag-heat-${n === 0 ? 0 : heat}`}
    >
      {n === 0 ? (
        0
      ) : (
        <a class="govuk-link snag-matrix__link" href={cellHref(severity, risk)}>
          {n}
          <span class="govuk-visually-hidden">
            {' '}
            {n === 1 ? 'report' : 'reports'} at usability severity{' '}
            {severity ?? 'not rated'} and security risk {risk ?? 'not rated'}
          </span>
        </a>
      )}
    </td>
  );
}
