/**
 * Messages of the records' board (see README.md in this folder). Not spread into en.ts / zh-CN.ts:
 * the board loads lazily with its drag-and-drop library, and only its chunk imports them
 * (records/boardMessages.ts), so they cost the entry bundle nothing.
 */
import type { AreaMessages } from './types.js';

export const en = {
  'records.kanban.board': '{entities} by {field}',
  'records.kanban.column': '{value} ({count})',
  'records.kanban.none': '(none)',
  'records.kanban.moved': '“{name}” moved to {value}.',
  'records.kanban.refused': '“{name}” was not moved to {value}: {message}',
  'records.kanban.dragHint': 'To move a card with the keyboard: focus it, press Space, use the arrow keys, press Space again to drop or Escape to cancel.',
  'records.kanban.dragStart': 'Picked up “{name}”.',
  'records.kanban.dragOver': '“{name}” is over {value}.',
  'records.kanban.dragCancel': 'Moving “{name}” was cancelled.',
  'records.kanban.noDrag': 'This board is read-only.',
  'records.kanban.showMore': 'Show more ({shown} of {count})',
};

export const zhCN: AreaMessages<typeof en> = {
  'records.kanban.board': '{entities}（按{field}）',
  'records.kanban.column': '{value}（{count}）',
  'records.kanban.none': '（空）',
  'records.kanban.moved': '“{name}”已移到{value}。',
  'records.kanban.refused': '“{name}”未能移到{value}：{message}',
  'records.kanban.dragHint': '用键盘移动卡片：聚焦卡片，按空格键拿起，用方向键移动，再按空格键放下，按 Esc 取消。',
  'records.kanban.dragStart': '已拿起“{name}”。',
  'records.kanban.dragOver': '“{name}”位于{value}上方。',
  'records.kanban.dragCancel': '已取消移动“{name}”。',
  'records.kanban.noDrag': '此看板为只读。',
  'records.kanban.showMore': '显示更多（{shown} / {count}）',
};
