/**
 * Failed-login throttle: after `limit` failures for one username (or five times as many from one
 * client address, which a whole office may share) within `windowMs`, further attempts are refused with 429 until the window has passed, whether
 * or not the password would be right. In memory, per process: enough to stop password guessing
 * against one node; a success clears the username's count.
 */
import { AppError } from '../errors.js';

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  /** `username|address` → when its last refusal was reported. */
  private readonly reported = new Map<string, number>();

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Throws 429 when the username or the address has used up its attempts. */
  check(username: string, address: string): void {
    for (const [key, limit] of [[`u:${username.toLowerCase()}`, this.limit], [`a:${address}`, this.limit * 5]] as const) {
      const list = this.recent(key);
      if (list.length >= limit) {
        const retryAfter = Math.ceil((list[0] + this.windowMs - this.now()) / 1000);
        throw new AppError('too-many-requests', `too many failed sign-ins; try again in ${retryAfter} s`, undefined, { retryAfter });
      }
    }
  }

  failed(username: string, address: string): void {
    for (const key of [`u:${username.toLowerCase()}`, `a:${address}`]) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  succeeded(username: string): void {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }

  /**
   * Whether a refused attempt of `username` from `address` is the first such refusal within the
   * window: worth one audit event, where one per attempt would let a guesser fill the audit trail.
   */
  firstRefusal(username: string, address: string): boolean {
    const key = `${username.toLowerCase()}|${address}`;
    const since = this.now() - this.windowMs;
    const last = this.reported.get(key);
    if (last !== undefined && last > since) return false;
    if (this.reported.size >= 10_000) for (const [k, t] of this.reported) if (t <= since) this.reported.delete(k);
    this.reported.set(key, this.now());
    return true;
  }
}
