package io.mocks3.schemas;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every replay answers once its projection has caught up with the log (PostgreSQL, the Redis
 * cache, a storage node's disk): the projection, {@code "status": "caught up"}, what it did, how
 * long it took and its rate, so that replays read alike whichever service ran them.
 */
public final class ReplayAnswer {
  private ReplayAnswer() {}

  /**
   * @param figures what the replay did, in the order to show it
   * @param rateName the name of the rate, e.g. {@code eventsPerSecond}
   * @param rateOf what the rate counts ({@code rateOf} per second of {@code tookMillis})
   */
  public static Map<String, Object> caughtUp(String projection, Map<String, Object> figures, long tookMillis,
      String rateName, double rateOf) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("projection", projection);
    out.put("status", "caught up");
    out.putAll(figures);
    out.put("tookMs", tookMillis);
    out.put(rateName, perSecond(rateOf, tookMillis));
    return out;
  }

  /** {@code count} per second of {@code tookMillis}: whole from 100 on, to a tenth below. */
  public static Number perSecond(double count, long tookMillis) {
    double perSecond = count / (Math.max(tookMillis, 1) / 1000.0);
    return perSecond >= 100 ? (Number) Math.round(perSecond) : (Number) (Math.round(perSecond * 10) / 10.0);
  }
}
