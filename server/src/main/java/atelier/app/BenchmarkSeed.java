package atelier.app;

import atelier.auth.Caller;
import atelier.auth.Session;
import atelier.auth.User;
import atelier.chat.ChannelRepository;
import atelier.chat.Message;
import atelier.chat.ReadMarkerRepository;
import atelier.events.Event;
import atelier.events.EventLog;
import atelier.space.Role;
import atelier.space.Space;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;

/**
 * {@code java -jar atelier.jar seed-benchmark --messages N [--spaces S] --out FILE}: fills an empty
 * store for loadtest scenario f (docs/performance.md) — S squads, one busy (half the messages), one
 * quiet (50), the rest shared — through the same repository writes as batched sends (messages,
 * unread counts), thousands at a time instead of through HTTP: the events first, then the messages
 * with their seqs. Writes what it made
 * (space ids, a reader's and a writer's sign-in) to FILE as JSON.
 */
final class BenchmarkSeed {
  static final String PASSWORD = "bench-password-1";
  private static final int BATCH = 5000;

  private BenchmarkSeed() {}

  static int run(AtelierConfig config, List<String> args, PrintStream out) throws Exception {
    long total = Long.parseLong(option(args, "--messages", "10000"));
    int spaces = Integer.parseInt(option(args, "--spaces", "22"));
    Path file = Path.of(option(args, "--out", "seed.json"));
    Vertx vertx = Vertx.vertx();
    Atelier atelier = new Atelier(vertx, config).start(false).await();
    try {
      Services s = atelier.services();
      if (!s.spaces.all().await().isEmpty()) throw new IllegalStateException("the store is not empty");
      User admin = s.users.byEmail(config.adminEmail()).await().orElseThrow(() -> new IllegalStateException("set ATELIER_ADMIN_EMAIL"));
      Caller root = new Caller(admin, new Session("seed", admin.id(), "", Instant.MAX), false);
      User writer = s.auth.createUser("writer@bench.example.org", "Rédactrice", null, false, PASSWORD).await();
      User reader = s.auth.createUser("reader@bench.example.org", "Lecteur", null, false, PASSWORD).await();
      List<Space> made = new ArrayList<>();
      for (int i = 0; i < spaces; i++) {
        Space sq = s.spaceService.createSquad(root, "Escouade " + i, "Thème " + i).await();
        s.spaceService.putMember(root, sq.id(), writer.id(), Role.MEMBER).await();
        s.spaceService.putMember(root, sq.id(), reader.id(), Role.MEMBER).await();
        made.add(sq);
      }
      long quiet = Math.min(50, total);
      long busy = (total - quiet) / 2;
      long rest = total - quiet - busy;
      // Batches of 5,000; --workers write several at once (one is fastest on a 2-core machine).
      java.util.concurrent.ConcurrentLinkedQueue<Runnable> work = new java.util.concurrent.ConcurrentLinkedQueue<>();
      chunks(work, s, made.get(1), quiet, writer, reader);
      chunks(work, s, made.get(0), busy, writer, reader);
      for (int i = 2; i < spaces; i++) chunks(work, s, made.get(i), rest / (spaces - 2) + (i - 2 < rest % (spaces - 2) ? 1 : 0), writer, reader);
      long t0 = System.nanoTime();
      List<Thread> workers = new ArrayList<>();
      int lanes = Integer.parseInt(option(args, "--workers", "1"));
      for (int w = 0; w < lanes; w++) {
        Thread t = new Thread(() -> {
          for (Runnable r; (r = work.poll()) != null; ) r.run();
        }, "seed-" + w);
        t.start();
        workers.add(t);
      }
      for (Thread t : workers) t.join();
      double seconds = (System.nanoTime() - t0) / 1e9;
      JsonObject info = new JsonObject().put("messages", total).put("busy", made.get(0).id()).put("quiet", made.get(1).id())
          .put("spaces", new JsonArray(made.stream().map(Space::id).toList()))
          .put("reader", new JsonObject().put("email", "reader@bench.example.org").put("password", PASSWORD))
          .put("writer", new JsonObject().put("email", "writer@bench.example.org").put("password", PASSWORD))
          .put("seedSeconds", Math.round(seconds * 10) / 10.0);
      Files.writeString(file, info.encodePrettily());
      out.printf("Seeded %,d messages in %d spaces in %.1f s (%,.0f/s) → %s%n", total, spaces, seconds, total / seconds, file);
      return 0;
    } finally {
      atelier.stopBlocking();
      vertx.close().await();
    }
  }

  private static void chunks(java.util.Queue<Runnable> work, Services s, Space space, long n, User writer, User reader) {
    for (long done = 0; done < n; done += BATCH) {
      long from = done;
      int size = (int) Math.min(BATCH, n - done);
      work.add(() -> fill(s, space, from, size, writer, reader));
    }
  }

  /** Writes {@code size} messages in the space's general channel at once, as a batched send does. */
  private static void fill(Services s, Space space, long done, int size, User writer, User reader) {
    {
      List<Message> batch = new ArrayList<>(size);
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      for (int i = 0; i < size; i++) {
        long k = done + i;
        List<String> mentions = k % 10 == 0 ? List.of(reader.id()) : List.of();
        String text = (k % 10 == 0 ? "<@" + reader.id() + "> " : "") + "Message " + k + " : point d'étape sur le séchage, mesures du jour.";
        batch.add(new Message(new ObjectId().toHexString(), space.id(), ChannelRepository.GENERAL, writer.id(), text, "seed-" + k,
            null, null, now, null, false, mentions, Map.of(), 0, 0, List.of()));
      }
      List<Event> events = s.eventLog.appendAll(batch.stream()
          .map(m -> new EventLog.Draft(m.space(), "message.created", m.author(), m.createdData(), ReadMarkerRepository.tally(m.channel()))).toList()).await();
      s.readMarkers.countCreated(batch, true).await();
      List<Message> committed = new ArrayList<>(size);
      for (int i = 0; i < size; i++) committed.add(batch.get(i).withSeq(events.get(i).seq()));
      s.messages.insertCommitted(committed).await();
    }
  }

  private static String option(List<String> args, String name, String fallback) {
    int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
  }
}
