import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callApi, ENERGY_SQUAD, MARIE, signIn, spaceId, useServer } from './harness.ts';

describe('search', () => {
  const { run } = useServer({ before, after });

  it(
    'finds a message from the header, grouped by space, opened with the keyboard; helps when nothing is found',
    run('search', async ({ newPage }) => {
      const page = await newPage();
      await signIn(page, MARIE);
      await page.getByRole('link', { name: ENERGY_SQUAD }).click();
      await page.getByRole('heading', { level: 1, name: ENERGY_SQUAD }).waitFor();
      await page
        .getByRole('navigation', { name: 'Sections de l’espace' })
        .getByRole('link', { name: 'Discussions' })
        .click();
      const box = page.getByLabel(/^Message dans # /);
      await box.fill('Nos séchoirs solaires de Rimouski tiennent la cadence');
      await box.press('Enter');

      // Typing: the last word matches as a prefix, plural and accents do not matter.
      const search = page.getByRole('combobox', { name: 'Rechercher dans vos espaces' });
      await search.click();
      await search.pressSequentially('sechoir solai');
      const hit = page.getByRole('option').filter({ hasText: 'Rimouski' });
      await hit.waitFor({ timeout: 20_000 });
      const group = page.locator('.search-group', { has: hit });
      assert.equal(await group.locator('h3').innerText(), ENERGY_SQUAD);
      assert.deepEqual(await hit.locator('mark').allInnerTexts(), ['séchoirs', 'solaires']);

      await search.press('ArrowDown');
      assert.equal(await hit.getAttribute('aria-selected'), 'true');
      await search.press('Enter');
      await page.waitForURL(/\/discussions\/general\?message=/);
      // The message itself is brought into view and marked.
      await page.locator('li.search-target', { hasText: 'Rimouski' }).waitFor();

      // Nothing found: the panel says so and helps.
      await search.fill('zzqxwv introuvable');
      await page.getByText('Aucun résultat pour « zzqxwv introuvable ».').waitFor();
      await page.getByText('Quelques pistes :').waitFor();
      await search.press('Escape');
      assert.equal(await page.locator('#site-search-panel').count(), 0);
    }),
  );

  it(
    'a link to a message older than the loaded history opens the discussion at that message',
    run('search-old-link', async ({ newPage }) => {
      const page = await newPage();
      await signIn(page, MARIE);
      const space = await spaceId(page, ENERGY_SQUAD);
      const path = `/api/spaces/${space}/channels/general/messages`;
      const old = await callApi<{ message: { id: string } }>(page, 'POST', path, {
        clientId: 'old-link-target',
        text: 'Le rapport de Baie-Comeau est dans le dossier partagé',
      });
      // More messages after it than the first page (50) and a page of 200 hold.
      for (let i = 0; i < 260; i++) {
        await callApi(page, 'POST', path, { clientId: `old-link-${i}`, text: `Suivi n° ${i}` });
      }
      await page.goto(`/spaces/${space}/discussions/general?message=${old.message.id}`);
      const target = page.locator('li.search-target', { hasText: 'Baie-Comeau' });
      // waitFor waits until it is visible: the message was loaded, rendered and scrolled to.
      await target.waitFor({ timeout: 30_000 });
    }),
  );
});
