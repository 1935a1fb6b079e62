"use client";
import type { LanguageSource } from "@helpline/core";
import { languageName, type Locale } from "@helpline/i18n";
import Link from "next/link";
import { useOptimisticToggle } from "@/lib/use-optimistic-toggle";
import { setMainContactAction } from "../actions";
import { Table } from "@/components/ui/table";
import { DateTime } from "@/components/ui/zoned-time";

type ContactRow = {
  id: string;
  fullName: string;
  email: string;
  isMainContact: boolean;
  emailBouncedAt: Date | null;
  emailBounceReason: string | null;
  language: Locale | null;
  languageSource: LanguageSource | null;
  profiles: { name: string; device: { id: string; hostname: string } }[];
};

function MainContactToggle({ contact }: { contact: ContactRow }) {
  const main = useOptimisticToggle({
    initial: contact.isMainContact,
    save: (next) => setMainContactAction({ contactId: contact.id, isMainContact: next }),
    saved: (next) =>
      next
        ? `${contact.fullName} is a main contact: they see all of this customer's tickets.`
        : `${contact.fullName} sees only their own tickets.`,
    failed: "Could not change the contact. Try again.",
  });
  return (
    <label className="inline-flex items-center gap-2">
      <input
        type="checkbox"
        aria-label={`Main contact: ${contact.fullName}`}
        checked={main.checked}
        disabled={main.pending}
        onChange={(event) => main.toggle(event.target.checked)}
      />
      <span className="text-sm">Main contact</span>
    </label>
  );
}

// A delivery report said mail to this address did not arrive: replies to them are likely lost.
function BouncingBadge({ at, reason }: { at: Date; reason: string | null }) {
  return (
    <span className="mt-1 flex flex-wrap items-center gap-x-2 text-xs text-red-700">
      <span className="rounded-full bg-red-50 px-2 py-0.5 font-medium ring-1 ring-red-200">Bouncing</span>
      <span>
        {reason ?? "Mail to this address bounced"} · <DateTime at={at} />
      </span>
    </span>
  );
}

/** Whose default a contact without a language of their own follows: their customer's, else the MSP's. */
type DefaultLanguage = { language: Locale; from: "customer" | "MSP" };

const SOURCE_LABELS: Record<LanguageSource, string> = { chosen: "chosen", windows: "Windows" };

// The language the contact is spoken to in, and which step of the language order gave it.
function languageLabel(contact: ContactRow, fallback: DefaultLanguage): string {
  if (!contact.language) return `${languageName(fallback.language)} (${fallback.from} default)`;
  const source = contact.languageSource ? ` (${SOURCE_LABELS[contact.languageSource]})` : "";
  return `${languageName(contact.language)}${source}`;
}

export function ContactsTable({
  contacts,
  defaultLanguage,
}: {
  contacts: ContactRow[];
  defaultLanguage: DefaultLanguage;
}) {
  if (contacts.length === 0) {
    return (
      <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
        <h2 className="font-medium text-slate-900">No contacts yet</h2>
        <p className="mt-1 text-sm text-slate-500">
          People become contacts when they confirm their identity from a device with the Helpdesk Agent.
        </p>
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <Table columns={["Name", "Email", "Language", "Confirmed on", { label: "Main contact", hidden: true }]}>
        {contacts.map((contact) => (
          <tr key={contact.id}>
            <td className="px-4 py-3 font-medium">{contact.fullName}</td>
            <td className="px-4 py-3">
              {contact.email}
              {contact.emailBouncedAt ? (
                <BouncingBadge at={contact.emailBouncedAt} reason={contact.emailBounceReason} />
              ) : null}
            </td>
            <td className="px-4 py-3 whitespace-nowrap">{languageLabel(contact, defaultLanguage)}</td>
            <td className="px-4 py-3">
              {contact.profiles.map((profile) => (
                <span key={`${profile.device.id}-${profile.name}`} className="block">
                  {profile.name} on{" "}
                  <Link href={`/devices/${profile.device.id}`} className="text-indigo-700 hover:underline">
                    {profile.device.hostname}
                  </Link>
                </span>
              ))}
            </td>
            <td className="px-4 py-3">
              <MainContactToggle contact={contact} />
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
