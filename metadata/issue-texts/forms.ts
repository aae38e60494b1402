/** Issue texts of forms (metadata/checks/forms.ts, forms/load.ts): task forms and record forms. */
import type { IssueTemplate } from './format.js';

/** A record form's purpose as an issue says it ("an edit form"; 编辑表单, as the form designer names it). */
const PURPOSES = { create: { en: 'a create', zh: '新建' }, edit: { en: 'an edit', zh: '编辑' } } as const;

/** A second record form for a role, or a second default one, of an entity and one purpose. */
const taken = (purpose: keyof typeof PURPOSES) =>
  ({
    role: {
      en: `role "{role}" already has a {entity} ${purpose} form: {other}`,
      'zh-CN': `角色“{role}”已有实体“{entity}”的${PURPOSES[purpose].zh}表单：{other}`,
    },
    default: {
      en: `{entity} already has ${PURPOSES[purpose].en} form for everyone (without roles): {other} — give one of them roles`,
      'zh-CN': `实体“{entity}”已有面向所有人（未指定角色）的${PURPOSES[purpose].zh}表单：{other}——请为其中一个表单指定角色`,
    },
  }) satisfies Record<string, IssueTemplate>;

export const FORM_TEXTS = {
  'form-id-not-file-name': { en: 'must equal the file name without .json ({name})', 'zh-CN': '必须与文件名（不含 .json）一致（{name}）' },
  // A form's fields: the names its record mapping, required list, uiSchema, order and layout use.
  'form-record-field-unknown': { en: "names no top-level field of the form's schema: {field}", 'zh-CN': '表单的数据结构中没有顶层字段“{field}”' },
  'form-ui-no-field': { en: "names no field of the form's schema: {field}", 'zh-CN': '表单的数据结构中没有字段“{field}”' },
  'form-no-field': { en: 'names no field of the form: {field}', 'zh-CN': '表单中没有字段“{field}”' },
  'form-field-list': { en: 'must be a list of field names', 'zh-CN': '必须是字段名的列表' },
  // A field's ui options.
  'form-ui-not-object': { en: "must be an object (the field's ui options)", 'zh-CN': '必须是对象（该字段的界面选项）' },
  'form-unknown-widget': { en: 'unknown widget {widget}: one of {widgets}', 'zh-CN': '未知控件 {widget}：可选控件为 {widgets}' },
  'form-help-not-text': {
    en: 'must be a text (for a help text in both languages use x-crm-help in the schema)',
    'zh-CN': '必须是文本（如需中英文两种帮助文字，请在数据结构中使用 x-crm-help）',
  },
  // Display conditions (ui:crm-showIf).
  'form-show-if-shape': {
    en: 'must be {field, values?}: shown when that field has a value (one of values, when given)',
    'zh-CN': '必须是 {field, values?}：当该字段有值时显示（给出 values 时，须为其中之一）',
  },
  'form-show-if-self': { en: 'a field cannot depend on itself', 'zh-CN': '字段的显示条件不能依赖它自己' },
  'form-show-if-values': { en: 'must be a non-empty list of values', 'zh-CN': '必须是非空的取值列表' },
  'form-show-if-conditional': {
    en: '{field} is itself conditional: depend on a field that is always shown',
    'zh-CN': '“{field}”本身也有显示条件：请依赖一个始终显示的字段',
  },
  'form-required-hidden': {
    en: '{field} is required, so it cannot be hidden: remove it from required (or require it in the schema with if/then on the same condition)',
    'zh-CN': '“{field}”是必填字段，不能被隐藏：请把它从 required 中移除（或在数据结构中用相同条件的 if/then 设为必填）',
  },
  // Layout (ui:crm-layout): sections or tabs of groups.
  'form-layout-shape': {
    en: 'must be {kind: sections|tabs, groups: [{title, columns?, fields}]}',
    'zh-CN': '必须是 {kind: sections|tabs, groups: [{title, columns?, fields}]}（分区或标签页，每个分组有标题、可选列数和字段）',
  },
  'form-layout-no-groups': { en: 'must be a non-empty list of groups', 'zh-CN': '必须是非空的分组列表' },
  'form-layout-group-shape': { en: 'must be {title, columns?, fields}', 'zh-CN': '必须是 {title, columns?, fields}（标题、可选列数和字段）' },
  'form-layout-label': { en: 'must be a label in zh-CN and en', 'zh-CN': '必须是同时有中文（zh-CN）和英文（en）的标签' },
  'form-layout-columns': { en: 'must be 1, 2 or 3', 'zh-CN': '必须是 1、2 或 3' },
  'form-layout-field-placed': { en: '{field} is already in group {group}', 'zh-CN': '“{field}”已放在第 {group} 个分组中' },
  // Record mapping and record forms, against their entity.
  'form-entity-no-field': { en: '{entity} has no field {field}', 'zh-CN': '实体“{entity}”没有字段“{field}”' },
  'form-record-field-computed': { en: '{entity}.{field} is computed and cannot be written', 'zh-CN': '“{entity}.{field}”是计算字段，不能写入' },
  'form-field-read-only': {
    en: '{entity}.{field} is read-only: a form holds the fields a person edits',
    'zh-CN': '“{entity}.{field}”是只读字段：表单只放用户可以编辑的字段',
  },
  'form-widget-unsuited': {
    en: '{widget} does not suit {field} (a {kind} field): it suits {suits} fields',
    'zh-CN': '控件 {widget} 不适用于字段“{field}”（{kind}类型）：它适用于 {suits} 类型的字段',
  },
  'form-create-missing-required': {
    en: '{entity}.{field} is required, so the create form must place it',
    'zh-CN': '“{entity}.{field}”是必填字段，新建表单必须包含它',
  },
  'form-create-hides-required': {
    en: '{entity}.{field} is required, so the create form cannot hide it',
    'zh-CN': '“{entity}.{field}”是必填字段，新建表单不能隐藏它（不能给它设置显示条件）',
  },
  'form-role-taken-create': taken('create').role,
  'form-role-taken-edit': taken('edit').role,
  'form-default-taken-create': taken('create').default,
  'form-default-taken-edit': taken('edit').default,
} as const satisfies Record<string, IssueTemplate>;
