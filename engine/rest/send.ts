/**
 * The one way /engine-rest answers with a body. `Content-Type` is exactly `application/json`, with
 * no `; charset=utf-8`: camunda-external-task-client-js parses nothing else (../shared/STACK.md,
 * trap 5). Express's res.json()/res.send() add the charset, so they are not used here.
 */
import type { Response } from 'express';

export function sendJson(res: Response, status: number, body: unknown): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.status(status);
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', String(payload.length));
  res.end(payload);
}

/** 204, as Camunda answers deletes and most commands: no body, so no content type. */
export function sendNoContent(res: Response): void {
  res.status(204).end();
}

/** A text/plain body (stacktraces, error details), `Content-Type` exactly `text/plain` as Camunda answers. */
export function sendText(res: Response, text: string): void {
  const payload = Buffer.from(text, 'utf8');
  res.status(200);
  res.setHeader('Content-Type', 'text/plain');
  res.setHeader('Content-Length', String(payload.length));
  res.end(payload);
}
