/**
 * Browser-test harness: starts the real server jar with demo data on a free port and a fresh
 * data directory, drives the system Chromium (/usr/bin/chromium) through playwright-core, and
 * saves a screenshot of every open page under test-results/ when a test fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const WEB_CLIENT = resolve(here, '..');
export const RESULTS = join(WEB_CLIENT, 'test-results');
const JAR = process.env.ATELIER_JAR ?? resolve(WEB_CLIENT, '../server/target/atelier.jar');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const ADMIN = { email: 'admin@atelier.test', password: 'admin-e2e-password' };
export const DEMO_PASSWORD = 'atelier-demo';
export const MARIE = { email: 'marie.tremblay@cctt.example', password: DEMO_PASSWORD };
export const OLIVIER = { email: 'olivier.lavoie@cctt.example', password: DEMO_PASSWORD };
export const LUC = { email: 'luc.gagnon@cctt.example', password: DEMO_PASSWORD };
export const SOPHIE = { email: 'sophie.roy@cctt.example', password: DEMO_PASSWORD };

export const ENERGY_SQUAD = 'Escouade Transition énergétique';
export const DIGITAL_SQUAD = 'Escouade Numérique';

export interface RunningServer {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port')),
      );
    });
  });
}

/** Starts `java -jar atelier.jar --demo` (with `env` added) and waits for its "listening" line. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  if (!existsSync(JAR)) {
    throw new Error(
      `${JAR} is missing: build it first (mvn -B -pl server -am package -DskipTests)`,
    );
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-e2e-data-'));
  let output = '';
  const child: ChildProcess = spawn('java', ['-jar', JAR, '--demo'], {
    env: {
      ...process.env,
      ATELIER_HTTP_PORT: String(port),
      ATELIER_HTTP_HOST: '127.0.0.1',
      ATELIER_DATA_DIR: dataDir,
      ATELIER_ADMIN_EMAIL: ADMIN.email,
      ATELIER_ADMIN_PASSWORD: ADMIN.password,
      ATELIER_AUTH_HASH_ITERATIONS: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never leave a server behind, even when the test process dies.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`server did not start in 90 s:\n${output}`)),
      90_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Atelier listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        ok(match[1].replace(/\/$/, ''));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  // The server may print its bind host (0.0.0.0); the browser talks to loopback.
  const reachable = url.replace('://0.0.0.0', '://127.0.0.1');
  return {
    url: reachable,
    output: () => output,
    stop: async () => {
      if (child.exitCode == null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Scenario {
  server: RunningServer;
  browser: Browser;
  /** A new isolated browser (own cookies), at desktop size unless told. */
  newContext: (options?: { width?: number; height?: number }) => Promise<BrowserContext>;
  newPage: (options?: { width?: number; height?: number }) => Promise<Page>;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

/**
 * Runs one scenario with fresh browser contexts; on failure, screenshots every page it opened
 * into test-results/<name>-<n>.png, then fails with the original error.
 */
