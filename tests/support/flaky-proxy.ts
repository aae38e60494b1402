/**
 * A TCP proxy in front of a real server, for fault tests: `down` refuses every request (the engine
 * is unreachable), `dropResponses(n, match)` forwards the next n matching requests and then cuts
 * the connection before the answer arrives — the request was applied, the caller cannot know.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface FlakyProxy {
  port: number;
  down: boolean;
  /** How many responses were cut so far. */
  readonly dropped: number;
  dropResponses(n: number, match: RegExp): void;
  close(): Promise<void>;
}

export async function startFlakyProxy(target: { host: string; port: number }): Promise<FlakyProxy> {
  let drops = 0;
  let dropMatch = /$^/;
  let dropped = 0;
  const sockets = new Set<Socket>();
  const state = { down: false };
  const server: Server = createServer((client) => {
    sockets.add(client);
    const upstream = connect(target.port, target.host);
    sockets.add(upstream);
    let cutNextAnswer = false;
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk) => {
      if (state.down) return end();
      if (drops > 0 && dropMatch.test(chunk.toString('latin1', 0, Math.min(chunk.length, 512)))) {
        drops--;
        cutNextAnswer = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (cutNextAnswer) {
        dropped++;
        return end();
      }
      client.write(chunk);
    });
    client.on('close', () => {
      sockets.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    get down() {
      return state.down;
    },
    set down(v: boolean) {
      state.down = v;
    },
    get dropped() {
      return dropped;
    },
    dropResponses(n, match) {
      drops = n;
      dropMatch = match;
    },
    close: () =>
      new Promise<void>((res) => {
        for (const s of sockets) s.destroy();
        server.close(() => res());
      }),
  };
}
