/**
 * processes/ — the BPMN models and their external-task workers (one file per topic). Built in the
 * [processes] issue; nothing is exported yet.
 */
export {};
