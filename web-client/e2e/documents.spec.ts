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

async function openDocuments(page: Page, who: { email: string; password: string }) {
  await signIn(page, who);
  await page.getByRole('main').getByRole('link', { name: ENERGY_SQUAD }).click();
  await page.getByRole('heading', { level: 1, name: ENERGY_SQUAD }).waitFor();
  await page
    .getByRole('navigation', { name: 'Sections de l’espace' })
    .getByRole('link', { name: 'Documents' })
    .click();
  await page.waitForURL(/\/documents$/);
  await page.getByRole('heading', { level: 2, name: 'Documents partagés de l’espace' }).waitFor();
}

/** Creates a document from the meeting template and waits for its editor. */
async function createMeetingNotes(page: Page, title: string) {
  await page.getByLabel('Titre du document').fill(title);
  await page.getByLabel('Modèle').selectOption('meeting');
  await page.getByRole('button', { name: 'Créer' }).click();
  await page.waitForURL(/\/documents\/[A-Za-z0-9_-]+$/);
  await saved(page);
}

async function saved(page: Page) {
  await page.locator('.doc-status[data-status="saved"]').waitFor({ timeout: 30_000 });
}

const editorText = (page: Page) =>
  page.locator('.cm-content').evaluate((el) =>
    // the lines as the person sees them, without the others' caret labels
    Array.from(el.querySelectorAll('.cm-line'))
      .map((line) => {
        const copy = line.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.doc-remote-caret').forEach((c) => c.remove());
        return copy.textContent ?? '';
      })
      .join('\n'),
  );

async function typeAt(page: Page, where: 'start' | 'end', text: string) {
  await page.locator('.cm-content').click();
  await page.keyboard.press(where === 'start' ? 'Control+Home' : 'Control+End');
  await page.keyboard.type(text, { delay: 15 });
}

