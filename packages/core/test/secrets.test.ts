/** The one secret-name rule deploy and go-test share (they had drifted apart). */
import { describe, expect, it } from "vitest";
import { envSecrets, isSecretName } from "../src/secrets.js";

describe("isSecretName", () => {
  // The union of what deploy and go-test each covered before.
  it.each([
    "GITHUB_TOKEN",
    "CLIENT_SECRET",
    "PGPASSWORD",
    "DB_PASSWD",
    "GPG_PASSPHRASE",
    "AWS_CREDENTIALS",
    "PRIVATE_PEM",
    "STRIPE_API_KEY",
    "APIKEY",
    "AWS_ACCESS_KEY_ID",
    "ACCESSKEY",
    "BASIC_AUTH",
    "SENTRY_DSN",
    "DATABASE_URL",
    "SIGNING_KEY",
    "github_token",
  ])("%s is a secret", (name) => expect(isSecretName(name)).toBe(true));

  it.each(["PORT", "HOST", "MODE", "LOG_LEVEL", "KEYBOARD", "GIN_MODE", "REDIS_URL"])("%s is not", (name) => expect(isSecretName(name)).toBe(false));
});

describe("envSecrets", () => {
  it("takes values of secret names and URL passwords in any value, each once, never empty", () => {
    expect(envSecrets({ SENTRY_DSN: "https://k@s.io/1", PORT: "8080", REDIS_URL: "redis://:p%40w@h:6379", EMPTY_TOKEN: "", A_KEY: "k" })).toEqual([
      "https://k@s.io/1",
      "p%40w",
      "p@w",
      "k",
    ]);
  });
});
