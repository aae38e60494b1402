/**
 * Messages of the task page (see README.md in this folder). Not spread into en.ts / zh-CN.ts: only
 * its lazy chunk imports them (inbox/messages.ts), so they cost the entry bundle nothing; the
 * inbox's own, which the entry's inbox page shows, are in inbox.ts.
 */
import type { AreaMessages } from './types.js';

export const en = {
  'inbox.task.unassigned': 'Not claimed',
  'inbox.task.assignedToMe': 'Assigned to me',
  'inbox.task.assignedToOther': 'Assigned to someone else',
  'inbox.task.complete': 'Complete task',
  'inbox.task.invalid': 'The form has errors: please check the marked fields.',
  'inbox.task.noForm': 'This task has no form',
  'inbox.task.context': 'Record and process',
  'inbox.task.record': 'Record',
  'inbox.task.history': 'Process so far',
  'inbox.task.now': 'now',
  'inbox.task.delegateTo': 'Delegate to',
  'inbox.task.delegate': 'Delegate',
  'inbox.task.delegated': 'Task delegated.',
  'inbox.task.due': 'Due date',
  'inbox.task.followUp': 'Follow-up date',
  'inbox.task.saveDates': 'Save dates',
  'inbox.task.datesSaved': 'Dates saved.',
  'inbox.attachments.title': 'Attachments',
  'inbox.attachments.none': 'No attachments yet.',
  'inbox.attachments.upload': 'Upload a file',
  'inbox.attachments.uploaded': '{name} uploaded.',
};

export const zhCN: AreaMessages<typeof en> = {
  'inbox.task.unassigned': '未认领',
  'inbox.task.assignedToMe': '已分配给我',
  'inbox.task.assignedToOther': '已分配给他人',
  'inbox.task.complete': '完成任务',
  'inbox.task.invalid': '表单有错误：请检查标出的字段。',
  'inbox.task.noForm': '此任务没有表单',
  'inbox.task.context': '记录与流程',
  'inbox.task.record': '记录',
  'inbox.task.history': '流程进展',
  'inbox.task.now': '当前',
  'inbox.task.delegateTo': '委派给',
  'inbox.task.delegate': '委派',
  'inbox.task.delegated': '任务已委派。',
  'inbox.task.due': '截止日期',
  'inbox.task.followUp': '跟进日期',
  'inbox.task.saveDates': '保存日期',
  'inbox.task.datesSaved': '日期已保存。',
  'inbox.attachments.title': '附件',
  'inbox.attachments.none': '暂无附件。',
  'inbox.attachments.upload': '上传文件',
  'inbox.attachments.uploaded': '{name} 已上传。',
};
