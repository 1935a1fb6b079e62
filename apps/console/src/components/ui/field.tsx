import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

const CONTROL =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none aria-invalid:border-red-400";

type FieldProps = { label: string; error?: string | undefined };

/** What every control of a field carries: its id, its invalid state and the error that describes it. */
type ControlAttributes = { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };

/**
 * A label above a control and, when the input was refused, the reason below it, tied to the
 * control by `aria-describedby` so a screen reader reads it with the field.
 */
function Field({ label, error, control }: FieldProps & { control: (attributes: ControlAttributes) => ReactNode }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {control({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": error ? `${id}-error` : undefined,
      })}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({ label, error, ...props }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field
      label={label}
      error={error}
      control={(attributes) => <input {...attributes} className={CONTROL} {...props} />}
    />
  );
}

export function SelectField({
  label,
  error,
  children,
  ...props
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field
      label={label}
      error={error}
      control={(attributes) => (
        <select {...attributes} className={CONTROL} {...props}>
          {children}
        </select>
      )}
    />
  );
}

export function TextAreaField({ label, error, ...props }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field
      label={label}
      error={error}
      control={(attributes) => <textarea {...attributes} className={CONTROL} {...props} />}
    />
  );
}
