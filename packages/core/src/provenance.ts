import { GantryError } from "./errors.js";
import { writeFileAtomic } from "./fsx.js";

/**
 * SLSA v1 provenance in an in-toto Statement v1 (issue 15): what a stage made (subjects and their
 * sha256) and how (the inputs that change the bytes, the source commit, go.sum, the builder and the
 * run). Written as a file; signing it is the user's own step (actions/attest-build-provenance,
 * `cosign attest-blob --type slsaprovenance1`).
 * Statement: https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md
 * Predicate: https://slsa.dev/spec/v1.0/provenance
 */

/** The version of gantry that writes the statement (root package.json; a unit test keeps them equal). */
export const GANTRY_VERSION = "0.1.0";
export const STATEMENT_TYPE_V1 = "https://in-toto.io/Statement/v1";
export const SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
/** The builder id of a run outside GitHub Actions. */
export const GANTRY_CLI_BUILDER = "https://github.com/gantry-dev/gantry/cli";
/** File name of a stage's statement, beside its manifest (go-build) or output (image). */
export const PROVENANCE_FILE = "provenance.intoto.json";

/** `https://github.com/gantry-dev/gantry/go-build@v1` */
export function gantryBuildType(stage: string): string {
  return `https://github.com/gantry-dev/gantry/${stage}@v1`;
}

/** An in-toto ResourceDescriptor, as far as gantry writes one. */
export interface ResourceDescriptor {
  uri?: string;
  name?: string;
  digest: Record<string, string>;
}

export interface Subject {
  name: string;
  digest: { sha256: string };
}

export interface SlsaProvenanceV1 {
  buildDefinition: {
    buildType: string;
    externalParameters: { inputs: Record<string, string>; source?: ResourceDescriptor };
    internalParameters: Record<string, string>;
    resolvedDependencies: ResourceDescriptor[];
  };
  runDetails: {
    builder: { id: string };
    metadata: { invocationId?: string; startedOn: string; finishedOn: string };
  };
}

export interface InTotoStatement {
  _type: typeof STATEMENT_TYPE_V1;
  subject: Subject[];
  predicateType: typeof SLSA_PROVENANCE_V1;
  predicate: SlsaProvenanceV1;
}

export interface ProvenanceOptions {
  /** `gantryBuildType("go-build")`. */
  buildType: string;
  /** Names exactly as in checksums.txt (paths relative to the manifest's folder), or an image reference. */
  subjects: { name: string; sha256: string }[];
  /** Only the inputs that change the bytes, each as given. */
  inputs: Record<string, string>;
  /** The git checkout built: `uri` without the `git+` prefix (a remote URL or a path), the 40-hex commit. */
  source?: { uri: string; commit: string };
  /** E.g. `{ gantry: GANTRY_VERSION, go: "go1.26.8" }`. */
  internal: Record<string, string>;
  /** sha256 of the module's go.sum; "" when it has none; absent when the stage builds no module. */
  goSumSha256?: string;
  /** More inputs the build read, after the source and go.sum (image: its base and go-build's binaries). */
  dependencies?: ResourceDescriptor[];
  env: NodeJS.ProcessEnv;
  startedOn: Date;
  finishedOn: Date;
}

const SHA256 = /^[0-9a-f]{64}$/;
const GIT_COMMIT = /^[0-9a-f]{40}$/;

/** The statement for `opts`; subjects sorted by name, so the same outputs list the same way. */
export function provenanceStatement(opts: ProvenanceOptions): InTotoStatement {
  const subject = subjectsOf(opts.subjects);
  const source = sourceOf(opts.source);
  const internalParameters: Record<string, string> = { ...opts.internal };
  if (opts.goSumSha256 !== undefined) internalParameters.goSumSha256 = opts.goSumSha256;
  const resolvedDependencies: ResourceDescriptor[] = [];
  if (source) resolvedDependencies.push(source);
  if (opts.goSumSha256) resolvedDependencies.push({ name: "go.sum", digest: { sha256: checkSha256("go.sum", opts.goSumSha256) } });
  resolvedDependencies.push(...(opts.dependencies ?? []));
  return {
    _type: STATEMENT_TYPE_V1,
    subject,
    predicateType: SLSA_PROVENANCE_V1,
    predicate: {
      buildDefinition: {
        buildType: opts.buildType,
        externalParameters: { inputs: { ...opts.inputs }, ...(source ? { source } : {}) },
        internalParameters,
        resolvedDependencies,
      },
      runDetails: runDetailsOf(opts.env, opts.startedOn, opts.finishedOn),
    },
  };
}

/** Writes the statement as indented JSON (atomically, so a reader never sees half of it). */
export async function writeProvenance(path: string, statement: InTotoStatement): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(statement, null, 2)}\n`);
}

function checkSha256(name: string, hex: string): string {
  if (!SHA256.test(hex)) throw new GantryError(`provenance: ${name} has sha256 ${JSON.stringify(hex)}, which is not 64 lowercase hex digits`);
  return hex;
}

function subjectsOf(subjects: ProvenanceOptions["subjects"]): Subject[] {
  if (subjects.length === 0) throw new GantryError("provenance: a statement needs at least one subject");
  const names = new Set<string>();
  for (const s of subjects) {
    if (!s.name) throw new GantryError("provenance: a subject has no name");
    if (names.has(s.name)) throw new GantryError(`provenance: the subject ${s.name} is listed twice`);
    names.add(s.name);
    checkSha256(s.name, s.sha256);
  }
  return [...subjects].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((s) => ({ name: s.name, digest: { sha256: s.sha256 } }));
}

function sourceOf(source: ProvenanceOptions["source"]): ResourceDescriptor | undefined {
  if (!source) return undefined;
  if (!GIT_COMMIT.test(source.commit)) throw new GantryError(`provenance: source commit ${JSON.stringify(source.commit)} is not 40 lowercase hex digits`);
  const uri = source.uri.startsWith("git+") ? source.uri : `git+${source.uri}`;
  return { uri, digest: { gitCommit: source.commit } };
}

/**
 * The builder and the run, from the variables every GitHub Actions step has
 * (https://docs.github.com/en/actions/reference/variables-reference); outside Actions, the CLI.
 */
export function runDetailsOf(env: NodeJS.ProcessEnv, startedOn: Date, finishedOn: Date): SlsaProvenanceV1["runDetails"] {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: attempt } = env;
  const runUrl = server && repo && run ? `${server.replace(/\/+$/, "")}/${repo}/actions/runs/${run}` : undefined;
  return {
    builder: { id: runUrl ?? GANTRY_CLI_BUILDER },
    metadata: {
      ...(runUrl ? { invocationId: attempt ? `${runUrl}/attempts/${attempt}` : runUrl } : {}),
      startedOn: startedOn.toISOString(),
      finishedOn: finishedOn.toISOString(),
    },
  };
}
