package io.switchboard.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Stops a stack's parts in order: the gateway, the other services at once, Kafka, PostgreSQL. */
final class StackShutdown {
  private StackShutdown() {}

  static void run(
      Map<Service, ServiceProcess> services,
      KafkaBroker kafka,
      Postgres postgres,
      Consumer<String> progress) {
    ServiceProcess gateway = services.get(Service.GATEWAY);
    if (gateway != null) {
      quietly(gateway::stop, "gateway", progress);
    }
    List<Thread> stopping = new ArrayList<>();
    for (ServiceProcess process : services.values()) {
      if (process != gateway) {
        String id = process.service().id();
        Thread thread = new Thread(() -> quietly(process::stop, id, progress), "stop-" + id);
        thread.start();
        stopping.add(thread);
      }
    }
    for (Thread thread : stopping) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (kafka != null) {
      quietly(kafka::close, "Kafka", progress);
    }
    if (postgres != null) {
      quietly(postgres::close, "PostgreSQL", progress);
    }
  }

  private static void quietly(Runnable stop, String what, Consumer<String> progress) {
    try {
      stop.run();
    } catch (RuntimeException e) {
      progress.accept("could not stop " + what + ": " + e.getMessage());
    }
  }
}
