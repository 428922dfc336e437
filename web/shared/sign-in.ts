import { h } from './dom.js';

export interface SignInLabels {
  title: string;
  help: string;
  token: string;
  button: string;
}

/** The token form both pages show until a token is known; the token goes to `onToken`. */
export function signInForm(
  labels: SignInLabels,
  message: string | null,
  onToken: (token: string) => void,
): HTMLFormElement {
  const input = h('input', { type: 'password', id: 'token', autocomplete: 'off', required: true });
  const form = h(
    'form',
    { class: 'card sign-in' },
    h('h1', {}, labels.title),
    h('p', {}, labels.help),
    message ? h('p', { class: 'error' }, message) : null,
    h('label', { for: 'token' }, labels.token),
    input,
    h('button', { type: 'submit' }, labels.button),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onToken(input.value.trim());
  });

  return form;
}
