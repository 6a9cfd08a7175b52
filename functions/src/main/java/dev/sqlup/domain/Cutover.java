package dev.sqlup.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What steers a task's switchover besides its {@code switchTime}: the scheduled time, the guards
 * (overrides as requested; defaults apply to missing fields), every change of the switch time with
 * who and when, and the guard holds (the last one open while it holds). {@code wakeToken} is the
 * task token the workflow's waiting loop listens on while it sleeps (null: none stored yet): a
 * change of the switch setting ends that wait with it, so the change takes effect at once. It is
 * internal; the API does not show it.
 */
public record Cutover(
    Instant switchAt,
    CutoverGuards guards,
    List<SwitchChange> history,
    List<GuardHold> holds,
    String wakeToken) {
  public static final Cutover NONE = new Cutover(null, null, List.of(), List.of());

  public Cutover {
    history = history == null ? List.of() : List.copyOf(history);
    holds = holds == null ? List.of() : List.copyOf(holds);
  }

  /** Without a listener's token. */
  public Cutover(
      Instant switchAt, CutoverGuards guards, List<SwitchChange> history, List<GuardHold> holds) {
    this(switchAt, guards, history, holds, null);
  }

  /** The same setting with the waiting loop's listener token {@code token}. */
  public Cutover withWakeToken(String token) {
    return new Cutover(switchAt, guards, history, holds, token);
  }

  /** The guards in force: the task's overrides over the defaults. */
  public CutoverGuards effectiveGuards() {
    return guards == null ? CutoverGuards.DEFAULTS : guards.withDefaults();
  }

  /** Revision of the switch setting: it changes with every recorded change. */
  public int revision() {
    return history.size();
  }

  public Cutover withChange(SwitchChange change, Instant newSwitchAt, CutoverGuards newGuards) {
    List<SwitchChange> h = new ArrayList<>(history);
    h.add(change);
    return new Cutover(newSwitchAt, newGuards, h, holds, wakeToken);
  }

  /** The open hold, if any. */
  public GuardHold openHold() {
    return holds.isEmpty() || holds.get(holds.size() - 1).until() != null
        ? null
        : holds.get(holds.size() - 1);
  }

  /** Records {@code hold} (a new one, or the open one of the same guard with fresh figures). */
  public Cutover holding(GuardHold hold) {
    List<GuardHold> h = new ArrayList<>(holds);
    GuardHold open = openHold();
    if (open != null && open.guard().equals(hold.guard())) {
      h.set(
          h.size() - 1,
          new GuardHold(
              hold.guard(),
              hold.reason(),
              hold.value(),
              hold.limit(),
              hold.unit(),
              open.since(),
              null));
    } else {
      if (open != null) {
        h.set(h.size() - 1, closed(open, hold.since()));
      }
      h.add(hold);
    }
    return new Cutover(switchAt, guards, history, h, wakeToken);
  }

  /** Closes the open hold at {@code at} (no hold open: unchanged). */
  public Cutover released(Instant at) {
    GuardHold open = openHold();
    if (open == null) {
      return this;
    }
    List<GuardHold> h = new ArrayList<>(holds);
    h.set(h.size() - 1, closed(open, at));
    return new Cutover(switchAt, guards, history, h, wakeToken);
  }

  private static GuardHold closed(GuardHold open, Instant at) {
    return new GuardHold(
        open.guard(), open.reason(), open.value(), open.limit(), open.unit(), open.since(), at);
  }
}
