import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIGITAL_SQUAD, LUC, focused, tabTo, useServer } from './harness.ts';

describe('keyboard alone', () => {
  const { run } = useServer({ before, after });

  it(
    'signs in and reaches a space with the keyboard only, focus following each page',
    run('keyboard only', async ({ newPage }) => {
      const page = await newPage();
      await page.goto('/signin');
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();

      // The first Tab lands on the skip link, which moves the focus to the content.
      await page.keyboard.press('Tab');
      assert.equal((await focused(page)).text, 'Aller au contenu principal');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

      await tabTo(page, (el) => el.name === 'email');
      await page.keyboard.type(LUC.email);
      await page.keyboard.press('Tab');
      assert.equal((await focused(page)).name, 'password');
      await page.keyboard.type(LUC.password);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/spaces$/);
      await page.getByRole('main').getByRole('link', { name: DIGITAL_SQUAD }).waitFor();

      await tabTo(page, (el) => el.tag === 'a' && el.text === DIGITAL_SQUAD, 80);
      // The focus ring is visible on the focused link.
      const outline = await page.evaluate(
        () => getComputedStyle(document.activeElement!).outlineStyle,
      );
      assert.notEqual(outline, 'none');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: DIGITAL_SQUAD }).waitFor();
      const afterNav = await focused(page);
      assert.equal(afterNav.tag, 'h1', 'the focus moves to the new page’s heading');
      assert.equal(afterNav.text, DIGITAL_SQUAD);

      // The browser's back goes to the directory again.
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: /Répertoire/ }).waitFor();
    }),
  );

  it(
    'labels every form control of the main screens',
    run('labels', async ({ newPage }) => {
      const page = await newPage();
      await page.goto('/signin');
      await page.locator('input[name="email"]').fill(LUC.email);
      await page.locator('input[name="password"]').fill(LUC.password);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/spaces$/);
      for (const path of ['/spaces', '/propose', '/profile']) {
        await page.goto(path);
        await page.locator('h1').waitFor();
        await page.locator('form').first().waitFor();
        const unlabelled = await page.evaluate(() =>
          [...document.querySelectorAll('input, select, textarea')]
            .filter((el) => {
              const labels = (el as HTMLInputElement).labels;
              return !(labels && labels.length > 0) && !el.getAttribute('aria-label');
            })
            .map((el) => el.outerHTML),
        );
        assert.deepEqual(unlabelled, [], `unlabelled controls on ${path}`);
      }
    }),
  );
});
