/** Types for the bpmn-io packages the modeler uses that ship none (only what we call). */
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: unknown;
  export const BpmnPropertiesProviderModule: unknown;
  export const CamundaPlatformPropertiesProviderModule: unknown;
  export function useService(name: string): unknown;
}
declare module '@bpmn-io/properties-panel' {
  export const SelectEntry: unknown;
  export const isSelectEntryEdited: unknown;
}
declare module '@bpmn-io/properties-panel/preact/jsx-runtime' {
  export function jsx(type: unknown, props: Record<string, unknown>): unknown;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform/index.js' {
  const module: unknown;
  export default module;
}
declare module 'bpmn-js-bpmnlint' {
  const module: unknown;
  export default module;
}
declare module 'bpmnlint/lib/resolver/static-resolver' {
  export default class StaticResolver {
    constructor(cache: Record<string, unknown>);
  }
}
declare module 'bpmnlint/rules/*' {
  const rule: unknown;
  export default rule;
}
