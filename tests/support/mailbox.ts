/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package) that keeps every message it receives,
 * with its envelope recipients, decoded subject and decoded plain-text body — for tests that assert
 * the e-mails a process sends. Point the runtime at it with `SMTP_URL: mailbox.url`.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  /** Envelope recipients (lowercase addresses). */
  to: string[];
  subject: string;
  /** The text/plain part, transfer encoding undone. */
  text: string;
  raw: string;
}

export interface Mailbox {
  url: string;
  messages: ReceivedMail[];
  stop(): Promise<void>;
}

/**
 * RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) in a header value; a run of adjacent
 * words is decoded as one byte sequence (a long subject splits its UTF-8 characters across words).
 */
function decodeWords(value: string): string {
  const word = /=\?[^?]+\?([BbQq])\?([^?]*)\?=/g;
  return value.replace(/=\?[^?]+\?[BbQq]\?[^?]*\?=(\s*=\?[^?]+\?[BbQq]\?[^?]*\?=)*/g, (run) => {
    const bytes = [...run.matchAll(word)].map(([, enc, text]) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : Buffer.from(qpBytes(text.replace(/_/g, ' ')), 'binary'),
    );
    return Buffer.concat(bytes).toString('utf8');
  });
}

/** Quoted-printable → the bytes it encodes (as a binary string). */
function qpBytes(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function headersAndBody(part: string): { headers: Map<string, string>; body: string } {
  const at = part.search(/\r?\n\r?\n/);
  const head = at < 0 ? part : part.slice(0, at);
  const body = at < 0 ? '' : part.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return { headers, body };
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return Buffer.from(qpBytes(body), 'binary').toString('utf8');
  return body;
}

/** The text/plain content of a message (the first text/plain part of a multipart one). */
function plainText(headers: Map<string, string>, body: string): string {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) return decodeBody(headers, body);
  for (const part of body.split(`--${boundary}`).slice(1)) {
    const p = headersAndBody(part.replace(/^\r?\n/, ''));
    const partType = p.headers.get('content-type') ?? 'text/plain';
    if (/^multipart\//i.test(partType) || /^text\/plain/i.test(partType)) return plainText(p.headers, p.body);
  }
  return '';
}

export async function startMailbox(): Promise<Mailbox> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const { headers, body } = headersAndBody(raw);
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          subject: decodeWords(headers.get('subject') ?? ''),
          text: plainText(headers, body),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
