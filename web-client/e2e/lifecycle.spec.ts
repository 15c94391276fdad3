import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ADMIN, MARIE, signIn, useServer } from './harness.ts';

const GROUP = 'Groupe tactique Séchage efficace du bois';

describe('lifecycle', () => {
  const { run } = useServer({ before, after });

  it(
    'a coordinator closes the group with a summary, downloads its archive, and reactivates it with a new mandate; the administrator restore page refuses a space that exists',
    run('lifecycle', async ({ newPage }) => {
      const marie = await newPage();
      await signIn(marie, MARIE);
      await marie.getByRole('main').getByRole('link', { name: GROUP }).click();
      await marie.getByRole('heading', { level: 1, name: GROUP }).waitFor();

      // Closing asks for the summary: an empty one is refused in place.
      await marie.getByRole('button', { name: 'Clore le mandat…' }).click();
      const dialog = marie.getByRole('dialog', { name: /Clore le mandat/ });
      await dialog.getByRole('button', { name: 'Clore et mettre en dormance' }).click();
      assert.equal(await dialog.locator('.field-error').count(), 3);
      await dialog.getByLabel('Résultats obtenus').fill('Cinq séchoirs mesurés, 18 % d’économie');
      await dialog.getByLabel('Livrables remis').fill('Rapport de diagnostic et guide');
      await dialog.getByLabel('Leçons apprises').fill('Mesurer avant de corriger');
      await dialog.getByRole('button', { name: 'Clore et mettre en dormance' }).click();

      // The dormant banner shows the dates and the summary.
      const banner = marie.getByRole('region', { name: 'Groupe en dormance' });
      await banner.waitFor();
      await banner.getByText('Mesurer avant de corriger').waitFor();
      await banner.getByText(/Mandat du/).waitFor();

      // The archive downloads as a ZIP, with progress and its SHA-256 shown.
      const download = marie.waitForEvent('download');
      await marie.getByRole('button', { name: 'Télécharger l’archive' }).click();
      const file = await (await download).path();
      const bag = readFileSync(file);
      assert.equal(bag.subarray(0, 2).toString('latin1'), 'PK');
      await marie.getByText(/Archive téléchargée/).waitFor();

      // Reactivated with a new mandate (drafted from the last one): the history keeps both.
      await marie.getByRole('button', { name: 'Réactiver' }).click();
      const form = marie.getByRole('dialog', { name: 'Réactiver avec un nouveau mandat' });
      await form.getByLabel('Enjeu').fill('Deuxième phase : séchoirs solaires');
      await form.getByRole('button', { name: 'Réactiver' }).click();
      await marie.getByText(/est réactivé avec un nouveau mandat/).waitFor();
      const history = marie.getByRole('region', { name: 'Historique des mandats' });
      await history.getByText('Deuxième phase : séchoirs solaires').waitFor();
      await history.getByText(/Réduire la consommation énergétique/).waitFor();
      assert.equal(await marie.getByRole('region', { name: 'Groupe en dormance' }).count(), 0);

      // The administrators' restore page checks the bag and says the space is already here.
      const admin = await newPage();
      await signIn(admin, ADMIN);
      await admin.goto('/admin/restore');
      await admin.getByRole('heading', { level: 2, name: 'Restauration' }).waitFor();
      await admin.getByRole('button', { name: 'Restaurer' }).click();
      await admin.getByText('Choisissez une archive.').waitFor();
      await admin.locator('#restore-file').setInputFiles({
        name: 'atelier.zip',
        mimeType: 'application/zip',
        buffer: bag,
      });
      await admin.getByRole('button', { name: 'Restaurer' }).click();
      await admin
        .getByRole('alert')
        .getByText(/existe déjà ici/)
        .waitFor();
    }),
  );
});
