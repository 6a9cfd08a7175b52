package dev.sqlup.domain.campaign;

import dev.sqlup.domain.Catalogue;
import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.Estimator;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceSpec;
import dev.sqlup.domain.MaintenanceWindow;
import dev.sqlup.domain.Precheck;
import dev.sqlup.domain.Prechecks;
import dev.sqlup.domain.SourceProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The dry run of a campaign: runs the existing prechecks and estimate on every selected instance,
 * puts the upgradable ones into waves, and lays out a timeline as the campaign would run it: within
 * a wave at most {@code maxConcurrency} upgrades at once (an upgrade holds its slot until it has
 * switched, window wait included, as a nested execution holds its Map slot), each switching in its
 * own maintenance window by default; the next wave starts after the previous one ended and baked.
 */
public final class CampaignPlanner {
  private final Prechecks prechecks;
  private final Estimator estimator = new Estimator();

  public CampaignPlanner(Catalogue catalogue) {
    this.prechecks = new Prechecks(catalogue);
  }

  public CampaignPlan plan(CampaignSpec spec, List<Instance> fleet, Instant now) {
    Selection.Result selected = spec.selection().select(fleet);
    Map<String, Checked> checked = new LinkedHashMap<>();
    List<String> upgradable = new ArrayList<>();
    for (Instance instance : selected.instances()) {
      InstanceSpec target = spec.target().targetFor(instance.spec());
      Estimate estimate =
          SourceProfile.of(instance).estimate(estimator, instance.sqlEdition(), now, null);
      List<Precheck> checks =
          prechecks.run(instance, target, spec.switchPolicy().switchTime(), false, estimate, now);
      boolean ok = checks.stream().noneMatch(c -> c.result() == Precheck.Result.FAILED);
      checked.put(instance.instanceId(), new Checked(instance, target, estimate, checks, ok));
      if (ok) {
        upgradable.add(instance.instanceId());
      }
    }
    List<List<String>> assigned = Waves.assign(upgradable, spec.waves());
    Map<String, PlannedInstance> planned = new LinkedHashMap<>();
    List<PlannedWave> waves = new ArrayList<>();
    Instant waveStart = now;
    for (int w = 0; w < assigned.size(); w++) {
      WaveSpec ws = spec.waves().get(w);
      PriorityQueue<Instant> slots = new PriorityQueue<>();
      for (int s = 0; s < ws.maxConcurrency(); s++) {
        slots.add(waveStart);
      }
      Instant waveEnd = waveStart;
      for (String id : assigned.get(w)) {
        Checked c = checked.get(id);
        Instant start = slots.poll();
        PlannedInstance p = timeline(c, w, start, spec.switchPolicy());
        slots.add(p.plannedEnd());
        waveEnd = waveEnd.isBefore(p.plannedEnd()) ? p.plannedEnd() : waveEnd;
        planned.put(id, p);
      }
      Instant baked = waveEnd.plusSeconds(ws.bakeSeconds());
      waves.add(
          new PlannedWave(
              w,
              ws.name(),
              assigned.get(w),
              ws.maxConcurrency(),
              ws.toleratedFailures(),
              ws.bakeSeconds(),
              ws.approvalRequired(),
              waveStart,
              baked));
      waveStart = baked;
    }
    List<PlannedInstance> all = new ArrayList<>();
    for (Checked c : checked.values()) {
      all.add(
          planned.getOrDefault(
              c.instance().instanceId(),
              new PlannedInstance(
                  c.instance().instanceId(),
                  null,
                  false,
                  c.instance().spec(),
                  c.target(),
                  c.checks(),
                  c.estimate(),
                  null,
                  null,
                  null,
                  null,
                  null)));
    }
    return new CampaignPlan(all, waves, waveStart, selected.missingIds());
  }

  private record Checked(
      Instance instance,
      InstanceSpec target,
      Estimate estimate,
      List<Precheck> checks,
      boolean ok) {}

  /**
   * When one upgrade started at {@code start} switches and ends: the copy (everything before the
   * restore of the databases and the switch) runs first; then, in a window, the switch waits for
   * the first occurrence it fits in, as {@code CheckWindow} decides at the window's start.
   */
  static PlannedInstance timeline(Checked c, int wave, Instant start, SwitchPolicy policy) {
    Estimate e = c.estimate();
    long tail = e.seconds(Estimate.RESTORE_DATABASES) + e.seconds(Estimate.SWITCH);
    Instant copied = start.plusSeconds(e.totalSeconds() - tail);
    Optional<MaintenanceWindow> window = MaintenanceWindow.parse(c.instance().maintenanceWindow());
    Instant switchAt = copied;
    Instant windowStart = null;
    Instant windowEnd = null;
    if (policy == SwitchPolicy.OwnMaintenanceWindow && window.isPresent()) {
      MaintenanceWindow.Occurrence o = window.get().currentOrNext(copied);
      // The first occurrence with room for the tail after the copy; a window shorter than the tail
      // never
      // has room (the precheck refuses those), so the search is bounded.
      for (int i = 0;
          i < 400 && Duration.between(max(copied, o.start()), o.end()).toSeconds() < tail;
          i++) {
        o = window.get().nextStart(o.end());
      }
      switchAt = max(copied, o.start());
      windowStart = o.start();
      windowEnd = o.end();
    }
    return new PlannedInstance(
        c.instance().instanceId(),
        wave,
        true,
        c.instance().spec(),
        c.target(),
        c.checks(),
        e,
        start,
        switchAt,
        windowStart,
        windowEnd,
        switchAt.plusSeconds(tail));
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
