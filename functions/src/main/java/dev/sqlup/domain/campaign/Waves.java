package dev.sqlup.domain.campaign;

import java.util.ArrayList;
import java.util.List;

/** Splits the instances a campaign will upgrade into its waves. */
public final class Waves {
  private Waves() {}

  /**
   * In order, each wave takes its size of {@code ids} (a percentage of all of them, rounded up)
   * from those the earlier waves left; the last wave also takes whatever is left, so no instance is
   * forgotten. A wave may come out empty when the earlier ones took everything.
   */
  public static List<List<String>> assign(List<String> ids, List<WaveSpec> waves) {
    List<List<String>> out = new ArrayList<>();
    int next = 0;
    for (int w = 0; w < waves.size(); w++) {
      WaveSpec wave = waves.get(w);
      boolean last = w == waves.size() - 1;
      int take =
          last || wave.size() == null
              ? ids.size() - next
              : Math.min(wave.size().of(ids.size()), ids.size() - next);
      out.add(List.copyOf(ids.subList(next, next + take)));
      next += take;
    }
    return out;
  }
}
