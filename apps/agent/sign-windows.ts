import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { z } from "zod";

/**
 * What Authenticode signing needs: the certificate (chain) and private key as PEM files, the
 * key's password when it has one, and an RFC 3161 timestamp server when one can be reached (CI is
 * offline: without it the signature is valid only as long as the certificate is).
 */
export type SigningIdentity = { cert: string; key: string; keyPassword?: string; timestampUrl?: string };

const ZSigningEnv = z.object({
  HELPLINE_SIGN_CERT: z.string().min(1).optional(),
  HELPLINE_SIGN_KEY: z.string().min(1).optional(),
  HELPLINE_SIGN_KEY_PASSWORD: z.string().min(1).optional(),
  HELPLINE_SIGN_TIMESTAMP_URL: z.url({ protocol: /^https?$/ }).optional(),
});

/**
 * The signing identity named by HELPLINE_SIGN_CERT / HELPLINE_SIGN_KEY (PEM paths), with the
 * optional HELPLINE_SIGN_KEY_PASSWORD and HELPLINE_SIGN_TIMESTAMP_URL; null when neither path is
 * set (an unsigned build). Throws when only one of the two is set, when a file is missing, or when
 * the timestamp URL is not http(s): a build asked to sign must not quietly ship unsigned files.
 */
export function signingIdentityFromEnv(env: NodeJS.ProcessEnv = process.env): SigningIdentity | null {
  const parsed = ZSigningEnv.parse({
    HELPLINE_SIGN_CERT: env.HELPLINE_SIGN_CERT || undefined,
    HELPLINE_SIGN_KEY: env.HELPLINE_SIGN_KEY || undefined,
    HELPLINE_SIGN_KEY_PASSWORD: env.HELPLINE_SIGN_KEY_PASSWORD || undefined,
    HELPLINE_SIGN_TIMESTAMP_URL: env.HELPLINE_SIGN_TIMESTAMP_URL || undefined,
  });
  const { HELPLINE_SIGN_CERT: cert, HELPLINE_SIGN_KEY: key } = parsed;
  if (!cert && !key) return null;
  if (!cert || !key) throw new Error("Signing needs both HELPLINE_SIGN_CERT and HELPLINE_SIGN_KEY (PEM files).");
  for (const file of [cert, key]) if (!fs.existsSync(file)) throw new Error(`Signing: ${file} does not exist.`);
  return {
    cert,
    key,
    keyPassword: parsed.HELPLINE_SIGN_KEY_PASSWORD,
    timestampUrl: parsed.HELPLINE_SIGN_TIMESTAMP_URL,
  };
}

/** True when `file` (a PE or an MSI) carries an Authenticode signature, valid or not. */
function hasSignature(file: string): boolean {
  try {
    execFileSync("osslsigncode", ["extract-signature", "-in", file, "-out", "/dev/null"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * Signs `file` in place with osslsigncode: Authenticode, SHA-256 digest, description "Helpline
 * Agent", an RFC 3161 timestamp when the identity names a server. A signature already there (a
 * rebuild reusing a signed .exe, or the one node.exe shipped with, which injecting the agent broke)
 * is removed first, so the file ends with exactly this one. Throws with osslsigncode's output when
 * it fails; the file is then unchanged.
 */
export function signFile(file: string, identity: SigningIdentity): void {
  const unsigned = `${file}.unsigned`;
  const signed = `${file}.signed`;
  try {
    if (hasSignature(file)) execFileSync("osslsigncode", ["remove-signature", "-in", file, "-out", unsigned]);
    else fs.copyFileSync(file, unsigned);
    execFileSync(
      "osslsigncode",
      [
        "sign",
        "-certs",
        identity.cert,
        "-key",
        identity.key,
        ...(identity.keyPassword ? ["-pass", identity.keyPassword] : []),
        "-h",
        "sha256",
        "-n",
        "Helpline Agent",
        ...(identity.timestampUrl ? ["-ts", identity.timestampUrl] : []),
        "-in",
        unsigned,
        "-out",
        signed,
      ],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    fs.renameSync(signed, file);
  } catch (error) {
    const output = (error as { stderr?: string; stdout?: string }).stderr || (error as Error).message;
    throw new Error(`Signing ${file} failed: ${output.trim()}`, { cause: error });
  } finally {
    fs.rmSync(unsigned, { force: true });
    fs.rmSync(signed, { force: true });
  }
}
