/**
 * A headless Chromium for the browser tests, found without root or a system package: `CHROMIUM_PATH` when
 * set, else a system Chromium when one is installed, else the one the `@sparticuz/chromium` package ships
 * (a dev dependency pinned in the lockfile; it unpacks its browser into the temporary folder on first use).
 */
import { existsSync } from 'node:fs';

/** Where system packages put Chromium. */
const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags for a headless Chromium on a machine without network (no background connections, no sandbox as root). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A Chromium executable and where it came from. @throws Error saying what was tried when none can be had. */
export async function findChromium(): Promise<{ path: string; source: string }> {
  const wanted = process.env.CHROMIUM_PATH;
  if (wanted !== undefined && wanted !== '') {
    if (!existsSync(wanted)) throw new Error(`CHROMIUM_PATH is ${wanted}, which does not exist`);
    return { path: wanted, source: 'CHROMIUM_PATH' };
  }
  const system = SYSTEM.find((p) => existsSync(p));
  if (system !== undefined) return { path: system, source: 'system' };
  try {
    const { default: packaged } = await import('@sparticuz/chromium');
    return { path: await packaged.executablePath(), source: '@sparticuz/chromium' };
  } catch (e) {
    throw new Error(`no Chromium: CHROMIUM_PATH is not set, none of ${SYSTEM.join(', ')} exists, and @sparticuz/chromium failed (${(e as Error).message}); run npm ci`);
  }
}
