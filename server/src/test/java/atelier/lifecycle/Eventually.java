package atelier.lifecycle;

import java.util.function.BooleanSupplier;

/** Waits for a condition with a generous deadline (a loaded 2-core machine), never a fixed sleep. */
final class Eventually {
  private Eventually() {}

  static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("Timed out waiting until " + what);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
