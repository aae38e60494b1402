/**
 * The metadata contract: what the JSON documents in `metadata/` look like once validated (the
 * *documents*), and the compiled model the runtime works from (the *model*). The runtime, the
 * publish planner, codegen and the OpenAPI generator all read the compiled model, never raw JSON.
 */
import type { IssueCode, IssueParams } from './issue-texts/index.js';

/** A label in both product languages. */
export interface Label {
  'zh-CN': string;
  en: string;
}

/** Field kinds the platform knows; each has one file in `metadata/field-types/`. */
export type FieldKind =
  | 'text' // string, optional maxLength → varchar(n) else text
  | 'email' // string, format email
  | 'phone' // string, normalised for duplicate checks
  | 'url'
  | 'integer' // bigint
  | 'number' // numeric (double precision semantics in JSON)
  | 'money' // numeric(18,2)
  | 'percent' // numeric(5,2), 0..100
  | 'boolean'
  | 'date' // string, format date
  | 'datetime' // string, format date-time → timestamptz
  | 'enum' // string with enum values (labels per value)
  | 'lookup' // uuid referencing another entity's id (foreign key)
  | 'json' // arbitrary JSON → jsonb
  | 'attachment'; // id(s) of the record's own attachments → uuid or uuid[]

/** A raw entity document as stored in `metadata/entities/*.json` (JSON Schema 2020-12 + x-crm-*). */
export interface EntityDocument {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type: 'object';
  'x-crm-entity': string;
  'x-crm-label': Label;
  'x-crm-plural-label'?: Label;
  'x-crm-owner'?: boolean;
  'x-crm-display-field'?: string;
  'x-crm-indexes'?: IndexRule[];
  'x-crm-unique'?: UniqueRule[];
  'x-crm-duplicate-rules'?: DuplicateRule[];
  'x-crm-fulltext'?: FulltextRule;
  'x-crm-layout'?: EntityLayout;
  required?: string[];
  properties: Record<string, FieldDocument>;
  additionalProperties?: boolean;
}

/** A property of an entity document: plain JSON Schema keywords plus x-crm-* annotations. */
export interface FieldDocument {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  default?: unknown;
  description?: string;
  'x-crm-label': Label;
  'x-crm-type'?: FieldKind;
  'x-crm-lookup'?: { entity: string; onDelete?: 'restrict' | 'set-null' };
  'x-crm-enum-labels'?: Record<string, Label>;
  /** A win probability (0–100) per enum value, e.g. per sales stage: what a forecast weighs amounts by. */
  'x-crm-enum-probabilities'?: Record<string, number>;
  'x-crm-state-machine'?: { initial?: string; transitions: Record<string, string[]> };
  'x-crm-readonly'?: boolean;
  /** A FEEL expression over other fields of the record (metadata/computed.ts): the value is computed, never written. */
  'x-crm-computed'?: string;
  [k: string]: unknown;
}

export interface IndexRule {
  name?: string;
  fields: string[];
}
export interface UniqueRule {
  name?: string;
  fields: string[];
}
/** Normalisers applied to both sides of a duplicate comparison. */
export type Normaliser = 'exact' | 'lower' | 'name' | 'phone' | 'email' | 'taxId';
export interface DuplicateRule {
  name: string;
  /** All listed fields must match (after normalisation) for two records to be duplicates. */
  fields: { field: string; normalise: Normaliser }[];
  label?: Label;
}

/** Full-text search weights, A (highest) to D (the default). */
export type FulltextWeight = 'A' | 'B' | 'C' | 'D';
/** Text fields searched together (Chinese and English; see runtime/records/text-search.ts). */
export interface FulltextRule {
  fields: { field: string; weight?: FulltextWeight }[];
}

/** Sections of a record page: labelled groups of fields, in order (fields not listed follow). */
export interface EntityLayout {
  sections: { key: string; label: Label; fields: string[] }[];
}

/** A view document (`metadata/views/*.json`). */
export interface ViewDocument {
  'x-crm-view': string;
  entity: string;
  label: Label;
  columns: string[]; // field names or lookup paths such as "account.name"
  filter?: unknown; // filter-language JSON (see runtime records filter)
  sort?: SortSpec[];
  kanban?: { groupBy: string; dragAllowed?: boolean };
  /** The list is grouped by this field (a header with the group's count before its records). */
  groupBy?: string;
  default?: boolean;
  /** Role keys whose users open this view first, before the `default` one. */
  defaultFor?: string[];
}

export interface SortSpec {
  field: string;
  direction: 'asc' | 'desc';
}

/** A trigger document (`metadata/triggers/*.json`): record events → process start / message. */
/** A trigger variable: a record field or lookup path whose value it takes, or a constant (a setting). */
export type TriggerVariable = string | { value: string | number | boolean; description?: string };

