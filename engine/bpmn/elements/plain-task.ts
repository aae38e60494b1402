/** Task and manual task: pass straight through. */
import type { ElementKind } from './kind.js';

function passThrough(nodeType: 'task' | 'manualTask'): ElementKind {
  return { nodeType, activity: true, io: 'inputOutput', check() {}, compile: () => ({}) };
}

export const task = passThrough('task');
export const manualTask = passThrough('manualTask');
