"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { setDeviceHelpdeskAction } from "@/modules/helpdesk/actions";

const ITEM =
  "flex w-full items-center justify-between px-4 py-2 text-left text-sm hover:bg-slate-50 focus:bg-slate-50 focus:outline-none";

/**
 * The Device / Agent page's Manage menu: Helpdesk Agent ▸ Activate (or Deactivate when active for
 * the signed-in profile). Keyboard-usable; Escape or a click outside closes it.
 */
export function ManageMenu({ deviceId, helpdeskActive }: { deviceId: string; helpdeskActive: boolean }) {
  const [open, setOpen] = useState(false);
  const [submenu, setSubmenu] = useState(false);
  const toast = useToast();
  const router = useRouter();
  const container = useRef<HTMLDivElement>(null);
  const mutation = useMutation({
    mutationFn: setDeviceHelpdeskAction,
    onSuccess: (result) => {
      if (!result.ok) return toast("error", result.error.message);
      const who = result.data.profile ?? "the signed-in user";
      const messages = {
        activated: `Helpdesk Agent activated for ${who}.`,
        already_active: `Helpdesk Agent was already active for ${who}.`,
        deactivated: `Helpdesk Agent deactivated for ${who}.`,
        already_inactive: `Helpdesk Agent was not active for ${who}.`,
        skipped: "Helpdesk Agent is not available here.",
      } as const;
      toast("success", messages[result.data.outcome]);
      router.refresh();
    },
    onError: () => toast("error", "Could not change the Helpdesk Agent. Try again."),
  });

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (
        event instanceof KeyboardEvent ? event.key === "Escape" : !container.current?.contains(event.target as Node)
      ) {
        setOpen(false);
        setSubmenu(false);
      }
    };
    document.addEventListener("keydown", close);
    document.addEventListener("mousedown", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("mousedown", close);
    };
  }, [open]);

  const choose = (action: "activate" | "deactivate") => {
    setOpen(false);
    setSubmenu(false);
    mutation.mutate({ deviceId, action });
  };

  return (
    <div ref={container} className="relative">
      <Button
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={mutation.isPending}
        onClick={() => setOpen((value) => !value)}
      >
        {mutation.isPending ? (
          "Working…"
        ) : (
          <>
            Manage <span aria-hidden="true">▾</span>
          </>
        )}
      </Button>
      {open ? (
        <div
          role="menu"
          aria-label="Manage"
          className="absolute right-0 z-20 mt-2 w-56 rounded-lg border border-slate-200 bg-white py-1 shadow-lg"
        >
          <button
            role="menuitem"
            aria-haspopup="menu"
            aria-expanded={submenu}
            autoFocus
            className={ITEM}
            onClick={() => setSubmenu((value) => !value)}
          >
            Helpdesk Agent <span aria-hidden="true">▸</span>
          </button>
          {submenu ? (
            <div
              role="menu"
              aria-label="Helpdesk Agent"
              className="absolute top-0 right-full mr-1 w-44 rounded-lg border border-slate-200 bg-white py-1 shadow-lg"
            >
              {helpdeskActive ? (
                <button role="menuitem" autoFocus className={ITEM} onClick={() => choose("deactivate")}>
                  Deactivate
                </button>
              ) : (
                <button role="menuitem" autoFocus className={ITEM} onClick={() => choose("activate")}>
                  Activate
                </button>
              )}
            </div>
          ) : null}
          <button
            role="menuitem"
            className={ITEM}
            onClick={async () => {
              setOpen(false);
              await navigator.clipboard.writeText(deviceId).then(
                () => toast("success", "Device ID copied."),
                () => toast("error", "Copying is blocked here."),
              );
            }}
          >
            Copy device ID
          </button>
        </div>
      ) : null}
    </div>
  );
}
