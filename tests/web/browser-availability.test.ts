import { afterEach, describe, expect, it, vi } from 'vitest';
import { chromiumAvailability } from './helpers/browser.js';

describe('whether the browser tests can run', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('runs them when the browser is there', () => {
    // Any executable file will do for the check: this Node binary is one.
    expect(chromiumAvailability(process.execPath, true)).toBe(true);
  });

  it('skips them on a developer machine without Chromium, saying why', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(chromiumAvailability('/nonexistent/chromium', false)).toBe(false);
    expect(warn.mock.calls.join(' ')).toMatch(/skipping the browser tests.*apt-get install/);
  });

  it('fails in CI without Chromium instead of skipping', () => {
    expect(() => chromiumAvailability('/nonexistent/chromium', true)).toThrow(
      /CI=true: the browser tests must run/,
    );
  });
});
