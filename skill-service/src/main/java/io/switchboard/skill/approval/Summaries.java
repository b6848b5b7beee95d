package io.switchboard.skill.approval;

import io.switchboard.skill.execute.ToolCall;

/** The one-line summary of a call shown to the user who must approve it. */
final class Summaries {

  private static final int MAX_ARGUMENTS = 300;

  private Summaries() {}

  static String of(ToolCall call) {
    String args = call.arguments() == null ? "{}" : call.arguments().toString();
    if (args.length() > MAX_ARGUMENTS) {
      args = args.substring(0, MAX_ARGUMENTS) + "…";
    }
    return "Run " + call.skillId() + "." + call.tool() + " with " + args;
  }
}
