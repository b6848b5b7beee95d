package io.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;

/**
 * Builds a stand-in for {@code quarkus-run.jar}: a tiny HTTP server on {@code QUARKUS_HTTP_PORT}
 * that answers 200 on {@code /health/ready} and dumps its environment to {@code env-<port>.txt} in
 * its working directory; when the working directory holds a file {@code fail}, it logs and exits 3,
 * when it holds {@code hang}, it never answers. A graceful stop (SIGTERM) runs its shutdown hook,
 * which writes {@code graceful-<port>.txt}; a SIGKILL leaves no such file.
 */
final class FakeServiceJar {
  private static final String SOURCE =
      """
      import com.sun.net.httpserver.*;
      import java.net.InetSocketAddress;
      import java.nio.file.*;
      import java.util.*;
      public class Fake implements HttpHandler {
        public static void main(String[] args) throws Exception {
          String port = System.getenv("QUARKUS_HTTP_PORT");
          if (Files.exists(Path.of("fail"))) {
            for (int i = 1; i <= 40; i++) System.out.println("log line " + i);
            System.err.println("boom: cannot start");
            System.exit(3);
          }
          if (Files.exists(Path.of("hang"))) {
            System.out.println("hanging before the HTTP server starts");
            Thread.sleep(600_000);
          }
          StringBuilder env = new StringBuilder();
          new TreeMap<>(System.getenv()).forEach((k, v) -> env.append(k).append('=').append(v).append('\\n'));
          Files.writeString(Path.of("env-" + port + ".txt"), env);
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try { Files.writeString(Path.of("graceful-" + port + ".txt"), "bye"); } catch (Exception e) { }
          }));
          HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(port)), 0);
          server.createContext("/", new Fake());
          server.start();
          System.out.println("started on " + port);
        }
        public void handle(HttpExchange exchange) throws java.io.IOException {
          int code = exchange.getRequestURI().getPath().equals("/health/ready") ? 200 : 404;
          exchange.sendResponseHeaders(code, -1);
          exchange.close();
        }
      }
      """;

  private FakeServiceJar() {}

  /** Compiles the fake and installs it as the jar of every service below {@code root}. */
  static void install(Path root) throws IOException {
    Path src = Files.createDirectories(root.resolve("fake-src"));
    Files.writeString(src.resolve("Fake.java"), SOURCE);
    int rc =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", src.toString(), src.resolve("Fake.java").toString());
    assertEquals(0, rc, "compiling the fake service");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Fake");
    Path jar = root.resolve("fake.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
      jarOut.putNextEntry(new JarEntry("Fake.class"));
      jarOut.write(Files.readAllBytes(src.resolve("Fake.class")));
      jarOut.closeEntry();
    }
    for (Service service : Service.values()) {
      Path target = StackConfig.builtIn(root).repoRoot().resolve(service.moduleDir());
      Path dest = target.resolve("target/quarkus-app/quarkus-run.jar");
      Files.createDirectories(dest.getParent());
      Files.copy(jar, dest);
    }
  }
}
