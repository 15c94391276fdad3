package atelier.bag;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Collection;

/**
 * Where a part writes its entries: one entry at a time ({@link #begin}, {@link #append}…,
 * {@link #end}), each append compressed off the event loop and sent on with back-pressure, so a part
 * writes page after page of the store and memory stays flat. Parts also add to the bag's counts
 * (bag-info.txt) and name the people they refer to, so that the bag carries who they are.
 */
public interface BagOut {
  Future<Void> begin(String path);

  Future<Void> append(Buffer chunk);

  Future<Void> end();

  /** A whole small entry. */
  default Future<Void> entry(String path, Buffer content) {
    return begin(path).compose(v -> append(content)).compose(v -> end());
  }

  /** Adds {@code n} to the count {@code key} shown in bag-info.txt as {@code Atelier-<key>}. */
  void count(String key, long n);

  /** People (user ids) the part's data refers to: the bag keeps their names and organisations. */
  void people(Collection<String> userIds);

  /** Display names of people, for the readable (HTML) entries. */
  Future<java.util.Map<String, String>> names(Collection<String> userIds);
}
