/**
 * Deployment resources: which deployer a resource name belongs to (by suffix, as Camunda decides),
 * its checksum for duplicate filtering, and its text.
 */
import { createHash } from 'node:crypto';
import { invalidRequest } from '../errors.js';

export interface ResourceInput {
  name: string;
  content: Buffer;
}

/** Camunda's BPMN deployer suffixes. */
const BPMN_SUFFIXES = ['.bpmn20.xml', '.bpmn'];
/** Deployers Camunda has and this engine has not: refused, never stored as inert files. */
const UNSUPPORTED: { suffixes: string[]; what: string }[] = [
  { suffixes: ['.dmn11.xml', '.dmn'], what: 'DMN decisions' },
  { suffixes: ['.cmmn11.xml', '.cmmn10.xml', '.cmmn'], what: 'CMMN cases' },
];

export const isBpmnResource = (name: string): boolean => BPMN_SUFFIXES.some((s) => name.endsWith(s));

export const checksum = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

/** The resource's text, without a byte-order mark (the XML parser does not expect one). */
export const resourceText = (content: Buffer): string => content.toString('utf8').replace(/^\uFEFF/, '');

/** Refuse an empty deployment, a name used twice, and resources this engine cannot deploy. */
export function checkResources(resources: readonly ResourceInput[]): void {
  if (resources.length === 0) throw invalidRequest('No deployment resources contained in the form upload.');
  const seen = new Set<string>();
  for (const r of resources) {
    if (!r.name) throw invalidRequest('No file name found in the deployment resource described by form parameter.');
    if (seen.has(r.name)) throw invalidRequest(`The deployment contains the resource '${r.name}' more than once.`);
    seen.add(r.name);
    const unsupported = UNSUPPORTED.find((u) => u.suffixes.some((s) => r.name.endsWith(s)));
    if (unsupported) throw invalidRequest(`Resource '${r.name}' cannot be deployed: ${unsupported.what} are not supported by this engine.`);
  }
}
