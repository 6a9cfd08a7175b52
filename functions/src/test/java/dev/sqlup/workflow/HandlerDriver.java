package dev.sqlup.workflow;

import java.util.ArrayList;
import dev.sqlup.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the phase handlers in the order statemachine/upgrade.asl.json chains them (Task → Choice($.done)
 * → Wait($.waitSeconds) → Task, window wait, Catch → Compensate), moving the virtual clock instead of
 * waiting. Unit-level stand-in for the ASL engine; the end-to-end tests in {@code tests/} run the real
 * definition on the embedded engine.
 */
final class HandlerDriver {
  private final WorkflowFixture.VirtualClock clock;
  private final Workflow workflow;
  final List<String> trace = new ArrayList<>();
  int invocations;

  HandlerDriver(WorkflowFixture fixture) {
    this(fixture, WorkflowServices.workflow(fixture.services));
  }

  /** Runs the handlers on {@code workflow} (for example with a data plane wrapped to inject faults). */
  HandlerDriver(WorkflowFixture fixture, Workflow workflow) {
    this.clock = fixture.clock;
    this.workflow = workflow;
  }

  UpgradeState run(String taskId, String instanceId) {
    UpgradeState state = UpgradeState.start(taskId, instanceId);
    try {
      state = once("Precheck", new PrecheckHandler(workflow), state);
      state = loop("CreateTarget", new CreateTargetHandler(workflow), state);
      state = loop("FullBackup", new FullBackupHandler(workflow), state);
      state = loop("RestoreFull", new RestoreFullHandler(workflow), state);
      state = loop("LogCatchUp", new CatchUpHandler(workflow), state);
      state = once("ChooseSwitchTime", new SwitchTimeHandler(workflow), state);
      // The switch loop of the machine: RouteNext → Wait → KeepShipping, or FinalCatchUp → CheckWindow.
      while (!SwitchPlan.SWITCH.equals(state.switchPlan().next())) {
        if (SwitchPlan.CHECK.equals(state.switchPlan().next())) {
          state = loop("FinalCatchUp", new CatchUpHandler(workflow), state);
          state = once("CheckWindow", new CheckWindowHandler(workflow), state);
        } else {
          clock.advanceSeconds(state.waitSeconds());
          state = once("KeepShipping", new KeepShippingHandler(workflow), state);
        }
      }
      state = loop("Switchover", new SwitchoverHandler(workflow), state);
      state = loop("MoveEndpoint", new MoveEndpointHandler(workflow), state);
      return once("Finalize", new FinalizeHandler(workflow), state);
    } catch (RuntimeException e) {
      trace.add("Catch " + e.getClass().getName() + ": " + e.getMessage());
      Map<String, Object> cause = new LinkedHashMap<>();
      cause.put("errorMessage", e.getMessage());
      cause.put("errorType", e.getClass().getName());
      Map<String, Object> error = Map.of("Error", e.getClass().getName(), "Cause", Json.write(cause));
      UpgradeState caught = new UpgradeState(state.taskId(), state.instanceId(), state.done(), state.waitSeconds(),
          state.target(), state.databases(), state.switchPlan(), state.endpoint(), error, null, null);
      return once("Compensate", new CompensateHandler(workflow), caught);
    }
  }

  private UpgradeState loop(String name, PhaseHandler handler, UpgradeState state) {
    UpgradeState s = once(name, handler, state);
    while (!Boolean.TRUE.equals(s.done())) {
      clock.advanceSeconds(s.waitSeconds());
      s = once(name, handler, s);
    }
    return s;
  }

  private UpgradeState once(String name, PhaseHandler handler, UpgradeState state) {
    invocations++;
    trace.add(clock.instant() + " " + name);
    return handler.handle(state);
  }
}
