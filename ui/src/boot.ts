/** Takes away the start screen painted by `index.html`, once React shows a screen of its own. */
export function bootDone(): void {
  document.getElementById("boot")?.remove();
}

/**
 * Runs `work` once, at the first key or pointer press: what a desk will need
 * after signing in is fetched when someone starts to sign in, not while the
 * sign-in screen waits unattended. Returns the cancel.
 */
export function whenSomeoneActs(work: () => void): () => void {
  const events = ["keydown", "pointerdown"] as const;
  const once = () => {
    cancel();
    work();
  };
  const cancel = () => events.forEach((e) => window.removeEventListener(e, once, true));
  events.forEach((e) => window.addEventListener(e, once, true));
  return cancel;
}