describe('shared documents', () => {
  const { run } = useServer({ before, after });

  it(
    'two people type into one document at the same moment and both end with the same text, seeing each other’s cursor',
    run('documents live', async ({ newPage }) => {
      const marie = await newPage();
      const olivier = await newPage();
      await openDocuments(marie, MARIE);
      await openDocuments(olivier, OLIVIER);
      await createMeetingNotes(marie, 'Réunion de lancement');
      await olivier.getByRole('link', { name: 'Réunion de lancement' }).click();
      await saved(olivier);
      assert.match(await editorText(olivier), /^# Compte rendu de réunion/);

      await Promise.all([
        typeAt(marie, 'end', 'Décision : mesurer cinq séchoirs. '),
        typeAt(olivier, 'start', 'Brouillon — '),
      ]);
      await eventually(
        async () => {
          const [a, b] = [await editorText(marie), await editorText(olivier)];
          return (
            a === b &&
            a.startsWith('Brouillon — # Compte rendu de réunion') &&
            a.includes('Décision : mesurer cinq séchoirs. ')
          );
        },
        'both editors show both edits, whole',
        30_000,
      );
      await saved(marie);
      await saved(olivier);
      // Marie's cursor is shown to Olivier with her name
      await olivier.locator('.doc-remote-name', { hasText: 'Marie Tremblay' }).waitFor();
      // the preview renders the Markdown
      await marie.locator('.doc-preview strong', { hasText: 'Présents :' }).first().waitFor();
      // and the server has exactly that text
      const url = new URL(marie.url());
      const [, , space, , doc] = url.pathname.split('/');
      const served = await marie.evaluate(
        async ([s, d]) =>
          (await (await fetch(`/api/spaces/${s}/documents/${d}`)).json()).text as string,
        [space, doc],
      );
      assert.equal(served, await editorText(marie));
    }),
  );

  it(
    'edits made offline are kept and merged on return',
    run('documents offline', async ({ newPage }) => {
      const marie = await newPage();
      const olivier = await newPage();
      await openDocuments(marie, MARIE);
      await openDocuments(olivier, OLIVIER);
      await createMeetingNotes(marie, 'Notes hors ligne');
      await olivier.getByRole('link', { name: 'Notes hors ligne' }).click();
      await saved(olivier);

      await olivier.context().setOffline(true);
      await olivier.locator('.doc-status[data-status="offline"]').waitFor({ timeout: 45_000 });
      await typeAt(olivier, 'start', 'Écrit hors ligne. ');
      await typeAt(marie, 'end', 'Écrit en ligne.');
      await saved(marie);
      await olivier.waitForTimeout(1000);
      assert.ok(!(await editorText(olivier)).includes('Écrit en ligne.'));

      await olivier.context().setOffline(false);
      await eventually(
        async () => {
          const [a, b] = [await editorText(marie), await editorText(olivier)];
          return a === b && a.startsWith('Écrit hors ligne. ') && a.endsWith('Écrit en ligne.');
        },
        'the offline edit reached Marie and Marie’s reached Olivier',
        45_000,
      );
      await saved(olivier);
    }),
  );
  it(
    'a document put in the trash closes for those who have it open, who are told so',
    run('documents trashed', async ({ newPage }) => {
      const marie = await newPage();
      const olivier = await newPage();
      await openDocuments(marie, MARIE);
      await openDocuments(olivier, OLIVIER);
      await createMeetingNotes(marie, 'Notes à jeter');
      await olivier.getByRole('link', { name: 'Notes à jeter' }).click();
      await saved(olivier);
      await typeAt(olivier, 'end', 'Ma dernière phrase.');
      await saved(olivier);

      await marie.getByRole('link', { name: 'Tous les documents' }).click();
      marie.once('dialog', (d) => void d.accept());
      await marie
        .getByRole('listitem')
        .filter({ hasText: 'Notes à jeter' })
        .getByRole('button', { name: 'Mettre à la corbeille' })
        .click();
      await olivier
        .getByRole('alert')
        .filter({ hasText: 'Ce document a été mis à la corbeille.' })
        .waitFor({ timeout: 30_000 });
      await olivier.locator('.doc-status[data-status="closed"]').waitFor();
      // the text stays readable but no longer editable
      assert.equal(await olivier.locator('.cm-content').getAttribute('aria-readonly'), 'true');
      assert.match(await editorText(olivier), /Ma dernière phrase\.$/);
    }),
  );
  it(
    'a document shows the cards that link to it, links to a card, makes a task from the selection, and a card link in the text opens the card',
    run('documents and cards', async ({ newPage }) => {
      const marie = await newPage();
      await signIn(marie, MARIE);
      await marie.getByRole('main').getByRole('link', { name: ENERGY_SQUAD }).click();
      await marie.getByRole('heading', { level: 1, name: ENERGY_SQUAD }).waitFor();
      const sections = marie.getByRole('navigation', { name: 'Sections de l’espace' });
      await sections.getByRole('link', { name: 'Tableaux' }).click();
      await createBoard(marie, 'Suivi du séchoir');
      const todo = marie.locator('.board-column', {
        has: marie.getByRole('heading', { level: 3, name: /^À faire/ }),
      });
      await todo.getByRole('button', { name: '+ Ajouter une carte' }).click();
      await todo
        .getByLabel('Titre de la nouvelle carte dans À faire')
        .fill('Commander les capteurs');
      await todo.getByRole('button', { name: 'Ajouter', exact: true }).click();
      await todo.locator('.board-card', { hasText: 'Commander les capteurs' }).waitFor();

      await sections.getByRole('link', { name: 'Documents' }).click();
      await marie
        .getByRole('heading', { level: 2, name: 'Documents partagés de l’espace' })
        .waitFor();
      await createMeetingNotes(marie, 'Plan des mesures');
      const cards = marie.getByRole('region', { name: 'Cartes liées' });
      await cards.getByText('Aucune carte ne renvoie à ce document.').waitFor();

      // an existing card is linked to the document
      await cards
        .getByLabel('Lier à une carte')
        .selectOption({ label: 'Commander les capteurs — Suivi du séchoir' });
      await cards.getByRole('button', { name: 'Lier', exact: true }).click();
      await cards.getByRole('link', { name: 'Commander les capteurs' }).waitFor();
      await cards.getByText('Suivi du séchoir · À faire').waitFor();

      // a task made from the selected line
      await typeAt(marie, 'end', '\nMesurer la porte du séchoir');
      await saved(marie);
      await marie.keyboard.press('Shift+Home');
      await cards
        .getByRole('button', { name: 'Créer une tâche depuis le document ou la sélection' })
        .click();
      assert.equal(
        await cards.getByLabel('Titre de la tâche').inputValue(),
        'Mesurer la porte du séchoir',
      );
      await cards.getByRole('button', { name: 'Créer la tâche' }).click();
      await cards.getByRole('link', { name: 'Mesurer la porte du séchoir' }).waitFor();
      assert.equal(await cards.getByRole('listitem').count(), 2);

      // a Markdown link to a card's address, in the text, opens the card
      const href = await cards
        .getByRole('link', { name: 'Commander les capteurs' })
        .getAttribute('href');
      assert.ok(href);
      await typeAt(marie, 'end', `\nVoir [la commande](${new URL(href, marie.url()).href})`);
      await saved(marie);
      await marie.locator('.doc-preview').getByRole('link', { name: 'la commande' }).click();
      await marie.waitForURL(/\/boards\?board=.*&card=/);
      await marie
        .getByRole('dialog')
        .getByRole('heading', { name: 'Commander les capteurs' })
        .waitFor();
      assert.equal(marie.context().pages().length, 1, 'the card opened in the same tab');

      // and the card lists the document among its links
      await marie
        .getByRole('dialog')
        .locator('.card-links a[href*="/documents/"]')
        .first()
        .waitFor();
    }),
  );
  it(
    'a message becomes a document that links back to it',
    run('documents from a message', async ({ newPage }) => {
      const marie = await newPage();
      await signIn(marie, MARIE);
      await marie.getByRole('main').getByRole('link', { name: ENERGY_SQUAD }).click();
      await marie.getByRole('heading', { level: 1, name: ENERGY_SQUAD }).waitFor();
      await marie
        .getByRole('navigation', { name: 'Sections de l’espace' })
        .getByRole('link', { name: 'Discussions' })
        .click();
      await marie.waitForURL(/\/discussions/);
      const composer = marie.getByLabel(/^Message dans # /);
      await composer.fill('Plan du séchoir pilote\n- mesurer la porte');
      await composer.press('Enter');
      const message = marie.locator('li[data-id]', { hasText: 'Plan du séchoir pilote' });
      await message.waitFor();
      await message.hover();
      await message.getByRole('button', { name: /Faire un document partagé du message/ }).click();
      await marie.waitForURL(/\/documents\/[A-Za-z0-9_-]+$/);
      await marie.getByRole('heading', { level: 2, name: 'Plan du séchoir pilote' }).waitFor();
      await saved(marie);
      const text = await editorText(marie);
      assert.match(text, /- mesurer la porte/);
      assert.match(
        text,
        /D’après \[un message de Marie Tremblay\]\(http.*\/discussions\/general\?message=/,
      );
    }),
  );
});
