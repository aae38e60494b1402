/** Drops undefined fields: the graph is plain JSON and must survive a JSON round trip unchanged. */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
