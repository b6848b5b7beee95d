package io.switchboard.pipeline.template.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.defaults.page.PageRequest;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.pipeline.template.PipelineTemplate;
import io.switchboard.pipeline.template.StageDefinition;
import io.switchboard.pipeline.template.rest.TemplateDtos.TemplateList;
import io.switchboard.pipeline.template.rest.TemplateDtos.TemplateRequest;
import io.switchboard.pipeline.template.rest.TemplateDtos.TemplateView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user's templates. */
@ApplicationScoped
public class TemplateService {

  private static final TypeReference<List<StageDefinition>> STAGES = new TypeReference<>() {};

  private final TemplateValidator validator;
  private final ObjectMapper json;

  public TemplateService(TemplateValidator validator, ObjectMapper json) {
    this.validator = validator;
    this.json = json;
  }

  @Transactional
  public TemplateList list(UUID userId, PageRequest page) {
    List<TemplateView> items =
        PipelineTemplate.<PipelineTemplate>find("userId = ?1 order by createdAt desc, id", userId)
            .range(page.offset(), page.offset() + page.limit() - 1)
            .list()
            .stream()
            .map(this::view)
            .toList();
    return new TemplateList(items, page.meta(PipelineTemplate.count("userId", userId)));
  }

  @Transactional
  public TemplateView create(UUID userId, TemplateRequest request) {
    List<StageDefinition> stages = validator.validate(request.stages());
    PipelineTemplate t = new PipelineTemplate();
    t.id = UUID.randomUUID();
    t.userId = userId;
    t.createdAt = Instant.now();
    apply(t, request, stages);
    t.persist();
    return view(t);
  }

  @Transactional
  public TemplateView replace(UUID userId, UUID id, TemplateRequest request) {
    PipelineTemplate t = owned(userId, id);
    apply(t, request, validator.validate(request.stages()));
    return view(t);
  }

  @Transactional
  public void delete(UUID userId, UUID id) {
    owned(userId, id).delete();
  }

  /** The caller's template, or 404 (also for another user's). */
  public PipelineTemplate owned(UUID userId, UUID id) {
    return PipelineTemplate.<PipelineTemplate>find("id = ?1 and userId = ?2", id, userId)
        .firstResultOptional()
        .orElseThrow(() -> ProblemException.notFound("Template"));
  }

  public List<StageDefinition> stages(PipelineTemplate t) {
    try {
      return json.readValue(t.stages, STAGES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable stages of template " + t.id, e);
    }
  }

  public TemplateView view(PipelineTemplate t) {
    return new TemplateView(t.id, t.name, t.description, stages(t), t.createdAt, t.updatedAt);
  }

  private void apply(PipelineTemplate t, TemplateRequest request, List<StageDefinition> stages) {
    t.name = request.name().strip();
    t.description = request.description();
    t.updatedAt = Instant.now();
    try {
      t.stages = json.writeValueAsString(stages);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
