import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LUC, useServer } from './harness.ts';

describe('language', () => {
  const { run } = useServer({ before, after });

  it(
    'speaks French by default, switches to English, and remembers it for the person',
    run('switch to English', async ({ newPage, newContext }) => {
      const page = await newPage();
      await page.goto('/signin');
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr-CA');

      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'en-CA');

      // A wrong password: the server's message comes in English too (Accept-Language).
      await page.getByLabel('Email address').fill(LUC.email);
      await page.getByLabel('Password').fill('wrong password');
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      assert.equal((await answer).request().headers()['accept-language'], 'en');
      await page.getByRole('alert').waitFor();

      await page.getByLabel('Password').fill(LUC.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Directory of squads and tactical groups' })
        .waitFor();
      await page.getByRole('link', { name: 'Profile' }).click();
      await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();

      // Remembered on the account: a new browser signs in and gets English.
      const other = await (await newContext()).newPage();
      await other.goto('/signin');
      await other.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      await other.getByLabel('Adresse courriel').fill(LUC.email);
      await other.getByLabel('Mot de passe').fill(LUC.password);
      await other.getByRole('button', { name: 'Se connecter' }).click();
      await other
        .getByRole('heading', { level: 1, name: 'Directory of squads and tactical groups' })
        .waitFor();

      // Back to French from the profile page.
      await page.getByLabel('Interface language').selectOption('fr');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { level: 1, name: 'Profil' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Profil' }).waitFor();
    }),
  );
});
