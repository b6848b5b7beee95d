package io.switchboard.skill.execute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.skill.config.ToolsConfig;
import io.switchboard.skill.tool.Skill;
import io.switchboard.skill.tool.ToolContext;
import io.switchboard.skill.tool.ToolOutcome;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs one tool call on a bounded pool under the configured timeout (504 {@code tool_timeout}, the
 * call is interrupted) and result size (502 {@code tool_result_too_large}). A failure other than a
 * problem becomes 502 {@code tool_failed} without internals.
 */
@ApplicationScoped
public class ToolRunner {

  private static final Logger LOG = Logger.getLogger(ToolRunner.class);

  private final ToolsConfig config;
  private final ObjectMapper json;
  private final ThreadPoolExecutor pool;

  public ToolRunner(ToolsConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
    AtomicInteger count = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            0,
            config.maxConcurrent(),
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "tool-call-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  public ToolOutcome run(Skill skill, String tool, JsonNode arguments, ToolContext context) {
    Future<ToolOutcome> call;
    try {
      call = pool.submit(() -> skill.call(tool, arguments, context));
    } catch (RejectedExecutionException e) {
      throw ToolProblems.busy();
    }
    ToolOutcome outcome;
    try {
      outcome = call.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw ToolProblems.timeout(config.timeout().toSeconds());
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw ToolProblems.failed("The call was interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ProblemException problem) {
        throw problem;
      }
      LOG.warnf("Tool %s/%s failed: %s", skill.id(), tool, e.getCause().getClass().getName());
      throw ToolProblems.failed("The tool failed");
    }
    checkSize(outcome);
    return outcome;
  }

  private void checkSize(ToolOutcome outcome) {
    try {
      if (json.writeValueAsBytes(outcome.result()).length > config.maxResultBytes()) {
        throw ToolProblems.tooLarge(config.maxResultBytes());
      }
    } catch (JsonProcessingException e) {
      throw ToolProblems.failed("The tool's result is not JSON");
    }
  }

  @PreDestroy
  void stop() {
    pool.shutdownNow();
  }
}
