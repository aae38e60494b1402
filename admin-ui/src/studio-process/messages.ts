/**
 * Messages of the process modeler's pages, in both languages. Not in the entry catalogue (i18n/):
 * the entry chunk has no room (admin-ui/budget.json), so they come with the area's lazy chunks and
 * `useStudioProcessT()` picks the user's language. Only the navigation label is in the catalogue.
 */
import { useCallback } from 'react';
import type { AreaMessages } from '../i18n/areas/types.js';
import { useI18n } from '../i18n/index.js';

export const en = {
  'studioProcess.title': 'Processes',
  'studioProcess.intro': 'Deployed processes and their versions. Running instances stay on the version they started on; new instances take the latest.',
  'studioProcess.empty': 'No process is deployed.',
  'studioProcess.key': 'Key',
  'studioProcess.versions': 'Versions',
  'studioProcess.version': 'Version {version}',
  'studioProcess.latest': 'latest',
  'studioProcess.running': 'Running',
  'studioProcess.runningCount': '{count} running',
  'studioProcess.open': 'Open',
  'studioProcess.openVersion': 'Open version {version} of {name}',
  'studioProcess.back': 'All processes',
  'studioProcess.readOnly': 'Version {version} (not the latest): read only.',
  'studioProcess.editFrom': 'Edit from this version',
  'studioProcess.openLatest': 'Open the latest version ({version})',
  'studioProcess.modeler': 'Process modeler',
  'studioProcess.canvas': 'Diagram (modeler)',
  'studioProcess.properties': 'Properties',
  'studioProcess.check': 'Check',
  'studioProcess.deploy': 'Deploy…',
  'studioProcess.fit': 'Fit to view',
  'studioProcess.loading': 'Loading the modeler…',
  'studioProcess.importFailed': 'The diagram cannot be opened: {message}',
  'studioProcess.problems': 'Problems ({count})',
  'studioProcess.noProblems': 'No problems found.',
  'studioProcess.source.lint': 'Modelling rule',
  'studioProcess.source.server': 'Engine check',
  'studioProcess.problemAt': 'line {line}',
  'studioProcess.problemAtColumn': 'line {line}, column {column}',
  'studioProcess.openFile': 'Open file…',
  'studioProcess.fileOpened': '{file} is open. The engine accepts it.',
  'studioProcess.fileRefused': '{file} is open, but the engine refuses it: {count} problem(s), marked in the diagram. Nothing was deployed.',
  'studioProcess.fileUnreadable': '{file} cannot be opened as a BPMN diagram: {count} problem(s). The diagram is as it was; nothing was deployed.',
  'studioProcess.selectElement': 'Select {element}',
  'studioProcess.checking': 'Checking…',
  'studioProcess.checkPassed': 'The engine accepts this model.',
  'studioProcess.checkFailed': 'The engine refuses this model: {count} problem(s). Nothing was deployed.',
  'studioProcess.confirmTitle': 'Deploy a new version?',
  'studioProcess.confirmText': 'Deploy version {version} of {name}. Running instances stay on their version; new instances take version {version}.',
  'studioProcess.confirmDeploy': 'Deploy version {version}',
  'studioProcess.cancel': 'Cancel',
  'studioProcess.deploying': 'Deploying…',
  'studioProcess.deployed': 'Version {version} of {name} is deployed.',
  'studioProcess.lintErrors': 'Fix the modelling problems marked in the diagram first ({count}).',
  'studioProcess.form.group': 'Form (CRM)',
  'studioProcess.form.label': 'Task form',
  'studioProcess.form.none': '(no form)',
  'studioProcess.form.unknown': 'Not a registered form',
  'studioProcess.form.description': 'The form the task shows in the inbox (forms/). Sets camunda:formKey.',
  'studioProcess.new.open': 'New process',
  'studioProcess.new.title': 'New process',
  'studioProcess.new.key': 'Key',
  'studioProcess.new.keyHint': 'The process id: a letter, then letters, digits, - or _ (e.g. purchase-request). It cannot be changed once deployed.',
  'studioProcess.new.name': 'Name',
  'studioProcess.new.nameHint': 'As the process list and the inbox show it.',
  'studioProcess.new.create': 'Create and open in the modeler',
  'studioProcess.new.keyInvalid': 'The key must start with a letter and have 2–64 letters, digits, - or _.',
  'studioProcess.new.keyTaken': 'A deployed process already has the key {key}.',
  'studioProcess.new.nameRequired': 'Give the process a name (up to 200 characters).',
};

