/**
 * Messages of the pickers (records, people, attachments) of record and task forms; see README.md
 * here. Not spread into en.ts / zh-CN.ts: the pickers, and the record fields that show attachments,
 * load lazily and import them (pickers/messages.ts), so they cost the entry bundle nothing.
 */
import type { AreaMessages } from './types.js';

export const en = {
  'picker.placeholder': 'Type to search',
  'picker.searching': 'Searching…',
  'picker.failed': 'The search failed. Try again.',
  'picker.noMatches': 'No matches.',
  'picker.options': 'Suggestions',
  'picker.count': '{count} suggestions; use the arrow keys to choose.',
  'picker.searchEntity': 'Search {entity} by name',
  'picker.searchPeople': 'Search people by name',
  'picker.searchGroup': 'Search the people who may do this',
  'picker.notFound': 'No {entity} you may read has this id.',
  'picker.open': 'Open {name} (new tab)',
  'picker.attachments.noRecord': 'This task has no record to attach files to.',
  'picker.attachments.none': 'No attachments yet.',
  'picker.attachments.saveFirst': 'Save the record first, then upload its files here.',
  'picker.attachments.upload': 'Upload a file and choose it',
  'picker.attachments.added': '“{name}” was uploaded and chosen.',
  'picker.attachments.download': 'Download {name}',
  'picker.attachments.downloadShort': 'Download',
};

export const zhCN: AreaMessages<typeof en> = {
  'picker.placeholder': '输入以搜索',
  'picker.searching': '正在搜索…',
  'picker.failed': '搜索失败，请重试。',
  'picker.noMatches': '没有匹配项。',
  'picker.options': '候选项',
  'picker.count': '共 {count} 个候选项，用方向键选择。',
  'picker.searchEntity': '按名称搜索{entity}',
  'picker.searchPeople': '按姓名搜索人员',
  'picker.searchGroup': '搜索可以处理此事的人员',
  'picker.notFound': '没有此编号的、您可查看的{entity}。',
  'picker.open': '打开 {name}（新标签页）',
  'picker.attachments.noRecord': '此任务没有可附加文件的记录。',
  'picker.attachments.none': '暂无附件。',
  'picker.attachments.saveFirst': '请先保存记录，再在此上传文件。',
  'picker.attachments.upload': '上传文件并选中',
  'picker.attachments.added': '已上传并选中“{name}”。',
  'picker.attachments.download': '下载 {name}',
  'picker.attachments.downloadShort': '下载',
};
