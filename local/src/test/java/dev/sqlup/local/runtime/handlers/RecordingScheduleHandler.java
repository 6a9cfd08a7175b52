package dev.sqlup.local.runtime.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the scheduled events it receives (a static list: the test reads it back). */
public final class RecordingScheduleHandler implements RequestHandler<ScheduledEvent, String> {
  public static final List<ScheduledEvent> RECEIVED = new CopyOnWriteArrayList<>();

  @Override
  public String handleRequest(ScheduledEvent event, Context context) {
    RECEIVED.add(event);
    return "ok";
  }
}
