"use server";
import { safeRedirectPath } from "@helpline/core";
import { AuthError } from "next-auth";
import { signIn, signOut } from "@/auth";
import { publicUrl } from "@/lib/public-url";

export type SignInState = { error: string | null; email: string };

const MESSAGES: Record<string, string> = {
  throttled: "Too many failed sign-ins from your network. Wait 15 minutes and try again.",
  invalid_credentials: "The email or password is not right.",
};

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  // Only a path on this site: an open redirect after sign-in is a phishing tool.
  const redirectTo = safeRedirectPath(form.get("next"), { origin: await publicUrl(), fallback: "/" });
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = "code" in error && typeof error.code === "string" ? error.code : "invalid_credentials";
      return { error: MESSAGES[code] ?? MESSAGES.invalid_credentials!, email };
    }
    throw error; // the redirect that follows a successful sign-in
  }
  return { error: null, email };
}

/** Auth.js's signOut event ends the Session row (auth.ts), as for its own /api/auth/signout. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
