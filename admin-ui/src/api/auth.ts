import { request } from './client.js';
import type { User } from './types.js';

export async function login(username: string, password: string): Promise<User> {
  const res = await request<{ user: User }>('POST', '/api/auth/login', { body: { username, password } });
  return res.user;
}

export async function logout(): Promise<void> {
  await request<void>('POST', '/api/auth/logout');
}

export async function currentUser(): Promise<User> {
  const res = await request<{ user: User }>('GET', '/api/auth/me');
  return res.user;
}
