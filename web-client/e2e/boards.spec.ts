import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  createBoard,
  ENERGY_SQUAD,
  eventually,
  MARIE,
  OLIVIER,
  signIn,
  useServer,
} from './harness.ts';

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

/** A cell of a board with lanes: the list of a column in one lane. */
const cell = (page: Page, columnName: string, lane: string) =>
  page.getByRole('list', { name: `${columnName}, couloir ${lane}`, exact: true });

async function cellTitles(page: Page, columnName: string, lane: string): Promise<string[]> {
  return cell(page, columnName, lane).locator('.board-card-title').allTextContents();
}

/** The lane rows top to bottom, by name. */
async function laneNames(page: Page): Promise<string[]> {
  return (await page.locator('.board-lane-toggle').allTextContents()).map((n) =>
    n.replace(/^[▸▾]\s*/, '').trim(),
  );
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
      await createBoard(marie, 'Suivi des essais');
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
    'lanes: managed from the board, a card dragged to another lane moves there in the other browser, a keyboard lane move is announced, the dialog changes the lane',
    run('boards-lanes', async ({ newPage }) => {
      const marie = await newPage();
      const olivier = await newPage();
      await openBoards(marie, MARIE);
      await createBoard(marie, 'Lots du mandat');

      // Lanes are added, renamed and reordered from the board's « Couloirs » panel.
      await marie.getByRole('button', { name: 'Couloirs', exact: true }).click();
      for (const name of ['Lot 1', 'Lot 2']) {
        await marie.getByLabel('Nouveau couloir').fill(name);
        await marie.getByRole('button', { name: 'Ajouter le couloir' }).click();
        await marie.getByLabel(`Nom du couloir ${name}`).waitFor();
      }
      await marie.getByLabel('Nom du couloir Lot 2').fill('Essais');
      await marie.getByRole('button', { name: 'Renommer le couloir Lot 2' }).click();
      await marie.getByRole('button', { name: 'Monter le couloir Essais' }).click();
      await eventually(
        async () =>
          JSON.stringify(await laneNames(marie)) ===
          JSON.stringify(['Essais', 'Lot 1', 'Sans couloir']),
        'the grid shows the lanes in their new order, then the cards without a lane',
      );
      await marie.getByRole('button', { name: 'Couloirs', exact: true }).click();

      await marie
        .getByRole('button', { name: 'Ajouter une carte dans À faire, couloir Lot 1' })
        .click();
      await marie
        .getByLabel('Titre de la nouvelle carte dans À faire, couloir Lot 1')
        .fill('Plan d’essai');
      await cell(marie, 'À faire', 'Lot 1')
        .locator('..')
        .getByRole('button', { name: 'Ajouter', exact: true })
        .click();
      await eventually(
        async () => (await cellTitles(marie, 'À faire', 'Lot 1')).includes('Plan d’essai'),
        'the card is created in its lane',
      );

      await openBoards(olivier, OLIVIER);
      await olivier
        .getByRole('navigation', { name: 'Tableaux' })
        .getByRole('button', { name: 'Lots du mandat' })
        .click();
      await eventually(
        async () => (await cellTitles(olivier, 'À faire', 'Lot 1')).includes('Plan d’essai'),
        'the other browser shows the card in its lane',
      );

      // Marie drags it into « En cours » of the lane « Essais »: one move, lane and column together.
      await marie
        .locator('.board-card', { hasText: 'Plan d’essai' })
        .dragTo(cell(marie, 'En cours', 'Essais'));
      await eventually(
        async () =>
          (await cellTitles(olivier, 'En cours', 'Essais')).includes('Plan d’essai') &&
          (await cellTitles(olivier, 'À faire', 'Lot 1')).length === 0,
        'the card moved to the other lane in the other browser, and is nowhere else',
      );
      assert.equal(await olivier.locator('.board-card', { hasText: 'Plan d’essai' }).count(), 1);
      // WIP and counts are over the whole column, across lanes.
      assert.match(
        (await olivier.locator('.board-grid-head h3').nth(1).textContent()) ?? '',
        /En cours\s*1/,
      );

      // Olivier moves it down one lane with the keyboard: Alt + Shift + ↓.
      await olivier.locator('.board-card', { hasText: 'Plan d’essai' }).focus();
      await olivier.keyboard.press('Alt+Shift+ArrowDown');
      await eventually(
        async () =>
          ((await olivier.getByTestId('board-live').textContent()) ?? '').includes(
            '« Plan d’essai » déplacée dans En cours, couloir Lot 1, position 1 sur 1',
          ),
        'the lane move is announced',
      );
      await eventually(
        async () =>
          (await cellTitles(marie, 'En cours', 'Lot 1')).includes('Plan d’essai') &&
          (await cellTitles(marie, 'En cours', 'Essais')).length === 0,
        'the keyboard lane move reached the other browser',
      );
      await eventually(
        () =>
          olivier.evaluate(
            () => document.activeElement?.textContent?.includes('Plan d’essai') ?? false,
          ),
        'focus stays on the moved card',
      );

      // The card dialog takes it out of every lane; the list view names the lane.
      await olivier.keyboard.press('Enter');
      const dialog = olivier.getByRole('dialog');
      await dialog.getByLabel('Couloir').selectOption({ label: 'Sans couloir' });
      await dialog.getByRole('button', { name: 'Enregistrer' }).click();
      await eventually(
        async () => (await cellTitles(marie, 'En cours', 'Sans couloir')).includes('Plan d’essai'),
        'the lane chosen in the dialog shows in the other browser',
      );
      await marie.getByRole('button', { name: 'Vue liste' }).click();
      const row = marie.getByRole('row', { name: /Plan d’essai/ });
      assert.match((await row.textContent()) ?? '', /En coursSans couloir/);
    }),
  );

  it(
    'a board of 500 cards opens with every card shown, without and with lanes',
    run('boards-500', async ({ newPage }) => {
      const marie = await newPage();
      await openBoards(marie, MARIE);
      const space = await spaceId(marie);
      const login = await marie.request.post('/api/auth/login', { data: MARIE });
      const token = ((await login.json()) as { token: string }).token;
      const auth = { Authorization: `Bearer ${token}` };
      const boards = `/api/spaces/${space}/boards`;
      /** A board of 500 cards over its 3 columns and `lanes` lanes (and the band without a lane). */
      const bigBoard = async (name: string, lanes: number) => {
        const board = (await (
          await marie.request.post(boards, { data: { name }, headers: auth })
        ).json()) as { id: string; columns: { id: string }[] };
        const laneIds: (string | undefined)[] = [undefined];
        for (let l = 0; l < lanes; l++) {
          const lane = await marie.request.post(`${boards}/${board.id}/swimlanes`, {
            data: { name: `Lot ${l + 1}` },
            headers: auth,
          });
          laneIds.push(((await lane.json()) as { id: string }).id);
        }
        for (let i = 0; i < 500; i += 25) {
          await Promise.all(
            Array.from({ length: 25 }, (_, j) => {
              const lane = laneIds[(i + j) % laneIds.length];
              return marie.request.post(`${boards}/${board.id}/cards`, {
                data: {
                  column: board.columns[(i + j) % 3]!.id,
                  title: `Carte ${i + j}`,
                  ...(lane ? { swimlane: lane } : {}),
                },
                headers: auth,
              });
            }),
          );
        }
      };
      await bigBoard('Grand tableau', 0);
      await bigBoard('Grand tableau à couloirs', 6);
      for (const name of ['Grand tableau', 'Grand tableau à couloirs']) {
        await marie.reload();
        await marie.getByRole('heading', { level: 2, name: 'Tableaux de l’espace' }).waitFor();
        const started = Date.now();
        await marie
          .getByRole('navigation', { name: 'Tableaux' })
          .getByRole('button', { name, exact: true })
          .click();
        await eventually(
          async () => (await marie.locator('.board-card').count()) === 500,
          `all 500 cards of « ${name} » are shown`,
        );
        console.log(
          `500-card board « ${name} » shown in ${Date.now() - started} ms (click to last card, polled every 250 ms)`,
        );
      }
      assert.equal(await marie.locator('.board-lane').count(), 7);
    }),
  );
});