export const zhCN: AreaMessages<typeof en> = {
  'studioProcess.title': '流程',
  'studioProcess.intro': '已部署的流程及其版本。运行中的实例保持在启动时的版本上；新实例使用最新版本。',
  'studioProcess.empty': '尚未部署任何流程。',
  'studioProcess.key': '键',
  'studioProcess.versions': '版本',
  'studioProcess.version': '版本 {version}',
  'studioProcess.latest': '最新',
  'studioProcess.running': '运行中',
  'studioProcess.runningCount': '{count} 个运行中',
  'studioProcess.open': '打开',
  'studioProcess.openVersion': '打开 {name} 的版本 {version}',
  'studioProcess.back': '全部流程',
  'studioProcess.readOnly': '版本 {version}（非最新版本）：只读。',
  'studioProcess.editFrom': '以此版本为基础编辑',
  'studioProcess.openLatest': '打开最新版本（{version}）',
  'studioProcess.modeler': '流程建模器',
  'studioProcess.canvas': '流程图（建模器）',
  'studioProcess.properties': '属性',
  'studioProcess.check': '检查',
  'studioProcess.deploy': '部署…',
  'studioProcess.fit': '适应视图',
  'studioProcess.loading': '正在加载建模器…',
  'studioProcess.importFailed': '无法打开该流程图：{message}',
  'studioProcess.problems': '问题（{count}）',
  'studioProcess.noProblems': '未发现问题。',
  'studioProcess.source.lint': '建模规则',
  'studioProcess.source.server': '引擎检查',
  'studioProcess.problemAt': '第 {line} 行',
  'studioProcess.problemAtColumn': '第 {line} 行，第 {column} 列',
  'studioProcess.openFile': '打开文件…',
  'studioProcess.fileOpened': '已打开 {file}。引擎接受此模型。',
  'studioProcess.fileRefused': '已打开 {file}，但引擎拒绝它：{count} 个问题，已在流程图中标出。未部署任何内容。',
  'studioProcess.fileUnreadable': '{file} 无法作为 BPMN 流程图打开：{count} 个问题。流程图保持原样；未部署任何内容。',
  'studioProcess.selectElement': '选中 {element}',
  'studioProcess.checking': '正在检查…',
  'studioProcess.checkPassed': '引擎接受此模型。',
  'studioProcess.checkFailed': '引擎拒绝此模型：{count} 个问题。未部署任何内容。',
  'studioProcess.confirmTitle': '部署新版本？',
  'studioProcess.confirmText': '部署 {name} 的版本 {version}。运行中的实例保持原版本；新实例使用版本 {version}。',
  'studioProcess.confirmDeploy': '部署版本 {version}',
  'studioProcess.cancel': '取消',
  'studioProcess.deploying': '正在部署…',
  'studioProcess.deployed': '{name} 的版本 {version} 已部署。',
  'studioProcess.lintErrors': '请先修正流程图中标出的建模问题（{count} 个）。',
  'studioProcess.form.group': '表单（CRM）',
  'studioProcess.form.label': '任务表单',
  'studioProcess.form.none': '（无表单）',
  'studioProcess.form.unknown': '未注册的表单',
  'studioProcess.form.description': '任务在收件箱中显示的表单（forms/），设置 camunda:formKey。',
  'studioProcess.new.open': '新建流程',
  'studioProcess.new.title': '新建流程',
  'studioProcess.new.key': '键',
  'studioProcess.new.keyHint': '流程 ID：以字母开头，后接字母、数字、- 或 _（例如 purchase-request）。部署后不可更改。',
  'studioProcess.new.name': '名称',
  'studioProcess.new.nameHint': '在流程列表和收件箱中显示的名称。',
  'studioProcess.new.create': '创建并在建模器中打开',
  'studioProcess.new.keyInvalid': '键必须以字母开头，由 2–64 个字母、数字、- 或 _ 组成。',
  'studioProcess.new.keyTaken': '已有已部署的流程使用键 {key}。',
  'studioProcess.new.nameRequired': '请为流程命名（最多 200 个字符）。',
};

export type StudioProcessKey = keyof typeof en;
type Vars = Record<string, string | number>;

/** `key` in `locale` with `{name}` placeholders filled. */
export function spText(locale: string, key: StudioProcessKey, vars?: Vars): string {
  const text = (locale === 'zh-CN' ? zhCN : en)[key];
  return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;
}

/** The modeler pages' `t`: these messages in the user's language. */
export function useStudioProcessT(): (key: StudioProcessKey, vars?: Vars) => string {
  const { locale } = useI18n();
  return useCallback((key: StudioProcessKey, vars?: Vars) => spText(locale, key, vars), [locale]);
}
