/** A customer select's choices: "Choose a customer…" (value "") and every customer by name. */
export function CustomerOptions({ customers }: { customers: { id: string; name: string }[] }) {
  return (
    <>
      <option value="">Choose a customer…</option>
      {customers.map((customer) => (
        <option key={customer.id} value={customer.id}>
          {customer.name}
        </option>
      ))}
    </>
  );
}
