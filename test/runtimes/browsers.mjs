// The three browsers, each from Debian and each through the driver that can drive Debian's build: Chromium with
// playwright-core, Firefox ESR with puppeteer-core over WebDriver BiDi, WebKitGTK's MiniBrowser with selenium-webdriver
// and WebKitWebDriver under Xvfb (it has no headless mode). All three are reduced to one small interface:
//   const browser = await launchBrowser('firefox');
//   const page = await browser.open(url);          // a fresh page (own context where the driver has them)
//   await page.eval('window.__runtimes.run(…)');   // a JS expression; a promise is awaited; the value comes back as JSON
//   await page.close(); await browser.close();
// Every step is bounded: a browser that waits on its login prompt, or a driver whose session never starts, fails
// the step with a message instead of hanging the run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const BROWSERS = {
  chromium: { binary: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', debian: 'chromium' },
  firefox: { binary: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', debian: 'firefox-esr' },
  webkit: {
    binary: process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
    debian: 'webkit2gtk-driver xvfb xauth',
  },
};

export class StepTimeout extends Error {
  name = 'StepTimeout';
}

/** `promise`, or a StepTimeout naming `what` after `ms`. */
export function bounded(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new StepTimeout(`${what}: no answer within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: BROWSERS.chromium.binary, args: CHROMIUM_ARGS });
  return {
    async open(url) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      return { eval: (expression) => page.evaluate(expression), close: () => context.close() };
    },
    close: () => browser.close(),
  };
}

async function launchFirefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: BROWSERS.firefox.binary,
    headless: true,
  });
  return {
    async open(url) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.goto(url);
      return { eval: (expression) => page.evaluate(expression), close: () => context.close() };
    },
    close: () => browser.close(),
  };
}

/** Xvfb on a display it picks itself (-displayfd), so parallel runs never collide. */
async function startXvfb() {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let log = '';
  xvfb.stderr.on('data', (d) => (log += d));
  const display = await bounded(
    new Promise((resolve, reject) => {
      xvfb.stdio[3].once('data', (d) => resolve(`:${d.toString().trim()}`));
      xvfb.once('error', reject);
      xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${log}`)));
    }),
    10_000,
    'Xvfb start',
  );
  return { display, stop: () => xvfb.kill() };
}

async function launchWebKit() {
  const { Builder } = await import('selenium-webdriver');
  const xvfb = await startXvfb();
  const port = await freePort();
  const driverProcess = spawn('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], {
    env: { ...process.env, DISPLAY: xvfb.display },
    stdio: 'ignore',
  });
  const capabilities = {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: BROWSERS.webkit.binary, args: ['--automation'] },
  };
  // WebKitWebDriver has one window per session: a fresh page is a fresh session (about a second).
  const session = async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await bounded(
          new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(capabilities).build(),
          20_000,
          'WebKitWebDriver session',
        );
      } catch (error) {
        // The driver may not listen yet right after its start.
        if (attempt >= 20 || error instanceof StepTimeout) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };
  return {
    async open(url) {
      const driver = await session();
      await driver.manage().setTimeouts({ script: 60_000, pageLoad: 30_000 });
      await driver.get(url);
      return {
        eval: (expression) => driver.executeScript(`return (${expression});`),
        close: () => driver.quit(),
      };
    },
    async close() {
      driverProcess.kill();
      xvfb.stop();
    },
  };
}

const LAUNCHERS = { chromium: launchChromium, firefox: launchFirefox, webkit: launchWebKit };

/** Starts `name`, or throws saying which Debian package is missing. */
export async function launchBrowser(name) {
  const { binary, debian } = BROWSERS[name];
  if (!existsSync(binary))
    throw new Error(`${binary} not found (apt-get install -y --no-install-recommends ${debian})`);
  const browser = await bounded(LAUNCHERS[name](), 60_000, `${name} launch`);
  return {
    open: (url) => bounded(browser.open(url), 60_000, `${name}: open ${url}`),
    close: () => bounded(browser.close(), 20_000, `${name} close`).catch(() => {}),
  };
}
