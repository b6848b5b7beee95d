package io.switchboard.skill.hook;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** Quartz cron expressions (the dialect of quarkus-scheduler, parsed by its cron-utils), in UTC. */
public final class Crons {

  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

  private Crons() {}

  /** The parsed expression, or an {@link IllegalArgumentException} saying why not. */
  public static Cron parse(String expression) {
    Cron cron = PARSER.parse(expression.trim());
    cron.validate();
    return cron;
  }

  /** The first fire time strictly after {@code after}, if any. */
  public static Optional<Instant> next(String expression, Instant after) {
    return ExecutionTime.forCron(parse(expression))
        .nextExecution(after.atZone(ZoneOffset.UTC))
        .map(t -> t.toInstant());
  }
}
