package atelier.support;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the node of a {@link NodeTest} class once, hands it (and a {@link World} on it, and its
 * {@link Api}) to the class's static fields of those types, and stops it when the class is done —
 * the start/stop every node test used to copy into {@code @BeforeAll}/{@code @AfterAll}.
 */
public final class NodeExtension implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NodeExtension.class);

  /** Closes the node with the class's extension context. */
  private record Running(TestNode node) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      node.close();
    }
  }

  /** The class's own static {@link MutableClock} (initialised with the class), else the system clock. */
  private static java.time.Clock clockOf(Class<?> testClass) throws IllegalAccessException {
    for (Field f : testClass.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers()) || f.getType() != MutableClock.class) continue;
      f.setAccessible(true);
      if (f.get(null) instanceof MutableClock clock) return clock;
    }
    return java.time.Clock.systemUTC();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Class<?> testClass = context.getRequiredTestClass();
    NodeTest spec = testClass.getAnnotation(NodeTest.class);
    Map<String, String> config = new HashMap<>();
    if (spec != null) {
      for (String entry : spec.config()) {
        int eq = entry.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("@NodeTest config entries are key=value, got " + entry);
        config.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    TestNode node = TestNode.start(config, clockOf(testClass));
    context.getStore(NS).put("node", new Running(node));
    World world = null;
    for (Field f : testClass.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) continue;
      Object value = null;
      if (f.getType() == TestNode.class) value = node;
      else if (f.getType() == Api.class) value = node.api;
      else if (f.getType() == World.class) value = world == null ? (world = new World(node)) : world;
      if (value == null) continue;
      f.setAccessible(true);
      f.set(null, value);
    }
  }
}
