import { act } from 'react';

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** Sets a control's value the way typing does, so React's onChange sees it. */
export function fill(field: Field, value: string): void {
  // The prototype's setter, not the instance's: React tracks the instance's value and would miss the change.
  const prototype = Object.getPrototypeOf(field) as object;
  act(() => {
    Reflect.set(prototype, 'value', value, field);
    field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

export function click(element: HTMLElement): void {
  act(() => element.click());
}

export function submit(form: HTMLFormElement): void {
  act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

/** The control whose <label> reads exactly `text` (the label's own text, without nested hidden parts). */
export function byLabel<T extends Field = HTMLInputElement>(container: HTMLElement, text: string): T {
  const label = [...container.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
  if (!label) throw new Error(`no label "${text}"`);
  const control = label.htmlFor ? document.getElementById(label.htmlFor) : label.querySelector('input');
  if (!control) throw new Error(`label "${text}" names no control`);
  return control as T;
}

export function buttonNamed(container: HTMLElement, text: string): HTMLButtonElement {
  const button = [...container.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  if (!button) throw new Error(`no button "${text}"`);
  return button;
}
