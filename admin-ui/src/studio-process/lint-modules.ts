/**
 * bpmn-js-bpmnlint with our rules (lint-config.ts), in the modeler's chunk. Not a chunk of its own:
 * bpmnlint is CommonJS, and a second lazy chunk needing Rolldown's CommonJS helpers (besides the task
 * page's) moves them into a runtime chunk the entry then loads too — over the entry budget.
 */
import lintModule from 'bpmn-js-bpmnlint';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
export { bpmnlintConfig } from './lint-config.js';
export { lintModule };
