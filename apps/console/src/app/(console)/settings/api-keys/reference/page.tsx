import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { ApiReference } from "@/modules/api-keys/components/api-reference";
import { requireAdminPage } from "@/modules/auth/session";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage() {
  await requireAdminPage();
  return (
    <>
      <PageHeader
        title="API reference"
        description="Every REST API operation under /api/v1: send an API key as Authorization: Bearer hl_…"
        actions={
          <Link href="/settings/api-keys" className="text-sm font-medium text-indigo-700 hover:underline">
            Back to API keys
          </Link>
        }
      />
      <ApiReference />
    </>
  );
}
