package atelier.loadtest;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** The Markdown tables of a scenario g report ({@link DocBench}). */
final class DocBenchReport {
  static String markdown(JsonObject r) {
    StringBuilder sb = new StringBuilder("### Scenario g — shared documents");
    if (!r.getString("label", "").isEmpty()) sb.append(" (").append(r.getString("label")).append(")");
    sb.append("\n\nParameters: `").append(r.getJsonObject("params").encode()).append("`\n\n");
    JsonObject e = r.getJsonObject("editing");
    if (e != null) {
      sb.append("| editing one document | value |\n| --- | ---: |\n");
      row(sb, "editors", e.getValue("editors"), "");
      row(sb, "edits typed / operations acknowledged", e.getValue("editsTyped") + " / " + e.getValue("operationsAcked"), "");
      row(sb, "edit-to-visible at the other editors p50", Report.get(e, "visibleLatencyMs.p50"), "ms");
      row(sb, "edit-to-visible p95", Report.get(e, "visibleLatencyMs.p95"), "ms");
      row(sb, "edit-to-visible p99", Report.get(e, "visibleLatencyMs.p99"), "ms");
      row(sb, "edit-to-visible max", Report.get(e, "visibleLatencyMs.max"), "ms");
      row(sb, "operation ack p50 / p99", Report.fmt(Report.get(e, "ackLatencyMs.p50")) + " / "
          + Report.fmt(Report.get(e, "ackLatencyMs.p99")), "ms");
      row(sb, "acks/s", e.getValue("acksPerSecond"), "/s");
      row(sb, "deliveries expected / received", e.getValue("deliveriesExpected") + " / " + e.getValue("deliveriesReceived"), "");
      row(sb, "editors whose text differs from the server's", e.getValue("divergentEditors"), "");
      row(sb, "all at the server's head, after the last edit", Boolean.TRUE.equals(e.getBoolean("settled"))
          ? Report.fmt(e.getValue("settleSeconds")) + " s" : "NOT within --drain", "");
      row(sb, "server CPU during measure", Report.get(e, "server.cpuCores"), "cores");
      row(sb, "server CPU per operation", Report.get(e, "server.cpuMicrosPerOperation"), "µs");
      row(sb, "generator CPU", e.getValue("generatorCpuCores"), "cores");
      row(sb, "other processes (not server, not generator)", Report.get(e, "machine.otherProcessesCores"), "cores");
      sb.append('\n');
    }
    JsonObject h = r.getJsonObject("history");
    if (h != null) {
      sb.append("| revisions | open rev 1 p50 / p95 | middle rev p50 / p95 | latest p50 / p95 | history page p50 | "
          + "rev 1 p50 vs first | built at |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
      Double first = null;
      for (Object o : h.getJsonArray("sizes")) {
        JsonObject s = (JsonObject) o;
        double p50 = s.getJsonObject("openRev1Ms").getDouble("p50");
        if (first == null) first = p50;
        sb.append("| ").append(Report.fmt(s.getValue("revisions"))).append(" | ").append(pair(s, "openRev1Ms"))
            .append(" | ").append(pair(s, "openMiddleMs")).append(" | ").append(pair(s, "openLatestMs")).append(" | ")
            .append(Report.fmt(Report.get(s, "historyPageMs.p50"))).append(" ms | ")
            .append(String.format(Locale.ROOT, "%.2f×", p50 / first)).append(" | ")
            .append(Report.fmt(s.getValue("buildOpsPerSecond"))).append(" rev/s |\n");
      }
    }
    JsonObject frames = Report.get(r, "errors.frames") instanceof JsonObject f ? f : new JsonObject();
    if (!frames.isEmpty()) sb.append("\nError frames: `").append(frames.encode()).append("`\n");
    if (Report.get(r, "errors.reconnects") instanceof Number n && n.longValue() > 0) {
      sb.append("\nSockets closed and resumed: ").append(n).append(" `").append(Report.get(r, "errors.reconnectSamples")).append("`\n");
    }
    Object failed = Report.get(r, "errors.editorFailures");
    if (failed instanceof JsonObject f && !f.isEmpty()) sb.append("\nEditor failures: `").append(f.encode()).append("`\n");
    return sb.toString();
  }

  private static String pair(JsonObject s, String key) {
    return Report.fmt(Report.get(s, key + ".p50")) + " / " + Report.fmt(Report.get(s, key + ".p95")) + " ms";
  }

  private static void row(StringBuilder sb, String label, Object value, String unit) {
    sb.append("| ").append(label).append(" | ").append(value instanceof String s ? s : Report.fmt(value))
        .append(unit.isEmpty() ? "" : " " + unit).append(" |\n");
  }

  private DocBenchReport() {
  }
}
