import { describe, expect, it, vi } from 'vitest';
import { Outbox, outboxKey, type OutboxItem, type StorageLike } from './outbox';

class MemoryStorage implements StorageLike {
  readonly data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

const networkError = Object.assign(new Error(''), { code: 'network', status: 0 });

describe('Outbox', () => {
  it('persists per space and channel and survives a reload', () => {
    const storage = new MemoryStorage();
    const box = new Outbox(storage, 's1', 'general');
    const item = box.add('Bonjour', undefined, new Date('2026-03-02T09:00:00Z'));
    box.add('Réponse', 'root1');
    expect(storage.data.has(outboxKey('s1', 'general'))).toBe(true);
    const again = new Outbox(storage, 's1', 'general');
    expect(again.list().map((i) => i.text)).toEqual(['Bonjour', 'Réponse']);
    expect(again.list()[0]!.clientId).toBe(item.clientId);
    expect(again.list()[1]!.thread).toBe('root1');
    expect(new Outbox(storage, 's1', 'other').list()).toEqual([]);
    expect(new Outbox(storage, 's2', 'general').list()).toEqual([]);
  });

  it('ignores unreadable storage', () => {
    const storage = new MemoryStorage();
    storage.setItem(outboxKey('s1', 'c'), '{not json');
    expect(new Outbox(storage, 's1', 'c').list()).toEqual([]);
    expect(new Outbox(null, 's1', 'c').add('x').text).toBe('x');
  });

  it('keeps everything while offline, then sends each once, in order, with its clientId', async () => {
    const storage = new MemoryStorage();
    const box = new Outbox(storage, 's1', 'general');
    const a = box.add('un');
    const b = box.add('deux');
    const send = vi.fn<(item: OutboxItem) => Promise<{ seq: number }>>();
    send.mockRejectedValueOnce(networkError);
    await box.flush(send);
    expect(box.list()).toHaveLength(2);
    expect(send).toHaveBeenCalledTimes(1);

    send.mockReset();
    let seq = 10;
    send.mockImplementation(async () => ({ seq: ++seq }));
    const sent: string[] = [];
    await Promise.all([
      box.flush(send, (item) => sent.push(item.clientId)),
      box.flush(send, (item) => sent.push(item.clientId)),
    ]);
    expect(send.mock.calls.map(([i]) => i.clientId)).toEqual([a.clientId, b.clientId]);
    expect(sent).toEqual([a.clientId, b.clientId]);
    expect(box.list()).toEqual([]);
    expect(storage.data.size).toBe(0);
    await box.flush(send);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('resends the same clientId after a lost answer', async () => {
    const box = new Outbox(new MemoryStorage(), 's1', 'general');
    const item = box.add('une fois');
    const send = vi.fn(async (_: OutboxItem) => ({ seq: 5 }));
    send.mockRejectedValueOnce(networkError);
    await box.flush(send);
    await box.flush(send);
    expect(send.mock.calls.map(([i]) => i.clientId)).toEqual([item.clientId, item.clientId]);
    expect(box.list()).toEqual([]);
  });

  it('drops an item when its ack (or its event) arrives', () => {
    const box = new Outbox(new MemoryStorage(), 's1', 'general');
    const item = box.add('x');
    box.remove(item.clientId);
    expect(box.list()).toEqual([]);
  });

  it('marks a definitive refusal failed and goes on with the others', async () => {
    const onChange = vi.fn();
    const box = new Outbox(new MemoryStorage(), 's1', 'general', onChange);
    const bad = box.add('trop long');
    box.add('ok');
    const send = vi.fn(async (item: OutboxItem) => {
      if (item.clientId === bad.clientId) {
        throw Object.assign(new Error('Trop long'), { code: 'too_large', status: 413 });
      }
      return { seq: 3 };
    });
    await box.flush(send);
    expect(box.list()).toHaveLength(1);
    expect(box.list()[0]!.failed?.code).toBe('too_large');
    expect(box.pending).toBe(0);
    box.retry(bad.clientId);
    expect(box.pending).toBe(1);
    expect(onChange).toHaveBeenCalled();
  });

  it('keeps the files of a message across a reload and sends them with it', async () => {
    const storage = new MemoryStorage();
    const item = new Outbox(storage, 's1', 'general').add('Le plan', undefined, new Date(), [
      'f1',
      'f2',
    ]);
    const again = new Outbox(storage, 's1', 'general');
    expect(again.list()[0]!.files).toEqual(['f1', 'f2']);
    const send = vi.fn(async (_i: OutboxItem) => ({ seq: 1 }));
    await again.flush(send);
    expect(send.mock.calls[0]![0]).toMatchObject({ clientId: item.clientId, files: ['f1', 'f2'] });
    expect(again.list()).toEqual([]);
    expect(new Outbox(null, 's1', 'c').add('sans fichier').files).toBeUndefined();
  });
});
