import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ADMIN, LUC, MARIE, callApi, eventually, signIn, useServer } from './harness.ts';

const GROUP = 'Groupe tactique Séchage efficace du bois';

/** A calendar date `days` from today (UTC; two days back is past in the network's zone too). */
function isoDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('lifecycle', () => {
  // The scheduler checks every second, so that a mandate's end is seen at once.
  const { run } = useServer({ before, after }, { ATELIER_LIFECYCLE_CHECK_SECONDS: '1' });

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

  it(
    'a group put to sleep by the scheduler invites its coordinator to write the closing summary, shown on the banner and the directory card; a member only reads it',
    run('closing summary after the end', async ({ newPage }) => {
      const name = `Groupe tactique Bilan ${Date.now()}`;
      const marie = await newPage();
      await signIn(marie, MARIE);
      // A group whose mandate is already over, with Luc as a member, approved by an administrator.
      const group = await callApi<{ id: string }>(marie, 'POST', '/api/spaces', {
        kind: 'tactical',
        name,
        mandate: {
          issue: 'Valoriser les écorces',
          objectives: 'Trois filières évaluées',
          deliverables: 'Une étude',
          start: isoDate(-60),
          end: isoDate(-2),
        },
      });
      const admin = await newPage();
      await signIn(admin, ADMIN);
      const { users } = await callApi<{ users: { id: string; email: string }[] }>(
        admin,
        'GET',
        '/api/users?q=Luc',
      );
      const luc = users.find((u) => u.email === LUC.email);
      assert.ok(luc, 'Luc has an account');
      await callApi(admin, 'POST', `/api/spaces/${group.id}/members`, {
        user: luc.id,
        role: 'member',
      });
      await callApi(admin, 'POST', `/api/spaces/${group.id}/state`, { state: 'active' });
      await eventually(async () => {
        const space = await callApi<{ state: string }>(marie, 'GET', `/api/spaces/${group.id}`);
        return space.state === 'dormant';
      }, 'the scheduler puts the group to sleep');

      // The banner says there is no summary yet and invites the coordinator to write it.
      await marie.goto(`/spaces/${group.id}`);
      const banner = marie.getByRole('region', { name: 'Groupe en dormance' });
      await banner.getByText(/Le mandat a pris fin sans bilan/).waitFor();
      await banner.getByText(/Le mandat a pris fin le /).waitFor();
      await banner.getByRole('button', { name: 'Rédiger le bilan de clôture' }).click();
      const form = marie.getByRole('dialog', { name: `Bilan de clôture de « ${name} »` });
      await form.getByRole('button', { name: 'Enregistrer le bilan' }).click();
      assert.equal(await form.locator('.field-error').count(), 3);
      await form.getByLabel('Résultats obtenus').fill('Deux filières rentables');
      await form.getByLabel('Livrables remis').fill('Étude comparative');
      await form.getByLabel('Leçons apprises').fill('Associer les scieries dès le début');
      await form.getByRole('button', { name: 'Enregistrer le bilan' }).click();
      await banner.getByText('Le bilan de clôture est enregistré.').waitFor();
      await banner.getByText('Associer les scieries dès le début').waitFor();
      await banner.getByRole('button', { name: 'Modifier le bilan de clôture' }).waitFor();

      // The directory card shows it to everyone.
      await marie.goto('/spaces?state=dormant');
      const card = marie.locator('.space-card', { has: marie.getByRole('link', { name }) });
      await card.getByText('Deux filières rentables').waitFor();

      // A member reads the summary but may not write it.
      const reader = await newPage();
      await signIn(reader, LUC);
      await reader.goto(`/spaces/${group.id}`);
      const seen = reader.getByRole('region', { name: 'Groupe en dormance' });
      await seen.getByText('Étude comparative').waitFor();
      assert.equal(await seen.getByRole('button', { name: /bilan de clôture/ }).count(), 0);
    }),
  );
});
