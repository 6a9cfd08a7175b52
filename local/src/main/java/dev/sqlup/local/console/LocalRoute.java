package dev.sqlup.local.console;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * A read-only route the local runtime serves beside the template's API routes (the web console and
 * what it reads that the deployed API has no route for). Consulted before the template's routes;
 * paths it answers must not overlap them.
 */
public interface LocalRoute {

  /**
   * Answers the exchange when this route serves its path.
   *
   * @return the HTTP status sent, or -1 when the path is not this route's (nothing was sent)
   */
  int handle(HttpExchange exchange) throws IOException;
}
