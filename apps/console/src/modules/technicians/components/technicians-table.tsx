"use client";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { setTechnicianDisabledAction } from "../actions";
import { Table } from "@/components/ui/table";

type Row = { id: string; name: string; email: string; role: "admin" | "technician"; disabled: boolean };

function ToggleDisabled({ row, isSelf }: { row: Row; isSelf: boolean }) {
  const toast = useToast();
  const mutation = useMutation({
    mutationFn: setTechnicianDisabledAction,
    onSuccess: (result) => {
      if (!result.ok) return toast("error", result.error.message);
      toast("success", row.disabled ? `${row.name} is enabled.` : `${row.name} is disabled and signed out.`);
    },
    onError: () => toast("error", "Could not change the technician. Try again."),
  });
  if (isSelf) return <span className="text-xs text-slate-400">You</span>;
  return (
    <Button
      variant={row.disabled ? "secondary" : "danger"}
      className="px-2.5 py-1 text-xs"
      disabled={mutation.isPending}
      aria-label={`${row.disabled ? "Enable" : "Disable"} ${row.name}`}
      onClick={() => mutation.mutate({ technicianId: row.id, disabled: !row.disabled })}
    >
      {row.disabled ? "Enable" : "Disable"}
    </Button>
  );
}

export function TechniciansTable({ rows, selfId }: { rows: Row[]; selfId: string }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <Table columns={["Name", "Email", "Role", "Status", { label: "Actions", hidden: true }]}>
        {rows.map((row) => (
          <tr key={row.id} className={row.disabled ? "text-slate-400" : ""}>
            <td className="px-4 py-3 font-medium">{row.name}</td>
            <td className="px-4 py-3 break-all">{row.email}</td>
            <td className="px-4 py-3 capitalize">{row.role}</td>
            <td className="px-4 py-3">
              <span
                className={`rounded-full px-2 py-0.5 text-xs font-medium ${row.disabled ? "bg-slate-100 text-slate-500" : "bg-emerald-50 text-emerald-700"}`}
              >
                {row.disabled ? "Disabled" : "Active"}
              </span>
            </td>
            <td className="px-4 py-3 text-right whitespace-nowrap">
              <ToggleDisabled row={row} isSelf={row.id === selfId} />
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
