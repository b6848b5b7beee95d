package io.switchboard.skill.builtin.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.skill.builtin.BuiltinSkill;
import io.switchboard.skill.tool.PermissionLevel;
import io.switchboard.skill.tool.Schemas;
import io.switchboard.skill.tool.ToolContext;
import io.switchboard.skill.tool.ToolOutcome;
import io.switchboard.skill.tool.ToolSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code time}: the current time in a zone, and a time converted from one zone to another. */
@ApplicationScoped
public class TimeSkill implements BuiltinSkill {

  private static final List<ToolSpec> TOOLS =
      List.of(
          new ToolSpec(
              "now",
              "The current date and time in an IANA time zone (UTC when none is given).",
              Schemas.parse(
                  """
                  {"type":"object","additionalProperties":false,
                   "properties":{"timezone":{"type":"string","maxLength":64,
                     "description":"IANA zone, e.g. Europe/Paris"}}}\
                  """),
              PermissionLevel.ALLOW),
          new ToolSpec(
              "convert",
              "Converts a date-time from one time zone to another. 'time' is ISO-8601: with an"
                  + " offset (2026-05-01T10:00:00Z) or local (2026-05-01T10:00) in 'from'.",
              Schemas.parse(
                  """
                  {"type":"object","additionalProperties":false,"required":["time","to"],
                   "properties":{"time":{"type":"string","maxLength":64},
                     "from":{"type":"string","maxLength":64},
                     "to":{"type":"string","maxLength":64}}}\
                  """),
              PermissionLevel.ALLOW));

  private final Clock clock;

  public TimeSkill() {
    this(Clock.systemUTC());
  }

  TimeSkill(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String id() {
    return "time";
  }

  @Override
  public String description() {
    return "Current time and time-zone conversion.";
  }

  @Override
  public List<ToolSpec> tools() {
    return TOOLS;
  }

  @Override
  public ToolOutcome call(String tool, JsonNode arguments, ToolContext context) {
    try {
      return switch (tool) {
        case "now" -> ToolOutcome.ok(now(zone(arguments.path("timezone").asText("UTC"))));
        case "convert" -> ToolOutcome.ok(convert(arguments));
        default -> ToolOutcome.error("Unknown tool " + tool);
      };
    } catch (DateTimeParseException e) {
      return ToolOutcome.error("Not an ISO-8601 date-time: " + e.getParsedString());
    } catch (DateTimeException e) {
      return ToolOutcome.error(e.getMessage());
    }
  }

  private ObjectNode now(ZoneId zone) {
    return describe(Instant.now(clock).atZone(zone));
  }

  private ObjectNode convert(JsonNode arguments) {
    String time = arguments.path("time").asText();
    ZoneId to = zone(arguments.path("to").asText());
    ZonedDateTime source;
    if (arguments.hasNonNull("from")) {
      ZoneId from = zone(arguments.path("from").asText());
      source = parseIn(time, from);
    } else {
      source = OffsetDateTime.parse(time).toZonedDateTime();
    }
    return describe(source.withZoneSameInstant(to));
  }

  private static ZonedDateTime parseIn(String time, ZoneId from) {
    try {
      return OffsetDateTime.parse(time).atZoneSameInstant(from);
    } catch (DateTimeParseException notOffset) {
      return LocalDateTime.parse(time).atZone(from);
    }
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new DateTimeException("Unknown time zone: " + id);
    }
  }

  private static ObjectNode describe(ZonedDateTime time) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("iso", time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .put("timezone", time.getZone().getId())
        .put("utcOffset", time.getOffset().getId())
        .put("epochMillis", time.toInstant().toEpochMilli())
        .put("dayOfWeek", time.getDayOfWeek().name());
  }
}
