// The stage and the single-host run.
export * from "./deploy.js";
export * from "./inputs.js";
export * from "./stage.js";
export * from "./status.js";
export * from "./summary.js";
// fleet/: many hosts over SSH.
export * from "./fleet/fleet.js";
export * from "./fleet/preflight.js";
export * from "./fleet/remote.js";
export * from "./fleet/report.js";
export * from "./fleet/status.js";
// engine/: the journaled cutover on one host.
export * from "./engine/audit.js";
export * from "./engine/cutover.js";
export * from "./engine/health.js";
export * from "./engine/journal.js";
export * from "./engine/lock.js";
export * from "./engine/recover.js";
export * from "./engine/release.js";
export * from "./engine/timeline.js";
// routers/ and runtimes/.
export * from "./routers/accesslog.js";
export * from "./routers/cmdline.js";
export * from "./routers/haproxy.js";
export * from "./routers/inputs.js";
export * from "./routers/nginx.js";
export * from "./routers/router.js";
export * from "./routers/routers.js";
export * from "./runtimes/runtime.js";
export * from "./runtimes/supervisor.js";
export * from "./runtimes/supervisor-conf.js";
export * from "./runtimes/systemd.js";
export * from "./runtimes/systemd-unit.js";
// hosts/: this machine and the SSH transport.
export * from "./hosts/host.js";
export * from "./hosts/localhost.js";
export * from "./hosts/ssh/connect.js";
export * from "./hosts/ssh/hosts.js";
export * from "./hosts/ssh/inputs.js";
export * from "./hosts/ssh/keys.js";
export * from "./hosts/ssh/loopback.js";
export * from "./hosts/ssh/options.js";
export * from "./hosts/ssh/session.js";
export * from "./hosts/ssh/shell.js";
export * from "./hosts/ssh/sshhost.js";
// model/: the values everything shares.
export * from "./model/model.js";
