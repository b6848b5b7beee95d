package io.switchboard.pipeline.run.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.defaults.page.PageRequest;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.problem.Problem.FieldError;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.pipeline.approval.service.ApprovalService;
import io.switchboard.pipeline.run.PipelineRun;
import io.switchboard.pipeline.run.PipelineStage;
import io.switchboard.pipeline.run.rest.RunDtos.RunDetail;
import io.switchboard.pipeline.run.rest.RunDtos.RunList;
import io.switchboard.pipeline.run.rest.RunDtos.RunView;
import io.switchboard.pipeline.run.rest.RunDtos.StageView;
import io.switchboard.pipeline.template.PipelineTemplate;
import io.switchboard.pipeline.template.StageDefinition;
import io.switchboard.pipeline.template.service.References;
import io.switchboard.pipeline.template.service.TemplateService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/** Starting, reading and stopping a user's runs. */
@ApplicationScoped
public class RunService {

  /**
   * What a stop left to do after its commit: the agent to cancel, or skill-service's approval
   * request of a waiting tool stage to withdraw, if any.
   */
  public record Stopped(RunView run, String agentId, String toolApprovalId) {}

  private final TemplateService templates;
  private final RunEvents events;
  private final ApprovalService approvals;
  private final ObjectMapper json;

  public RunService(
      TemplateService templates, RunEvents events, ApprovalService approvals, ObjectMapper json) {
    this.templates = templates;
    this.events = events;
    this.approvals = approvals;
    this.json = json;
  }

  @Transactional
  public RunView start(UUID userId, UUID templateId, JsonNode input) {
    PipelineTemplate template = templates.owned(userId, templateId);
    if (input != null && !input.isNull() && !input.isObject()) {
      throw ProblemException.validation("input", "must be an object");
    }
    JsonNode in = input == null || input.isNull() ? json.createObjectNode() : input;
    List<StageDefinition> stages = templates.stages(template);
    checkInput(stages, in);
    Instant now = Instant.now();
    PipelineRun run = new PipelineRun();
    run.id = UUID.randomUUID();
    run.userId = userId;
    run.templateId = template.id;
    run.name = template.name;
    run.status = PipelineRun.PENDING;
    run.currentStage = 0;
    run.currentStageName = stages.get(0).name();
    run.input = in.toString();
    run.createdAt = now;
    run.startedAt = now;
    run.nextCheckAt = now;
    run.persist();
    for (int i = 0; i < stages.size(); i++) {
      StageDefinition d = stages.get(i);
      PipelineStage s = new PipelineStage();
      s.id = UUID.randomUUID();
      s.runId = run.id;
      s.index = i;
      s.name = d.name();
      s.type = d.type();
      s.config = d.config().toString();
      s.maxRetries = d.maxRetries();
      s.timeoutSeconds = d.timeoutSeconds();
      s.status = PipelineStage.PENDING;
      s.persist();
    }
    events.publish(run, RunEvents.STARTED, null);
    return RunView.of(run);
  }

  @Transactional
  public RunList list(UUID userId, PageRequest page) {
    List<RunView> items =
        PipelineRun.<PipelineRun>find("userId = ?1 order by createdAt desc, id", userId)
            .range(page.offset(), page.offset() + page.limit() - 1)
            .list()
            .stream()
            .map(RunView::of)
            .toList();
    return new RunList(items, page.meta(PipelineRun.count("userId", userId)));
  }

  @Transactional
  public RunDetail get(UUID userId, UUID id) {
    PipelineRun run = owned(userId, id, false);
    List<StageView> stages =
        PipelineStage.<PipelineStage>list("runId = ?1 order by index", id).stream()
            .map(StageView::of)
            .toList();
    return new RunDetail(RunView.of(run), stages);
  }

  /** Stops an active run; 409 {@code run_finished} when it has already ended. */
  @Transactional
  public Stopped stop(UUID userId, UUID id) {
    PipelineRun run = owned(userId, id, true);
    if (!run.active()) {
      throw ProblemException.of(
          409, "run_finished", "Conflict", "The run is already " + run.status);
    }
    PipelineStage stage =
        PipelineStage.<PipelineStage>find("runId = ?1 and index = ?2", id, run.currentStage)
            .firstResult();
    String agentId = null;
    String toolApprovalId = null;
    Instant now = Instant.now();
    if (stage != null && !PipelineStage.COMPLETED.equals(stage.status)) {
      if (StageDefinition.AGENT.equals(stage.type)) {
        agentId = stage.externalId;
      } else if (StageDefinition.APPROVAL.equals(stage.type) && stage.externalId != null) {
        approvals.cancel(stage);
      } else if (StageDefinition.TOOL.equals(stage.type)
          && PipelineStage.AWAITING_APPROVAL.equals(stage.status)) {
        toolApprovalId = stage.externalId;
      }
      stage.status = PipelineStage.CANCELLED;
      stage.completedAt = now;
    }
    run.status = PipelineRun.STOPPED;
    run.completedAt = now;
    run.nextCheckAt = null;
    run.leaseOwner = null;
    run.leaseUntil = null;
    events.publish(run, RunEvents.STOPPED, null);
    return new Stopped(RunView.of(run), agentId, toolApprovalId);
  }

  private PipelineRun owned(UUID userId, UUID id, boolean lock) {
    var query = PipelineRun.<PipelineRun>find("id = ?1 and userId = ?2", id, userId);
    if (lock) {
      query = query.withLock(LockModeType.PESSIMISTIC_WRITE);
    }
    return query.firstResultOptional().orElseThrow(() -> ProblemException.notFound("Pipeline run"));
  }

  /** Every {@code {{input.KEY}}} the stages use must be in the input: 422 naming the keys. */
  private static void checkInput(List<StageDefinition> stages, JsonNode input) {
    TreeSet<String> missing = new TreeSet<>();
    for (StageDefinition d : stages) {
      References.strings(
          d.config(),
          text ->
              References.in(text).stream()
                  .filter(r -> r != null && r.input() && !input.has(r.key()))
                  .forEach(r -> missing.add(r.key())));
    }
    if (!missing.isEmpty()) {
      List<FieldError> errors = new ArrayList<>();
      missing.forEach(k -> errors.add(new FieldError("input." + k, "is required by the template")));
      throw new ProblemException(
          Problem.of(422, "missing_input", "Unprocessable request", "The input lacks keys")
              .withErrors(errors));
    }
  }
}
