/** A user-facing failure: the message is one clear sentence, shown as is. */
export class GantryError extends Error {
  override name = "GantryError";
}

/** A bad input: names the input, the value and what is accepted. */
export class InputError extends GantryError {
  override name = "InputError";
  constructor(
    readonly input: string,
    readonly value: string,
    readonly accepted: string,
  ) {
    super(`input '${input}': ${JSON.stringify(value)} is not valid; ${accepted}`);
  }
}

/** Returns the message of any thrown value. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
