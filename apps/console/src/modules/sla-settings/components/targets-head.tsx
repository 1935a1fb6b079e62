/** The header row of a targets table (Priority × First response / Resolution); `cell` styles each cell. */
export function TargetsHead({ cell, className }: { cell: string; className: string }) {
  return (
    <thead className={className}>
      <tr>
        {["Priority", "First response", "Resolution"].map((label) => (
          <th key={label} scope="col" className={`${cell} font-medium`}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
