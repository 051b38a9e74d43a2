import { describe, expect, it } from 'vitest';
import { scopesFor, tokenAllows, tokenManager } from './tokens.policy.js';
import type { Actor, Person } from './actor.js';

describe('token scopes', () => {
  it('lets read tokens only read, and write tokens also change', () => {
    const read = scopesFor('read');
    const write = scopesFor('write');
    expect(read).toEqual(['read']);
    expect(write).toEqual(['read', 'write']);
    for (const m of ['GET', 'HEAD', 'OPTIONS']) expect(tokenAllows(read, m)).toBe(true);
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(tokenAllows(read, m)).toBe(false);
      expect(tokenAllows(write, m)).toBe(true);
    }
    // Unknown or empty scopes allow nothing.
    expect(tokenAllows([], 'GET')).toBe(false);
    expect(tokenAllows(['admin'], 'POST')).toBe(false);
  });

  it('lets only a browser session manage tokens', () => {
    const person = { id: 'p' } as Person;
    expect(tokenManager({ kind: 'anonymous' })).toBe('anonymous');
    expect(tokenManager({ kind: 'system', label: 'cli' })).toBe('anonymous');
    expect(tokenManager({ kind: 'person', person, memberships: [] })).toBe(person);
    const viaToken: Actor = { kind: 'person', person, memberships: [], token: { id: 't', scopes: ['read', 'write'] } };
    expect(tokenManager(viaToken)).toBe('token');
  });
});
