package atelier.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Markdown rendering of a JSON report, and comparison of two reports (Atelier against the reference relay). */
final class Report {

  /** A figure of the report: label, JSON path (dot separated), unit. */
  record Metric(String label, String path, String unit) {
  }

  static final List<Metric> METRICS = List.of(
      new Metric("connections subscribed", "connections.subscribed", ""),
      new Metric("connection failures", "connections.failed", ""),
      new Metric("connect + subscribe time", "connections.connectSeconds", "s"),
      new Metric("messages sent (measured)", "messages.measured", ""),
      new Metric("deliveries expected (measured)", "deliveries.measuredExpected", ""),
      new Metric("deliveries received (measured)", "deliveries.measuredReceived", ""),
      new Metric("deliveries missing (all)", "deliveries.missing", ""),
      new Metric("delivery latency p50", "latencyMs.p50", "ms"),
      new Metric("delivery latency p95", "latencyMs.p95", "ms"),
      new Metric("delivery latency p99", "latencyMs.p99", "ms"),
      new Metric("delivery latency max", "latencyMs.max", "ms"),
      new Metric("ack latency p50", "ackLatencyMs.p50", "ms"),
      new Metric("ack latency p99", "ackLatencyMs.p99", "ms"),
      new Metric("ack latency max", "ackLatencyMs.max", "ms"),
      new Metric("deliveries/s", "deliveriesPerSecond", "/s"),
      new Metric("acks (messages)/s", "acksPerSecond", "/s"),
      new Metric("best rate with ack p99 within limit (d)", "bestRatePerSecond", "/s"),
      new Metric("highest rate kept up with, any latency (d)", "maxSustainedRatePerSecond", "/s"),
      new Metric("same-node delivery p99 (e)", "nodes.sameNodeLatencyMs.p99", "ms"),
      new Metric("cross-node delivery p99 (e)", "nodes.crossNodeLatencyMs.p99", "ms"),
      new Metric("extra p99 across nodes (e)", "nodes.extraP99Ms", "ms"),
      new Metric("server CPU during measure", "server.duringMeasure.cpuCores", "cores"),
      new Metric("server CPU per delivery", "server.duringMeasure.cpuMicrosPerDelivery", "µs"),
      new Metric("server CPU per message", "server.duringMeasure.cpuMicrosPerMessage", "µs"),
      new Metric("server RSS before connecting", "server.beforeConnect.rssMB", "MB"),
      new Metric("server RSS after connecting", "server.afterConnect.rssMB", "MB"),
      new Metric("server RSS after hold (a)", "server.afterHold.rssMB", "MB"),
      new Metric("server RSS growth per 1,000 connections (a)", "idle.rssMBPer1000Connections", "MB"),
      new Metric("server RSS after hold and full GC (a)", "server.afterHoldAndGc.rssMB", "MB"),
      new Metric("server RSS growth per 1,000 connections, after full GC (a)", "idle.rssMBPer1000ConnectionsAfterGc", "MB"),
      new Metric("server live heap per 1,000 connections (a)", "idle.liveHeapMBPer1000Connections", "MB"),
      new Metric("server CPU while holding (a)", "idle.serverCpuCoresHolding", "cores"),
      new Metric("server CPU per connection-second (a)", "idle.serverCpuMicrosPerConnectionSecond", "µs"),
      new Metric("generator CPU during measure", "generatorCpuCoresDuringMeasure", "cores"),
      new Metric("whole machine busy during measure", "machine.busyCores", "cores"),
      new Metric("other processes (not server, not generator)", "machine.otherProcessesCores", "cores"),
      new Metric("heartbeat pings / pongs", "heartbeats.pongs", ""),
      new Metric("errors (frames, closes, connect failures)", "errors.total", ""),
      new Metric("generator CPU (whole run)", "generator.cpuSeconds", "s"));

  static Object get(JsonObject j, String path) {
    Object cur = j;
    for (String part : path.split("\\.")) {
      if (!(cur instanceof JsonObject)) {
        return null;
      }
      cur = ((JsonObject) cur).getValue(part);
    }
    return cur;
  }

