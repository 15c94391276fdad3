import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  callApi,
  DIGITAL_SQUAD,
  ENERGY_SQUAD,
  eventually,
  focused,
  MARIE,
  OLIVIER,
  signIn,
  SOPHIE,
  spaceId,
  useServer,
} from './harness.ts';

function sidebar(page: Page) {
  return page.getByRole('navigation', { name: 'Mes espaces et leurs canaux' });
}

/** The composer lies wholly inside the window, and the page itself does not scroll. */
async function composerInView(page: Page): Promise<void> {
  const box = page.getByLabel(/^Message dans # /);
  await box.waitFor();
  const rect = await box.boundingBox();
  const viewport = page.viewportSize()!;
  assert.ok(rect, 'the composer has a box');
  assert.ok(
    rect.y >= 0 && rect.y + rect.height <= viewport.height,
    `composer at y=${rect.y}+${rect.height} in a ${viewport.height} px window`,
  );
  const overflow = await page.evaluate(
    () => document.documentElement.scrollHeight - window.innerHeight,
  );
  assert.ok(overflow <= 1, `the page does not scroll (${overflow} px more)`);
}

describe('workspace shell', () => {
  const { run } = useServer({ before, after });

  it(
    'counts unread messages and mentions live in the sidebar of someone looking elsewhere',
    run('sidebar live', async ({ newPage }) => {
      const marie = await newPage();
      await signIn(marie, MARIE);
      await marie.goto('/profile');
      const energy = sidebar(marie).getByRole('link', { name: ENERGY_SQUAD, exact: true });
      await energy.waitFor();
      const me = await callApi<{ id: string }>(marie, 'GET', '/api/me');

      const olivier = await newPage();
      await signIn(olivier, OLIVIER);
      const space = await spaceId(olivier, ENERGY_SQUAD);
      const post = (text: string, clientId: string) =>
        callApi(olivier, 'POST', `/api/spaces/${space}/channels/general/messages`, {
          text,
          clientId,
        });
      await post('Bonjour à toutes et à tous', 'ws-1');
      await post(`Merci <@${me.id}> pour le rapport`, 'ws-2');

      // Marie is on her profile: the space's entry, its channel and the tab title move.
      await sidebar(marie)
        .getByRole('link', { name: `${ENERGY_SQUAD}, 2 non lus, 1 mention`, exact: true })
        .waitFor();
      await sidebar(marie)
        .getByRole('list', { name: `Canaux de ${ENERGY_SQUAD}` })
        .getByRole('link', { name: '# général 2 messages non lus 1 mention de vous' })
        .waitFor();
      await eventually(async () => (await marie.title()).startsWith('(2) '), 'title "(2) …"');
      assert.equal(await marie.getByRole('heading', { level: 1 }).innerText(), 'Profil');

      // She opens the channel from the sidebar: it is read, the counts go.
      await sidebar(marie)
        .getByRole('list', { name: `Canaux de ${ENERGY_SQUAD}` })
        .getByRole('link', { name: /^# général/ })
        .click();
      await marie.locator('.chat-main .msg-body', { hasText: 'pour le rapport' }).waitFor();
      await energy.waitFor();
      await eventually(async () => !(await marie.title()).startsWith('('), 'no count in title');

      // Something arrives while she reads: screen readers hear text, not Markdown marks.
      await post('**Important** : lire le [plan](https://cctt.example/plan)', 'ws-3');
      await eventually(
        async () =>
          (await marie.locator('.chat [aria-live="polite"][aria-atomic="true"]').innerText()) ===
          'Olivier Lavoie : Important : lire le plan',
        'the live region says the text',
      );
    }),
  );

  it(
    'jumps anywhere with Ctrl+K; Escape closes it and gives the focus back',
    run('quick switcher', async ({ newPage }) => {
      const marie = await newPage();
      await signIn(marie, MARIE);
      await sidebar(marie).getByRole('link', { name: DIGITAL_SQUAD, exact: true }).waitFor();
      await marie.getByRole('heading', { level: 1 }).focus();
      await marie.keyboard.press('Control+k');
      const box = marie.getByRole('combobox', { name: 'Nom de l’espace ou du canal' });
      await box.waitFor();
      await eventually(async () => (await focused(marie)).tag === 'input', 'combobox focused');
      await marie.keyboard.press('Escape');
      await box.waitFor({ state: 'detached' });
      await eventually(async () => (await focused(marie)).tag === 'h1', 'focus back where it was');

      await marie.keyboard.press('Control+k');
      await eventually(async () => (await focused(marie)).tag === 'input', 'combobox focused');
      await marie.keyboard.type('numer gen');
      await marie.getByRole('option', { name: /# général — Escouade Numérique/ }).waitFor();
      await marie.keyboard.press('Enter');
      await marie.waitForURL(/\/discussions\/general$/);
      await marie.getByRole('heading', { level: 1, name: DIGITAL_SQUAD }).waitFor();
      await eventually(async () => (await focused(marie)).text === '# général', 'channel heading');
    }),
  );

  it(
    'invites someone outside a space to ask to join; the coordinator’s inbox gets the request live',
    run('states and inbox', async ({ newPage }) => {
      // Marie coordinates the energy squad; she is on her profile page.
      const marie = await newPage();
      await signIn(marie, MARIE);
      await marie.goto('/profile');
      await marie.getByRole('button', { name: /^Notifications/ }).waitFor();

      const sophie = await newPage();
      await signIn(sophie, SOPHIE);
      const space = await spaceId(sophie, ENERGY_SQUAD);
      await sophie.goto(`/spaces/${space}/discussions`);
      await sophie
        .getByText('Les discussions de cet espace sont réservées à ses membres.')
        .waitFor();
      await sophie.getByRole('button', { name: `Demander à rejoindre ${ENERGY_SQUAD}` }).click();
      await sophie.getByText('Demande en attente').waitFor();
      assert.equal(await sophie.getByRole('button', { name: 'Réessayer' }).count(), 0);
      assert.equal(await sophie.getByText('Vous n’avez pas accès').count(), 0);

      // Without reloading, Marie's inbox says so; the entry leads to the request.
      const button = marie.getByRole('button', { name: /^Notifications/ });
      await eventually(async () => /\d/.test(await button.innerText()), 'an unread count');
      await button.click();
      const entry = marie.getByRole('region', { name: 'Notifications' }).getByRole('link', {
        name: /Sophie Roy demande à rejoindre Escouade Transition énergétique/,
      });
      await entry.click();
      await marie.getByRole('heading', { name: /Demandes d’adhésion/ }).waitFor();
      await marie.getByRole('button', { name: 'Accepter la demande de Sophie Roy' }).waitFor();
      // Read on the server: another device of Marie's sees it read.
      const other = await newPage();
      await signIn(other, MARIE);
      await other.getByRole('button', { name: /^Notifications/ }).click();
      await other.locator('.inbox-list .is-read', { hasText: 'Sophie Roy demande' }).waitFor();

      // Channel names are unique in a space, whatever their case or accents.
      await marie.goto(`/spaces/${space}/discussions/general`);
      await marie.getByRole('heading', { name: '# général' }).waitFor();
      await marie.getByRole('button', { name: 'Nouveau canal' }).click();
      await marie.getByLabel('Nouveau canal').fill('Général');
      await marie.getByRole('button', { name: 'Créer le canal' }).click();
      await marie.getByText('Un canal de ce nom existe déjà dans cet espace').waitFor();
    }),
  );

  it(
    'a coordinator edits a space and the page of a member follows; the directory puts mine first',
    run('edit space', async ({ newPage }) => {
      const group = 'Groupe tactique Séchage efficace du bois';
      const olivier = await newPage();
      await signIn(olivier, OLIVIER);
      const space = await spaceId(olivier, group);
      await olivier.goto(`/spaces/${space}`);
      await olivier.getByRole('heading', { level: 1, name: group }).waitFor();

      const marie = await newPage();
      await signIn(marie, MARIE);
      // The directory: her spaces first, and a search that ignores accents finds the mandate.
      assert.match(await marie.locator('main h2').first().innerText(), /^Mes espaces \(\d+\)$/);
      await marie.getByLabel('Rechercher (nom, thème, mandat)').fill('SECHOIRS a bois');
      await marie.getByRole('button', { name: 'Filtrer' }).click();
      await marie.getByText('1 espace', { exact: true }).waitFor();
      await marie.getByRole('main').getByRole('link', { name: group }).waitFor();

      await marie.goto(`/spaces/${space}`);
      await marie.getByRole('button', { name: /^Modifier le nom, le thème/ }).click();
      await marie.getByLabel(/^Nom de l’espace/).fill('GT Séchoirs sobres');
      await marie.getByLabel(/^Description/).fill('Des séchoirs à bois qui consomment moins.');
      await marie.getByLabel(/^Thème/).selectOption('Transition énergétique');
      await marie.getByRole('button', { name: 'Enregistrer' }).click();
      await marie.getByText('Modifications enregistrées.').waitFor();

      // Olivier did nothing: his page and his sidebar show the change.
      await olivier.getByRole('heading', { level: 1, name: 'GT Séchoirs sobres' }).waitFor();
      await olivier.getByText('Des séchoirs à bois qui consomment moins.').waitFor();
      await sidebar(olivier)
        .getByRole('link', { name: 'GT Séchoirs sobres', exact: true })
        .waitFor();
    }),
  );

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    it(
      `keeps the composer in view at ${width}×${height}, groups messages, edits with ↑`,
      run(`composer ${width}`, async ({ newPage }) => {
        const marie = await newPage({ width, height });
        await signIn(marie, MARIE);
        const space = await spaceId(marie, ENERGY_SQUAD);
        const channel = (
          await callApi<{ id: string }>(marie, 'POST', `/api/spaces/${space}/channels`, {
            name: `Essai ${width}`,
          })
        ).id;
        for (let i = 1; i <= 30; i++) {
          await callApi(marie, 'POST', `/api/spaces/${space}/channels/${channel}/messages`, {
            text: `message ${i}`,
            clientId: `c-${width}-${i}`,
          });
        }
        await marie.goto(`/spaces/${space}/discussions/${channel}`);
        await marie.locator('.chat-main .msg-body', { hasText: 'message 30' }).waitFor();
        await composerInView(marie);
        if (width < 900) {
          // On a phone the sidebar is a drawer: its button opens it, Escape closes it.
          const toggle = marie.getByRole('button', { name: /^Mes espaces/ });
          await toggle.click();
          await sidebar(marie).getByRole('link', { name: ENERGY_SQUAD, exact: true }).waitFor();
          await marie.keyboard.press('Escape');
          await sidebar(marie).waitFor({ state: 'hidden' });
          assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
        }

        // One header for a run of messages by one person; initials as the avatar.
        assert.ok((await marie.locator('.chat-main .msg-continued').count()) >= 29);
        assert.equal(await marie.locator('.chat-main .avatar').first().innerText(), 'MT');

        // CommonMark and GFM: a heading, a list after a list, a table.
        await marie.keyboard.press('Alt+Shift+M');
        assert.equal((await focused(marie)).name, 'message', 'Alt+Shift+M focuses the composer');
        const box = marie.getByLabel(/^Message dans # /);
        await box.fill(
          '# Bilan\n\n- un\n- deux\n\n1. premier\n2. second\n\n| a | b |\n|---|---|\n| 1 | 2 |',
        );
        await box.press('Enter');
        const last = marie.locator('.chat-main .msg-body').last();
        await last.locator('table td', { hasText: '2' }).waitFor();
        assert.equal(await last.locator('h3').innerText(), 'Bilan');
        assert.equal(await last.locator('ol > li').count(), 2);
        await composerInView(marie);

        // ↑ in the empty composer edits my last message; Escape gives the composer back.
        await box.press('ArrowUp');
        const edit = marie.getByLabel('Modifier le message');
        await edit.waitFor();
        await edit.fill('Bilan corrigé');
        await edit.press('Enter');
        await marie.locator('.chat-main .msg-body', { hasText: 'Bilan corrigé' }).waitFor();
        await box.press('ArrowUp');
        await edit.waitFor();
        await edit.press('Escape');
        await edit.waitFor({ state: 'detached' });
        await eventually(async () => (await focused(marie)).name === 'message', 'composer again');

        // The emoji picker takes the focus and gives it back on Escape.
        const react = marie
          .locator('.chat-main')
          .getByRole('button', { name: 'Réagir au message de Marie Tremblay' })
          .last();
        await react.click();
        await eventually(async () => (await focused(marie)).text === '👍', 'first emoji focused');
        await marie.keyboard.press('Escape');
        await marie
          .getByRole('group', { name: 'Choisir une réaction' })
          .waitFor({ state: 'detached' });
        assert.match((await focused(marie)).text, /Réagir/);
      }),
    );
  }
});
