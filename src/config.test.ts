import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('has defaults that run Hearth on localhost:8080 with SQLite in ./data', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.databaseUrl).toBe('sqlite:./data/hearth.sqlite');
    expect(c.baseUrl).toBe('http://localhost:8080');
    expect(c.secure).toBe(false);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ HEARTH_PORT: 'abc', DATABASE_URL: 'mysql://x', HEARTH_SMTP_URL: 'http://mail', HEARTH_METRICS_TOKEN: 'short' });
      expect.fail('should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toContain('HEARTH_PORT');
      expect(problems).toContain('DATABASE_URL');
      expect(problems).toContain('HEARTH_SMTP_URL');
      expect(problems).toContain('HEARTH_METRICS_TOKEN');
    }
  });

  it('derives secure cookies from an https base URL and parses trusted proxies', () => {
    const c = loadConfig({ HEARTH_BASE_URL: 'https://hearth.example.org/', HEARTH_TRUST_PROXY: '127.0.0.1, ::1' });
    expect(c.secure).toBe(true);
    expect(c.baseUrl).toBe('https://hearth.example.org');
    expect(c.trustProxy).toEqual(['127.0.0.1', '::1']);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ HEARTH_PORT: '' }).port).toBe(8080);
  });
});
