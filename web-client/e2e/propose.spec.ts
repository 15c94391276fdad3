import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN, LUC, eventually, signIn, useServer } from './harness.ts';

function isoDate(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}

describe('proposing a tactical group', () => {
  const { run } = useServer({ before, after });

  it(
    'checks the form, sends the proposal, and an administrator approves it',
    run('propose and approve', async ({ newPage }) => {
      const name = `Groupe tactique Capteurs ${Date.now()}`;
      const luc = await newPage();
      await signIn(luc, LUC);
      await luc.getByRole('link', { name: 'Proposer un groupe' }).click();
      await luc.getByRole('heading', { level: 1, name: 'Proposer un groupe tactique' }).waitFor();

      // An empty form: a summary that takes the focus, and each field flagged.
      await luc.getByRole('button', { name: 'Soumettre la proposition' }).click();
      const summary = luc
        .getByRole('alert')
        .filter({ hasText: /Le formulaire contient \d+ erreurs/ });
      await summary.waitFor();
      assert.equal(await luc.getByLabel('Nom du groupe').getAttribute('aria-invalid'), 'true');

      await luc.getByLabel('Nom du groupe').fill(name);
      await luc.getByLabel(/^Enjeu/).fill('Mesurer l’humidité du bois en continu');
      await luc.getByLabel(/^Objectifs/).fill('Trois prototypes de capteurs');
      await luc.getByLabel(/^Livrables/).fill('Un banc d’essai et un rapport');
      await luc.getByLabel('Date de début').fill(isoDate(7));
      await luc.getByLabel('Date de fin').fill(isoDate(1));
      await luc.getByRole('button', { name: 'Soumettre la proposition' }).click();
      await luc.getByText('La date de fin doit suivre la date de début.').waitFor();
      await luc.getByLabel('Date de fin').fill(isoDate(120));
      await luc
        .getByLabel(/Escouade de rattachement/)
        .selectOption({ label: 'Escouade Numérique' });
      // The theme is one of the managed list's, never free text.
      await luc.getByLabel(/^Thème/).selectOption('Numérique');
      await luc.getByRole('button', { name: 'Soumettre la proposition' }).click();

      await luc.getByRole('heading', { level: 1, name }).waitFor();
      await luc
        .getByRole('status')
        .filter({ hasText: `Proposition envoyée : « ${name} »` })
        .waitFor();
      await luc.getByText(/Ce groupe tactique est proposé/).waitFor();
      assert.match(await luc.locator('.badges').first().innerText(), /Proposé/);
      const spaceUrl = luc.url();

      // The administrator approves it.
      const admin = await newPage();
      await signIn(admin, ADMIN);
      await admin.getByRole('link', { name: 'Administration' }).click();
      await admin.getByRole('heading', { level: 2, name: 'Propositions' }).waitFor();
      // Who proposed it, and when.
      const card = admin.locator('.space-card', { has: admin.getByRole('link', { name }) });
      await card.getByText(/^Proposé par Luc Gagnon \(.+\), le \d+ \S+ \d{4}$/).waitFor();
      await admin.getByRole('button', { name: `Approuver ${name}` }).click();
      // Its mandate starts in a week: approved, it waits for that day (the server then makes it active).
      await admin
        .getByText(new RegExp(`« ${name} » est approuvé : il deviendra actif le `))
        .waitFor();
      await eventually(
        async () => (await admin.getByRole('button', { name: `Approuver ${name}` }).count()) === 0,
        'the approved group leaves the proposals',
      );

      // Luc sees it approved, with its start date and countdown.
      await luc.goto(spaceUrl);
      await luc.getByRole('heading', { level: 1, name }).waitFor();
      await luc.locator('.badges').first().getByText('Approuvé').waitFor();
      await luc
        .getByText(/^Approuvé — commence le \d+\S* \S+ \d{4} \(dans \d+ jours\)\.$/)
        .waitFor();
      await luc.getByText(/Le mandat commence dans \d+ jours\./).waitFor();
    }),
  );

  it(
    'lets an administrator create a squad, an organisation and an account, and put a space to sleep',
    run('administration', async ({ newPage }) => {
      const stamp = Date.now();
      const admin = await newPage();
      await signIn(admin, ADMIN);
      await admin.goto('/admin/organisations');
      await admin.getByLabel('Nom de l’organisation').fill(`CCTT Essai ${stamp}`);
      await admin.getByRole('button', { name: 'Ajouter', exact: true }).click();
      await admin.getByText(`L’organisation « CCTT Essai ${stamp} » a été ajoutée.`).waitFor();
      await admin
        .getByRole('cell', { name: `CCTT Essai ${stamp}` })
        .or(admin.getByRole('rowheader', { name: `CCTT Essai ${stamp}` }))
        .waitFor();
      // Real member counts: a new organisation has 0 people, the demo's centres have some.
      const row = admin.getByRole('row', { name: new RegExp(`CCTT Essai ${stamp}`) });
      assert.equal((await row.getByRole('cell').last().innerText()).trim(), '0');
      assert.equal(await admin.locator('td.num', { hasText: '—' }).count(), 0);

      await admin.getByRole('link', { name: 'Comptes' }).click();
      await admin.getByLabel('Adresse courriel').fill(`nouveau.${stamp}@cctt.example`);
      await admin.getByLabel('Nom complet').fill('Nouvelle Personne');
      await admin.getByLabel(/Mot de passe initial/).fill('mot-de-passe-1');
      await admin.getByLabel(/^Organisation/).selectOption({ label: `CCTT Essai ${stamp}` });
      await admin.getByRole('button', { name: 'Créer le compte' }).click();
      await admin.getByText('Le compte de Nouvelle Personne a été créé.').waitFor();
      await admin
        .getByRole('button', { name: 'Désactiver le compte de Nouvelle Personne' })
        .click();
      await admin.getByText('Le compte de Nouvelle Personne est désactivé.').waitFor();

      await admin.getByRole('link', { name: 'Espaces' }).click();
      await admin.getByLabel('Nom de l’escouade').fill(`Escouade Essai ${stamp}`);
      await admin.getByLabel(/^Thème/).selectOption('Numérique');
      await admin.getByRole('button', { name: 'Créer l’escouade' }).click();
      await admin.getByText(`L’escouade « Escouade Essai ${stamp} » a été créée.`).waitFor();
      await admin
        .getByRole('button', { name: `Mettre Escouade Essai ${stamp} en dormance` })
        .click();
      // A confirmation, with a reason, comes first.
      const confirm = admin.getByRole('button', {
        name: `Confirmer la mise en dormance de Escouade Essai ${stamp}`,
      });
      assert.ok(await confirm.isDisabled(), 'no dormancy without a reason');
      await admin.getByLabel(/^Raison/).fill('Mandat accompli');
      await confirm.click();
      await admin.getByText(`« Escouade Essai ${stamp} » est maintenant en dormance.`).waitFor();
      await admin.getByRole('button', { name: `Réveiller Escouade Essai ${stamp}` }).click();
      await admin.getByText(`« Escouade Essai ${stamp} » est de nouveau actif.`).waitFor();
    }),
  );
});
