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
export const checkProcessModel = (xml: string) => request<ModelCheck>('POST', `${BASE}/validate`, { body: { xml } });
export const deployProcessModel = (xml: string) => request<{ deployed: { id: string; key: string; version: number }[] }>('POST', `${BASE}/deploy`, { body: { xml } });

export const studioProcessPath = (key?: string, version?: number) =>
  key === undefined ? '/studio/processes' : `/studio/processes/${encodeURIComponent(key)}${version === undefined ? '' : `/${version}`}`;
