/** A message for the next page (e.g. "Task completed" after completing opens another page): set, then taken once. */
let pending = '';

export function setFlash(message: string): void {
  pending = message;
}

export function takeFlash(): string {
  const message = pending;
  pending = '';
  return message;
}
