/**
 * The routers behind one door (issue 12): which router the inputs choose, the commands it needs
 * on a host, and its check before anything changes. Each router keeps its own part.
 */
import type { Host } from "../hosts/host.js";
import type { SshHost } from "../hosts/ssh/sshhost.js";
import { HaproxyRouter, haproxyProblems } from "./haproxy.js";
import { HAPROXY_ROLES, NGINX_ROLES, type RouterInputs } from "./inputs.js";
import { makeNginxRouter, nginxNeeds } from "./nginx-mode.js";
import type { Router } from "./router.js";
import type { InputRoles } from "../model/model.js";

/** Each router's declared inputs (paths on the host, secrets), for the generic code; `at` is within RouterInputs. */
export const ROUTER_ROLES: Readonly<Record<RouterInputs["kind"], InputRoles>> = { haproxy: HAPROXY_ROLES, nginx: NGINX_ROLES };

/** `notice` carries what nginx-mode: auto chose (issue 16). */
export function makeRouter(r: RouterInputs, host: Host, app: string, notice?: (message: string) => void): Router {
  return r.kind === "haproxy"
    ? new HaproxyRouter({ host, socket: r.socket, backend: r.backend, stateFile: r.stateFile })
    : makeNginxRouter(r, host, app, notice);
}

/** Commands the router runs on the host (looked for by the probe). */
export function routerNeeds(r: RouterInputs): string[] {
  return r.kind === "nginx" ? nginxNeeds(r) : [];
}

/** What keeps the router from working on a host ([] when nothing does), checked before any host changes. */
export function routerProblems(r: RouterInputs, host: SshHost): Promise<string[]> {
  return r.kind === "haproxy" ? haproxyProblems(host, r.socket) : Promise.resolve([]);
}
