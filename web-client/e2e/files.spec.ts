import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, ENERGY_SQUAD, MARIE, signIn, useServer } from './harness.ts';

const OLIVIER = { email: 'olivier.lavoie@cctt.example', password: DEMO_PASSWORD };

/** A 2×1 PNG (red, blue), so that the server makes a thumbnail of it. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR4nGP4zwAE/wEHAAH/4iOeWQAAAABJRU5ErkJggg==',
  'base64',
);

async function openFiles(page: Page, who: { email: string; password: string }) {
  await signIn(page, who);
  // The sidebar lists the same space: take the directory's link.
  await page.locator('#main').getByRole('link', { name: ENERGY_SQUAD }).click();
  await page.getByRole('heading', { level: 1, name: ENERGY_SQUAD }).waitFor();
  await page
    .getByRole('navigation', { name: 'Sections de l’espace' })
    .getByRole('link', { name: 'Fichiers' })
    .click();
  await page.waitForURL(/\/files$/);
  await page.getByRole('heading', { level: 2, name: 'Fichiers de l’espace' }).waitFor();
}

describe('files', () => {
  const { run } = useServer({ before, after });

  it(
    'a file uploaded in one browser appears in the other, with its preview, and downloads as sent',
    run('files', async ({ newPage }) => {
      const marie = await newPage();
      const olivier = await newPage();
      await openFiles(marie, MARIE);
      await openFiles(olivier, OLIVIER);

      await marie.locator('#files-input').setInputFiles([
        { name: 'schéma.png', mimeType: 'image/png', buffer: PNG },
        {
          name: 'compte-rendu.txt',
          mimeType: 'text/plain',
          buffer: Buffer.from('Réunion du 3 mars', 'utf8'),
        },
      ]);
      await marie.locator('.upload-done', { hasText: 'schéma.png' }).waitFor();
      await marie.locator('.upload-done', { hasText: 'compte-rendu.txt' }).waitFor();

      // The other person sees both arrive live, the image with its thumbnail.
      const list = olivier.getByRole('list', { name: 'Fichiers de l’espace' });
      await list.getByRole('link', { name: 'compte-rendu.txt' }).waitFor();
      const image = list.locator('li', { hasText: 'schéma.png' });
      await image.locator('img.file-thumb').waitFor();
      assert.ok(
        await image
          .locator('img.file-thumb')
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      );

      // Filter by type, then download what was sent.
      await olivier.getByLabel('Type').selectOption('image');
      await list.getByRole('link', { name: 'compte-rendu.txt' }).waitFor({ state: 'detached' });
      await olivier.getByLabel('Type').selectOption('all');
      const href = await list.getByRole('link', { name: 'compte-rendu.txt' }).getAttribute('href');
      assert.ok(href);
      const answer = await olivier.request.get(href);
      assert.equal(answer.status(), 200);
      assert.equal(await answer.text(), 'Réunion du 3 mars');
      assert.match(answer.headers()['content-disposition'] ?? '', /^attachment;/);

      // Olivier may not delete Marie's file; Marie may.
      assert.equal(
        await list.getByRole('button', { name: 'Supprimer compte-rendu.txt' }).count(),
        0,
      );
      marie.once('dialog', (d) => void d.accept());
      await marie.getByRole('button', { name: 'Supprimer compte-rendu.txt' }).click();
      await list.getByRole('link', { name: 'compte-rendu.txt' }).waitFor({ state: 'detached' });
    }),
  );
});
