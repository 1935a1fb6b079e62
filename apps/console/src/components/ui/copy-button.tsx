"use client";
import { Button } from "./button";
import { useToast } from "./toaster";

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function CopyButton({ text, label, copiedMessage }: { text: string; label: string; copiedMessage: string }) {
  const toast = useToast();
  return (
    <Button
      type="button"
      variant="secondary"
      aria-label={label}
      onClick={async () =>
        (await copy(text))
          ? toast("success", copiedMessage)
          : toast("error", "Copying is blocked here: select the text and copy it by hand.")
      }
    >
      Copy
    </Button>
  );
}
