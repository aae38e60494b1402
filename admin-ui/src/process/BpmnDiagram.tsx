/**
 * The BPMN diagram of a process version (bpmn-js NavigatedViewer: pan with the mouse or the wheel,
 * zoom with the buttons or Ctrl + wheel), opened at a readable zoom (MIN_ZOOM) on what is active
 * when the whole diagram would be smaller, with activities marked: completed, active (a token waits there) and with
 * an incident. Loaded with the process page only, so bpmn-js stays out of the entry chunk.
 */
import navigatedViewer from 'bpmn-js/lib/NavigatedViewer.js';
import 'bpmn-js/dist/assets/diagram-js.css';
import { useEffect, useRef, useState } from 'react';
import { useProcessViewI18n } from './messages.js';

// bpmn-js ships ES modules without "type": "module": TypeScript (NodeNext) sees its default export
// one level down, the bundler where it is.
const NavigatedViewer = ('default' in navigatedViewer ? navigatedViewer.default : navigatedViewer) as typeof navigatedViewer.default;

export interface DiagramMarks {
  done: string[];
  active: string[];
  incident: string[];
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Canvas {
  zoom(level?: number | 'fit-viewport', center?: 'auto'): number;
  viewbox(box?: Box): Box & { inner: Box; outer: Box };
  addMarker(element: string, marker: string): void;
}
interface Registry {
  get(id: string): Box | undefined;
}

/** Below this zoom the labels are too small to read: a wide process is shown at it, and panned. */
const MIN_ZOOM = 0.7;

/** Where a window of `size` starts to show `want` (a centre) inside the diagram's [start, start + length], with a margin. */
function windowStart(size: number, start: number, length: number, want: number): number {
  const margin = 20;
  if (length + 2 * margin <= size) return start + length / 2 - size / 2;
  return Math.min(Math.max(want - size / 2, start - margin), start + length + margin - size);
}

/**
 * The whole diagram when it fits at a readable zoom; else the readable zoom on the part around
 * `focus` (the first active or failed activity) or the diagram's start (its left edge), never
 * beyond the diagram's edges.
 */
function readableView(c: Canvas, focus: Box | undefined): void {
  if (c.zoom('fit-viewport', 'auto') >= MIN_ZOOM) return;
  const { inner, outer } = c.viewbox();
  const width = outer.width / MIN_ZOOM;
  const height = outer.height / MIN_ZOOM;
  const x = windowStart(width, inner.x, inner.width, focus ? focus.x + focus.width / 2 : inner.x);
  const y = windowStart(height, inner.y, inner.height, focus ? focus.y + focus.height / 2 : inner.y + inner.height / 2);
  c.viewbox({ x, y, width, height });
}

export function BpmnDiagram({ xml, marks }: { xml: string; marks: DiagramMarks }) {
  const { t } = useProcessViewI18n();
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<Canvas | null>(null);
  const [state, setState] = useState<'loading' | 'shown' | 'failed'>('loading');

  useEffect(() => {
    if (!container.current) return;
    const viewer = new NavigatedViewer({ container: container.current });
    let alive = true;
    viewer.importXML(xml).then(
      () => {
        if (!alive) return;
        const c = viewer.get<Canvas>('canvas');
        const registry = viewer.get<Registry>('elementRegistry');
        const mark = (ids: string[], marker: string) => ids.filter((id) => registry.get(id)).forEach((id) => c.addMarker(id, marker));
        mark(marks.done, 'pv-done');
        mark(marks.active, 'pv-active');
        mark(marks.incident, 'pv-incident');
        readableView(c, [...marks.active, ...marks.incident].map((id) => registry.get(id)).find((e) => e !== undefined));
        canvas.current = c;
        setState('shown');
      },
      () => alive && setState('failed'),
    );
    return () => {
      alive = false;
      canvas.current = null;
      viewer.destroy();
    };
  }, [xml, marks]);

  const zoomBy = (factor: number) => canvas.current?.zoom(canvas.current.zoom() * factor);

  return (
    <div className="pv-diagram-wrap">
      <div className="pv-toolbar" role="toolbar" aria-label={t('processView.diagram')}>
        <button type="button" className="btn btn-small" onClick={() => zoomBy(1.25)} disabled={state !== 'shown'}>
          {t('processView.zoomIn')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => zoomBy(0.8)} disabled={state !== 'shown'}>
          {t('processView.zoomOut')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => canvas.current?.zoom('fit-viewport', 'auto')} disabled={state !== 'shown'}>
          {t('processView.fit')}
        </button>
        <ul className="pv-legend" aria-label={t('processView.legend')}>
          <li className="pv-legend-done">{t('processView.legend.done')}</li>
          <li className="pv-legend-active">{t('processView.legend.active')}</li>
          <li className="pv-legend-incident">{t('processView.legend.incident')}</li>
        </ul>
      </div>
      {state === 'loading' && (
        <p className="muted" role="status">
          {t('processView.diagramLoading')}
        </p>
      )}
      {state === 'failed' && <p className="banner banner-warn">{t('processView.diagramUnavailable')}</p>}
      <div ref={container} className="pv-diagram" role="img" aria-label={t('processView.diagram')} data-state={state} />
      <p className="muted pv-hint">{t('processView.panHint')}</p>
    </div>
  );
}
