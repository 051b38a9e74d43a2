import type { ComponentChildren } from 'preact';
import type { FieldMessage } from '../../errors.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { useCtx } from '../context.js';

/** What a form shows again after a failed submission. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, FieldMessage>;
  /** A message about the whole form (the error code's text). */
  error?: { key: string; values?: Record<string, string | number> } | undefined;
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {} });

export function CsrfField() {
  return <input type="hidden" name="_csrf" value={useCtx().csrf} />;
}

export function Form({
  action,
  state,
  children,
  submit,
  class: cls,
}: {
  action: string;
  state?: FormState;
  children: ComponentChildren;
  submit: string;
  class?: string;
}) {
  const { i18n } = useCtx();
  const count = state ? Object.keys(state.errors).length : 0;
  return (
    <form method="post" action={action} class={cls} novalidate>
      <CsrfField />
      {state?.error && (
        <p class="form-error" role="alert">
          {i18n.tDynamic(state.error.key, state.error.values)}
        </p>
      )}
      {count > 0 && !state?.error && (
        <p class="form-error" role="alert">
          {i18n.t('form.fixErrors', { count })}
        </p>
      )}
      {children}
      <p>
        <button type="submit">{submit}</button>
      </p>
    </form>
  );
}

interface FieldProps {
  name: string;
  label: string;
  state?: FormState | undefined;
  type?: string;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  value?: string;
  maxLength?: number;
  inputMode?: string;
  dir?: 'auto' | 'ltr' | 'rtl';
}

export function Field({ name, label, state, type = 'text', hint, required, autocomplete, value, maxLength, inputMode, dir }: FieldProps) {
  const { i18n } = useCtx();
  const error = state?.errors[name];
  const id = `f-${name}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  // Passwords are never sent back to the browser.
  const shown = type === 'password' ? '' : (state?.values[name] ?? value ?? '');
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error" id={`${id}-error`}>
          {i18n.tDynamic(error.key, error.values)}
        </p>
      )}
      <input
        id={id}
        name={name}
        type={type as 'text'}
        value={shown}
        required={required}
        autocomplete={autocomplete}
        maxLength={maxLength}
        inputMode={inputMode as never}
        dir={dir}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
      />
    </div>
  );
}

export function TextArea({ name, label, state, hint, value, maxLength }: Omit<FieldProps, 'type'>) {
  const { i18n } = useCtx();
  const error = state?.errors[name];
  const id = `f-${name}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="error" id={`${id}-error`}>{i18n.tDynamic(error.key, error.values)}</p>}
      <textarea id={id} name={name} maxLength={maxLength} dir="auto" aria-invalid={error ? 'true' : undefined} aria-describedby={described}>
        {state?.values[name] ?? value ?? ''}
      </textarea>
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function Select({
  name,
  label,
  state,
  options,
  value,
  hint,
}: {
  name: string;
  label: string;
  state?: FormState | undefined;
  options: Option[];
  value?: string;
  hint?: string;
}) {
  const { i18n } = useCtx();
  const error = state?.errors[name];
  const id = `f-${name}`;
  const current = state?.values[name] ?? value ?? '';
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="error" id={`${id}-error`}>{i18n.tDynamic(error.key, error.values)}</p>}
      <select id={id} name={name} aria-invalid={error ? 'true' : undefined} aria-describedby={described}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A destructive action behind a confirmation: a page with a plain POST button. */
export function ConfirmForm({ action, question, confirm, cancelHref }: { action: string; question: string; confirm: string; cancelHref: string }) {
  const { i18n } = useCtx();
  return (
    <form method="post" action={action} class="confirm">
      <CsrfField />
      <input type="hidden" name="confirm" value="yes" />
      <p>{question}</p>
      <p>
        <button type="submit" class="danger">
          {confirm}
        </button>{' '}
        <a href={cancelHref}>{i18n.t('form.cancel')}</a>
      </p>
    </form>
  );
}

export function Hint({ k }: { k: MessageKey }) {
  return <p class="hint">{useCtx().i18n.t(k)}</p>;
}
