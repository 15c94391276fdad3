import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  ENERGY_SQUAD,
  eventually,
  focused,
  MARIE,
  OLIVIER,
  signIn,
  tabTo,
  useServer,
} from './harness.ts';

/** Signs in and opens the energy squad's # général channel. */
async function openDiscussions(page: Page, who: { email: string; password: string }) {
  await signIn(page, who);
  await page.getByRole('main').getByRole('link', { name: ENERGY_SQUAD }).click();
  await page.getByRole('heading', { level: 1, name: ENERGY_SQUAD }).waitFor();
  await page
    .getByRole('navigation', { name: 'Sections de l’espace' })
    .getByRole('link', { name: 'Discussions' })
    .click();
  await page.waitForURL(/\/discussions/);
  await page.locator('.chat-main .msg-scroll, .chat-main .empty').first().waitFor();
  await page.getByRole('status').filter({ hasText: 'En ligne' }).first().waitFor();
}

/** The texts of the channel's messages on screen (delivered ones, then pending ones). */
async function texts(page: Page, scope = '.chat-main'): Promise<string[]> {
  return page.locator(`${scope} .msg-list > li .msg-body`).allInnerTexts();
}

/** A delivered or pending message containing `text` (not the live region's copy). */
function msg(page: Page, text: string, scope = '.chat-main') {
  return page.locator(`${scope} .msg-body`, { hasText: text }).first();
}

