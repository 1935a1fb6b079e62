import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { requestLocale } from "@/modules/portal/portal-locale";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Helpline", template: "%s · Helpline" },
  description: "Helpdesk console for managed service providers",
};

// The Customer Portal speaks its contact's language (requestLocale); the console is English.
export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang={await requestLocale()} className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
