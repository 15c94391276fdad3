import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN, ENERGY_SQUAD, MARIE, SOPHIE, eventually, signIn, useServer } from './harness.ts';

describe('joining a space', () => {
  const { run } = useServer({ before, after });

  it(
    'asks to join; a coordinator in another browser accepts; the space opens up',
    run('ask to join and be accepted', async ({ newPage }) => {
      // Sophie (no space) asks to join the energy squad from its home page.
      const sophie = await newPage();
      await signIn(sophie, SOPHIE);
      await sophie.getByRole('main').getByRole('link', { name: ENERGY_SQUAD }).click();
      await sophie.getByRole('heading', { level: 1, name: ENERGY_SQUAD }).waitFor();
      assert.equal(await sophie.getByRole('heading', { name: /^Membres/ }).count(), 0);
      await sophie
        .getByLabel(/Message aux coordonnateur·rice·s/)
        .fill('Biopterre aimerait contribuer.');
      await sophie.getByRole('button', { name: `Demander à rejoindre ${ENERGY_SQUAD}` }).click();
      await sophie.getByText('Demande en attente').waitFor();

      // The directory shows the request as pending too.
      const directory = await newPage();
      await signIn(directory, SOPHIE);
      const card = directory.locator('.space-card', {
        has: directory.getByRole('link', { name: ENERGY_SQUAD }),
      });
      await card.getByText('Demande en attente').waitFor();
      await directory.close();

      // Marie, its coordinator, sees the request in her own browser and accepts it.
      const marie = await newPage();
      await signIn(marie, MARIE);
      await marie.getByRole('main').getByRole('link', { name: ENERGY_SQUAD }).click();
      await marie.getByRole('heading', { name: /Demandes d’adhésion/ }).waitFor();
      await marie.getByText('Biopterre aimerait contribuer.').waitFor();
      await marie.getByRole('button', { name: 'Accepter la demande de Sophie Roy' }).click();
      await marie.getByText('La demande de Sophie Roy a été acceptée.').waitFor();
      await eventually(
        async () => (await marie.locator('.member-list').innerText()).includes('Sophie Roy'),
        'Sophie in Marie’s member list',
      );

      // Sophie's page opens up by itself: she sees the members and her role.
      await sophie
        .getByText('Vous êtes maintenant membre de cet espace.')
        .waitFor({ timeout: 20_000 });
      await sophie.getByRole('heading', { name: /^Membres/ }).waitFor();
      assert.match(await sophie.locator('.member-list').innerText(), /Sophie Roy/);
      await sophie.getByRole('button', { name: 'Quitter l’espace' }).waitFor();
    }),
  );

  it(
    'lets a coordinator change a role and add a member',
    run('coordinator manages members', async ({ newPage }) => {
      const marie = await newPage();
      await signIn(marie, MARIE);
      await marie.getByRole('main').getByRole('link', { name: ENERGY_SQUAD }).click();
      await marie.getByRole('heading', { name: /^Membres/ }).waitFor();
      await marie
        .getByRole('searchbox', { name: 'Rechercher une personne (nom ou courriel)' })
        .fill('luc');
      await marie.getByRole('button', { name: 'Chercher' }).click();
      const person = marie.getByLabel('Personne', { exact: true });
      await person.waitFor();
      assert.match(await person.innerText(), /Luc Gagnon/);
      await marie.getByLabel('Rôle', { exact: true }).selectOption('observer');
      await marie.getByRole('button', { name: 'Ajouter', exact: true }).click();
      await marie.getByText('Luc Gagnon a été ajouté à l’espace.').waitFor();
      const lucRole = marie.getByLabel('Rôle de Luc Gagnon');
      await lucRole.waitFor();
      assert.equal(await lucRole.inputValue(), 'observer');
      await lucRole.selectOption('member');
      await marie.getByText('Le rôle de Luc Gagnon est maintenant : Membre.').waitFor();
    }),
  );

  it(
    'updates a member’s page live over the WebSocket when someone else changes the membership',
    run('live membership', async ({ newPage }) => {
      const marie = await newPage();
      await signIn(marie, MARIE);
      await marie.getByRole('status').filter({ hasText: 'En ligne' }).waitFor();
      await marie.getByRole('main').getByRole('link', { name: ENERGY_SQUAD }).click();
      await marie.getByRole('heading', { name: /^Membres/ }).waitFor();
      assert.doesNotMatch(await marie.locator('.member-list').innerText(), /Julien Côté/);

      // An administrator, elsewhere, adds Julien; Marie's page neither reloads nor polls.
      const admin = await newPage();
      await signIn(admin, ADMIN);
      await admin.getByRole('main').getByRole('link', { name: ENERGY_SQUAD }).click();
      await admin
        .getByRole('searchbox', { name: 'Rechercher une personne (nom ou courriel)' })
        .fill('julien');
      await admin.getByRole('button', { name: 'Chercher' }).click();
      await admin.getByLabel('Personne', { exact: true }).waitFor();
      await admin.getByRole('button', { name: 'Ajouter', exact: true }).click();
      await admin.getByText('Julien Côté a été ajouté à l’espace.').waitFor();

      await eventually(
        async () => (await marie.locator('.member-list').innerText()).includes('Julien Côté'),
        'Julien appears on Marie’s page through the member.joined event',
      );
    }),
  );
});
