"use server";
import { endSession } from "@helpline/core";
import { AuthError } from "next-auth";
import { auth, signIn, signOut } from "@/auth";

export type SignInState = { error: string | null; email: string };

const MESSAGES: Record<string, string> = {
  throttled: "Too many failed sign-ins from your network. Wait 15 minutes and try again.",
  invalid_credentials: "The email or password is not right.",
};

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  const next = String(form.get("next") ?? "/");
  // Only same-site paths: an open redirect after sign-in is a phishing tool.
  const redirectTo = next.startsWith("/") && !next.startsWith("//") ? next : "/";
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

export async function signOutAction(): Promise<void> {
  const session = await auth();
  await endSession({ sessionId: session?.sessionId });
  await signOut({ redirectTo: "/sign-in" });
}
