/**
 * The shapes the server's HTTP API answers with, as the UI sees them. Declared here on purpose: the
 * UI talks to the server over HTTP only and imports nothing from runtime/ or metadata/.
 */
import type { SessionLayout } from './uiLayouts.js';

export type Locale = 'zh-CN' | 'en';
export type Label = Record<Locale, string>;

export type FieldKind =
  | 'text'
  | 'email'
  | 'phone'
  | 'url'
  | 'integer'
  | 'number'
  | 'money'
  | 'percent'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'enum'
  | 'lookup'
  | 'json'
  | 'attachment';

export interface User {
  id: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  locale?: string | null;
  /** From /api/auth/me and sign-in: the areas beyond records the user may use (the server checks again). */
  capabilities?: Capabilities;
  /** From /api/auth/me and sign-in: the user's UI layout (null: the usual workspace). */
  layout?: SessionLayout | null;
}

export interface Capabilities {
  studio: boolean;
  admin: boolean;
}

export interface FieldMeta {
  name: string;
  kind: FieldKind;
  /** An attachment field holding several files (else one). */
  multiple?: boolean;
  /** A computed field's FEEL expression (read-only). */
  computed?: string;
  label: Label;
  required: boolean;
  enumValues?: string[];
  enumLabels?: Record<string, Label>;
  /** A win probability (0–100) per enum value (x-crm-enum-probabilities), e.g. per sales stage. */
  enumProbabilities?: Record<string, number>;
  lookup?: { entity: string };
  readonly?: boolean;
  /** Allowed moves between enum values: value → values it may change to. */
  stateMachine?: { initial?: string; transitions: Record<string, string[]> };
}

export interface EntityMeta {
  name: string;
  label: Label;
  pluralLabel: Label;
  displayField: string;
  fields: FieldMeta[];
}

export interface SortSpec {
  field: string;
  direction: 'asc' | 'desc';
}

export interface ViewMeta {
  'x-crm-view': string;
  entity: string;
  label: Label;
  columns: string[];
  filter?: unknown;
  sort?: SortSpec[];
  kanban?: { groupBy: string; dragAllowed?: boolean };
  /** The list is grouped by this field: a header with the group's count before its records. */
  groupBy?: string;
  default?: boolean;
  /** Role keys whose users open this view first. */
  defaultFor?: string[];
}

/** A record: system fields plus the entity's fields; an expanded lookup is the related record. */
export interface CrmRecord {
  id: string;
  version: number;
  ownerId?: string | null;
  createdAt: string;
  updatedAt: string;
  [field: string]: unknown;
}

export interface RecordPage {
  items: CrmRecord[];
  nextCursor: string | null;
  count?: number;
}

export interface HistoryActor {
  id: string | null;
  username: string | null;
  displayName: string | null;
}

/** One audit row, oldest first from the server. A create writes one row per field given. */
export interface HistoryEntry {
  id?: number;
  at: string;
  actor: HistoryActor | string | null;
  action: string;
  field?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * One entry of a `duplicate` problem's `duplicates`: the matching record's id, its display value and
 * the duplicate rule that matched (one record may appear once per rule).
 */
export interface DuplicateMatch {
  id: string;
  display?: unknown;
  rule?: string;
}

/** The body of an RFC 9457 problem document. */
export interface FieldError {
  path: string;
  /** The server's English text: shown when the UI does not know `code`. */
  message: string;
  /** Record writes: transition-not-allowed, stale-version, field-forbidden, required, unique; administration creates: taken (docs: README "Errors"). */
  code?: string;
  params?: Record<string, unknown>;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
  [member: string]: unknown;
}

/** An open task of a record's process (GET /api/records/:entity/:id/processes), as far as the page shows it. */
export interface ProcessTask {
  id: string;
  name: string | null;
  taskDefinitionKey: string;
  assignee: string | null;
  due: string | null;
}

/** One process instance run for a record: its state, what ran in it and its open tasks. */
export interface RecordProcess {
  id: string;
  processDefinitionKey: string;
  processDefinitionName: string | null;
  /** ACTIVE, SUSPENDED, COMPLETED, EXTERNALLY_TERMINATED, INTERNALLY_TERMINATED. */
  state: string;
  startTime: string | null;
  endTime: string | null;
  activities: { id: string; activityId: string; activityName: string | null; startTime: string | null; endTime: string | null; canceled: boolean }[];
  tasks: ProcessTask[];
}
