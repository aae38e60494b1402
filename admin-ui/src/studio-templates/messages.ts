/**
 * The studio templates pages' messages, in their lazy chunk rather than the shared catalogue (the
 * entry bundle's budget, admin-ui/budget.json, has no room for a studio's text): `useText()` gives
 * `t` over these keys in the user's language, with `{name}` placeholders as the catalogue's.
 */
import { useMemo } from 'react';
import type { AreaMessages } from '../i18n/areas/types.js';
import { useI18n, type I18n } from '../i18n/index.js';

export const en = {
  'title': 'Document templates',
  'intro': 'Printed forms of records, rendered to PDF. Each save publishes a new metadata version; earlier versions stay available.',
  'empty': 'No document templates are published.',
  'col.name': 'Template',
  'col.key': 'Key',
  'col.entity': 'Entity',
  'back': 'All document templates',
  'editorLabel': 'Template (JSON)',
  'editorHelp': 'Blocks: heading, paragraph, fields, lines, signatures, spacer. Placeholders such as {{name}} or {{account.name}} print the record’s fields.',
  'fields': 'Fields of {entity}',
  'fieldsHelp': 'Inserts the placeholder at the cursor.',
  'insert': 'Insert {placeholder}',
  'invalidJson': 'The template is not valid JSON: {message}',
  'problems': 'The template has problems',
  'save': 'Save as new version',
  'saving': 'Saving…',
  'saved': 'Saved as metadata version {version}.',
  'unchanged': 'Nothing changed: no new version.',
  'preview': 'Preview',
  'previewRefresh': 'Refresh preview',
  'previewRecord': 'Record to preview with',
  'previewRecordNone': 'Choose a record',
  'previewLoading': 'Rendering the preview…',
  'previewEmpty': 'Choose a record to see the preview.',
  'previewPage': 'Preview, page {page} of {pages}',
  'previewUnavailable': 'The preview cannot be shown: {message}',
  'versions': 'Versions',
  'version': 'Version',
  'publishedAt': 'Published',
  'publishedBy': 'By',
  'load': 'Load into editor',
  'loadLabel': 'Load version {version} into the editor',
  'loaded': 'Version {version} is in the editor; save to make it current.',
  'new': 'New template',
  'newKey': 'Key',
  'newKeyHelp': 'Lower-case letters, digits and dashes, e.g. service-report; a key in use is refused.',
  'newEntityNone': 'Choose an entity',
  'create': 'Create and edit',
  'columns': 'Columns of table {n} ({entity})',
  'columnsHelp': 'Adds the field as a column of this table.',
  'addColumn': 'Add column {path} to table {n}',
  'invalidJsonAt': 'The template is not valid JSON at line {line}, column {column}: {message}',
  'goToLine': 'Line {line}',
  'goToLineLabel': 'Go to line {line} in the editor',
  'delete': 'Delete template',
  'deleteConfirm': 'Delete the template “{name}”? Records no longer print it. Its versions stay: saving one of them under this key brings it back.',
  'deleteYes': 'Yes, delete',
  'cancel': 'Cancel',
};

export const zhCN: AreaMessages<typeof en> = {
  'title': '文档模板',
  'intro': '记录的打印单据，输出为 PDF。每次保存都会发布新的元数据版本，历史版本仍可查看。',
  'empty': '尚未发布文档模板。',
  'col.name': '模板',
  'col.key': '标识',
  'col.entity': '实体',
  'back': '全部文档模板',
  'editorLabel': '模板（JSON）',
  'editorHelp': '区块：heading、paragraph、fields、lines、signatures、spacer。占位符如 {{name}} 或 {{account.name}} 会打印记录的字段。',
  'fields': '{entity}的字段',
  'fieldsHelp': '在光标处插入占位符。',
  'insert': '插入 {placeholder}',
  'invalidJson': '模板不是有效的 JSON：{message}',
  'problems': '模板存在问题',
  'save': '保存为新版本',
  'saving': '正在保存…',
  'saved': '已保存为元数据版本 {version}。',
  'unchanged': '没有变化，未生成新版本。',
  'preview': '预览',
  'previewRefresh': '刷新预览',
  'previewRecord': '用于预览的记录',
  'previewRecordNone': '请选择记录',
  'previewLoading': '正在生成预览…',
  'previewEmpty': '选择一条记录即可查看预览。',
  'previewPage': '预览，第 {page} 页，共 {pages} 页',
  'previewUnavailable': '无法显示预览：{message}',
  'versions': '版本',
  'version': '版本',
  'publishedAt': '发布时间',
  'publishedBy': '发布人',
  'load': '载入编辑器',
  'loadLabel': '将版本 {version} 载入编辑器',
  'loaded': '版本 {version} 已载入编辑器，保存后即成为当前版本。',
  'new': '新建模板',
  'newKey': '标识',
  'newKeyHelp': '小写字母、数字和连字符，例如 service-report；已使用的标识不可再用。',
  'newEntityNone': '请选择实体',
  'create': '创建并编辑',
  'columns': '表格 {n}（{entity}）的列',
  'columnsHelp': '将字段添加为此表格的一列。',
  'addColumn': '将 {path} 添加为表格 {n} 的列',
  'invalidJsonAt': '模板在第 {line} 行第 {column} 列不是有效的 JSON：{message}',
  'goToLine': '第 {line} 行',
  'goToLineLabel': '在编辑器中转到第 {line} 行',
  'delete': '删除模板',
  'deleteConfirm': '删除模板“{name}”？记录将不再能打印它。历史版本仍保留：以此标识保存其中一个版本即可恢复。',
  'deleteYes': '确认删除',
  'cancel': '取消',
};

export type TextKey = keyof typeof en;
type Vars = Record<string, string | number>;

export function text(locale: string, key: TextKey, vars?: Vars): string {
  const message = (locale === 'zh-CN' ? zhCN : en)[key];
  return vars ? message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : message;
}

/** The I18n of the shell with `t` over this area's keys. */
export function useText(): Omit<I18n, 't'> & { t(key: TextKey, vars?: Vars): string } {
  const i18n = useI18n();
  return useMemo(() => ({ ...i18n, t: (key: TextKey, vars?: Vars) => text(i18n.locale, key, vars) }), [i18n]);
}
