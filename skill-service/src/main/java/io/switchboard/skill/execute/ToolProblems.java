package io.switchboard.skill.execute;

import io.switchboard.defaults.problem.ProblemException;

/** The problems of tool execution, with their stable codes. */
public final class ToolProblems {

  private ToolProblems() {}

  public static ProblemException timeout(long seconds) {
    return ProblemException.of(
        504, "tool_timeout", "Tool timed out", "The tool did not answer within " + seconds + "s");
  }

  public static ProblemException tooLarge(int max) {
    return ProblemException.of(
        502,
        "tool_result_too_large",
        "Tool result too large",
        "The tool's result is larger than " + max + " bytes");
  }

  public static ProblemException failed(String detail) {
    return ProblemException.of(502, "tool_failed", "Tool failed", detail);
  }

  public static ProblemException unavailable(String detail) {
    return ProblemException.of(503, "skill_unavailable", "Skill unavailable", detail);
  }

  public static ProblemException disabled(String skill) {
    return ProblemException.of(
        409, "skill_disabled", "Skill disabled", "The skill " + skill + " is disabled");
  }

  public static ProblemException busy() {
    return ProblemException.of(
        503, "too_busy", "Too busy", "Too many tool calls are running; try again shortly");
  }

  public static ProblemException unknownSecret(String name) {
    return ProblemException.of(
        400, "unknown_secret", "Unknown secret", "No credential named " + name + " in your vault");
  }
}
