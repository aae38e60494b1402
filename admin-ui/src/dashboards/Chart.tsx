/**
 * One echarts chart (SVG) that follows its container's size and reports a click on a data item —
 * the dashboards' drill-down. Keyboard users have the same drill-down in the table under each chart.
 */
import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from './echarts.js';

export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
}

export function Chart({ option, onClick, label, height = 300 }: { option: ChartOption; onClick?(at: ChartClick): void; label: string; height?: number }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const div = container.current!;
    const instance = echarts.init(div, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (p) => click.current?.({ seriesIndex: p.seriesIndex ?? 0, dataIndex: p.dataIndex }));
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(div);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // No animation: numbers appear at once (and stay put for people who prefer reduced motion).
    chart.current?.setOption({ animation: false, aria: { enabled: true, label: { description: label } }, ...option }, true);
  }, [option, label]);

  return <div ref={container} className="dash-chart" style={{ height }} data-chart={label} />;
}
