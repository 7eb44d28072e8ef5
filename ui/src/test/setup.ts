// jsdom lacks a few browser APIs that antd relies on; stubs that behave like
// a window where nothing is ever scrolled or resized.

import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";
import "../i18n";
import { addModuleMessages } from "../i18n/modules";

// antd under jsdom renders slowly on a busy two-core machine; `findBy…` and
// `waitFor` poll for their condition up to this long instead of the default 1 s.
configure({ asyncUtilTimeout: 8000 });

// Screens are rendered on their own, without the shell that would load their texts.
addModuleMessages();

if (!window.matchMedia) {
  window.matchMedia = (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

class NoResizeObserver implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
window.ResizeObserver ??= NoResizeObserver;

// jsdom does not implement pseudo-element styles (antd asks for the
// scrollbar's) and leaves paddings and borders empty or as unresolved
// `var(…)`, which antd's text area sizing would read as NaN.
const computedStyle = window.getComputedStyle.bind(window);
const LENGTH = /^(padding|border)-(top|bottom|left|right)(-width)?$/;
window.getComputedStyle = (element: Element) => {
  const style = computedStyle(element);
  const read = style.getPropertyValue.bind(style);
  style.getPropertyValue = (name: string) => {
    const value = read(name);
    return LENGTH.test(name) && Number.isNaN(parseFloat(value)) ? "0px" : value;
  };
  return style;
};

Element.prototype.scrollIntoView ??= function scrollIntoView() {};
Element.prototype.scrollTo ??= function scrollTo() {};
window.scrollTo = () => {};

afterEach(() => {
  cleanup();
  clearMocks();
});
