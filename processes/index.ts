/**
 * processes/ — the BPMN models of the business processes (deployed by the runtime at start, with
 * duplicate filtering so unchanged models keep their version) and, with the [processes] issue,
 * their external-task workers (one file per topic).
 */
import { fileURLToPath } from 'node:url';

/** The folder whose `*.bpmn` files the runtime deploys at start. */
export const DEFAULT_PROCESSES_DIR = fileURLToPath(new URL('.', import.meta.url));
