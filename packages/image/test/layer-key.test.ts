import { sha256 } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { type LayerEntry, diffIdOf, entriesKey, tarKey } from "../src/layer-key.js";
import { entriesSource, layerTar, lazySource } from "../src/layer.js";
import { binaryLike } from "./bytes.js";

const data = binaryLike(40_000, 21);
const entries: LayerEntry[] = [{ path: "usr/local/bin/api", mode: 0o755, data }];

describe("layer cache keys", () => {
  it("name the tar: the same entries and mtime give the same key and the same tar", async () => {
    const copy: LayerEntry[] = [{ path: "usr/local/bin/api", mode: 0o755, data: Buffer.from(data) }];
    expect(entriesKey(copy, 5)).toBe(entriesKey(entries, 5));
    expect(diffIdOf(await layerTar(copy, 5))).toBe(diffIdOf(await layerTar(entries, 5)));
  });

  it("a verified sha256 stands for the data: it gives the key hashing the data gives", () => {
    expect(entriesKey([{ ...entries[0], sha256: sha256(data) } as LayerEntry], 5)).toBe(entriesKey(entries, 5));
  });

  it("a file known only by its verified sha256 and size gives the key its data gives (its layer is keyed before it is read)", () => {
    const deferred = { path: "usr/local/bin/api", mode: 0o755, sha256: sha256(data), size: data.length };
    expect(entriesKey([deferred], 5)).toBe(entriesKey(entries, 5));
    expect(entriesKey([{ ...deferred, size: data.length + 1 }], 5)).not.toBe(entriesKey(entries, 5));
  });

  it("a lazy source is keyed before its file is read, and reads it only to build the tar: the same key and tar as the data's", async () => {
    let reads = 0;
    const lazy = {
      path: "usr/local/bin/api",
      mode: 0o755,
      sha256: sha256(data),
      size: data.length,
      read: async () => {
        reads++;
        return data;
      },
    };
    const source = lazySource([{ path: "tmp/", mode: 0o1777 }, lazy], 5, "binary");
    const plain = entriesSource([{ path: "tmp/", mode: 0o1777 }, ...entries], 5, "binary");
    expect(source.key).toBe(plain.key);
    expect(reads).toBe(0);
    expect(Buffer.from(await source.tar()).equals(Buffer.from(await plain.tar()))).toBe(true);
    expect(reads).toBe(1);
  });

  it.each([
    ["a byte of the data", [{ path: "usr/local/bin/api", mode: 0o755, data: Buffer.concat([data, Buffer.from([0])]) }], 5],
    ["the path", [{ path: "usr/local/bin/app", mode: 0o755, data }], 5],
    ["the mode", [{ path: "usr/local/bin/api", mode: 0o700, data }], 5],
    ["an added folder", [...entries, { path: "tmp/", mode: 0o1777 }], 5],
    ["the mtime", entries, 6],
  ] as [string, LayerEntry[], number][])("change with %s", (_what, changed, mtime) => {
    expect(entriesKey(changed, mtime)).not.toBe(entriesKey(entries, 5));
  });

  it("of a tar given as bytes come from its diff_id and differ from any entries' key", async () => {
    const tar = await layerTar(entries, 5);
    expect(tarKey(diffIdOf(tar))).toMatch(/^[0-9a-f]{64}$/);
    expect(tarKey(diffIdOf(tar))).not.toBe(entriesKey(entries, 5));
  });
});
