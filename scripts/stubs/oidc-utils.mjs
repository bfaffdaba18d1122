// Bundled in place of @actions/core's lib/oidc-utils.js (see scripts/build.mjs): gantry never
// requests an OIDC token, and the real module loads @actions/http-client and undici (~850 KB)
// at every action's start. Anything that does ask for a token gets a clear error.
// biome-ignore lint/complexity/noStaticOnlyClass: the same shape as the class it replaces
export class OidcClient {
  static async getIDToken() {
    throw new Error("gantry's bundles leave out OIDC support (core.getIDToken); see scripts/build.mjs");
  }
}
