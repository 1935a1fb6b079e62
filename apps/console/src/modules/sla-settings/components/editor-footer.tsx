import { Button } from "@/components/ui/button";

/** The end of a settings editor: Save for admins; for other technicians, why they cannot. */
export function EditorFooter({
  readOnly,
  saving,
  readOnlyText,
}: {
  readOnly: boolean;
  saving: boolean;
  readOnlyText: string;
}) {
  if (readOnly) return <p className="text-sm text-slate-500">{readOnlyText}</p>;
  return (
    <Button type="submit" disabled={saving}>
      {saving ? "Saving…" : "Save"}
    </Button>
  );
}