export interface TriggerDocument {
  'x-crm-trigger': string;
  entity: string;
  on: ('create' | 'update' | 'delete')[];
  condition?: unknown; // filter-language JSON evaluated on the record after the change
  action:
    | { type: 'start-process'; processKey: string; variables?: Record<string, TriggerVariable> }
    | { type: 'correlate-message'; messageName: string; variables?: Record<string, TriggerVariable> };
  enabled?: boolean;
  /** every-time (default), or only when the record comes to meet the condition (runtime/triggers). */
  fires?: 'every-time' | 'on-becoming-true';
}

/** Entity-level actions a role can be given (docs/security.md). */
export const ENTITY_ACTIONS = ['create', 'read', 'update', 'delete', 'export', 'share', 'transfer'] as const;
export type EntityAction = (typeof ENTITY_ACTIONS)[number];
/** What a role may do with one field: `edit` (default), `read` (shown, not writable), `hidden` (absent). */
export type FieldAccess = 'edit' | 'read' | 'hidden';

export interface EntityPermission {
  actions: EntityAction[];
  fields?: Record<string, FieldAccess>;
}

/** A role document (`metadata/roles/*.json`): a place in the role hierarchy and its permissions. */
export interface RoleDocument {
  'x-crm-role': string;
  label: Label;
  /** The role in prose, for administrators. */
  description?: string;
  /** The role directly above; absent for a top role. */
  parent?: string;
  /** The effective role of users without one (at most one role). */
  default?: boolean;
  /** Its users may use the studio (metadata, forms, views, processes, document templates); admins always may. */
  studio?: boolean;
  /** Entity name (or `*` for every entity without its own entry) → permission. */
  permissions: Record<string, EntityPermission>;
}

/** Who a rule shares with or whose records it shares (docs/security.md, "Groups"). */
export type GroupRef =
  | { department: string; withSubdepartments?: boolean }
  | { role: string }
  | { roleAndSubordinates: string }
  | { team: string }
  | { territory: string }
  | { group: string };

export type SharingAccess = 'read' | 'edit';
export type OrgWideDefault = 'private' | 'publicRead' | 'publicReadWrite';

export type SharingRule =
  | { name: string; label?: Label; type: 'owner'; owners: GroupRef; to: GroupRef; access: SharingAccess }
  | { name: string; label?: Label; type: 'criteria'; condition: unknown; to: GroupRef; access: SharingAccess }
  | {
      name: string;
      label?: Label;
      type: 'territory';
      /** The entity's fields holding a record's region and industry (at least one). */
      fields: { region?: string; industry?: string };
      to: 'managers' | 'members';
      access: SharingAccess;
    };

/** A sharing document (`metadata/sharing/*.json`): one entity's org-wide default and sharing rules. */
export interface SharingDocument {
  'x-crm-sharing': string;
  default: OrgWideDefault;
  /** Users above the owner in the role hierarchy get the owner's access (default true). */
  hierarchy?: boolean;
  rules?: SharingRule[];
}

/**
 * A message template (`metadata/templates/*.json`): subject and body in both product languages,
 * mustache placeholders (`{{name}}`, `{{#items}}…{{/items}}`) over the data a notification is given.
 * Rendered as plain text (no HTML escaping).
 */
export interface TemplateDocument {
  'x-crm-template': string;
  description?: string;
  subject: Label;
  body: Label;
}

/**
 * A document template (`metadata/documentTemplates/*.json`): a printed form of one entity's record —
 * blocks laid out top to bottom on pages of `page`, text with mustache placeholders naming the
 * record's fields (`{{name}}`, `{{account.name}}`), rendered to PDF by runtime/documents
 * (docs/documents.md).
 */
export interface DocumentTemplateDocument {
  'x-crm-document-template': string;
  entity: string;
  label: Label;
  description?: string;
  page?: { size?: 'A4' | 'A5' | 'LETTER'; orientation?: 'portrait' | 'landscape'; marginMm?: number };
  body: DocumentBlock[];
}

/** A field of a block: a field or lookup path of the record (or line), with an optional label (default: the field's). */
export interface DocumentField {
  field: string;
  label?: string;
}

export type DocumentBlock =
  | { type: 'heading'; text: string; level?: 1 | 2 }
  | { type: 'paragraph'; text: string; align?: 'left' | 'center' | 'right' }
  | { type: 'fields'; columns?: 1 | 2; fields: DocumentField[] }
  | {
      type: 'lines';
      /** The line entity and its lookup to the printed record (quoteLine via quote). */
      entity: string;
      via: string;
      columns: (DocumentField & { width?: number; align?: 'left' | 'center' | 'right' })[];
      /** Fields of the columns to sum under the table. */
      totals?: string[];
      sort?: { field: string; direction?: 'asc' | 'desc' };
      /** Shown when there are no lines (or the reader may not read them). */
      empty?: string;
    }
  | { type: 'signatures'; labels: string[] }
  | { type: 'spacer'; heightMm?: number };

