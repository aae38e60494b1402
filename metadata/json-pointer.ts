/** JSON Pointer (RFC 6901) from path segments: `pointer('properties', 'a/b')` → `/properties/a~1b`. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
