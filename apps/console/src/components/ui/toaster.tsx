"use client";
import Link from "next/link";
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

/** A link the toast offers after its message, e.g. to the ticket an action made. */
type ToastLink = { href: string; label: string };
type Toast = { id: number; tone: "success" | "error"; message: string; link?: ToastLink | undefined };
type ShowToast = (tone: Toast["tone"], message: string, link?: ToastLink) => void;

const ToastContext = createContext<ShowToast>(() => {});
const TOAST_MS = 5000;

/** Results of actions, announced to screen readers too (role="status" / "alert"). */
export function Toaster({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const show = useCallback<ShowToast>((tone, message, link) => {
    const id = Date.now() + Math.random();
    setToasts((current) => [...current, { id, tone, message, link }]);
    setTimeout(() => setToasts((current) => current.filter((toast) => toast.id !== id)), TOAST_MS);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-96 flex-col gap-2">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            role={toast.tone === "error" ? "alert" : "status"}
            className={`pointer-events-auto rounded-lg border px-4 py-3 text-sm shadow-lg ${
              toast.tone === "error"
                ? "border-red-200 bg-red-50 text-red-800"
                : "border-emerald-200 bg-emerald-50 text-emerald-800"
            }`}
          >
            {toast.message}
            {toast.link ? (
              <>
                {" "}
                <Link href={toast.link.href} className="font-medium underline">
                  {toast.link.label}
                </Link>
              </>
            ) : null}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ShowToast {
  return useContext(ToastContext);
}
