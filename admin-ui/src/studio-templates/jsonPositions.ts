/**
 * Where things are in the editor's JSON text: the line of the value a JSON Pointer names (the
 * server's `errors[].path`, e.g. `/body/1/text`), and the line and column of a syntax error — so a
 * problem is shown with the line it concerns and the cursor can be put there. A small strict JSON
 * scanner; JSON.parse stays the judge of validity and gives the message.
 */
export interface TextSpot {
  line: number;
  column: number;
  offset: number;
}

class Scan {
  i = 0;
  readonly at = new Map<string, number>();
  constructor(private readonly s: string) {}
  fail(): never {
    throw new SpotError(this.i);
  }
  ws() {
    while (/\s/.test(this.s[this.i] ?? '')) this.i++;
  }
  expect(c: string) {
    this.ws();
    if (this.s[this.i] !== c) this.fail();
    this.i++;
  }
  string(): string {
    const start = this.i;
    this.expect('"');
    while (this.i < this.s.length && this.s[this.i] !== '"') {
      if (this.s[this.i] === '\n') this.fail();
      this.i += this.s[this.i] === '\\' ? 2 : 1;
    }
    if (this.s[this.i] !== '"') this.fail();
    this.i++;
    return JSON.parse(this.s.slice(this.s.indexOf('"', start), this.i)) as string;
  }
  value(pointer: string) {
    this.ws();
    this.at.set(pointer, this.i);
    const c = this.s[this.i];
    if (c === '{') return this.members(pointer);
    if (c === '[') return this.items(pointer);
    if (c === '"') return void this.string();
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.i, this.i + 64));
    if (!m) this.fail();
    this.i += m[0].length;
  }
  members(pointer: string) {
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') return void this.i++;
    for (;;) {
      this.ws();
      const key = this.string();
      this.expect(':');
      this.value(`${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      this.ws();
      if (this.s[this.i] === '}') return void this.i++;
      this.expect(',');
    }
  }
  items(pointer: string) {
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') return void this.i++;
    for (let n = 0; ; n++) {
      this.value(`${pointer}/${n}`);
      this.ws();
      if (this.s[this.i] === ']') return void this.i++;
      this.expect(',');
    }
  }
}

class SpotError extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}

export function spotOf(text: string, offset: number): TextSpot {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1, offset };
}

/** Each value's offset by its JSON Pointer, or where the text stops being JSON. */
export function scanJson(text: string): { at: Map<string, number> } | { error: TextSpot } {
  const scan = new Scan(text);
  try {
    scan.value('');
    scan.ws();
    if (scan.i < text.length) scan.fail();
    return { at: scan.at };
  } catch (e) {
    if (e instanceof SpotError) return { error: spotOf(text, Math.min(e.offset, text.length)) };
    throw e;
  }
}

/** The spot of the value at `pointer`, or of its nearest ancestor the text has. */
export function spotOfPointer(text: string, at: Map<string, number>, pointer: string): TextSpot | null {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const offset = at.get(p);
    if (offset !== undefined) return spotOf(text, offset);
    if (p === '') return null;
  }
}
