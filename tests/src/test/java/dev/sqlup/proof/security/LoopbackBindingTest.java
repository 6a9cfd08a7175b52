package dev.sqlup.proof.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.local.asl.LocalStepFunctions;
import dev.sqlup.local.asl.http.StepFunctionsHttpServer;
import dev.sqlup.local.runtime.InProcessLambda;
import dev.sqlup.local.runtime.LocalServer;
import dev.sqlup.proof.CfnTemplate;
import dev.sqlup.testing.Dynalite;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 §5: the local runtime binds to loopback only. {@code serve} (LocalServer: dynalite and
 * the API Gateway emulator) and the Step Functions HTTP API are started for real; each port answers
 * on 127.0.0.1, the kernel lists its listening socket as bound to a loopback address only, and it
 * refuses connections on every non-loopback address of this machine. The kernel's table (Linux's
 * /proc/net/tcp and tcp6) decides even on a machine with no other address, so the test never skips.
 */
class LoopbackBindingTest {

  @Test
  void serveAndStepFunctionsApi_listenOnLoopbackOnly() throws Exception {
    List<InetAddress> external = nonLoopbackAddresses();
    var root = Dynalite.projectRoot();
    Map<String, Integer> ports = new LinkedHashMap<>();
    try (LocalServer serve =
            LocalServer.start(
                new LocalServer.Config(
                    CfnTemplate.defaultPath(root),
                    root,
                    0,
                    freePort(),
                    freePort(),
                    "real",
                    java.time.Instant.now(),
                    null,
                    null,
                    InProcessLambda.SERVICES_CLASS),
                line -> {});
        LocalStepFunctions engine = LocalStepFunctions.local();
        StepFunctionsHttpServer sfn = new StepFunctionsHttpServer(engine, 0).start()) {
      ports.put("API Gateway emulator", serve.api().port());
      ports.put("dynalite", serve.dynamoDbEndpoint().getPort());
      ports.put("serve's Step Functions API", serve.stepFunctionsEndpoint().getPort());
      ports.put("Step Functions API", sfn.port());
      for (Map.Entry<String, Integer> p : ports.entrySet()) {
        assertThat(connects(InetAddress.getLoopbackAddress(), p.getValue()))
            .as(p.getKey() + " on loopback")
            .isTrue();
        assertThat(listeningAddresses(p.getValue()))
            .as(p.getKey() + ": the addresses the kernel lists it as listening on")
            .isNotEmpty()
            .allMatch(LoopbackBindingTest::isLoopback);
        for (InetAddress address : external) {
          assertThat(connects(address, p.getValue()))
              .as(p.getKey() + " on " + address.getHostAddress())
              .isFalse();
        }
      }
    }
    String summary = "loopback only: " + ports + " answer on 127.0.0.1 and refuse " + external;
    System.out.println(summary);
    dev.sqlup.proof.Docs.write(
        "RELIABILITY.md",
        "## Security: loopback binding",
        "## Security: loopback binding\n\n"
            + "Command: `mvn -B -o -pl tests -am verify -Dtest=LoopbackBindingTest -Dsurefire.failIfNoSpecifiedTests=false "
            + "-Dproof.docs=true` (runs in every `mvn verify`).\n\nResult: "
            + summary
            + "\n");
  }

  @Test
  void connectionProbe_seesAServerBoundToAllInterfaces() throws Exception {
    // The probe itself must be able to fail: a socket bound to the wildcard address accepts on
    // every interface.
    List<InetAddress> external = nonLoopbackAddresses();
    try (ServerSocket open = new ServerSocket()) {
      open.bind(new InetSocketAddress(0));
      assertThat(listeningAddresses(open.getLocalPort()))
          .isNotEmpty()
          .noneMatch(LoopbackBindingTest::isLoopback);
      for (InetAddress address : external) {
        assertThat(connects(address, open.getLocalPort())).as(address.getHostAddress()).isTrue();
      }
    }
  }

  /**
   * The local addresses of the sockets listening on {@code port}, as the kernel writes them in
   * /proc/net/tcp and /proc/net/tcp6 (hex, e.g. 0100007F for 127.0.0.1).
   */
  private static List<String> listeningAddresses(int port) throws IOException {
    List<String> addresses = new java.util.ArrayList<>();
    assertThat(java.nio.file.Path.of("/proc/net/tcp"))
        .as("/proc/net/tcp is missing: this test reads Linux's socket table (run it on Linux)")
        .exists();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      java.nio.file.Path path = java.nio.file.Path.of(table);
      if (!java.nio.file.Files.exists(path)) {
        continue; // no IPv6 in this kernel: nothing can listen there
      }
      for (String line : java.nio.file.Files.readAllLines(path)) {
        String[] f = line.trim().split("\\s+");
        // sl local_address rem_address st ...; st 0A is LISTEN
        if (f.length > 3 && f[1].contains(":") && f[3].equals("0A")) {
          String[] local = f[1].split(":");
          if (Integer.parseInt(local[1], 16) == port) {
            addresses.add(local[0]);
          }
        }
      }
    }
    return addresses;
  }

  /** 127.0.0.0/8 (little-endian hex: last byte 7F) or ::1 (or ::ffff:127.x.x.x). */
  private static boolean isLoopback(String hex) {
    return hex.length() == 8
        ? hex.endsWith("7F")
        : hex.equals("00000000000000000000000001000000")
            || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
  }

  private static boolean connects(InetAddress address, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 500);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
    return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .filter(
            i -> {
              try {
                return i.isUp() && !i.isLoopback();
              } catch (SocketException e) {
                return false;
              }
            })
        .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
        .toList();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
