/**
 * Messages of the process view page (see README.md in this folder). Not spread into en.ts /
 * zh-CN.ts: only the lazy chunk imports them (process/messages.ts), so they cost the entry bundle
 * nothing; the record page's link to it is in process.ts.
 */
import type { AreaMessages } from './types.js';

export const en = {
  'processView.record': 'Record',
  'processView.version': 'Version {version}',
  'processView.diagram': 'Process diagram',
  'processView.diagramLoading': 'Loading the diagram…',
  'processView.diagramUnavailable': 'The diagram of this process version cannot be shown.',
  'processView.zoomIn': 'Zoom in',
  'processView.zoomOut': 'Zoom out',
  'processView.fit': 'Fit to view',
  'processView.panHint': 'Drag or scroll to move around the diagram; Ctrl + wheel zooms.',
  'processView.legend': 'Legend',
  'processView.legend.done': 'Completed',
  'processView.legend.active': 'Active',
  'processView.legend.incident': 'Incident',
  'processView.timeline': 'Timeline',
  'processView.status.done': 'Completed',
  'processView.status.active': 'Active',
  'processView.status.canceled': 'Cancelled',
  'processView.incidents': 'Incidents ({count})',
  'processView.activeNow': 'Waiting in: {activities}',
};

export const zhCN: AreaMessages<typeof en> = {
  'processView.record': '记录',
  'processView.version': '版本 {version}',
  'processView.diagram': '流程图',
  'processView.diagramLoading': '正在加载流程图…',
  'processView.diagramUnavailable': '无法显示此流程版本的流程图。',
  'processView.zoomIn': '放大',
  'processView.zoomOut': '缩小',
  'processView.fit': '适应窗口',
  'processView.panHint': '拖动或滚动可移动流程图；按住 Ctrl 滚动鼠标滚轮可缩放。',
  'processView.legend': '图例',
  'processView.legend.done': '已完成',
  'processView.legend.active': '进行中',
  'processView.legend.incident': '故障',
  'processView.timeline': '时间线',
  'processView.status.done': '已完成',
  'processView.status.active': '进行中',
  'processView.status.canceled': '已取消',
  'processView.incidents': '故障（{count}）',
  'processView.activeNow': '当前停留在：{activities}',
};