async function send(page: Page, text: string) {
  const box = page.getByLabel(/^Message dans # /);
  await box.fill(text);
  await box.press('Enter');
}

describe('discussions', () => {
  const { run } = useServer({ before, after });

  it(
    'two people talk in real time, with typing, presence, threads and reactions',
    run('chat live', async ({ newPage }) => {
      const marie = await newPage();
      const olivier = await newPage();
      await openDiscussions(marie, MARIE);
      await openDiscussions(olivier, OLIVIER);

      // Presence: each sees the other online.
      await eventually(
        async () => (await marie.locator('.presence-list').innerText()).includes('Olivier Lavoie'),
        'Olivier online for Marie',
      );

      // Typing, then a message that arrives live.
      await olivier.getByLabel(/^Message dans # /).pressSequentially('Bon', { delay: 30 });
      await marie.getByText('Olivier Lavoie écrit…').waitFor();
      await olivier.getByLabel(/^Message dans # /).fill('');
      await send(marie, 'Bonjour **Olivier**');
      await olivier.locator('.msg-body strong', { hasText: 'Olivier' }).waitFor();
      await send(olivier, 'Salut Marie !\nSur deux lignes.');
      await msg(marie, 'Salut Marie !').waitFor();
      assert.deepEqual(await texts(marie), ['Bonjour Olivier', 'Salut Marie !\nSur deux lignes.']);

      // Shift+Enter makes a new line, not a message.
      const box = marie.getByLabel(/^Message dans # /);
      await box.fill('ligne 1');
      await box.press('Shift+Enter');
      await box.pressSequentially('ligne 2');
      assert.equal(await box.inputValue(), 'ligne 1\nligne 2');
      await box.fill('');

      // @mention completion with the keyboard.
      await box.pressSequentially('Merci @oli');
      const option = marie.getByRole('option', { name: 'Olivier Lavoie' });
      await option.waitFor();
      await box.press('Enter');
      assert.equal(await box.inputValue(), 'Merci @Olivier Lavoie ');
      await box.press('Enter');
      await olivier.locator('.msg-body .mention-me', { hasText: '@Olivier Lavoie' }).waitFor();

      // A reaction seen by the other.
      await olivier
        .getByRole('button', { name: 'Réagir au message de Marie Tremblay' })
        .first()
        .click();
      await olivier.getByRole('button', { name: 'Réagir avec 👍' }).click();
      await marie.locator('.reaction[aria-pressed="false"]', { hasText: '1' }).first().waitFor();

      // A thread: Olivier answers Marie's first message in the side panel.
      await olivier
        .getByRole('link', { name: 'Répondre à Marie Tremblay dans un fil' })
        .first()
        .click();
      await olivier.getByRole('heading', { name: 'Fil de discussion' }).waitFor();
      await olivier.waitForURL(/\/discussions\/general\/[0-9a-f]+$/);
      const reply = olivier.getByLabel('Répondre dans le fil');
      await reply.fill('Réponse dans le fil');
      await reply.press('Enter');
      await marie
        .getByRole('link', { name: /Ouvrir le fil du message de Marie Tremblay \(1 réponse\)/ })
        .waitFor();
      await marie.getByRole('link', { name: /Ouvrir le fil/ }).click();
      await marie.locator('.chat-thread .msg-body', { hasText: 'Réponse dans le fil' }).waitFor();
      assert.equal(
        (await texts(marie)).filter((t) => t.includes('Réponse dans le fil')).length,
        0,
        'replies stay out of the channel list',
      );

      // Editing and deleting one's own message.
      await olivier.getByRole('button', { name: 'Modifier votre message' }).first().click();
      const edit = olivier.getByLabel('Modifier le message');
      await edit.fill('Salut Marie ! (corrigé)');
      await edit.press('Enter');
      await msg(marie, 'Salut Marie ! (corrigé)').waitFor();
      await marie.locator('.chat-main .msg-edited').first().waitFor();
      await olivier
        .locator('.chat-main')
        .getByRole('button', { name: 'Supprimer le message de Olivier Lavoie' })
        .first()
        .click();
      await olivier
        .locator('.chat-main')
        .getByRole('button', { name: 'Supprimer', exact: true })
        .click();
      await marie.locator('.chat-main').getByText('Message supprimé.').waitFor();
    }),
  );

  it(
    'catches up after being offline, exactly once and in order, and sends what was typed offline once',
    run('chat offline', async ({ newPage }) => {
      const marie = await newPage();
      const olivier = await newPage();
      await openDiscussions(marie, MARIE);
      await openDiscussions(olivier, OLIVIER);
      await send(marie, 'avant la coupure');
      await msg(olivier, 'avant la coupure').waitFor();
      const before = await texts(olivier);

      await olivier.context().setOffline(true);
      await olivier.locator('.chat-status').waitFor({ timeout: 45_000 });

      for (const n of [1, 2, 3]) await send(marie, `pendant la coupure ${n}`);
      await msg(marie, 'pendant la coupure 3').waitFor();

      // Olivier writes while offline: kept, shown as waiting.
      await send(olivier, 'écrit hors ligne');
      await olivier.locator('.msg-pending', { hasText: 'écrit hors ligne' }).waitFor();
      await olivier.getByText('En attente d’envoi').waitFor();
      await olivier.waitForTimeout(1500);

      await olivier.context().setOffline(false);
      await olivier.locator('.chat-status').waitFor({ state: 'detached', timeout: 45_000 });
      const expected = [
        ...before,
        'pendant la coupure 1',
        'pendant la coupure 2',
        'pendant la coupure 3',
        'écrit hors ligne',
      ];
      await eventually(
        async () => JSON.stringify(await texts(olivier)) === JSON.stringify(expected),
        'Olivier has exactly what he missed, in order, and his own message once',
        30_000,
      );
      await eventually(
        async () => JSON.stringify(await texts(marie)) === JSON.stringify(expected),
        'Marie sees the message written offline once',
      );
      assert.equal(await olivier.locator('.msg-pending').count(), 0);
      // And it stays once after a reload (the outbox is empty, the server has one copy).
      await olivier.reload();
      await msg(olivier, 'écrit hors ligne').waitFor();
      assert.deepEqual(await texts(olivier), expected);
    }),
  );

  it(
    'notices a silent network loss by its ping, then catches up and sends the outbox once',
    run('chat silent loss', async ({ newPage }) => {
      const marie = await newPage();
      const olivier = await newPage();
      // The browser's online/offline events never reach the app: only the WebSocket's ping
      // (armed at once when a send fails) can tell that the link is gone.
      await olivier.addInitScript(() => {
        for (const type of ['online', 'offline']) {
          window.addEventListener(type, (e) => e.stopImmediatePropagation());
        }
      });
      await openDiscussions(marie, MARIE);
      await openDiscussions(olivier, OLIVIER);
      await send(marie, 'avant le silence');
      await msg(olivier, 'avant le silence').waitFor();
      const before = await texts(olivier);

      await olivier.context().setOffline(true);
      await send(olivier, 'envoyé sans réseau');
      await olivier.locator('.msg-pending', { hasText: 'envoyé sans réseau' }).waitFor();
      await olivier.getByText(/^Reconnexion…/).waitFor({ timeout: 20_000 });
      await send(marie, 'pendant le silence');
      await msg(marie, 'pendant le silence').waitFor();

      await olivier.context().setOffline(false);
      await olivier.locator('.chat-status').waitFor({ state: 'detached', timeout: 45_000 });
      const expected = [...before, 'pendant le silence', 'envoyé sans réseau'];
      await eventually(
        async () => JSON.stringify(await texts(olivier)) === JSON.stringify(expected),
        'Olivier catches up once, in order',
        30_000,
      );
      await eventually(
        async () => JSON.stringify(await texts(marie)) === JSON.stringify(expected),
        'Marie gets the message sent from the outbox once',
      );
    }),
  );

  it(
    'opens at the first unread message, loads older messages when scrolling back, marks read',
    run('chat history', async ({ newPage }) => {
      const marie = await newPage();
      await openDiscussions(marie, MARIE);
      const space = /\/spaces\/([^/]+)\//.exec(new URL(marie.url()).pathname)![1]!;
      // 70 messages in a new channel, written through the REST API.
      const post = (path: string, body: unknown) =>
        marie.evaluate(
          async ({ path, body }) => {
            const csrf = document.cookie
              .split('; ')
              .find((c) => c.startsWith('atelier_csrf='))
              ?.slice('atelier_csrf='.length);
            for (;;) {
              const r = await fetch(path, {
                method: 'POST',
                headers: {
                  'Content-Type': 'application/json',
                  'X-CSRF-Token': decodeURIComponent(csrf ?? ''),
                },
                body: JSON.stringify(body),
              });
              if (r.status !== 429) return ((await r.json()) as { id: string }).id;
              await new Promise((ok) => setTimeout(ok, 300));
            }
          },
          { path, body },
        );
      const channel = await post(`/api/spaces/${space}/channels`, { name: 'Historique' });
      for (let i = 1; i <= 70; i++) {
        await post(`/api/spaces/${space}/channels/${channel}/messages`, {
          text: `ancien ${i}`,
          clientId: `hist-${i}`,
        });
      }
      const expected = Array.from({ length: 70 }, (_, i) => `ancien ${i + 1}`);

      // Marie (the author: nothing unread) opens at the end with the newest 50, and gets the
      // older ones by scrolling back.
      await marie.goto(`/spaces/${space}/discussions/${channel}`);
      await msg(marie, 'ancien 70').waitFor();
      assert.deepEqual(await texts(marie), expected.slice(20));
      await marie.locator('.chat-main .msg-scroll').evaluate((el) => (el.scrollTop = 0));
      await eventually(
        async () => JSON.stringify(await texts(marie)) === JSON.stringify(expected),
        'the older page loaded above, in order, without duplicates',
      );

      // Olivier has all 70 unread: the channel says so, and opens at the first of them.
      const olivier = await newPage();
      await openDiscussions(olivier, OLIVIER);
      const link = olivier.getByRole('link', { name: /# Historique/ });
      await eventually(async () => (await link.innerText()).includes('70'), '70 unread');
      // The space's section tab says there is something to read.
      await olivier.getByRole('link', { name: /^Discussions · \d+ non lus$/ }).waitFor();
      await link.click();
      const divider = olivier.locator('.chat-main .unread-divider');
      await divider.waitFor();
      assert.equal(
        await olivier
          .locator('.chat-main .msg-list > li', { has: olivier.locator('.unread-divider') })
          .locator('.msg-body')
          .innerText(),
        'ancien 1',
      );
      assert.ok(await msg(olivier, 'ancien 1').isVisible());
      // Reading to the end marks the channel read.
      await olivier
        .locator('.chat-main .msg-scroll')
        .evaluate((el) => (el.scrollTop = el.scrollHeight));
      await eventually(
        async () => !/\d/.test(await link.innerText()),
        'no unread count once read to the end',
      );
    }),
  );

  it(
    'can be used with the keyboard alone',
    run('chat keyboard', async ({ newPage }) => {
      const marie = await newPage();
      await openDiscussions(marie, MARIE);
      const hasRing = () =>
        marie.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return !!el && getComputedStyle(el).outlineStyle !== 'none';
        });

      // From the channel link to the composer with Tab; the focus ring shows.
      // The open channel in the sidebar (every space there has a « général »).
      await marie.locator('#sidebar .channel-list a[aria-current="page"]').focus();
      await marie.keyboard.press('Enter');
      await eventually(
        async () => (await focused(marie)).text === '# général',
        'the channel heading takes the focus',
      );
      await tabTo(marie, (el) => el.tag === 'textarea' && el.name === 'message');
      assert.ok(await hasRing(), 'visible focus on the composer');

      // @ opens the member listbox; arrows move the active option; Tab chooses.
      await marie.keyboard.type('Pour @');
      const box = marie.getByLabel(/^Message dans # /);
      await marie.getByRole('listbox', { name: 'Membres à mentionner' }).waitFor();
      const options = await marie.getByRole('option').allInnerTexts();
      assert.ok(options.length >= 2, 'several members offered');
      await marie.keyboard.press('ArrowDown');
      const active = await box.getAttribute('aria-activedescendant');
      assert.equal(
        await marie.locator(`#${active}`).getAttribute('aria-selected'),
        'true',
        'the active option is selected',
      );
      const chosen = await marie.locator(`#${active}`).innerText();
      assert.equal(chosen, options[1]);
      await marie.keyboard.press('Tab');
      assert.equal(await box.inputValue(), `Pour @${chosen} `);
      await marie.keyboard.type('@zzz');
      assert.equal(await marie.getByRole('listbox').count(), 0, 'no listbox without a match');
      await marie.keyboard.press('Shift+Enter');
      await marie.keyboard.type('au clavier');
      await marie.keyboard.press('Enter');
      await msg(marie, 'au clavier').waitFor();
      assert.equal(await box.inputValue(), '');

      // Open the thread of that message with the keyboard; Escape closes it.
      const item = marie.locator('.chat-main .msg-list > li', { hasText: 'au clavier' });
      await item.getByRole('link', { name: /Répondre à Marie Tremblay/ }).focus();
      await marie.keyboard.press('Enter');
      await eventually(
        async () => (await focused(marie)).text === 'Fil de discussion',
        'the thread heading takes the focus',
      );
      await tabTo(marie, (el) => el.tag === 'textarea' && el.name === 'reply');
      await marie.keyboard.type('réponse au clavier');
      await marie.keyboard.press('Enter');
      await msg(marie, 'réponse au clavier', '.chat-thread').waitFor();
      await marie.getByRole('heading', { name: 'Fil de discussion' }).focus();
      await marie.keyboard.press('Escape');
      await marie.locator('.chat-thread').waitFor({ state: 'detached' });
      await eventually(
        async () => (await focused(marie)).text === '# général',
        'back to the channel heading',
      );

      // An unsent draft survives a reload.
      await box.fill('brouillon gardé');
      await marie.reload();
      await marie.getByLabel(/^Message dans # /).waitFor();
      assert.equal(await marie.getByLabel(/^Message dans # /).inputValue(), 'brouillon gardé');
    }),
  );

  it(
    'shows HTML and script links in a message as text and runs nothing',
    run('chat xss', async ({ newPage }) => {
      const marie = await newPage();
      const olivier = await newPage();
      await openDiscussions(marie, MARIE);
      await openDiscussions(olivier, OLIVIER);
      const attack = '<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script>';
      await send(marie, attack);
      await send(
        marie,
        '[clic](javascript:window.pwned=3) <a href="javascript:window.pwned=4">a</a>',
      );
      for (const page of [olivier, marie]) {
        await page
          .locator('.msg-body', { hasText: '<img src=x onerror="window.pwned=1">' })
          .waitFor();
        await page
          .locator('.msg-body', { hasText: '[clic]' })
          .or(page.locator('.msg-body', { hasText: 'clic' }))
          .first()
          .waitFor();
        assert.equal(
          await page.locator('.chat-main .msg-body img, .chat-main .msg-body script').count(),
          0,
        );
        assert.equal(await page.locator('.chat-main .msg-body a[href^="javascript"]').count(), 0);
        await page.locator('.chat-main .msg-body', { hasText: 'clic' }).first().click();
        assert.equal(
          await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
          undefined,
        );
      }
    }),
  );

  it(
    'lets a coordinator create, rename and archive a channel; works at phone width',
    run('chat channels', async ({ newPage }) => {
      const marie = await newPage();
      const olivier = await newPage({ width: 375, height: 740 });
      await openDiscussions(marie, MARIE);
      await openDiscussions(olivier, OLIVIER);
      await marie.getByRole('button', { name: 'Nouveau canal' }).click();
      await marie.getByLabel('Nouveau canal').fill('Veille techno');
      await marie.getByRole('button', { name: 'Créer le canal' }).click();
      await marie.getByRole('heading', { name: '# Veille techno' }).waitFor();
      await marie.waitForURL(/\/discussions\/[0-9a-f]+$/);
      await send(marie, 'Premier message de veille');
      const box = marie.getByLabel(/^Message dans # /);
      await box.pressSequentially('À lire @Oli');
      await marie.getByRole('option', { name: 'Olivier Lavoie' }).waitFor();
      await box.press('Enter');
      await box.press('Enter');

      // Olivier (on a phone: the sidebar is a drawer he opens) sees the new channel appear with
      // two unread messages, one mentioning him, live.
      await olivier.getByRole('button', { name: /^Mes espaces/ }).click();
      const link = olivier.getByRole('link', { name: /# Veille techno/ });
      await link.waitFor();
      await olivier
        .getByRole('link', { name: '# Veille techno 2 messages non lus 1 mention de vous' })
        .waitFor();
      assert.equal(await olivier.getByLabel('Nouveau canal').count(), 0, 'members cannot create');
      await link.click();
      await msg(olivier, 'Premier message de veille').waitFor();
      await eventually(
        async () =>
          !/\d/.test(await olivier.locator('#sidebar a', { hasText: 'Veille techno' }).innerText()),
        'read once seen',
      );
      // Once the drawer has closed (its slide can still stick out for a moment on a loaded machine).
      await eventually(
        async () => (await olivier.evaluate(() => document.documentElement.scrollWidth)) <= 375,
        'no sideways scrolling at 375 px',
      );

      await marie.getByRole('button', { name: 'Renommer le canal' }).click();
      await marie.getByLabel('Nouveau nom du canal').fill('Veille');
      await marie.getByRole('button', { name: 'Enregistrer' }).click();
      await olivier.getByRole('heading', { name: '# Veille' }).waitFor();
      await marie.getByRole('button', { name: 'Archiver le canal' }).click();
      await olivier.getByText('Ce canal est archivé : il est en lecture seule.').waitFor();
    }),
  );
});
