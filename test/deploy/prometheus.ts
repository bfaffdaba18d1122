/**
 * Prometheus from Debian's package for the analysis tests (issue 13): on a loopback port the OS
 * picked, its own config and TSDB in the test's folder, scraping every second, stopped by pid.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, get, waitFor } from "./support.js";

/** One scrape target: `host:port` and the labels Prometheus gives its series (e.g. the slot's color). */
export interface ScrapeTarget {
  job: string;
  address: string;
  labels?: Record<string, string>;
  /** Default /metrics. */
  path?: string;
}

export interface Prometheus {
  url: string;
  child: ChildProcess;
  /** The instant value of a query, or undefined without one. */
  value(query: string): Promise<number | undefined>;
  stop(): Promise<void>;
}

/** The config: one job per distinct job name, each target with its own labels (how users label a port with its color). */
function config(targets: readonly ScrapeTarget[]): string {
  const jobs = [...new Set(targets.map((t) => t.job))];
  const lines = ["global:", "  scrape_interval: 1s", "  scrape_timeout: 1s", "  evaluation_interval: 1s", "scrape_configs:"];
  for (const job of jobs) {
    const own = targets.filter((t) => t.job === job);
    lines.push(`  - job_name: ${job}`, `    metrics_path: ${own[0]?.path ?? "/metrics"}`, "    static_configs:");
    for (const t of own) {
      lines.push(`      - targets: ["${t.address}"]`);
      if (t.labels) lines.push(`        labels: ${JSON.stringify(t.labels)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Whether Prometheus has all `count` targets in its scrape loops, each scraped once (up or down). */
async function scrapedAll(url: string, count: number): Promise<boolean> {
  const r = await get(`${url}/api/v1/targets?state=active`);
  if (r.status !== 200) return false;
  const active = (JSON.parse(r.body) as { data: { activeTargets: { lastScrape: string }[] } }).data.activeTargets;
  return active.length === count && active.every((t) => !t.lastScrape.startsWith("0001-"));
}

/** Starts Prometheus with data and config under `dir` and waits until it is ready. */
export async function startPrometheus(dir: string, targets: readonly ScrapeTarget[]): Promise<Prometheus> {
  const port = await freePort();
  const cfg = join(dir, "prometheus.yml");
  writeFileSync(cfg, config(targets));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    "prometheus",
    [`--config.file=${cfg}`, `--storage.tsdb.path=${join(dir, "tsdb")}`, `--web.listen-address=127.0.0.1:${port}`, "--log.level=warn"],
    { stdio: "ignore" },
  );
  const p: Prometheus = {
    url,
    child,
    async value(query) {
      const r = await get(`${url}/api/v1/query?${new URLSearchParams({ query })}`);
      const result = r.status === 200 ? (JSON.parse(r.body) as { data: { result: { value: [number, string] }[] } }).data.result : [];
      return result.length === 1 ? Number(result[0]?.value[1]) : undefined;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
  await waitFor("Prometheus to be ready", async () => (await get(`${url}/-/ready`)).status === 200, 30_000);
  // Ready is not yet scraping: Prometheus hands discovered targets to its scrape loops about 5 s
  // after start. A deploy judged before that would find no data at all, however quick the scrapes.
  await waitFor("Prometheus to scrape every target once", async () => scrapedAll(url, targets.length), 30_000);
  return p;
}