export async function runScenario(
  shared: { server: RunningServer; browser: Browser },
  name: string,
  body: (scenario: Scenario) => Promise<void>,
): Promise<void> {
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  const newContext = async (options: { width?: number; height?: number } = {}) => {
    const context = await shared.browser.newContext({
      baseURL: shared.server.url,
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      locale: 'fr-CA',
      timezoneId: 'America/Toronto',
    });
    context.setDefaultTimeout(15_000);
    context.on('page', (page) => pages.push(page));
    contexts.push(context);
    return context;
  };
  const newPage = async (options?: { width?: number; height?: number }) =>
    (await newContext(options)).newPage();
  try {
    await body({ ...shared, newContext, newPage });
  } catch (error) {
    mkdirSync(RESULTS, { recursive: true });
    let n = 0;
    for (const page of pages) {
      if (page.isClosed()) continue;
      const file = join(RESULTS, `${slug(name)}-${++n}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      console.error(`screenshot: ${file} (${page.url()})`);
    }
    throw error;
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
  }
}

/** Signs in through the form (the page may start anywhere). */
export async function signIn(
  page: Page,
  who: { email: string; password: string },
  path = '/signin',
): Promise<void> {
  await page.goto(path);
  await page.locator('input[name="email"]').fill(who.email);
  await page.locator('input[name="password"]').fill(who.password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/**
 * One server and one browser for a spec file (node:test `before`/`after`); each test gets
 * fresh contexts through `run`. `env`: configuration the spec's server needs (`ATELIER_…`).
 */
export function useServer(
  hooks: {
    before: (fn: () => Promise<void>, options?: { timeout?: number }) => void;
    after: (fn: () => Promise<void>) => void;
  },
  env: Record<string, string> = {},
) {
  let shared: { server: RunningServer; browser: Browser } | null = null;
  hooks.before(
    async () => {
      const server = await startServer(env);
      try {
        shared = { server, browser: await launchBrowser() };
      } catch (error) {
        await server.stop();
        throw error;
      }
    },
    { timeout: 120_000 },
  );
  hooks.after(async () => {
    await shared?.browser.close().catch(() => undefined);
    await shared?.server.stop();
  });
  return {
    run: (name: string, body: (scenario: Scenario) => Promise<void>) => () => {
      if (!shared) throw new Error('server not started');
      return runScenario(shared, name, body);
    },
  };
}

/** Polls `check` until it holds (the page may need a refresh or a poll to catch up). */
export async function eventually(
  check: () => Promise<boolean>,
  message: string,
  timeoutMs = 15_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((ok) => setTimeout(ok, 250));
  }
  throw new Error(`timed out: ${message}`);
}

/** The focused element's tag, name and text, for keyboard assertions. */
export async function focused(page: Page): Promise<{ tag: string; name: string; text: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      name: el?.getAttribute('name') ?? '',
      text: (el?.textContent ?? '').trim(),
    };
  });
}

/** Presses Tab until `match` holds for the focused element (at most `max` presses). */
export async function tabTo(
  page: Page,
  match: (el: { tag: string; name: string; text: string }) => boolean,
  max = 60,
): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (match(await focused(page))) return;
  }
  throw new Error('could not reach the element with Tab');
}

/**
 * Calls the REST API from the page, as the person signed in there (session cookie and CSRF
 * token), retrying on 429. Answers the parsed body (null for 204).
 */
export async function callApi<T = unknown>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = document.cookie
        .split('; ')
        .find((c) => c.startsWith('atelier_csrf='))
        ?.slice('atelier_csrf='.length);
      for (;;) {
        const r = await fetch(path, {
          method,
          headers: {
            'Content-Type': 'application/json',
            'X-CSRF-Token': decodeURIComponent(csrf ?? ''),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (r.status === 429) {
          await new Promise((ok) => setTimeout(ok, 300));
          continue;
        }
        if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
        return r.status === 204 ? null : await r.json();
      }
    },
    { method, path, body },
  ) as Promise<T>;
}

/** The id of the space with this name in the directory of the person signed in on `page`. */
export async function spaceId(page: Page, name: string): Promise<string> {
  const { spaces } = await callApi<{ spaces: { id: string; name: string }[] }>(
    page,
    'GET',
    '/api/spaces',
  );
  const found = spaces.find((s) => s.name === name);
  if (!found) throw new Error(`no space named ${name}`);
  return found.id;
}

/**
 * Creates a board from the open Tableaux tab and waits until it is the one shown. Waiting for any
 * `.board-columns` is not enough when the space already has a board: the previous one is still shown
 * until the new board is selected, and whatever is clicked on it meanwhile is gone when it is.
 */
export async function createBoard(page: Page, name: string): Promise<void> {
  await page.getByLabel('Nouveau tableau').fill(name);
  await page.getByRole('button', { name: 'Créer le tableau' }).click();
  await page.locator('.board-tab[aria-current="true"]', { hasText: name }).waitFor();
  await page.locator('.board-columns').waitFor();
}