/** A task form's JSON Schema: an object whose top-level properties are the form's fields. */
export interface FormSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown> & { 'x-crm-label': Label }>;
  required?: string[];
  [keyword: string]: unknown;
}

/** The pages of an entity a record form lays out. */
export type RecordFormPurpose = 'create' | 'edit';

/**
 * A form (`forms/<id>.json`, meta-schema meta-schemas/form.schema.json). A task form: JSON Schema
 * for its data, rjsf uiSchema (with our `ui:crm-layout` and `ui:crm-showIf`), and which record
 * fields the data writes; a task names it with `camunda:formKey="crm:<x-crm-form>"`. A record form
 * (`record.purposes`): which of the entity's own fields its create/edit page shows and how
 * (`schema.properties` names them, with at most `x-crm-help`; the same uiSchema rules).
 */
export interface FormDocument {
  'x-crm-form': string;
  title: Label;
  description?: string;
  schema: FormSchema;
  uiSchema?: Record<string, unknown>;
  /**
   * Task form: `fields` — record field ← top-level form field, written to the process's record (of
   * `entity`) on completion. Record form: `purposes` — the entity's pages it lays out; `roles` —
   * the roles whose users get it (absent: the default form, for every other user).
   */
  record?: { entity: string; fields?: Record<string, string>; purposes?: RecordFormPurpose[]; roles?: string[] };
}

/** A record form: a form document laying out an entity's create and/or edit page. */
export const isRecordForm = (doc: Pick<FormDocument, 'record'>): boolean => Array.isArray(doc.record?.purposes);

/** A form as the runtime holds it: `order` keeps the schema's field order (jsonb does not). */
export interface CompiledForm {
  id: string;
  title: Label;
  schema: FormSchema;
  uiSchema: Record<string, unknown>;
  record: { entity?: string; fields: Record<string, string>; purposes?: RecordFormPurpose[]; roles?: string[] };
  order: string[];
}

/** The workspace areas a navigation entry may open (admin-ui's area links). */
export const NAVIGATION_AREAS = ['inbox', 'dashboards', 'notifications'] as const;
export type NavigationArea = (typeof NAVIGATION_AREAS)[number];

/** One entry of a navigation menu: a workspace area, or an entity's records (optionally in one of its views). */
export type NavigationEntry = { area: NavigationArea; label?: Label } | { entity: string; view?: string; label?: Label };

/** The home page's widgets: the dashboards' cards, the user's open tasks, a view's first rows. */
export const HOME_WIDGETS = ['funnel', 'pipeline', 'forecast', 'overdue-tasks', 'service-requests', 'my-tasks', 'view'] as const;
export type HomeWidgetKind = (typeof HOME_WIDGETS)[number];
export interface HomeWidget {
  widget: HomeWidgetKind;
  /** The view a `view` widget shows (required for it, not allowed for the others). */
  view?: string;
  /** How many rows a `my-tasks` or `view` widget lists (default 5). */
  rows?: number;
  label?: Label;
}

/**
 * A UI layout (`metadata/layouts/*.json`): for the users of `roles`, the navigation menu, the home
 * page's widgets and record page sections per entity. Whatever it leaves out stays as without a
 * layout (every readable entity in the menu, the inbox as home, the entity's own x-crm-layout).
 */
export interface UiLayoutDocument {
  'x-crm-ui-layout': string;
  label?: Label;
  description?: string;
  /** The roles it is for (a role is named by at most one layout). */
  roles: string[];
  /** The layout of users whose role no layout names (at most one layout is the default). */
  default?: boolean;
  navigation?: NavigationEntry[];
  home?: HomeWidget[];
  records?: Record<string, EntityLayout>;
}

/** A whole set of documents, as loaded from a folder or sent to the publish API. */
export interface MetadataPackage {
  entities: EntityDocument[];
  views: ViewDocument[];
  triggers: TriggerDocument[];
  /** Absent: no roles (only admins and service accounts can do anything). */
  roles?: RoleDocument[];
  /** Absent: every entity is publicReadWrite. */
  sharing?: SharingDocument[];
  /** Absent: no message templates. */
  templates?: TemplateDocument[];
  /** Absent: no document templates. */
  documentTemplates?: DocumentTemplateDocument[];
  /** Task forms (published from forms/ with metadata/); absent: none. */
  forms?: FormDocument[];
  /** UI layouts per role; absent: none (the workspace as it is without one). */
  layouts?: UiLayoutDocument[];
}

