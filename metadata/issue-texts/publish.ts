/**
 * Texts of the publish plan (runtime/publish/plan.ts, plan-entity.ts): what each action will do
 * (its `summary`), and why a change is refused (a refusal's `message`; the reasons a type change
 * could lose data are texts of their own, put inside the refusal's).
 */
import type { IssueTemplate } from './format.js';

export const PUBLISH_TEXTS = {
  // Actions.
  'publish-create-schema': { en: 'create schema crm', 'zh-CN': '创建数据库模式 crm' },
  'publish-create-table': { en: 'create table crm.{table} ({columns})', 'zh-CN': '创建数据表 crm.{table}（{columns}）' },
  'publish-add-foreign-key': { en: 'add foreign key {column} → crm.{target} on delete {onDelete}', 'zh-CN': '新增外键 {column} → crm.{target}（被关联记录删除时：{onDelete}）' },
  'publish-replace-foreign-key': { en: 'replace foreign key {column} → crm.{target} on delete {onDelete}', 'zh-CN': '替换外键 {column} → crm.{target}（被关联记录删除时：{onDelete}）' },
  'on-delete-restrict': { en: 'restrict', 'zh-CN': '禁止删除' },
  'on-delete-set-null': { en: 'set null', 'zh-CN': '置空' },
  'publish-create-index': { en: 'create index crm.{name} on crm.{table} ({columns})', 'zh-CN': '创建索引 crm.{name}（crm.{table} 的 {columns}）' },
  'publish-create-unique-index': {
    en: 'create unique index crm.{name} on crm.{table} ({columns}) ignoring deleted records',
    'zh-CN': '创建唯一索引 crm.{name}（crm.{table} 的 {columns}，不计已删除的记录）',
  },
  'publish-create-duplicate-index': {
    en: 'create index crm.{name} on crm.{table} (normalised {columns}) for duplicate checks',
    'zh-CN': '创建查重用的索引 crm.{name}（crm.{table} 的 {columns}，规范化后）',
  },
  'publish-drop-index': { en: 'drop index crm.{name} (no longer declared; no data is lost)', 'zh-CN': '删除索引 crm.{name}（已不再声明；不会丢失数据）' },
  'publish-set-fulltext': { en: 'full-text search on crm.{table} over {columns} (vectors recomputed)', 'zh-CN': '为 crm.{table} 启用全文搜索，范围：{columns}（重新计算搜索向量）' },
  'publish-unset-fulltext': { en: 'full-text search off for crm.{table} (column and index kept, vectors emptied)', 'zh-CN': '关闭 crm.{table} 的全文搜索（保留列和索引，清空搜索向量）' },
  'publish-add-column': { en: 'add column {column} {type}', 'zh-CN': '新增列 {column} {type}' },
  'publish-add-computed-column': {
    en: 'add computed column {column} {type} = {expression} (computed for every existing record)',
    'zh-CN': '新增计算列 {column} {type} = {expression}（为所有现有记录计算）',
  },
  'publish-widen-column': { en: 'widen {column} from {from} to {to}', 'zh-CN': '将 {column} 从 {from} 扩展为 {to}' },
  'publish-cast-column': {
    en: 'convert {column} from {from} to {to} (cast: every value converted, the publish fails if one cannot be)',
    'zh-CN': '将 {column} 从 {from} 转换为 {to}（cast：逐个转换每个值，有任何值无法转换则发布失败）',
  },
  'publish-clear-column': {
    en: 'clear {column} and change it from {from} to {to} (clear: existing values are deleted)',
    'zh-CN': '清空 {column} 并将其从 {from} 改为 {to}（clear：现有的值会被删除）',
  },
  'publish-recompute': { en: 'recompute {column} = {expression} for every existing record', 'zh-CN': '为所有现有记录重新计算 {column} = {expression}' },
  'publish-not-computed': { en: '{column} is no longer computed (its values are kept)', 'zh-CN': '{column} 不再是计算字段（保留现有的值）' },
  'publish-hide-field': { en: 'hide field {entity}.{field} (column {column} and its data kept)', 'zh-CN': '隐藏字段 {entity}.{field}（保留列 {column} 及其数据）' },
  'publish-unhide-field': { en: 'show field {entity}.{field} again (column {column})', 'zh-CN': '重新显示字段 {entity}.{field}（列 {column}）' },
  'publish-hide-entity': { en: 'hide entity {entity} (table crm.{table} and its data kept)', 'zh-CN': '隐藏实体 {entity}（保留数据表 crm.{table} 及其数据）' },
  'publish-unhide-entity': { en: 'show entity {entity} again (table crm.{table})', 'zh-CN': '重新显示实体 {entity}（数据表 crm.{table}）' },
  // Refusals.
  'publish-table-taken': { en: 'table crm.{table} already belongs to entity {entity}', 'zh-CN': '数据表 crm.{table} 已属于实体 {entity}' },
  'publish-table-taken-hidden': { en: 'table crm.{table} already belongs to entity {entity} (hidden)', 'zh-CN': '数据表 crm.{table} 已属于实体 {entity}（已隐藏）' },
  'publish-table-rename': { en: 'renaming table crm.{from} to crm.{to} is not supported', 'zh-CN': '不支持将数据表 crm.{from} 重命名为 crm.{to}' },
  'publish-migration-unused': { en: 'migration for {entity}.{field} does not match a type change in this publish', 'zh-CN': '{entity}.{field} 的迁移与本次发布中的任何类型变更都不对应' },
  'publish-unsafe-table-name': { en: 'table name {name} is not a safe SQL name', 'zh-CN': '数据表名 {name} 不是安全的 SQL 名称' },
  'publish-unsafe-column-name': { en: 'column name {name} is not a safe SQL name', 'zh-CN': '列名 {name} 不是安全的 SQL 名称' },
  'publish-system-column': { en: 'column {column} is a system column', 'zh-CN': '列 {column} 是系统列' },
  'publish-column-twice': { en: 'column {column} is used by two fields', 'zh-CN': '列 {column} 被两个字段使用' },
  'publish-unsupported-type': { en: 'unsupported SQL type {type}', 'zh-CN': '不支持的 SQL 类型 {type}' },
  'publish-lookup-unpublished': { en: 'lookup target {entity} is not a published entity', 'zh-CN': '关联目标 {entity} 不是已发布的实体' },
  'publish-lookup-not-uuid': { en: 'a lookup column must be uuid, not {type}', 'zh-CN': '关联字段的列必须是 uuid 类型，而不是 {type}' },
  'publish-unsafe-index-name': { en: 'index name {name} is not a safe SQL name', 'zh-CN': '索引名 {name} 不是安全的 SQL 名称' },
  'publish-index-twice': { en: 'index name {name} is used twice', 'zh-CN': '索引名 {name} 被使用了两次' },
  'publish-index-unknown-columns': { en: 'index {name} names unknown columns: {columns}', 'zh-CN': '索引 {name} 引用了未知的列：{columns}' },
  'publish-index-no-columns': { en: 'index {name} names unknown columns: (none)', 'zh-CN': '索引 {name} 没有列' },
  'publish-fulltext-unknown': { en: 'full-text search names unknown columns or weights: {columns}', 'zh-CN': '全文搜索引用了未知的列或权重：{columns}' },
  'publish-computed-from-written': {
    en: '{entity}.{field}: a field holding written values cannot become computed (they would be replaced); add a new computed field instead',
    'zh-CN': '{entity}.{field}：已有录入值的字段不能改为计算字段（这些值会被替换）；请改为新增一个计算字段',
  },
  'publish-computed-input-type': {
    en: '{entity}.{field}: its type cannot change while computed field(s) {readers} read it',
    'zh-CN': '{entity}.{field}：计算字段 {readers} 读取了它，因此不能更改它的类型',
  },
  'publish-unique-duplicates': {
    en: 'cannot create unique index {name}: existing records have duplicate values{detail}',
    'zh-CN': '无法创建唯一索引 {name}：现有记录中有重复的值{detail}',
  },
  // A type change that could lose data: {problem} is one of the texts below, {reason} of the last one why.
  'publish-needs-migration': {
    en: '{entity}.{field}: {problem}; to go ahead, add a migration { entity: "{entity}", field: "{field}", using: "cast" | "clear" }',
    'zh-CN': '{entity}.{field}：{problem}；如需继续，请添加迁移 { entity: "{entity}", field: "{field}", using: "cast" | "clear" }（cast 逐个转换现有的值，clear 清空现有的值）',
  },
  'publish-type-not-understood': { en: 'the published type {type} is not understood', 'zh-CN': '无法识别已发布的类型 {type}' },
  'publish-to-lookup': { en: 'changing {kind} ({from}) to a lookup of {entity}', 'zh-CN': '把 {kind} 字段（{from}）改为关联 {entity} 的关联字段' },
  'publish-from-lookup': { en: 'changing a lookup of {entity} to {kind} ({to})', 'zh-CN': '把关联 {entity} 的关联字段改为 {kind} 字段（{to}）' },
  'publish-lookup-retarget': { en: 'changing the lookup target from {from} to {to}', 'zh-CN': '把关联目标从 {from} 改为 {to}' },
  'publish-type-loses-data': { en: 'changing {from} to {to} could lose data: {reason}', 'zh-CN': '把 {from} 改为 {to} 可能丢失数据：{reason}' },
  'type-values-cut': { en: 'longer values would be cut', 'zh-CN': '较长的值会被截断' },
  'type-values-too-large': { en: 'larger values would not fit', 'zh-CN': '较大的值会放不下' },
  'type-integers-rounded': { en: 'integers above 2^53 would be rounded', 'zh-CN': '大于 2^53 的整数会被舍入' },
  'type-unbounded-numbers': { en: 'unbounded numbers would not fit', 'zh-CN': '不限位数的数字会放不下' },
  'type-decimals-rounded': { en: 'decimals would be rounded', 'zh-CN': '小数会被舍入' },
  'type-floating-point': { en: 'exact decimals would become binary floating point', 'zh-CN': '精确小数会变成二进制浮点数' },
  'type-may-not-convert': { en: 'values may not convert', 'zh-CN': '有些值可能无法转换' },
} as const satisfies Record<string, IssueTemplate>;
