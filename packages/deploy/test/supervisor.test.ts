import { InputError, InputReader, mapInputSource } from "@gantry/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEPLOY_INPUTS, parseDeployInputs } from "../src/inputs.js";
import { parseStatus, renderProgram, supervisorEnvironment, unquotable, withAutostart } from "../src/runtimes/supervisor-conf.js";

const parse = (values: Record<string, string>) => parseDeployInputs(new InputReader(mapInputSource(values), DEPLOY_INPUTS), "/work");

const spec = {
  name: "hello-green",
  binary: "/var/lib/gantry/hello/releases/v2/hello",
  directory: "/var/lib/gantry/hello/releases/v2",
  env: { PATH: "/usr/bin:/bin", GIN_MODE: "release", PORT: "8082" },
  autostart: true,
  stopWaitSecs: 30,
  stdoutLog: "/var/lib/gantry/hello/logs/green.stdout.log",
  stderrLog: "/var/lib/gantry/hello/logs/green.stderr.log",
  user: "",
};

describe("runtime: supervisor's program file", () => {
  it("renders every directive of issue 12", () => {
    expect(renderProgram(spec)).toBe(
      `; Written by gantry deploy (runtime: supervisor); rewritten on every cutover.
[program:hello-green]
command='/var/lib/gantry/hello/releases/v2/hello'
directory=/var/lib/gantry/hello/releases/v2
environment=PATH="/usr/bin:/bin",GIN_MODE="release",PORT="8082"
autostart=true
autorestart=true
startsecs=1
stopsignal=TERM
stopwaitsecs=30
stdout_logfile=/var/lib/gantry/hello/logs/green.stdout.log
stderr_logfile=/var/lib/gantry/hello/logs/green.stderr.log
`,
    );
    expect(renderProgram({ ...spec, user: "www-data", stopWaitSecs: 0 })).toMatch(/\nuser=www-data\n[\s\S]*\nstopwaitsecs=1\n/);
  });

  it("escapes % and quotes the binary as one shlex word", () => {
    const text = renderProgram({ ...spec, binary: "/srv/it's 100%/hello", directory: "/srv/it's 100%" });
    expect(text).toContain("command='/srv/it'\\''s 100%%/hello'\n");
    expect(text).toContain("directory=/srv/it's 100%%\n");
  });

  it("quotes env values as supervisor's non-POSIX shlex reads them", () => {
    expect(supervisorEnvironment({ A: "a,b c", B: 'say "hi" now', C: "it's", D: "", E: "100%" })).toBe(`A="a,b c",B='say "hi" now',C="it's",D="",E="100%%"`);
  });

  it("refuses what supervisor would change, naming the key but never the value", () => {
    for (const v of ['"quoted"', "x'", `both ' and "`, "two\nlines", "x ;comment", "x\t#comment", "%(here)s"]) expect(unquotable(v)).toBeDefined();
    expect(() => supervisorEnvironment({ API_TOKEN: "s3cret ;x" })).toThrow(/the value of API_TOKEN cannot be passed to supervisor: .*comment/);
    expect(() => supervisorEnvironment({ API_TOKEN: "s3cret ;x" })).not.toThrow(/s3cret/);
    expect(() => renderProgram({ ...spec, directory: "/srv/a ;b" })).toThrow(/the release folder "\/srv\/a ;b" cannot be written .*comment/);
    expect(() => renderProgram({ ...spec, name: "bad:name" })).toThrow(/not a valid supervisor program name/);
  });

  it("every value is either written or refused, never written changed (property)", () => {
    fc.assert(
      fc.property(fc.string(), (v) => {
        const why = unquotable(v);
        if (why) return;
        const out = supervisorEnvironment({ K: v });
        // Undo what supervisor does: %% → %, then strip the quotes.
        expect(
          out
            .slice(2)
            .replaceAll("%%", "%")
            .replace(/^["']|["']$/g, ""),
        ).toBe(v);
      }),
    );
  });

  it("turns autostart off and on without touching the rest", () => {
    const text = renderProgram(spec);
    const off = withAutostart(text, false);
    expect(off).toBe(text.replace("autostart=true", "autostart=false"));
    expect(withAutostart(off, true)).toBe(text);
  });

  it("reads supervisorctl status lines captured from supervisor 4.2.5", () => {
    expect(parseStatus("hello-blue", "hello-blue                       RUNNING   pid 28179, uptime 0:00:03\n")).toMatchObject({ state: "RUNNING", pid: 28179 });
    expect(parseStatus("hello-blue", "hello-blue                       STARTING  \n")).toMatchObject({ state: "STARTING", pid: 0 });
    expect(parseStatus("hello-blue", "hello-blue                       STOPPED   Not started\n")).toMatchObject({ state: "STOPPED", pid: 0 });
    expect(parseStatus("hello-blue", "hello-blue: ERROR (no such process)\n")).toMatchObject({ state: "MISSING", pid: 0 });
    // Another program whose name starts the same is not this one.
    expect(parseStatus("hello-blue", "hello-blue-x                     RUNNING   pid 5, uptime 0:00:03\n").state).toBe("MISSING");
  });
});

describe("runtime: supervisor's inputs", () => {
  it("has Debian's defaults", () => {
    expect(parse({ runtime: "supervisor" })).toMatchObject({
      runtime: "supervisor",
      supervisor: { confDir: "/etc/supervisor/conf.d", config: "/etc/supervisor/supervisord.conf", user: "" },
    });
  });

  it.each([
    [{ runtime: "supervisor", env: "API_TOKEN=s3cret ;x" }, "env", /"API_TOKEN=…".*runtime: supervisor passes env in its program file/],
    [{ runtime: "supervisor", env: "A='quoted'" }, "env", /quotes at either end/],
    [{ runtime: "supervisor", user: "Root Admin" }, "user", /accepted: a user name/],
    [{ runtime: "process", user: "www-data" }, "user", /runtime: supervisor and systemd only/],
    [{ runtime: "supervisor", "supervisor-conf-dir": "a\nb" }, "supervisor-conf-dir", /a file path on one line/],
    [{ runtime: "supervisor", "supervisor-config": "a\nb" }, "supervisor-config", /a file path on one line/],
    [{ runtime: "supervisor", "state-dir": "/srv/a ;b" }, "state-dir", /runtime: supervisor names it .*comment/],
  ])("refuses %j naming %s", (values, input, message) => {
    let err: unknown;
    try {
      parse(values);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe(input);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain("s3cret");
  });
});
