import type { Host } from "../hosts/host.js";

/**
 * The access-log lines gantry reads: nginx writes them from a `log_format` of gantry's own, with
 * `escape=json` and only nginx's own variables (the upstream(s) that answered, the status, the
 * upstream response time(s)), at fixed places. A request's line, user agent or referer never
 * appears in them, and a line of any other shape is unreadable and ignored: a format that logs
 * `$request` before the upstream fields let a client write `GET /x 127.0.0.1:8082 200 0.001` and
 * be counted as an answer from the new color.
 */

/** The `log_format` line users put in their http {} block (and the README shows). */
export const GANTRY_LOG_FORMAT = `log_format gantry escape=json '{"upstream_addr":"$upstream_addr","status":"$status","upstream_response_time":"$upstream_response_time"}';`;

/** One access-log line as gantry needs it. When nginx tried several upstreams, the status is the last one's. */
export interface LogEntry {
  /** `127.0.0.1:8082`, in the order nginx tried them; empty when nginx answered itself. */
  upstreams: string[];
  status: number;
  /** Seconds, one per upstream ("-" → undefined). */
  times: (number | undefined)[];
}

/** The whole line, exactly as GANTRY_LOG_FORMAT writes it (escape=json leaves no `"` or `\` unescaped inside a value). */
const LINE = /^\{"upstream_addr":"([^"\\]*)","status":"(\d{3})","upstream_response_time":"([^"\\]*)"\}$/;
const ADDR = /^(?:\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}|\[[0-9a-fA-F:]+\]:\d{1,5}|unix:[^\s,]+)$/;
const TIME = /^(?:\d+(?:\.\d+)?|-)$/;
/** nginx separates upstreams of one upstream group with ", " and those reached through an internal redirect with " : ". */
const SEPARATOR = /, | : /;

/** Parses one line in gantry's format; undefined when the line has any other shape (unreadable). */
export function parseLogLine(line: string): LogEntry | undefined {
  const m = LINE.exec(line.endsWith("\r") ? line.slice(0, -1) : line);
  if (!m) return undefined;
  const addr = m[1] as string;
  const time = m[3] as string;
  // nginx answered itself (a 404, a 400 for a bad request line): a readable line about no upstream.
  if (addr === "" || addr === "-") return { upstreams: [], status: Number(m[2]), times: [] };
  const upstreams = addr.split(SEPARATOR);
  const times = time.split(SEPARATOR);
  if (!upstreams.every((u) => ADDR.test(u)) || times.length !== upstreams.length || !times.every((t) => TIME.test(t))) return undefined;
  return { upstreams, status: Number(m[2]), times: times.map((t) => (t === "-" ? undefined : Number(t))) };
}

/** Lines of the log's end that the preflight looks at. */
const TAIL_LINES = 20;

/**
 * Why an access log's lines are not gantry's (undefined when they are, or when it has none yet):
 * its last line is in another format, or lines in another format follow gantry's (two formats
 * written to one file). Older lines from before a format change do not count.
 */
export async function accessLogProblem(host: Host, path: string): Promise<string | undefined> {
  const size = (await host.fileSize(path)) ?? 0;
  const from = Math.max(0, size - 64 * 1024);
  const chunk = await host.readFrom(path, from, 64 * 1024);
  if (!chunk) return undefined;
  const lines = chunk.text.split("\n");
  lines.pop(); // the last line is partial (or empty after the final newline)
  if (from > 0) lines.shift(); // the first line may start mid-line
  const tail = lines.filter((l) => l.trim() !== "").slice(-TAIL_LINES);
  if (tail.length === 0) return undefined;
  const first = tail.findIndex((l) => parseLogLine(l) !== undefined);
  const foreign = first < 0 ? tail.length : tail.slice(first).filter((l) => parseLogLine(l) === undefined).length;
  if (foreign === 0) return undefined;
  return (
    `nginx-access-log ${path} on ${host.name}: ${first < 0 ? `its last ${tail.length} lines are` : `${foreign} of its last ${tail.length} lines are`} not in gantry's format, ` +
    `so gantry cannot read the new version's error rate from it. Add to your http {} block \`${GANTRY_LOG_FORMAT}\` and log to a file of its own with \`access_log ${path} gantry;\` ` +
    "in the server or location that proxies to the app (beside any access_log of yours), then reload nginx"
  );
}
