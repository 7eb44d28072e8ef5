// The start screen of index.html is painted before the app's script runs: the
// script (React, antd and the sign-in screens) takes a few hundred milliseconds
// to parse and run, and would hold the first paint for that long. So the app is
// started once the browser has painted a frame — or after 100 ms at the latest,
// for a window that is not drawn yet (hidden or minimised), where no frame comes.
let started = false;
function start() {
  if (started) return;
  started = true;
  void import("./start");
}
requestAnimationFrame(() => setTimeout(start, 0));
setTimeout(start, 100);
