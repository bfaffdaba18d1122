/**
 * What each runtime's inputs are to the generic code (paths on the host, paths on the runner,
 * secrets), declared in one place; their values are parsed and checked in the stage's inputs.ts,
 * and their settings sit at the top of DeployInputs (so would a secret's `at`).
 */
import type { InputRoles } from "../model/model.js";

/** runtime: process: only state-dir, which every runtime shares. */
export const PROCESS_ROLES: InputRoles = { serverPaths: [], secrets: [] };

/** runtime: docker: the image archive is read on the runner and streamed to the host's daemon. */
export const DOCKER_ROLES: InputRoles = { serverPaths: [], runnerPaths: ["image-archive"], secrets: [] };

/** runtime: supervisor: the include folder and supervisord's config, both on the host. */
export const SUPERVISOR_ROLES: InputRoles = { serverPaths: ["supervisor-conf-dir", "supervisor-config"], secrets: [] };

/** runtime: systemd: its units' folder is fixed (/etc/systemd/system). */
export const SYSTEMD_ROLES: InputRoles = { serverPaths: [], secrets: [] };

/** Every runtime's declarations, by the `runtime` input's value. */
export const RUNTIME_ROLES: Readonly<Record<"process" | "docker" | "supervisor" | "systemd", InputRoles>> = {
  process: PROCESS_ROLES,
  docker: DOCKER_ROLES,
  supervisor: SUPERVISOR_ROLES,
  systemd: SYSTEMD_ROLES,
};
