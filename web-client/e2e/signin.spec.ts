import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LUC, signIn, useServer } from './harness.ts';

describe('sign-in', () => {
  const { run } = useServer({ before, after });

  it(
    'signs in, keeps the session over a reload, and signs out',
    run('sign in and out', async ({ newPage }) => {
      const page = await newPage();
      await page.goto('/spaces');
      await page.waitForURL(/\/signin\?next=%2Fspaces/);
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      await page.getByLabel('Adresse courriel').fill(LUC.email);
      await page.getByLabel('Mot de passe').fill(LUC.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(/\/spaces$/);
      await page.getByRole('heading', { level: 1, name: /Répertoire/ }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: /Répertoire/ }).waitFor();
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.waitForURL(/\/signin/);
      await page.goto('/profile');
      await page.waitForURL(/\/signin\?next=%2Fprofile/);
    }),
  );

  it(
    'a tab whose session was ended elsewhere goes to sign-in and says why',
    run('session ended', async ({ newContext }) => {
      // Two tabs of one browser share the session: signing out in one ends the other's socket (4401).
      const context = await newContext();
      const first = await context.newPage();
      await signIn(first, LUC);
      const second = await context.newPage();
      await second.goto('/spaces');
      await second.getByRole('heading', { level: 1, name: /Répertoire/ }).waitFor();
      await second.getByRole('status').filter({ hasText: 'En ligne' }).first().waitFor();

      await first.getByRole('button', { name: 'Se déconnecter' }).click();
      await first.waitForURL(/\/signin/);
      await second.waitForURL(/\/signin/);
      await second.getByText('Votre session a pris fin. Reconnectez-vous.').waitFor();
      // The tab that signed out itself is not told its session was lost.
      assert.equal(await first.getByText('Votre session a pris fin.').count(), 0);

      // Signing in again clears the notice.
      await signIn(second, LUC, '/signin');
      await second.getByRole('heading', { level: 1, name: /Répertoire/ }).waitFor();
    }),
  );

  it(
    'says clearly when the password is wrong, and goes where it was asked after sign-in',
    run('wrong password', async ({ newPage }) => {
      const page = await newPage();
      await page.goto('/signin?next=%2Fprofile');
      await page.getByLabel('Adresse courriel').fill(LUC.email);
      await page.getByLabel('Mot de passe').fill('not-the-password');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.ok((await alert.innerText()).trim().length > 0);
      assert.match(page.url(), /\/signin/);
      await signIn(page, LUC, '/signin?next=%2Fprofile');
      await page.waitForURL(/\/profile$/);
      await page.getByRole('heading', { level: 1, name: 'Profil' }).waitFor();
    }),
  );

  it(
    'shows how long to wait when sign-in is throttled (429)',
    run('throttled', async ({ newPage }) => {
      const page = await newPage();
      await page.goto('/signin');
      let throttled = false;
      for (let attempt = 0; attempt < 12 && !throttled; attempt++) {
        await page.getByLabel('Adresse courriel').fill('personne@cctt.example');
        await page.getByLabel('Mot de passe').fill(`wrong-${attempt}`);
        const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
        await page.getByRole('button', { name: 'Se connecter' }).click();
        throttled = (await answer).status() === 429;
      }
      assert.ok(throttled, 'the server never answered 429');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(
        await alert.innerText(),
        /Trop de tentatives.*Réessayez dans \d+ (seconde|minute)/s,
      );
      assert.ok(await page.getByRole('button', { name: 'Se connecter' }).isDisabled());
    }),
  );
});
