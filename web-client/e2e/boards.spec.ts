import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, ENERGY_SQUAD, MARIE, eventually, signIn, useServer } from './harness.ts';

const OLIVIER = { email: 'olivier.lavoie@cctt.example', password: DEMO_PASSWORD };

/** Signs in and opens the energy squad's « Tableaux » section. */
async function openBoards(page: Page, who: { email: string; password: string }) {
  await signIn(page, who);
  await page.getByRole('main').getByRole('link', { name: ENERGY_SQUAD }).click();
  await page.getByRole('heading', { level: 1, name: ENERGY_SQUAD }).waitFor();
  await page
    .getByRole('navigation', { name: 'Sections de l’espace' })
    .getByRole('link', { name: 'Tableaux' })
    .click();
  await page.waitForURL(/\/boards/);
  await page.getByRole('heading', { level: 2, name: 'Tableaux de l’espace' }).waitFor();
}

async function openBoard(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Tableaux' }).getByRole('button', { name }).click();
  await page.locator('.board-columns').waitFor();
}

const column = (page: Page, name: string) =>
  page.locator('.board-column', {
    has: page.getByRole('heading', { level: 3, name: new RegExp(`^${name}`) }),
  });

async function addCard(page: Page, columnName: string, title: string) {
  const col = column(page, columnName);
  const input = col.getByLabel(`Titre de la nouvelle carte dans ${columnName}`);
  // The form stays open after a card is added, for the next one.
  if (!(await input.isVisible()))
    await col.getByRole('button', { name: '+ Ajouter une carte' }).click();
  await input.fill(title);
  await col.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await col.locator('.board-card', { hasText: title }).waitFor();
}

/** The card titles of a column, top to bottom. */
async function titles(page: Page, columnName: string): Promise<string[]> {
  return column(page, columnName).locator('.board-card-title').allTextContents();
}

async function spaceId(page: Page): Promise<string> {
  const m = /\/spaces\/([^/]+)\/boards/.exec(page.url());
  assert.ok(m?.[1]);
  return m[1];
}

describe('boards', () => {
  const { run } = useServer({ before, after });

  it(
    'a card dragged in one browser moves in the other; a card moved with the keyboard is announced and moves too',
    run('boards-live', async ({ newPage }) => {
      const marie = await newPage();
      const olivier = await newPage();
      await openBoards(marie, MARIE);
      await marie.getByLabel('Nouveau tableau').fill('Suivi des essais');
      await marie.getByRole('button', { name: 'Créer le tableau' }).click();
      await marie.locator('.board-columns').waitFor();
      assert.deepEqual(
        await marie
          .locator('.board-column h3')
          .evaluateAll((hs) => hs.map((h) => h.firstChild?.textContent?.trim())),
        ['À faire', 'En cours', 'Terminé'],
      );
      await addCard(marie, 'À faire', 'Mesurer le rendement');
      await addCard(marie, 'À faire', 'Rédiger la synthèse');

      await openBoards(olivier, OLIVIER);
      await openBoard(olivier, 'Suivi des essais');
      await eventually(
        async () => (await titles(olivier, 'À faire')).length === 2,
        'the other browser shows both cards',
      );

      // Drag « Mesurer le rendement » into « En cours » in Marie's browser.
      await marie
        .locator('.board-card', { hasText: 'Mesurer le rendement' })
        .dragTo(column(marie, 'En cours').locator('.board-cards'));
      await eventually(
        async () => (await titles(marie, 'En cours')).includes('Mesurer le rendement'),
        'the dragged card is in « En cours » where it was dropped',
      );
      await eventually(
        async () =>
          (await titles(olivier, 'En cours')).includes('Mesurer le rendement') &&
          !(await titles(olivier, 'À faire')).includes('Mesurer le rendement'),
        'the card moved in the other browser',
      );

      // Olivier moves « Rédiger la synthèse » with the keyboard: Alt + → to « En cours ».
      const card = olivier.locator('.board-card', { hasText: 'Rédiger la synthèse' });
      await card.focus();
      await olivier.keyboard.press('Alt+ArrowRight');
      await eventually(
        async () =>
          ((await olivier.getByTestId('board-live').textContent()) ?? '').includes(
            '« Rédiger la synthèse » déplacée dans En cours, position 2 sur 2',
          ),
        'the move is announced',
      );
      // Focus stays on the moved card; Alt + ↑ puts it on top of its column.
      await eventually(
        () =>
          olivier.evaluate(
            () => document.activeElement?.textContent?.includes('Rédiger la synthèse') ?? false,
          ),
        'focus stays on the moved card',
      );
      await olivier.keyboard.press('Alt+ArrowUp');
      await eventually(
        async () =>
          JSON.stringify(await titles(marie, 'En cours')) ===
          JSON.stringify(['Rédiger la synthèse', 'Mesurer le rendement']),
        'both keyboard moves reached the other browser, in order',
      );
      assert.deepEqual(await titles(olivier, 'En cours'), [
        'Rédiger la synthèse',
        'Mesurer le rendement',
      ]);
    }),
  );

  it(
    'a board of 500 cards opens with every card shown',
    run('boards-500', async ({ newPage }) => {
      const marie = await newPage();
      await openBoards(marie, MARIE);
      const space = await spaceId(marie);
      const login = await marie.request.post('/api/auth/login', { data: MARIE });
      const token = ((await login.json()) as { token: string }).token;
      const auth = { Authorization: `Bearer ${token}` };
      const board = (await (
        await marie.request.post(`/api/spaces/${space}/boards`, {
          data: { name: 'Grand tableau' },
          headers: auth,
        })
      ).json()) as { id: string; columns: { id: string }[] };
      for (let i = 0; i < 500; i += 25) {
        await Promise.all(
          Array.from({ length: 25 }, (_, j) =>
            marie.request.post(`/api/spaces/${space}/boards/${board.id}/cards`, {
              data: { column: board.columns[(i + j) % 3]!.id, title: `Carte ${i + j}` },
              headers: auth,
            }),
          ),
        );
      }
      await marie.reload();
      await marie.getByRole('heading', { level: 2, name: 'Tableaux de l’espace' }).waitFor();
      const started = Date.now();
      await marie
        .getByRole('navigation', { name: 'Tableaux' })
        .getByRole('button', { name: 'Grand tableau' })
        .click();
      await eventually(
        async () => (await marie.locator('.board-card').count()) === 500,
        'all 500 cards are shown',
      );
      console.log(
        `500-card board shown in ${Date.now() - started} ms (click to last card, polled every 250 ms)`,
      );
    }),
  );
});
