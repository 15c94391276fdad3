package atelier.loadtest;

import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Load generator for Atelier (and for the reference relay).
 *
 * <pre>
 * java -jar loadtest/target/atelier-loadtest.jar --scenario b --target http://127.0.0.1:8080 \
 *      --admin-email admin@example.org --admin-password secret --server-pid 1234 --out b.json
 * java -jar loadtest/target/atelier-loadtest.jar compare relay.json atelier.json [--md out.md]
 * java -jar loadtest/target/atelier-loadtest.jar --scenario f --target URL --seed seed.json --out f.json   (see StoreScale)
 * java -jar loadtest/target/atelier-loadtest.jar --scenario g --target URL --admin-email E --admin-password P   (see DocBench)
 * </pre>
 */
public final class Main {

  /** Held so that the level sticks (JUL keeps loggers weakly): one "Connection evicted" warning per closed pooled connection is noise. */
  private static final java.util.logging.Logger QUIET =
      java.util.logging.Logger.getLogger("io.vertx.core.http.impl.HttpClientConnectionInternal");

  static {
    QUIET.setLevel(java.util.logging.Level.SEVERE);
  }

  public static void main(String[] args) throws Exception {
    java.util.List<String> list = java.util.Arrays.asList(args);
    if (args.length > 0 && args[0].equals("report-f")) {
      System.exit(StoreScale.report(list.subList(1, list.size())));
      return;
    }
    int scenario = list.indexOf("--scenario");
    if (scenario >= 0 && scenario + 1 < args.length && args[scenario + 1].equals("f")) {
      System.exit(StoreScale.main(list));
      return;
    }
    if (scenario >= 0 && scenario + 1 < args.length && args[scenario + 1].equals("g")) {
      java.util.List<String> rest = new java.util.ArrayList<>(list);
      rest.remove(scenario + 1);
      rest.remove(scenario);
      System.exit(DocBench.main(rest));
      return;
    }
    if (args.length > 0 && args[0].equals("compare")) {
      System.exit(compare(args));
      return;
    }
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    if (o.help()) {
      System.out.println(Options.USAGE);
      return;
    }
    JsonObject report = run(o);
    System.out.println(Report.markdown(report));
    System.exit(0);
  }

  /** Runs the generator and writes the reports asked for; returns the JSON report. */
  public static JsonObject run(String... args) throws Exception {
    return run(Options.parse(args));
  }

  static JsonObject run(Options o) throws Exception {
    JsonObject report = new LoadRun(o).run();
    if (o.out != null) {
      Path p = Path.of(o.out);
      if (p.getParent() != null) {
        Files.createDirectories(p.getParent());
      }
      Files.writeString(p, report.encodePrettily() + "\n");
    }
    if (o.md != null) {
      Files.writeString(Path.of(o.md), Report.markdown(report));
    }
    return report;
  }

  static int compare(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: compare RELAY.json ATELIER.json [--md OUT.md]");
      return 2;
    }
    JsonObject relay = new JsonObject(Files.readString(Path.of(args[1])));
    JsonObject atelier = new JsonObject(Files.readString(Path.of(args[2])));
    String md = Report.compare(relay, atelier);
    System.out.println(md);
    if (args.length >= 5 && args[3].equals("--md")) {
      Files.writeString(Path.of(args[4]), md);
    }
    return 0;
  }

  private Main() {
  }
}
