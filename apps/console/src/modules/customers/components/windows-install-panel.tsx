import { useId } from "react";
import { CopyButton } from "@/components/ui/copy-button";

/** Where the MSI puts the agent: the file an Intune detection rule can look for. */
const INSTALLED_EXE = "C:\\Program Files\\Helpline\\helpline-agent.exe";

type Props = {
  serverUrl: string;
  installKey: string;
  /** The MSI this server serves (lib/agent-msi.ts), or null when it is not built here. */
  msi: { version: string | null; productCode: string | null; bytes: number } | null;
};

/** A read-only command or rule, with a button that copies it. */
function CopyableCode({ label, copyLabel, text }: { label: string; copyLabel: string; text: string }) {
  return (
    <>
      <p className="mt-4 text-sm font-medium text-slate-700">{label}</p>
      <div className="mt-1 flex items-start gap-2">
        <pre
          aria-label={label}
          className="w-full overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-6 text-slate-100"
        >
          {text}
        </pre>
        <CopyButton text={text} label={copyLabel} copiedMessage={`${label} copied.`} />
      </div>
    </>
  );
}

/**
 * Customer page ▸ Install agent: the Windows installer (a download behind the console session), the
 * silent-install command with this customer's server address and install key, and what Intune
 * needs to detect the installed agent. Without an MSI on this server it says how to build one.
 */
export function WindowsInstallPanel({ serverUrl, installKey, msi }: Props) {
  const titleId = useId();
  const install = `msiexec /i helpline-agent.msi /qn SERVER_URL="${serverUrl}" INSTALL_KEY="${installKey}"`;
  return (
    <section aria-labelledby={titleId} className="rounded-xl border border-slate-200 bg-white p-5">
      <h2 id={titleId} className="text-base font-semibold">
        Install agent
      </h2>
      <p className="mt-1 text-sm text-slate-500">
        Windows: the installer adds the Helpline Agent service and the tray for every user, and enrolls the device on
        its first start. Deploy it silently with Intune, Group Policy or your RMM.
      </p>
      {msi ? (
        <p className="mt-4 text-sm">
          <a
            href="/downloads/helpline-agent.msi"
            download
            className="inline-flex items-center rounded-md bg-indigo-600 px-3 py-2 font-medium text-white hover:bg-indigo-500"
          >
            Download for Windows (.msi)
          </a>
          <span className="ml-3 text-slate-500">
            {msi.version ? `version ${msi.version}, ` : ""}
            {(msi.bytes / 1_048_576).toFixed(1)} MB
          </span>
        </p>
      ) : (
        <p role="status" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The Windows installer is not built on this server. Run <code>npm run build:windows</code> where Helpline is
          installed, or set <code>HELPLINE_AGENT_MSI</code> to a helpline-agent.msi.
        </p>
      )}
      <CopyableCode label="Silent install command" copyLabel="Copy silent install command" text={install} />
      <CopyableCode
        label="Intune detection rule"
        copyLabel="Copy Intune detection rule"
        text={
          msi?.productCode
            ? `MSI product code ${msi.productCode} (this version), or file ${INSTALLED_EXE} exists (any version)`
            : `File ${INSTALLED_EXE} exists`
        }
      />
    </section>
  );
}
