import { InputError, nearest } from "@gantry/core";
import { type WordsError, splitWords } from "./words.js";

/**
 * Every flag `go test` accepts (build flags and test flags, Go 1.19 to 1.25), so a typo in `args`
 * fails before anything runs instead of as a go error halfway through the layers.
 */
const GO_TEST_FLAGS: readonly string[] = [
  // build flags (go help build)
  "a asan asmflags buildmode buildvcs compiler gccgoflags gcflags installsuffix ldflags linkshared mod modcacherw modfile msan n overlay p pgo",
  "pkgdir race tags toolexec trimpath v work x cover covermode coverpkg",
  // test flags (go help testflag)
  "args artifacts bench benchmem benchtime blockprofile blockprofilerate c count coverprofile cpu cpuprofile exec failfast fullpath fuzz",
  "fuzzcachedir fuzzminimizetime fuzztime i json list memprofile memprofilerate mutexprofile mutexprofilefraction o outputdir parallel run",
  "short shuffle skip timeout trace vet",
].flatMap((line) => line.split(" "));

/** Flags the action sets itself, each through its own input or layer. */
const OWNED: Record<string, string> = {
  json: "the action always runs go test -json",
  race: "add the race layer to layers",
  short: "the unit layer runs with -short",
  tags: "use integration-tags / e2e-tags (the tags of the integration and e2e layers)",
  cover: "use the coverage input",
  covermode: "use the coverage input (set mode, atomic in the race layer)",
  coverpkg: "use the coverage input (coverage covers the whole module)",
  coverprofile: "use coverage-profile",
  count: "use the count input",
  timeout: "use the timeout input",
  shuffle: "use the shuffle input",
  c: "the action runs the tests; -c would only compile them",
  o: "the action runs the tests; -o only names a compiled test binary",
  i: "-i is obsolete",
  args: "arguments for test binaries cannot be validated as flags",
  exec: "-exec would run test binaries through another program the action does not control",
  list: "-list lists tests instead of running them",
  n: "-n prints commands instead of running them",
};

/**
 * Flags that take no value. Any other flag takes one, given as `-name=value` or, as Go's flag
 * package reads it, as the next word (`-run TestX`).
 */
const BOOLEAN_FLAGS: ReadonlySet<string> = new Set(
  "a asan linkshared modcacherw msan n race trimpath v work x benchmem failfast fullpath json short i c cover".split(" "),
);

/** Go flag syntax: one or two dashes, a name, and `=value` when it takes one. */
const FLAG = /^--?([a-z][a-z0-9.]*)(=[\s\S]*)?$/;

/**
 * Parses `args` (extra go test flags): words split like a shell would, but without one; each must be
 * a known go test flag, not one the action owns, written as `-name`, `-name=value` or `-name value`
 * (returned as `-name=value`, so a value is never taken for a package).
 */
export function parseGoTestArgs(text: string, input = "args"): string[] {
  let words: string[];
  try {
    words = splitWords(text).map((w) => w.text);
  } catch (err) {
    throw new InputError(input, text, `${(err as WordsError).message}; accepted: go test flags such as -p=2 -failfast`);
  }
  const flags: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const m = FLAG.exec(w);
    if (!m)
      throw new InputError(
        input,
        w,
        "accepted: go test flags written as -name, -name=value or -name value (e.g. -p=2, -failfast, -run TestX); packages go in the packages input",
      );
    const name = (m[1] as string).replace(/^test\./, "");
    if (!GO_TEST_FLAGS.includes(name)) {
      throw new InputError(
        input,
        w,
        `-${name} is not a go test flag; nearest: ${nearest(name, GO_TEST_FLAGS, 3)
          .map((f) => `-${f}`)
          .join(", ")}`,
      );
    }
    const owned = OWNED[name];
    if (owned) throw new InputError(input, w, `-${name} is set by the action: ${owned}`);
    if (m[2] !== undefined || BOOLEAN_FLAGS.has(name)) flags.push(w);
    else if (i + 1 < words.length) flags.push(`${w}=${words[++i]}`);
    else throw new InputError(input, w, `-${name} takes a value: -${name}=value or -${name} value`);
  }
  return flags;
}
