package atelier.chat;

import atelier.events.EventLog;
import atelier.store.EmbeddedStore;
import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The persistence side of a sent message alone, without sockets: what one persisted message costs
 * the embedded store (wire server, driver, writes and commits) at loadtest b's shape — 100 spaces,
 * messages arriving at a steady rate on 4 event loops (as on the 4 HTTP verticles), handed to the
 * node's one {@link SendBatcher}, and the membership reads that the per-message access checks make (about one for
 * two messages in b, at majority read concern). Prints the process's CPU time per message over the
 * measured seconds and the bytes the store file grew by. Not a test:
 *
 * <pre>
 * mvn -B -q -pl server test-compile
 * java -cp server/target/atelier.jar:server/target/test-classes atelier.chat.SendChainBench [RATE] [SECONDS] [WARMUP] [MODE]
 * </pre>
 * MODE {@code chain} (the default) is a send's persistence as above; {@code floor} is the least any
 * durable send could cost: each message one insert acknowledged once in the file (no seq, no event,
 * no counts, no membership read) — what a message costs this store whatever the protocol, when
 * messages arrive too far apart to share a write; {@code applied} is the same insert acknowledged once
 * applied, before it is in the file: the wire, the driver and the store's work without the commit.
 * (any build's jar first on the class path: the bench uses only the repositories' public side and
 * the batcher, so two builds can be compared on the same bench.)
 */
public final class SendChainBench {
  private static final int SPACES = 100;
  private static final int LOOPS = 4;

  public static void main(String[] args) throws Exception {
    double rate = args.length > 0 ? Double.parseDouble(args[0]) : 200;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    String mode = args.length > 3 ? args[3] : "chain";
    boolean floor = !mode.equals("chain");
    Path dir = Files.createTempDirectory("send-chain-bench");
    Vertx vertx = Vertx.vertx();
    try (EmbeddedStore embedded = EmbeddedStore.onDisk(dir, 0); Store store = new Store(embedded.connectionString(), "atelier")) {
      MessageRepository messages = new MessageRepository(store);
      EventLog log = new EventLog(vertx, store, Duration.ofSeconds(5));
      ReadMarkerRepository reads = new ReadMarkerRepository(store, log);
      Future.all(messages.createIndexes(), reads.createIndexes(), log.createIndexes()).toCompletionStage().toCompletableFuture().get();
      var members = store.collection("memberships");
      List<Document> people = new ArrayList<>();
      for (int s = 0; s < SPACES; s++) for (int u = 0; u < 10; u++) people.add(new Document("_id", "s" + s + ":u" + u).append("space", "s" + s).append("user", "u" + u));
      Reactive.one(members.insertMany(people)).toCompletionStage().toCompletableFuture().get();

      var floorWrites = mode.equals("applied") ? store.chainedCollection("floor") : store.collection("floor");
      SendBatcher batcher = new SendBatcher(vertx, messages, log, reads, m -> Future.failedFuture("no resend in the bench"));
      List<Context> loops = new ArrayList<>();
      for (int i = 0; i < LOOPS; i++) loops.add(vertx.getOrCreateContext());
      AtomicLong acked = new AtomicLong();
      List<Double> latencies = new ArrayList<>();
      AtomicLong sent = new AtomicLong();
      long periodNs = (long) (1e9 / rate);
      long start = System.nanoTime();
      long measureFrom = start + warmup * 1_000_000_000L;
      long end = measureFrom + seconds * 1_000_000_000L;
      CountDownLatch done = new CountDownLatch(1);
      long[] cpuAt = new long[2];
      long[] javaAt = new long[2];
      long[] ackedAt = new long[2];
      long[] fileAt = new long[2];
      Path file = dir.resolve("atelier-store.mv.db");
      Thread pacer = new Thread(() -> {
        long next = start;
        boolean measuring = false;
        while (true) {
          long now = System.nanoTime();
          if (!measuring && now >= measureFrom) {
            measuring = true;
            cpuAt[0] = cpu();
            javaAt[0] = javaThreads();
            ackedAt[0] = acked.get();
            fileAt[0] = size(file);
          }
          if (now >= end) break;
          if (now < next) {
            java.util.concurrent.locks.LockSupport.parkNanos(next - now);
            continue;
          }
          next += periodNs;
          long n = sent.getAndIncrement();
          int space = (int) (n % SPACES);
          int user = (int) ((n / SPACES) % 10);
          Context loop = loops.get((int) (n % LOOPS));
          loop.runOnContext(v -> {
            Message m = new Message(new ObjectId().toHexString(), "s" + space, "general", "u" + user, "message " + n + " " + "x".repeat(80),
                UUID.randomUUID().toString(), null, null, Instant.now().truncatedTo(ChronoUnit.MILLIS), null, false, List.of(), Map.of(), 0, 0, List.of());
            long sentAt = System.nanoTime();
            Future<?> written = floor ? Reactive.one(floorWrites.insertOne(new Document("_id", m.id()).append("space", m.space())
                .append("author", m.author()).append("text", m.text()).append("clientId", m.clientId())))
                : batcher.submit((ContextInternal) loop, m);
            written.onSuccess(x -> {
                  acked.incrementAndGet();
                  if (sentAt >= measureFrom) synchronized (latencies) {
                    latencies.add((System.nanoTime() - sentAt) / 1e6);
                  }
                })
                .onFailure(Throwable::printStackTrace);
            // The access check's membership read, cached 5 s per person and space: about one for two messages.
            if (!floor && n % 2 == 0) Reactive.list(members.find(Filters.eq("_id", "s" + space + ":u" + user)));
          });
        }
        cpuAt[1] = cpu();
        javaAt[1] = javaThreads();
        ackedAt[1] = acked.get();
        fileAt[1] = size(file);
        done.countDown();
      });
      pacer.start();
      done.await();
      long msgs = ackedAt[1] - ackedAt[0];
      System.out.printf(mode + ": rate %.0f/s, %d s measured after %d s: %d messages acknowledged, process CPU %.3f ms per message (application threads %.3f, the rest is JIT and GC), store file +%.1f KB per message%n",
          rate, seconds, warmup, msgs, (cpuAt[1] - cpuAt[0]) / 1e6 / msgs, (javaAt[1] - javaAt[0]) / 1e6 / msgs, (fileAt[1] - fileAt[0]) / 1024.0 / msgs);
      synchronized (latencies) {
        latencies.sort(null);
        System.out.printf("ack latency p50 %.1f ms, p99 %.1f ms%n", latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.99)));
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** CPU time of the live application threads (the JIT's and the GC's threads are not among them). */
  private static long javaThreads() {
    var threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long id : threads.getAllThreadIds()) sum += Math.max(0, threads.getThreadCpuTime(id));
    return sum;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
