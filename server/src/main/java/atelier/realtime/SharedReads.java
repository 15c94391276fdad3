package atelier.realtime;

import atelier.platform.StreamType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stream reads of this node, shared by the follows that ask for the same range at the same time.
 * The followers of a key move together: when a live entry arrives ahead of a slow commit, every
 * socket of the space sees the same hole at the same moment, and when a node comes back every
 * client resumes from about the same position. Each read once per node instead of once per socket
 * (5,000 readers of one range were the largest cost of a busy space under load), and each entry is
 * encoded once for all of them.
 */
final class SharedReads {
  private record Range(String stream, String key, long after, int max) {}

  private final Map<Range, Future<List<Outbound>>> inFlight = new ConcurrentHashMap<>();

  /** The entries after {@code after} (at most {@code max}); completes on the caller's context. */
  Future<List<Outbound>> read(StreamType type, String key, long after, int max) {
    Range range = new Range(type.name(), key, after, max);
    boolean[] started = {false};
    Future<List<Outbound>> shared = inFlight.computeIfAbsent(range, r -> {
      started[0] = true;
      return type.source().read(key, after, max).map(entries -> entries.stream().map(Outbound::new).toList());
    });
    // The one who started the read ends its sharing (one listener per read, not one per follower).
    if (started[0]) shared.onComplete(ar -> inFlight.remove(range, shared));
    Context here = Vertx.currentContext();
    if (here == null || shared.isComplete()) return shared;
    Promise<List<Outbound>> mine = Promise.promise();
    shared.onComplete(ar -> {
      if (Vertx.currentContext() == here) mine.handle(ar);
      else here.runOnContext(v -> mine.handle(ar));
    });
    return mine.future();
  }
}
