package dev.sqlup.domain.campaign;

import java.util.Collection;

/** How the instances of one wave (or a whole campaign) stand. */
public record WaveCounts(
    int total, int planned, int running, int succeeded, int failed, int skipped, int notStarted) {

  public static WaveCounts of(Collection<CampaignMember> members) {
    int planned = 0, running = 0, succeeded = 0, failed = 0, skipped = 0, notStarted = 0;
    for (CampaignMember m : members) {
      switch (m.status()) {
        case Planned -> planned++;
        case Running -> running++;
        case Succeeded -> succeeded++;
        case Failed -> failed++;
        case Skipped, Refused -> skipped++;
        case NotStarted -> notStarted++;
      }
    }
    return new WaveCounts(members.size(), planned, running, succeeded, failed, skipped, notStarted);
  }

  /** Instances whose upgrade was started: what a failure percentage is taken of. */
  public int attempted() {
    return running + succeeded + failed;
  }
}
