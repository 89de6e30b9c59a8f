import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('lets the free failures through, then doubles the wait per further failure, per user name', () => {
    const th = new LoginThrottle({ freePerUser: 3, freePerAddress: 100 });
    for (let i = 0; i < 3; i++) {
      expect(th.retryAfterMs('Wang', '10.0.0.1', 0)).toBe(0);
      th.failed('Wang', '10.0.0.1', 0);
    }
    expect(th.retryAfterMs('wang', '10.0.0.2', 0)).toBe(0); // the 3rd failure was still free
    th.failed('wang', '10.0.0.2', 0);
    expect(th.retryAfterMs('WANG', '10.0.0.3', 0)).toBe(1000); // any address: it is the name
    expect(th.retryAfterMs('li', '10.0.0.1', 0)).toBe(0); // another name from the same address
    th.failed('wang', '10.0.0.1', 1000);
    expect(th.retryAfterMs('wang', '10.0.0.1', 1000)).toBe(2000);
    th.failed('wang', '10.0.0.1', 3000);
    expect(th.retryAfterMs('wang', '10.0.0.1', 3000)).toBe(4000);
    th.succeeded('Wang');
    expect(th.retryAfterMs('wang', '10.0.0.1', 3000)).toBe(0);
  });

  it('counts per source address across names, caps the wait, and forgets after the quiet window', () => {
    const th = new LoginThrottle({ freePerUser: 100, freePerAddress: 2, maxMs: 5000, windowMs: 60_000 });
    th.failed('a', '10.0.0.9', 0);
    th.failed('b', '10.0.0.9', 0);
    expect(th.retryAfterMs('c', '10.0.0.9', 0)).toBe(0);
    for (let i = 0; i < 10; i++) th.failed(`x${i}`, '10.0.0.9', 0);
    expect(th.retryAfterMs('c', '10.0.0.9', 0)).toBe(5000);
    expect(th.retryAfterMs('c', '10.0.0.8', 0)).toBe(0);
    expect(th.retryAfterMs('c', '10.0.0.9', 60_001)).toBe(0);
  });
});
