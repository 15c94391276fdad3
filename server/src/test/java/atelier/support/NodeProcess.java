package atelier.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A node in its own JVM (the test classpath, {@code atelier.app.Main}), so a test can kill it with
 * SIGKILL or stop it with SIGTERM like an operator would.
 */
public final class NodeProcess implements AutoCloseable {
  public final Process process;
  public final int port;
  public final List<String> output = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  private NodeProcess(Process process, int port) {
    this.process = process;
    this.port = port;
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          output.add(line);
          if (line.startsWith("Atelier listening on http://")) ready.complete(null);
        }
      } catch (IOException ignored) {
        // the process died; the waiter below reports it
      }
      ready.completeExceptionally(new IllegalStateException("node exited: " + String.join("\n", output)));
    }, "node-output");
    reader.setDaemon(true);
    reader.start();
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts {@code Main} with the given environment and arguments; does not wait. */
  public static NodeProcess launch(Path dataDir, int port, Map<String, String> env, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), "atelier.app.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("ATELIER_DATA_DIR", dataDir.toString());
    pb.environment().put("ATELIER_HTTP_PORT", Integer.toString(port));
    pb.environment().put("ATELIER_HTTP_HOST", "127.0.0.1");
    pb.environment().put("ATELIER_ADMIN_EMAIL", TestNode.ADMIN_EMAIL);
    pb.environment().put("ATELIER_ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD);
    pb.environment().put("ATELIER_AUTH_HASH_ITERATIONS", "1000");
    pb.environment().putAll(env);
    return new NodeProcess(pb.start(), port);
  }

  public NodeProcess awaitReady() throws Exception {
    ready.get(60, TimeUnit.SECONDS);
    return this;
  }

  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) throw new IllegalStateException("node did not exit");
    return process.exitValue();
  }

  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public void terminate() throws InterruptedException {
    process.destroy();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) kill();
  }
}
