// Finds a Chromium-family browser for tests, demos and benchmarks, and the flags that give it
// real WebGPU on GPU-less machines (SwiftShader; see WEBGPU-HEADLESS.md in the team's notes).
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/lib/chromium/chromium', // Debian's chromium package (the wrapper in /usr/bin adds flags)
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export const INSTALL_HINT =
  'No Chrome/Chromium found: install one (Debian/Ubuntu: `sudo apt-get install -y chromium libvulkan1`) or set CHROME_PATH=/path/to/chrome.';

/** CHROME_PATH, then Debian's Chromium, then an installed Chrome; exits with one line if none. */
export function findChrome({ exitIfMissing = true } = {}) {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    if (exitIfMissing) {
      console.error(`CHROME_PATH=${fromEnv} does not exist. ${INSTALL_HINT}`);
      process.exit(1);
    }
    return null;
  }
  const found = CANDIDATES.find((path) => existsSync(path)) ?? null;
  if (!found && exitIfMissing) {
    console.error(INSTALL_HINT);
    process.exit(1);
  }
  return found;
}

/** All four of the first flags are needed: without them the first WebGPU canvas loses the device. */
export const WEBGPU_FLAGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * A machine with a real GPU (verified on the GPU machine's NVIDIA H200 with ../shared/browser-kit):
 * WebGPU and ANGLE on the Vulkan driver; Canvas2D GPU-rastered as users get it there.
 */
export const HW_GPU_FLAGS = [
  '--enable-unsafe-webgpu',
  '--ignore-gpu-blocklist',
  '--enable-features=Vulkan',
  '--use-angle=vulkan',
  '--use-vulkan=native',
  '--disable-vulkan-surface',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** For runs that must see a browser without WebGPU (the fallback path). */
export const NO_WEBGPU_FLAGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
