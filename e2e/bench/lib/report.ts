import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchFigure {
  benchmark: string;
  measure: string;
  value: string;
  /** The limit measured in the same run (a bare server, a raw copy), or a fixed budget from an issue. */
  baseline: string;
  note?: string;
}

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../results');

/** Collects figures from every benchmark and writes them as one markdown table. */
export class BenchReport {
  readonly figures: BenchFigure[] = [];

  add(figure: BenchFigure): void {
    this.figures.push(figure);
    const note = figure.note ? `  (${figure.note})` : '';
    console.log(`  ${figure.measure}: ${figure.value}   | baseline: ${figure.baseline}${note}`);
  }

  toMarkdown(meta: Record<string, string>): string {
    const lines = [
      '# Benchmark results',
      '',
      ...Object.entries(meta).map(([k, v]) => `- ${k}: ${v}`),
      '',
      '| benchmark | measure | value | baseline (same run) | note |',
      '|---|---|---|---|---|',
      ...this.figures.map((f) => `| ${f.benchmark} | ${f.measure} | ${f.value} | ${f.baseline} | ${f.note ?? ''} |`),
      '',
    ];
    return lines.join('\n');
  }

  async write(meta: Record<string, string>, fileName: string): Promise<string> {
    await mkdir(resultsDir, { recursive: true });
    const file = path.join(resultsDir, fileName);
    await writeFile(file, this.toMarkdown(meta));
    return file;
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
