import "server-only";
import { SESSION_LIFETIME_MS, signInTechnician, ZSignInInput } from "@helpline/core";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";

export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}
export class SignInThrottled extends CredentialsSignin {
  override code = "throttled";
}

// The server puts the caller's address here (apps/console/server.ts), overwriting whatever the
// client sent, so the sign-in throttle cannot be dodged by a forged header.
function clientIp(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}

declare module "next-auth" {
  interface User {
    sessionId?: string;
  }
  interface Session {
    sessionId?: string;
  }
}

/**
 * Auth.js signs the session cookie; the Session row it names is the source of truth, so sign-out
 * and disabling a technician end access at once (see modules/auth/session.ts).
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  useSecureCookies: process.env.HELPLINE_PUBLIC_URL?.startsWith("https://") ?? false,
  session: { strategy: "jwt", maxAge: SESSION_LIFETIME_MS / 1000 },
  pages: { signIn: "/sign-in" },
  // A wrong password is an answer, not a server error: keep it out of the error log.
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = ZSignInInput.safeParse({ ...credentials, ip: clientIp(request) });
        if (!parsed.success) throw new InvalidCredentials();
        const result = await signInTechnician(parsed.data);
        if (!result.ok) throw result.reason === "throttled" ? new SignInThrottled() : new InvalidCredentials();
        const { id, email, name } = result.technician;
        return { id, email, name, sessionId: result.sessionId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.sessionId) token.sessionId = user.sessionId;
      return token;
    },
    session({ session, token }) {
      session.sessionId = typeof token.sessionId === "string" ? token.sessionId : undefined;
      return session;
    },
  },
});
