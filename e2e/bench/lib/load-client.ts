import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

export interface Exchange {
  status: number;
  headers: IncomingHttpHeaders;
  /** Bytes of the body as they crossed the socket (compressed when the server compressed). */
  wireBytes: number;
  /** The decoded body, when the caller asked to keep it. */
  body: Buffer | null;
  ms: number;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Names a successful exchange by its answer (a failed one counts under the endpoint given to `send`). */
  rename?: (exchange: Exchange) => string;
  /** Keep (and gunzip) the body; otherwise it is only counted. */
  keepBody?: boolean;
  /** A check beyond the status (a short body, say): a message makes the exchange a failure. */
  verify?: (exchange: Exchange) => string | null;
}

export interface Failure {
  endpoint: string;
  request: string;
  status: number | null;
  detail: string;
}

/** Latencies and sizes of one endpoint; a failed exchange counts in `errors`, not in the latencies. */
export interface EndpointStats {
  latencies: number[];
  wireBytes: number[];
  /** The server's own share where it reports one (`Server-Timing: …;dur=`): the rest of a latency is queueing. */
  serverMs: number[];
  errors: number;
}

/** What one phase of a load run recorded, per endpoint. */
export class Recorder {
  readonly endpoints = new Map<string, EndpointStats>();
  readonly failures: Failure[] = [];
  /** When each exchange ended (Date.now()), successful or not: gaps show stalls. */
  readonly ends: number[] = [];

  stats(endpoint: string): EndpointStats {
    let stats = this.endpoints.get(endpoint);
    if (!stats) {
      stats = { latencies: [], wireBytes: [], serverMs: [], errors: 0 };
      this.endpoints.set(endpoint, stats);
    }
    return stats;
  }

  /** Failures grouped by endpoint, status and detail, most frequent first. */
  failureSummary(): { key: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const f of this.failures) {
      const key = `${f.endpoint}: ${f.status ?? 'network'} ${f.detail}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count);
  }
}

/**
 * Many simulated clients over one keep-alive agent with a bounded number of sockets, like a pool of browsers behind
 * one NAT: a request that finds every socket busy waits in the agent, and that wait is part of its latency.
 * Every answer other than 2xx/304, every network error and every timeout is a failure.
 */
export class LoadClient {
  readonly agent: Agent;
  recorder = new Recorder();
  inFlight = 0;
  /** Connections opened so far (kept-alive sockets are reused; this counts what had to be opened anew). */
  opened = 0;

  constructor(
    readonly baseUrl: string,
    readonly connections: number,
    private readonly timeoutMs: number,
  ) {
    // With a `timeout` of its own, the agent drops an idle socket a second before the server's `Keep-Alive:
    // timeout=5` hint runs out; without one, Node ignores the hint and reuses sockets the server is just closing
    // (ECONNRESET, which a browser would retry silently).
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: connections,
      maxFreeSockets: connections,
      timeout: timeoutMs,
    });
    const open = this.agent.createConnection.bind(this.agent);
    this.agent.createConnection = (...args: Parameters<Agent['createConnection']>) => {
      this.opened++;
      return open(...args);
    };
  }

  /** Sockets busy with a request, sockets idle in the pool, and requests waiting in the agent for a socket. */
  sockets(): { busy: number; idle: number; queued: number } {
    const count = (groups: NodeJS.ReadOnlyDict<unknown[]>) =>
      Object.values(groups).reduce((sum, list) => sum + (list?.length ?? 0), 0);
    return { busy: count(this.agent.sockets), idle: count(this.agent.freeSockets), queued: count(this.agent.requests) };
  }

  /** One exchange, recorded under `endpoint`. Answers null when it failed; the failure is recorded. */
  async send(endpoint: string, path: string, options: SendOptions = {}): Promise<Exchange | null> {
    const recorder = this.recorder;
    const method = options.method ?? 'GET';
    const nameOf = (exchange: Exchange | null) => (exchange && options.rename ? options.rename(exchange) : endpoint);
    this.inFlight++;
    const started = performance.now();
    let exchange: Exchange;
    try {
      exchange = await this.exchange(path, method, options, started);
    } catch (error) {
      const name = nameOf(null);
      recorder.stats(name).errors++;
      recorder.failures.push({
        endpoint: name,
        request: `${method} ${path}`,
        status: null,
        detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      return null;
    } finally {
      this.inFlight--;
      recorder.ends.push(Date.now());
    }
    const name = nameOf(exchange);
    const stats = recorder.stats(name);
    const ok = (exchange.status >= 200 && exchange.status < 300) || exchange.status === 304;
    const problem = ok
      ? (options.verify?.(exchange) ?? null)
      : (exchange.body?.toString('utf8').slice(0, 300) ?? `HTTP ${exchange.status}`);
    if (problem !== null) {
      stats.errors++;
      recorder.failures.push({
        endpoint: name,
        request: `${method} ${path}`,
        status: exchange.status,
        detail: problem,
      });
      return null;
    }
    stats.latencies.push(exchange.ms);

    stats.wireBytes.push(exchange.wireBytes);
    const timing = /dur=([0-9.]+)/.exec(String(exchange.headers['server-timing'] ?? ''));
    if (timing) stats.serverMs.push(Number(timing[1]));
    return exchange;
  }

  private exchange(path: string, method: string, options: SendOptions, started: number): Promise<Exchange> {
    return new Promise<Exchange>((resolve, reject) => {
      const headers: Record<string, string> = { 'accept-encoding': 'gzip', ...options.headers };
      if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
      const req = request(
        `${this.baseUrl}${path}`,
        { method, headers, agent: this.agent, signal: AbortSignal.timeout(this.timeoutMs) },
        (res) => {
          const status = res.statusCode ?? 0;
          // Error answers are kept too: their code goes into the failure list.
          const keep = options.keepBody === true || status >= 400;
          const chunks: Buffer[] = [];
          let wireBytes = 0;
          res.on('data', (chunk: Buffer) => {
            wireBytes += chunk.length;
            if (keep) chunks.push(chunk);
          });
          res.on('error', reject);
          res.on('end', () => {
            const ms = performance.now() - started;
            let body: Buffer | null = null;
            if (keep) {
              const raw = Buffer.concat(chunks);
              body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
            }
            resolve({ status, headers: res.headers, wireBytes, body, ms });
          });
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Samples of a process's resident memory (VmRSS) and its peak since start (VmHWM), from Linux /proc. */
export async function memoryOf(pid: number): Promise<{ rssKiB: number; peakKiB: number } | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKiB: field('VmRSS'), peakKiB: field('VmHWM') };
  } catch {
    return null;
  }
}

/**
 * Seconds the process's main thread (where the server's JavaScript and embedded database run) spent on a CPU and
 * waiting in the run queue for one (Linux /proc/<pid>/schedstat): the wait is what a busy shared machine costs.
 */
export async function schedulingOf(pid: number): Promise<{ running: number; waiting: number } | null> {
  try {
    const [running, waiting] = (await readFile(`/proc/${pid}/schedstat`, 'utf8')).trim().split(' ').map(Number);
    return { running: running! / 1e9, waiting: waiting! / 1e9 };
  } catch {
    return null;
  }
}
