import { getTranslator, type Locale, type Translator } from "@helpline/i18n";

export type Notice = { tone: "success" | "error"; text: string };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#0f172a}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.5rem}label{display:block;margin:.75rem 0 .25rem;font-weight:600;font-size:.9rem}
input,textarea,select{width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #cbd5e1;border-radius:.375rem;font-size:1rem;font-family:inherit}
input[type=checkbox]{width:auto;margin-right:.4rem}.check{display:flex;align-items:center;font-weight:400}
button{margin-top:.75rem;padding:.5rem 1rem;border:0;border-radius:.375rem;background:#4f46e5;color:#fff;font-weight:600;font-size:.95rem;cursor:pointer}
nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:.5rem 0;border-bottom:1px solid #e2e8f0}nav a{color:#4338ca}nav a[aria-current=page]{font-weight:700;color:#0f172a}
.state{padding:.75rem 1rem;border-radius:.5rem;background:#eef2ff}.notice{padding:.75rem 1rem;border-radius:.5rem;margin:1rem 0}
.success{background:#ecfdf5;color:#065f46}.error{background:#fef2f2;color:#991b1b}.hint{color:#475569;font-size:.9rem}
.field-error{color:#991b1b;font-size:.9rem;font-weight:600;margin:.25rem 0}[hidden]{display:none}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.thumb{display:block;max-width:100%;max-height:14rem;border:1px solid #cbd5e1;border-radius:.375rem;margin:.5rem 0}
fieldset{border:1px solid #e2e8f0;border-radius:.5rem;margin-top:1rem}table{width:100%;border-collapse:collapse;font-size:.95rem}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e2e8f0;vertical-align:top}td form button{margin:0 0 0 .5rem;padding:.2rem .6rem;font-size:.8rem}`;

const NAV = [
  { href: "/", label: "home" },
  { href: "/add-ticket", label: "addTicket" },
  { href: "/tickets", label: "myTickets" },
  { href: "/settings", label: "settings" },
  { href: "/portal", label: "portal" },
] as const;

/** The local page's messages (the catalogs' `agent` namespace) in `locale`. */
export function pageTranslator(locale: Locale): Translator<"agent"> {
  return getTranslator(locale, "agent");
}

export type NavHref = (typeof NAV)[number]["href"];

function renderNotice(notice: Notice | null): string {
  if (!notice) return "";
  return `<p role="${notice.tone === "error" ? "alert" : "status"}" class="notice ${notice.tone}">${escapeHtml(notice.text)}</p>`;
}

/** Every page: the same title, nav and notice slot, in `locale`; `main` is already-escaped HTML. */
export function renderLayout(options: {
  locale: Locale;
  current: NavHref | null;
  notice?: Notice | null;
  main: string;
  withNav?: boolean;
}): string {
  const t = pageTranslator(options.locale);
  const nav =
    options.withNav === false
      ? ""
      : `<nav aria-label="${escapeHtml(t("navLabel"))}">${NAV.map((item) => `<a href="${item.href}"${item.href === options.current ? ' aria-current="page"' : ""}>${escapeHtml(t(`nav.${item.label}`))}</a>`).join("")}</nav>`;
  const title = escapeHtml(t("title"));
  return `<!doctype html><html lang="${options.locale}"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><h1>${title}</h1>${nav}${renderNotice(options.notice ?? null)}<main>${options.main}</main></body></html>`;
}
