import { GantryError } from "./errors.js";
import { formatDuration } from "./units.js";

/** A URL as messages may show it: scheme, host and path, never userinfo or query (signed URLs carry tokens there). */
export function redactUrl(url: string | URL): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(an unparsable URL)";
  }
}

/** Why a request was cut off: no answer, no data for the idle limit, or not done by its overall deadline. */
export type TimeoutPhase = "answer" | "data" | "deadline";

const PHASE_TEXT: Record<TimeoutPhase, string> = { answer: "got no answer", data: "sent no data", deadline: "was not done" };

/** A request that got no answer, or no more data, within its limit (every fetch has a timeout). */
export class HttpTimeoutError extends GantryError {
  override name = "HttpTimeoutError";
  constructor(
    readonly request: string,
    readonly limitMs: number,
    readonly phase: TimeoutPhase,
  ) {
    super(`${request} ${PHASE_TEXT[phase]} within the ${formatDuration(limitMs)} ${phase === "deadline" ? "overall limit" : "limit"}`);
  }
}

export interface TimedRequest {
  method?: string;
  headers?: Record<string, string>;
  /** Sent in 64 KiB pieces; each piece the server takes restarts the clock, so a slow upload is not cut off. */
  body?: Uint8Array;
  /** Default `manual`: a client that sends credentials follows redirects itself (see image/registry.ts). */
  redirect?: "manual" | "error" | "follow";
  /**
   * The whole request, body read included, must be done within this many ms. The idle timeout
   * alone lets a server that sends a byte just inside it hold the caller for as long as it likes.
   */
  deadlineMs?: number;
}

const PIECE = 64 * 1024;

/**
 * fetch with a timeout that restarts whenever the request makes progress: `timeoutMs` without
 * the answer's headers, without taking a piece of the body, or without a chunk of the response
 * body fails with an HttpTimeoutError naming the method, the URL (redacted) and the limit. With
 * `deadlineMs`, the whole request (the response body's last byte included) must also be done by then.
 */
export async function fetchWithTimeout(url: string | URL, init: TimedRequest, timeoutMs: number): Promise<Response> {
  const what = `${init.method ?? "GET"} ${redactUrl(url)}`;
  const ctrl = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = (phase: "answer" | "data") => {
    clearTimeout(timer);
    timer = setTimeout(() => ctrl.abort(new HttpTimeoutError(what, timeoutMs, phase)), timeoutMs);
    timer.unref();
  };
  const deadline =
    init.deadlineMs === undefined
      ? undefined
      : setTimeout(() => ctrl.abort(new HttpTimeoutError(what, init.deadlineMs as number, "deadline")), init.deadlineMs);
  deadline?.unref();
  const done = () => {
    clearTimeout(timer);
    clearTimeout(deadline);
  };
  arm("answer");
  const bytes = init.body;
  let offset = 0;
  const body =
    bytes && bytes.length > PIECE
      ? new ReadableStream<Uint8Array>({
          pull(c) {
            arm("answer");
            if (offset >= bytes.length) return c.close();
            c.enqueue(bytes.subarray(offset, offset + PIECE));
            offset += PIECE;
          },
        })
      : bytes;
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body,
      redirect: init.redirect ?? "manual",
      signal: ctrl.signal,
      duplex: "half",
    } as RequestInit);
  } catch (err) {
    done();
    throw ctrl.signal.aborted ? ctrl.signal.reason : err;
  }
  if (!res.body) {
    done();
    return res;
  }
  arm("data");
  const watched = res.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, c) {
        arm("data");
        c.enqueue(chunk);
      },
      flush: done,
    }),
    { signal: ctrl.signal },
  );
  return new Response(watched, { status: res.status, statusText: res.statusText, headers: res.headers });
}

/**
 * Reads a body, failing once it passes `max` bytes (a server cannot make gantry buffer
 * without bound). `what` names the document in the error.
 */
export async function readBodyLimited(res: Response, max: number, what: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.length;
    if (size > max) {
      await res.body?.cancel().catch(() => undefined);
      throw new GantryError(`${what} is larger than ${max} bytes; refusing to read more`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Discards a body without reading it (frees the connection). */
export async function discardBody(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => undefined);
}

/**
 * Text a server sent, made safe to print: control and format characters (bidi overrides) dropped,
 * and `%`, CR and LF escaped as @actions/core escapes command data, so the text is one line and
 * no line of it can start a `::` workflow command (issue 10).
 */
export function safeText(text: string): string {
  return text
    .trim()
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .replace(/%/g, "%25")
    .replace(/\n/g, "%0A")
    .replace(/[\p{Cc}\p{Cf}]/gu, "");
}

/** At most `max` bytes (4 KiB) of an error body, as safe text; the rest is not read. */
export async function readErrorBody(res: Response, max = 4096): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body ?? []) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= max) break;
    }
  } catch {
    // A body that breaks off is still reported with what arrived.
  }
  await res.body?.cancel().catch(() => undefined);
  const text = Buffer.concat(chunks)
    .subarray(0, max)
    .toString("utf8")
    .replace(/\uFFFD+$/, "");
  return safeText(text) + (size > max ? " …" : "");
}
