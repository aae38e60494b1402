/** The process modeler's calls (/api/studio/processes, runtime/studio-process/routes.ts) and their shapes. */
import { request } from './client.js';

export interface StudioProcessVersion {
  id: string;
  version: number;
  name: string | null;
  deploymentId: string;
  /** Instances running on this version. */
  running: number;
}

export interface StudioProcess {
  key: string;
  name: string | null;
  latestVersion: number;
  running: number;
  /** Oldest first. */
  versions: StudioProcessVersion[];
}

export interface StudioProcessXml {
  id: string;
  key: string;
  version: number;
  name: string | null;
  running: number;
  xml: string;
}

/** One problem of a model (the server's deploy checks). */
export interface ModelProblem {
  message: string;
  elementId: string | null;
  elementIds: string[];
  line: number | null;
  column: number | null;
}

export interface ModelCheck {
  valid: boolean;
  processes: { key: string; name: string | null }[];
  problems: ModelProblem[];
}

export interface RegisteredForm {
  id: string;
  formKey: string;
  title: Record<string, string>;
}

const BASE = '/api/studio/processes';

export const studioProcesses = (signal?: AbortSignal) => request<{ items: StudioProcess[] }>('GET', BASE, { signal });
export const studioProcessVersion = (key: string, version: number, signal?: AbortSignal) =>
  request<StudioProcessXml>('GET', `${BASE}/${encodeURIComponent(key)}/versions/${version}`, { signal });
export const studioForms = (signal?: AbortSignal) => request<{ items: RegisteredForm[] }>('GET', `${BASE}/forms`, { signal });
/**
 * The process the modeler deploys a version of (the one it opened), or a new process: the server
 * then refuses a model whose process id lands on another deployed process.
 */
export interface DeployTarget {
  processKey: string;
  newProcess: boolean;
}

export const checkProcessModel = (xml: string, target: DeployTarget) => request<ModelCheck>('POST', `${BASE}/validate`, { body: { xml, ...target } });
export const deployProcessModel = (xml: string, target: DeployTarget) =>
  request<{ deployed: { id: string; key: string; version: number }[] }>('POST', `${BASE}/deploy`, { body: { xml, ...target } });
/** The empty executable model of a new process (nothing deployed); 400 / 409 naming `/key` or `/name`. */
export const newProcessModel = (key: string, name: string) => request<{ key: string; name: string; xml: string }>('POST', `${BASE}/new`, { body: { key, name } });

export const NEW_PROCESS_PATH = '/studio/processes/new';
export const studioProcessPath = (key?: string, version?: number) =>
  key === undefined ? '/studio/processes' : `/studio/processes/${encodeURIComponent(key)}${version === undefined ? '' : `/${version}`}`;
