import fs from "node:fs";
import { config } from "~/config.server";

/**
 * The application's notion of "now". End-to-end tests move it forward by writing an offset in milliseconds to
 * the file named by HALL_CLOCK_FILE (set only when the test starts the server); otherwise it is the real time.
 */
export function now(): Date {
  const file = config().clockFile;
  if (file) {
    try {
      const offset = Number(fs.readFileSync(file, "utf8").trim());
      if (Number.isFinite(offset)) return new Date(Date.now() + offset);
    } catch {
      // no offset written yet
    }
  }
  return new Date();
}
