import "server-only";
import {
  config,
  endSession,
  getSessionTechnician,
  requestClientAddress,
  safeRedirectPath,
  SESSION_LIFETIME_MS,
  signInTechnician,
  ZSignInInput,
} from "@helpline/core";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cache } from "react";

class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}
class SignInThrottled extends CredentialsSignin {
  override code = "throttled";
}

/**
 * The technician a console session belongs to while its Session row is live, else null: asked by
 * Auth.js for every session it reads and by the pages, once per request.
 */
export const sessionTechnician = cache((sessionId: string) => getSessionTechnician({ sessionId }));

declare module "next-auth" {
  interface User {
    sessionId?: string;
  }
  interface Session {
    sessionId?: string;
  }
}

/**
 * Auth.js signs the session cookie; the Session row it names is the source of truth. Every way
 * out ends that row (sign-out here or through Auth.js's own `/api/auth/signout`, disabling a
 * technician), and a cookie whose row is gone opens nothing, `/api/auth/session` included.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  useSecureCookies: config().secureCookies,
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
        const parsed = ZSignInInput.safeParse({ ...credentials, ip: requestClientAddress(request.headers) });
        if (!parsed.success) throw new InvalidCredentials();
        const result = await signInTechnician(parsed.data);
        if (!result.ok) throw result.reason === "throttled" ? new SignInThrottled() : new InvalidCredentials();
        const { id, email, name } = result.technician;
        return { id, email, name, sessionId: result.sessionId };
      },
    }),
  ],
  events: {
    async signOut(message) {
      if ("token" in message) await endSession({ sessionId: message.token?.sessionId });
    },
  },
  callbacks: {
    // Null ends the session: Auth.js then clears the cookie and answers no session.
    async jwt({ token, user }) {
      if (user?.sessionId) return { ...token, sessionId: user.sessionId };
      if (typeof token.sessionId !== "string" || !(await sessionTechnician(token.sessionId))) return null;
      return token;
    },
    session({ session, token }) {
      session.sessionId = typeof token.sessionId === "string" ? token.sessionId : undefined;
      return session;
    },
    // Where Auth.js sends the browser after sign-in or sign-out (callbackUrl): this site only.
    redirect({ url, baseUrl }) {
      return new URL(safeRedirectPath(url, { origin: baseUrl, fallback: "/" }), baseUrl).href;
    },
  },
});
