import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * A secret kept in the hub's data folder, made on first use: lets a laptop run sign tokens and
 * chain the audit log with no set-up. Production passes secrets through the environment instead.
 * Created with O_EXCL so that replicas starting together agree on one value.
 */
export function localSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const secret = fs.readFileSync(file, "utf8").trim();
  if (secret.length < 32) throw new Error(`The secret in ${file} is too short; delete the file to have a new one made.`);
  return secret;
}
