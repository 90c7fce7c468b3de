// Starts a private Xvfb display (no window is ever visible) for the one thing headless Chromium
// cannot do: receive a real keyboard shortcut. Extension commands are browser accelerators; CDP key
// events go straight to the page and never reach them, X key events typed with xdotool do.
// Returns null when Xvfb or xdotool is not installed (apt-get install xvfb xdotool).
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';

const FIRST_DISPLAY = 91;
const LAST_DISPLAY = 140;
const START_TIMEOUT_MS = 5000;
const POLL_MS = 50;
const SCREEN = '1280x1024x24';

function installed(tool) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function startXvfb() {
  if (!installed('Xvfb') || !installed('xdotool')) return null;
  for (let n = FIRST_DISPLAY; n <= LAST_DISPLAY; n += 1) {
    if (fs.existsSync(`/tmp/.X11-unix/X${n}`) || fs.existsSync(`/tmp/.X${n}-lock`)) continue;
    const server = spawn('Xvfb', [`:${n}`, '-screen', '0', SCREEN, '-nolisten', 'tcp'], { stdio: 'ignore' });
    const deadline = Date.now() + START_TIMEOUT_MS;
    let exited = false;
    server.once('exit', () => { exited = true; });
    while (!exited && Date.now() < deadline && !fs.existsSync(`/tmp/.X11-unix/X${n}`)) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    if (exited || !fs.existsSync(`/tmp/.X11-unix/X${n}`)) {
      server.kill();
      continue;
    }
    return {
      display: `:${n}`,
      stop: () => { if (!exited) server.kill(); },
    };
  }
  return null;
}
