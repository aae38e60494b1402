/** bpmn-moddle ships no types for its main entry; this is the little of it the parser uses. */
declare module 'bpmn-moddle' {
  export interface ModdleWarning {
    message: string;
    error?: Error;
    element?: { id?: string; $type?: string };
    property?: string;
    value?: string;
  }

  export interface ParseResult {
    rootElement: unknown;
    warnings: ModdleWarning[];
    elementsById: Record<string, unknown>;
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, config?: { nsMap?: Record<string, string> });
    fromXML(xml: string): Promise<ParseResult>;
    getPackage(uriOrPrefix: string): { prefix: string; uri: string; xml?: { tagAlias?: string } } | undefined;
    /** Throws for an unknown type name. */
    getType(name: string): { hasType(type: string): boolean };
    /** The effective descriptor (properties flattened, base types first) of a type from `getType`. */
    getElementDescriptor(type: unknown): unknown;
  }
}
