import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN, signIn, useServer } from './harness.ts';

describe('administering accounts', () => {
  const { run } = useServer({ before, after });

  it(
    'edits an account, resets its password, and the person must choose a new one at sign-in',
    run('edit and reset an account', async ({ newContext, newPage }) => {
      const stamp = Date.now();
      const email = `nadia.${stamp}@cctt.example`;
      const adminContext = await newContext();
      await adminContext.grantPermissions(['clipboard-read', 'clipboard-write']);
      const admin = await adminContext.newPage();
      await signIn(admin, ADMIN);
      await admin.goto('/admin/accounts');
      await admin.getByLabel('Adresse courriel').fill(email);
      await admin.getByLabel('Nom complet').fill(`Nadia ${stamp}`);
      await admin.getByLabel('Mot de passe initial').fill('first-password-1');
      await admin.getByRole('button', { name: 'Créer le compte' }).click();
      await admin.getByText(`Le compte de Nadia ${stamp} a été créé.`).waitFor();

      // « Modifier »: a blank name is refused on the spot; a real one is saved and shown.
      await admin.getByRole('button', { name: `Modifier le compte de Nadia ${stamp}` }).click();
      const edit = admin.getByRole('form', { name: `Modifier le compte de Nadia ${stamp}` });
      await edit.getByLabel('Nom complet').fill('   ');
      await edit.getByRole('button', { name: 'Enregistrer' }).click();
      await edit.getByText('Ce champ est obligatoire.').waitFor();
      await edit.getByLabel('Nom complet').fill(`Nadia Belkacem ${stamp}`);
      await edit.getByLabel('Administrateur du réseau').check();
      await edit.getByRole('button', { name: 'Enregistrer' }).click();
      await admin.getByText(`Le compte de Nadia Belkacem ${stamp} est enregistré.`).waitFor();
      const row = admin
        .getByRole('row')
        .filter({ hasText: `Nadia Belkacem ${stamp}` })
        .first();
      await row.getByText('Administrateur').waitFor();

      // « Réinitialiser le mot de passe »: confirmed, then the temporary password is shown once.
      await admin
        .getByRole('button', { name: `Réinitialiser le mot de passe de Nadia Belkacem ${stamp}` })
        .click();
      await admin.getByRole('button', { name: 'Confirmer la réinitialisation' }).click();
      const shown = admin.locator('code.temporary-password');
      await shown.waitFor();
      const temporary = (await shown.innerText()).trim();
      assert.match(temporary, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      await admin.getByRole('button', { name: 'Copier' }).click();
      await admin.getByText('Copié.').waitFor();
      assert.equal(await admin.evaluate(() => navigator.clipboard.readText()), temporary);

      // The old password no longer works; the temporary one leads only to choosing a new one.
      const nadia = await newPage();
      await nadia.goto('/signin');
      await nadia.getByLabel('Adresse courriel').fill(email);
      await nadia.getByLabel('Mot de passe').fill('first-password-1');
      await nadia.getByRole('button', { name: 'Se connecter' }).click();
      await nadia.getByRole('alert').waitFor();
      await nadia.getByLabel('Mot de passe').fill(temporary);
      await nadia.getByRole('button', { name: 'Se connecter' }).click();
      await nadia
        .getByRole('heading', { level: 1, name: 'Choisissez un nouveau mot de passe' })
        .waitFor();
      assert.equal(await nadia.getByRole('link', { name: 'Proposer un groupe' }).count(), 0);
      await nadia.getByLabel('Nouveau mot de passe', { exact: true }).fill(temporary);
      await nadia.getByLabel('Confirmer le nouveau mot de passe').fill(temporary);
      await nadia.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
      await nadia
        .getByText('Choisissez un mot de passe différent du mot de passe temporaire.')
        .waitFor();
      await nadia.getByLabel('Nouveau mot de passe', { exact: true }).fill('chosen-password-1');
      await nadia.getByLabel('Confirmer le nouveau mot de passe').fill('chosen-password-1');
      await nadia.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
      await nadia.getByText('Votre nouveau mot de passe est enregistré.').waitFor();
      await nadia.getByRole('heading', { level: 1, name: /Répertoire/ }).waitFor();

      // Signed out, the chosen password works and the temporary one does not.
      await nadia.getByRole('button', { name: 'Se déconnecter' }).click();
      await nadia.waitForURL(/\/signin/);
      await signIn(nadia, { email, password: 'chosen-password-1' });
      await nadia.getByRole('heading', { level: 1, name: /Répertoire/ }).waitFor();
    }),
  );
});
