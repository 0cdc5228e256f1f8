// A virtualised list of event rows: only the rows in view (plus a margin)
// exist in the DOM, positioned inside a spacer as tall as all rows, so a
// 500k-event log scrolls like a short one. Follow mode keeps the newest row
// in view and ends when the user scrolls up.
import { useEffect, useLayoutEffect, useRef, useState, type ReactElement } from 'react';
import type { LabEvent } from '../../../shared/events.ts';
import { fmtSeconds } from '../inspector/format.ts';
import { StateBadge } from '../inspector/StateBadge.tsx';

export interface EventRowsProps {
  count: number;
  rowAt(index: number): LabEvent | undefined;
  selectedJob: number | null;
  following: boolean;
  onStopFollowing(): void;
  onSelectJob?: ((seq: number) => void) | undefined;
  /** Changes whenever rows may have new content (a page arrived). */
  revision: number;
}

const OVERSCAN = 8;
const FALLBACK_ROW_HEIGHT = 26;

export function EventRows({ count, rowAt, selectedJob, following, onStopFollowing, onSelectJob, revision }: EventRowsProps): ReactElement {
  const scroller = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 400 });
  const [rowHeight, setRowHeight] = useState(FALLBACK_ROW_HEIGHT);
  const lastTop = useRef(0);
  const lastHeight = useRef(0);

  // The row height follows the font (presentation mode is larger): measure a hidden row.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => {
      setViewport({ top: el.scrollTop, height: el.clientHeight });
      const h = probe.current?.getBoundingClientRect().height;
      if (h && h > 0) setRowHeight(h);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (probe.current) observer.observe(probe.current);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = scroller.current;
    if (el && following) el.scrollTop = el.scrollHeight;
  }, [following, count, rowHeight, viewport.height]);

  const first = Math.max(0, Math.floor(viewport.top / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((viewport.top + viewport.height) / rowHeight) + OVERSCAN);
  const rows: ReactElement[] = [];
  for (let i = first; i < last; i++) {
    const e = rowAt(i);
    rows.push(
      <Row key={i} index={i} count={count} e={e} top={i * rowHeight} height={rowHeight} selected={e !== undefined && e.job !== null && e.job === selectedJob} onSelectJob={onSelectJob} />,
    );
  }

  return (
    <div
      ref={scroller}
      className="ql-log-scroll"
      data-revision={revision}
      onScroll={(ev) => {
        const el = ev.currentTarget;
        // Follow mode only ever scrolls down, so a move up is the user's, unless the
        // list got shorter (a filter, the cursor moved back) and the browser clamped it.
        const shrank = el.scrollHeight < lastHeight.current;
        if (following && !shrank && el.scrollTop < lastTop.current - 1) onStopFollowing();
        lastTop.current = el.scrollTop;
        lastHeight.current = el.scrollHeight;
        setViewport({ top: el.scrollTop, height: el.clientHeight });
      }}
      onWheel={(ev) => {
        if (following && ev.deltaY < 0) onStopFollowing();
      }}
    >
      <div ref={probe} className="ql-log-row ql-log-probe" aria-hidden="true">
        <span>0</span>
      </div>
      <div role="list" aria-label="Events" className="ql-log-list" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}

interface RowProps {
  index: number;
  count: number;
  e: LabEvent | undefined;
  top: number;
  height: number;
  selected: boolean;
  onSelectJob?: ((seq: number) => void) | undefined;
}

function Row({ index, count, e, top, height, selected, onSelectJob }: RowProps): ReactElement {
  const style = { top, height };
  if (!e) {
    return (
      <div role="listitem" aria-setsize={count} aria-posinset={index + 1} className="ql-log-row ql-muted" style={style}>
        <span className="ql-num">…</span>
        <span>loading</span>
      </div>
    );
  }
  const job = e.job;
  return (
    <div
      role="listitem"
      aria-setsize={count}
      aria-posinset={index + 1}
      aria-current={selected ? 'true' : undefined}
      className={`ql-log-row${selected ? ' ql-selected' : ''}${job !== null && onSelectJob ? ' ql-clickable' : ''}`}
      style={style}
      onClick={job !== null && onSelectJob ? () => onSelectJob(job) : undefined}
    >
      <span className="ql-num ql-log-seq">{e.seq}</span>
      <span className="ql-num ql-log-t">{fmtSeconds(e.t)}</span>
      <span className="ql-log-kind">{e.to ? <StateBadge state={e.to} /> : null}</span>
      <span className="ql-log-what">{e.kind}</span>
      <span className="ql-log-job">
        {job === null ? (
          ''
        ) : onSelectJob ? (
          <button
            type="button"
            className="ql-link"
            onClick={(ev) => {
              ev.stopPropagation();
              onSelectJob(job);
            }}
          >
            job {job}
          </button>
        ) : (
          `job ${job}`
        )}
      </span>
      <span className="ql-log-worker">{e.worker ?? ''}</span>
      <span className="ql-log-detail" title={e.detail ?? undefined}>
        {e.detail ?? ''}
      </span>
    </div>
  );
}
