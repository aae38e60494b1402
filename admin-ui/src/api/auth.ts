import { request } from './client.js';
import type { Capabilities, User } from './types.js';

type Signed = { user: User; capabilities?: Capabilities; layout?: User['layout'] };
const withCapabilities = (res: Signed): User => ({ ...res.user, capabilities: res.capabilities, layout: res.layout });

export async function login(username: string, password: string): Promise<User> {
  return withCapabilities(await request<Signed>('POST', '/api/auth/login', { body: { username, password } }));
}

export async function logout(): Promise<void> {
  await request<void>('POST', '/api/auth/logout');
}

export async function currentUser(): Promise<User> {
  return withCapabilities(await request<Signed>('GET', '/api/auth/me'));
}
