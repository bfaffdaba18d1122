/**
 * The exports of a CommonJS package loaded with `await import()` (issue 14: loaded when used, not at
 * start-up). Node gives its named exports, but in the bundle esbuild makes such a package a chunk
 * whose only export is `default` (its `module.exports`), so the names are read from there.
 */
export function commonJsExports<T extends object>(m: T): T {
  return (m as { default?: T }).default ?? m;
}
