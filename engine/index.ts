/**
 * engine/ — the embedded BPMN engine (Camunda 7 REST at /engine-rest) and EngineClient. Built in
 * the [engine] issue; nothing is exported yet. It must never import metadata, forms or runtime.
 */
export {};