  static String fmt(Object v) {
    if (v == null) {
      return "–";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return String.format(Locale.ROOT, "%,d", (long) d);
      }
      return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%,.0f" : "%.2f", d);
    }
    if (v instanceof Number) {
      return String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
    }
    return String.valueOf(v);
  }

  static String markdown(JsonObject r) {
    StringBuilder sb = new StringBuilder();
    sb.append("### Scenario ").append(r.getString("scenario")).append(" — ").append(r.getString("mode"));
    if (r.getString("label") != null && !r.getString("label").isEmpty()) {
      sb.append(" (").append(r.getString("label")).append(")");
    }
    sb.append("\n\n").append("Parameters: `").append(r.getJsonObject("params").encode()).append("`\n\n");
    sb.append("| metric | value |\n| --- | ---: |\n");
    for (Metric m : METRICS) {
      Object v = get(r, m.path());
      if (v == null) {
        continue;
      }
      String value = fmt(v);
      if (m.path().equals("heartbeats.pongs")) {
        value = fmt(get(r, "heartbeats.pings")) + " / " + value;
      }
      sb.append("| ").append(m.label()).append(" | ").append(value).append(m.unit().isEmpty() ? "" : " " + m.unit())
          .append(" |\n");
    }
    JsonArray steps = r.getJsonArray("steps");
    if (steps != null) {
      sb.append("\n| target rate | attempt | acks/s | ack p50 | ack p99 | delivery p99 | missing acks | other processes | pass |\n")
          .append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |\n");
      for (int i = 0; i < steps.size(); i++) {
        JsonObject s = steps.getJsonObject(i);
        sb.append("| ").append(fmt(s.getValue("targetRate"))).append(" | ").append(fmt(s.getValue("attempt")))
            .append(" | ").append(fmt(s.getValue("acksPerSecond")))
            .append(" | ").append(fmt(get(s, "ackLatencyMs.p50"))).append(" ms | ")
            .append(fmt(get(s, "ackLatencyMs.p99"))).append(" ms | ").append(fmt(get(s, "latencyMs.p99")))
            .append(" ms | ").append(fmt(get(s, "messages.missingAcks"))).append(" | ")
            .append(fmt(get(s, "machine.otherProcessesCores"))).append(" cores | ")
            .append(Boolean.TRUE.equals(s.getBoolean("pass")) ? "yes" : "no").append(" |\n");
      }
    }
    JsonObject errors = r.getJsonObject("errors");
    if (errors != null && errors.getJsonObject("errorFrames") != null && !errors.getJsonObject("errorFrames").isEmpty()) {
      sb.append("\nError frames: `").append(errors.getJsonObject("errorFrames").encode()).append("`\n");
    }
    return sb.toString();
  }

  /** Side-by-side table: reference relay, Atelier, ratio Atelier / relay. */
  static String compare(JsonObject relay, JsonObject atelier) {
    StringBuilder sb = new StringBuilder();
    sb.append("### Scenario ").append(atelier.getString("scenario")).append(": Atelier against the reference relay\n\n");
    sb.append("Atelier parameters: `").append(atelier.getJsonObject("params").encode()).append("`\n\n");
    sb.append("| metric | relay | Atelier | Atelier / relay |\n| --- | ---: | ---: | ---: |\n");
    List<String> seen = new ArrayList<>();
    for (Metric m : METRICS) {
      Object a = get(atelier, m.path());
      Object b = get(relay, m.path());
      if (a == null && b == null) {
        continue;
      }
      seen.add(m.path());
      String ratio = "–";
      if (a instanceof Number && b instanceof Number && ((Number) b).doubleValue() != 0) {
        ratio = String.format(Locale.ROOT, "%.2f×", ((Number) a).doubleValue() / ((Number) b).doubleValue());
      }
      String u = m.unit().isEmpty() ? "" : " " + m.unit();
      sb.append("| ").append(m.label()).append(" | ").append(fmt(b)).append(b == null ? "" : u).append(" | ")
          .append(fmt(a)).append(a == null ? "" : u).append(" | ").append(ratio).append(" |\n");
    }
    return sb.toString();
  }

  private Report() {
  }
}
