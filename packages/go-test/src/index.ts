// e2e.ts, lint.ts and vuln.ts are left out on purpose: run.ts loads them when their layer runs, and
// a re-export here would put them back in every go-test start (issue 14).
export * from "./annotate.js";
export * from "./capped.js";
export * from "./coverage.js";
export * from "./events.js";
export * from "./flags.js";
export * from "./gotest.js";
export * from "./inputs.js";
export * from "./junit.js";
export * from "./layers.js";
export * from "./locate.js";
export * from "./packages.js";
export * from "./processes.js";
export * from "./results.js";
export * from "./retry.js";
export * from "./run.js";
export * from "./services.js";
export * from "./stage.js";
export * from "./summary.js";
export * from "./tools.js";
export * from "./vulndb.js";
export * from "./words.js";
