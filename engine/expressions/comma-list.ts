/**
 * Camunda's BPMN parser reads `camunda:candidateUsers` / `camunda:candidateGroups` as a list of
 * expressions before evaluating anything: the text is cut at commas that are not inside an
 * expression, each piece trimmed (Java `trim`), and each piece is then its own expression. "Inside"
 * is Camunda's crude rule: from any `$` or `{` up to the next `}`. So `sales, ${team}` is two
 * expressions, `${a, b}` one; `a,,b` keeps an empty piece in the middle (an expression giving
 * `''`), `,a` one in front, and a trailing comma adds nothing — but `a, ` (blank after the last
 * comma) adds an empty piece. Found by the Operaton conformance suite (tf-user-candidate-lists).
 */
import { javaTrim } from './coerce.js';

export function commaSeparatedExpressions(text: string): string[] {
  const pieces: string[] = [];
  let piece = '';
  let inside = false;
  for (const c of text) {
    if (c === '$' || c === '{') inside = true;
    else if (c === '}') inside = false;
    else if (c === ',' && !inside) {
      pieces.push(javaTrim(piece));
      piece = '';
      continue;
    }
    piece += c;
  }
  if (piece !== '') pieces.push(javaTrim(piece));
  return pieces;
}
