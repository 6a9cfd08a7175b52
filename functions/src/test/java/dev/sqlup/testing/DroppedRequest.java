package dev.sqlup.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A DynamoDB client that gives up half-way through sending a request and resets the connection, as
 * an SDK call does when its thread is interrupted or its attempt timeout fires mid-write.
 */
public final class DroppedRequest {
  private DroppedRequest() {}

  public static void send(URI endpoint) {
    String head =
        "POST / HTTP/1.1\r\nHost: "
            + endpoint.getHost()
            + ":"
            + endpoint.getPort()
            + "\r\n"
            + "Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
            + "Content-Length: 100\r\n\r\n{\"Limit\":";
    try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(100); // let the server start reading the body
      socket.setSoLinger(true, 0); // close with a reset, not a graceful FIN
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
