/**
 * Issue texts of the process modeler's own checks of a model and of its input
 * (runtime/studio-process/model.ts, routes.ts). The engine's parse and deploy errors stay the
 * engine's text.
 */
import type { IssueTemplate } from './format.js';

export const PROCESS_TEXTS = {
  'process-not-executable': { en: 'the model has no executable process (isExecutable="true")', 'zh-CN': '模型中没有可执行的流程（isExecutable="true"）' },
  'process-form-unknown': { en: "formKey '{formKey}' names no registered form (forms/<id>.json)", 'zh-CN': '表单键“{formKey}”没有对应的已注册表单（forms/<id>.json）' },
  'process-no-history-ttl': {
    en: 'process \'{process}\' has no history time to live (camunda:historyTimeToLive, days; "History cleanup" in the properties panel): Operaton refuses it',
    'zh-CN': '流程“{process}”没有设置历史保留时间（camunda:historyTimeToLive，单位为天；属性面板中的“历史清理”）：Operaton 会拒绝部署',
  },
  'process-id-taken': {
    en: "process id '{key}' is taken: the deployed process '{other}' has this key — choose another key",
    'zh-CN': '流程 ID“{key}”已被占用：已部署的流程“{other}”使用了这个键——请换一个键',
  },
  'process-id-of-other': {
    en: "process id '{key}' is the key of another deployed process ('{other}'): deploying would make this model its next version — give the process an id of its own",
    'zh-CN': '流程 ID“{key}”是另一个已部署流程（“{other}”）的键：部署后此模型会成为该流程的新版本——请为流程设置自己的 ID',
  },
  // The modeler's input: the target of a check or deploy, a new process's key and name, the XML.
  'process-key-taken': { en: "is taken by the deployed process '{other}'", 'zh-CN': '已被已部署的流程“{other}”占用' },
  'process-key-format': {
    en: 'must be 2–64 characters: a letter, then letters, digits, - or _ ({pattern})',
    'zh-CN': '必须为 2–64 个字符：以字母开头，其后为字母、数字、- 或 _（{pattern}）',
  },
  'process-key-pattern': { en: 'must match {pattern}', 'zh-CN': '必须符合 {pattern}' },
  'process-key-required': { en: 'is required for a new process', 'zh-CN': '新建流程时必填' },
  'process-key-not-target': { en: 'must be the key of the process the model is a version of', 'zh-CN': '必须是此模型所属流程的键' },
  'process-name-format': { en: 'must be a name of 1–200 characters', 'zh-CN': '必须是 1–200 个字符的名称' },
  'process-new-not-boolean': { en: 'must be a boolean', 'zh-CN': '必须是布尔值' },
  'process-xml-empty': { en: 'must be a non-empty string', 'zh-CN': '必须是非空字符串' },
  'process-xml-too-long': { en: 'too long', 'zh-CN': '过长' },
} as const satisfies Record<string, IssueTemplate>;
