package dev.sqlup.local.asl.runtime;

import dev.sqlup.local.asl.model.HistoryListener;
import dev.sqlup.local.asl.state.MapRuns;
import dev.sqlup.local.asl.task.TaskServices;
import dev.sqlup.local.asl.task.TaskTokens;
import java.util.concurrent.ExecutorService;
import java.util.random.RandomGenerator;

/** What every execution of one engine shares. */
public record EngineServices(
    EngineClock clock,
    TaskServices tasks,
    TaskTokens tokens,
    ExecutorService workers,
    RandomGenerator random,
    String region,
    String account,
    HistoryListener historyListener,
    int maxHistoryEvents,
    MapRuns mapRuns) {}
