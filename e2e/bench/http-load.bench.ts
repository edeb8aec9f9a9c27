import autocannon from 'autocannon';
import { startServer, type RunningServer } from '../fixtures/server.js';
import type { BenchData } from './lib/bench-data.js';
import type { BenchReport } from './lib/report.js';
import { startBareHono } from './lib/processes.js';

const connections = 64;
const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);

async function load(url: string) {
  const result = await autocannon({ url, connections, duration: durationSeconds, pipelining: 1 });
  const failures = result.errors + result.timeouts + result.non2xx;
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p99: result.latency.p99,
    failures,
  };
}

async function pickMeeting(server: RunningServer): Promise<{ meetingId: string; bodyId: string; items: number }> {
  const bodies = (await (await fetch(`${server.baseUrl}/api/bodies`)).json()) as {
    data: { id: string; slug: string }[];
  };
  let best = { meetingId: '', bodyId: '', items: -1 };
  for (const body of bodies.data) {
    const meetings = (await (
      await fetch(`${server.baseUrl}/api/bodies/${body.slug}/meetings?order=desc&limit=20`)
    ).json()) as { data: { id: string }[] };
    for (const meeting of meetings.data) {
      const detail = (await (await fetch(`${server.baseUrl}/api/meetings/${meeting.id}`)).json()) as {
        agendaItems: unknown[];
      };
      if (detail.agendaItems.length > best.items)
        best = { meetingId: meeting.id, bodyId: body.id, items: detail.agendaItems.length };
    }
  }
  return best;
}

/** Meeting JSON and OParl list pages under 64 connections, beside a bare Hono server in the same run. */
export async function httpLoadBenchmark(report: BenchReport, data: BenchData): Promise<void> {
  console.log(`\n# HTTP load (autocannon, ${connections} connections, ${durationSeconds} s each, loopback)`);
  const server = await startServer({ env: data.serverEnv, keepDataDir: data.keepDataDir, readyTimeoutMs: 240_000 });
  const bare = await startBareHono();
  try {
    const { meetingId, bodyId, items } = await pickMeeting(server);
    const baseline = await load(`${bare.baseUrl}/`);
    const baselineText = `${baseline.requestsPerSecond} req/s, p99 ${baseline.p99} ms (bare Hono)`;
    const targets: [string, string][] = [
      [`meeting with agenda (${items} items), GET /api/meetings/:id`, `${server.baseUrl}/api/meetings/${meetingId}`],
      ['OParl papers list page, GET /oparl/v1/body/:id/papers', `${server.baseUrl}/oparl/v1/body/${bodyId}/papers`],
      [
        'OParl meetings list page, GET /oparl/v1/body/:id/meetings',
        `${server.baseUrl}/oparl/v1/body/${bodyId}/meetings`,
      ],
    ];
    for (const [name, url] of targets) {
      const probe = await fetch(url);
      if (probe.status !== 200) {
        report.add({
          benchmark: 'HTTP load',
          measure: name,
          value: `not measured (HTTP ${probe.status})`,
          baseline: baselineText,
        });
        continue;
      }
      const figures = await load(url);
      report.add({
        benchmark: 'HTTP load',
        measure: name,
        value: `${figures.requestsPerSecond} req/s, p99 ${figures.p99} ms`,
        baseline: baselineText,
        note: `${figures.failures} failed requests; ${Math.round((figures.requestsPerSecond / baseline.requestsPerSecond) * 100)}% of bare`,
      });
    }
  } finally {
    await bare.stop();
    await server.stop();
  }
}
