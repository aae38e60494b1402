/**
 * A lean HTTP client for the oracle's tens of thousands of requests: node:http over one keep-alive
 * agent costs about half of what `fetch` does per request (measured on this machine: 1.3 against
 * 3.1 ms for an empty answer), and the oracle is bound by the CPU of the one process that runs both
 * the server and the test. Signs in like ApiClient does (session cookie plus CSRF header on writes).
 */
import http from 'node:http';

export interface LeanResponse {
  status: number;
  text: string;
  contentType: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

export class LeanClient {
  private cookie = '';
  private csrf = '';
  constructor(private readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<void> {
    const res = await this.request('POST', '/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${res.text}`);
    const cookies = res.setCookie.map((c) => c.split(';')[0]);
    this.cookie = cookies.join('; ');
    this.csrf = cookies.find((c) => c.startsWith('crm_csrf='))?.slice('crm_csrf='.length) ?? '';
  }

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<LeanResponse & { setCookie: string[] }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const h: Record<string, string> = { ...headers, cookie: this.cookie };
    if (payload !== undefined) h['content-type'] = 'application/json';
    if (method !== 'GET') h['x-csrf-token'] = this.csrf;
    return new Promise((resolve, reject) => {
      const req = http.request(this.baseUrl + path, { method, headers: h, agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, contentType: res.headers['content-type'] ?? '', setCookie: res.headers['set-cookie'] ?? [] }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  get(path: string) {
    return this.request('GET', path);
  }
}
