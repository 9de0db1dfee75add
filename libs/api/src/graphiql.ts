import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Router } from 'express';
import type { Request } from 'express';

/** URL prefix of the files GraphiQL needs; everything is served from node_modules, nothing from the internet. */
export const ASSETS_PREFIX = '/assets';

const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Asset name → file in node_modules; throws when one is missing (e.g. a React without UMD builds). */
function assetFiles(): Map<string, string> {
  const graphiql = packageDir('graphiql');
  const files = new Map([
    ['react.production.min.js', join(packageDir('react'), 'umd', 'react.production.min.js')],
    ['react-dom.production.min.js', join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js')],
    ['graphiql.min.js', join(graphiql, 'dist', 'index.umd.js')],
    ['graphiql.min.css', join(graphiql, 'dist', 'style.css')],
  ]);
  for (const file of files.values()) {
    if (!existsSync(file)) throw new Error(`GraphiQL asset missing: ${file}`);
  }
  return files;
}

const EXAMPLE_QUERY = `# Magpie GraphQL API. Put your API key in the Headers tab below
# (leave it as is when the gateway runs without keys), then press the run button.
query Recommendations($userId: ID!) {
  recommendations(userId: $userId, first: 5) {
    product { id title price inStock }
    score
    source
    reason
  }
  search(query: "serum", first: 5) {
    total
    hits { product { id title } score matchedTerms }
    facets { category { value count } }
  }
}
`;

const EXAMPLE_HEADERS = JSON.stringify({ 'x-api-key': 'replace-with-your-app-or-admin-key' }, null, 2);

/** Boots GraphiQL from the settings embedded in the page; a file (not inline) so the CSP can forbid inline scripts. */
const INIT_SCRIPT = `(function () {
  var settings = JSON.parse(document.getElementById('magpie-graphiql-settings').textContent);
  var fetcher = GraphiQL.createFetcher({ url: window.location.origin + window.location.pathname });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: settings.query,
      defaultHeaders: settings.headers,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: 'headers'
    })
  );
})();
`;

/** Same-origin only: scripts from /assets, no inline scripts; GraphiQL injects some <style> tags and uses data: fonts. */
export const GRAPHIQL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** JSON safe to embed in a <script> element. */
const embeddedJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The GraphiQL page; every script and stylesheet points to ASSETS_PREFIX. */
export function graphiqlPage(): string {
  const asset = (name: string) => `${ASSETS_PREFIX}/${name}`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Magpie · GraphiQL</title>
  <link rel="stylesheet" href="${asset('graphiql.min.css')}">
  <style>html, body { height: 100%; margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script id="magpie-graphiql-settings" type="application/json">${embeddedJson({ query: EXAMPLE_QUERY, headers: EXAMPLE_HEADERS })}</script>
  <script src="${asset('react.production.min.js')}"></script>
  <script src="${asset('react-dom.production.min.js')}"></script>
  <script src="${asset('graphiql.min.js')}"></script>
  <script src="${asset('graphiql-init.js')}"></script>
</body>
</html>
`;
}

/** A browser asking for a page (not a GraphQL GET request with `?query=`). */
export const wantsGraphiql = (req: Request): boolean =>
  req.query['query'] === undefined && req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';

/** Serves GET /assets/<name> for the GraphiQL page. Fails at start-up if a package file is missing. */
export function graphiqlAssetsRouter(): Router {
  const files = assetFiles();
  const router = Router();
  const cache = { maxAge: '1d' };
  router.get(`${ASSETS_PREFIX}/graphiql-init.js`, (_req, res) => {
    res.type('application/javascript').set('Cache-Control', 'public, max-age=86400').send(INIT_SCRIPT);
  });
  router.get(`${ASSETS_PREFIX}/:name`, (req, res, next) => {
    const file = files.get(String(req.params['name']));
    if (!file) return next();
    res.sendFile(file, cache);
  });
  return router;
}
