import { connect, type Socket } from 'node:net';

/** One answered request: the status code and the body's bytes. */
export interface HttpAnswer {
  status: number;
  body: Buffer;
}

const CRLF2 = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/**
 * A keep-alive HTTP/1.1 client connection for load generation, in the manner of wrk: each request is
 * written as one pre-formatted buffer and the answer is parsed only as far as needed (status line,
 * Content-Length or chunked body). On a two-core machine the load tool shares the cores with the server
 * it measures; node:http's client (request and response objects, header maps, streams) took ~270 µs of
 * CPU per request here, this one a fraction of that. One request at a time (no pipelining).
 */
export class HttpConnection {
  private buffered: Buffer = Buffer.alloc(0);
  private pending: { resolve: (a: HttpAnswer) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      this.tryAnswer();
    });
    const fail = (error: Error) => {
      this.failure = error;
      this.pending?.reject(error);
      this.pending = null;
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
  }

  static open(host: string, port: number): Promise<HttpConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port }, () => {
        socket.off('error', reject);
        resolve(new HttpConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  /** True once the connection failed or the server closed it (after a `Connection: close` answer, say): open another. */
  get closed(): boolean {
    return this.failure !== null;
  }

  /** Sends a whole request (head and body, already formatted) and resolves with the answer. */
  send(request: Buffer): Promise<HttpAnswer> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending) return Promise.reject(new Error('one request at a time per connection'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private tryAnswer(): void {
    if (!this.pending) return;
    const answer = parseResponse(this.buffered);
    if (!answer) return;
    this.buffered = this.buffered.subarray(answer.consumed);
    const { resolve } = this.pending;
    this.pending = null;
    if (answer.close) {
      // The server ends the connection after this answer: closed now, before the caller sends again.
      this.failure = new Error('connection closed by the server');
      this.socket.destroy();
    }
    resolve({ status: answer.status, body: answer.body });
  }
}

/** A parsed response: status, body, bytes it took, and whether the server closes the connection after it. */
export interface ParsedResponse {
  status: number;
  body: Buffer;
  consumed: number;
  close: boolean;
}

/** The first complete HTTP/1.1 response in `data`, or null while it is incomplete. */
export function parseResponse(data: Buffer): ParsedResponse | null {
  const headEnd = data.indexOf(CRLF2);
  if (headEnd < 0) return null;
  const head = data.toString('latin1', 0, headEnd);
  const status = Number(head.slice(9, 12));
  const close = /\r\nconnection:\s*close/i.test(head);
  const lengthMatch = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  const bodyStart = headEnd + 4;
  if (lengthMatch) {
    const end = bodyStart + Number(lengthMatch[1]);
    return data.length < end ? null : { status, body: data.subarray(bodyStart, end), consumed: end, close };
  }
  if (!/\r\ntransfer-encoding:\s*chunked/i.test(head)) throw new Error('response without Content-Length or chunked encoding');
  const parts: Buffer[] = [];
  let at = bodyStart;
  for (;;) {
    const lineEnd = data.indexOf(CRLF, at);
    if (lineEnd < 0) return null;
    const size = parseInt(data.toString('latin1', at, lineEnd), 16);
    if (Number.isNaN(size)) throw new Error('malformed chunk size');
    const chunkEnd = lineEnd + 2 + size;
    if (data.length < chunkEnd + 2) return null;
    if (size === 0) return { status, body: Buffer.concat(parts), consumed: chunkEnd + 2, close };
    parts.push(data.subarray(lineEnd + 2, chunkEnd));
    at = chunkEnd + 2;
  }
}

/** POST requests to `target` with these headers: the fixed part of the head formatted once, each request adds its length and body. */
export function postFormatter(target: URL, headers: Record<string, string>): (body: string) => Buffer {
  const fixed = [`POST ${target.pathname}${target.search} HTTP/1.1`, `Host: ${target.host}`, 'Connection: keep-alive', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  const head = Buffer.from(`${fixed.join('\r\n')}\r\nContent-Length: `, 'latin1');
  return (body) => {
    const bytes = Buffer.from(body);
    return Buffer.concat([head, Buffer.from(`${bytes.length}\r\n\r\n`, 'latin1'), bytes]);
  };
}
