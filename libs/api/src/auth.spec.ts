import { GraphQLError } from 'graphql';
import { createAuthenticator, presentedKey, requireScope } from './auth';

const auth = createAuthenticator({ appKeys: ['app-key-11111111'], adminKeys: ['admin-key-22222222'] });
const scopes = (key: string | undefined) => [...auth.viewerFor(key).scopes].sort();

describe('API keys', () => {
  it('reads x-api-key first, then Authorization: Bearer', () => {
    expect(presentedKey({ 'x-api-key': ' k1 ', authorization: 'Bearer k2' })).toBe('k1');
    expect(presentedKey({ authorization: 'bearer k2' })).toBe('k2');
    expect(presentedKey({ authorization: 'Basic abc' })).toBeUndefined();
    expect(presentedKey({})).toBeUndefined();
  });

  it('grants app to app keys, app + admin to admin keys, nothing otherwise', () => {
    expect(scopes('app-key-11111111')).toEqual(['app']);
    expect(scopes('admin-key-22222222')).toEqual(['admin', 'app']);
    expect(scopes('app-key-1111111')).toEqual([]);
    expect(scopes(undefined)).toEqual([]);
  });

  it('turns auth off only when no key of either kind is configured', () => {
    expect(createAuthenticator({ appKeys: [], adminKeys: [] }).enabled).toBe(false);
    expect([...createAuthenticator({ appKeys: [], adminKeys: [] }).viewerFor(undefined).scopes].sort()).toEqual(['admin', 'app']);
    expect(createAuthenticator({ appKeys: [], adminKeys: ['admin-key-22222222'] }).viewerFor(undefined).scopes.size).toBe(0);
  });

  it('requireScope: UNAUTHENTICATED without scopes, FORBIDDEN with too few', () => {
    const codeOf = (fn: () => void) => {
      try {
        fn();
        return 'none';
      } catch (error) {
        return error instanceof GraphQLError ? error.extensions.code : 'other';
      }
    };
    expect(codeOf(() => requireScope(auth.viewerFor(undefined), 'app'))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => requireScope(auth.viewerFor('app-key-11111111'), 'admin'))).toBe('FORBIDDEN');
    expect(codeOf(() => requireScope(auth.viewerFor('admin-key-22222222'), 'admin'))).toBe('none');
  });
});
