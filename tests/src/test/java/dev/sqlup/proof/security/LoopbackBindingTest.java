package dev.sqlup.proof.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * on 127.0.0.1 and refuses connections on every non-loopback address of this machine.
 */
class LoopbackBindingTest {

  @Test
  void serveAndStepFunctionsApi_listenOnLoopbackOnly() throws Exception {
    List<InetAddress> external = nonLoopbackAddresses();
    assumeTrue(!external.isEmpty(), "this machine has no non-loopback IPv4 address to try");
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
    assumeTrue(!external.isEmpty(), "this machine has no non-loopback IPv4 address to try");
    try (ServerSocket open = new ServerSocket()) {
      open.bind(new InetSocketAddress(0));
      assertThat(connects(external.get(0), open.getLocalPort())).isTrue();
    }
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
