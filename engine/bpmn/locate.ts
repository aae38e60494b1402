import type { BpmnProblem } from '../model/graph.js';

/**
 * Adds the line and column (1-based) of the element a problem is about, found by its `id`
 * attribute in the source XML — moddle keeps no positions, Camunda's problems carry them.
 */
export function locateProblems<P extends BpmnProblem>(xml: string, problems: P[]): P[] {
  const lineStarts = [0];
  for (let i = xml.indexOf('\n'); i !== -1; i = xml.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return problems.map((p) => {
    if (p.line !== undefined || !p.mainElementId) return p;
    const offset = elementOffset(xml, p.mainElementId);
    if (offset === undefined) return p;
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
    return { ...p, line: line + 1, column: offset - lineStarts[line] + 1 };
  });
}

/** Offset of the `<` opening the element whose id attribute is `id`. */
function elementOffset(xml: string, id: string): number | undefined {
  const escaped = xmlEscape(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`\\sid\\s*=\\s*(["'])${escaped}\\1`).exec(xml);
  if (!match) return undefined;
  const open = xml.lastIndexOf('<', match.index);
  return open === -1 ? undefined : open;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