/** The kinds of documents of a package, each a folder of `metadata/` (in loading and checking order). */
export const DOCUMENT_KINDS = ['entities', 'views', 'triggers', 'roles', 'sharing', 'templates', 'documentTemplates', 'forms', 'layouts'] as const satisfies readonly (keyof MetadataPackage)[];

/** Every kind of a package present (missing kinds empty), e.g. to store or republish it. */
export function documentsOf(pkg: Partial<MetadataPackage>): Required<MetadataPackage> {
  return Object.fromEntries(DOCUMENT_KINDS.map((k) => [k, pkg[k] ?? []])) as unknown as Required<MetadataPackage>;
}

/**
 * One error found validating a metadata package: the file (or document name), JSON path, and what
 * is wrong — a stable `code` with its `params` (metadata/issue-texts/ words it in zh-CN and en) and
 * the English `message`.
 */
export interface MetadataIssue {
  file: string;
  path: string;
  message: string;
  code: IssueCode;
  params?: IssueParams;
}

// ---------------------------------------------------------------------------------------------
// Compiled model
// ---------------------------------------------------------------------------------------------

/** System columns present on every entity table (not declared in documents). */
export const SYSTEM_FIELDS = [
  'id',
  'version',
  'ownerId',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'deletedAt',
  'deletedBy',
] as const;
export type SystemField = (typeof SYSTEM_FIELDS)[number];

export interface CompiledField {
  /** API name (camelCase as written in the document). */
  name: string;
  /** SQL column name (snake_case; lookups end in `_id`). */
  column: string;
  kind: FieldKind;
  /** SQL type used in DDL, e.g. `varchar(200)`, `numeric(18,2)`, `uuid`. */
  sqlType: string;
  label: Label;
  required: boolean;
  /** Enum values (kind enum) and their labels. */
  enumValues?: string[];
  enumLabels?: Record<string, Label>;
  /** A probability (0–100) per enum value (x-crm-enum-probabilities), e.g. per sales stage. */
  enumProbabilities?: Record<string, number>;
  lookup?: { entity: string; onDelete: 'restrict' | 'set-null' };
  stateMachine?: { initial?: string; transitions: Record<string, string[]> };
  readonly?: boolean;
  /** A computed field's FEEL expression (x-crm-computed; metadata/computed.ts): stored, read-only. */
  computed?: string;
  /** The field's JSON Schema as written (used for ajv validation and OpenAPI). */
  schema: FieldDocument;
  /** Kept in the table but no longer in the published documents: never exposed, never dropped. */
  hidden?: boolean;
}

export interface CompiledEntity {
  /** API name, e.g. `account`. */
  name: string;
  /** Table name in schema `crm` (snake_case of name). */
  table: string;
  label: Label;
  pluralLabel: Label;
  displayField: string;
  owner: boolean;
  fields: CompiledField[];
  indexes: { name: string; columns: string[] }[];
  uniques: { name: string; columns: string[] }[];
  duplicateRules: DuplicateRule[];
  /** Full-text search: the text columns and their weights, kept in the table's FULLTEXT_COLUMN. */
  fulltext?: { columns: { column: string; weight: FulltextWeight }[] };
  /** The document as published (JSON Schema of the record body, without system fields). */
  document: EntityDocument;
  /** Retired: absent from the published documents; the table stays, the API answers 404. */
  hidden?: boolean;
}

export interface CompiledRole {
  key: string;
  label: Label;
  parent: string | null;
  /** Every role above this one, nearest first. */
  ancestors: string[];
  /** Every role below this one. */
  descendants: string[];
  /** Its users may use the studio (absent in models stored before the studio: false). */
  studio?: boolean;
  /** The document's prose about the role (for administrators reading the list). */
  description?: string;
  permissions: Record<string, EntityPermission>;
}

/** The access policy, compiled (JSON-serialisable: it is stored with the model). */
export interface CompiledSecurity {
  roles: Record<string, CompiledRole>;
  /** The effective role of users without one. */
  defaultRole: string | null;
  /** Entity name → its sharing document (entities without one are publicReadWrite). */
  sharing: Record<string, SharingDocument>;
}

export interface CompiledModel {
  entities: Record<string, CompiledEntity>;
  views: ViewDocument[];
  triggers: TriggerDocument[];
  security: CompiledSecurity;
  /** Message templates by key; absent when there are none (models stored before templates existed). */
  templates?: Record<string, TemplateDocument>;
  /** Document templates by key; absent when there are none. */
  documentTemplates?: Record<string, DocumentTemplateDocument>;
  /** Task forms by id; absent when there are none (models stored before forms were published). */
  forms?: Record<string, CompiledForm>;
  /** UI layouts by name; absent when there are none. */
  layouts?: Record<string, UiLayoutDocument>;
}
