import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ENERGY_SQUAD, eventually, MARIE, OLIVIER, signIn, useServer } from './harness.ts';

/** A 2×1 PNG (red, blue), so that the server makes a thumbnail of it. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR4nGP4zwAE/wEHAAH/4iOeWQAAAABJRU5ErkJggg==',
  'base64',
);

async function openFiles(page: Page, who: { email: string; password: string }) {
  await signIn(page, who);
  await page.getByRole('main').getByRole('link', { name: ENERGY_SQUAD }).click();
  await page.getByRole('heading', { level: 1, name: ENERGY_SQUAD }).waitFor();
  await page
    .getByRole('navigation', { name: 'Sections de l’espace' })
    .getByRole('link', { name: 'Fichiers' })
    .click();
  await page.waitForURL(/\/files$/);
  await page.getByRole('heading', { level: 2, name: 'Fichiers de l’espace' }).waitFor();
}

/** Signs in and opens the energy squad's first channel. */
async function openDiscussions(page: Page, who: { email: string; password: string }) {
  await signIn(page, who);
  await page.getByRole('main').getByRole('link', { name: ENERGY_SQUAD }).click();
  await page.getByRole('heading', { level: 1, name: ENERGY_SQUAD }).waitFor();
  await page
    .getByRole('navigation', { name: 'Sections de l’espace' })
    .getByRole('link', { name: 'Discussions' })
    .click();
  await page.waitForURL(/\/discussions/);
  await page.locator('.chat-main .msg-scroll, .chat-main .empty').first().waitFor();
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
      // The element is there before its bytes: wait until the thumbnail has loaded.
      await eventually(
        () =>
          image
            .locator('img.file-thumb')
            .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
        'the thumbnail loads',
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

  it(
    'files attached in the composer (picked, pasted, dropped) reach the other person with the message',
    run('composer files', async ({ newPage }) => {
      const marie = await newPage();
      const olivier = await newPage();
      await openDiscussions(marie, MARIE);
      await openDiscussions(olivier, OLIVIER);
      const composer = marie.locator('.chat-main form.composer');

      // One file from the picker, one image pasted as from a screenshot tool.
      await composer.locator('.composer-files-input').setInputFiles({
        name: 'budget.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Budget 2026', 'utf8'),
      });
      const box = marie.getByLabel(/^Message dans # /);
      await box.evaluate((el, b64) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const data = new DataTransfer();
        data.items.add(new File([bytes], 'capture.png', { type: 'image/png' }));
        el.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      }, PNG.toString('base64'));
      // And one dropped on the composer.
      await composer.evaluate((form) => {
        const data = new DataTransfer();
        data.items.add(new File(['Points à voir'], 'notes.txt', { type: 'text/plain' }));
        form.dispatchEvent(
          new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }),
        );
        form.dispatchEvent(
          new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
        );
      });
      const attached = composer.getByRole('list', { name: 'Fichiers joints au message' });
      await attached.getByText('budget.txt').waitFor();
      await attached.getByText('capture.png').waitFor();
      await attached.getByText('notes.txt').waitFor();

      await box.fill('Voici le budget et la capture');
      await box.press('Enter');
      await attached.waitFor({ state: 'detached' });

      // Olivier sees the message arrive live with both files: the image inline, the text as a link.
      const message = olivier.locator('.chat-main .msg-list > li', {
        hasText: 'Voici le budget et la capture',
      });
      const files = message.getByRole('list', { name: 'Pièces jointes' });
      await files.getByRole('img', { name: 'capture.png' }).waitFor();
      const link = files.getByRole('link', { name: /budget\.txt/ });
      const href = await link.getAttribute('href');
      assert.ok(href);
      const answer = await olivier.request.get(href);
      assert.equal(await answer.text(), 'Budget 2026');
      await files.getByRole('link', { name: /notes\.txt/ }).waitFor();
    }),
  );
});
