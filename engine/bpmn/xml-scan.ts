/**
 * The element tree of an XML document that is already known to be well-formed (moddle read it):
 * namespace-resolved names, children in document order, and where each start tag ends — what the
 * schema-order check needs and moddle's tree does not keep. Text, comments, processing
 * instructions, CDATA and the doctype are skipped.
 */
export interface ScannedElement {
  /** The name as written, prefix included. */
  name: string;
  uri: string;
  local: string;
  children: ScannedElement[];
  /** 1-based line and column just after the start tag's `>`, where Xerces reports a problem with it. */
  endLine: number;
  endColumn: number;
  /** The same after the end tag (after the start tag of an empty-element tag). */
  closeLine: number;
  closeColumn: number;
}

interface Open {
  element: ScannedElement;
  namespaces: Map<string, string>;
}

const SKIP: [string, string][] = [
  ['<?', '?>'],
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
];

export function scanElements(xml: string): ScannedElement | undefined {
  const position = lineIndex(xml);
  const stack: Open[] = [];
  let root: ScannedElement | undefined;
  let i = xml.indexOf('<');
  while (i !== -1 && i < xml.length) {
    const skip = SKIP.find(([open]) => xml.startsWith(open, i));
    if (skip) {
      i = xml.indexOf('<', xml.indexOf(skip[1], i + skip[0].length) + skip[1].length);
      continue;
    }
    if (xml.startsWith('<!', i)) {
      i = xml.indexOf('<', doctypeEnd(xml, i));
      continue;
    }
    if (xml[i + 1] === '/') {
      const end = xml.indexOf('>', i) + 1;
      const closed = stack.pop();
      if (closed) [closed.element.closeLine, closed.element.closeColumn] = position(end);
      i = xml.indexOf('<', end);
      continue;
    }
    const tag = startTag(xml, i);
    const parent = stack[stack.length - 1];
    const namespaces = new Map(parent?.namespaces);
    for (const [name, value] of tag.attributes) {
      if (name === 'xmlns') namespaces.set('', value);
      else if (name.startsWith('xmlns:')) namespaces.set(name.slice(6), value);
    }
    const colon = tag.name.indexOf(':');
    const prefix = colon === -1 ? '' : tag.name.slice(0, colon);
    const [endLine, endColumn] = position(tag.end);
    const local = tag.name.slice(colon + 1);
    const element: ScannedElement = { name: tag.name, uri: namespaces.get(prefix) ?? '', local, children: [], endLine, endColumn, closeLine: endLine, closeColumn: endColumn };
    if (parent) parent.element.children.push(element);
    else root ??= element;
    if (!tag.selfClosing) stack.push({ element, namespaces });
    i = xml.indexOf('<', tag.end);
  }
  return root;
}

/** The start tag at `at`: its name, attributes (quoted values may hold `>`), and the offset after its `>`. */
function startTag(xml: string, at: number): { name: string; attributes: [string, string][]; selfClosing: boolean; end: number } {
  const nameMatch = /^<([^\s/>]+)/.exec(xml.slice(at, at + 512))!;
  const attributes: [string, string][] = [];
  const attribute = /\s*([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')|\s*(\/?>)/y;
  attribute.lastIndex = at + nameMatch[0].length;
  for (;;) {
    const m = attribute.exec(xml);
    if (!m) throw new Error(`unreadable start tag at offset ${at}`);
    if (m[5]) return { name: nameMatch[1]!, attributes, selfClosing: m[5] === '/>', end: attribute.lastIndex };
    attributes.push([m[1]!, decode(m[3] ?? m[4] ?? '')]);
  }
}

function doctypeEnd(xml: string, at: number): number {
  let depth = 0;
  for (let i = at; i < xml.length; i++) {
    if (xml[i] === '[') depth++;
    else if (xml[i] === ']') depth--;
    else if (xml[i] === '>' && depth === 0) return i + 1;
  }
  return xml.length;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] ?? whole),
  );
}

/** offset → [line, column], both 1-based. */
function lineIndex(xml: string): (offset: number) => [number, number] {
  const starts = [0];
  for (let i = xml.indexOf('\n'); i !== -1; i = xml.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, offset - starts[lo]! + 1];
  };
}
