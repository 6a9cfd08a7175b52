package dev.sqlup.api;

import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.domain.campaign.Campaign;
import dev.sqlup.domain.campaign.CampaignMember;
import dev.sqlup.domain.campaign.CampaignPlan;
import dev.sqlup.domain.campaign.CampaignWave;
import dev.sqlup.domain.campaign.MemberStatus;
import dev.sqlup.domain.campaign.PlannedInstance;
import dev.sqlup.domain.campaign.PlannedWave;
import dev.sqlup.domain.campaign.WaveStatus;
import dev.sqlup.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What clients see of campaigns: the dry-run plan, a summary in lists, the full status with
 * progress.
 */
final class CampaignViews {
  private CampaignViews() {}

  static Map<String, Object> plan(CampaignPlan plan) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dryRun", true);
    body.put("selected", plan.instances().size());
    body.put("upgradable", plan.instances().size() - plan.refusedCount());
    body.put("refused", plan.refusedCount());
    body.put("missingIds", plan.missingIds());
    body.put("expectedEnd", plan.expectedEnd() == null ? null : Json.format(plan.expectedEnd()));
    List<Object> waves = new ArrayList<>();
    for (PlannedWave w : plan.waves()) {
      Map<String, Object> wave = new LinkedHashMap<>();
      wave.put("index", w.index());
      wave.put("name", w.name());
      wave.put("size", w.instanceIds().size());
      wave.put("maxConcurrency", w.maxConcurrency());
      wave.put("toleratedFailures", w.toleratedFailures().toString());
      wave.put("bakeSeconds", w.bakeSeconds());
      wave.put("approvalRequired", w.approvalRequired());
      wave.put("plannedStart", Json.format(w.plannedStart()));
      wave.put("plannedEnd", Json.format(w.plannedEnd()));
      wave.put("instanceIds", w.instanceIds());
      waves.add(wave);
    }
    body.put("waves", waves);
    List<Object> instances = new ArrayList<>();
    for (PlannedInstance p : plan.instances()) {
      Map<String, Object> i = Json.toTree(p);
      if (p.switchWindowStart() != null) {
        i.remove("switchWindowStart");
        i.remove("switchWindowEnd");
        i.put(
            "switchWindow",
            Map.of(
                "start",
                Json.format(p.switchWindowStart()),
                "end",
                Json.format(p.switchWindowEnd())));
      }
      instances.add(i);
    }
    body.put("instances", instances);
    return body;
  }

  static Map<String, Object> summary(Campaign c) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("campaignId", c.campaignId());
    body.put("name", c.name());
    body.put("status", c.status().name());
    body.put("currentWave", c.currentWave());
    body.put("waveCount", c.waves().size());
    body.put("counts", Json.toTree(c.counts()));
    body.put("approvalPending", c.approvalToken() != null);
    body.put("haltReason", c.haltReason());
    body.put("createdAt", Json.format(c.createdAt()));
    body.put("updatedAt", Json.format(c.updatedAt()));
    body.put("endedAt", c.endedAt() == null ? null : Json.format(c.endedAt()));
    body.put("expectedEnd", c.expectedEnd() == null ? null : Json.format(c.expectedEnd()));
    return body;
  }

  /**
   * The whole campaign: per wave its limits, status and counts; per instance its status, task, and
   * (for a running upgrade, read from its task) step, progress and remaining seconds; the ETA: now
   * plus the longest remaining running upgrade plus the planned length of the waves not started
   * yet.
   */
  static Map<String, Object> detail(
      Campaign c, Function<List<String>, Map<String, UpgradeTask>> tasks, Instant now) {
    Map<String, Object> body = summary(c);
    body.put("switchPolicy", c.spec().switchPolicy().name());
    body.put("selection", Json.toTree(c.spec().selection()));
    body.put("target", Json.toTree(c.spec().target()));
    long longestRunning = 0;
    List<Object> instances = new ArrayList<>();
    Map<String, UpgradeTask> running =
        tasks.apply(
            c.members().values().stream()
                .filter(m -> m.status() == MemberStatus.Running && m.taskId() != null)
                .map(CampaignMember::taskId)
                .toList());
    for (CampaignMember m : c.members().values()) {
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("instanceId", m.instanceId());
      i.put("wave", m.wave() < 0 ? null : m.wave());
      i.put("status", m.status().name());
      i.put("taskId", m.taskId());
      i.put("reason", m.reason());
      i.put(
          "plannedSwitchWindowStart",
          m.switchWindowStart() == null ? null : Json.format(m.switchWindowStart()));
      if (m.status() == MemberStatus.Running && m.taskId() != null) {
        Optional<UpgradeTask> task = Optional.ofNullable(running.get(m.taskId()));
        if (task.isPresent()) {
          i.put("taskStatus", task.get().status().name());
          i.put("currentStep", task.get().currentStep());
          i.put("progress", task.get().progress());
          i.put("remainingSeconds", task.get().remainingSeconds());
          longestRunning = Math.max(longestRunning, task.get().remainingSeconds());
        }
      } else if (m.status() == MemberStatus.Succeeded) {
        i.put("taskStatus", TaskStatus.Succeeded.name());
        i.put("progress", 100);
      }
      instances.add(i);
    }
    List<Object> waves = new ArrayList<>();
    long laterWaves = 0;
    for (CampaignWave w : c.waves()) {
      Map<String, Object> wave = new LinkedHashMap<>();
      wave.put("index", w.index());
      wave.put("name", w.spec().name());
      wave.put("status", w.status().name());
      wave.put("size", w.instanceIds().size());
      wave.put("maxConcurrency", w.spec().maxConcurrency());
      wave.put("toleratedFailures", w.spec().toleratedFailures().toString());
      wave.put("bakeSeconds", w.spec().bakeSeconds());
      wave.put("approvalRequired", w.spec().approvalRequired());
      wave.put("startedAt", w.startedAt() == null ? null : Json.format(w.startedAt()));
      wave.put("endedAt", w.endedAt() == null ? null : Json.format(w.endedAt()));
      wave.put("counts", Json.toTree(c.counts(w.index())));
      waves.add(wave);
      if (w.status() == WaveStatus.Pending) {
        laterWaves += w.plannedSeconds();
      }
    }
    body.put("waves", waves);
    body.put("instances", instances);
    body.put(
        "eta",
        c.status().isFinal() ? null : Json.format(now.plusSeconds(longestRunning + laterWaves)));
    return body;
  }
}
