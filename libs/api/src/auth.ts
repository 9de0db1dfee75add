import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@magpie/contracts';
import type { GatewayConfig } from '@magpie/config';
import type { Scope, Viewer } from './context';

type HeaderValue = string | string[] | undefined;

const digest = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/** The key from `x-api-key`, or else from `Authorization: Bearer <key>`; undefined when neither is sent. */
export function presentedKey(headers: Record<string, HeaderValue>): string | undefined {
  const first = (value: HeaderValue) => (Array.isArray(value) ? value[0] : value);
  const apiKey = first(headers['x-api-key'])?.trim();
  if (apiKey) return apiKey;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(first(headers['authorization']) ?? '');
  return match?.[1];
}

/**
 * Turns a presented API key into a viewer. App keys grant `app`; admin keys grant `app` and `admin`.
 * Keys are compared as SHA-256 digests with `timingSafeEqual`, against every configured key without
 * stopping early, so timing reveals neither a key's prefix nor which list matched.
 *
 * With no keys configured at all, auth is off (development): every caller gets both scopes.
 */
export function createAuthenticator(config: Pick<GatewayConfig, 'appKeys' | 'adminKeys'>) {
  const appDigests = config.appKeys.map(digest);
  const adminDigests = config.adminKeys.map(digest);
  const enabled = appDigests.length + adminDigests.length > 0;
  const anyMatch = (candidate: Buffer, digests: Buffer[]) =>
    digests.reduce((found, known) => timingSafeEqual(candidate, known) || found, false);

  return {
    enabled,
    viewerFor(key: string | undefined): Viewer {
      if (!enabled) return { scopes: new Set<Scope>(['app', 'admin']) };
      if (!key) return { scopes: new Set<Scope>() };
      const candidate = digest(key);
      const isAdmin = anyMatch(candidate, adminDigests);
      const isApp = anyMatch(candidate, appDigests);
      if (isAdmin) return { scopes: new Set<Scope>(['app', 'admin']) };
      return { scopes: new Set<Scope>(isApp ? ['app'] : []) };
    },
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;

/** Throws UNAUTHENTICATED without a valid key and FORBIDDEN when the key lacks `scope`. */
export function requireScope(viewer: Viewer, scope: Scope): void {
  if (viewer.scopes.has(scope)) return;
  if (viewer.scopes.size === 0) {
    throw new GraphQLError('A valid API key is required: send it as the x-api-key header or as Authorization: Bearer <key>', {
      extensions: { code: ErrorCode.UNAUTHENTICATED },
    });
  }
  throw new GraphQLError(`This operation needs an ${scope} key`, { extensions: { code: ErrorCode.FORBIDDEN } });
}
