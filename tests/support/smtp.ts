/**
 * A real SMTP server on 127.0.0.1 (npm `smtp-server`) that keeps every message it accepts, parsed
 * (npm `mailparser`): point SMTP_URL at `url` and assert what was mailed. No TLS, no login — the
 * notify worker talks plain SMTP to it. `hold` keeps a message's DATA unanswered (the sender waits
 * for the server's reply), e.g. to kill a worker mid-send; held messages are not kept.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope sender and recipients. */
  from: string;
  to: string[];
  /** Header From, decoded. */
  fromHeader: string;
  subject: string;
  text: string;
}

export interface TestSmtp {
  url: string;
  mails: ReceivedMail[];
  /** Mails held so far (their DATA is never answered). */
  held: ReceivedMail[];
  /** Mails accepted for `address`. */
  to(address: string): ReceivedMail[];
  stop(): Promise<void>;
}

export async function startSmtp(opts: { hold?: (mail: ReceivedMail) => boolean } = {}): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const held: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: ReceivedMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            fromHeader: parsed.from?.text ?? '',
            subject: parsed.subject ?? '',
            text: (parsed.text ?? '').replace(/\n$/, ''),
          };
          if (opts.hold?.(mail)) {
            held.push(mail);
            return;
          }
          mails.push(mail);
          callback();
        })
        .catch((e: unknown) => callback(e as Error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    held,
    to: (address) => mails.filter((m) => m.to.includes(address)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
