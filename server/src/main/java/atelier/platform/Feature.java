package atelier.platform;

import atelier.http.RouteModule;

/**
 * A feature (chat, documents, boards…): at start it registers with the {@link Platform} its
 * WebSocket frame types, signals, streams, rate budgets and event kinds, and, as a
 * {@link RouteModule}, mounts its REST routes. Nothing shared is edited to add one: it is listed
 * once in {@code Atelier#features}.
 */
public interface Feature extends RouteModule {
  default void register(Platform platform) {}
}
