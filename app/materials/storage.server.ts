import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { config } from "~/config.server";

/** Where uploaded files live. Local disk by default; an S3-compatible adapter can be registered instead. */
export interface FileStorage {
  /** Stores bytes and returns the key to read them back (content-addressed: the same file is stored once). */
  put(bytes: Uint8Array, ext: string): Promise<{ key: string; sha256: string }>;
  get(key: string): Promise<Buffer>;
}

/** Files under UPLOAD_DIR (default data/uploads), outside anything the web server serves by itself. */
export function localDiskStorage(root = path.resolve(config().uploadDir)): FileStorage {
  return {
    async put(bytes, ext) {
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const key = path.join(sha256.slice(0, 2), `${sha256}.${ext}`);
      const file = path.join(root, key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, bytes, { flag: "w" });
      return { key, sha256 };
    },
    async get(key) {
      const file = path.resolve(root, key);
      if (!file.startsWith(root + path.sep)) throw new Error("invalid storage key");
      return fs.readFile(file);
    },
  };
}

let storage: FileStorage = localDiskStorage();

export function fileStorage(): FileStorage {
  return storage;
}

export function registerFileStorage(adapter: FileStorage): void {
  storage = adapter;
}
