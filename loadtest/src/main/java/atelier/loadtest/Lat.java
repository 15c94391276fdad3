package atelier.loadtest;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/** Latency summaries; histograms are recorded in microseconds and reported in milliseconds. */
final class Lat {

  static JsonObject summary(Histogram h) {
    JsonObject j = new JsonObject().put("count", h == null ? 0 : h.getTotalCount());
    if (h == null || h.getTotalCount() == 0) {
      return j;
    }
    return j.put("p50", ms(h.getValueAtPercentile(50)))
        .put("p90", ms(h.getValueAtPercentile(90)))
        .put("p95", ms(h.getValueAtPercentile(95)))
        .put("p99", ms(h.getValueAtPercentile(99)))
        .put("p999", ms(h.getValueAtPercentile(99.9)))
        .put("max", ms(h.getMaxValue()))
        .put("mean", Math.round(h.getMean()) / 1000.0);
  }

  static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }

  private Lat() {
  }
}
