import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIGITAL_SQUAD, ENERGY_SQUAD, LUC, eventually, signIn, useServer } from './harness.ts';

describe('directory', () => {
  const { run } = useServer({ before, after });

  it(
    'lists the squads and tactical groups, filters them, and keeps filters in the URL',
    run('directory filters', async ({ newPage }) => {
      const page = await newPage();
      await signIn(page, LUC);
      const cards = page.locator('.space-card');
      await page.getByRole('main').getByRole('link', { name: ENERGY_SQUAD }).waitFor();
      const total = await cards.count();
      assert.ok(total >= 5, `expected the 4 squads and a tactical group, saw ${total}`);

      // Each card shows counts and member organisations.
      const digital = page.locator('.space-card', {
        has: page.getByRole('link', { name: DIGITAL_SQUAD }),
      });
      assert.match(await digital.innerText(), /\d+ membres? · \d+ organisations?/);
      assert.match(await digital.innerText(), /Votre rôle : Coordonnateur/);

      await page.getByLabel('Type').selectOption('tactical');
      await page.waitForURL(/kind=tactical/);
      await eventually(
        async () => (await cards.count()) < total,
        'the list narrows to tactical groups',
      );
      for (const text of await cards.allInnerTexts()) assert.match(text, /Groupe tactique/);

      await page.getByLabel('Type').selectOption('squad');
      await page.waitForURL(/kind=squad/);
      await eventually(async () => (await cards.count()) === 4, 'four squads');

      await page.getByLabel('Rechercher (nom, thème, mandat)').fill('Numérique');
      await page.getByRole('button', { name: 'Filtrer' }).click();
      await page.waitForURL(/q=Num/);
      await eventually(async () => (await cards.count()) === 1, 'one squad named Numérique');
      await page.getByRole('main').getByRole('link', { name: DIGITAL_SQUAD }).waitFor();

      // Back goes to the previous filter; a deep link restores the filters from the URL.
      await page.goBack();
      await page.waitForURL((url) => !url.search.includes('q='));
      await eventually(async () => (await cards.count()) === 4, 'four squads again');
      await page.goto('/spaces?kind=squad&q=Bioalimentaire');
      await eventually(async () => (await cards.count()) === 1, 'deep link with filters');
      assert.equal(await page.getByLabel('Type').inputValue(), 'squad');
      assert.equal(
        await page.getByLabel('Rechercher (nom, thème, mandat)').inputValue(),
        'Bioalimentaire',
      );

      await page.getByRole('button', { name: 'Effacer les filtres' }).click();
      await eventually(async () => (await cards.count()) === total, 'all spaces again');

      // Theme filter: the energy squad's theme.
      const themes = await page
        .getByLabel('Thème', { exact: true })
        .locator('option')
        .allInnerTexts();
      const energyTheme = themes.find((t) => t.startsWith('Transition énergétique'));
      assert.ok(energyTheme, `themes: ${themes.join(' | ')}`);
      await page.getByLabel('Thème', { exact: true }).selectOption({ label: energyTheme });
      await eventually(async () => (await cards.count()) === 1, 'one space with that theme');
      await page.getByRole('main').getByRole('link', { name: ENERGY_SQUAD }).waitFor();
    }),
  );

  it(
    'opens a space from the directory, and the back button returns',
    run('directory to space', async ({ newPage }) => {
      const page = await newPage();
      await signIn(page, LUC);
      await page.getByRole('main').getByRole('link', { name: DIGITAL_SQUAD }).click();
      await page.getByRole('heading', { level: 1, name: DIGITAL_SQUAD }).waitFor();
      await page.getByRole('navigation', { name: 'Sections de l’espace' }).waitFor();
      await page.getByRole('heading', { name: /Membres/ }).waitFor();
      const spaceUrl = page.url();
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: /Répertoire/ }).waitFor();
      await page.goForward();
      await page.getByRole('heading', { level: 1, name: DIGITAL_SQUAD }).waitFor();
      await page.goto(spaceUrl);
      await page.getByRole('heading', { level: 1, name: DIGITAL_SQUAD }).waitFor();

      // Unknown things get a clear message, never a blank page.
      await page.goto('/spaces/no-such-space');
      await page.getByRole('alert').waitFor();
      await page.goto('/nowhere/at/all');
      await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
      await page.getByRole('link', { name: 'Aller au répertoire' }).click();
      await page.getByRole('heading', { level: 1, name: /Répertoire/ }).waitFor();
    }),
  );

  it(
    'fits a 375 px phone screen without sideways scrolling',
    run('phone width', async ({ newPage }) => {
      const page = await newPage({ width: 375, height: 740 });
      await signIn(page, LUC);
      await page.getByRole('main').getByRole('link', { name: ENERGY_SQUAD }).waitFor();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
      await page.goto('/spaces?kind=tactical&state=active');
      await page.locator('.space-card h3 a').first().click();
      await page.locator('h1').waitFor();
      await page.getByRole('heading', { name: 'Mandat' }).waitFor();
      const overflowSpace = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflowSpace <= 0, `space page is ${overflowSpace}px wider than the screen`);
    }),
  );
});
