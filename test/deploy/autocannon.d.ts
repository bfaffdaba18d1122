// The parts of autocannon's programmatic API the deploy tests, bench and demo use (it ships no types).
declare module "autocannon" {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    overallRate?: number;
    timeout?: number;
  }
  interface Result {
    requests: { total: number; average: number };
    latency: { p50: number; p99: number; average: number };
    non2xx: number;
    errors: number;
    timeouts: number;
    "2xx": number;
    duration: number;
  }
  interface Instance {
    stop(): void;
    on(event: "response", fn: (client: unknown, statusCode: number) => void): void;
    on(event: "reqError", fn: (err: Error) => void): void;
    on(event: "done", fn: (r: Result) => void): void;
  }
  function autocannon(opts: Options, cb?: (err: Error | null, r: Result) => void): Instance;
  export default autocannon;
}
