import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpConnection, parseResponse, postFormatter } from './http-connection';
import { runLoad } from './http-load';

describe('parseResponse', () => {
  it('reads a Content-Length body and says how many bytes the response took', () => {
    const data = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: 5\r\n\r\nhelloHTTP/1.1');
    expect(parseResponse(data)).toEqual({ status: 200, body: Buffer.from('hello'), consumed: data.length - 8, close: false });
  });

  it('reads a chunked body', () => {
    const data = Buffer.from('HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\na\r\n0123456789\r\n0\r\n\r\n');
    expect(parseResponse(data)).toEqual({ status: 400, body: Buffer.from('abc0123456789'), consumed: data.length, close: true });
  });

  it('waits for the rest of an incomplete response', () => {
    expect(parseResponse(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n'))).toBeNull();
    expect(parseResponse(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel'))).toBeNull();
    expect(parseResponse(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n'))).toBeNull();
  });
});

describe('HttpConnection and runLoad against node:http', () => {
  let server: Server;
  let url: string;
  const seen: Array<{ method?: string; body: string; key?: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        seen.push({ method: req.method, body, key: req.headers['x-api-key'] as string | undefined });
        const n = Number(JSON.parse(body).n);
        if (n === 7) res.setHeader('connection', 'close'); // the client must open another connection, not count an error
        if (n % 2 === 1) res.end(JSON.stringify({ data: { n } })); // Content-Length
        else {
          res.write(JSON.stringify(n % 4 === 0 ? { data: { n } } : { errors: [{ message: 'no' }] })); // chunked
          res.end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends several requests over one keep-alive connection', async () => {
    const target = new URL(url);
    const connection = await HttpConnection.open(target.hostname, Number(target.port));
    const format = postFormatter(target, { 'x-api-key': 'k' });
    for (const n of [1, 4]) {
      const answer = await connection.send(format(JSON.stringify({ n })));
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body.toString())).toEqual({ data: { n } });
    }
    connection.close();
    expect(seen.slice(-2)).toEqual([{ method: 'POST', body: '{"n":1}', key: 'k' }, { method: 'POST', body: '{"n":4}', key: 'k' }]);
  });

  it('counts every request and the answers that name errors', async () => {
    const report = await runLoad({ url, body: (i) => JSON.stringify({ n: i }), concurrency: 3, durationMs: 10_000, maxRequests: 40 });
    expect(report.requests).toBe(40);
    expect(report.errors).toBe(10); // n ≡ 2 (mod 4) answers with errors
    expect(report.p50).toBeGreaterThan(0);
    expect(report.p99).toBeGreaterThanOrEqual(report.p50);
  });

  it('refuses targets off this machine', async () => {
    await expect(runLoad({ url: 'http://example.com/graphql', body: () => '{}', concurrency: 1, durationMs: 10 })).rejects.toThrow('loopback');
  });
});
