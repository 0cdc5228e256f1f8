// The sweep's grid: a table whose cells are buttons (a tab stop each, arrow
// keys need nothing extra), coloured by verdict or by the chosen metric, each
// saying its numbers in words (aria-label and tooltip) and opening its run.
import type { ReactElement } from 'react';
import type { SweepMetric } from '../../../shared/sweep/sweep-metrics.ts';
import { goodness, metricColour, VERDICT_STYLE } from './sweep-colors.ts';
import { cellLabel, type SweepCell, type SweepGrid } from './sweep-grid.ts';

interface Props {
  grid: SweepGrid;
  metric: SweepMetric;
  byVerdict: boolean;
  onOpen(runId: string): void;
}

function cellStyle(cell: SweepCell, grid: SweepGrid, metric: SweepMetric, byVerdict: boolean): { background: string; color: string } | undefined {
  if (byVerdict) {
    if (!cell.verdict) return undefined;
    const v = VERDICT_STYLE[cell.verdict];
    return { background: v.colour, color: v.text };
  }
  if (cell.mean === null || !grid.range) return undefined;
  const c = metricColour(goodness(cell.mean, grid.range, metric));
  return { background: c.fill, color: c.text };
}

function Cell({ cell, grid, metric, byVerdict, onOpen }: { cell: SweepCell } & Props): ReactElement {
  const label = cellLabel(cell, metric);
  const first = cell.runs[0];
  if (!first) {
    return (
      <td className="sweep-cell is-pending" aria-label={label} title={label}>
        …
      </td>
    );
  }
  const verdict = cell.verdict ? VERDICT_STYLE[cell.verdict] : null;
  return (
    <td className="sweep-cell">
      <button
        type="button"
        className="sweep-cell-button"
        style={cellStyle(cell, grid, metric, byVerdict)}
        aria-label={label}
        title={label}
        data-run-id={first.runId}
        data-mean={cell.mean ?? ''}
        data-verdict={cell.verdict ?? ''}
        onClick={() => onOpen(first.runId)}
      >
        {byVerdict && verdict && cell.verdict ? (
          <>
            <span className="sweep-cell-main" aria-hidden="true">
              {verdict.icon} {cell.verdict}
            </span>
            <span className="sweep-cell-sub" aria-hidden="true">
              {cell.mean!.toFixed(metric.digits)}
            </span>
          </>
        ) : (
          <span className="sweep-cell-main" aria-hidden="true">
            {cell.mean!.toFixed(metric.digits)}
          </span>
        )}
      </button>
    </td>
  );
}

export function SweepGridView(props: Props): ReactElement {
  const { grid } = props;
  const columns = grid.columnKey?.values ?? [null];
  return (
    <div className="sweep-grid-wrap">
      <p className="sweep-grid-caption">
        Rows: <code>{grid.rowKey.path}</code>
        {grid.columnKey && (
          <>
            {' '}
            · columns: <code>{grid.columnKey.path}</code>
          </>
        )}{' '}
        · {props.byVerdict ? `colour: verdict, numbers: ${props.metric.label}` : `colour: ${props.metric.label}`} · click a cell (or Tab to it, Enter) to open its run
      </p>
      <table className="sweep-grid" aria-label={`Sweep grid: ${grid.rowKey.path}${grid.columnKey ? ` by ${grid.columnKey.path}` : ''}`}>
        <thead>
          <tr>
            <th scope="col" className="sweep-corner">
              {grid.rowKey.path}
              {grid.columnKey ? ` \\ ${grid.columnKey.path}` : ''}
            </th>
            {columns.map((value, i) => (
              <th scope="col" key={i}>
                {value === null ? props.metric.label : String(value)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.cells.map((row, r) => (
            <tr key={r}>
              <th scope="row">{String(grid.rowKey.values[r])}</th>
              {row.map((cell) => (
                <Cell key={cell.column} cell={cell} {...props} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
