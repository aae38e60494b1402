/**
 * A message for the next page (e.g. "Task completed" after completing opens another page): set, then
 * taken once. Kept as a message, not text, so that page words it in the language it shows then.
 */
import type { Message } from '../app/message.js';
import type { MessageKey } from '../i18n/index.js';

let pending: Message<MessageKey> = '';

export function setFlash(message: Message<MessageKey>): void {
  pending = message;
}

export function takeFlash(): Message<MessageKey> {
  const message = pending;
  pending = '';
  return message;
}
